#include "ledger/sie_import.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <system_error>
#include <thread>
#include <vector>

#include "crypto/sha256.h"
#include "formats/sie/sie_parser.h"
#include "ledger/log_text.h"

namespace dagbok::ledger {

std::string orgnr_digits(std::string_view orgnr) {
  std::string out;
  for (char c : orgnr)
    if (c >= '0' && c <= '9') out += c;
  return out;
}

namespace {

std::string objects_text(const std::vector<sie::ObjectRef>& objects) {
  std::string out;
  for (const sie::ObjectRef& o : objects) {
    if (!out.empty()) out += ' ';
    out += o.dim;
    out += " \"";
    out += o.id;
    out += '"';
  }
  return out;
}

// Receives the parser's records and writes them into the import session.
class ImportSink final : public sie::SieHandler {
 public:
  ImportSink(LedgerImport& session, const Company& company, LedgerImport::Replace replace)
      : session_(session), company_(company), replace_(replace) {}
  void set_parser(const sie::SieParser& p) { parser_ = &p; }

  void on_account(const std::string& number, const std::string& name) override { chart_[number].name = name; }
  void on_account_type(const std::string& number, const std::string& type) override { chart_[number].type = type; }
  void on_sru(const std::string& number, const std::string& code) override {
    if (chart_[number].sru.empty()) chart_[number].sru = code;
  }
  void on_dimension(const sie::Dimension& d) override { dims_.push_back({d.number, d.name, d.parent}); }
  void on_object(const sie::Object& o) override { objects_.push_back({o.dim, o.id, o.name}); }
  void on_balance(BalanceKind kind, const sie::Balance& b) override {
    LedgerBalanceRecord r;
    switch (kind) {
      case BalanceKind::kOpening: r.kind = LedgerBalanceRecord::Kind::kOpening; break;
      case BalanceKind::kClosing: r.kind = LedgerBalanceRecord::Kind::kClosing; break;
      case BalanceKind::kResult: r.kind = LedgerBalanceRecord::Kind::kResult; break;
      case BalanceKind::kObjectOpening: r.kind = LedgerBalanceRecord::Kind::kObjectOpening; break;
      case BalanceKind::kObjectClosing: r.kind = LedgerBalanceRecord::Kind::kObjectClosing; break;
    }
    r.account = b.account;
    r.objects = objects_text(b.objects);
    r.amount = b.amount;
    r.quantity = b.quantity;
    balances_.emplace_back(b.year, std::move(r));
  }

  void on_voucher(const sie::Voucher& v) override {
    if (!status_.ok()) return;
    if (Status s = start(); !s.ok()) {
      status_ = s;
      return;
    }
    Result<int64_t> year = year_of(v.date);
    if (!year.ok()) {
      status_ = year.error().with_context("voucher " + v.series + " " + v.number + " dated " + v.date.to_string());
      return;
    }
    if (object_texts_.size() < v.transactions.size()) object_texts_.resize(v.transactions.size());
    rows_.clear();
    for (size_t i = 0; i < v.transactions.size(); ++i) {
      const sie::Transaction& t = v.transactions[i];
      object_texts_[i] = objects_text(t.objects);
      LedgerTransactionRecord r;
      r.kind = t.kind == sie::Transaction::Kind::kTrans    ? LedgerTransactionRecord::Kind::kTrans
               : t.kind == sie::Transaction::Kind::kRTrans ? LedgerTransactionRecord::Kind::kAdded
                                                            : LedgerTransactionRecord::Kind::kRemoved;
      r.account = t.account;
      r.amount = t.amount;
      r.date = t.date;
      r.text = t.text;
      if (t.quantity) r.quantity = std::string_view(*t.quantity);
      r.objects = object_texts_[i];
      rows_.push_back(r);
    }
    LedgerVoucherRecord rec{v.series, v.number, v.date, v.text, v.reg_date, v.sign};
    if (Status s = session_.add_voucher(*year, rec, rows_); !s.ok()) {
      status_ = s;
      return;
    }
    ++vouchers_;
    for (const LedgerTransactionRecord& r : rows_)
      if (r.kind != LedgerTransactionRecord::Kind::kRemoved) ++transactions_;
  }

