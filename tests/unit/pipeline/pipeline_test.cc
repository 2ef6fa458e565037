// The core pipeline on a real SQLite file: intake (idempotent, all or
// nothing), day close (gapless numbers, zero reports, late receipts, closed
// days), blocked vouchers, the store's refusals.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include "pipeline/company_setup.h"
#include "pipeline/day_close.h"
#include "pipeline/receipt_intake.h"
#include "pipeline/sie_export.h"
#include "support/temp_dir.h"

namespace dagbok {
namespace {

using testing_support::TempDir;

Instant at(const char* s) { return *Instant::parse_rfc3339(s); }
Date day(const char* s) { return *Date::parse(s); }

std::string receipt(const std::string& id, const std::string& time, const std::string& amount,
                     const std::string& method = "card", const std::string& reg = "K1",
                     const std::string& group = "Mat", const std::string& rate = "12") {
  return R"({"id":")" + id + R"(","register":")" + reg + R"(","department":"main","time":")" + time +
         R"(","lines":[{"product_group":")" + group + R"(","vat_rate":")" + rate +
         R"(","quantity":"1","unit_price":")" + amount + R"("}],"payments":[{"method":")" + method +
         R"(","amount":")" + amount + R"("}]})";
}

class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = *open_store(dir_.file("books.db"));
    NewCompany spec;
    spec.country = Country::kSweden;
    spec.name = "Testbutiken AB";
    spec.orgnr = "5566778899";
    Result<Company> c = create_company(*store_, spec);
    ASSERT_TRUE(c.ok()) << c.error().message();
    company_ = *c;
    ASSERT_TRUE(store_->add_mapping(company_.id, {{MappingGroup::kProductGroup, "Mat", "", "3002",
                                                   Date::from_ymd(2000, 1, 1)}})
                    .ok());
  }

  Result<IntakeSummary> import(const std::vector<std::string>& lines) {
    std::vector<ReceiptSource> items;
    for (size_t i = 0; i < lines.size(); ++i)
      items.push_back({"receipts.jsonl:" + std::to_string(i + 1), lines[i]});
    return import_receipts(*store_, company_, items);
  }

  Result<CloseOutcome> close(const char* d) {
    CloseRequest req;
    req.day = day(d);
    return close_day(*store_, company_, req, clock_);
  }

  int64_t count(const char* table) {
    sqlite3* db = nullptr;
    sqlite3_open(dir_.file("books.db").c_str(), &db);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, (std::string("SELECT COUNT(*) FROM ") + table).c_str(), -1, &st, nullptr);
    sqlite3_step(st);
    const int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
  Company company_;
  FixedClock clock_{at("2026-11-23T12:00:00+01:00")};
};

TEST_F(PipelineTest, ImportIsIdempotent) {
  const std::vector<std::string> lines = {receipt("A1", "2026-11-20T10:00:00+01:00", "100.00"),
                                          receipt("A2", "2026-11-20T11:00:00+01:00", "50.00")};
  Result<IntakeSummary> first = import(lines);
  ASSERT_TRUE(first.ok()) << first.error().message();
  EXPECT_EQ(first->stored, 2);
  EXPECT_EQ(first->new_registers, std::set<std::string>{"K1"});
  EXPECT_EQ(first->new_product_groups, std::set<std::string>{"Mat"});
  Result<IntakeSummary> again = import(lines);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->stored, 0);
  EXPECT_EQ(again->unchanged, 2);
  EXPECT_EQ(count("receipts"), 2);
}

TEST_F(PipelineTest, SameIdWithOtherContentIsAnErrorNamingTheId) {
  ASSERT_TRUE(import({receipt("A1", "2026-11-20T10:00:00+01:00", "100.00")}).ok());
  Result<IntakeSummary> r = import({receipt("A1", "2026-11-20T10:00:00+01:00", "101.00")});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("'A1'"), std::string::npos) << r.error().message();
  EXPECT_EQ(count("receipts"), 1);
}

TEST_F(PipelineTest, ImportIsAllOrNothingAndNamesFileLineAndField) {
  Result<IntakeSummary> r = import({receipt("B1", "2026-11-20T10:00:00+01:00", "100.00"),
                                    receipt("B2", "2026-11-20T10:00:00+01:00", "100.00", "card", "K1", "Mat", "13"),
                                    "{not json",
                                    R"({"id":"B4","register":"K1","time":"2026-11-20T10:00:00+01:00","lines":[{"product_group":"Mat","vat_rate":"12","unit_price":"10.00"}],"payments":[{"method":"card","amount":"12.00"}]})"});
  ASSERT_FALSE(r.ok());
  const std::string& m = r.error().message();
  EXPECT_NE(m.find("receipts.jsonl:2"), std::string::npos) << m;
  EXPECT_NE(m.find("lines[0].vat_rate"), std::string::npos) << m;
  EXPECT_NE(m.find("13 % is not a VAT rate in SE"), std::string::npos) << m;
  EXPECT_NE(m.find("receipts.jsonl:3: not valid JSON"), std::string::npos) << m;
  EXPECT_NE(m.find("receipts.jsonl:4"), std::string::npos) << m;
  EXPECT_NE(m.find("'payments'"), std::string::npos) << m;
  EXPECT_EQ(count("receipts"), 0);
  EXPECT_EQ(count("registers"), 0);
}

