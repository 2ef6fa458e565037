// The ledger against a real SQLite file: SIE 4 import (good and bad files),
// the import log, replace-year, undo with and without dependants,
// delete-year, the data source and the import right.
#include <gtest/gtest.h>

#include <fstream>

#include "auth/users.h"
#include "crypto/sha256.h"
#include "ledger/ledger_admin.h"
#include "ledger/sie_import.h"
#include "ledger/year_balances.h"
#include "store/ledger_records.h"
#include "store/sqlite/sqlite_db.h"
#include "support/temp_dir.h"

namespace dagbok {
namespace {

using testing_support::TempDir;

std::string sie(const std::string& orgnr, int year, const std::string& vouchers, const std::string& ib = "") {
  const std::string y = std::to_string(year);
  return "#FLAGGA 0\n#PROGRAM \"test\" 1\n#FORMAT PC8\n#GEN 20250101\n#SIETYP 4\n#ORGNR " + orgnr +
         "\n#FNAMN \"Testbolaget AB\"\n#RAR 0 " + y + "0101 " + y + "1231\n#KPTYP BAS2014\n" +
         "#KONTO 1930 \"Bank\"\n#KTYP 1930 T\n#KONTO 2081 \"Aktiekapital\"\n#KONTO 3001 \"Försäljning\"\n"
         "#SRU 3001 7410\n#KONTO 2611 \"Moms\"\n" + ib + vouchers;
}

std::string sale(int year, int month, const std::string& net, const std::string& vat, const std::string& gross,
                 int n) {
  char date[16];
  std::snprintf(date, sizeof date, "%04d%02d15", year, month);
  return "#VER A " + std::to_string(n) + " " + date + " \"Försäljning\"\n{\n#TRANS 1930 {} " + gross +
         "\n#TRANS 3001 {} -" + net + "\n#TRANS 2611 {} -" + vat + "\n}\n";
}

std::string cents_text(int64_t cents) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld.%02lld", static_cast<long long>(cents / 100), static_cast<long long>(cents % 100));
  return buf;
}

// `count` sales of three rows each, voucher i (from 0) in month i % 12 + 1 for
// (i + 1) × 100.00 net: a voucher stored under another's id or month would
// change the month totals recomputed from the rows.
std::string many_sales(int year, int count, int first_number = 1) {
  std::string out;
  for (int i = 0; i < count; ++i) {
    const int64_t net = (i + 1) * int64_t{10000};
    out += sale(year, i % 12 + 1, cents_text(net), cents_text(net / 4), cents_text(net + net / 4), first_number + i);
  }
  return out;
}

class LedgerImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("ledger.db");
    store_ = *open_store(db_);
    Company c;
    c.slug = "test";
    c.name = "Testbolaget AB";
    c.orgnr = "556000-1234";
    c.timezone = "Europe/Stockholm";
    c.chart_preset = "bas";
    company_ = c;
    company_.id = *store_->create_company(c);
    ledger_ = *open_ledger_store(db_);
    ASSERT_TRUE(ledger::set_source(*store_, *ledger_, company_, me_, LedgerSource::kSie, clock_).ok());
  }

  std::string write(const std::string& name, const std::string& text) {
    const std::string path = dir_.file(name);
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  Result<LedgerLogEntry> import(const std::string& path, LedgerImport::Replace r = LedgerImport::Replace::kRefuse) {
    ledger::ImportOptions o;
    o.replace = r;
    ledger::ImportOutcome done = ledger::import_sie_file(*store_, *ledger_, company_, me_, path, o, clock_);
    if (!done.imported()) return done.status.error();
    return done.entry;
  }

  // Closing balance per account of the latest year (or `year`), from the aggregates.
  std::map<std::string, int64_t> closing(std::optional<int> year = std::nullopt) {
    std::map<std::string, int64_t> out;
    Result<ledger::YearBalances> y = ledger::load_year_balances(*store_, *ledger_, company_, year);
    if (!y.ok()) return out;
    for (const ledger::AccountBalance& b : y->balances) {
      int64_t sum = b.opening.minor();
      for (Money m : b.months) sum += m.minor();
      out[b.account] = sum;
    }
    return out;
  }

  int64_t log_size() { return static_cast<int64_t>(ledger_->log(company_.id, 1000)->size()); }

  // Rows in a ledger table, whatever their fiscal year (read with a connection of its own).
  int64_t table_rows(const std::string& table) {
    auto db = sqlite::Database::open(db_);
    if (!db.ok()) return -1;
    auto st = (*db)->prepare("SELECT COUNT(*) FROM " + table);
    if (!st.ok() || !st->step().ok()) return -1;
    return st->int64(0);
  }

  // Every active year's kept month totals equal the sums over its stored rows.
  void expect_totals_match_rows() {
    const std::vector<LedgerFiscalYear> years = *ledger_->fiscal_years(company_.id);
    for (const LedgerFiscalYear& fy : years) {
      auto kept = *ledger_->month_totals(fy.id);
      auto scanned = *ledger_->month_totals_from_transactions(fy.id);
      ASSERT_EQ(kept.size(), scanned.size()) << fy.first_day.to_string();
      for (size_t i = 0; i < kept.size(); ++i) {
        EXPECT_EQ(kept[i].account, scanned[i].account);
        EXPECT_EQ(kept[i].month, scanned[i].month);
        EXPECT_EQ(kept[i].amount, scanned[i].amount) << kept[i].account << " " << kept[i].month;
        EXPECT_EQ(kept[i].rows, scanned[i].rows) << kept[i].account << " " << kept[i].month;
      }
    }
  }

  TempDir dir_{"dagbok-ledger"};
  std::string db_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<LedgerStore> ledger_;
  Company company_;
  ledger::Actor me_ = ledger::Actor::local_operator();
  FixedClock clock_{Instant::from_unix(1767225600)};
};

