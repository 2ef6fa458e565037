// OAuth 2 authorization code (exports/oauth_tokens.h, net/oauth2.h) against a
// token service in the test that rotates refresh tokens as Fortnox does (a
// refresh token is good once; the old one then answers invalid_grant): the
// state is checked and single use, the code is exchanged with Basic auth and
// a form, the pair is sealed at rest, a refresh rotates it, two refreshes at
// once (two processes on one database) make one call, and a refused refresh
// turns into "connect again" without retries.
#include "exports/oauth_tokens.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

#include "books/company.h"
#include "exports/connector.h"
#include "store/store.h"

namespace dagbok {
namespace {

using nlohmann::json;

constexpr const char* kHexKey = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

const OAuthKind kKind{"fortnox", "Fortnox", "https://apps.fortnox.se/oauth-v1", "/auth", "/token",
                      {"bookkeeping", "companyinformation"}, {{"access_type", "offline"}}};

// The token service: codes good once, refresh tokens good once (rotated).
class TokenService final : public net::HttpClient {
 public:
  Result<net::HttpResponse> send(const net::HttpRequest& rq) override {
    std::lock_guard lock(mu_);
    ++calls;
    last_auth.clear();
    for (const auto& [k, v] : rq.headers)
      if (k == "Authorization") last_auth = v;
    const std::string grant = net::query_value("?" + rq.body, "grant_type");
    if (rq.url != "https://auth.test/oauth-v1/token" || rq.method != "POST") return answer(404, R"({"error":"nf"})");
    if (last_auth != "Basic " + net::base64_encode("dagbok-id:dagbok-secret"))
      return answer(401, R"({"error":"invalid_client","error_description":"Invalid client credentials"})");
    if (grant == "authorization_code") {
      const std::string code = net::query_value("?" + rq.body, "code");
      if (!codes.count(code) || net::query_value("?" + rq.body, "redirect_uri") != "https://dagbok.test/cb")
        return answer(400, R"({"error":"invalid_grant","error_description":"Invalid authorization code"})");
      codes.erase(code);
      return issue();
    }
    if (grant == "refresh_token") {
      ++refreshes;
      if (delay.count()) std::this_thread::sleep_for(delay);
      const std::string r = net::query_value("?" + rq.body, "refresh_token");
      if (r != live_refresh)
        return answer(400, R"({"error":"invalid_grant","error_description":"Invalid refresh token"})");
      return issue();
    }
    return answer(400, R"({"error":"unsupported_grant_type"})");
  }

  std::mutex mu_;
  std::set<std::string> codes{"code-1"};
  std::string live_refresh;
  int serial = 0, calls = 0, refreshes = 0;
  int64_t expires_in = 3600;
  std::chrono::milliseconds delay{0};
  std::string last_auth;

