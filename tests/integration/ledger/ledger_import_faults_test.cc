// A ledger SIE import whose file fails to read at every point in turn
// (issue 11, item 6): each time the ledger is exactly as before (only the
// import log gains the failed attempt), and when no read fails the import
// gives the same ledger as an import without faults.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "ledger/ledger_admin.h"
#include "ledger/sie_import.h"
#include "store/ledger_records.h"
#include "support/fault_file_system.h"
#include "support/table_digest.h"
#include "support/temp_dir.h"

namespace dagbok {
namespace {

using testing_support::FaultFileSystem;
using testing_support::table_digest;
using testing_support::TempDir;

// A SIE 4 file of `count` sales; beyond 1 MiB (the import's chunk) so that
// the file takes several reads.
std::string big_sie(int count) {
  std::string out =
      "#FLAGGA 0\n#PROGRAM \"test\" 1\n#FORMAT PC8\n#GEN 20250101\n#SIETYP 4\n#ORGNR 556000-1234\n"
      "#FNAMN \"Testbolaget AB\"\n#RAR 0 20250101 20251231\n#KPTYP BAS2014\n#KONTO 1930 \"Bank\"\n"
      "#KONTO 3001 \"Forsaljning\"\n#KONTO 2611 \"Moms\"\n#IB 0 1930 1000.00\n";
  for (int i = 0; i < count; ++i) {
    char v[256];
    std::snprintf(v, sizeof v,
                  "#VER A %d 2025%02d15 \"Forsaljning %d\"\n{\n#TRANS 1930 {} %d.25\n#TRANS 3001 {} -%d.00\n"
                  "#TRANS 2611 {} -0.25\n}\n",
                  i + 1, i % 12 + 1, i, i + 1, i + 1);
    out += v;
  }
  return out;
}

struct Books {
  explicit Books(const std::string& db) : path(db) {
    store = *open_store(db);
    Company c;
    c.slug = "test";
    c.name = "Testbolaget AB";
    c.orgnr = "556000-1234";
    c.timezone = "Europe/Stockholm";
    c.chart_preset = "bas";
    company = c;
    company.id = *store->create_company(c);
    ledger = *open_ledger_store(db);
    EXPECT_TRUE(ledger::set_source(*store, *ledger, company, me, LedgerSource::kSie, clock).ok());
  }
  ledger::ImportOutcome import(const std::string& file, FileSystem& fs) {
    ledger::ImportOptions o;
    o.file_system = fs;
    return ledger::import_sie_file(*store, *ledger, company, me, file, o, clock);
  }
  // The ledger without its log (which records failed attempts too).
  std::string digest() const { return table_digest(path, {"ledger_log", "ledger_imports", "sqlite_sequence"}); }

  // Per year, account and month: the amount and the number of rows (the
  // import ids differ from one database to the other, these do not).
  std::string totals() const {
    std::string out;
    // Each Result is held by name: `*call()` in a range-for would read
    // from a temporary that is already gone.
    const auto years = ledger->fiscal_years(company.id);
    for (const LedgerFiscalYear& fy : *years) {
      out += fy.first_day.to_string() + "\n";
      const auto months = ledger->month_totals(fy.id);
      for (const auto& t : *months)
        out += t.account + " " + std::to_string(t.month) + " " + std::to_string(t.amount.minor()) + " " +
               std::to_string(t.rows) + "\n";
    }
    return out;
  }

  std::string path;
  std::unique_ptr<Store> store;
  std::unique_ptr<LedgerStore> ledger;
  Company company;
  ledger::Actor me = ledger::Actor::local_operator();
  FixedClock clock{Instant::from_unix(1767225600)};
};

TEST(LedgerImportFaults, AFailedReadAtAnyPointLeavesTheLedgerAsBefore) {
  TempDir dir("dagbok-ledger-faults");
  const std::string file = dir.file("big.se");
  std::ofstream(file, std::ios::binary) << big_sie(40000);
  ASSERT_GT(std::filesystem::file_size(file), size_t{2} << 20);

  Books clean(dir.file("clean.db"));
  ASSERT_TRUE(clean.import(file, posix_file_system()).imported());
  Books books(dir.file("faults.db"));
  const std::string before = books.digest();
  ASSERT_FALSE(clean.totals().empty());

  FaultFileSystem fs;
  int n = 1;
  for (;; ++n) {
    ASSERT_LT(n, 50);
    fs.fail_at(n);
    ledger::ImportOutcome r = books.import(file, fs);
    if (!fs.fault_happened()) {
      ASSERT_TRUE(r.imported()) << r.status.error().message();
      break;
    }
    EXPECT_FALSE(r.imported()) << "read fault " << n;
    EXPECT_TRUE(r.log_entry_id.has_value()) << "the failed attempt is in the import log";
    EXPECT_EQ(books.digest(), before) << "read fault " << n << " left part of an import";
  }
  EXPECT_GE(n, 4) << "a file of three chunks takes at least three reads and the one that finds the end";
  EXPECT_EQ(books.totals(), clean.totals()) << "the import after the faults is not the import without them";
}

}  // namespace
}  // namespace dagbok