TEST_F(PipelineTest, AmountsMustBeStringsAndRoundingIsBounded) {
  Result<IntakeSummary> r = import(
      {R"({"id":"C1","register":"K1","time":"2026-11-20T10:00:00+01:00","lines":[{"product_group":"Mat","vat_rate":"12","unit_price":10.5}],"payments":[{"method":"card","amount":"10.50"}]})"});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("not JSON numbers"), std::string::npos) << r.error().message();
  r = import({receipt("C2", "2026-11-20T10:00:00+01:00", "10.49", "cash")});
  EXPECT_TRUE(r.ok());
  // 10.49 due, 11.00 paid in cash: 0.51 is too much rounding.
  r = import(
      {R"({"id":"C3","register":"K1","time":"2026-11-20T10:00:00+01:00","lines":[{"product_group":"Mat","vat_rate":"12","unit_price":"10.49"}],"payments":[{"method":"cash","amount":"11.00"}]})"});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("±0.50"), std::string::npos) << r.error().message();
  // Card payments are never rounded.
  r = import(
      {R"({"id":"C4","register":"K1","time":"2026-11-20T10:00:00+01:00","lines":[{"product_group":"Mat","vat_rate":"12","unit_price":"10.49"}],"payments":[{"method":"card","amount":"10.50"}]})"});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("only a cash payment"), std::string::npos) << r.error().message();
}

TEST_F(PipelineTest, RefundTakesTheRateOfItsSale) {
  ASSERT_TRUE(import({receipt("S1", "2026-03-31T12:00:00+02:00", "129.00", "card", "K1", "Mat", "12")}).ok());
  const std::string refund_at_6 =
      R"({"id":"S2","register":"K1","time":"2026-04-02T12:00:00+02:00","refund_of":"S1","lines":[{"product_group":"Mat","vat_rate":"6","quantity":"-1","unit_price":"129.00"}],"payments":[{"method":"card","amount":"-129.00"}]})";
  Result<IntakeSummary> r = import({refund_at_6});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("a refund takes the rate of its sale"), std::string::npos);
  std::string refund_at_12 = refund_at_6;
  refund_at_12.replace(refund_at_12.find("\"6\""), 3, "\"12\"");
  EXPECT_TRUE(import({refund_at_12}).ok());
}

TEST_F(PipelineTest, CloseWritesGaplessZReportsAndBalancedVouchers) {
  ASSERT_TRUE(import({receipt("D1", "2026-11-19T10:00:00+01:00", "100.00"),
                      receipt("D2", "2026-11-19T10:00:00+01:00", "40.00", "card", "K2"),
                      receipt("D3", "2026-11-20T10:00:00+01:00", "80.00")})
                  .ok());
  Result<CloseOutcome> c1 = close("2026-11-19");
  ASSERT_TRUE(c1.ok()) << c1.error().message();
  ASSERT_EQ(c1->reports.size(), 2u);
  Result<CloseOutcome> c2 = close("2026-11-20");
  ASSERT_TRUE(c2.ok()) << c2.error().message();
  // K2 had no sales on the 20th: a zero report, numbered on.
  ASSERT_EQ(c2->reports.size(), 2u);
  for (const ClosedReport& r : c2->reports) {
    EXPECT_EQ(r.record.report.number, 2) << r.record.report.register_id;
    if (r.record.report.register_id == "K2") {
      EXPECT_EQ(r.record.report.receipt_count, 0);
      EXPECT_FALSE(r.voucher_number.has_value());
    }
  }
  EXPECT_EQ(c2->reports[0].record.report.grand_totals.sales.to_string(), "180.00");
  Result<std::vector<Voucher>> vs = store_->vouchers(company_.id, std::nullopt, std::nullopt);
  ASSERT_TRUE(vs.ok());
  ASSERT_EQ(vs->size(), 3u);
  for (size_t i = 0; i < vs->size(); ++i) {
    EXPECT_EQ((*vs)[i].number, static_cast<int64_t>(i + 1));
    EXPECT_TRUE((*vs)[i].check_balanced().ok());
  }
}

TEST_F(PipelineTest, ClosingAClosedDayOrAnOpenDayIsAClearError) {
  ASSERT_TRUE(import({receipt("E1", "2026-11-20T10:00:00+01:00", "100.00")}).ok());
  ASSERT_TRUE(close("2026-11-20").ok());
  Result<CloseOutcome> again = close("2026-11-20");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), ErrorCode::kAlreadyExists);
  EXPECT_NE(again.error().message().find("already closed"), std::string::npos);
  ASSERT_TRUE(import({receipt("E2", "2026-11-23T10:00:00+01:00", "100.00")}).ok());
  Result<CloseOutcome> today = close("2026-11-23");
  ASSERT_FALSE(today.ok());
  EXPECT_NE(today.error().message().find("has not ended yet"), std::string::npos) << today.error().message();
}

