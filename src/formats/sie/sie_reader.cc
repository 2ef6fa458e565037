#include "formats/sie/sie_reader.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <unordered_map>


#include "formats/sie/sie5_reader.h"

namespace dagbok::sie {
namespace {

// Collects everything the parser reads into a Document.
class DocumentBuilder : public SieHandler {
 public:
  explicit DocumentBuilder(Document& doc) : doc_(doc) {}

  void on_account(const std::string& number, const std::string& name) override {
    auto [it, inserted] = index_.try_emplace(number, doc_.accounts.size());
    if (inserted) doc_.accounts.push_back({number, name, "", "", {}});
    else doc_.accounts[it->second].name = name;
  }
  void on_account_type(const std::string& number, const std::string& type) override { account(number).type = type; }
  void on_account_unit(const std::string& number, const std::string& unit) override { account(number).unit = unit; }
  void on_sru(const std::string& number, const std::string& code) override { account(number).sru.push_back(code); }
  void on_dimension(const Dimension& d) override { doc_.dimensions.push_back(d); }
  void on_object(const Object& o) override { doc_.objects.push_back(o); }
  void on_balance(BalanceKind kind, const Balance& b) override {
    switch (kind) {
      case BalanceKind::kOpening: doc_.opening.push_back(b); break;
      case BalanceKind::kClosing: doc_.closing.push_back(b); break;
      case BalanceKind::kObjectOpening: doc_.object_opening.push_back(b); break;
      case BalanceKind::kObjectClosing: doc_.object_closing.push_back(b); break;
      case BalanceKind::kResult: doc_.result.push_back(b); break;
    }
  }
  void on_period_balance(PeriodKind kind, const PeriodBalance& p) override {
    (kind == PeriodKind::kBalance ? doc_.period_balances : doc_.period_budgets).push_back(p);
  }
  void on_voucher(const Voucher& v) override { doc_.vouchers.push_back(v); }
  void on_unknown(const UnknownRecord& u) override { doc_.unknown_records.push_back(u); }