TEST_F(LedgerImportTest, GoodFileFillsYearAndLog) {
  const std::string path = write("good.se", sie("556000-1234", 2025, sale(2025, 1, "100.00", "25.00", "125.00", 1) +
                                                                    sale(2025, 3, "200.00", "50.00", "250.00", 2),
                                                "#IB 0 1930 1000.00\n#IB 0 2081 -1000.00\n"));
  Result<LedgerLogEntry> r = import(path);
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(r->vouchers, 2);
  EXPECT_EQ(r->transactions, 6);
  EXPECT_EQ(r->sha256.size(), 64u);
  EXPECT_EQ(r->fiscal_years, "2025-01-01..2025-12-31");
  Result<ledger::YearBalances> y = ledger::load_year_balances(*store_, *ledger_, company_, 2025);
  ASSERT_TRUE(y.ok()) << y.error().message();
  ASSERT_EQ(y->year.month_count(), 12);
  for (const ledger::AccountBalance& b : y->balances) {
    EXPECT_EQ(b.months.size(), 12u);
    if (b.account == "3001") {
      EXPECT_EQ(b.months[0].minor(), -10000);
      EXPECT_EQ(b.months[2].minor(), -20000);
    }
  }
  for (const ledger::LedgerAccount& a : y->accounts)
    if (a.number == "3001") {
      EXPECT_EQ(a.sru, "7410");
    }
  auto c = closing();
  EXPECT_EQ(c["1930"], 100000 + 37500);
  EXPECT_EQ(c["2081"], -100000);
  // The aggregates equal a sum over the stored transactions.
  const LedgerFiscalYear fy = ledger_->fiscal_years(company_.id)->back();
  auto kept = *ledger_->month_totals(fy.id);
  auto scanned = *ledger_->month_totals_from_transactions(fy.id);
  ASSERT_EQ(kept.size(), scanned.size());
  for (size_t i = 0; i < kept.size(); ++i) {
    EXPECT_EQ(kept[i].account, scanned[i].account);
    EXPECT_EQ(kept[i].month, scanned[i].month);
    EXPECT_EQ(kept[i].amount, scanned[i].amount);
  }
  auto log = *ledger_->log(company_.id, 10);
  EXPECT_EQ(log[0].outcome, LedgerLogEntry::Outcome::kOk);
  EXPECT_EQ(log[0].program, "test 1");
}

