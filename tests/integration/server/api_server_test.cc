// The back-office server on a loopback port, in-process, over a real SQLite
// file, driven by an HTTP client: logins, CSRF, the login throttle, tenant
// isolation over every route of the OpenAPI file, API tokens, receipts, day
// close and the SIE download (held against the independent sie-check).
#include <httplib.h>

#include <gtest/gtest.h>

#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "auth/api_tokens.h"
#include "auth/users.h"
#include "connectors/email/email_connector.h"
#include "connectors/email/email_destination.h"
#include "connectors/email/memory_mailer.h"
#include "exports/engine.h"
#include "exports/integrations.h"
#include "pipeline/company_setup.h"
#include "server/api_server.h"
#include "server/export_worker.h"
#include "server/openapi.h"
#include "support/smtp_sink.h"
#include "support/temp_dir.h"

namespace dagbok::server {
namespace {

using nlohmann::json;
using testing_support::TempDir;

constexpr const char* kPassword = "correct horse battery";
const std::string kGolden = std::string(DAGBOK_SOURCE_DIR) + "/tests/golden/kaffebaren-2026-11-20/";

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Session {
  std::string cookie;  // "dagbok_session=…"
  std::string csrf;
};

struct Answer {
  int status = 0;
  json body;
  std::string raw;
  httplib::Headers headers;
  std::string error_code() const {
    return body.is_object() && body.contains("error") ? body["error"].value("code", "") : "";
  }
};

// A running server over its own database, with its log captured.
class TestServer {
 public:
  explicit TestServer(const std::string& db, const Clock& clock, ServerOptions o = {})
      : pool_([db] { return open_store(db); }) {
    o.host = "127.0.0.1";
    o.port = 0;
    server_ = std::make_unique<ApiServer>(pool_, clock, o, [this](const std::string& line) {
      std::lock_guard<std::mutex> lock(mu_);
      log_.push_back(line);
    });
    port_ = *server_->bind();
    thread_ = std::thread([this] { ran_ = server_->run(); });
  }
  ~TestServer() { stop(); }
  void stop() {
    if (thread_.joinable()) {
      server_->stop();
      thread_.join();
    }
  }
  int port() const { return port_; }
  std::vector<std::string> log() {
    std::lock_guard<std::mutex> lock(mu_);
    return log_;
  }

  Answer call(const std::string& method, const std::string& path, const std::optional<json>& body = std::nullopt,
              const Session* session = nullptr, const std::string& bearer = "", bool send_csrf = true) {
    httplib::Client cli("127.0.0.1", port_);
    cli.set_read_timeout(30, 0);
    httplib::Headers h;
    if (session) {
      h.emplace("Cookie", session->cookie);
      if (send_csrf) h.emplace("X-CSRF-Token", session->csrf);
    }
    if (!bearer.empty()) h.emplace("Authorization", "Bearer " + bearer);
    const std::string text = body ? body->dump() : "";
    httplib::Result r = method == "GET"    ? cli.Get(path, h)
                        : method == "POST" ? cli.Post(path, h, text, "application/json")
                        : method == "PUT"  ? cli.Put(path, h, text, "application/json")
                                           : cli.Delete(path, h);
    Answer a;
    if (!r) return a;
    a.status = r->status;
    a.raw = r->body;
    a.headers = r->headers;
    a.body = json::parse(r->body, nullptr, false);
    return a;
  }

  Session login(const std::string& email, const std::string& password = kPassword) {
    Answer a = call("POST", "/api/v1/auth/login", json{{"email", email}, {"password", password}});
    EXPECT_EQ(a.status, 200) << a.raw;
    Session s;
    const std::string set_cookie = a.headers.count("Set-Cookie") ? a.headers.find("Set-Cookie")->second : "";
    s.cookie = set_cookie.substr(0, set_cookie.find(';'));
    s.csrf = a.body.value("csrf_token", "");
    return s;
  }

 private:
  StorePool pool_;
  std::unique_ptr<ApiServer> server_;
  int port_ = 0;
  std::thread thread_;
  Status ran_;
  std::mutex mu_;
  std::vector<std::string> log_;
};

// Two companies, each with its people, and a till token for each.
struct World {
  TempDir dir{"dagbok-server"};
  std::string db = dir.file("books.db");
  FixedClock clock{*Instant::parse_rfc3339("2026-11-23T08:00:00+01:00")};
  Company a, b;
  std::string till_a, till_b;

  World() {
    std::unique_ptr<Store> store = *open_store(db);
    a = *create_company(*store, {Country::kSweden, "Kaffebaren AB", "kaffebaren", "556677-8899", "", 300, {}});
    b = *create_company(*store, {Country::kNorway, "Fjordkafeen AS", "fjordkafeen", "", "", 300, {}});
    auto user = [&](const char* email, const Company& c, Role role) {
      EXPECT_TRUE(auth::add_user(*store, {email, "", kPassword, "sv"}, clock).ok());
      EXPECT_TRUE(auth::grant_role(*store, email, c.id, role, auth::ImportRight::kNone).ok());
    };
    user("owner@kaffebaren.se", a, Role::kOwner);
    user("staff@kaffebaren.se", a, Role::kStaff);
    user("owner@fjordkafeen.no", b, Role::kOwner);
    till_a = auth::create_api_token(*store, a.id, "Kassa 1", clock)->token;
    till_b = auth::create_api_token(*store, b.id, "Kasse 1", clock)->token;
  }
};

class ApiServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = new World();
    server_ = new TestServer(world_->db, world_->clock);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete world_;
  }
  static World* world_;
  static TestServer* server_;
  TestServer& srv() { return *server_; }
  World& w() { return *world_; }
  std::string company_path(const Company& c, const std::string& rest) { return "/api/v1/companies/" + c.slug + rest; }
};
World* ApiServerTest::world_ = nullptr;
TestServer* ApiServerTest::server_ = nullptr;

json golden_receipts() {
  json all = json::array();
  std::istringstream in(slurp(kGolden + "receipts.jsonl"));
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) all.push_back(json::parse(line));
  return all;
}

json golden_mapping() {
  json entries = json::array();
  std::istringstream in(slurp(kGolden + "mapping.csv"));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> f;
    std::stringstream ls(line);
    for (std::string x; std::getline(ls, x, ',');) f.push_back(x);
    entries.push_back({{"group", f.at(0)}, {"key", f.at(1)}, {"account", f.at(2)}});
  }
  return entries;
}

TEST_F(ApiServerTest, HealthAndTheOpenApiDocument) {
  EXPECT_EQ(srv().call("GET", "/healthz").status, 200);
  Answer doc = srv().call("GET", "/api/v1/openapi.json");
  EXPECT_EQ(doc.status, 200);
  EXPECT_EQ(doc.raw, std::string(openapi_document()));
  Answer nope = srv().call("GET", "/api/v1/nothing-here");
  EXPECT_EQ(nope.status, 404);
  EXPECT_EQ(nope.error_code(), "not_found");
}

