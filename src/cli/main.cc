// dagbok: the command line over libdagbok.
//
// Global options (--db, --company) are accepted anywhere on the line. Exit
// codes: 0 done; 1 an error, printed as one actionable message; 2 bad usage;
// 3 done, but a voucher is blocked by a gap in the kontoplan.
#include <CLI/CLI.hpp>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "books/chart_presets.h"
#include "cli/commands.h"
#include "cli/context.h"
#include "cli/output.h"
#include "core/business_day.h"
#include "core/clock.h"
#include "demo/demo_shop.h"
#include "pipeline/company_setup.h"
#include "pipeline/day_close.h"
#include "pipeline/kontoplan.h"
#include "pipeline/receipt_intake.h"
#include "pipeline/sie_export.h"
#include "store/store.h"
#include "views/json_views.h"

namespace dagbok::cli {
namespace {

using nlohmann::json;

// REGISTER=AMOUNT pairs from --count and --float.
std::map<std::string, Money> register_amounts(const std::vector<std::string>& pairs, const char* option) {
  std::map<std::string, Money> out;
  for (const std::string& p : pairs) {
    const size_t eq = p.find('=');
    if (eq == std::string::npos || eq == 0)
      throw CommandFailed{invalid_argument(std::string(option) + " '" + p + "' must look like K1=1652.00")};
    Result<Money> m = Money::parse(p.substr(eq + 1));
    if (!m.ok()) throw CommandFailed{m.error().with_context(std::string(option) + " " + p)};
    out[p.substr(0, eq)] = *m;
  }
  return out;
}

std::string join(const std::set<std::string>& s) {
  std::string out;
  for (const std::string& x : s) out += (out.empty() ? "" : ", ") + x;
  return out;
}

// ---------------------------------------------------------------- init
void cmd_init(Context& ctx, const std::string& country, const std::string& name, const std::string& slug,
              const std::string& orgnr, const std::string& timezone, const std::string& day_break,
              const std::string& sales_by) {
  NewCompany spec;
  spec.country = must(parse_country(country));
  spec.name = name;
  spec.slug = slug;
  spec.orgnr = orgnr;
  spec.timezone = timezone;
  spec.day_break_minutes = must(parse_hh_mm(day_break));
  if (sales_by == "vat_rate") spec.sales_by = SalesBookedBy::kVatRate;
  else if (sales_by != "product_group")
    throw CommandFailed{invalid_argument("--sales-by must be product_group or vat_rate")};
  const Company c = must(create_company(ctx.store(), spec));
  std::cout << "Created company '" << c.name << "' (short name " << c.slug << ", " << country_code(c.country)
            << ", " << c.timezone << ", day-break " << format_hh_mm(c.day_break_minutes) << ") in "
            << ctx.db_path() << "\n"
            << "Chart preset " << c.chart_preset << " loaded. Next: dagbok receipts import FILE.jsonl\n";
}

void cmd_companies(Context& ctx, const std::string& format) {
  const std::vector<Company> all = must(ctx.store().companies());
  if (format == "json") {
    json j = json::array();
    for (const Company& c : all) j.push_back(views::company_json(c));
    std::cout << j.dump(2) << "\n";
    return;
  }
  Table t({"id", "short name", "name", "org.nr", "country", "time zone", "day-break"},
          {true, false, false, false, false, false, false});
  for (const Company& c : all)
    t.add({std::to_string(c.id), c.slug, c.name, c.orgnr, std::string(country_code(c.country)), c.timezone,
           format_hh_mm(c.day_break_minutes)});
  std::cout << t.render();
}

// ---------------------------------------------------------------- receipts
int cmd_receipts_import(Context& ctx, const std::string& file) {
  const Company company = ctx.company();
  const IntakeSummary s = must(import_receipts_file(ctx.file_system(), ctx.store(), company, file));
  std::cout << "Read " << s.receipts_read << " receipts from " << file << ": " << s.stored << " stored, "
            << s.unchanged << " already there (unchanged)";
  if (s.late) std::cout << ", " << s.late << " for days already closed (booked on the next close)";
  std::cout << ".\n";
  auto list = [](const char* what, const std::set<std::string>& items_seen) {
    if (!items_seen.empty()) std::cout << "New " << what << ": " << join(items_seen) << "\n";
  };
  list("departments", s.new_departments);
  list("registers", s.new_registers);
  list("product groups", s.new_product_groups);
  list("payment methods", s.new_payment_methods);
  if (!s.new_product_groups.empty() || !s.new_payment_methods.empty())
    std::cout << "New product groups and payment methods need an account in the kontoplan before their day's "
                 "voucher can be booked: see `dagbok mapping show`.\n";
  return 0;
}

// ---------------------------------------------------------------- close
int cmd_close(Context& ctx, const std::string& date, const std::string& department,
              const std::vector<std::string>& counts, const std::vector<std::string>& floats) {
  const Company company = ctx.company();
  CloseRequest req;
  req.day = parse_date(date, "--date");
  if (!department.empty()) req.department = department;
  req.cash_counted = register_amounts(counts, "--count");
  req.opening_float = register_amounts(floats, "--float");
  const CloseOutcome out = must(close_day(ctx.store(), company, req, ctx.clock()));
  Table t({"register", "Z-nr", "receipts", "sales", "VAT", "voucher"}, {false, true, true, true, true, false});
  for (const ClosedReport& r : out.reports) {
    const ZReport& z = r.record.report;
    t.add({z.register_id, std::to_string(z.number), std::to_string(z.receipt_count), z.sales_total.to_string(),
           z.vat_total().to_string(),
           r.voucher_number ? "Z " + std::to_string(*r.voucher_number)
                            : (r.record.voucher_blocked.empty() ? "none (no sales)" : "BLOCKED")});
  }
  std::cout << "Closed " << req.day.to_string() << ":\n" << t.render();
  for (const ClosedReport& r : out.reports)
    if (!r.record.report.late_receipts.empty())
      std::cout << "Z-report " << r.record.report.register_id << " " << r.record.report.number << " includes "
                << r.record.report.late_receipts.size() << " receipt(s) from earlier closed days.\n";
  if (!out.blocked.empty()) {
    for (const std::string& b : out.blocked) std::cerr << "dagbok: " << b << "\n";
    std::cerr << "The Z-reports are written. Add the missing accounts, and the vouchers are booked at once.\n";
    return kExitBlocked;
  }
  return 0;
}

// ---------------------------------------------------------------- zreport
void cmd_zreport_list(Context& ctx, const std::string& from, const std::string& to, const std::string& format) {
  const Company company = ctx.company();
  std::optional<Date> f, t2;
  if (!from.empty()) f = parse_date(from, "--from");
  if (!to.empty()) t2 = parse_date(to, "--to");
  const std::vector<ZReportRecord> all = must(ctx.store().z_reports(company.id, f, t2));
  if (format == "json") {
    json j = json::array();
    for (const ZReportRecord& r : all) j.push_back(views::z_report_record_json(r));
    std::cout << j.dump(2) << "\n";
    return;
  }
  Table t({"day", "register", "Z-nr", "receipts", "sales", "VAT", "cash diff", "voucher"},
          {false, false, true, true, true, true, true, false});
  for (const ZReportRecord& r : all) {
    const ZReport& z = r.report;
    t.add({z.business_date.to_string(), z.register_id, std::to_string(z.number), std::to_string(z.receipt_count),
           z.sales_total.to_string(), z.vat_total().to_string(),
           z.cash_difference() ? z.cash_difference()->to_string() : "",
           r.voucher_id ? "booked" : (r.voucher_blocked.empty() ? "-" : "BLOCKED")});
  }
  std::cout << t.render();
}

void cmd_zreport_show(Context& ctx, const std::string& reg, int64_t number, const std::string& date,
                      const std::string& format) {
  const Company company = ctx.company();
  std::optional<ZReportRecord> rec;
  if (number > 0) {
    if (reg.empty()) throw CommandFailed{invalid_argument("--number needs --register")};
    rec = must(ctx.store().z_report(company.id, reg, number));
  } else {
    const Date d = parse_date(date, "--date");
    for (ZReportRecord& r : must(ctx.store().z_reports(company.id, d, d)))
      if (reg.empty() || r.report.register_id == reg) {
        rec = std::move(r);
        break;
      }
  }
  if (!rec) throw CommandFailed{not_found("no such Z-report (see `dagbok zreport list`)")};
  if (format == "json") {
    std::cout << views::z_report_record_json(*rec).dump(2) << "\n";
    return;
  }
  std::cout << z_report_to_text(rec->report, company.country);
  if (!rec->voucher_blocked.empty()) std::cout << "\nVOUCHER BLOCKED: " << rec->voucher_blocked << "\n";
}

// ---------------------------------------------------------------- vouchers
void cmd_vouchers_list(Context& ctx, const std::string& from, const std::string& to, const std::string& format) {
  const Company company = ctx.company();
  std::optional<Date> f, t2;
  if (!from.empty()) f = parse_date(from, "--from");
  if (!to.empty()) t2 = parse_date(to, "--to");
  const std::vector<Voucher> all = must(ctx.store().vouchers(company.id, f, t2));
  if (format == "json") {
    json j = json::array();
    for (const Voucher& v : all) j.push_back(views::voucher_json(v));
    std::cout << j.dump(2) << "\n";
    return;
  }
  for (const Voucher& v : all) {
    std::cout << v.series << " " << v.number << "  " << v.date.to_string() << "  " << v.text << "\n";
    Table t({"account", "debit", "credit", "cost center", "text"}, {false, true, true, false, false});
    for (const VoucherLine& l : v.lines)
      t.add({l.account, l.amount.is_negative() ? "" : l.amount.to_string(),
             l.amount.is_negative() ? (-l.amount).to_string() : "", l.cost_center, l.text});
    t.add({"", v.debit_total().to_string(), v.credit_total().to_string(), "", ""});
    std::cout << t.render() << "\n";
  }
  if (all.empty()) std::cout << "No vouchers in that period.\n";
}

int report_booking(const BookOutcome& b) {
  if (b.booked) std::cout << "Booked " << b.booked << " voucher(s) that were waiting for the kontoplan.\n";
  if (!b.still_blocked.empty()) {
    std::cerr << b.still_blocked.size() << " voucher(s) still blocked:\n";
    for (const std::string& s : b.still_blocked) std::cerr << "  " << s << "\n";
    return kExitBlocked;
  }
  return 0;
}

int cmd_vouchers_book(Context& ctx) {
  const Company company = ctx.company();
  const BookOutcome b = must(book_blocked_vouchers(ctx.store(), company, ctx.clock()));
  if (!b.booked && b.still_blocked.empty()) std::cout << "No vouchers are waiting.\n";
  return report_booking(b);
}

// ---------------------------------------------------------------- mapping
// The kontoplan's wrong fields in the words of the command line: `where`
// names entry i ("line 4 of mapping.csv"), `field_word` a field ("--from").
[[noreturn]] void refuse_change(const std::vector<FieldError>& wrong,
                                const std::function<std::string(size_t)>& where,
                                const std::function<std::string(const std::string&)>& field_word) {
  std::string message;
  for (const FieldError& f : wrong) {
    // "entries[3].account" → entry 3, field "account"
    size_t entry = 0;
    std::string field = f.field;
    if (f.field.rfind("entries[", 0) == 0) {
      const size_t close = f.field.find(']');
      entry = std::stoul(f.field.substr(8, close - 8));
      field = close + 2 <= f.field.size() ? f.field.substr(close + 2) : "";
    }
    message += (message.empty() ? "" : "\n") + where(entry) + (field.empty() ? "" : ", " + field_word(field)) + ": " +
               f.message;
  }
  throw CommandFailed{invalid_argument(message)};
}

KontoplanChanged apply_change(Context& ctx, const Company& company, const KontoplanChange& change,
                              const std::function<std::string(size_t)>& where,
                              const std::function<std::string(const std::string&)>& field_word) {
  const std::vector<FieldError> wrong = must(check_kontoplan_change(ctx.store(), company, change));
  if (!wrong.empty()) refuse_change(wrong, where, field_word);
  const KontoplanChanged done = must(change_kontoplan(ctx.store(), company, change, ctx.clock()));
  for (const Account& a : done.added_accounts)
    std::cout << "Account " << a.number << " added to the chart as '" << a.name << "'.\n";
  return done;
}

int cmd_mapping_set(Context& ctx, const std::string& group, const std::string& key, const std::string& account,
                    const std::string& department, const std::string& from, const std::string& account_name) {
  const Company company = ctx.company();
  KontoplanChange change;
  change.entries.push_back({group, key, account, department, from, account_name});
  const KontoplanChanged done = apply_change(
      ctx, company, change, [](size_t) { return std::string("mapping set"); },
      [](const std::string& field) {
        if (field == "valid_from") return std::string("--from");
        if (field == "department") return std::string("--department");
        std::string upper = field;
        for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return upper;  // GROUP, KEY, ACCOUNT
      });
  const MappingEntry& e = done.entries.front();
  std::cout << mapping_group_name(e.group) << " '" << e.key << "'" << (department.empty() ? "" : " in " + department)
            << " → " << e.account << " from " << e.valid_from.to_string() << "\n";
  return report_booking(done.booked);
}

int cmd_mapping_preset(Context& ctx, const std::string& country) {
  const Company company = ctx.company();
  const PresetApplied p = must(apply_chart_preset(ctx.store(), company, country, ""));
  std::cout << "Preset " << p.name << " applied from " << p.valid_from.to_string() << " (" << p.entries
            << " entries, " << p.accounts << " accounts).\n";
  return report_booking(must(book_blocked_vouchers(ctx.store(), company, ctx.clock())));
}

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cur += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cur += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',' || c == ';') {
      out.push_back(cur);
      cur.clear();
    } else if (c != '\r') {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

// The columns group,key,account[,department[,valid_from[,account_name]]]; a
// first line starting "group" is the header.
int cmd_mapping_import(Context& ctx, const std::string& file) {
  const Company company = ctx.company();
  const std::string content = read_file(ctx, file);
  KontoplanChange change;
  std::vector<int> line_of;  // of entry i
  std::istringstream in(content);
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line_no == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line = line.substr(3);
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::vector<std::string> f = split_csv_line(line);
    if (line_no == 1 && !f.empty() && f[0] == "group") continue;  // header
    if (f.size() < 3 || f.size() > 6)
      throw CommandFailed{invalid_argument(file + " line " + std::to_string(line_no) +
                                           ": expected the columns group,key,account[,department[,valid_from"
                                           "[,account_name]]]")};
    f.resize(6);
    change.entries.push_back({f[0], f[1], f[2], f[3], f[4], f[5]});
    line_of.push_back(line_no);
  }
  if (change.entries.empty()) throw CommandFailed{invalid_argument(file + " has no mapping rows")};
  const KontoplanChanged done = apply_change(
      ctx, company, change, [&](size_t i) { return file + " line " + std::to_string(line_of.at(i)); },
      [](const std::string& field) { return "column " + field; });
  std::cout << "Imported " << done.entries.size() << " mapping entries from " << file << ".\n";
  return report_booking(done.booked);
}

void cmd_mapping_show(Context& ctx, const std::string& format, const std::string& department) {
  const Company company = ctx.company();
  const Date today = must(TimeZone::load(company.timezone)).to_local(ctx.clock().now()).date;
  const std::vector<KontoplanRow> rows = must(kontoplan_rows(ctx.store(), company, department, today));
  if (format == "json") {
    json j = json::array();
    for (const KontoplanRow& r : rows) j.push_back(views::kontoplan_row_json(r));
    std::cout << j.dump(2) << "\n";
    return;
  }
  Table t({"group", "key", "account", "note"}, {false, false, false, false});
  int missing = 0;
  for (const KontoplanRow& r : rows) {
    missing += r.gap ? 1 : 0;
    t.add({r.group, r.key, r.account.empty() ? (r.gap ? "MISSING" : "") : r.account, r.note});
  }
  std::cout << "Kontoplan of " << company.name << (department.empty() ? "" : ", department " + department)
            << " on " << today.to_string() << "\n"
            << t.render();
  if (missing) std::cout << missing << " item(s) have no account; set them with `dagbok mapping set GROUP KEY ACCOUNT`.\n";
}

// ---------------------------------------------------------------- export
int cmd_export_sie(Context& ctx, const std::string& from, const std::string& to, std::string out_path,
                   const std::string& mail_to) {
  const Company company = ctx.company();
  const Date f = parse_date(from, "--from");
  const Date t = parse_date(to, "--to");
  const SieExport e = must(export_sie(ctx.store(), company, f, t, ctx.clock()));
  for (const std::string& w : e.warnings) std::cerr << "dagbok: warning: " << w << "\n";
  if (!mail_to.empty()) {
    if (!out_path.empty()) write_file(ctx, out_path, e.bytes);
    return send_sie_file(ctx, company, f, t, mail_to);
  }
  if (out_path.empty()) out_path = sie_file_name(company, f, t);
  write_file(ctx, out_path, e.bytes);
  std::cout << "Wrote " << out_path << ": SIE 4, " << e.vouchers << " vouchers, " << e.transactions
            << " transactions, " << e.bytes.size() << " bytes.\n";
  return 0;
}

// ---------------------------------------------------------------- demo
void cmd_demo(Context& ctx, const std::string& country, int days, const std::string& end) {
  DemoOptions o;
  o.country = must(parse_country(country));
  o.days = days;
  if (!end.empty()) o.end = parse_date(end, "--end");
  ProgressBar bar("Closing days");
  const DemoResult r = must(run_demo(ctx.store(), o, ctx.clock(), [&](int done, int total) { bar.update(done, total); }));
  bar.finish();
  std::cout << "Demo company '" << r.company.name << "' (--company " << r.company.slug << ") in " << ctx.db_path()
            << ": " << r.receipts << " receipts from " << r.from.to_string() << " to " << r.to.to_string() << ", "
            << r.z_reports << " Z-reports, " << r.vouchers << " vouchers.\n";
  if (r.dst_day) std::cout << "The period includes a DST change: business day " << r.dst_day->to_string() << ".\n";
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"dagbok: the bookkeeping side of a point-of-sale system (Sweden and Norway)", "dagbok"};
  app.require_subcommand(1);
  app.fallthrough();
  Globals g;
  app.add_option("--db", g.db, "SQLite database file (default ./dagbok.db, or $DAGBOK_DB)");
  app.add_option("--company", g.company, "company short name, id or org.nr (needed when there are several)");
  app.add_option("--config", g.config, "settings file (default ./dagbok.toml, or $DAGBOK_CONFIG)");
  int rc = 0;
  Context ctx(g);

