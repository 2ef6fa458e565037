// The ledger through the back-office API, on a loopback port over a real
// SQLite file: a SIE 4 file from testdata uploaded as the request body shows
// in the import log and in the reports (the same figures as the library's);
// a bad file is refused with its file:line:column diagnostics and changes
// nothing; the import right, CSRF and tenant isolation hold; undo and
// "delete the latest year"; the 32 MiB limit says what to do instead.
#include <httplib.h>

#include <gtest/gtest.h>

#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <thread>

#include "auth/users.h"
#include "ledger/year_balances.h"
#include "pipeline/company_setup.h"
#include "reports/key_figures.h"
#include "reports/render.h"
#include "reports/statements.h"
#include "integration/server/test_server.h"
#include "server/api_server.h"
#include "support/temp_dir.h"

namespace dagbok::server {
namespace {

using testing_support::TempDir;
using namespace testing_server;

// SIE-Gruppen's example file: Övningsbolaget AB, 555555-5555, fiscal year 2021 (and 2020 as year -1).
const std::string kExample =
    std::string(DAGBOK_SHARED_DIR) + "/testdata/sie/public/skatasweden__keyholder-plan/SIE4 Exempelfil.SE";

// The shared test server with the ledger store opened, called the ledger
// tests' way round: the session before the body.
class LedgerServer {
 public:
  LedgerServer(const std::string& db, const Clock& clock, ServerOptions o = {})
      : server_(db, clock, with_ledger(db, std::move(o))) {}

  Answer call(const std::string& method, const std::string& path, const Session* s,
              const std::optional<json>& body = std::nullopt, bool send_csrf = true) {
    return server_.call(method, path, body, s, "", send_csrf);
  }
  Answer upload(const std::string& path, const Session* s, const std::string& bytes, const std::string& name,
                bool send_csrf = true) {
    return server_.upload(path, s, bytes, name, send_csrf);
  }
  Session login(const std::string& email) { return server_.login(email); }

 private:
  static ServerOptions with_ledger(const std::string& db, ServerOptions o) {
    o.ledger = [db] { return open_ledger_store(db); };
    return o;
  }
  TestServer server_;
};

class LedgerApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::unique_ptr<Store> store = *open_store(db_);
    ovning_ = *create_company(*store, {Country::kSweden, "Övningsbolaget AB", "ovning", "555555-5555", "", 300, {}});
    annan_ = *create_company(*store, {Country::kSweden, "Kaffebaren AB", "kaffebaren", "556677-8899", "", 300, {}});
    auto user = [&](const char* email, const Company& c, Role role, auth::ImportRight right) {
      if (!store->find_user_by_email(email).value()) {
        EXPECT_TRUE(auth::add_user(*store, {email, "", kPassword, "sv"}, clock_).ok());
      }
      EXPECT_TRUE(auth::grant_role(*store, email, c.id, role, right).ok());
    };
    user("agare@ovning.se", ovning_, Role::kOwner, auth::ImportRight::kGranted);
    user("revisor@ovning.se", ovning_, Role::kAccountant, auth::ImportRight::kNone);
    user("agare@kaffebaren.se", annan_, Role::kOwner, auth::ImportRight::kGranted);
    server_ = std::make_unique<LedgerServer>(db_, clock_);
    owner_ = server_->login("agare@ovning.se");
    // The books come from another source than dagbok's own vouchers.
    Answer src = server_->call("PUT", path(ovning_, "/data-source"), &owner_, json{{"source", "sie"}});
    ASSERT_EQ(src.status, 200) << src.raw;
  }

  std::string path(const Company& c, const std::string& rest) const { return "/api/v1/companies/" + c.slug + rest; }

  Answer import_example(const std::string& query = "") {
    return server_->upload(path(ovning_, "/imports" + query), &owner_, slurp(kExample), "SIE4%20Exempelfil.SE");
  }

  json log() {
    Answer a = server_->call("GET", path(ovning_, "/imports"), &owner_);
    EXPECT_EQ(a.status, 200) << a.raw;
    return a.body;
  }

  // The report as the library renders it straight from the database.
  std::string library_report(const std::string& kind, int year) {
    std::unique_ptr<Store> store = *open_store(db_);
    std::unique_ptr<LedgerStore> ledger = *open_ledger_store(db_);
    const ledger::YearBalances b = *ledger::load_year_balances(*store, *ledger, ovning_, year);
    if (kind == "income-statement") return reports::render_json(*reports::income_statement(b, {}));
    if (kind == "balance-sheet") return reports::render_json(*reports::balance_sheet(b, {}));
    return reports::render_json(*reports::key_figures(b, {}));
  }