TEST_F(LedgerImportTest, BadFilesChangeNothingButTheLog) {
  ASSERT_TRUE(import(write("a.se", sie("556000-1234", 2024, sale(2024, 1, "100.00", "25.00", "125.00", 1)))).ok());
  const auto before = closing();
  const int64_t years_before = static_cast<int64_t>(ledger_->fiscal_years(company_.id)->size());
  struct Bad {
    std::string name, text, expect;
  };
  const std::vector<Bad> bad = {
      {"unbalanced.se", sie("556000-1234", 2025, sale(2025, 1, "100.00", "25.00", "125.01", 1)), "breaks the SIE"},
      {"comma.se", sie("556000-1234", 2025, sale(2025, 1, "100,00", "25.00", "125.00", 1)), "breaks the SIE"},
      {"orgnr.se", sie("556999-9999", 2025, sale(2025, 1, "100.00", "25.00", "125.00", 1)), "#ORGNR"},
      {"outside.se", sie("556000-1234", 2025, sale(2026, 1, "100.00", "25.00", "125.00", 1)), "outside every"},
      {"again.se", sie("556000-1234", 2024, sale(2024, 2, "1.00", "0.25", "1.25", 1)), "--replace-year"},
  };
  for (const Bad& b : bad) {
    const int64_t n = log_size();
    Result<LedgerLogEntry> r = import(write(b.name, b.text));
    ASSERT_FALSE(r.ok()) << b.name;
    EXPECT_NE(r.error().message().find(b.expect), std::string::npos) << b.name << ": " << r.error().message();
    EXPECT_EQ(log_size(), n + 1) << b.name;
    auto log = *ledger_->log(company_.id, 1);
    EXPECT_NE(log[0].outcome, LedgerLogEntry::Outcome::kOk);
    EXPECT_EQ(log[0].file_name, b.name);
    EXPECT_EQ(closing(), before) << b.name;
    EXPECT_EQ(static_cast<int64_t>(ledger_->fiscal_years(company_.id)->size()), years_before) << b.name;
  }
  // Errors carry file:line in the log.
  Result<LedgerLogEntry> r = import(write("comma2.se", sie("556000-1234", 2025, sale(2025, 1, "1,00", "0", "1", 1))));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(ledger_->log(company_.id, 1)->at(0).diagnostics.find("comma2.se:"), std::string::npos);
}

// A refusal says which log entry records it and why, as values: nobody has
// to find the entry again by its message.
TEST_F(LedgerImportTest, ARefusalNamesItsLogEntryAndDiagnostics) {
  ledger::ImportOptions o;
  const ledger::ImportOutcome r = ledger::import_sie_file(
      *store_, *ledger_, company_, me_, write("comma3.se", sie("556000-1234", 2025, sale(2025, 1, "1,00", "0", "1", 1))),
      o, clock_);
  ASSERT_FALSE(r.imported());
  EXPECT_EQ(r.status.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.status.error().message().find("import log entry"), std::string::npos) << r.status.error().message();
  ASSERT_TRUE(r.log_entry_id.has_value());
  const LedgerLogEntry latest = ledger_->log(company_.id, 1)->at(0);
  EXPECT_EQ(*r.log_entry_id, latest.id);
  EXPECT_EQ(latest.outcome, LedgerLogEntry::Outcome::kRefused);
  ASSERT_FALSE(r.diagnostics.empty());
  for (const std::string& d : r.diagnostics) EXPECT_EQ(d.rfind("comma3.se:", 0), 0u) << d;

  const ledger::ImportOutcome good = ledger::import_sie_file(
      *store_, *ledger_, company_, me_,
      write("fine.se", sie("556000-1234", 2025, sale(2025, 1, "100.00", "25.00", "125.00", 1))), o, clock_);
  ASSERT_TRUE(good.imported()) << good.status.error().message();
  ASSERT_TRUE(good.log_entry_id.has_value());
  EXPECT_EQ(*good.log_entry_id, good.entry.id);
  EXPECT_EQ(ledger_->log(company_.id, 1)->at(0).id, good.entry.id);
}

