// The store methods behind the back-office pages, on a real SQLite file:
// the register-days the Dagsavslut page offers, a user's language, the users
// of a company, and taking a role away without losing the last owner.
#include <gtest/gtest.h>

#include "pipeline/company_setup.h"
#include "pipeline/day_close.h"
#include "pipeline/receipt_intake.h"
#include "support/temp_dir.h"

namespace dagbok {
namespace {

using testing_support::TempDir;

std::string receipt(const std::string& id, const std::string& time, const std::string& reg) {
  return R"({"id":")" + id + R"(","register":")" + reg + R"(","department":"main","time":")" + time +
         R"(","lines":[{"product_group":"Mat","vat_rate":"12","quantity":"1","unit_price":"10.00"}],)"
         R"("payments":[{"method":"card","amount":"10.00"}]})";
}

class BackOfficeStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = *open_store(dir_.file("books.db"));
    NewCompany spec;
    spec.country = Country::kSweden;
    spec.name = "Testbutiken AB";
    spec.orgnr = "5566778899";
    company_ = *create_company(*store_, spec);
    NewCompany other;
    other.country = Country::kNorway;
    other.name = "Fjordkafeen AS";
    other_ = *create_company(*store_, other);
  }

  int64_t user(const std::string& email) {
    User u;
    u.email = email;
    u.display_name = email.substr(0, email.find('@'));
    u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
    u.created_at = clock_.now();
    Result<int64_t> id = store_->create_user(u);
    EXPECT_TRUE(id.ok()) << id.error().message();
    return id.ok() ? *id : 0;
  }

  void grant(int64_t company, int64_t user_id, Role role, bool import_right = false) {
    ASSERT_TRUE(store_->put_membership({user_id, company, role, import_right}).ok());
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
  Company company_;
  Company other_;
  FixedClock clock_{*Instant::parse_rfc3339("2026-11-23T12:00:00+01:00")};
};

TEST_F(BackOfficeStoreTest, ReceiptDaysAreNewestFirstWithTheirCountsAndWhetherClosed) {
  ASSERT_TRUE(store_->add_mapping(company_.id, {{MappingGroup::kProductGroup, "Mat", "", "3002",
                                                 Date::from_ymd(2000, 1, 1)}})
                  .ok());
  const std::vector<std::string> lines = {receipt("A1", "2026-11-19T10:00:00+01:00", "K1"),
                                          receipt("A2", "2026-11-19T11:00:00+01:00", "K1"),
                                          receipt("A3", "2026-11-19T12:00:00+01:00", "K2"),
                                          receipt("A4", "2026-11-20T10:00:00+01:00", "K1")};
  std::vector<ReceiptSource> items;
  for (size_t i = 0; i < lines.size(); ++i) items.push_back({"r.jsonl:" + std::to_string(i + 1), lines[i]});
  ASSERT_TRUE(import_receipts(*store_, company_, items).ok());
  CloseRequest req;
  req.day = *Date::parse("2026-11-19");
  Result<CloseOutcome> closed = close_day(*store_, company_, req, clock_);
  ASSERT_TRUE(closed.ok()) << closed.error().message();

  Result<std::vector<ReceiptDay>> all = store_->receipt_days(company_.id, std::nullopt, std::nullopt);
  ASSERT_TRUE(all.ok()) << all.error().message();
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].day.to_string(), "2026-11-20");
  EXPECT_EQ((*all)[0].register_code, "K1");
  EXPECT_EQ((*all)[0].receipts, 1);
  EXPECT_EQ((*all)[0].unbooked, 1);
  EXPECT_FALSE((*all)[0].closed);
  EXPECT_EQ((*all)[1].day.to_string(), "2026-11-19");
  EXPECT_EQ((*all)[1].register_code, "K1");
  EXPECT_EQ((*all)[1].receipts, 2);
  EXPECT_EQ((*all)[1].unbooked, 0);
  EXPECT_TRUE((*all)[1].closed);
  EXPECT_EQ((*all)[2].register_code, "K2");
  EXPECT_EQ((*all)[2].department, "main");
  EXPECT_TRUE((*all)[2].closed);

  Result<std::vector<ReceiptDay>> one =
      store_->receipt_days(company_.id, *Date::parse("2026-11-20"), *Date::parse("2026-11-20"));
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].day.to_string(), "2026-11-20");
  // Another company sees none of them.
  EXPECT_TRUE(store_->receipt_days(other_.id, std::nullopt, std::nullopt)->empty());
}

TEST_F(BackOfficeStoreTest, SetsTheLanguageOfAUserThatExists) {
  const int64_t anna = user("anna@testbutiken.se");
  ASSERT_TRUE(store_->set_user_language(anna, "en").ok());
  EXPECT_EQ((*store_->find_user(anna))->language, "en");
  EXPECT_EQ(store_->set_user_language(anna + 100, "nb").error().code(), ErrorCode::kNotFound);
}

TEST_F(BackOfficeStoreTest, MembersAreTheCompanysOnlyByAddressWithoutTheirHashes) {
  const int64_t bo = user("bo@testbutiken.se");
  const int64_t anna = user("anna@testbutiken.se");
  const int64_t kari = user("kari@fjordkafeen.no");
  grant(company_.id, bo, Role::kStaff);
  grant(company_.id, anna, Role::kOwner, true);
  grant(other_.id, kari, Role::kOwner);

  Result<std::vector<CompanyMember>> m = store_->company_members(company_.id);
  ASSERT_TRUE(m.ok()) << m.error().message();
  ASSERT_EQ(m->size(), 2u);
  EXPECT_EQ((*m)[0].user.email, "anna@testbutiken.se");
  EXPECT_EQ((*m)[0].membership.role, Role::kOwner);
  EXPECT_TRUE((*m)[0].membership.can_import_sie);
  EXPECT_EQ((*m)[1].user.email, "bo@testbutiken.se");
  EXPECT_EQ((*m)[1].membership.role, Role::kStaff);
  EXPECT_FALSE((*m)[1].membership.can_import_sie);
  for (const CompanyMember& x : *m) {
    EXPECT_TRUE(x.user.password_hash.empty()) << x.user.email;
    EXPECT_EQ(x.membership.company_id, company_.id);
  }
}

TEST_F(BackOfficeStoreTest, RemovesARoleButNeverTheLastOwner) {
  const int64_t anna = user("anna@testbutiken.se");
  const int64_t bo = user("bo@testbutiken.se");
  const int64_t kari = user("kari@fjordkafeen.no");
  grant(company_.id, anna, Role::kOwner);
  grant(company_.id, bo, Role::kAccountant, true);

  Status last = store_->remove_membership(company_.id, anna);
  ASSERT_FALSE(last.ok());
  EXPECT_EQ(last.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(last.error().message().find("last owner"), std::string::npos) << last.error().message();
  EXPECT_EQ(store_->remove_membership(company_.id, kari).error().code(), ErrorCode::kNotFound);

  ASSERT_TRUE(store_->remove_membership(company_.id, bo).ok());
  EXPECT_EQ(store_->company_members(company_.id)->size(), 1u);
  EXPECT_TRUE(store_->memberships(bo)->empty());  // the import right went with the role

  // With a second owner, the first may go.
  grant(company_.id, bo, Role::kOwner);
  ASSERT_TRUE(store_->remove_membership(company_.id, anna).ok());
  ASSERT_EQ(store_->company_members(company_.id)->size(), 1u);
  EXPECT_EQ((*store_->company_members(company_.id))[0].user.email, "bo@testbutiken.se");
}

}  // namespace
}  // namespace dagbok