  TempDir dir_{"dagbok-ledger-api"};
  std::string db_ = dir_.file("books.db");
  FixedClock clock_{*Instant::parse_rfc3339("2026-11-23T08:00:00+01:00")};
  Company ovning_, annan_;
  std::unique_ptr<LedgerServer> server_;
  Session owner_;
};

TEST_F(LedgerApiTest, AnImportShowsInTheLogAndTheReports) {
  Answer imported = import_example();
  ASSERT_EQ(imported.status, 201) << imported.raw;
  const json entry = imported.body["import"];
  EXPECT_EQ(entry["file"], "SIE4 Exempelfil.SE");
  EXPECT_EQ(entry["result"], "ok");
  EXPECT_EQ(entry["actor"], "agare@ovning.se");
  EXPECT_GT(entry["vouchers"].get<int64_t>(), 0);
  EXPECT_EQ(entry["sha256"].get<std::string>().size(), 64u);

  const json entries = log();
  ASSERT_GE(entries.size(), 2u);  // the import, then the data-source change before it
  EXPECT_EQ(entries[0]["id"], entry["id"]);
  EXPECT_EQ(entries[0]["kind"], "import");
  EXPECT_EQ(entries[1]["kind"], "source");

  Answer years = server_->call("GET", path(ovning_, "/fiscal-years"), &owner_);
  ASSERT_EQ(years.status, 200) << years.raw;
  EXPECT_EQ(years.body["data_source"], "sie");
  ASSERT_FALSE(years.body["fiscal_years"].empty());
  EXPECT_EQ(years.body["fiscal_years"][0]["first_day"], "2021-01-01");
  EXPECT_EQ(years.body["fiscal_years"][0]["source"], "sie");

  for (const std::string kind : {"income-statement", "balance-sheet", "key-figures"}) {
    Answer r = server_->call("GET", path(ovning_, "/reports/" + kind + "?year=2021"), &owner_);
    ASSERT_EQ(r.status, 200) << kind << ": " << r.raw;
    EXPECT_EQ(r.content_type.rfind("application/json", 0), 0u);
    EXPECT_EQ(r.raw, library_report(kind, 2021)) << kind;
  }
  Answer is = server_->call("GET", path(ovning_, "/reports/income-statement?year=2021&month=3"), &owner_);
  ASSERT_EQ(is.status, 200) << is.raw;
  bool has_sales = false;
  for (const json& row : is.body["rows"])
    if (row["key"] == "net_sales") has_sales = row["values"].contains("month") && row["values"].contains("ytd");
  EXPECT_TRUE(has_sales) << is.raw;
  for (const std::string kind : {"trial-balance", "monthly"}) {
    Answer r = server_->call("GET", path(ovning_, "/reports/" + kind + "?year=2021"), &owner_);
    EXPECT_EQ(r.status, 200) << kind << ": " << r.raw;
  }
  Answer chart = server_->call("GET", path(ovning_, "/reports/chart?kind=sales&year=2021"), &owner_);
  ASSERT_EQ(chart.status, 200) << chart.raw;
  EXPECT_EQ(chart.content_type.rfind("image/svg+xml", 0), 0u);
  EXPECT_NE(chart.raw.find("<svg"), std::string::npos);
  EXPECT_EQ(server_->call("GET", path(ovning_, "/reports/chart?kind=pie"), &owner_).status, 400);
  // In the page's language when it asks; a language dagbok does not speak is a 400.
  EXPECT_NE(chart.raw.find("Försäljning per månad"), std::string::npos);
  Answer english = server_->call("GET", path(ovning_, "/reports/chart?kind=sales&year=2021&lang=en"), &owner_);
  ASSERT_EQ(english.status, 200) << english.raw;
  EXPECT_NE(english.raw.find("Sales by month"), std::string::npos);
  Answer german = server_->call("GET", path(ovning_, "/reports/chart?kind=sales&lang=de"), &owner_);
  EXPECT_EQ(german.status, 400);
  EXPECT_NE(german.raw.find("sv, nb or en"), std::string::npos) << german.raw;
  EXPECT_EQ(server_->call("GET", path(ovning_, "/reports/income-statement?year=20x1"), &owner_).status, 400);

  // The same file again: the year already holds data, so it is refused, unless it replaces the year.
  Answer again = import_example();
  EXPECT_EQ(again.status, 422) << again.raw;
  EXPECT_EQ(again.error_code(), "import_refused");
  Answer replaced = import_example("?replace_year=1");
  EXPECT_EQ(replaced.status, 201) << replaced.raw;
}

