// Fault injection on the pipeline (issue 11, item 6), after LevelDB's
// fault_injection_test: whatever fails at whatever point, the books are as
// before or as after, never between, and a restart finishes or rolls back.
//   - an SIE export saved to a file (`dagbok export sie -o FILE`): each write,
//     sync and rename fails in turn (as an error and as a crash); the file is
//     the old one or the whole new one, the books unchanged;
//   - a receipts file (`dagbok receipts import FILE`): each read fails in
//     turn; nothing is stored, until it is read whole and all is stored;
//   - a day close, whose writes are SQLite's and not behind the seam: a child
//     process closing days is killed (SIGKILL) at random moments; the
//     reopened books equal the reference after some whole number of closes,
//     and closing the rest gives the reference's final books.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "pipeline/company_setup.h"
#include "pipeline/day_close.h"
#include "pipeline/receipt_intake.h"
#include "pipeline/sie_export.h"
#include "support/fault_file_system.h"
#include "support/table_digest.h"
#include "support/temp_dir.h"

namespace dagbok {
namespace {

using testing_support::FaultFileSystem;
using testing_support::first_difference;
using testing_support::table_digest;
using testing_support::TempDir;

constexpr int kDays = 12;

Date nth_day(int i) { return Date::from_ymd(2026, 11, 1).add_days(i); }

std::string receipt(const std::string& id, Date d, int hour, const std::string& amount, const std::string& reg,
                    const std::string& method) {
  char time[40];
  std::snprintf(time, sizeof time, "%sT%02d:15:00+01:00", d.to_string().c_str(), hour);
  return R"({"id":")" + id + R"(","register":")" + reg + R"(","department":"main","time":")" + time +
         R"(","lines":[{"product_group":"Mat","vat_rate":"12","quantity":"2","unit_price":")" + amount +
         R"("},{"product_group":"Dryck","vat_rate":"25","quantity":"1","unit_price":"19.00"}],)" +
         R"("payments":[{"method":")" + method + R"(","amount":")" + amount + R"("},{"method":")" + method +
         R"(","amount":")" + amount + R"("},{"method":"cash","amount":"19.00"}]})";
}

// kDays days of receipts on two registers, in JSON Lines.
std::string receipts_text() {
  std::string out;
  for (int i = 0; i < kDays; ++i)
    for (int n = 0; n < 6; ++n) {
      const std::string reg = n % 2 ? "K2" : "K1";
      out += receipt("R" + std::to_string(i) + "-" + std::to_string(n), nth_day(i), 9 + n,
                     std::to_string(40 + i + n) + ".50", reg, n % 3 ? "card" : "swish") +
             "\n";
    }
  return out;
}

class FaultInjectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("books.db");
    store_ = *open_store(db_);
    NewCompany spec;
    spec.country = Country::kSweden;
    spec.name = "Felbutiken AB";
    spec.orgnr = "5566778899";
    Result<Company> c = create_company(*store_, spec);
    ASSERT_TRUE(c.ok()) << c.error().message();
    company_ = *c;
    ASSERT_TRUE(store_
                    ->add_mapping(company_.id, {{MappingGroup::kProductGroup, "Mat", "", "3002", Date::from_ymd(2000, 1, 1)},
                                                {MappingGroup::kProductGroup, "Dryck", "", "3001",
                                                 Date::from_ymd(2000, 1, 1)}})
                    .ok());
    receipts_path_ = dir_.file("receipts.jsonl");
    std::ofstream(receipts_path_, std::ios::binary) << receipts_text();
  }

  void import_all() {
    Result<IntakeSummary> r = import_receipts_file(posix_file_system(), *store_, company_, receipts_path_);
    ASSERT_TRUE(r.ok()) << r.error().message();
  }

  Status close(Store& store, int i) {
    CloseRequest req;
    req.day = nth_day(i);
    Result<CloseOutcome> r = close_day(store, company_, req, clock_);
    if (!r.ok()) return r.error();
    return ok_status();
  }

  TempDir dir_{"dagbok-faults"};
  std::string db_;
  std::string receipts_path_;
  std::unique_ptr<Store> store_;
  Company company_;
  FixedClock clock_{Instant::from_unix(1796461200)};  // 2026-12-05
};