TEST_F(LedgerImportTest, ReplaceYearAndUndoWithDependants) {
  const auto first = import(write("v1.se", sie("556000-1234", 2025, sale(2025, 1, "100.00", "25.00", "125.00", 1))));
  ASSERT_TRUE(first.ok());
  const auto second = import(write("v2.se", sie("556000-1234", 2025, sale(2025, 2, "200.00", "50.00", "250.00", 1))),
                             LedgerImport::Replace::kReplace);
  ASSERT_TRUE(second.ok()) << second.error().message();
  EXPECT_EQ(closing()["3001"], -20000);
  // The first cannot be undone while the second stands on it.
  Result<int64_t> refused = ledger::undo_import(*store_, *ledger_, company_, me_, first->id, clock_);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message().find("import " + std::to_string(second->id)), std::string::npos);
  // Undo the second: the first year comes back.
  ASSERT_TRUE(ledger::undo_import(*store_, *ledger_, company_, me_, second->id, clock_).ok());
  EXPECT_EQ(closing()["3001"], -10000);
  EXPECT_FALSE(ledger::undo_import(*store_, *ledger_, company_, me_, second->id, clock_).ok());  // twice
  ASSERT_TRUE(ledger::undo_import(*store_, *ledger_, company_, me_, first->id, clock_).ok());
  EXPECT_TRUE(ledger_->fiscal_years(company_.id)->empty());
  EXPECT_EQ(ledger_->log(company_.id, 1)->at(0).kind, LedgerLogEntry::Kind::kUndo);
}

TEST_F(LedgerImportTest, UndoAnOlderImportWithoutDependants) {
  const auto y2024 = import(write("y24.se", sie("556000-1234", 2024, sale(2024, 5, "100.00", "25.00", "125.00", 1))));
  const auto y2025 = import(write("y25.se", sie("556000-1234", 2025, sale(2025, 5, "300.00", "75.00", "375.00", 1))));
  ASSERT_TRUE(y2024.ok() && y2025.ok());
  ASSERT_TRUE(ledger::undo_import(*store_, *ledger_, company_, me_, y2024->id, clock_).ok());
  auto years = *ledger_->fiscal_years(company_.id);
  ASSERT_EQ(years.size(), 1u);
  EXPECT_EQ(years[0].first_day.year(), 2025);
  EXPECT_EQ(closing()["3001"], -30000);
}