TEST_F(PipelineTest, LateReceiptIsBookedOnTheNextCloseWithANote) {
  ASSERT_TRUE(import({receipt("F1", "2026-11-19T10:00:00+01:00", "100.00")}).ok());
  ASSERT_TRUE(close("2026-11-19").ok());
  Result<IntakeSummary> late = import({receipt("F2", "2026-11-19T11:00:00+01:00", "30.00"),
                                       receipt("F3", "2026-11-20T11:00:00+01:00", "20.00")});
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(late->late, 1);
  Result<CloseOutcome> c = close("2026-11-20");
  ASSERT_TRUE(c.ok());
  const ZReport& z = c->reports[0].record.report;
  EXPECT_EQ(z.sales_total.to_string(), "50.00");
  ASSERT_EQ(z.late_receipts.size(), 1u);
  EXPECT_EQ(z.late_receipts[0].id, "F2");
  EXPECT_EQ(z.late_receipts[0].original_date, day("2026-11-19"));
}

TEST_F(PipelineTest, MappingGapBlocksTheVoucherUntilMapped) {
  ASSERT_TRUE(import({receipt("G1", "2026-11-20T10:00:00+01:00", "100.00", "Vipps")}).ok());
  Result<CloseOutcome> c = close("2026-11-20");
  ASSERT_TRUE(c.ok());
  ASSERT_EQ(c->blocked.size(), 1u);
  EXPECT_NE(c->blocked[0].find("payment method 'Vipps' has no account"), std::string::npos);
  EXPECT_EQ(count("vouchers"), 0);
  EXPECT_EQ(count("z_reports"), 1);
  Result<BookOutcome> still = book_blocked_vouchers(*store_, company_, clock_);
  ASSERT_TRUE(still.ok());
  EXPECT_EQ(still->booked, 0);
  ASSERT_TRUE(store_->add_mapping(company_.id, {{MappingGroup::kPayment, "Vipps", "", "1580",
                                                 Date::from_ymd(2026, 1, 1)}})
                  .ok());
  Result<BookOutcome> booked = book_blocked_vouchers(*store_, company_, clock_);
  ASSERT_TRUE(booked.ok());
  EXPECT_EQ(booked->booked, 1);
  EXPECT_EQ(count("vouchers"), 1);
}

TEST_F(PipelineTest, StoreRefusesUnbalancedVouchersAndEditsOfHistory) {
  ASSERT_TRUE(import({receipt("H1", "2026-11-20T10:00:00+01:00", "100.00", "Vipps")}).ok());
  ASSERT_TRUE(close("2026-11-20").ok());
  const std::vector<ZReportRecord> z = *store_->z_reports(company_.id, std::nullopt, std::nullopt);
  Voucher v;
  v.date = day("2026-11-20");
  v.lines = {{"1910", Money::from_minor(100), "", ""}, {"3002", Money::from_minor(-99), "", ""}};
  Result<int64_t> r = store_->book_blocked_voucher(company_.id, z[0].id, v);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("does not balance"), std::string::npos);

  sqlite3* db = nullptr;
  sqlite3_open(dir_.file("books.db").c_str(), &db);
  EXPECT_NE(sqlite3_exec(db, "UPDATE z_reports SET body = '{}'", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM z_reports", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

TEST_F(PipelineTest, ManyCompaniesInOneDatabaseStayApart) {
  NewCompany other;
  other.country = Country::kNorway;
  other.name = "Fjordkafé AS";
  other.orgnr = "987654325";
  Result<Company> no = create_company(*store_, other);
  ASSERT_TRUE(no.ok()) << no.error().message();
  EXPECT_EQ(no->slug, "fjordkafe-as");
  ASSERT_TRUE(import({receipt("X1", "2026-11-20T10:00:00+01:00", "100.00")}).ok());
  std::vector<ReceiptSource> items = {
      {"no.jsonl:1", receipt("X1", "2026-11-20T10:00:00+01:00", "200.00", "card", "K1", "Mat", "15")}};
  Result<IntakeSummary> r = import_receipts(*store_, *no, items);
  ASSERT_TRUE(r.ok()) << r.error().message();  // the same id in another company is another receipt
  EXPECT_EQ(r->stored, 1);
  EXPECT_FALSE(find_company(*store_, "").ok());
  EXPECT_EQ(find_company(*store_, "fjordkafe-as")->id, no->id);
  EXPECT_EQ(find_company(*store_, "556677-8899")->id, company_.id);
}

TEST(CompanySetup, OrganisationNumbersAreChecked) {
  EXPECT_EQ(*normalize_orgnr(Country::kSweden, "5566778899"), "556677-8899");
  EXPECT_FALSE(normalize_orgnr(Country::kSweden, "5566778898").ok());
  EXPECT_EQ(*normalize_orgnr(Country::kNorway, "987 654 325"), "987654325");
  EXPECT_FALSE(normalize_orgnr(Country::kNorway, "987654321").ok());
  EXPECT_EQ(slug_from_name("Kaffebaren i Malmö AB"), "kaffebaren-i-malmo-ab");
}

}  // namespace
}  // namespace dagbok
