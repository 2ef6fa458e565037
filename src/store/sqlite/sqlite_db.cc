#include "store/sqlite/sqlite_db.h"

#include <fcntl.h>
#include <unistd.h>


namespace dagbok::sqlite {
namespace {

Error sqlite_error(sqlite3* db, int rc, std::string_view what) {
  const std::string msg = std::string("database error while ") + std::string(what) + ": " +
                          (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) return unavailable(msg + " (the database is busy; try again)");
  if ((rc & 0xff) == SQLITE_CONSTRAINT) return aborted(msg);
  return internal_error(msg);
}

// A new database file is made here, empty and 0600 (owner only), before
// SQLite opens it: SQLite then gives its -wal and -shm the database file's
// mode, so no file of the database is ever readable by other users of the
// machine, whatever the umask. Atomic (O_EXCL), no umask change (the umask is
// the whole process's). An existing file is left as it is (see
// exposed_database_files).
void create_private(const std::string& path) {
  if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0) return;
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) ::close(fd);
  // Any failure (it exists, no such directory, no permission): SQLite's open
  // says what is wrong, naming the file.
}

}  // namespace

Result<bool> Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return sqlite_error(db_, rc, std::string("running ") + sqlite3_sql(stmt_));
}

Status Statement::run() {
  for (;;) {
    ASSIGN_OR_RETURN(bool row, step());
    if (!row) break;
  }
  sqlite3_reset(stmt_);
  return ok_status();
}

Result<std::unique_ptr<Database>> Database::open(const std::string& path, Threading threading) {
  sqlite3* db = nullptr;
  const int mutex = threading == Threading::kSerialized ? SQLITE_OPEN_FULLMUTEX : SQLITE_OPEN_NOMUTEX;
  create_private(path);
  const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | mutex, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = "cannot open the database '" + path + "': " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close_v2(db);
    return unavailable(msg);
  }
  sqlite3_busy_timeout(db, 10000);
  std::unique_ptr<Database> out(new Database(db, path));
  TRY(out->exec("PRAGMA journal_mode=WAL"));
  TRY(out->exec("PRAGMA foreign_keys=ON"));
  TRY(out->exec("PRAGMA synchronous=NORMAL"));
  return out;
}

Result<Statement> Database::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) return sqlite_error(db_, rc, "preparing " + std::string(sql));
  return Statement(db_, stmt);
}

Status Database::exec(const std::string& sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    sqlite3_free(err);
    return sqlite_error(db_, rc, "running " + sql.substr(0, 80));
  }
  return ok_status();
}

Result<Transaction> Transaction::begin(Database& db) {
  TRY(db.exec("BEGIN IMMEDIATE"));
  return Transaction(db);
}

Transaction::~Transaction() {
  if (!done_) (void)db_->exec("ROLLBACK");
}

Status Transaction::commit() {
  TRY(db_->exec("COMMIT"));
  done_ = true;
  return ok_status();
}

}  // namespace dagbok::sqlite
