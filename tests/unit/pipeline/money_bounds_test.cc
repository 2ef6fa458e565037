// Money that cannot wrap, through intake and close on a real SQLite file
// (issue 11): the two inputs that once wrapped are refused with the field
// named and nothing stored; amounts at the bounds are booked exactly; a
// register's day is held to its receipt count.
#include <gtest/gtest.h>

#include "pipeline/company_setup.h"
#include "pipeline/day_close.h"
#include "pipeline/receipt_intake.h"
#include "support/temp_dir.h"

namespace dagbok {
namespace {

using testing_support::TempDir;

class MoneyBoundsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = *open_store(dir_.file("books.db"));
    NewCompany spec;
    spec.country = Country::kSweden;
    spec.name = "Gränsbutiken AB";
    spec.orgnr = "5566778899";
    Result<Company> c = create_company(*store_, spec);
    ASSERT_TRUE(c.ok()) << c.error().message();
    company_ = *c;
    ASSERT_TRUE(store_->add_mapping(company_.id, {{MappingGroup::kProductGroup, "Mat", "", "3002",
                                                   Date::from_ymd(2000, 1, 1)}})
                    .ok());
  }

  Result<IntakeSummary> import(const std::vector<std::string>& lines, const IntakeLimits& limits = {}) {
    std::vector<ReceiptSource> items;
    for (size_t i = 0; i < lines.size(); ++i) items.push_back({"receipts.jsonl:" + std::to_string(i + 1), lines[i]});
    return import_receipts(*store_, company_, items, limits);
  }

  int64_t stored_receipts() {
    const std::vector<ReceiptDay> days = *store_->receipt_days(company_.id, std::nullopt, std::nullopt);
    int64_t n = 0;
    for (const ReceiptDay& d : days) n += d.receipts;
    return n;
  }

  Result<CloseOutcome> close(const char* d) {
    CloseRequest req;
    req.day = *Date::parse(d);
    return close_day(*store_, company_, req, clock_);
  }

