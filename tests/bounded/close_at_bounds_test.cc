// Bounded work (issue 11): the close of a day at the bounds, or of a day whose
// stored receipts go beyond them, finishes promptly. Two receipts of
// 92233720368547758.07 once made the VAT allocation hand out ~10^18 öre one
// at a time, so `dagbok close` never returned. ctest runs this binary with a
// TIMEOUT (tests/CMakeLists.txt): a hang fails it, no timing is asserted.
#include <gtest/gtest.h>

#include "pipeline/company_setup.h"
#include "pipeline/day_close.h"
#include "pipeline/receipt_intake.h"
#include "pos/receipt_json.h"
#include "support/temp_dir.h"

namespace dagbok {
namespace {

using testing_support::TempDir;

class CloseAtBounds : public ::testing::Test {
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
    std::vector<MappingEntry> entries;
    for (const char* g : {"Mat", "Kaffe", "Öl"})
      entries.push_back({MappingGroup::kProductGroup, g, "", "3001", Date::from_ymd(2000, 1, 1)});
    ASSERT_TRUE(store_->add_mapping(company_.id, entries).ok());
  }

  Result<CloseOutcome> close() {
    CloseRequest req;
    req.day = Date::from_ymd(2026, 11, 20);
    return close_day(*store_, company_, req, clock_);
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
  Company company_;
  FixedClock clock_{*Instant::parse_rfc3339("2026-11-23T12:00:00+01:00")};
};

// The day of the issue, stored past the intake (as an older version of
// dagbok would have stored it): the close refuses it at once, naming the
// field beyond the bound, instead of spinning.
TEST_F(CloseAtBounds, ADayBeyondTheBoundsIsRefusedPromptly) {
  std::vector<NewReceipt> rs;
  for (const char* id : {"HUGE-1", "HUGE-2"}) {
    Receipt r;
    r.id = id;
    r.register_id = "K1";
    r.department = "main";
    r.time = *Instant::parse_rfc3339("2026-11-20T10:00:00+01:00");
    ReceiptLine l;
    l.product_group = "Mat";
    l.vat_rate = VatRate::from_hundredths(1200);
    l.unit_price = Money::from_minor(INT64_MAX);
    r.lines.push_back(l);
    r.payments.push_back({"card", l.unit_price});
    rs.push_back({r, canonical_receipt_json(r), Date::from_ymd(2026, 11, 20), false});
  }
  ASSERT_TRUE(store_->insert_receipts(company_.id, rs).ok());
  Result<CloseOutcome> out = close();
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.error().message().find("lines[0].unit_price"), std::string::npos) << out.error().message();
  EXPECT_NE(out.error().message().find("bound"), std::string::npos) << out.error().message();
}

// The same day handed straight to the Z-report (the loop that spun): refused
// at once, naming the register and the day.
TEST(ZReportAtBounds, TwoReceiptsOfInt64MaxAreRefusedPromptly) {
  Receipt r;
  r.id = "HUGE-1";
  r.register_id = "K1";
  ReceiptLine l;
  l.product_group = "Mat";
  l.vat_rate = VatRate::from_hundredths(1200);
  l.unit_price = Money::from_minor(INT64_MAX);
  r.lines.push_back(l);
  r.payments.push_back({"card", l.unit_price});
  Receipt r2 = r;
  r2.id = "HUGE-2";
  ZReportInput in;
  in.register_id = "K1";
  in.business_date = Date::from_ymd(2026, 11, 20);
  Result<ZReport> z = compute_z_report(in, {r, r2}, {});
  ASSERT_FALSE(z.ok());
  EXPECT_NE(z.error().message().find("register K1, business day 2026-11-20"), std::string::npos)
      << z.error().message();
}

// A day of receipts each at the bound of a receipt, over several groups and
// rates with odd amounts (so the VAT difference to deal is large): it closes,
// and books exactly.
TEST_F(CloseAtBounds, ADayAtTheBoundsClosesAndBalances) {
  std::vector<ReceiptSource> items;
  const char* groups[] = {"Mat", "Kaffe", "Öl"};
  const char* rates[] = {"12", "25", "6"};
  const int64_t n = 300;
  for (int64_t i = 0; i < n; ++i) {
    // Two lines adding up to exactly the bound of a receipt.
    const Money a = Money::from_minor(kMaxReceiptMinor / 3 + 7 * i + 1);
    const Money b = Money::from_minor(kMaxReceiptMinor) - a;
    const std::string json =
        R"({"id":"B)" + std::to_string(i) + R"(","register":"K1","time":"2026-11-20T10:00:00+01:00","lines":[)" +
        R"({"product_group":")" + groups[i % 3] + R"(","vat_rate":")" + rates[i % 3] + R"(","unit_price":")" +
        a.to_string() + R"("},{"product_group":")" + groups[(i + 1) % 3] + R"(","vat_rate":")" + rates[(i + 1) % 3] +
        R"(","unit_price":")" + b.to_string() + R"("}],"payments":[{"method":"card","amount":")" +
        Money::from_minor(kMaxReceiptMinor).to_string() + R"("}]})";
    items.push_back({"day.jsonl:" + std::to_string(i + 1), json});
  }
  Result<IntakeSummary> in = import_receipts(*store_, company_, items);
  ASSERT_TRUE(in.ok()) << in.error().message();
  Result<CloseOutcome> out = close();
  ASSERT_TRUE(out.ok()) << out.error().message();
  ASSERT_EQ(out->reports.size(), 1u);
  const ZReport& z = out->reports[0].record.report;
  EXPECT_EQ(z.payments_total, Money::from_minor(kMaxReceiptMinor * n));
  EXPECT_EQ(z.sales_total, Money::from_minor(kMaxReceiptMinor * n));
  std::vector<Voucher> vs = *store_->vouchers(company_.id, std::nullopt, std::nullopt);
  ASSERT_EQ(vs.size(), 1u);
  EXPECT_TRUE(vs[0].check_balanced().ok());
  EXPECT_EQ(vs[0].debit_total(), Money::from_minor(kMaxReceiptMinor * n));
}

}  // namespace
}  // namespace dagbok
