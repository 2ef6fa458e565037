// LedgerStore: where the ledger keeps its books, beside the day-to-day store
// in the same database. A company's ledger is a row of fiscal years; each
// fiscal year's chart, dimensions, balances, vouchers and transactions came
// from one source: an imported SIE 4 file (an entry in the import log) or
// dagbok's own vouchers. The reports read the per-month aggregates
// (month_totals), which are written in the same transaction as the rows they
// sum, so a report never scans transactions.
//
//   auto ledger = *open_ledger_store("dagbok.db");
//   auto years = *ledger->fiscal_years(company.id);          // oldest first
//   auto totals = *ledger->month_totals(years.back().id);
//
// An import is written through a LedgerImport session: one transaction that
// either commits everything (and its log entry) or nothing.
//
// dagbok's own vouchers flow in by themselves while the company's source is
// kDagbok: the store posts each one (books/ledger_posting.h) in the
// transaction that books it, so a day close and its ledger rows are one commit.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "core/result.h"

namespace dagbok {

// Where a company's ledger takes its books from (seed 002: "Annan källa").
enum class LedgerSource { kDagbok, kSie };
std::string_view ledger_source_name(LedgerSource s);  // "dagbok", "sie"
Result<LedgerSource> parse_ledger_source(std::string_view s);

struct LedgerFiscalYear {
  int64_t id = 0;
  Date first_day;
  Date last_day;
  std::optional<int64_t> import_id;  // absent: dagbok's own vouchers
};

// One entry of the import log.
struct LedgerLogEntry {
  enum class Kind { kImport, kUndo, kDeleteYear, kSource };
  enum class Outcome { kOk, kRefused, kFailed };
  int64_t id = 0;
  int64_t company_id = 0;
  Kind kind = Kind::kImport;
  Instant at;
  std::optional<int64_t> user_id;  // absent: the local operator (no users yet)
  std::string actor;               // e-mail address, or "local operator"
  std::string file_name;
  std::string sha256;
  std::string sie_type;
  std::string program;       // #PROGRAM name and version
  std::string fiscal_years;  // "2025-01-01..2025-12-31", comma separated
  int64_t accounts = 0, vouchers = 0, transactions = 0;
  int64_t duration_ms = 0;
  Outcome outcome = Outcome::kOk;
  std::string message;  // what happened, or why not
  int64_t warnings = 0, errors = 0;
  std::string diagnostics;  // one located diagnostic per line (file:line:column: …)
  std::optional<int64_t> target_id;  // undo: the import it took back
  std::optional<int64_t> undone_by;  // import: the undo that took it back
  // A refusal that happened again: how many more times, the last one when.
  int64_t repeats = 0;
  std::optional<Instant> last_at;
};
std::string_view ledger_log_kind_name(LedgerLogEntry::Kind k);         // "import", "undo", …
std::string_view ledger_outcome_name(LedgerLogEntry::Outcome o);      // "ok", "refused", "failed"

struct LedgerAccountRecord {
  std::string number;
  std::string name;
  std::string type;  // "T", "S", "K", "I" or "" (not given)
  std::string sru;
};

struct LedgerDimensionRecord {
  std::string number, name, parent;
};
struct LedgerObjectRecord {
  std::string dim, id, name;
};

// #IB, #UB, #RES (objects "") and #OIB, #OUB (objects as SIE text, e.g. `1 "10"`).
struct LedgerBalanceRecord {
  enum class Kind { kOpening, kClosing, kResult, kObjectOpening, kObjectClosing };
  Kind kind = Kind::kOpening;
  std::string account;
  std::string objects;
  Money amount;
  std::optional<std::string> quantity;
};

// Views into the caller's buffers, read during add_voucher only (as the rows).
struct LedgerVoucherRecord {
  std::string_view series, number;
  Date date;
  std::string_view text;
  std::optional<Date> reg_date;
  std::string_view sign;
};

struct LedgerTransactionRecord {
  enum class Kind { kTrans = 0, kAdded = 1, kRemoved = 2 };  // #TRANS, #RTRANS, #BTRANS
  Kind kind = Kind::kTrans;
  std::string_view account;
  Money amount;
  std::optional<Date> date;  // absent: the voucher's date
  std::string_view text;
  std::optional<std::string_view> quantity;
  std::string_view objects;  // SIE object list text, "" for none
};

// Net movement of one account in one calendar month (YYYYMM) of a fiscal year.
struct MonthTotal {
  std::string account;
  int month = 0;  // 202503
  Money amount;
  int64_t rows = 0;
};

// One import, written in one transaction. Nothing is visible to others until
// commit(); destroying it without commit() leaves the database as it was.
class LedgerImport {
 public:
  virtual ~LedgerImport() = default;
  // The log entry id this import will have (its rows are tagged with it).
  virtual int64_t import_id() const = 0;
  enum class Replace { kRefuse, kReplace };
  // Opens a fiscal year for this import. When the company's ledger already
  // has an active year overlapping it: kRefuse fails (AlreadyExists, naming
  // the year and where its data came from); kReplace supersedes that year
  // (its rows stay, hidden, until this import is undone).
  virtual Result<int64_t> open_year(Date first_day, Date last_day, Replace replace) = 0;
  virtual Status add_accounts(int64_t year, const std::vector<LedgerAccountRecord>& accounts) = 0;
  virtual Status add_dimensions(int64_t year, const std::vector<LedgerDimensionRecord>& dims,
                                const std::vector<LedgerObjectRecord>& objects) = 0;
  virtual Status add_balances(int64_t year, const std::vector<LedgerBalanceRecord>& balances) = 0;
  // Rows of kind kRemoved are stored but not counted in the month totals.
  virtual Status add_voucher(int64_t year, const LedgerVoucherRecord& voucher,
                             const std::vector<LedgerTransactionRecord>& rows) = 0;
  // Writes the month totals and `log` (with this import's id) and commits.
  virtual Status commit(const LedgerLogEntry& log) = 0;
};

class LedgerStore {
 public:
  virtual ~LedgerStore() = default;