  // Checks what the header says, once, before the first row is written.
  Status start() {
    if (started_) return ok_status();
    started_ = true;
    const sie::Document& h = parser_->header();
    if (h.sie_type != "4")
      return invalid_argument("the file is SIE type " + h.sie_type +
                              "; the ledger imports SIE 4 files (with vouchers), #SIETYP 4");
    if (h.orgnr.empty()) {
      notes_.push_back("the file has no #ORGNR: it could not be checked against " + company_.orgnr);
    } else if (orgnr_digits(h.orgnr) != orgnr_digits(company_.orgnr)) {
      return failed_precondition("the file's #ORGNR " + h.orgnr + " (" + h.company_name + ") is not " +
                                 company_.name + "'s organisation number " + company_.orgnr +
                                 ": import it into that company (--company)");
    }
    const sie::FiscalYear* current = nullptr;
    for (const sie::FiscalYear& y : h.fiscal_years)
      if (y.index == 0) current = &y;
    if (!current) return invalid_argument("the file has no #RAR 0: a SIE 4 import needs its fiscal year");
    return open(*current);
  }

  Result<int64_t> year_of(Date d) {
    for (const auto& [index, opened] : years_)
      if (d >= opened.first.start && d <= opened.first.end) return opened.second;
    for (const sie::FiscalYear& y : parser_->header().fiscal_years) {
      if (d >= y.start && d <= y.end) {
        TRY(open(y));
        return years_.at(y.index).second;
      }
    }
    return invalid_argument("the date is outside every fiscal year (#RAR) of the file");
  }

  Status open(const sie::FiscalYear& y) {
    ASSIGN_OR_RETURN(int64_t id, session_.open_year(y.start, y.end, replace_));
    years_[y.index] = {y, id};
    return ok_status();
  }

  // After the last record: chart, dimensions and balances of each opened year.
  Status finish() {
    TRY(status_);
    TRY(start());
    std::vector<LedgerAccountRecord> chart;
    for (auto& [number, a] : chart_) {
      a.number = number;
      chart.push_back(a);
    }
    for (const auto& [index, opened] : years_) {
      TRY(session_.add_accounts(opened.second, chart));
      TRY(session_.add_dimensions(opened.second, dims_, objects_));
      std::vector<LedgerBalanceRecord> mine;
      for (const auto& [year, b] : balances_)
        if (year == index) mine.push_back(b);
      TRY(session_.add_balances(opened.second, mine));
    }
    return ok_status();
  }

  std::string years_text() const {
    std::string out;
    for (const auto& [index, opened] : years_) {
      if (!out.empty()) out += ",";
      out += opened.first.start.to_string() + ".." + opened.first.end.to_string();
    }
    return out;
  }

  int64_t accounts() const { return static_cast<int64_t>(chart_.size()); }
  int64_t vouchers() const { return vouchers_; }
  int64_t transactions() const { return transactions_; }
  const std::vector<std::string>& notes() const { return notes_; }

 private:
  LedgerImport& session_;
  const Company& company_;
  LedgerImport::Replace replace_;
  const sie::SieParser* parser_ = nullptr;
  bool started_ = false;
  Status status_ = ok_status();
  std::map<std::string, LedgerAccountRecord> chart_;
  std::vector<LedgerDimensionRecord> dims_;
  std::vector<LedgerObjectRecord> objects_;
  std::vector<std::pair<int, LedgerBalanceRecord>> balances_;
  std::map<int, std::pair<sie::FiscalYear, int64_t>> years_;
  std::vector<LedgerTransactionRecord> rows_;
  std::vector<std::string> object_texts_;
  std::vector<std::string> notes_;
  int64_t vouchers_ = 0, transactions_ = 0;
};

// The file's SHA-256 (for the import log), computed on a second thread while
// the parser and SQLite work on the first: hashing is about a tenth of an
// import's CPU time and needs nothing from them. Chunks are read into buffers
// taken here and handed back in file order; a few buffers circulate.
class HashingThread {
 public:
  // When no thread can be started (a process at its thread limit), the
  // chunks are hashed on the caller's thread instead: slower, same digest.
  explicit HashingThread(size_t chunk_size) : chunk_size_(chunk_size) {
    try {
      worker_ = std::thread([this] { run(); });
    } catch (const std::system_error&) {
      inline_ = true;
    }
  }
  HashingThread(const HashingThread&) = delete;
  HashingThread& operator=(const HashingThread&) = delete;
  ~HashingThread() { (void)final_hex(); }