  std::string country = "SE", name, slug, orgnr, timezone, day_break = "05:00", sales_by = "product_group";
  auto* init = app.add_subcommand("init", "create a company with its country's chart preset");
  init->add_option("--country", country, "SE or NO")->required();
  init->add_option("--name", name, "company name");
  init->add_option("--slug", slug, "short name used with --company");
  init->add_option("--orgnr", orgnr, "organisation number");
  init->add_option("--timezone", timezone, "IANA time zone (default Europe/Stockholm or Europe/Oslo)");
  init->add_option("--day-break", day_break, "when the business day starts, HH:MM (default 05:00)");
  init->add_option("--sales-by", sales_by, "book sales per product_group (default) or vat_rate");
  init->callback([&] { cmd_init(ctx, country, name, slug, orgnr, timezone, day_break, sales_by); });

  std::string format = "text";
  auto* companies = app.add_subcommand("companies", "list the companies in the database");
  companies->add_option("--format", format, "text or json");
  companies->callback([&] { cmd_companies(ctx, format); });

  auto* receipts = app.add_subcommand("receipts", "take in receipts");
  receipts->require_subcommand(1);
  std::string file;
  auto* rimport = receipts->add_subcommand("import", "import a JSON Lines file, all or nothing");
  rimport->add_option("FILE", file, "one receipt per line")->required();
  rimport->callback([&] { rc = cmd_receipts_import(ctx, file); });