TEST_F(LedgerApiTest, ABadFileIsRefusedWithItsDiagnosticsAndChangesNothing) {
  ASSERT_EQ(import_example().status, 201);
  const std::string before = library_report("income-statement", 2021);
  const std::string bad =
      "#FLAGGA 0\n#PROGRAM \"test\" 1\n#FORMAT PC8\n#GEN 20220101\n#SIETYP 4\n#ORGNR 555555-5555\n"
      "#FNAMN \"Övningsbolaget AB\"\n#RAR 0 20220101 20221231\n#KONTO 1930 \"Bank\"\n#KONTO 3001 \"Försäljning\"\n"
      "#VER A 1 20220115 \"Försäljning\"\n{\n#TRANS 1930 {} 100.00\n#TRANS 3001 {} -10x.00\n}\n";
  Answer refused = server_->upload(path(ovning_, "/imports"), &owner_, bad, "trasig.se");
  ASSERT_EQ(refused.status, 422) << refused.raw;
  EXPECT_EQ(refused.error_code(), "import_refused");
  const json& error = refused.body["error"];
  ASSERT_TRUE(error["log_entry_id"].is_number()) << refused.raw;
  ASSERT_FALSE(error["diagnostics"].empty()) << refused.raw;
  EXPECT_TRUE(std::regex_search(error["diagnostics"][0].get<std::string>(), std::regex(R"(^trasig\.se:14:\d+: )")))
      << refused.raw;

  const json entries = log();
  EXPECT_EQ(entries[0]["id"], error["log_entry_id"]);
  EXPECT_EQ(entries[0]["result"], "refused");
  EXPECT_EQ(entries[0]["file"], "trasig.se");
  EXPECT_FALSE(entries[0]["diagnostics"].empty());

  Answer years = server_->call("GET", path(ovning_, "/fiscal-years"), &owner_);
  for (const json& y : years.body["fiscal_years"]) EXPECT_NE(y["first_day"], "2022-01-01");
  EXPECT_EQ(library_report("income-statement", 2021), before);

  // Not SIE at all, and an empty body.
  EXPECT_EQ(server_->upload(path(ovning_, "/imports"), &owner_, "hello\n", "hello.txt").status, 422);
  EXPECT_EQ(server_->upload(path(ovning_, "/imports"), &owner_, "", "empty.se").status, 400);
}

TEST_F(LedgerApiTest, WithoutTheImportRightTheLibraryRefusesAndLogsIt) {
  Session accountant = server_->login("revisor@ovning.se");
  Answer up = server_->upload(path(ovning_, "/imports"), &accountant, slurp(kExample), "SIE4 Exempelfil.SE");
  EXPECT_EQ(up.status, 403) << up.raw;
  EXPECT_EQ(up.error_code(), "permission_denied");
  EXPECT_NE(up.body["error"].value("message", "").find("revisor@ovning.se"), std::string::npos) << up.raw;
  EXPECT_EQ(server_->call("GET", path(ovning_, "/imports"), &accountant).status, 403);
  EXPECT_EQ(server_->call("PUT", path(ovning_, "/data-source"), &accountant, json{{"source", "dagbok"}}).status, 403);
  EXPECT_EQ(server_->call("POST", path(ovning_, "/fiscal-years/latest/delete"), &accountant, json::object()).status,
            403);
  EXPECT_EQ(server_->call("POST", path(ovning_, "/imports/1/undo"), &accountant, json::object()).status, 403);
  // They may read the reports (the books) and the data source.
  EXPECT_EQ(server_->call("GET", path(ovning_, "/data-source"), &accountant).status, 200);

  const json entries = log();
  ASSERT_GE(entries.size(), 5u);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(entries[i]["result"], "refused") << entries[i].dump();
    EXPECT_EQ(entries[i]["actor"], "revisor@ovning.se");
  }
  Answer years = server_->call("GET", path(ovning_, "/fiscal-years"), &owner_);
  EXPECT_TRUE(years.body["fiscal_years"].empty()) << years.raw;
  EXPECT_EQ(server_->call("GET", path(ovning_, "/data-source"), &owner_).body["source"], "sie");
}