TEST_F(LedgerImportTest, DeleteOnlyTheLatestYear) {
  ASSERT_TRUE(import(write("y24.se", sie("556000-1234", 2024, sale(2024, 5, "100.00", "25.00", "125.00", 1)))).ok());
  ASSERT_TRUE(import(write("y25.se", sie("556000-1234", 2025, sale(2025, 5, "300.00", "75.00", "375.00", 1)))).ok());
  auto refused = ledger::delete_latest_year(*store_, *ledger_, company_, me_, Date::from_ymd(2024, 1, 1), clock_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(ledger_->fiscal_years(company_.id)->size(), 2u);
  auto deleted = ledger::delete_latest_year(*store_, *ledger_, company_, me_, std::nullopt, clock_);
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(deleted->first_day.year(), 2025);
  auto years = *ledger_->fiscal_years(company_.id);
  ASSERT_EQ(years.size(), 1u);
  EXPECT_EQ(years[0].first_day.year(), 2024);
  EXPECT_EQ(closing()["3001"], -10000);
  EXPECT_EQ(ledger_->log(company_.id, 1)->at(0).kind, LedgerLogEntry::Kind::kDeleteYear);
}

TEST_F(LedgerImportTest, PermissionsAreCheckedInTheLibrary) {
  auto anna = auth::add_user(*store_, {"anna@test.se", "Anna", "a long password 1", "sv"}, clock_);
  auto bo = auth::add_user(*store_, {"bo@test.se", "Bo", "a long password 2", "sv"}, clock_);
  ASSERT_TRUE(anna.ok() && bo.ok());
  ASSERT_TRUE(auth::grant_role(*store_, "anna@test.se", company_.id, Role::kAccountant, auth::ImportRight::kGranted).ok());
  ASSERT_TRUE(auth::grant_role(*store_, "bo@test.se", company_.id, Role::kOwner, auth::ImportRight::kNone).ok());
  const std::string path = write("p.se", sie("556000-1234", 2025, sale(2025, 1, "100.00", "25.00", "125.00", 1)));
  // Now that there are users, the local operator may not act.
  auto as_local = import(path);
  ASSERT_FALSE(as_local.ok());
  EXPECT_EQ(as_local.error().code(), ErrorCode::kPermissionDenied);
  ledger::ImportOptions o;
  auto as_bo = ledger::import_sie_file(*store_, *ledger_, company_, {bo->id, bo->email}, path, o, clock_);
  ASSERT_FALSE(as_bo.imported());
  EXPECT_EQ(as_bo.status.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_TRUE(ledger_->fiscal_years(company_.id)->empty());
  auto as_anna = ledger::import_sie_file(*store_, *ledger_, company_, {anna->id, anna->email}, path, o, clock_);
  ASSERT_TRUE(as_anna.imported()) << as_anna.status.error().message();
  EXPECT_FALSE(ledger::undo_import(*store_, *ledger_, company_, {bo->id, bo->email}, as_anna.entry.id, clock_).ok());
  EXPECT_FALSE(ledger::delete_latest_year(*store_, *ledger_, company_, {bo->id, bo->email}, std::nullopt, clock_).ok());
  EXPECT_FALSE(ledger::set_source(*store_, *ledger_, company_, {bo->id, bo->email}, LedgerSource::kDagbok, clock_).ok());
  EXPECT_EQ(ledger_->fiscal_years(company_.id)->size(), 1u);
  EXPECT_EQ(*ledger_->source(company_.id), LedgerSource::kSie);
  auto log = *ledger_->log(company_.id, 1);
  EXPECT_EQ(log[0].outcome, LedgerLogEntry::Outcome::kRefused);
  EXPECT_EQ(log[0].actor, "bo@test.se");
}

// Vouchers and rows go in with multi-row INSERTs (64 vouchers, 128 rows per
// statement) and what is left at the end with a statement of its own size:
// 150 vouchers of 3 rows are 2 full voucher statements and a tail of 22, 3
// full row statements and a tail of 66. A second import continues the ids.
TEST_F(LedgerImportTest, VoucherCountNotAMultipleOfTheBatch) {
  auto r = import(write("many.se", sie("556000-1234", 2025, many_sales(2025, 150))));
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(r->vouchers, 150);
  EXPECT_EQ(r->transactions, 450);
  const LedgerFiscalYear fy = ledger_->fiscal_years(company_.id)->back();
  EXPECT_EQ(*ledger_->voucher_count(fy.id), 150);
  EXPECT_EQ(table_rows("ledger_transactions"), 450);
  EXPECT_EQ(closing()["3001"], -10000 * (150 * 151 / 2));
  expect_totals_match_rows();
  auto again = import(write("more.se", sie("556000-1234", 2024, many_sales(2024, 65))));
  ASSERT_TRUE(again.ok()) << again.error().message();
  EXPECT_EQ(table_rows("ledger_vouchers"), 215);
  EXPECT_EQ(table_rows("ledger_transactions"), 645);
  expect_totals_match_rows();
  EXPECT_EQ(closing(2024)["3001"], -10000 * (65 * 66 / 2));
}

// A file of several 1 MiB chunks (more than the three read buffers that
// circulate between the reader and the hashing thread): the log's SHA-256 is
// the file's, the chunks hashed in order.
TEST_F(LedgerImportTest, HashOfAFileOfManyChunks) {
  const std::string text = sie("556000-1234", 2025, many_sales(2025, 40000));
  ASSERT_GT(text.size(), size_t{4} << 20);
  auto r = import(write("big.se", text));
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(r->sha256, crypto::sha256_hex(text));
  EXPECT_EQ(r->transactions, 120000);
  expect_totals_match_rows();
}

// A connection that allows fewer parameters per statement gets smaller
// batches (22, the least the import log's statements need: 2 vouchers or 2
// rows a statement; 30: 3 of each) and the same books; below one row's 9
// columns the import stops before writing, saying why.
TEST_F(LedgerImportTest, LowVariableLimitMeansSmallerBatches) {
  for (int limit : {22, 30}) {
    TempDir dir("dagbok-ledger-limit");
    const std::string db = dir.file("ledger.db");
    std::unique_ptr<Store> store = *open_store(db);
    Company c = company_;
    c.id = *store->create_company(company_);
    LedgerStoreOptions options;
    options.max_sql_variables = limit;
    std::unique_ptr<LedgerStore> ledger = *open_ledger_store(db, options);
    ASSERT_TRUE(ledger::set_source(*store, *ledger, c, me_, LedgerSource::kSie, clock_).ok());
    ledger::ImportOptions o;
    auto r = ledger::import_sie_file(*store, *ledger, c, me_, write("small.se", sie("556000-1234", 2025, many_sales(2025, 7))),
                                     o, clock_);
    ASSERT_TRUE(r.imported()) << limit << ": " << r.status.error().message();
    EXPECT_EQ(r.entry.transactions, 21);
    const LedgerFiscalYear fy = ledger->fiscal_years(c.id)->back();
    EXPECT_EQ(*ledger->voucher_count(fy.id), 7);
    auto kept = *ledger->month_totals(fy.id);
    auto scanned = *ledger->month_totals_from_transactions(fy.id);
    ASSERT_EQ(kept.size(), scanned.size());
    for (size_t i = 0; i < kept.size(); ++i) EXPECT_EQ(kept[i].amount, scanned[i].amount) << limit;
  }
  LedgerStoreOptions tiny;
  tiny.max_sql_variables = 8;
  ledger_ = *open_ledger_store(db_, tiny);
  auto r = import(write("tiny.se", sie("556000-1234", 2025, many_sales(2025, 3))));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("parameters per statement"), std::string::npos) << r.error().message();
  EXPECT_TRUE(ledger_->fiscal_years(company_.id)->empty());
  EXPECT_EQ(table_rows("ledger_vouchers"), 0);
}

// A file that fails after several full batches went into the database
// (a voucher outside the year, an unbalanced voucher, both after 300 good
// ones) leaves no row behind: the import is one transaction.
TEST_F(LedgerImportTest, FailureMidFileLeavesNothing) {
  const std::string good = many_sales(2025, 300);
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"outside.se", sie("556000-1234", 2025, good + sale(2026, 1, "1.00", "0.25", "1.25", 301))},
      {"unbalanced.se", sie("556000-1234", 2025, good + sale(2025, 1, "1.00", "0.25", "1.26", 301) + many_sales(2025, 10, 302))},
  };
  for (const auto& [name, text] : bad) {
    auto r = import(write(name, text));
    ASSERT_FALSE(r.ok()) << name;
    EXPECT_TRUE(ledger_->fiscal_years(company_.id)->empty()) << name;
    for (const char* table : {"ledger_vouchers", "ledger_transactions", "ledger_month_totals", "ledger_fiscal_years"})
      EXPECT_EQ(table_rows(table), 0) << name << " " << table;
  }
  // The ids the failed imports used are free again, and a good import takes them.
  auto r = import(write("good.se", sie("556000-1234", 2025, good)));
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(table_rows("ledger_transactions"), 900);
  expect_totals_match_rows();
}

}  // namespace
}  // namespace dagbok