  std::string date, department;
  std::vector<std::string> counts, floats;
  auto* close = app.add_subcommand("close", "close a business day: Z-reports and vouchers");
  close->add_option("--date", date, "the business day, YYYY-MM-DD")->required();
  close->add_option("--department", department, "close only this department's registers");
  close->add_option("--count", counts, "cash counted in a register: K1=1652.00 (repeatable)");
  close->add_option("--float", floats, "opening float of a register: K1=1500.00 (repeatable)");
  close->callback([&] { rc = cmd_close(ctx, date, department, counts, floats); });

  std::string from, to, reg;
  int64_t number = 0;
  auto* zreport = app.add_subcommand("zreport", "Z-reports");
  zreport->require_subcommand(1);
  auto* zlist = zreport->add_subcommand("list", "list Z-reports");
  zlist->add_option("--from", from, "first day");
  zlist->add_option("--to", to, "last day");
  zlist->add_option("--format", format, "text or json");
  zlist->callback([&] { cmd_zreport_list(ctx, from, to, format); });
  auto* zshow = zreport->add_subcommand("show", "show one Z-report");
  zshow->add_option("--register", reg, "register");
  zshow->add_option("--number", number, "Z-number (with --register)");
  zshow->add_option("--date", date, "business day (first register, or --register)");
  zshow->add_option("--format", format, "text or json");
  zshow->callback([&] {
    if (number <= 0 && date.empty()) throw CLI::ValidationError("zreport show needs --date or --register and --number");
    cmd_zreport_show(ctx, reg, number, date, format);
  });