TEST_F(FaultInjectionTest, SieExportToAFileIsTheOldOrTheNewFileAtEveryFault) {
  import_all();
  for (int i = 0; i < kDays / 2; ++i) ASSERT_TRUE(close(*store_, i).ok());
  const std::string path = dir_.file("november.se");
  const SieExport old_export = *export_sie(*store_, company_, nth_day(0), nth_day(kDays - 1), clock_);
  ASSERT_TRUE(write_file_atomically(posix_file_system(), path, old_export.bytes).ok());
  for (int i = kDays / 2; i < kDays; ++i) ASSERT_TRUE(close(*store_, i).ok());
  const SieExport new_export = *export_sie(*store_, company_, nth_day(0), nth_day(kDays - 1), clock_);
  ASSERT_NE(old_export.bytes, new_export.bytes);
  const std::string books = table_digest(db_);

  for (FaultFileSystem::Failure failure : {FaultFileSystem::Failure::kError, FaultFileSystem::Failure::kCrash}) {
    FaultFileSystem fs(failure);
    int n = 1;
    for (;; ++n) {
      SCOPED_TRACE("fault at point " + std::to_string(n));
      ASSERT_LT(n, 50);
      fs.fail_at(n);
      const Status s = write_file_atomically(fs, path, new_export.bytes);
      const std::string now = *read_file(posix_file_system(), path);
      EXPECT_TRUE(now == old_export.bytes || now == new_export.bytes) << "a part of a file: " << now.size() << " bytes";
      EXPECT_EQ(table_digest(db_), books) << "an export changed the books";
      if (!fs.fault_happened()) {
        ASSERT_TRUE(s.ok()) << s.error().message();
        EXPECT_EQ(now, new_export.bytes);
        break;
      }
      EXPECT_FALSE(s.ok());
      // The restart: the command run again writes the old file back (so that
      // the next point starts from it) and leaves no temporary file.
      fs.restart();
      ASSERT_TRUE(write_file_atomically(fs, path, old_export.bytes).ok());
      for (const auto& e : std::filesystem::directory_iterator(dir_.path()))
        EXPECT_EQ(e.path().filename().string().find("dagbok-tmp"), std::string::npos) << e.path();
    }
    EXPECT_EQ(n, 5) << "a write, the file's sync, the rename and the folder's sync, then no fault";
  }
}

TEST_F(FaultInjectionTest, ReceiptsFileThatFailsToReadStoresNothing) {
  const std::string before = table_digest(db_);
  FaultFileSystem fs;
  int n = 1;
  for (;; ++n) {
    ASSERT_LT(n, 50);
    fs.fail_at(n);
    Result<IntakeSummary> r = import_receipts_file(fs, *store_, company_, receipts_path_);
    if (!fs.fault_happened()) {
      ASSERT_TRUE(r.ok()) << r.error().message();
      EXPECT_EQ(r->stored, kDays * 6);
      break;
    }
    EXPECT_FALSE(r.ok()) << "read fault " << n;
    EXPECT_EQ(table_digest(db_), before) << "read fault " << n << " stored something";
  }
  EXPECT_GE(n, 2);
  EXPECT_NE(table_digest(db_), before);
}

// SQLite's writes are not behind the seam: kill a process in the middle of
// its day closes instead, many times, at random moments.
TEST_F(FaultInjectionTest, DayCloseKilledAtRandomMomentsIsBeforeOrAfterAndFinishesOnRestart) {
  import_all();
  store_.reset();  // checkpoints: the file alone holds the books
  const std::string start = dir_.file("start.db");
  std::filesystem::copy_file(db_, start);

  // The reference: the books after 0, 1, ..., kDays closes, and how long it took.
  std::vector<std::string> after;
  const std::string ref = dir_.file("ref.db");
  std::filesystem::copy_file(start, ref);
  after.push_back(table_digest(ref));
  const auto t0 = std::chrono::steady_clock::now();
  {
    std::unique_ptr<Store> s = *open_store(ref);
    for (int i = 0; i < kDays; ++i) {
      ASSERT_TRUE(close(*s, i).ok());
      after.push_back(table_digest(ref));
    }
  }
  const auto took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0);
  for (int i = 1; i <= kDays; ++i) ASSERT_NE(after[i], after[i - 1]) << "close " << i << " changed nothing";

  const unsigned seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  // Digest time (a tenth or so of the reference) is not spent in the child.
  std::uniform_int_distribution<int64_t> delay_us(0, std::max<int64_t>(took.count() / 2, 2000));
  int killed_between = 0;
  for (int trial = 0; trial < 12; ++trial) {
    const std::string db = dir_.file("kill-" + std::to_string(trial) + ".db");
    std::filesystem::copy_file(start, db);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      Result<std::unique_ptr<Store>> s = open_store(db);
      if (!s.ok()) ::_exit(2);
      for (int i = 0; i < kDays; ++i)
        if (!close(**s, i).ok()) ::_exit(3);
      ::_exit(0);
    }
    std::this_thread::sleep_for(std::chrono::microseconds(delay_us(rng)));
    ::kill(child, SIGKILL);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) == 0))
        << "the child failed on its own: exit " << WEXITSTATUS(status);

    // Reopen: the books are those after some whole number of closes.
    const std::string digest = table_digest(db);
    int closed = -1;
    for (int k = 0; k <= kDays; ++k)
      if (digest == after[k]) closed = k;
    if (closed < 0) {
      std::string nearest = first_difference(digest, after[0]);
      for (int k = 1; k <= kDays; ++k) nearest += "\n  after " + std::to_string(k) + ": " + first_difference(digest, after[k]);
      FAIL() << "trial " << trial << ": the books are between two states after a kill:\n  after 0: " << nearest;
    }
    if (closed > 0 && closed < kDays) ++killed_between;
    // The restart finishes the work: close what is not closed.
    {
      std::unique_ptr<Store> s = *open_store(db);
      for (int i = closed; i < kDays; ++i) ASSERT_TRUE(close(*s, i).ok()) << "trial " << trial << " day " << i;
    }
    EXPECT_EQ(first_difference(table_digest(db), after[kDays]), "") << "trial " << trial;
  }
  // Not asserted (timing), but said: how many kills landed inside the run.
  std::printf("[ kills ] %d of 12 kills landed between the first and the last close\n", killed_between);
}

}  // namespace
}  // namespace dagbok