  virtual Result<LedgerSource> source(int64_t company) = 0;
  // Sets the source and logs the switch, in one transaction. Switching to
  // kDagbok also brings in every voucher of dagbok's that is not yet in the
  // ledger (and not dated in an imported year). Returns the log entry id.
  virtual Result<int64_t> set_source(int64_t company, LedgerSource source, const LedgerLogEntry& log) = 0;
  // Brings dagbok's own vouchers that are not in the ledger yet into it
  // (never twice). Returns how many vouchers came in.
  virtual Result<int64_t> sync_own_vouchers(int64_t company) = 0;

  // The active fiscal years (not superseded), oldest first.
  virtual Result<std::vector<LedgerFiscalYear>> fiscal_years(int64_t company) = 0;
  virtual Result<std::vector<LedgerAccountRecord>> accounts(int64_t year) = 0;
  virtual Result<std::vector<LedgerDimensionRecord>> dimensions(int64_t year) = 0;
  virtual Result<std::vector<LedgerObjectRecord>> objects(int64_t year) = 0;
  virtual Result<std::vector<LedgerBalanceRecord>> balances(int64_t year) = 0;
  virtual Result<std::vector<MonthTotal>> month_totals(int64_t year) = 0;
  virtual Result<int64_t> voucher_count(int64_t year) = 0;
  // Recomputes a year's totals from its transactions (a check: they must
  // equal month_totals).
  virtual Result<std::vector<MonthTotal>> month_totals_from_transactions(int64_t year) = 0;

  // The import log, newest first.
  virtual Result<std::vector<LedgerLogEntry>> log(int64_t company, int limit) = 0;
  virtual Result<std::optional<LedgerLogEntry>> log_entry(int64_t company, int64_t id) = 0;
  virtual Result<int64_t> append_log(const LedgerLogEntry& entry) = 0;
  // A refusal, counted: when the log has an entry of the same refusal (company,
  // kind, user, actor, message, outcome refused) less than
  // `window_seconds` before entry.at, that entry's repeats goes up by one and its last_at
  // becomes entry.at; otherwise `entry` is appended. One transaction. Returns
  // the id of the entry that holds it.
  virtual Result<int64_t> append_refusal(const LedgerLogEntry& entry, int64_t window_seconds) = 0;

  virtual Result<std::unique_ptr<LedgerImport>> begin_import(int64_t company) = 0;

  // Takes an import back in one transaction: its years and rows go, the
  // years it superseded come back, it is marked undone, and `log` is
  // appended. FailedPrecondition when a later import superseded one of its
  // years (the message names that import), when it was already undone, or
  // when nothing of it is left (its year was deleted).
  virtual Result<int64_t> undo_import(int64_t company, int64_t import_id, const LedgerLogEntry& log) = 0;
  // Deletes the company's latest active fiscal year (and older versions of
  // it that an import replaced) and appends `log`. NotFound when the ledger
  // is empty; `expected_first_day`, when given, must be that year's first
  // day (FailedPrecondition otherwise: only the latest year may go).
  virtual Result<LedgerFiscalYear> delete_latest_year(int64_t company, std::optional<Date> expected_first_day,
                                                      const LedgerLogEntry& log) = 0;

  // How many users the database has (the CLI lets a local operator act
  // without --as only while there are none).
  virtual Result<int64_t> user_count() = 0;
};

struct LedgerStoreOptions {
  // Lowers SQLite's limit of `?` parameters per statement on this store's
  // connection (0: SQLite's own). Tests use it to reach the import's small
  // batches; nothing else needs it.
  int max_sql_variables = 0;
};

// Opens the ledger in the database at `url` (a path or "sqlite:PATH"), applying
// schema migrations first. It shares the file with open_store's Store.
// A LedgerStore is used by one thread at a time: its connection is opened
// without SQLite's per-call mutex (open one per thread or per request).
Result<std::unique_ptr<LedgerStore>> open_ledger_store(const std::string& url, const LedgerStoreOptions& options = {});

}  // namespace dagbok