  auto* vouchers = app.add_subcommand("vouchers", "vouchers");
  vouchers->require_subcommand(1);
  auto* vlist = vouchers->add_subcommand("list", "list vouchers with their lines");
  vlist->add_option("--from", from, "first day");
  vlist->add_option("--to", to, "last day");
  vlist->add_option("--format", format, "text or json");
  vlist->callback([&] { cmd_vouchers_list(ctx, from, to, format); });
  auto* vcorrect = vouchers->add_subcommand("correct", "re-book a closed day after a kontoplan fix: reversal + corrected");
  vcorrect->add_option("--date", date, "the business day")->required();
  vcorrect->add_option("--register", reg, "only this register");
  vcorrect->callback([&] {
    const Company company = ctx.company();
    const std::vector<Correction> done = must(correct_day(ctx.store(), company, parse_date(date, "--date"),
                                                           reg.empty() ? std::nullopt : std::optional(reg), ctx.clock()));
    if (done.empty()) std::cout << "The vouchers of " << date << " already match the kontoplan; nothing to correct.\n";
    for (const Correction& c : done)
      std::cout << "Register " << c.register_id << " Z-nr " << c.z_number << ": " << c.original.series << " "
                << c.original.number << " reversed by " << c.reversal.series << " " << c.reversal.number
                << ", corrected by " << c.corrected.series << " " << c.corrected.number << ".\n";
  });
  auto* vbook = vouchers->add_subcommand("book", "book vouchers that were blocked by kontoplan gaps");
  vbook->callback([&] { rc = cmd_vouchers_book(ctx); });

