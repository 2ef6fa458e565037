// dagbok's own vouchers flowing into the ledger (source 'dagbok'): in the
// day close's transaction, across a year end, never twice, and the
// aggregates always equal the transactions they sum.
#include <gtest/gtest.h>

#include "demo/demo_shop.h"
#include "ledger/ledger_admin.h"
#include "ledger/year_balances.h"
#include "store/ledger_records.h"
#include "support/temp_dir.h"

namespace dagbok {
namespace {

using testing_support::TempDir;

class OwnVouchersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("own.db");
    store_ = *open_store(db_);
    ledger_ = *open_ledger_store(db_);
    DemoOptions o;
    o.days = 30;
    o.end = Date::from_ymd(2026, 1, 15);
    Result<DemoResult> demo = run_demo(*store_, o, clock_, nullptr);
    ASSERT_TRUE(demo.ok()) << demo.error().message();
    demo_ = *demo;
  }

  int64_t ledger_vouchers() {
    int64_t n = 0;
    const std::vector<LedgerFiscalYear> years = *ledger_->fiscal_years(demo_.company.id);
    for (const LedgerFiscalYear& y : years) n += *ledger_->voucher_count(y.id);
    return n;
  }

  void expect_totals_match() {
    const std::vector<LedgerFiscalYear> years = *ledger_->fiscal_years(demo_.company.id);
    for (const LedgerFiscalYear& y : years) {
      auto kept = *ledger_->month_totals(y.id);
      auto scanned = *ledger_->month_totals_from_transactions(y.id);
      ASSERT_EQ(kept.size(), scanned.size());
      for (size_t i = 0; i < kept.size(); ++i) {
        EXPECT_EQ(kept[i].account, scanned[i].account);
        EXPECT_EQ(kept[i].month, scanned[i].month);
        EXPECT_EQ(kept[i].amount, scanned[i].amount);
        EXPECT_EQ(kept[i].rows, scanned[i].rows);
      }
    }
  }

  TempDir dir_{"dagbok-own"};
  std::string db_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<LedgerStore> ledger_;
  DemoResult demo_;
  FixedClock clock_{Instant::from_unix(1768694400)};  // 2026-01-18
  ledger::Actor me_ = ledger::Actor::local_operator();
};

TEST_F(OwnVouchersTest, DayClosesFlowInAcrossTheYearEnd) {
  auto years = *ledger_->fiscal_years(demo_.company.id);
  ASSERT_EQ(years.size(), 2u);
  EXPECT_EQ(years[0].first_day, Date::from_ymd(2025, 1, 1));
  EXPECT_EQ(years[1].last_day, Date::from_ymd(2026, 12, 31));
  EXPECT_FALSE(years[0].import_id.has_value());
  EXPECT_EQ(ledger_vouchers(), demo_.vouchers);
  expect_totals_match();

  auto y2025 = *ledger::load_year_balances(*store_, *ledger_, demo_.company, 2025);
  auto y2026 = *ledger::load_year_balances(*store_, *ledger_, demo_.company, std::nullopt);
  ASSERT_TRUE(y2026.previous_year.has_value());
  EXPECT_EQ(y2026.previous_year->start, Date::from_ymd(2025, 1, 1));
  std::map<std::string, int64_t> closing2025;
  for (const auto& b : y2025.balances) {
    int64_t c = b.opening.minor();
    for (Money m : b.months) c += m.minor();
    closing2025[b.account] = c;
  }
  bool saw_cash = false;
  for (const auto& b : y2026.balances) {
    if (b.account == "1910") {
      saw_cash = true;
      EXPECT_EQ(b.opening.minor(), closing2025["1910"]);  // carried forward
      EXPECT_NE(b.opening.minor(), 0);
    }
    if (b.account[0] == '3') {
      EXPECT_EQ(b.opening.minor(), 0);  // result accounts start at zero
    }
  }
  EXPECT_TRUE(saw_cash);
}

TEST_F(OwnVouchersTest, SwitchingAwayAndBackBringsNothingTwice) {
  const int64_t before = ledger_vouchers();
  ASSERT_TRUE(ledger::set_source(*store_, *ledger_, demo_.company, me_, LedgerSource::kSie, clock_).ok());
  ASSERT_TRUE(ledger::set_source(*store_, *ledger_, demo_.company, me_, LedgerSource::kDagbok, clock_).ok());
  EXPECT_EQ(ledger_vouchers(), before);
  EXPECT_EQ(*ledger_->sync_own_vouchers(demo_.company.id), 0);
  expect_totals_match();
  auto log = *ledger_->log(demo_.company.id, 10);
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].kind, LedgerLogEntry::Kind::kSource);
}

TEST_F(OwnVouchersTest, DeletedYearComesBackFromTheVouchersWhenSynced) {
  const int64_t before = ledger_vouchers();
  auto deleted = ledger::delete_latest_year(*store_, *ledger_, demo_.company, me_, std::nullopt, clock_);
  ASSERT_TRUE(deleted.ok());
  EXPECT_LT(ledger_vouchers(), before);
  EXPECT_GT(*ledger_->sync_own_vouchers(demo_.company.id), 0);
  EXPECT_EQ(ledger_vouchers(), before);
  expect_totals_match();
}

}  // namespace
}  // namespace dagbok
