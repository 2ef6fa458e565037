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
#include "integration/server/api_world.h"
#include "pipeline/company_setup.h"
#include "server/api_server.h"
#include "server/export_worker.h"
#include "server/openapi.h"
#include "support/smtp_sink.h"
#include "support/temp_dir.h"

namespace dagbok::server {
namespace {

using namespace testing_server;

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
  // The built kinds come first, the planned ones greyed after them.
  const nlohmann::json& last = integrations.body.back();
  EXPECT_EQ(last["state"], "not_built") << last.dump();
  EXPECT_EQ(last["status"], "not_available");
  bool poweroffice = false;
  for (const auto& card : integrations.body)
    if (card["kind"] == "poweroffice") {
      poweroffice = true;
      EXPECT_EQ(card["state"], "not_activated");
      EXPECT_EQ(card["start_date_frozen"], true);
    }
  EXPECT_TRUE(poweroffice);
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

}  // namespace
}  // namespace dagbok::server