  std::string group, key, account, account_name;
  auto* mapping = app.add_subcommand("mapping", "the kontoplan: which account each thing is booked to");
  mapping->require_subcommand(1);
  auto* mshow = mapping->add_subcommand("show", "show the kontoplan and what has no account");
  mshow->add_option("--format", format, "text or json");
  mshow->add_option("--department", department, "as seen by one department");
  mshow->callback([&] { cmd_mapping_show(ctx, format, department); });
  auto* mset = mapping->add_subcommand("set", "set an account: GROUP KEY ACCOUNT");
  mset->add_option("GROUP", group, "payment, vat, vat_sales, product_group, cost_center or other")->required();
  mset->add_option("KEY", key, "e.g. Vipps, 25, Kaffe@12, tips")->required();
  mset->add_option("ACCOUNT", account, "account number (object id for cost_center)")->required();
  mset->add_option("--department", department, "only for this department");
  mset->add_option("--from", from, "effective from (default: the day after the last voucher)");
  mset->add_option("--account-name", account_name, "name for an account new to the chart (without it, refused)");
  mset->callback([&] { rc = cmd_mapping_set(ctx, group, key, account, department, from, account_name); });
  auto* mpreset = mapping->add_subcommand("preset", "apply a country's preset: SE or NO");
  mpreset->add_option("COUNTRY", country, "SE or NO")->required();
  mpreset->callback([&] { rc = cmd_mapping_preset(ctx, country); });
  auto* mimport = mapping->add_subcommand(
      "import", "import a CSV with columns group,key,account[,department[,valid_from[,account_name]]]");
  mimport->add_option("FILE", file, "CSV file")->required();
  mimport->callback([&] { rc = cmd_mapping_import(ctx, file); });