  // A buffer of chunk_size bytes to read the next chunk into.
  std::vector<char> take_buffer() {
    std::unique_lock lock(mutex_);
    if (free_.empty() && made_ < kBuffers) {
      ++made_;
      return std::vector<char>(chunk_size_);
    }
    changed_.wait(lock, [this] { return !free_.empty(); });
    std::vector<char> b = std::move(free_.front());
    free_.pop_front();
    return b;
  }

  // Hashes the first `size` bytes of `buffer` after every chunk given before.
  void hash(std::vector<char> buffer, size_t size) {
    if (inline_) {
      sha_.update(std::string_view(buffer.data(), size));
      std::lock_guard lock(mutex_);
      free_.push_back(std::move(buffer));
      return;
    }
    {
      std::lock_guard lock(mutex_);
      todo_.push_back({std::move(buffer), size});
    }
    changed_.notify_all();
  }

  // Waits for the chunks given so far; the digest as 64 hex digits.
  std::string final_hex() {
    if (inline_) {
      if (!finished_) hex_ = sha_.final_hex();
      finished_ = true;
      return hex_;
    }
    if (!worker_.joinable()) return hex_;
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    changed_.notify_all();
    worker_.join();
    hex_ = sha_.final_hex();
    return hex_;
  }

 private:
  static constexpr int kBuffers = 3;
  struct Chunk {
    std::vector<char> bytes;
    size_t size = 0;
  };

  void run() {
    std::unique_lock lock(mutex_);
    for (;;) {
      changed_.wait(lock, [this] { return !todo_.empty() || closed_; });
      if (todo_.empty()) return;
      Chunk c = std::move(todo_.front());
      todo_.pop_front();
      lock.unlock();
      sha_.update(std::string_view(c.bytes.data(), c.size));
      lock.lock();
      free_.push_back(std::move(c.bytes));
      changed_.notify_all();
    }
  }

