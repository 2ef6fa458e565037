#include "formats/sie/sie_check.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "formats/sie/sie5_reader.h"

namespace dagbok::sie {
namespace {

ParseOptions parse_options(const std::string& file, const CheckOptions& options) {
  ParseOptions p;
  p.mode = options.mode;
  p.texts = ParseOptions::Texts::kSkip;
  p.voucher_rows = false;
  p.file_name = file;
  p.max_diagnostics = options.max_diagnostics;
  return p;
}

CheckReport report_from(const SieParser& parser, std::string file, const CheckOptions& options) {
  CheckReport r;
  r.file = std::move(file);
  r.format = SieFormat::kSie4;
  r.header = parser.header();
  r.summary = parser.summary();
  r.diagnostics = parser.diagnostics();
  r.errors = parser.error_count();
  r.warnings = parser.warning_count();
  r.valid = r.errors == 0 && (options.mode == ParseOptions::Mode::kTolerant || r.warnings == 0);
  return r;
}

CheckReport report_from(Result<ReadResult> read, std::string file, const CheckOptions& options) {
  CheckReport r;
  r.file = std::move(file);
  if (!read.ok()) {
    Diagnostic d;
    d.file = r.file;
    d.message = read.error().message();
    r.diagnostics.push_back(std::move(d));
    r.errors = 1;
    r.format = SieFormat::kUnknown;
    return r;
  }
  r.format = read->format;
  r.header = std::move(read->document);
  r.header.accounts.clear();
  r.header.vouchers.clear();
  r.summary = read->summary;
  r.diagnostics = std::move(read->diagnostics);
  r.errors = read->errors;
  r.warnings = read->warnings;
  r.valid = r.errors == 0 && (options.mode == ParseOptions::Mode::kTolerant || r.warnings == 0);
  return r;
}

CheckReport not_sie(std::string file) {
  CheckReport r;
  r.file = std::move(file);
  r.format = SieFormat::kUnknown;
  Diagnostic d;
  d.file = r.file;
  d.line = 1;
  d.message = "this is not a SIE file: a SIE 4 file starts with a label such as #FLAGGA, a SIE 5 file with <?xml";
  r.diagnostics.push_back(std::move(d));
  r.errors = 1;
  return r;
}

std::string count_line(const Summary& s) {
  std::string out = std::to_string(s.accounts) + " accounts, " + std::to_string(s.vouchers) + " vouchers, " +
                    std::to_string(s.rows) + " rows";
  if (s.added_rows + s.removed_rows > 0)
    out += " (" + std::to_string(s.added_rows) + " added, " + std::to_string(s.removed_rows) + " removed)";
  return out;
}

}  // namespace

CheckReport check_sie(std::string_view bytes, std::string file_name, const CheckOptions& options) {
  const SieFormat format = detect_sie_format(bytes.substr(0, 64));
  if (format == SieFormat::kSie5) {
    return report_from(read_sie5(bytes, {options.mode, file_name, options.max_diagnostics}), file_name, options);
  }
  if (format == SieFormat::kUnknown) return not_sie(std::move(file_name));
  SieHandler ignore;
  SieParser parser(parse_options(file_name, options), ignore);
  parser.consume(bytes, SieParser::Input::kLast);
  parser.finish();
  return report_from(parser, std::move(file_name), options);
}

Result<CheckReport> check_sie_file(const std::string& path, const CheckOptions& options, FileSystem& fs) {
  char head[64] = {};
  size_t got = 0;
  {
    ASSIGN_OR_RETURN(std::unique_ptr<ReadableFile> file, fs.open_for_reading(path));
    ASSIGN_OR_RETURN(got, file->read(head, sizeof head));
  }
  const SieFormat format = detect_sie_format(std::string_view(head, got));
  if (format == SieFormat::kSie5)
    return report_from(read_sie5_file(path, {options.mode, path, options.max_diagnostics}, fs), path, options);
  if (format == SieFormat::kUnknown) return not_sie(path);
  SieHandler ignore;
  SieParser parser(parse_options(path, options), ignore);
  TRY(parse_sie_file(path, parser, size_t{1} << 20, fs));
  return report_from(parser, path, options);
}

std::string CheckReport::to_text() const {
  std::string out;
  for (const Diagnostic& d : diagnostics) out += d.to_string() + "\n";
  if (errors + warnings > diagnostics.size())
    out += "(" + std::to_string(errors + warnings - diagnostics.size()) + " more not shown)\n";
  out += file + ": " + std::string(sie_format_name(format));
  if (format == SieFormat::kSie4) out += " type " + header.sie_type;
  if (!header.program_name.empty())
    out += ", from " + header.program_name + (header.program_version.empty() ? "" : " " + header.program_version);
  if (!header.company_name.empty()) out += ", " + header.company_name;
  if (!header.orgnr.empty()) out += " (" + header.orgnr + ")";
  out += "\n  " + count_line(summary) + "\n";
  for (const FiscalYear& y : header.fiscal_years)
    out += "  fiscal year " + std::to_string(y.index) + ": " + y.start.to_string() + " – " + y.end.to_string() + "\n";
  out += "  KSUMMA " + std::string(ksumma_status_name(summary.ksumma)) + ", text " + summary.encoding + "\n";
  out += "  " + std::to_string(errors) + " error(s), " + std::to_string(warnings) + " warning(s): " +
         (valid ? "valid" : "INVALID") + "\n";
  return out;
}

std::string CheckReport::to_json() const {
  using nlohmann::json;
  json j;
  j["file"] = file;
  j["format"] = sie_format_name(format);
  j["valid"] = valid;
  j["sie_type"] = header.sie_type;
  j["program"] = {{"name", header.program_name}, {"version", header.program_version}};
  j["company"] = {{"name", header.company_name}, {"orgnr", header.orgnr}, {"id", header.company_id}};
  j["generated"] = header.generated.to_string();
  json years = json::array();
  for (const FiscalYear& y : header.fiscal_years)
    years.push_back({{"index", y.index}, {"start", y.start.to_string()}, {"end", y.end.to_string()}});
  j["fiscal_years"] = years;
  const Summary& s = summary;
  j["counts"] = {{"accounts", s.accounts},
                 {"dimensions", s.dimensions},
                 {"objects", s.objects},
                 {"opening_balances", s.opening_balances},
                 {"closing_balances", s.closing_balances},
                 {"results", s.results},
                 {"object_balances", s.object_balances},
                 {"period_balances", s.period_balances},
                 {"period_budgets", s.period_budgets},
                 {"vouchers", s.vouchers},
                 {"rows", s.rows},
                 {"added_rows", s.added_rows},
                 {"removed_rows", s.removed_rows},
                 {"unknown_records", s.unknown_records},
                 {"lines", s.lines},
                 {"bytes", s.bytes}};
  if (s.first_voucher_date) j["first_voucher_date"] = s.first_voucher_date->to_string();
  if (s.last_voucher_date) j["last_voucher_date"] = s.last_voucher_date->to_string();
  j["ksumma"] = {{"status", ksumma_status_name(s.ksumma)}};
  if (s.ksumma_written) j["ksumma"]["written"] = *s.ksumma_written;
  if (s.ksumma_computed) j["ksumma"]["computed"] = *s.ksumma_computed;
  j["encoding"] = s.encoding;
  j["errors"] = errors;
  j["warnings"] = warnings;
  json list = json::array();
  for (const Diagnostic& d : diagnostics) {
    list.push_back({{"severity", severity_name(d.severity)},
                    {"line", d.line},
                    {"column", d.column},
                    {"label", d.label},
                    {"message", d.message},
                    {"text", d.describe()}});
  }
  j["diagnostics"] = list;
  return j.dump(2, ' ', false, json::error_handler_t::replace);
}

}  // namespace dagbok::sie
