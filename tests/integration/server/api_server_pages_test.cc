// The routes the back-office pages use, against the server on a loopback
// port over a real SQLite file: /me and the language, days with their
// Z-report, voucher and PDF, the kontoplan, integrations from activation to
// deactivation, notifications, the SIE file by mail through a real SMTP
// server, users and tokens.
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
  // The wizard reads the lists with the settings it holds, not saved yet
  // (a list comes before the rest is filled in): each must be a text.
  Answer posted = srv.call("POST", c + "/integrations/email/choices/accounts", json{{"address", "ny@example.se"}}, &s);
  ASSERT_EQ(posted.status, 200) << posted.raw;
  EXPECT_EQ(posted.body["list"], "accounts");
  EXPECT_EQ(posted.body["choices"], json::array());
  Answer bad_choice = srv.call("POST", c + "/integrations/email/choices/accounts", json{{"format", 5}}, &s);
  ASSERT_EQ(bad_choice.status, 400) << bad_choice.raw;
  EXPECT_EQ(bad_choice.body["error"]["fields"][0]["field"], "format");
  EXPECT_EQ(srv.call("POST", c + "/integrations/email/choices/accounts", json::array(), &s).status, 400);
  EXPECT_EQ(srv.call("POST", c + "/integrations/email/choices/accounts", json::object(), &staff).status, 403);
  // The e-mail kind lets the start date change (unless locked at activation).
  EXPECT_EQ(changed.body["start_date_frozen"], false);
  EXPECT_EQ(changed.body["from_date_locked"], false);

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
