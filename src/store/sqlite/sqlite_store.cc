// SqliteStore: opening the database, the schema migrations, the companies.
// The other roles are in sqlite_receipts.cc, sqlite_books.cc,
// sqlite_outbox.cc and sqlite_access.cc.
#include "store/sqlite/sqlite_store.h"

#include <sys/stat.h>

#include "store/sqlite/internal/sqlite_store_impl.h"
#include "store/sqlite/migrations.h"

namespace dagbok {
namespace sqlite {
namespace {

std::string sales_by_name(SalesBookedBy s) { return s == SalesBookedBy::kVatRate ? "vat_rate" : "product_group"; }

}  // namespace

Result<Date> column_date(const Statement& st, int col) {
  Result<Date> d = Date::parse(st.text(col));
  if (!d.ok()) return internal_error("the database holds a damaged date: " + d.error().message());
  return d;
}

Status SqliteStore::migrate() {
  TRY(db_->exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))"));
  ASSIGN_OR_RETURN(Transaction tx, Transaction::begin(*db_));
  ASSIGN_OR_RETURN(Statement q, db_->prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  TRY(q.step());
  const int64_t have = q.int64(0);
  const auto& all = sqlite::migrations();
  if (!all.empty() && have > all.back().version)
    return failed_precondition("the database '" + db_->path() + "' was made by a newer dagbok (schema version " +
                               std::to_string(have) + "); upgrade dagbok to open it");
  for (const sqlite::Migration& m : all) {
    if (m.version <= have) continue;
    TRY_CTX(db_->exec(std::string(m.sql)), "applying schema migration " + std::to_string(m.version));
    ASSIGN_OR_RETURN(Statement ins, db_->prepare("INSERT INTO schema_migrations(version, name) VALUES (?, ?)"));
    ins.bind(1, m.version).bind(2, m.name);
    TRY(ins.run());
  }
  return tx.commit();
}

Result<int64_t> SqliteStore::create_company(const Company& c) {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(
      "INSERT INTO companies(slug, name, orgnr, country, timezone, day_break_minutes, sales_by, chart_preset) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  st.bind(1, c.slug).bind(2, c.name).bind(3, c.orgnr).bind(4, country_code(c.country)).bind(5, c.timezone);
  st.bind(6, c.day_break_minutes).bind(7, sales_by_name(c.sales_by)).bind(8, c.chart_preset);
  Status s = st.run();
  if (!s.ok()) {
    if (s.error().code() == ErrorCode::kAborted)
      return already_exists("a company with the short name '" + c.slug + "' already exists; choose another --slug");
    return s.error();
  }
  return db_->last_insert_id();
}

Result<std::vector<Company>> SqliteStore::companies() {
  ASSIGN_OR_RETURN(Statement st, db_->prepare(
      "SELECT id, slug, name, orgnr, country, timezone, day_break_minutes, sales_by, chart_preset "
      "FROM companies ORDER BY id"));
  std::vector<Company> out;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) break;
    Company c;
    c.id = st.int64(0);
    c.slug = st.text(1);
    c.name = st.text(2);
    c.orgnr = st.text(3);
    ASSIGN_OR_RETURN(c.country, parse_country(st.text(4)));
    c.timezone = st.text(5);
    c.day_break_minutes = static_cast<int>(st.int64(6));
    c.sales_by = st.text(7) == "vat_rate" ? SalesBookedBy::kVatRate : SalesBookedBy::kProductGroup;
    c.chart_preset = st.text(8);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace sqlite

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path) {
  ASSIGN_OR_RETURN(std::unique_ptr<sqlite::Database> db, sqlite::Database::open(path));
  auto store = std::make_unique<sqlite::SqliteStore>(std::move(db));
  TRY(store->migrate());
  return std::unique_ptr<Store>(std::move(store));
}

std::vector<ExposedFile> exposed_database_files(const std::string& url) {
  std::string path = url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url;
  std::vector<ExposedFile> out;
  if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0) return out;
  for (const std::string& p : {path, path + "-wal", path + "-shm"}) {
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) continue;
    const unsigned mode = static_cast<unsigned>(st.st_mode) & 07777u;
    if ((mode & 0066u) != 0) out.push_back({p, mode & 0777u});
  }
  return out;
}

std::string exposed_files_warning(const std::vector<ExposedFile>& files) {
  if (files.empty()) return "";
  auto octal = [](unsigned m) {
    std::string s = "0";
    for (int shift = 6; shift >= 0; shift -= 3) s += static_cast<char>('0' + ((m >> shift) & 7u));
    return s;
  };
  std::string named, paths;
  for (const ExposedFile& f : files) {
    if (!named.empty()) named += ", ";
    named += f.path + " (mode " + octal(f.mode) + ")";
    paths += " '" + f.path + "'";
  }
  return "the database " + named +
         " can be read or changed by other users of this machine: every company's books and the users' password "
         "hashes are in it. Make it private with: chmod 600" + paths;
}

Result<std::unique_ptr<Store>> open_store(const std::string& url) {
  std::string path = url;
  if (path.rfind("sqlite:", 0) == 0) path = path.substr(7);
  if (url.rfind("postgres", 0) == 0)
    return failed_precondition("the PostgreSQL backend is not built yet; use a SQLite file path");
  if (path.empty()) return invalid_argument("no database path given (use --db PATH)");
  return open_sqlite_store(path);
}

}  // namespace dagbok