  Money booked_on(const char* account) {
    Money sum;
    const std::vector<Voucher> vouchers = *store_->vouchers(company_.id, std::nullopt, std::nullopt);
    for (const Voucher& v : vouchers)
      for (const VoucherLine& l : v.lines)
        if (l.account == account) sum += l.amount;
    return sum;
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
  Company company_;
  FixedClock clock_{*Instant::parse_rfc3339("2026-11-23T12:00:00+01:00")};
};

std::string sale(const std::string& id, const std::string& unit_price, const std::string& quantity,
                 const std::string& payments) {
  return R"({"id":")" + id + R"(","register":"K1","time":"2026-11-20T10:00:00+01:00","lines":[{"product_group":"Mat",)"
         R"("vat_rate":"12","quantity":")" + quantity + R"(","unit_price":")" + unit_price + R"("}],"payments":)" +
         payments + "}";
}

// Issue 11: 46116860184273904.04 × 4 is 2^64 öre + 100.00, which wrapped to
// 100.00: accepted (201), and the Z-report and voucher booked 100.00.
TEST_F(MoneyBoundsTest, ALineWhoseProductWrapsIsRefusedNamingTheField) {
  Result<IntakeSummary> r =
      import({sale("WRAP-1", "46116860184273904.04", "4", R"([{"method":"card","amount":"100.00"}])")});
  ASSERT_FALSE(r.ok()) << "accepted; the line wraps to " << Money::parse("100.00")->to_string();
  const std::string& m = r.error().message();
  EXPECT_NE(m.find("receipts.jsonl:1"), std::string::npos) << m;
  EXPECT_NE(m.find("'WRAP-1'"), std::string::npos) << m;
  EXPECT_NE(m.find("lines[0].unit_price"), std::string::npos) << m;
  EXPECT_NE(m.find("bound"), std::string::npos) << m;
  EXPECT_EQ(stored_receipts(), 0);
}

// Issue 11: two card payments of INT64_MAX öre and 100.02 cash wrapped to a
// payments total of 100.00 and a card debit of −0.02.
TEST_F(MoneyBoundsTest, PaymentsWhoseSumWrapsAreRefusedNamingTheField) {
  Result<IntakeSummary> r = import({sale("WRAP-2", "100.00", "1",
                                         R"([{"method":"card","amount":"92233720368547758.07"},)"
                                         R"({"method":"card","amount":"92233720368547758.07"},)"
                                         R"({"method":"cash","amount":"100.02"}])")});
  ASSERT_FALSE(r.ok()) << "accepted";
  const std::string& m = r.error().message();
  EXPECT_NE(m.find("'WRAP-2'"), std::string::npos) << m;
  EXPECT_NE(m.find("payments[0].amount"), std::string::npos) << m;
  EXPECT_EQ(stored_receipts(), 0);
}

TEST_F(MoneyBoundsTest, AmountsAtTheBoundsAreBookedExactly) {
  // 10 000 000 000.00 kr, the bound of one receipt, at 12 %: VAT is
  // 10^12 × 12 / 112 = 107 142 857 142.857… öre → 1 071 428 571.43.
  const std::string max = Money::from_minor(kMaxReceiptMinor).to_string();
  ASSERT_EQ(max, "10000000000.00");
  Result<IntakeSummary> r = import({sale("MAX-1", max, "1", R"([{"method":"card","amount":")" + max + R"("}])"),
                                    sale("MAX-2", "5000000000.00", "2", R"([{"method":"card","amount":")" + max + R"("}])")});
  ASSERT_TRUE(r.ok()) << r.error().message();
  ASSERT_TRUE(close("2026-11-20").ok());
  EXPECT_EQ((booked_on("1580") + booked_on("1686")).to_string(), "20000000000.00");
  EXPECT_EQ(booked_on("2621").to_string(), "-2142857142.86");
  EXPECT_EQ(booked_on("3002").to_string(), "-17857142857.14");
}

TEST_F(MoneyBoundsTest, OneOreBeyondTheBoundsIsRefused) {
  const std::string over = Money::from_minor(kMaxAmountMinor + 1).to_string();
  const std::string half_over = Money::from_minor(kMaxAmountMinor / 2 + 1).to_string();
  struct Case {
    std::string json, field;
  };
  const std::vector<Case> cases = {
      {sale("O1", over, "1", R"([{"method":"card","amount":")" + over + R"("}])"), "lines[0].unit_price"},
      // Each amount within the bound, the line (price × quantity) beyond it.
      {sale("O2", half_over, "2", R"([{"method":"card","amount":"1.00"}])"), "lines[0].unit_price"},
      {sale("O3", "1.00", "1000000.001", R"([{"method":"card","amount":"1.00"}])"), "lines[0].quantity"},
      // Two payments within the bound, their sum beyond the bound of a receipt.
      {sale("O4", "1.00", "1", R"([{"method":"card","amount":")" + half_over + R"("},{"method":"card","amount":"-)" +
                                   half_over + R"("},{"method":"cash","amount":"1.00"}])"),
       "payments"},
  };
  for (const Case& c : cases) {
    Result<IntakeSummary> r = import({c.json});
    ASSERT_FALSE(r.ok()) << c.json;
    EXPECT_NE(r.error().message().find("'" + c.field + "'"), std::string::npos) << r.error().message();
  }
  EXPECT_EQ(stored_receipts(), 0);
}

TEST_F(MoneyBoundsTest, ARegistersDayHoldsABoundedNumberOfReceipts) {
  IntakeLimits limits;
  limits.receipts_per_register_day = 3;
  const std::string pay = R"([{"method":"card","amount":"10.00"}])";
  ASSERT_TRUE(import({sale("D1", "10.00", "1", pay), sale("D2", "10.00", "1", pay)}, limits).ok());
  // Two more would make four: refused, both, naming the receipt over the bound.
  Result<IntakeSummary> r = import({sale("D3", "10.00", "1", pay), sale("D4", "10.00", "1", pay)}, limits);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("receipts.jsonl:2: receipt 'D4'"), std::string::npos) << r.error().message();
  EXPECT_NE(r.error().message().find("at most 3"), std::string::npos) << r.error().message();
  EXPECT_EQ(stored_receipts(), 2);
  // A replay of stored receipts adds nothing, so it is not counted.
  ASSERT_TRUE(import({sale("D1", "10.00", "1", pay), sale("D3", "10.00", "1", pay)}, limits).ok());
  EXPECT_EQ(stored_receipts(), 3);
}

TEST_F(MoneyBoundsTest, ACloseBeyondTheBoundsIsRefusedNamingTheField) {
  ASSERT_TRUE(import({sale("F1", "10.00", "1", R"([{"method":"cash","amount":"10.00"}])")}).ok());
  CloseRequest req;
  req.day = *Date::parse("2026-11-20");
  req.cash_counted["K1"] = *Money::parse("92233720368547758.07");
  Result<CloseOutcome> r = close_day(*store_, company_, req, clock_);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("cash_counted"), std::string::npos) << r.error().message();
}

}  // namespace
}  // namespace dagbok