  const size_t chunk_size_;
  crypto::Sha256 sha_;  // the worker's alone until it is joined
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Chunk> todo_;
  std::deque<std::vector<char>> free_;
  int made_ = 0;
  bool closed_ = false;
  bool inline_ = false;    // no worker thread: hash() hashes at once
  bool finished_ = false;  // inline: the digest is taken
  std::string hex_;
  std::thread worker_;  // started in the constructor, once the members above exist
};

std::string base_name(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

namespace {

// The import; `entry` is the log entry as it goes, its id set once it is
// written (a refusal's too).
Result<LedgerLogEntry> run_import(Store& store, LedgerStore& ledger, const Company& company, const Actor& actor,
                                  const std::string& path, const ImportOptions& options, const Clock& clock,
                                  LedgerLogEntry& entry) {
  const auto started = std::chrono::steady_clock::now();
  entry = log_entry_for(company, actor, LedgerLogEntry::Kind::kImport, clock);
  entry.file_name = base_name(path);
  auto elapsed_ms = [&] {
    return static_cast<int64_t>(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count());
  };
  // Writes the entry of an import that changed nothing and returns `error`.
  auto refuse = [&](Error error, LedgerLogEntry::Outcome outcome) -> Error {
    entry.outcome = outcome;
    entry.message = error.message();
    entry.duration_ms = elapsed_ms();
    entry = displayable_entry(std::move(entry));
    Result<int64_t> id = write_log(ledger, entry, error.code());
    if (id.ok()) entry.id = *id;
    return error;
  };

  if (Status s = check_import_right(store, ledger, company, actor); !s.ok())
    return refuse(s.error(), LedgerLogEntry::Outcome::kRefused);
  ASSIGN_OR_RETURN(LedgerSource source, ledger.source(company.id));
  if (source == LedgerSource::kDagbok)
    return refuse(failed_precondition(company.name + " takes its ledger from dagbok's own vouchers; to import SIE "
                                      "files, switch the data source first (`dagbok ledger source sie`)"),
                  LedgerLogEntry::Outcome::kRefused);

  std::ifstream in(path, std::ios::binary);
  if (!in) return refuse(not_found("cannot open the file '" + path + "'"), LedgerLogEntry::Outcome::kFailed);
  in.seekg(0, std::ios::end);
  const uint64_t total = static_cast<uint64_t>(in.tellg());
  in.seekg(0);

  Result<std::unique_ptr<LedgerImport>> begun = ledger.begin_import(company.id);
  if (!begun.ok()) return refuse(begun.error(), LedgerLogEntry::Outcome::kFailed);
  std::unique_ptr<LedgerImport> session = std::move(begun).value();
  ImportSink sink(*session, company, options.replace);
  sie::ParseOptions popts;
  popts.file_name = entry.file_name;
  sie::SieParser parser(popts, sink);
  sink.set_parser(parser);

  constexpr size_t kChunk = size_t{1} << 20;
  HashingThread sha(kChunk);
  std::string buffer;
  uint64_t done = 0;
  for (;;) {
    std::vector<char> chunk = sha.take_buffer();
    in.read(chunk.data(), static_cast<std::streamsize>(kChunk));
    const size_t got = static_cast<size_t>(in.gcount());
    if (got == 0 && !in.eof()) {
      session.reset();
      return refuse(unavailable("cannot read '" + path + "'"), LedgerLogEntry::Outcome::kFailed);
    }
    buffer.append(chunk.data(), got);
    sha.hash(std::move(chunk), got);
    done += got;
    const bool last = got < kChunk;
    const size_t used = parser.consume(buffer, last ? sie::SieParser::Input::kLast : sie::SieParser::Input::kMore);
    buffer.erase(0, used);
    if (options.progress) options.progress(done, total);
    if (last) break;
  }
  parser.finish();

  const sie::Document& h = parser.header();
  entry.sha256 = sha.final_hex();
  entry.sie_type = h.sie_type;
  entry.program = h.program_name + (h.program_version.empty() ? "" : " " + h.program_version);
  entry.errors = static_cast<int64_t>(parser.error_count());
  entry.warnings = static_cast<int64_t>(parser.warning_count());
  // Bounded and valid UTF-8 whatever the file held (log_text.h).
  entry.diagnostics = stored_diagnostics(parser.diagnostics(), parser.error_count() + parser.warning_count());
  entry.accounts = sink.accounts();
  entry.vouchers = sink.vouchers();
  entry.transactions = sink.transactions();

  if (parser.error_count() > 0) {
    session.reset();  // rolls back
    entry.fiscal_years = sink.years_text();
    return refuse(invalid_argument(entry.file_name + " breaks the SIE standard in " +
                                   std::to_string(parser.error_count()) +
                                   " place(s) and was not imported; the import log lists them (file:line:column)"),
                  LedgerLogEntry::Outcome::kRefused);
  }
  Status finished = sink.finish();
  entry.fiscal_years = sink.years_text();
  if (!finished.ok()) {
    session.reset();
    return refuse(finished.error().with_context(entry.file_name), LedgerLogEntry::Outcome::kRefused);
  }
  for (const std::string& note : sink.notes()) entry.diagnostics += entry.file_name + ": warning: " + note + "\n";
  entry.warnings += static_cast<int64_t>(sink.notes().size());
  entry.outcome = LedgerLogEntry::Outcome::kOk;
  entry.message = "imported " + std::to_string(entry.vouchers) + " vouchers, " + std::to_string(entry.transactions) +
                  " transactions";
  entry.duration_ms = elapsed_ms();
  entry = displayable_entry(std::move(entry));
  const int64_t id = session->import_id();
  if (Status s = session->commit(entry); !s.ok()) {
    session.reset();
    return refuse(s.error(), LedgerLogEntry::Outcome::kFailed);
  }
  entry.id = id;
  return entry;
}

}  // namespace

ImportOutcome import_sie_file(Store& store, LedgerStore& ledger, const Company& company, const Actor& actor,
                              const std::string& path, const ImportOptions& options, const Clock& clock) {
  ImportOutcome out;
  Result<LedgerLogEntry> r = run_import(store, ledger, company, actor, path, options, clock, out.entry);
  if (r.ok())
    out.entry = std::move(r).value();
  else
    out.status = std::move(r).error();
  if (out.entry.id > 0) out.log_entry_id = out.entry.id;
  std::istringstream lines(out.entry.diagnostics);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty()) out.diagnostics.push_back(line);
  return out;
}

}  // namespace dagbok::ledger