TEST_F(ApiServerTest, LoginSetsAStrictHttpOnlyCookieAndMeNamesTheUser) {
  Answer a = srv().call("POST", "/api/v1/auth/login", json{{"email", "Owner@Kaffebaren.se"}, {"password", kPassword}});
  ASSERT_EQ(a.status, 200) << a.raw;
  const std::string cookie = a.headers.find("Set-Cookie")->second;
  EXPECT_NE(cookie.find("dagbok_session="), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(a.body["csrf_token"].get<std::string>().size(), 64u);
  Session s{cookie.substr(0, cookie.find(';')), a.body["csrf_token"]};
  Answer me = srv().call("GET", "/api/v1/me", std::nullopt, &s);
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.body["user"]["email"], "owner@kaffebaren.se");
  ASSERT_EQ(me.body["companies"].size(), 1u);
  EXPECT_EQ(me.body["companies"][0]["role"], "owner");
  EXPECT_EQ(me.body["companies"][0]["slug"], "kaffebaren");

  // Logout needs the CSRF token, ends the session and clears the cookie.
  EXPECT_EQ(srv().call("POST", "/api/v1/auth/logout", std::nullopt, &s, "", false).status, 403);
  Answer out = srv().call("POST", "/api/v1/auth/logout", std::nullopt, &s);
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(out.headers.find("Set-Cookie")->second.find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(srv().call("GET", "/api/v1/me", std::nullopt, &s).status, 401);
}

TEST_F(ApiServerTest, SecureCookieBehindHttps) {
  httplib::Client cli("127.0.0.1", srv().port());
  httplib::Result r =
      cli.Post("/api/v1/auth/login", {{"X-Forwarded-Proto", "https"}},
               json{{"email", "owner@kaffebaren.se"}, {"password", kPassword}}.dump(), "application/json");
  ASSERT_TRUE(r);
  EXPECT_NE(r->get_header_value("Set-Cookie").find("; Secure"), std::string::npos);
}

TEST_F(ApiServerTest, WrongPasswordAndUnknownUserAnswerAlike) {
  Answer wrong =
      srv().call("POST", "/api/v1/auth/login", json{{"email", "owner@kaffebaren.se"}, {"password", "nope nope nope"}});
  Answer nobody =
      srv().call("POST", "/api/v1/auth/login", json{{"email", "ghost@kaffebaren.se"}, {"password", kPassword}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(nobody.status, 401);
  EXPECT_EQ(wrong.body, nobody.body);
  EXPECT_EQ(wrong.headers.count("Set-Cookie"), 0u);
  Answer missing = srv().call("POST", "/api/v1/auth/login", json{{"email", "owner@kaffebaren.se"}});
  EXPECT_EQ(missing.status, 400);
  EXPECT_NE(missing.body["error"]["message"].get<std::string>().find("password"), std::string::npos);
}

TEST_F(ApiServerTest, StateChangesWithTheCookieNeedTheCsrfToken) {
  Session s = srv().login("owner@kaffebaren.se");
  const json entries = {{"entries", json::array({{{"group", "payment"}, {"key", "Swish"}, {"account", "1930"}}})}};
  Answer no_token = srv().call("PUT", company_path(w().a, "/mapping"), entries, &s, "", false);
  EXPECT_EQ(no_token.status, 403);
  EXPECT_EQ(no_token.error_code(), "csrf");
  Session wrong = s;
  wrong.csrf = std::string(64, 'a');
  EXPECT_EQ(srv().call("PUT", company_path(w().a, "/mapping"), entries, &wrong).error_code(), "csrf");
  // Another session's token does not do either.
  Session other = srv().login("owner@kaffebaren.se");
  wrong.csrf = other.csrf;
  EXPECT_EQ(srv().call("PUT", company_path(w().a, "/mapping"), entries, &wrong).error_code(), "csrf");
  // Reading needs none.
  EXPECT_EQ(srv().call("GET", company_path(w().a, "/mapping"), std::nullopt, &s, "", false).status, 200);
  Answer ok = srv().call("PUT", company_path(w().a, "/mapping"), entries, &s);
  EXPECT_EQ(ok.status, 200) << ok.raw;
}

// The heart of it: whoever has no role in Kaffebaren gets nothing of it, on
// every route the OpenAPI file lists.
TEST_F(ApiServerTest, TenantIsolationOnEveryRoute) {
  const json doc = json::parse(openapi_document());
  Session stranger = srv().login("owner@fjordkafeen.no");
  const std::vector<std::string> secrets = {w().a.name, w().a.orgnr, "owner@kaffebaren.se", "staff@kaffebaren.se"};
  int walked = 0;
  for (const auto& [path_template, item] : doc["paths"].items()) {
    for (const auto& [method_lower, op] : item.items()) {
      std::string method = method_lower;
      for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      const bool is_public = op.contains("security") && op["security"].empty();
      for (const std::string& company : {w().a.slug, std::to_string(w().a.id)}) {
        std::string path = path_template;
        auto put = [&](const std::string& name, const std::string& value) {
          const size_t at = path.find("{" + name + "}");
          if (at != std::string::npos) path.replace(at, name.size() + 2, value);
        };
        put("c", company);
        put("date", "2026-11-20");
        put("id", "1");
        put("kind", "email");
        if (path.find("/sie") != std::string::npos) path += "?from=2026-11-01&to=2026-11-30";
        const json body =
            path.find("/receipts") != std::string::npos ? golden_receipts()
            : path.find("/mapping") != std::string::npos
                ? json{{"entries", json::array({{{"group", "payment"}, {"key", "x"}, {"account", "1930"}}})}}
                : json::object();
        const std::optional<json> send = method == "GET" ? std::nullopt : std::optional<json>(body);
        ++walked;

        Answer nobody = srv().call(method, path, send);
        Answer other_user = srv().call(method, path, send, &stranger);
        Answer other_till = srv().call(method, path, send, nullptr, w().till_b);
        Answer bad_token = srv().call(method, path, send, nullptr, "dagbok_" + std::string(64, '0'));
        if (path == "/api/v1/auth/logout") stranger = srv().login("owner@fjordkafeen.no");  // it did log out
        for (const Answer* ans : {&nobody, &other_user, &other_till, &bad_token})
          for (const std::string& s : secrets)
            EXPECT_EQ(ans->raw.find(s), std::string::npos) << method << " " << path << " leaks '" << s << "'";
        if (is_public) continue;
        EXPECT_EQ(nobody.status, 401) << method << " " << path << ": " << nobody.raw;
        EXPECT_EQ(bad_token.status, 401) << method << " " << path << ": " << bad_token.raw;
        if (path_template.find("{c}") != std::string::npos) {
          EXPECT_TRUE(other_user.status == 403 || other_user.status == 404)
              << method << " " << path << ": " << other_user.raw;
          EXPECT_TRUE(other_till.status == 403 || other_till.status == 404)
              << method << " " << path << ": " << other_till.raw;
        } else {
          // /me, /companies, /auth/logout: the stranger's own things only.
          EXPECT_LT(other_user.status, 500) << method << " " << path;
          EXPECT_EQ(other_till.status, 403) << method << " " << path << ": " << other_till.raw;
        }
      }
    }
  }
  EXPECT_GE(walked, 2 * 17);
  // Nothing of the walk reached Kaffebaren's books.
  Session owner = srv().login("owner@kaffebaren.se");
  Answer receipts = srv().call("POST", company_path(w().a, "/receipts"), golden_receipts(), &owner);
  EXPECT_EQ(receipts.status, 201) << "the walk stored receipts in another company: " << receipts.raw;
}

TEST_F(ApiServerTest, ApiTokensPostReceiptsAndNothingElse) {
  const json one = {
      {"id", "T-1"},
      {"register", "K9"},
      {"time", "2026-11-21T10:00:00+01:00"},
      {"lines",
       json::array({{{"product_group", "Kaffe"}, {"vat_rate", "12"}, {"quantity", "1"}, {"unit_price", "32.00"}}})},
      {"payments", json::array({{{"method", "card"}, {"amount", "32.00"}}})}};
  Answer posted = srv().call("POST", company_path(w().a, "/receipts"), one, nullptr, w().till_a);
  EXPECT_EQ(posted.status, 201) << posted.raw;
  EXPECT_EQ(posted.body["stored"], 1);
  // Posted twice: accepted, nothing changes.
  Answer again = srv().call("POST", company_path(w().a, "/receipts"), json::array({one}), nullptr, w().till_a);
  EXPECT_EQ(again.status, 200) << again.raw;
  EXPECT_EQ(again.body["stored"], 0);
  EXPECT_EQ(again.body["unchanged"], 1);
  // The same id with other content is refused, naming the id.
  json changed = one;
  changed["payments"][0]["method"] = "cash";
  Answer conflict = srv().call("POST", company_path(w().a, "/receipts"), changed, nullptr, w().till_a);
  EXPECT_EQ(conflict.status, 400);
  EXPECT_NE(conflict.raw.find("T-1"), std::string::npos) << conflict.raw;

  for (const char* read :
       {"/vouchers", "/zreports", "/mapping", "/sie?from=2026-11-01&to=2026-11-30", "/notifications"}) {
    Answer a = srv().call("GET", company_path(w().a, read), std::nullopt, nullptr, w().till_a);
    EXPECT_EQ(a.status, 403) << read << ": " << a.raw;
  }
  EXPECT_EQ(srv().call("GET", "/api/v1/me", std::nullopt, nullptr, w().till_a).status, 403);
  EXPECT_EQ(
      srv().call("POST", company_path(w().a, "/days/2026-11-21/close"), json::object(), nullptr, w().till_a).status,
      403);
  // Another company's till cannot post here.
  EXPECT_EQ(srv().call("POST", company_path(w().a, "/receipts"), one, nullptr, w().till_b).status, 404);
}

TEST_F(ApiServerTest, ABadReceiptIsRefusedNamingTheFieldAndNothingIsStored) {
  json bad = golden_receipts();
  bad[2]["payments"][0]["amount"] = "12,50";
  Answer a = srv().call("POST", company_path(w().b, "/receipts"), bad, nullptr, w().till_b);
  EXPECT_EQ(a.status, 400);
  EXPECT_EQ(a.error_code(), "invalid_argument");
  const std::string msg = a.body["error"]["message"];
  EXPECT_NE(msg.find("receipt 3"), std::string::npos) << msg;
  EXPECT_NE(msg.find("amount"), std::string::npos) << msg;
  Answer not_json = srv().call("POST", company_path(w().b, "/receipts"), json("just a string"), nullptr, w().till_b);
  EXPECT_EQ(not_json.status, 400);
  Session owner_b = srv().login("owner@fjordkafeen.no");
  Answer days = srv().call("GET", company_path(w().b, "/zreports"), std::nullopt, &owner_b);
  EXPECT_EQ(days.status, 200);
  EXPECT_TRUE(days.body.empty());
}

TEST_F(ApiServerTest, StaffClosesDaysButCannotReadTheBooksOrChangeTheKontoplan) {
  Session staff = srv().login("staff@kaffebaren.se");
  EXPECT_EQ(srv().call("GET", company_path(w().a, "/zreports"), std::nullopt, &staff).status, 200);
  EXPECT_EQ(srv().call("GET", company_path(w().a, "/mapping"), std::nullopt, &staff).status, 200);
  Answer put =
      srv().call("PUT", company_path(w().a, "/mapping"),
                 json{{"entries", json::array({{{"group", "payment"}, {"key", "x"}, {"account", "1930"}}})}}, &staff);
  EXPECT_EQ(put.status, 403);
  EXPECT_EQ(put.error_code(), "permission_denied");
  EXPECT_EQ(srv().call("GET", company_path(w().a, "/vouchers"), std::nullopt, &staff).status, 403);
  EXPECT_EQ(srv().call("GET", company_path(w().a, "/sie?from=2026-11-01&to=2026-11-30"), std::nullopt, &staff).status,
            403);
}

// Receipts in, kontoplan, close, Z-reports, vouchers, SIE out: the golden
// Kaffebaren day through the API.
TEST_F(ApiServerTest, TheGoldenDayThroughTheApi) {
  // A company of its own, so the other tests' receipts do not mix in.
  Company c;
  {
    std::unique_ptr<Store> store = *open_store(w().db);
    c = *create_company(*store, {Country::kSweden, "Kaffebaren Syd AB", "syd", "", "", 300, {}});
    ASSERT_TRUE(auth::grant_role(*store, "owner@kaffebaren.se", c.id, Role::kOwner, auth::ImportRight::kNone).ok());
  }
  Session s = srv().login("owner@kaffebaren.se");
  Answer mapping = srv().call("PUT", company_path(c, "/mapping"), json{{"entries", golden_mapping()}}, &s);
  ASSERT_EQ(mapping.status, 200) << mapping.raw;
  Answer in = srv().call("POST", company_path(c, "/receipts"), golden_receipts(), &s);
  ASSERT_EQ(in.status, 201) << in.raw;
  EXPECT_EQ(in.body["stored"], 7);
  Answer gaps = srv().call("GET", company_path(c, "/mapping"), std::nullopt, &s);
  ASSERT_EQ(gaps.status, 200);
  EXPECT_EQ(gaps.body["missing"], 0) << gaps.raw;

  Answer bad_day = srv().call("POST", company_path(c, "/days/2026-13-40/close"), json::object(), &s);
  EXPECT_EQ(bad_day.status, 400);
  Answer closed = srv().call("POST", company_path(c, "/days/2026-11-20/close"),
                             json{{"opening_float", {{"K1", "1500.00"}}}, {"cash_counted", {{"K1", "1652.00"}}}}, &s);
  ASSERT_EQ(closed.status, 200) << closed.raw;
  ASSERT_EQ(closed.body["z_reports"].size(), 1u);
  EXPECT_TRUE(closed.body["blocked"].empty()) << closed.raw;
  Answer twice = srv().call("POST", company_path(c, "/days/2026-11-20/close"), json::object(), &s);
  EXPECT_EQ(twice.status, 409) << twice.raw;

  Answer z = srv().call("GET", company_path(c, "/zreports?from=2026-11-20&to=2026-11-20"), std::nullopt, &s);
  ASSERT_EQ(z.status, 200);
  ASSERT_EQ(z.body.size(), 1u);
  EXPECT_EQ(z.body[0]["number"], 1);
  EXPECT_FALSE(z.body[0]["voucher_id"].is_null());
  Answer v = srv().call("GET", company_path(c, "/vouchers"), std::nullopt, &s);
  ASSERT_EQ(v.status, 200);
  ASSERT_EQ(v.body.size(), 1u);
  EXPECT_EQ(v.body[0]["debit"], v.body[0]["credit"]);

  Answer sie = srv().call("GET", company_path(c, "/sie?from=2026-11-01&to=2026-11-30"), std::nullopt, &s);
  ASSERT_EQ(sie.status, 200);
  EXPECT_NE(sie.headers.find("Content-Disposition")->second.find(".se\""), std::string::npos);
  const std::string file = w().dir.file("download.se");
  std::ofstream(file, std::ios::binary) << sie.raw;
  const std::string check = "/usr/bin/python3 " + std::string(DAGBOK_SHARED_DIR) + "/tools/sie-check --strict " + file +
                            " > " + file + ".out 2>&1";
  EXPECT_EQ(std::system(check.c_str()), 0) << slurp(file + ".out");
  EXPECT_EQ(srv().call("GET", company_path(c, "/sie?from=2026-11-30&to=2026-11-01"), std::nullopt, &s).status, 400);
  EXPECT_EQ(srv().call("GET", company_path(c, "/sie"), std::nullopt, &s).status, 400);

  Answer integrations = srv().call("GET", company_path(c, "/integrations"), std::nullopt, &s);
  ASSERT_EQ(integrations.status, 200);
  EXPECT_EQ(integrations.body[0]["kind"], "sie");
  EXPECT_EQ(integrations.body[1]["kind"], "email");
  EXPECT_EQ(integrations.body[2]["state"], "not_built");
  EXPECT_EQ(integrations.body[2]["status"], "not_available");
  EXPECT_EQ(srv().call("GET", company_path(c, "/exports"), std::nullopt, &s).status, 200);
  EXPECT_EQ(srv().call("GET", company_path(c, "/notifications"), std::nullopt, &s).status, 200);
}

TEST_F(ApiServerTest, TheLogIsOneJsonObjectPerLineWithoutSecrets) {
  Session s = srv().login("owner@kaffebaren.se");
  (void)srv().call("GET", "/api/v1/me", std::nullopt, &s);
  (void)srv().call("POST", company_path(w().a, "/receipts"), json::array(), nullptr, w().till_a);
  const std::vector<std::string> log = srv().log();
  ASSERT_FALSE(log.empty());
  bool saw_me = false;
  for (const std::string& line : log) {
    const json j = json::parse(line, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << line;
    for (const std::string& secret :
         {std::string(kPassword), s.cookie.substr(s.cookie.find('=') + 1), s.csrf, w().till_a, w().till_b})
      EXPECT_EQ(line.find(secret), std::string::npos) << "the log shows a secret: " << line;
    if (j.contains("method")) {
      for (const char* k : {"time", "method", "path", "status", "ms", "user"}) EXPECT_TRUE(j.contains(k)) << line;
      if (j["path"] == "/api/v1/me" && j["status"] == 200) saw_me = j["user"].is_number();
    }
  }
  EXPECT_TRUE(saw_me);
}

TEST(ApiServerThrottle, FiveFailuresThen429WithRetryAfter) {
  World w;
  TestServer srv(w.db, w.clock);
  for (int i = 0; i < 5; ++i) {
    Answer a = srv.call("POST", "/api/v1/auth/login",
                        json{{"email", "owner@kaffebaren.se"}, {"password", "guess " + std::to_string(i) + "xxxxx"}});
    EXPECT_EQ(a.status, 401) << i;
  }
  Answer blocked =
      srv.call("POST", "/api/v1/auth/login", json{{"email", "owner@kaffebaren.se"}, {"password", kPassword}});
  EXPECT_EQ(blocked.status, 429) << blocked.raw;
  EXPECT_EQ(blocked.error_code(), "rate_limited");
  ASSERT_TRUE(blocked.headers.count("Retry-After"));
  EXPECT_EQ(blocked.headers.find("Retry-After")->second, "900");
  // Fifteen minutes later the right password works again.
  w.clock.set(w.clock.now().plus_seconds(900));
  EXPECT_EQ(
      srv.call("POST", "/api/v1/auth/login", json{{"email", "owner@kaffebaren.se"}, {"password", kPassword}}).status,
      200);
}

// The export worker of `dagbok serve`: a day closed through the API reaches
// the e-mail destination, and the export log shows it.
TEST(ApiServerExportWorker, ADayClosedThroughTheApiIsDelivered) {
  World w;
  {
    std::unique_ptr<Store> store = *open_store(w.db);
    IntegrationSpec spec;
    spec.kind = "email";
    spec.from_date = Date::from_ymd(2026, 11, 1);
    spec.settings_json = email::email_settings_json({{"bokforing@example.se"}, "sie4"});
    ASSERT_TRUE(activate_integration(*store, w.a, spec, w.clock).ok());
  }
  email::MemoryMailer mailer;
  DestinationRegistry registry;
  registry.add(std::make_unique<email::EmailConnector>([&]() -> Result<email::Mailer*> { return &mailer; },
                                                       email::MailAddress{"kassa@example.se", "Kaffebaren"}));
  ExportWorker worker(*open_store(w.db), registry, w.clock, std::chrono::seconds(1), "test-worker",
                      [](const std::string&) {});
  worker.start();
  TestServer srv(w.db, w.clock);
  Session s = srv.login("owner@kaffebaren.se");
  ASSERT_EQ(srv.call("PUT", "/api/v1/companies/kaffebaren/mapping", json{{"entries", golden_mapping()}}, &s).status,
            200);
  ASSERT_EQ(srv.call("POST", "/api/v1/companies/kaffebaren/receipts", golden_receipts(), nullptr, w.till_a).status,
            201);
  ASSERT_EQ(srv.call("POST", "/api/v1/companies/kaffebaren/days/2026-11-20/close", json::object(), &s).status, 200);
  Answer exports;
  for (int i = 0; i < 100 && mailer.sent().empty(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  worker.stop();
  exports = srv.call("GET", "/api/v1/companies/kaffebaren/exports", std::nullopt, &s);
  ASSERT_EQ(exports.status, 200);
  ASSERT_EQ(mailer.sent().size(), 1u) << exports.raw;
  ASSERT_EQ(exports.body["deliveries"].size(), 1u) << exports.raw;
  EXPECT_EQ(exports.body["deliveries"][0]["status"], "delivered");
  EXPECT_FALSE(exports.body["log"].empty());
  Answer cards = srv.call("GET", "/api/v1/companies/kaffebaren/integrations", std::nullopt, &s);
  EXPECT_EQ(cards.body[1]["state"], "active");
  EXPECT_NE(cards.body[1]["settings"].dump().find("bokforing@example.se"), std::string::npos) << cards.raw;
}

TEST(ApiServerShutdown, StopLetsTheRequestInFlightFinish) {
  World w;
  TestServer srv(w.db, w.clock);
  Answer slow;
  // A login takes an argon2id verification: long enough to be in flight.
  std::thread client([&] {
    slow = srv.call("POST", "/api/v1/auth/login", json{{"email", "owner@kaffebaren.se"}, {"password", kPassword}});
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(60));
  srv.stop();
  client.join();
  EXPECT_EQ(slow.status, 200) << slow.raw;
  httplib::Client after("127.0.0.1", srv.port());
  EXPECT_FALSE(after.Get("/healthz"));
}

// ---------------------------------------------------------------- the pages' routes

TEST(ApiServerPages, MeGivesTheCsrfTokenAfterAReloadAndStoresTheLanguage) {
  World w;
  TestServer srv(w.db, w.clock);
  Session s = srv.login("owner@kaffebaren.se");
  Answer me = srv.call("GET", "/api/v1/me", std::nullopt, &s);
  ASSERT_EQ(me.status, 200) << me.raw;
  EXPECT_EQ(me.body["csrf_token"], s.csrf);
  EXPECT_EQ(me.body["language"], "sv");
  ASSERT_EQ(me.body["memberships"].size(), 1u);
  EXPECT_EQ(me.body["memberships"][0]["country"], "SE");
  EXPECT_EQ(me.body["memberships"][0]["import_right"], false);
  // The token from /me works for a change, as a reloaded page would use it.
  Session reloaded{s.cookie, me.body["csrf_token"]};
  Answer lang = srv.call("PUT", "/api/v1/me/language", json{{"language", "en"}}, &reloaded);
  ASSERT_EQ(lang.status, 200) << lang.raw;
  EXPECT_EQ(srv.call("GET", "/api/v1/me", std::nullopt, &s).body["language"], "en");
  Answer bad = srv.call("PUT", "/api/v1/me/language", json{{"language", "de"}}, &s);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(srv.call("PUT", "/api/v1/me/language", json{{"language", "nb"}}, &s, "", false).error_code(), "csrf");
  // Another session has another token.
  Session other = srv.login("owner@kaffebaren.se");
  EXPECT_NE(srv.call("GET", "/api/v1/me", std::nullopt, &other).body["csrf_token"], s.csrf);
}

TEST(ApiServerPages, DaysZReportItsVoucherAndPdf) {
  World w;
  TestServer srv(w.db, w.clock);
  Session s = srv.login("owner@kaffebaren.se");
  Session staff = srv.login("staff@kaffebaren.se");
  const std::string c = "/api/v1/companies/kaffebaren";
  ASSERT_EQ(srv.call("PUT", c + "/mapping", json{{"entries", golden_mapping()}}, &s).status, 200);
  ASSERT_EQ(srv.call("POST", c + "/receipts", golden_receipts(), nullptr, w.till_a).status, 201);
  Answer days = srv.call("GET", c + "/days", std::nullopt, &staff);
  ASSERT_EQ(days.status, 200) << days.raw;
  ASSERT_EQ(days.body.size(), 1u) << days.raw;
  EXPECT_EQ(days.body[0]["date"], "2026-11-20");
  EXPECT_EQ(days.body[0]["closed"], false);
  EXPECT_EQ(days.body[0]["receipts"], 7);
  EXPECT_EQ(days.body[0]["registers"][0]["register"], "K1");
  ASSERT_EQ(srv.call("POST", c + "/days/2026-11-20/close", json::object(), &staff).status, 200);
  days = srv.call("GET", c + "/days?from=2026-11-20&to=2026-11-20", std::nullopt, &staff);
  EXPECT_EQ(days.body[0]["closed"], true) << days.raw;
  EXPECT_EQ(days.body[0]["unbooked"], 0);

  Answer list = srv.call("GET", c + "/zreports", std::nullopt, &s);
  ASSERT_EQ(list.body.size(), 1u);
  const std::string id = std::to_string(list.body[0]["id"].get<int64_t>());
  Answer z = srv.call("GET", c + "/zreports/" + id, std::nullopt, &s);
  ASSERT_EQ(z.status, 200) << z.raw;
  ASSERT_TRUE(z.body["voucher"].is_object()) << z.raw;
  EXPECT_FALSE(z.body["voucher"]["lines"].empty());
  EXPECT_EQ(z.body["voucher"]["debit"], z.body["voucher"]["credit"]);
  EXPECT_TRUE(z.body["voucher_blocked_advice"].is_null());
  // Staff see the report but not the books.
  Answer zs = srv.call("GET", c + "/zreports/" + id, std::nullopt, &staff);
  ASSERT_EQ(zs.status, 200);
  EXPECT_TRUE(zs.body["voucher"].is_null());
  EXPECT_EQ(zs.body["voucher_visible"], false);
  const std::string vid = std::to_string(z.body["voucher"]["id"].get<int64_t>());
  Answer v = srv.call("GET", c + "/vouchers/" + vid, std::nullopt, &s);
  ASSERT_EQ(v.status, 200);
  EXPECT_EQ(v.body["lines"], z.body["voucher"]["lines"]);
  EXPECT_EQ(srv.call("GET", c + "/vouchers/" + vid, std::nullopt, &staff).status, 403);
  EXPECT_EQ(srv.call("GET", c + "/vouchers/99999", std::nullopt, &s).status, 404);
  EXPECT_EQ(srv.call("GET", c + "/zreports/99999", std::nullopt, &s).status, 404);
  EXPECT_EQ(srv.call("GET", c + "/zreports/abc", std::nullopt, &s).status, 400);
  Answer pdf = srv.call("GET", c + "/zreports/" + id + "/pdf", std::nullopt, &staff);
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.raw.substr(0, 5), "%PDF-");
  EXPECT_EQ(pdf.headers.find("Content-Type")->second, "application/pdf");
  // The other company's owner sees none of it.
  Session stranger = srv.login("owner@fjordkafeen.no");
  EXPECT_EQ(srv.call("GET", c + "/zreports/" + id + "/pdf", std::nullopt, &stranger).status, 404);
  EXPECT_EQ(srv.call("GET", "/api/v1/companies/fjordkafeen/zreports/" + id, std::nullopt, &stranger).status, 404);
}

TEST(ApiServerPages, KontoplanPresetsGapsAndFieldErrors) {
  World w;
  TestServer srv(w.db, w.clock);
  Session s = srv.login("owner@kaffebaren.se");
  Session staff = srv.login("staff@kaffebaren.se");
  const std::string c = "/api/v1/companies/kaffebaren";
  Answer presets = srv.call("GET", "/api/v1/presets", std::nullopt, &staff);
  ASSERT_EQ(presets.status, 200);
  EXPECT_NE(presets.raw.find("SE-BAS2026"), std::string::npos);
  ASSERT_EQ(srv.call("POST", c + "/receipts", golden_receipts(), nullptr, w.till_a).status, 201);
  Answer gaps = srv.call("GET", c + "/mapping", std::nullopt, &staff);
  ASSERT_EQ(gaps.status, 200);
  EXPECT_GT(gaps.body["missing"].get<int>(), 0) << gaps.raw;
  ASSERT_TRUE(gaps.body["departments"].is_array());
  bool product_group_gap = false;
  for (const json& r : gaps.body["rows"])
    if (r["group"] == "product_group" && r["missing"] == true && r["account"].is_null()) product_group_gap = true;
  EXPECT_TRUE(product_group_gap) << gaps.raw;

  Answer wrong = srv.call("PUT", c + "/mapping",
                          json{{"entries", json::array({{{"group", "payment"}, {"key", "card"}, {"account", "19x"}},
                                                        {{"group", "payment"}, {"key", "Swish"}, {"account", "1935"}},
                                                        {{"group", "nonsense"}, {"key", "a"}, {"account", "1930"}}})}},
                          &s);
  ASSERT_EQ(wrong.status, 400) << wrong.raw;
  const json& fields = wrong.body["error"]["fields"];
  ASSERT_EQ(fields.size(), 3u) << wrong.raw;
  std::map<std::string, std::string> by_field;
  for (const json& f : fields) by_field[f["field"]] = f["message"];
  EXPECT_NE(by_field["entries[0].account"].find("digits"), std::string::npos) << wrong.raw;
  EXPECT_NE(by_field["entries[1].account"].find("not in the chart"), std::string::npos) << wrong.raw;
  EXPECT_NE(by_field["entries[2].group"].find("not a mapping group"), std::string::npos) << wrong.raw;
  // Named, the new account is added.
  Answer named =
      srv.call("PUT", c + "/mapping",
               json{{"entries", json::array({{{"group", "payment"}, {"key", "Swish"}, {"account", "1935"}}})},
                    {"account_name", "Swish"}},
               &s);
  EXPECT_EQ(named.status, 200) << named.raw;

  Answer unknown = srv.call("POST", c + "/mapping/preset", json{{"preset", "XX-NONE"}}, &s);
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.body["error"]["fields"][0]["field"], "preset");
  Answer applied = srv.call("POST", c + "/mapping/preset", json{{"preset", "SE-BAS2026"}, {"department", "Bar"}}, &s);
  ASSERT_EQ(applied.status, 200) << applied.raw;
  EXPECT_EQ(applied.body["preset"], "SE-BAS2026");
  EXPECT_EQ(applied.body["department"], "Bar");
  // Staff may read the kontoplan, not change it.
  EXPECT_EQ(srv.call("POST", c + "/mapping/preset", json{{"preset", "SE-BAS2026"}}, &staff).status, 403);
}

TEST(ApiServerPages, IntegrationsActivateExportRetryResendDeactivate) {
  World w;
  email::MemoryMailer mailer;
  DestinationRegistry registry;
  registry.add(std::make_unique<email::EmailConnector>([&]() -> Result<email::Mailer*> { return &mailer; },
                                                       email::MailAddress{"kassa@example.se", "Kaffebaren"}));
  // A long interval: only the server's nudge makes the worker pass soon.
  ExportWorker worker(*open_store(w.db), registry, w.clock, std::chrono::seconds(3600), "test-worker",
                      [](const std::string&) {});
  worker.start();
  ServerOptions o;
  o.outbox_changed = [&worker] { worker.nudge(); };
  o.connectors = &registry;  // the server's kinds: the e-mail kind on the test's mailer
  TestServer srv(w.db, w.clock, o);
  Session s = srv.login("owner@kaffebaren.se");
  Session staff = srv.login("staff@kaffebaren.se");
  const std::string c = "/api/v1/companies/kaffebaren";
  ASSERT_EQ(srv.call("PUT", c + "/mapping", json{{"entries", golden_mapping()}}, &s).status, 200);
  ASSERT_EQ(srv.call("POST", c + "/receipts", golden_receipts(), nullptr, w.till_a).status, 201);
  ASSERT_EQ(srv.call("POST", c + "/days/2026-11-20/close", json::object(), &s).status, 200);

  Answer cards = srv.call("GET", c + "/integrations", std::nullopt, &s);
  ASSERT_EQ(cards.body.size(), 7u) << cards.raw;
  for (const char* title : {"SIE export", "Export via e-post", "Björn Lundén", "24SevenOffice", "PowerOffice Go",
                            "Fortnox", "Visma eEkonomi"})
    EXPECT_NE(cards.raw.find(title), std::string::npos) << title;
  EXPECT_EQ(cards.body[1]["status"], "inactive");
  EXPECT_EQ(cards.body[5]["status"], "not_available");

  Answer fortnox = srv.call("POST", c + "/integrations/fortnox/activate", json{{"start_date", "2026-11-01"}}, &s);
  EXPECT_EQ(fortnox.status, 409);
  EXPECT_NE(fortnox.raw.find("not available"), std::string::npos) << fortnox.raw;
  Answer bad = srv.call("POST", c + "/integrations/email/activate",
                        json{{"address", "not an address"}, {"format", "sie4"}, {"start_date", "2026-13-01"}}, &s);
  ASSERT_EQ(bad.status, 400) << bad.raw;
  EXPECT_EQ(bad.body["error"]["fields"].size(), 2u) << bad.raw;
  EXPECT_EQ(srv.call("POST", c + "/integrations/email/activate",
                     json{{"address", "bokforing@example.se"}, {"start_date", "2026-11-01"}}, &staff)
                .status,
            403);
  Answer on = srv.call("POST", c + "/integrations/email/activate",
                       json{{"address", "bokforing@example.se"},
                            {"format", "pdf"},
                            {"schedule", "daily"},
                            {"at", "06:00"},
                            {"start_date", "2026-11-01"}},
                       &s);
  ASSERT_EQ(on.status, 200) << on.raw;
  EXPECT_EQ(on.body["queued_days"], 1);
  EXPECT_EQ(on.body["integration"]["status"], "active");
  EXPECT_EQ(on.body["integration"]["schedule"], "daily 06:00");
  Answer changed = srv.call("PUT", c + "/integrations/email/settings", json{{"format", "csv"}}, &s);
  ASSERT_EQ(changed.status, 200) << changed.raw;
  EXPECT_EQ(changed.body["settings"]["format"], "csv");
  EXPECT_EQ(changed.body["schedule"], "daily 06:00");
  // The card says what the kind's settings are, for the page's fields.
  ASSERT_EQ(changed.body["fields"].size(), 2u) << changed.raw;
  EXPECT_EQ(changed.body["fields"][0]["name"], "address");
  EXPECT_EQ(changed.body["fields"][1]["values"][0], "sie4");
  // "Testa integrationen": the saved settings, or changes not yet saved; nothing is sent.
  Answer tried = srv.call("POST", c + "/integrations/email/test", json::object(), &s);
  ASSERT_EQ(tried.status, 200) << tried.raw;
  EXPECT_EQ(tried.body["ok"], true);
  Answer bad_try = srv.call("POST", c + "/integrations/email/test", json{{"address", "nobody"}}, &s);
  ASSERT_EQ(bad_try.status, 400) << bad_try.raw;
  EXPECT_EQ(bad_try.body["error"]["fields"][0]["field"], "address");
  EXPECT_TRUE(mailer.sent().empty());
  EXPECT_EQ(srv.call("POST", c + "/integrations/email/test", json::object(), &staff).status, 403);
  // E-mail offers nothing to choose from the other side.
  Answer accounts = srv.call("GET", c + "/integrations/email/choices/accounts", std::nullopt, &s);
  ASSERT_EQ(accounts.status, 200) << accounts.raw;
  EXPECT_EQ(accounts.body["choices"], json::array());
  EXPECT_EQ(srv.call("GET", c + "/integrations/email/choices/projects", std::nullopt, &s).status, 400);
  EXPECT_EQ(srv.call("GET", c + "/integrations/fortnox/choices/accounts", std::nullopt, &s).status, 409);

  // Daily at 06:00: nothing goes until Manuell export.
  Answer manual = srv.call("POST", c + "/integrations/email/export", json::object(), &s);
  ASSERT_EQ(manual.status, 202) << manual.raw;
  EXPECT_EQ(manual.body["exports_due"], 1);
  for (int i = 0; i < 100 && mailer.sent().empty(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  ASSERT_EQ(mailer.sent().size(), 1u);
  Answer log;
  for (int i = 0; i < 50; ++i) {
    log = srv.call("GET", c + "/exports", std::nullopt, &s);
    if (!log.body["deliveries"].empty() && log.body["deliveries"][0]["status"] == "delivered") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(log.body["deliveries"].size(), 1u) << log.raw;
  EXPECT_EQ(log.body["deliveries"][0]["integration"], "email");
  EXPECT_EQ(log.body["deliveries"][0]["status"], "delivered");
  EXPECT_EQ(log.body["log"][0]["result"], "delivered");
  EXPECT_EQ(log.body["log"][0]["day"], "2026-11-20");
  const std::string id = std::to_string(log.body["deliveries"][0]["id"].get<int64_t>());
  Answer retry = srv.call("POST", c + "/exports/" + id + "/retry", json::object(), &s);
  EXPECT_EQ(retry.status, 409) << retry.raw;
  Answer resend = srv.call("POST", c + "/exports/" + id + "/resend", json::object(), &s);
  ASSERT_EQ(resend.status, 202) << resend.raw;
  EXPECT_EQ(resend.body["kind"], "resend");
  for (int i = 0; i < 100 && mailer.sent().size() < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(mailer.sent().size(), 2u);
  EXPECT_EQ(srv.call("POST", c + "/exports/99999/retry", json::object(), &s).status, 404);

  Answer off = srv.call("POST", c + "/integrations/email/deactivate", json::object(), &s);
  ASSERT_EQ(off.status, 200) << off.raw;
  EXPECT_EQ(off.body["status"], "inactive");
  worker.stop();
}

TEST(ApiServerPages, NotificationsCarryTheBannerAndAreMarkedRead) {
  World w;
  int64_t dest = 0;
  {
    std::unique_ptr<Store> store = *open_store(w.db);
    IntegrationSpec spec;
    spec.kind = "email";
    spec.from_date = Date::from_ymd(2026, 11, 1);
    spec.settings_json = email::email_settings_json({{"bokforing@example.se"}, "sie4"});
    dest = activate_integration(*store, w.a, spec, w.clock)->destination.id;
    Notification n;
    n.company_id = w.a.id;
    n.created_at = w.clock.now();
    n.severity = "error";
    n.key = "dest" + std::to_string(dest) + "/blocked";
    n.title = "Export to email is waiting for the kontoplan";
    n.message = "Add the missing account under Ekonomi → Redovisning, then run Manuell export.";
    n.destination_id = dest;
    n.code = std::string(kExportBlocked);
    n.params_json = R"({"integration":"email","day":"2026-11-20","reasons":["payment method 'Vipps' has no account"]})";
    ASSERT_TRUE(store->raise_notification(n).ok());
    n.key = "dest" + std::to_string(dest) + "/failure";
    n.title = "Export to email failed";
    n.code = std::string(kExportFailed);
    n.params_json = R"({"integration":"email","day":"2026-11-20","attempts":8,"gave_up":true,"detail":"421 busy"})";
    ASSERT_TRUE(store->raise_notification(n).ok());
  }
  TestServer srv(w.db, w.clock);
  Session staff = srv.login("staff@kaffebaren.se");
  const std::string c = "/api/v1/companies/kaffebaren";
  ASSERT_EQ(srv.call("POST", c + "/receipts", golden_receipts(), nullptr, w.till_a).status, 201);
  Answer list = srv.call("GET", c + "/notifications", std::nullopt, &staff);
  ASSERT_EQ(list.status, 200) << list.raw;
  EXPECT_EQ(list.body["unread"], 2);
  json blocked, failure;
  for (const json& n : list.body["notifications"])
    (n["key"].get<std::string>().find("blocked") != std::string::npos ? blocked : failure) = n;
  EXPECT_EQ(blocked["banner"], true);
  EXPECT_EQ(blocked["link"]["page"], "kontoplan");
  EXPECT_EQ(blocked["link"]["integration"], "email");
  EXPECT_FALSE(blocked["link"]["items"].empty()) << blocked.dump();
  EXPECT_EQ(failure["link"]["page"], "integrations");
  // What each is about, for the page to word it in its own language.
  EXPECT_EQ(blocked["code"], "export_blocked");
  EXPECT_EQ(failure["code"], "export_failed");
  EXPECT_EQ(failure["params"]["attempts"], 8);
  EXPECT_EQ(failure["params"]["day"], "2026-11-20");
  EXPECT_EQ(failure["integration"], "email");
  const std::string id = std::to_string(blocked["id"].get<int64_t>());
  Answer read = srv.call("POST", c + "/notifications/" + id + "/read", json::object(), &staff);
  ASSERT_EQ(read.status, 200) << read.raw;
  EXPECT_EQ(read.body["unread"], 1);
  EXPECT_EQ(srv.call("POST", c + "/notifications/99999/read", json::object(), &staff).status, 404);
  Session stranger = srv.login("owner@fjordkafeen.no");
  EXPECT_EQ(srv.call("POST", "/api/v1/companies/fjordkafeen/notifications/" + id + "/read", json::object(), &stranger)
                .status,
            404);
  ASSERT_EQ(srv.call("POST", c + "/notifications/read-all", json::object(), &staff).status, 200);
  EXPECT_EQ(srv.call("GET", c + "/notifications", std::nullopt, &staff).body["unread"], 0);
}

TEST(ApiServerPages, SieByMailThroughARealSmtpServer) {
  World w;
  testing_support::SmtpSink sink(w.dir.path());
  ServerOptions o;
  // The e-mail kind reads the mail server from the host's settings.
  o.connector_host.config = [&sink]() -> Result<Config> {
    SmtpConfig c;
    c.host = "127.0.0.1";
    c.port = sink.port();
    c.security = SmtpSecurity::kNone;
    c.from = "kassa@kaffebaren.se";
    c.origin = "[smtp] in dagbok.toml";
    c.connect_timeout_seconds = 5;
    c.timeout_seconds = 20;
    Config cfg;
    cfg.smtp = c;
    return cfg;
  };
  TestServer srv(w.db, w.clock, o);
  Session s = srv.login("owner@kaffebaren.se");
  const std::string c = "/api/v1/companies/kaffebaren";
  ASSERT_EQ(srv.call("PUT", c + "/mapping", json{{"entries", golden_mapping()}}, &s).status, 200);
  ASSERT_EQ(srv.call("POST", c + "/receipts", golden_receipts(), nullptr, w.till_a).status, 201);
  ASSERT_EQ(srv.call("POST", c + "/days/2026-11-20/close", json::object(), &s).status, 200);
  Answer bad = srv.call("POST", c + "/sie/mail", json{{"from", "2026-11-30"}, {"to", "2026-11-01"}, {"address", "x"}}, &s);
  ASSERT_EQ(bad.status, 400) << bad.raw;
  EXPECT_EQ(bad.body["error"]["fields"].size(), 2u) << bad.raw;
  Answer sent = srv.call("POST", c + "/sie/mail",
                         json{{"from", "2026-11-01"}, {"to", "2026-11-30"}, {"address", "revisor@example.se"}}, &s);
  ASSERT_EQ(sent.status, 200) << sent.raw;
  EXPECT_EQ(sent.body["vouchers"], 1);
  const std::vector<std::string> messages = sink.messages();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_NE(messages[0].find("revisor@example.se"), std::string::npos);
  EXPECT_NE(messages[0].find(sent.body["filename"].get<std::string>()), std::string::npos);
  Answer log = srv.call("GET", c + "/exports", std::nullopt, &s);
  EXPECT_EQ(log.body["log"][0]["integration"], "sie-file") << log.raw;
  Session staff = srv.login("staff@kaffebaren.se");
  EXPECT_EQ(srv.call("POST", c + "/sie/mail",
                     json{{"from", "2026-11-01"}, {"to", "2026-11-30"}, {"address", "revisor@example.se"}}, &staff)
                .status,
            403);
  // A server without a mail server says what to do.
  TestServer plain(w.db, w.clock);
  Session p = plain.login("owner@kaffebaren.se");
  Answer none = plain.call("POST", c + "/sie/mail",
                           json{{"from", "2026-11-01"}, {"to", "2026-11-30"}, {"address", "revisor@example.se"}}, &p);
  EXPECT_EQ(none.status, 409);
  EXPECT_NE(none.raw.find("mail server is configured"), std::string::npos) << none.raw;
  EXPECT_NE(none.raw.find("download the file instead"), std::string::npos) << none.raw;
}

TEST(ApiServerPages, UsersAndTokensAreTheOwnersAndTheLastOwnerStays) {
  World w;
  TestServer srv(w.db, w.clock);
  Session s = srv.login("owner@kaffebaren.se");
  Session staff = srv.login("staff@kaffebaren.se");
  const std::string c = "/api/v1/companies/kaffebaren";
  Answer users = srv.call("GET", c + "/users", std::nullopt, &s);
  ASSERT_EQ(users.status, 200) << users.raw;
  ASSERT_EQ(users.body.size(), 2u);
  EXPECT_EQ(users.body[0]["email"], "owner@kaffebaren.se");
  EXPECT_EQ(users.body[0]["you"], true);
  EXPECT_EQ(users.raw.find("argon2"), std::string::npos);
  EXPECT_EQ(srv.call("GET", c + "/users", std::nullopt, &staff).status, 403);
  EXPECT_EQ(srv.call("POST", c + "/users", json{{"email", "x@kaffebaren.se"}, {"role", "owner"}}, &staff).status, 403);

  Answer missing = srv.call("POST", c + "/users", json{{"email", "eva@kaffebaren.se"}, {"role", "boss"}}, &s);
  ASSERT_EQ(missing.status, 400);
  EXPECT_EQ(missing.body["error"]["fields"].size(), 2u) << missing.raw;  // role, password
  Answer added = srv.call("POST", c + "/users",
                          json{{"email", "Eva@Kaffebaren.se"}, {"role", "accountant"}, {"password", kPassword}}, &s);
  ASSERT_EQ(added.status, 201) << added.raw;
  EXPECT_EQ(added.body["email"], "eva@kaffebaren.se");
  EXPECT_EQ(added.body["language"], "sv");
  Session eva = srv.login("eva@kaffebaren.se");
  EXPECT_EQ(srv.call("GET", c + "/vouchers", std::nullopt, &eva).status, 200);
  // An existing user of another company is granted a role, without a password.
  Answer granted = srv.call("POST", c + "/users", json{{"email", "owner@fjordkafeen.no"}, {"role", "staff"}}, &s);
  ASSERT_EQ(granted.status, 201) << granted.raw;
  EXPECT_EQ(srv.call("POST", c + "/users", json{{"email", "owner@fjordkafeen.no"}, {"role", "staff"}}, &s).status, 409);

  const std::string eva_id = std::to_string(added.body["id"].get<int64_t>());
  Answer demoted = srv.call("PUT", c + "/users/" + eva_id, json{{"role", "staff"}, {"import_right", true}}, &s);
  ASSERT_EQ(demoted.status, 200) << demoted.raw;
  EXPECT_EQ(demoted.body["role"], "staff");
  EXPECT_EQ(demoted.body["import_right"], true);
  EXPECT_EQ(srv.call("GET", c + "/vouchers", std::nullopt, &eva).status, 403);

  const std::string owner_id = std::to_string(users.body[0]["id"].get<int64_t>());
  Answer last = srv.call("DELETE", c + "/users/" + owner_id, std::nullopt, &s);
  EXPECT_EQ(last.status, 409) << last.raw;
  EXPECT_NE(last.raw.find("last owner"), std::string::npos);
  EXPECT_EQ(srv.call("PUT", c + "/users/" + owner_id, json{{"role", "staff"}}, &s).status, 409);
  EXPECT_EQ(srv.call("DELETE", c + "/users/" + eva_id, std::nullopt, &s, "", false).error_code(), "csrf");
  EXPECT_EQ(srv.call("DELETE", c + "/users/" + eva_id, std::nullopt, &s).status, 204);
  EXPECT_EQ(srv.call("GET", c + "/zreports", std::nullopt, &eva).status, 404);
  EXPECT_EQ(srv.call("DELETE", c + "/users/" + eva_id, std::nullopt, &s).status, 404);

  Answer token = srv.call("POST", c + "/tokens", json{{"name", "Kassa 2"}}, &s);
  ASSERT_EQ(token.status, 201) << token.raw;
  const std::string secret = token.body["token"];
  EXPECT_EQ(secret.rfind("dagbok_", 0), 0u);
  Answer tokens = srv.call("GET", c + "/tokens", std::nullopt, &s);
  EXPECT_EQ(tokens.body.size(), 2u);
  EXPECT_EQ(tokens.raw.find(secret), std::string::npos);
  EXPECT_EQ(srv.call("POST", c + "/receipts", golden_receipts(), nullptr, secret).status, 201);
  EXPECT_EQ(srv.call("POST", c + "/tokens", json{{"name", ""}}, &s).status, 400);
  EXPECT_EQ(srv.call("GET", c + "/tokens", std::nullopt, &staff).status, 403);
  const std::string tid = std::to_string(token.body["id"].get<int64_t>());
  EXPECT_EQ(srv.call("DELETE", c + "/tokens/" + tid, std::nullopt, &s).status, 204);
  EXPECT_EQ(srv.call("POST", c + "/receipts", golden_receipts(), nullptr, secret).status, 401);
}

}  // namespace
}  // namespace dagbok::server