TEST_F(LedgerApiTest, AnotherCompanysUserIsRefusedAndTheirOwnImportNeedsTheirOrgnr) {
  ASSERT_EQ(import_example().status, 201);
  Session stranger = server_->login("agare@kaffebaren.se");
  for (const std::string rest :
       {"/reports/income-statement", "/reports/chart?kind=sales", "/fiscal-years", "/imports", "/data-source"}) {
    Answer a = server_->call("GET", path(ovning_, rest), &stranger);
    EXPECT_EQ(a.status, 404) << rest << ": " << a.raw;
    EXPECT_EQ(a.raw.find("Övningsbolaget"), std::string::npos);
  }
  EXPECT_EQ(server_->upload(path(ovning_, "/imports"), &stranger, slurp(kExample), "x.se").status, 404);
  EXPECT_EQ(server_->call("POST", path(ovning_, "/imports/1/undo"), &stranger, json::object()).status, 404);
  EXPECT_EQ(server_->call("POST", path(ovning_, "/fiscal-years/latest/delete"), &stranger, json::object()).status, 404);
  EXPECT_EQ(server_->call("PUT", path(ovning_, "/data-source"), &stranger, json{{"source", "dagbok"}}).status, 404);
  Answer years = server_->call("GET", path(ovning_, "/fiscal-years"), &owner_);
  EXPECT_EQ(years.body["fiscal_years"].size(), 1u) << years.raw;

  // Into their own company the file is refused: its books take dagbok's own
  // vouchers, and then its #ORGNR is not theirs.
  Answer own = server_->upload(path(annan_, "/imports"), &stranger, slurp(kExample), "x.se");
  EXPECT_EQ(own.status, 422) << own.raw;
  ASSERT_EQ(server_->call("PUT", path(annan_, "/data-source"), &stranger, json{{"source", "sie"}}).status, 200);
  own = server_->upload(path(annan_, "/imports"), &stranger, slurp(kExample), "x.se");
  EXPECT_EQ(own.status, 422) << own.raw;
  EXPECT_NE(own.body["error"].value("message", "").find("555555-5555"), std::string::npos) << own.raw;
}

TEST_F(LedgerApiTest, CsrfUndoAndDeleteTheLatestYear) {
  Answer no_csrf = server_->upload(path(ovning_, "/imports"), &owner_, slurp(kExample), "x.se", false);
  EXPECT_EQ(no_csrf.status, 403);
  EXPECT_EQ(no_csrf.error_code(), "csrf");

  Answer imported = import_example();
  ASSERT_EQ(imported.status, 201) << imported.raw;
  const int64_t id = imported.body["import"]["id"];
  Answer undone =
      server_->call("POST", path(ovning_, "/imports/" + std::to_string(id) + "/undo"), &owner_, json::object());
  ASSERT_EQ(undone.status, 200) << undone.raw;
  EXPECT_EQ(undone.body["undone"], id);
  EXPECT_TRUE(server_->call("GET", path(ovning_, "/fiscal-years"), &owner_).body["fiscal_years"].empty());
  EXPECT_EQ(log()[1]["undone_by"], undone.body["log_entry_id"]);
  Answer twice =
      server_->call("POST", path(ovning_, "/imports/" + std::to_string(id) + "/undo"), &owner_, json::object());
  EXPECT_EQ(twice.status, 409) << twice.raw;

  ASSERT_EQ(import_example().status, 201);
  Answer wrong = server_->call("POST", path(ovning_, "/fiscal-years/latest/delete"), &owner_,
                               json{{"expected_first_day", "2020-01-01"}});
  EXPECT_EQ(wrong.status, 409) << wrong.raw;
  Answer deleted = server_->call("POST", path(ovning_, "/fiscal-years/latest/delete"), &owner_,
                                 json{{"expected_first_day", "2021-01-01"}});
  ASSERT_EQ(deleted.status, 200) << deleted.raw;
  EXPECT_EQ(deleted.body["deleted"]["first_day"], "2021-01-01");
  EXPECT_TRUE(server_->call("GET", path(ovning_, "/fiscal-years"), &owner_).body["fiscal_years"].empty());
  EXPECT_EQ(log()[0]["kind"], "delete_year");
}

TEST(LedgerApiLimits, AFileOverTheLimitIsRefusedSayingWhatToDo) {
  TempDir dir{"dagbok-ledger-limit"};
  const std::string db = dir.file("books.db");
  FixedClock clock{*Instant::parse_rfc3339("2026-11-23T08:00:00+01:00")};
  {
    std::unique_ptr<Store> store = *open_store(db);
    Company c = *create_company(*store, {Country::kSweden, "Övningsbolaget AB", "ovning", "555555-5555", "", 300, {}});
    ASSERT_TRUE(auth::add_user(*store, {"agare@ovning.se", "", kPassword, "sv"}, clock).ok());
    ASSERT_TRUE(auth::grant_role(*store, "agare@ovning.se", c.id, Role::kOwner, auth::ImportRight::kGranted).ok());
  }
  ServerOptions o;
  o.max_body_bytes = 1024;
  LedgerServer server(db, clock, o);
  Session s = server.login("agare@ovning.se");
  Answer a = server.upload("/api/v1/companies/ovning/imports", &s, std::string(8192, '#'), "big.se");
  EXPECT_EQ(a.status, 413) << a.raw;
  EXPECT_EQ(a.error_code(), "too_large");
  EXPECT_NE(a.body["error"].value("message", "").find("dagbok ledger import"), std::string::npos) << a.raw;
}

}  // namespace
}  // namespace dagbok::server
