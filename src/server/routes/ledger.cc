#include "server/routes/ledger.h"

#include <httplib.h>

#include <stdlib.h>

#include <cctype>
#include <filesystem>

#include "core/file_system.h"
#include "ledger/ledger_admin.h"
#include "ledger/log_text.h"
#include "ledger/sie_import.h"
#include "views/json_views.h"

namespace dagbok::server::routes {

using auth::Action;
using nlohmann::json;

namespace {

// The name of an uploaded file from its X-File-Name header: percent-decoded
// UTF-8 (a browser may send only Latin-1 in a header, so the page encodes
// it), without any directory, without control characters.
Result<std::string> upload_file_name(const std::string& header) {
  std::string decoded;
  for (size_t i = 0; i < header.size(); ++i) {
    const char c = header[i];
    if (c == '%' && i + 2 < header.size() && std::isxdigit(static_cast<unsigned char>(header[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(header[i + 2]))) {
      decoded.push_back(static_cast<char>(std::stoi(header.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      decoded.push_back(c);
    }
  }
  const size_t slash = decoded.find_last_of("/\\");
  if (slash != std::string::npos) decoded = decoded.substr(slash + 1);
  std::string name;
  for (char c : decoded)
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) name.push_back(c);
  while (!name.empty() && name.front() == ' ') name.erase(0, 1);
  while (!name.empty() && name.back() == ' ') name.pop_back();
  if (name.size() > 255)
    return invalid_argument("the file name (X-File-Name) is longer than 255 bytes; rename the file");
  if (name.empty() || name == "." || name == "..") name = "import.se";
  // A name in Latin-1 or CP437 bytes: kept, its bytes that are not UTF-8
  // written \xNN (the log and every answer are UTF-8).
  return ledger::displayable(name, ledger::kMaxFieldBytes);
}

// An uploaded file on disk for as long as this lives: a fresh private
// directory under the temporary directory, holding the file under its own
// name (the import log and the diagnostics name it).
class UploadedFile {
 public:
  static Result<std::unique_ptr<UploadedFile>> write(const std::string& name, const std::string& bytes) {
    std::error_code ec;
    const std::filesystem::path tmp = std::filesystem::temp_directory_path(ec);
    if (ec) return unavailable("no temporary directory to receive the file in: " + ec.message());
    std::string tmpl = (tmp / "dagbok-upload-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr)
      return unavailable("cannot make a temporary directory for the file under " + tmp.string());
    std::unique_ptr<UploadedFile> f(new UploadedFile(tmpl));
    f->path_ = (f->dir_ / name).string();
    FileSystem& fs = posix_file_system();
    Result<std::unique_ptr<WritableFile>> out = fs.create_new(f->path_, FileAccess::kPrivate);
    Status written = out.ok() ? (*out)->append(bytes) : Status(out.error());
    if (written.ok()) written = (*out)->close();
    if (!written.ok())
      return unavailable("cannot write the received file to " + tmp.string() + " (is the disk full?): " +
                         written.error().message());
    return f;
  }
  UploadedFile(const UploadedFile&) = delete;
  UploadedFile& operator=(const UploadedFile&) = delete;
  ~UploadedFile() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  explicit UploadedFile(std::filesystem::path dir) : dir_(std::move(dir)) {}
  std::filesystem::path dir_;
  std::string path_;
};

}  // namespace

// A change to the ledger names the logged-in user; the ledger library
// checks their import right (and logs a refusal).
static Result<ledger::Actor> actor_of(const Call& call) {
  if (!call.session) return permission_denied("only a logged-in user may import into or change the ledger");
  return ledger::Actor{call.session->user.id, call.session->user.email};
}

// The active fiscal years, newest first, and where the books come from.
Result<Reply> fiscal_years(Call& call) {
  ASSIGN_OR_RETURN(std::unique_ptr<LedgerStore> ledger, open_ledger(call));
  ASSIGN_OR_RETURN(std::vector<LedgerFiscalYear> years, ledger->fiscal_years(call.company->id));
  ASSIGN_OR_RETURN(LedgerSource source, ledger->source(call.company->id));
  json out = json::array();
  for (auto it = years.rbegin(); it != years.rend(); ++it) out.push_back(views::fiscal_year_json(*it));
  return Reply{200, {{"data_source", std::string(ledger_source_name(source))}, {"fiscal_years", out}}, {}, {}, {}};
}

// The import log (imports, undos, deleted years, source changes), newest
// first: for those with the import right only.
Result<Reply> imports(Call& call) {
  ASSIGN_OR_RETURN(ledger::Actor actor, actor_of(call));
  ASSIGN_OR_RETURN(std::unique_ptr<LedgerStore> ledger, open_ledger(call));
  TRY(ledger::check_import_right(call.store, *ledger, *call.company, actor));
  ASSIGN_OR_RETURN(int limit, query_limit(call.req, 200));
  ASSIGN_OR_RETURN(std::vector<LedgerLogEntry> log_entries, ledger->log(call.company->id, limit));
  json out = json::array();
  for (const LedgerLogEntry& e : log_entries) out.push_back(views::ledger_log_entry_json(e));
  return Reply{200, out, {}, {}, {}};
}

// The SIE 4 file as the raw body (X-File-Name: its name), all or nothing.
Result<Reply> post_import(Call& call) {
  ASSIGN_OR_RETURN(ledger::Actor actor, actor_of(call));
  ASSIGN_OR_RETURN(std::string name, upload_file_name(call.req.get_header_value("X-File-Name")));
  ledger::ImportOptions o;
  if (call.req.has_param("replace_year")) {
    const std::string v = call.req.get_param_value("replace_year");
    if (v == "1" || v == "true")
      o.replace = LedgerImport::Replace::kReplace;
    else if (v != "0" && v != "false" && !v.empty())
      return invalid_argument("query parameter 'replace_year' must be 1 or 0");
  }
  if (call.body.empty())
    return invalid_argument("the request body is empty: send the SIE 4 file itself as the body");
  ASSIGN_OR_RETURN(std::unique_ptr<LedgerStore> ledger, open_ledger(call));
  ASSIGN_OR_RETURN(std::unique_ptr<UploadedFile> file, UploadedFile::write(name, call.body));
  const ledger::ImportOutcome done =
      ledger::import_sie_file(call.store, *ledger, *call.company, actor, file->path(), o, call.ctx.clock);
  if (done.imported()) return Reply{201, {{"import", views::ledger_log_entry_json(done.entry)}}, {}, {}, {}};
  const Error& e = done.status.error();
  if (e.code() == ErrorCode::kInternal || e.code() == ErrorCode::kUnavailable) return e;
  // The refusal as the import log keeps it.
  std::optional<LedgerLogEntry> entry;
  if (done.log_entry_id) {
    Result<std::optional<LedgerLogEntry>> logged = ledger->log_entry(call.company->id, *done.log_entry_id);
    if (logged.ok()) entry = *logged;
  }
  const bool denied = e.code() == ErrorCode::kPermissionDenied;
  Reply r = error_reply(denied ? 403 : 422, denied ? "permission_denied" : "import_refused",
                        ledger::displayable(e.message(), ledger::kMaxFieldBytes));
  r.body["error"]["log_entry_id"] = done.log_entry_id ? json(*done.log_entry_id) : json(nullptr);
  r.body["error"]["diagnostics"] = done.diagnostics;
  r.body["import"] = entry ? views::ledger_log_entry_json(*entry) : json(nullptr);
  return r;
}

Result<Reply> undo_import(Call& call) {
  ASSIGN_OR_RETURN(int64_t id, id_param(call.params, "id", "an import"));
  ASSIGN_OR_RETURN(ledger::Actor actor, actor_of(call));
  ASSIGN_OR_RETURN(std::unique_ptr<LedgerStore> ledger, open_ledger(call));
  ASSIGN_OR_RETURN(int64_t entry, ledger::undo_import(call.store, *ledger, *call.company, actor, id, call.ctx.clock));
  return Reply{200, {{"undone", id}, {"log_entry_id", entry}}, {}, {}, {}};
}

// Body (optional): {"expected_first_day": "2025-01-01"}, refused unless
// that is the first day of the latest year (a stale page deletes nothing).
Result<Reply> delete_latest_year(Call& call) {
  std::optional<Date> expected;
  if (!call.body.empty()) {
    ASSIGN_OR_RETURN(json body, json_body(call));
    ASSIGN_OR_RETURN(std::string first, string_field(body, "expected_first_day", false));
    if (!first.empty()) {
      Result<Date> d = Date::parse(first);
      if (!d.ok()) return field_errors_reply({{"expected_first_day", d.error().message()}});
      expected = *d;
    }
  }
  ASSIGN_OR_RETURN(ledger::Actor actor, actor_of(call));
  ASSIGN_OR_RETURN(std::unique_ptr<LedgerStore> ledger, open_ledger(call));
  ASSIGN_OR_RETURN(LedgerFiscalYear y,
                   ledger::delete_latest_year(call.store, *ledger, *call.company, actor, expected, call.ctx.clock));
  return Reply{200, {{"deleted", views::fiscal_year_json(y)}}, {}, {}, {}};
}

Result<Reply> data_source(Call& call) {
  ASSIGN_OR_RETURN(std::unique_ptr<LedgerStore> ledger, open_ledger(call));
  ASSIGN_OR_RETURN(LedgerSource source, ledger->source(call.company->id));
  return Reply{200, {{"source", std::string(ledger_source_name(source))}}, {}, {}, {}};
}

Result<Reply> put_data_source(Call& call) {
  ASSIGN_OR_RETURN(json body, json_body(call));
  Result<std::string> text = string_field(body, "source", true);
  Result<LedgerSource> source = text.ok() ? parse_ledger_source(*text) : Result<LedgerSource>(text.error());
  if (!source.ok()) return field_errors_reply({{"source", source.error().message()}});
  ASSIGN_OR_RETURN(ledger::Actor actor, actor_of(call));
  ASSIGN_OR_RETURN(std::unique_ptr<LedgerStore> ledger, open_ledger(call));
  ASSIGN_OR_RETURN(int64_t entry,
                   ledger::set_source(call.store, *ledger, *call.company, actor, *source, call.ctx.clock));
  return Reply{200, {{"source", std::string(ledger_source_name(*source))}, {"log_entry_id", entry}}, {}, {}, {}};
}

}  // namespace dagbok::server::routes