  std::string out_path, mail_to;
  auto* exp = app.add_subcommand("export", "export the books");
  exp->require_subcommand(1);
  auto* esie = exp->add_subcommand("sie", "write a SIE 4 file for a period");
  esie->add_option("--from", from, "first day, YYYY-MM-DD")->required();
  esie->add_option("--to", to, "last day, YYYY-MM-DD")->required();
  esie->add_option("-o,--output", out_path, "file to write (default: a name with company and period)");
  esie->add_option("--mail-to", mail_to, "send the file to this address (Skicka SIE-fil)");
  esie->callback([&] { rc = cmd_export_sie(ctx, from, to, out_path, mail_to); });

  int days = 0;
  std::string end;
  auto* demo = app.add_subcommand("demo", "create a demo shop and close its days");
  demo->add_option("--country", country, "SE (default) or NO");
  demo->add_option("--days", days, "how many days (default 30, more to include the last DST change)");
  demo->add_option("--end", end, "last day (default: the last business day that has ended)");
  demo->callback([&] { cmd_demo(ctx, country, days, end); });

  add_sie_commands(app, ctx, rc);
  add_export_commands(app, ctx, rc);
  add_server_commands(app, ctx, rc);
  add_ledger_commands(app, ctx, rc);
  add_report_commands(app, ctx, rc);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version print and succeed; any other parse error is bad
    // usage, exit code 2 as the README promises.
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  } catch (const CommandFailed& e) {
    std::cerr << "dagbok: " << e.error.message() << "\n";
    return kExitError;
  }
  return rc;
}

}  // namespace dagbok::cli

int main(int argc, char** argv) { return dagbok::cli::run(argc, argv); }
