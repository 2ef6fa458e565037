// The database's files are private (issue 11, item 4): a new database and
// its -wal and -shm are created 0600 whatever the umask, by the Store and the
// LedgerStore alike; an existing one that others may read is found and named,
// with the fix, for the warning at start.
#include <sys/stat.h>

#include <gtest/gtest.h>

#include "pipeline/company_setup.h"
#include "store/ledger_records.h"
#include "store/sqlite/sqlite_store.h"
#include "support/temp_dir.h"

namespace dagbok {
namespace {

using testing_support::TempDir;

unsigned mode_of(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return 01000;  // "absent": never equal to a permission
  return static_cast<unsigned>(st.st_mode) & 0777u;
}

// The usual umask (022) for the length of a test: files would be 0644 by default.
class UsualUmask {
 public:
  UsualUmask() : old_(::umask(022)) {}
  ~UsualUmask() { ::umask(old_); }
  UsualUmask(const UsualUmask&) = delete;
  UsualUmask& operator=(const UsualUmask&) = delete;

 private:
  mode_t old_;
};

TEST(DatabaseFiles, ANewDatabaseAndItsWalAndShmAreOwnerOnly) {
  UsualUmask umask022;
  TempDir dir("dagbok-modes");
  for (const std::string name : {"store.db", "ledger.db"}) {
    const std::string db = dir.file(name);
    std::unique_ptr<Store> store;
    std::unique_ptr<LedgerStore> ledger;
    if (name == "store.db") {
      store = *open_store(db);
    } else {
      ledger = *open_ledger_store(db);  // creates the file through its own connection first
      store = *open_store(db);
    }
    NewCompany c;
    c.country = Country::kSweden;
    c.name = "Privata AB";
    ASSERT_TRUE(create_company(*store, c).ok());  // a write: the WAL and its index exist now
    for (const std::string& f : {db, db + "-wal", db + "-shm"}) EXPECT_EQ(mode_of(f), 0600u) << f;
    EXPECT_TRUE(exposed_database_files(db).empty());
  }
}

TEST(DatabaseFiles, AnExistingDatabaseOthersMayReadIsNamedWithTheFix) {
  TempDir dir("dagbok-modes");
  const std::string db = dir.file("books.db");
  { ASSERT_TRUE(open_store(db).ok()); }
  ASSERT_EQ(::chmod(db.c_str(), 0644), 0);
  const std::vector<ExposedFile> found = exposed_database_files("sqlite:" + db);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].path, db);
  EXPECT_EQ(found[0].mode, 0644u);
  const std::string warning = exposed_files_warning(found);
  EXPECT_NE(warning.find(db + " (mode 0644)"), std::string::npos) << warning;
  EXPECT_NE(warning.find("chmod 600 '" + db + "'"), std::string::npos) << warning;
  // Opening it again does not change its mode behind the owner's back: the warning says what to do.
  { ASSERT_TRUE(open_store(db).ok()); }
  EXPECT_EQ(mode_of(db), 0644u);
  ASSERT_EQ(::chmod(db.c_str(), 0600), 0);
  EXPECT_TRUE(exposed_database_files(db).empty());
  EXPECT_EQ(exposed_files_warning({}), "");
}

}  // namespace
}  // namespace dagbok