 private:
  Account& account(const std::string& number) {
    // A #KTYP/#ENHET/#SRU for an account without #KONTO still belongs to it.
    auto [it, inserted] = index_.try_emplace(number, doc_.accounts.size());
    if (inserted) doc_.accounts.push_back({number, "", "", "", {}});
    return doc_.accounts[it->second];
  }
  Document& doc_;
  std::unordered_map<std::string, size_t> index_;
};

Result<ReadResult> finish_read(SieParser& parser, Document doc, const ReadOptions& options) {
  ReadResult r;
  r.format = SieFormat::kSie4;
  const Document& h = parser.header();
  // The parser kept the identification; the builder filled the rest.
  doc.flag = h.flag;
  doc.program_name = h.program_name;
  doc.program_version = h.program_version;
  doc.generated = h.generated;
  doc.generated_by = h.generated_by;
  doc.sie_type = h.sie_type;
  doc.prosa = h.prosa;
  doc.company_type = h.company_type;
  doc.company_id = h.company_id;
  doc.orgnr = h.orgnr;
  doc.sni_code = h.sni_code;
  doc.company_name = h.company_name;
  doc.address = h.address;
  doc.fiscal_years = h.fiscal_years;
  doc.tax_year = h.tax_year;
  doc.balances_until = h.balances_until;
  doc.chart_type = h.chart_type;
  doc.currency = h.currency;
  r.document = std::move(doc);
  r.summary = parser.summary();
  r.diagnostics = parser.diagnostics();
  r.errors = parser.error_count();
  r.warnings = parser.warning_count();
  const uint64_t records = r.summary.accounts + r.summary.vouchers + r.summary.opening_balances +
                           r.summary.closing_balances + r.summary.results + r.summary.period_balances;
  if (records == 0 && r.document.program_name.empty() && r.document.company_name.empty() &&
      r.summary.unknown_records == 0 && parser.header().fiscal_years.empty())
    return invalid_argument((options.file_name.empty() ? std::string("the input") : options.file_name) +
                            " is not a SIE file: it has none of the records (#FLAGGA, #PROGRAM, #KONTO, #VER, …) "
                            "that a SIE file consists of");
  if (options.mode == ParseOptions::Mode::kStrict && !parser.ok()) {
    std::string message = std::to_string(r.errors) + " error(s) and " + std::to_string(r.warnings) +
                          " warning(s) in " + (options.file_name.empty() ? "the SIE file" : options.file_name);
    for (size_t i = 0; i < r.diagnostics.size() && i < 5; ++i) message += "\n" + r.diagnostics[i].to_string();
    return invalid_argument(message);
  }
  return r;
}

ParseOptions parse_options(const ReadOptions& options) {
  ParseOptions p;
  p.mode = options.mode;
  p.file_name = options.file_name;
  p.max_diagnostics = options.max_diagnostics;
  return p;
}

}  // namespace

std::string_view sie_format_name(SieFormat format) {
  switch (format) {
    case SieFormat::kSie4: return "SIE 4";
    case SieFormat::kSie5: return "SIE 5 XML";
    case SieFormat::kUnknown: return "unknown";
  }
  return "unknown";
}

SieFormat detect_sie_format(std::string_view head) {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  size_t i = 0;
  while (i < head.size() && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) ++i;
  head.remove_prefix(i);
  if (head.starts_with("<?xml") || head.starts_with("<Sie") || head.starts_with("<sie:Sie")) return SieFormat::kSie5;
  if (head.starts_with("#")) return SieFormat::kSie4;
  return SieFormat::kUnknown;
}

namespace {

// What check_sie says too, so that `sie check` and `sie convert` agree on a
// file that starts with something other than a label.
Error not_sie(const std::string& file_name) {
  return invalid_argument((file_name.empty() ? std::string("the input") : file_name) +
                          " is not a SIE file: a SIE 4 file starts with a label such as #FLAGGA, "
                          "a SIE 5 file with <?xml");
}

}  // namespace

Result<ReadResult> read_sie(std::string_view bytes, const ReadOptions& options) {
  // The first 64 bytes, as check_sie and read_sie_file look at.
  const SieFormat format = detect_sie_format(bytes.substr(0, 64));
  if (format == SieFormat::kSie5) return read_sie5(bytes, options);
  if (format == SieFormat::kUnknown) return not_sie(options.file_name);
  Document doc;
  doc.sie_type.clear();
  DocumentBuilder builder(doc);
  SieParser parser(parse_options(options), builder);
  parser.consume(bytes, SieParser::Input::kLast);
  parser.finish();
  return finish_read(parser, std::move(doc), options);
}

Status parse_sie_file(const std::string& path, SieParser& parser, size_t chunk_size, FileSystem& fs) {
  // Read in chunks rather than through a memory mapping: a mapped file that
  // another program truncates while we read it kills the process (SIGBUS),
  // and the mapping was worth only about 10 %.
  ASSIGN_OR_RETURN(std::unique_ptr<ReadableFile> file, fs.open_for_reading(path));
  std::vector<char> buffer(std::max<size_t>(chunk_size, 64));
  size_t filled = 0;
  while (true) {
    if (filled == buffer.size()) buffer.resize(buffer.size() * 2);  // one line longer than the buffer
    ASSIGN_OR_RETURN(const size_t n, file->read(buffer.data() + filled, buffer.size() - filled));
    filled += n;
    const bool last = n == 0;
    const size_t used = parser.consume(std::string_view(buffer.data(), filled),
                                       last ? SieParser::Input::kLast : SieParser::Input::kMore);
    std::memmove(buffer.data(), buffer.data() + used, filled - used);
    filled -= used;
    if (last) break;
  }
  parser.finish();
  return ok_status();
}

Result<ReadResult> read_sie_file(const std::string& path, const ReadOptions& options, FileSystem& fs) {
  ReadOptions named = options;
  if (named.file_name.empty()) named.file_name = path;
  char head[64] = {};
  size_t got = 0;
  {
    ASSIGN_OR_RETURN(std::unique_ptr<ReadableFile> file, fs.open_for_reading(path));
    ASSIGN_OR_RETURN(got, file->read(head, sizeof head));
  }
  const SieFormat format = detect_sie_format(std::string_view(head, got));
  if (format == SieFormat::kSie5) return read_sie5_file(path, named, fs);
  if (format == SieFormat::kUnknown) return not_sie(named.file_name);
  Document doc;
  doc.sie_type.clear();
  DocumentBuilder builder(doc);
  SieParser parser(parse_options(named), builder);
  TRY(parse_sie_file(path, parser, size_t{1} << 20, fs));
  return finish_read(parser, std::move(doc), named);
}

}  // namespace dagbok::sie
