// How a closed day and a correction land in the ledger, row for row: the
// fiscal years opened, the ledger vouchers, their transactions (cost center as
// a SIE object list) and the month totals. The expected text
// (testdata/posting_expected.txt) was written by the database triggers of
// migration 5, before posting moved to C++ (books/ledger_posting.h); the same
// rows must come out of the day close, the correction and a re-sync.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "demo/demo_shop.h"
#include "ledger/ledger_admin.h"
#include "pipeline/day_close.h"
#include "store/ledger_records.h"
#include "support/temp_dir.h"

namespace dagbok {
namespace {

using testing_support::TempDir;

std::string expected_path() {
  return std::string(DAGBOK_SOURCE_DIR) + "/tests/integration/ledger/testdata/posting_expected.txt";
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The ledger's own-voucher rows as text, without the surrogate ids of the
// ledger tables (years by their span, vouchers by dagbok's voucher id).
std::string dump_ledger(const std::string& db_path) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  const char* queries[] = {
      "SELECT 'year', first_day, last_day, COALESCE(import_id, 'own') FROM ledger_fiscal_years "
      "WHERE superseded_by IS NULL ORDER BY first_day",
      "SELECT 'voucher', fy.first_day, v.dagbok_voucher_id, v.series, v.number, v.date, v.text, "
      "COALESCE(v.reg_date, 'NULL'), v.sign FROM ledger_vouchers v JOIN ledger_fiscal_years fy ON fy.id = "
      "v.fiscal_year_id ORDER BY v.dagbok_voucher_id",
      "SELECT 'row', v.dagbok_voucher_id, t.line_no, t.kind, t.account, t.amount, COALESCE(t.date, 'NULL'), t.text, "
      "COALESCE(t.quantity, 'NULL'), t.objects FROM ledger_transactions t JOIN ledger_vouchers v ON v.id = "
      "t.voucher_id ORDER BY v.dagbok_voucher_id, t.line_no",
      "SELECT 'total', fy.first_day, m.account, m.month, m.amount, m.rows FROM ledger_month_totals m JOIN "
      "ledger_fiscal_years fy ON fy.id = m.fiscal_year_id ORDER BY fy.first_day, m.account, m.month",
  };
  std::string out;
  for (const char* q : queries) {
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, q, -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    while (sqlite3_step(st) == SQLITE_ROW) {
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        if (c > 0) out += '|';
        const unsigned char* t = sqlite3_column_text(st, c);
        out += t ? reinterpret_cast<const char*>(t) : "NULL";
      }
      out += '\n';
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return out;
}

class PostingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("posting.db");
    store_ = *open_store(db_);
    ledger_ = *open_ledger_store(db_);
    DemoOptions o;
    o.days = 4;  // 2025-12-30 .. 2026-01-02: a year end
    o.end = Date::from_ymd(2026, 1, 2);
    Result<DemoResult> demo = run_demo(*store_, o, clock_, nullptr);
    ASSERT_TRUE(demo.ok()) << demo.error().message();
    demo_ = *demo;
    // The card payments move to another account from the first day on: each
    // closed day is corrected (a reversal and a corrected voucher, today).
    MappingEntry card;
    card.group = MappingGroup::kPayment;
    card.key = "card";
    card.account = "1930";
    card.valid_from = demo_.from;
    ASSERT_TRUE(store_->add_mapping(demo_.company.id, {card}).ok());
    Result<std::vector<Correction>> fixed = correct_day(*store_, demo_.company, demo_.from, std::nullopt, clock_);
    ASSERT_TRUE(fixed.ok()) << fixed.error().message();
    ASSERT_FALSE(fixed->empty());
  }

  TempDir dir_{"dagbok-posting"};
  std::string db_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<LedgerStore> ledger_;
  DemoResult demo_;
  FixedClock clock_{Instant::from_unix(1768694400)};  // 2026-01-18
  ledger::Actor me_ = ledger::Actor::local_operator();
};

TEST_F(PostingTest, ClosedDaysAndACorrectionLandAsTheTriggersBookedThem) {
  const std::string got = dump_ledger(db_);
  const std::string want = read_file(expected_path());
  if (const char* w = std::getenv("DAGBOK_WRITE_POSTING_EXPECTED"); w && *w) {
    std::ofstream(expected_path()) << got;
    GTEST_SKIP() << "wrote " << expected_path();
  }
  ASSERT_FALSE(want.empty()) << "missing " << expected_path();
  EXPECT_EQ(got, want);
}

TEST_F(PostingTest, ASyncedYearLandsAsTheDayCloseBookedIt) {
  const std::string before = dump_ledger(db_);
  // Deleting the latest year and bringing the vouchers in again posts them
  // through the sync path: the same rows, the same totals.
  ASSERT_TRUE(ledger::delete_latest_year(*store_, *ledger_, demo_.company, me_, std::nullopt, clock_).ok());
  EXPECT_NE(dump_ledger(db_), before);
  EXPECT_GT(*ledger_->sync_own_vouchers(demo_.company.id), 0);
  EXPECT_EQ(dump_ledger(db_), before);
}

TEST_F(PostingTest, NothingIsPostedWhileTheSourceIsSie) {
  const std::string before = dump_ledger(db_);
  ASSERT_TRUE(ledger::set_source(*store_, *ledger_, demo_.company, me_, LedgerSource::kSie, clock_).ok());
  MappingEntry card;
  card.group = MappingGroup::kPayment;
  card.key = "card";
  card.account = "1910";
  card.valid_from = demo_.from;
  ASSERT_TRUE(store_->add_mapping(demo_.company.id, {card}).ok());
  Result<std::vector<Correction>> fixed = correct_day(*store_, demo_.company, demo_.from, std::nullopt, clock_);
  ASSERT_TRUE(fixed.ok()) << fixed.error().message();
  ASSERT_FALSE(fixed->empty());
  EXPECT_EQ(dump_ledger(db_), before);
  // Switching back brings the new correction in, once.
  ASSERT_TRUE(ledger::set_source(*store_, *ledger_, demo_.company, me_, LedgerSource::kDagbok, clock_).ok());
  EXPECT_NE(dump_ledger(db_), before);
  EXPECT_EQ(*ledger_->sync_own_vouchers(demo_.company.id), 0);
}

TEST_F(PostingTest, NoTriggerWritesTheLedger) {
  // Migration 6 dropped the triggers that posted; the guards stay.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(db_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name", -1, &st,
                               nullptr),
            SQLITE_OK);
  int guards = 0;
  while (sqlite3_step(st) == SQLITE_ROW) {
    const std::string name = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    const std::string sql = reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
    EXPECT_EQ(sql.find("INSERT"), std::string::npos) << name;
    EXPECT_NE(sql.find("RAISE(ABORT"), std::string::npos) << name;
    ++guards;
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  EXPECT_GE(guards, 8);  // Z-reports, vouchers and their lines, delivered exports
}

}  // namespace
}  // namespace dagbok