 private:
  static net::HttpResponse answer(int status, std::string body) {
    net::HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    return r;
  }
  net::HttpResponse issue() {
    ++serial;
    live_refresh = "refresh-" + std::to_string(serial);
    return answer(200, json{{"access_token", "access-" + std::to_string(serial)},
                            {"refresh_token", live_refresh},
                            {"expires_in", expires_in},
                            {"token_type", "bearer"},
                            {"scope", "bookkeeping companyinformation"}}
                           .dump());
  }
};

struct FakeTime {
  std::atomic<int64_t> now{1'800'000'000'000};
  ConnectorState::Time time() {
    return {[this] { return now.load(); }, [this](std::chrono::milliseconds d) { now += d.count(); }};
  }
};

class OAuthTokensTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("dagbok-oauth-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = (dir_ / "books.db").string();
    std::unique_ptr<Store> store = open_store(db_).value();
    Company c;
    c.slug = "kaffebaren";
    c.name = "Kaffebaren AB";
    c.orgnr = "556677-8899";
    c.timezone = "Europe/Stockholm";
    company_ = store->create_company(c).value();
    host_.env = env_from_map({{"DAGBOK_MASTER_KEY", kHexKey}});
    host_.config = [] {
      Config cfg;
      cfg.oauth_apps["fortnox"] = OAuthAppConfig{"dagbok-id", "dagbok-secret", "", "", "https://auth.test/oauth-v1/", "test"};
      return Result<Config>(cfg);
    };
    const std::string db = db_;
    host_.state_store = [db]() -> Result<std::unique_ptr<ConnectorStateStore>> {
      ASSIGN_OR_RETURN(std::unique_ptr<Store> s, open_store(db));
      return std::unique_ptr<ConnectorStateStore>(std::move(s));
    };
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Connected with code-1 through a begun state.
  void connect(ConnectorState& state) {
    OAuthTokens t(service_, state, host_, kKind, company_);
    const std::string url = t.begin(7, "https://dagbok.test/cb").value();
    const OAuthBegun b = OAuthTokens::take_state(state, "fortnox", net::query_value(url, "state")).value();
    ASSERT_TRUE(t.finish("code-1", b.redirect_uri).ok());
  }

  std::filesystem::path dir_;
  std::string db_;
  int64_t company_ = 0;
  ConnectorHost host_;
  TokenService service_;
};

TEST_F(OAuthTokensTest, TheAuthorizeUrlCarriesTheClientTheScopesAndAStateGoodOnce) {
  FakeTime clock;
  ConnectorState state(host_, clock.time());
  OAuthTokens t(service_, state, host_, kKind, company_);
  const std::string url = t.begin(7, "https://dagbok.test/cb").value();
  EXPECT_EQ(url.rfind("https://auth.test/oauth-v1/auth?", 0), 0u) << url;
  EXPECT_EQ(net::query_value(url, "client_id"), "dagbok-id");
  EXPECT_EQ(net::query_value(url, "response_type"), "code");
  EXPECT_EQ(net::query_value(url, "redirect_uri"), "https://dagbok.test/cb");
  EXPECT_EQ(net::query_value(url, "scope"), "bookkeeping companyinformation");
  EXPECT_EQ(net::query_value(url, "access_type"), "offline");
  const std::string st = net::query_value(url, "state");
  ASSERT_GT(st.size(), 40u);

  EXPECT_EQ(OAuthTokens::take_state(state, "fortnox", st.substr(0, st.size() - 1) + "x").error().code(),
            ErrorCode::kNotFound);  // forged
  EXPECT_EQ(OAuthTokens::take_state(state, "visma", st).error().code(), ErrorCode::kNotFound);  // another kind
  Result<OAuthBegun> b = OAuthTokens::take_state(state, "fortnox", st);
  ASSERT_TRUE(b.ok()) << b.error().message();
  EXPECT_EQ(b->company_id, company_);
  EXPECT_EQ(b->user_id, 7);
  EXPECT_EQ(OAuthTokens::take_state(state, "fortnox", st).error().code(), ErrorCode::kNotFound);  // replayed

  const std::string late = net::query_value(t.begin(7, "https://dagbok.test/cb").value(), "state");
  clock.now += 11 * 60 * 1000;
  EXPECT_EQ(OAuthTokens::take_state(state, "fortnox", late).error().code(), ErrorCode::kNotFound);  // expired
}

TEST_F(OAuthTokensTest, TheCodeIsExchangedAndThePairSealedAtRest) {
  FakeTime clock;
  ConnectorState state(host_, clock.time());
  connect(state);
  EXPECT_EQ(service_.last_auth, "Basic " + net::base64_encode("dagbok-id:dagbok-secret"));
  OAuthTokens t(service_, state, host_, kKind, company_);
  EXPECT_EQ(t.connection().value(), OAuthConnection::kConnected);
  EXPECT_EQ(t.access_token().value(), "access-1");
  const std::string raw = state.get(company_, "fortnox", "oauth_pair").value().value();
  EXPECT_EQ(raw.rfind("sbx1:", 0), 0u);
  EXPECT_EQ(raw.find("access-1"), std::string::npos);
  EXPECT_EQ(raw.find("refresh-1"), std::string::npos);
  // A code is good once.
  Status again = t.finish("code-1", "https://dagbok.test/cb");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(again.error().message().find("Invalid authorization code"), std::string::npos) << again.error().message();
}

TEST_F(OAuthTokensTest, AnExpiredTokenIsRefreshedAndTheRefreshTokenRotated) {
  FakeTime clock;
  ConnectorState state(host_, clock.time());
  connect(state);
  OAuthTokens t(service_, state, host_, kKind, company_);
  EXPECT_EQ(t.access_token().value(), "access-1");
  EXPECT_EQ(service_.refreshes, 0);
  clock.now += 3600 * 1000 - 59 * 1000;  // less than a minute left: renewed
  EXPECT_EQ(t.access_token().value(), "access-2");
  EXPECT_EQ(service_.refreshes, 1);
  EXPECT_EQ(service_.live_refresh, "refresh-2");
  // A 401 for the token: forgotten, the next call refreshes once more.
  ASSERT_TRUE(t.forget_access_token("access-2").ok());
  EXPECT_EQ(t.access_token().value(), "access-3");
  ASSERT_TRUE(t.forget_access_token("access-2").ok());  // an old token: nothing happens
  EXPECT_EQ(t.access_token().value(), "access-3");
  EXPECT_EQ(service_.refreshes, 2);
}

TEST_F(OAuthTokensTest, TwoProcessesRefreshingAtOnceMakeOneCallAndBothGetTheNewToken) {
  ConnectorState boot(host_);
  service_.expires_in = 1;  // kept one second
  connect(boot);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  service_.delay = std::chrono::milliseconds(300);
  std::string got[4];
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; ++i)
    workers.emplace_back([&, i] {
      ConnectorState own(host_);  // its own connection to the database, as another process has
      OAuthTokens t(service_, own, host_, kKind, company_);
      Result<std::string> r = t.access_token();
      got[i] = r.ok() ? *r : r.error().message();
    });
  for (std::thread& w : workers) w.join();
  EXPECT_EQ(service_.refreshes, 1);
  for (const std::string& g : got) EXPECT_EQ(g, "access-2");
}

TEST_F(OAuthTokensTest, ARefusedRefreshAsksToConnectAgainWithoutRetrying) {
  FakeTime clock;
  ConnectorState state(host_, clock.time());
  connect(state);
  service_.live_refresh = "spent elsewhere";
  clock.now += 3600 * 1000;
  OAuthTokens t(service_, state, host_, kKind, company_);
  Result<std::string> r = t.access_token();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(r.error().message().find("connect Fortnox again"), std::string::npos) << r.error().message();
  EXPECT_NE(r.error().message().find("Invalid refresh token"), std::string::npos) << r.error().message();
  EXPECT_EQ(t.connection().value(), OAuthConnection::kReconnect);
  const int calls = service_.calls;
  EXPECT_FALSE(t.access_token().ok());
  EXPECT_EQ(service_.calls, calls);  // no retry against the service
  // Connecting again ends it.
  service_.codes.insert("code-2");
  OAuthTokens again(service_, state, host_, kKind, company_);
  ASSERT_TRUE(again.finish("code-2", "https://dagbok.test/cb").ok());
  EXPECT_EQ(again.connection().value(), OAuthConnection::kConnected);
  EXPECT_TRUE(again.access_token().ok());
}

TEST_F(OAuthTokensTest, AMissingConfigSectionNamesIt) {
  host_.config = [] { return Result<Config>(Config{}); };
  ConnectorState state(host_);
  OAuthTokens t(service_, state, host_, kKind, company_);
  Result<std::string> r = t.begin(1, "https://dagbok.test/cb");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("[fortnox]"), std::string::npos);
}

TEST(OAuthQuery, ReadsAPastedCallbackAddress) {
  const std::string u = "https://dagbok.test/api/v1/oauth/fortnox/callback?code=ab%2Bc&state=12.ff#x";
  EXPECT_EQ(net::query_value(u, "code"), "ab+c");
  EXPECT_EQ(net::query_value(u, "state"), "12.ff");
  EXPECT_EQ(net::query_value(u, "error"), "");
}

}  // namespace
}  // namespace dagbok
