// Refused ledger actions are logged bounded (issue 11, item 4): a user
// without the import right who tries again and again adds one entry per
// action and hour, counted (repeats, last_at), never a row per try; the count
// says exactly how often it happened.
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "auth/users.h"
#include "ledger/ledger_admin.h"
#include "ledger/sie_import.h"
#include "store/ledger_records.h"
#include "support/temp_dir.h"

namespace dagbok {
namespace {

using testing_support::TempDir;

class LedgerRefusalsTest : public ::testing::Test {
 protected:
  void SetUp() override {
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
    ASSERT_TRUE(ledger::set_source(*store_, *ledger_, company_, ledger::Actor::local_operator(), LedgerSource::kSie,
                                   clock_).ok());
    for (const char* email : {"kassa@test.se", "kassa2@test.se"}) {
      auto u = auth::add_user(*store_, {email, "", "a long password 1", "sv"}, clock_);
      ASSERT_TRUE(u.ok());
      ASSERT_TRUE(auth::grant_role(*store_, email, company_.id, Role::kStaff, auth::ImportRight::kNone).ok());
      staff_.push_back({u->id, u->email});
    }
  }

  std::vector<LedgerLogEntry> log() { return *ledger_->log(company_.id, 100000); }

  TempDir dir_{"dagbok-refusals"};
  std::string db_ = dir_.file("ledger.db");
  FixedClock clock_{*Instant::parse_rfc3339("2026-11-23T08:00:00Z")};
  std::unique_ptr<Store> store_;
  std::unique_ptr<LedgerStore> ledger_;
  Company company_;
  std::vector<ledger::Actor> staff_;
};

TEST_F(LedgerRefusalsTest, TenThousandRefusalsAreOneEntryPerHourWithTheRightCount) {
  const size_t before = log().size();
  const Instant start = clock_.now();
  constexpr int kCalls = 10000;
  for (int i = 0; i < kCalls; ++i) {
    clock_.set(Instant::from_unix(start.unix_seconds() + i));  // one a second: 2 h 46 min 40 s
    Result<int64_t> r = ledger::undo_import(*store_, *ledger_, company_, staff_[0], 1, clock_);
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.error().code(), ErrorCode::kPermissionDenied);
  }
  const std::vector<LedgerLogEntry> entries = log();
  ASSERT_EQ(entries.size(), before + 3) << "one entry per hour of refusals";
  int64_t counted = 0;
  for (size_t i = 0; i < 3; ++i) {
    const LedgerLogEntry& e = entries[2 - i];  // oldest first
    EXPECT_EQ(e.kind, LedgerLogEntry::Kind::kUndo);
    EXPECT_EQ(e.outcome, LedgerLogEntry::Outcome::kRefused);
    EXPECT_EQ(e.actor, "kassa@test.se");
    EXPECT_EQ(e.at.unix_seconds(), start.unix_seconds() + 3600 * static_cast<int64_t>(i));
    const int64_t last = std::min<int64_t>(3600 * (i + 1) - 1, kCalls - 1);
    EXPECT_EQ(e.repeats, last - 3600 * static_cast<int64_t>(i));
    ASSERT_TRUE(e.last_at.has_value());
    EXPECT_EQ(e.last_at->unix_seconds(), start.unix_seconds() + last);
    counted += 1 + e.repeats;
  }
  EXPECT_EQ(counted, kCalls);
}

TEST_F(LedgerRefusalsTest, EachUserAndActionIsCountedApart) {
  const std::string path = dir_.file("b.se");
  std::ofstream(path) << "#FLAGGA 0\n#SIETYP 4\n";
  const size_t before = log().size();
  std::map<std::pair<std::string, LedgerLogEntry::Kind>, int64_t> expected;
  for (int i = 0; i < 300; ++i) {
    const ledger::Actor& who = staff_[static_cast<size_t>(i % 2)];
    switch (i % 3) {
      case 0: {
        ledger::ImportOutcome out = ledger::import_sie_file(*store_, *ledger_, company_, who, path, {}, clock_);
        ASSERT_EQ(out.status.error().code(), ErrorCode::kPermissionDenied);
        ASSERT_TRUE(out.log_entry_id.has_value());
        ++expected[{who.label, LedgerLogEntry::Kind::kImport}];
        break;
      }
      case 1:
        ASSERT_FALSE(ledger::delete_latest_year(*store_, *ledger_, company_, who, std::nullopt, clock_).ok());
        ++expected[{who.label, LedgerLogEntry::Kind::kDeleteYear}];
        break;
      default:
        ASSERT_FALSE(ledger::set_source(*store_, *ledger_, company_, who, LedgerSource::kDagbok, clock_).ok());
        ++expected[{who.label, LedgerLogEntry::Kind::kSource}];
        break;
    }
  }
  const std::vector<LedgerLogEntry> entries = log();
  ASSERT_EQ(entries.size(), before + 6);  // two users × three actions
  std::map<std::pair<std::string, LedgerLogEntry::Kind>, int64_t> counted;
  for (size_t i = 0; i < 6; ++i) counted[{entries[i].actor, entries[i].kind}] += 1 + entries[i].repeats;
  EXPECT_EQ(counted, expected);

  // An hour later the same refusal is an entry of its own again.
  clock_.set(Instant::from_unix(clock_.now().unix_seconds() + 3601));
  ASSERT_FALSE(ledger::set_source(*store_, *ledger_, company_, staff_[0], LedgerSource::kDagbok, clock_).ok());
  EXPECT_EQ(log().size(), before + 7);
  EXPECT_EQ(log()[0].repeats, 0);
}

}  // namespace
}  // namespace dagbok
