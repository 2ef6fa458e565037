// change_kontoplan: the one way the CLI and the server change the kontoplan.
// Every wrong field named by its path, an unknown account refused unless
// named, accounts and entries written together or not at all, and the
// vouchers that were waiting booked.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <algorithm>
#include <map>

#include "pipeline/company_setup.h"
#include "pipeline/day_close.h"
#include "pipeline/kontoplan.h"
#include "pipeline/receipt_intake.h"
#include "support/temp_dir.h"

namespace dagbok {
namespace {

using testing_support::TempDir;

class KontoplanTest : public ::testing::Test {
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
  }

  bool has_account(const std::string& number) {
    std::vector<Account> chart = *store_->accounts(company_.id);
    return std::any_of(chart.begin(), chart.end(), [&](const Account& a) { return a.number == number; });
  }
  size_t mapping_size() { return store_->mapping(company_.id)->entries().size(); }

  void sql(const std::string& statement) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(dir_.file("books.db").c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db, statement.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
  Company company_;
  FixedClock clock_{*Instant::parse_rfc3339("2026-11-23T12:00:00+01:00")};
};

TEST_F(KontoplanTest, EveryWrongFieldIsNamedByItsPath) {
  KontoplanChange change;
  change.entries = {{"payment", "card", "19x", "", "", ""},      {"payment", "Swish", "1935", "", "", ""},
                    {"nonsense", "a", "1930", "", "", ""},       {"payment", "", "1930", "", "", ""},
                    {"vat", "12", "2620", "", "2026-13-01", ""}, {"vat", "twelve", "2620", "", "", ""}};
  std::vector<FieldError> wrong = *check_kontoplan_change(*store_, company_, change);
  std::map<std::string, std::string> by_field;
  for (const FieldError& f : wrong) by_field[f.field] = f.message;
  EXPECT_EQ(wrong.size(), 6u);
  EXPECT_NE(by_field["entries[0].account"].find("digits"), std::string::npos);
  EXPECT_NE(by_field["entries[1].account"].find("not in the chart"), std::string::npos);
  EXPECT_NE(by_field["entries[1].account"].find("account_name"), std::string::npos);
  EXPECT_NE(by_field["entries[2].group"].find("not a mapping group"), std::string::npos);
  EXPECT_TRUE(by_field.count("entries[3].key"));
  EXPECT_TRUE(by_field.count("entries[4].valid_from"));
  EXPECT_TRUE(by_field.count("entries[5].key"));

  const size_t before = mapping_size();
  Result<KontoplanChanged> r = change_kontoplan(*store_, company_, change, clock_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().message().rfind("entries[0].account: ", 0), 0u) << r.error().message();
  EXPECT_EQ(mapping_size(), before);
  EXPECT_FALSE(has_account("1935"));
}

TEST_F(KontoplanTest, AnUnknownAccountIsAddedOnlyWhenNamed) {
  KontoplanChange change;
  change.entries = {{"payment", "Swish", "1935", "", "", ""}};
  Result<KontoplanChanged> refused = change_kontoplan(*store_, company_, change, clock_);
  ASSERT_FALSE(refused.ok());
  EXPECT_FALSE(has_account("1935"));

  change.entries[0].account_name = "Swish";
  Result<KontoplanChanged> done = change_kontoplan(*store_, company_, change, clock_);
  ASSERT_TRUE(done.ok()) << done.error().message();
  ASSERT_EQ(done->added_accounts.size(), 1u);
  EXPECT_EQ(done->added_accounts[0].number, "1935");
  EXPECT_EQ(done->added_accounts[0].name, "Swish");
  ASSERT_EQ(done->entries.size(), 1u);
  EXPECT_EQ(done->entries[0].valid_from, Date::from_ymd(2000, 1, 1));  // no voucher yet
  EXPECT_TRUE(has_account("1935"));
  // Known now: the same account needs no name again.
  change.entries = {{"payment", "Swish QR", "1935", "", "2026-12-01", ""}};
  Result<KontoplanChanged> again = change_kontoplan(*store_, company_, change, clock_);
  ASSERT_TRUE(again.ok()) << again.error().message();
  EXPECT_TRUE(again->added_accounts.empty());
  EXPECT_EQ(again->entries[0].valid_from, Date::from_ymd(2026, 12, 1));
}

TEST_F(KontoplanTest, AccountsAndEntriesAreWrittenTogetherOrNotAtAll) {
  sql("ALTER TABLE mapping_entries RENAME TO mapping_entries_gone");
  KontoplanChange change;
  change.entries = {{"payment", "Swish", "1935", "", "", "Swish"}};
  Result<KontoplanChanged> r = change_kontoplan(*store_, company_, change, clock_);
  sql("ALTER TABLE mapping_entries_gone RENAME TO mapping_entries");
  ASSERT_FALSE(r.ok());
  EXPECT_FALSE(has_account("1935")) << "the account was added although its mapping entry was not";
}

TEST_F(KontoplanTest, TheVouchersThatWaitedAreBooked) {
  const std::string receipt =
      R"({"id":"A1","register":"K1","department":"main","time":"2026-11-20T10:00:00+01:00",)"
      R"("lines":[{"product_group":"Mat","vat_rate":"12","quantity":"1","unit_price":"100.00"}],)"
      R"("payments":[{"method":"Vipps","amount":"100.00"}]})";
  ASSERT_TRUE(import_receipts(*store_, company_, {{"r", receipt}}).ok());
  CloseRequest req;
  req.day = Date::from_ymd(2026, 11, 20);
  Result<CloseOutcome> closed = close_day(*store_, company_, req, clock_);
  ASSERT_TRUE(closed.ok()) << closed.error().message();
  ASSERT_FALSE(closed->blocked.empty());

  KontoplanChange change;
  change.entries = {{"payment", "Vipps", "1580", "", "", ""}, {"product_group", "Mat@12", "3002", "", "", ""}};
  Result<KontoplanChanged> done = change_kontoplan(*store_, company_, change, clock_);
  ASSERT_TRUE(done.ok()) << done.error().message();
  EXPECT_EQ(done->booked.booked, 1);
  EXPECT_TRUE(done->booked.still_blocked.empty());
}

}  // namespace
}  // namespace dagbok
