// dagbok report income|balance|trial|keyfigures|monthly|chart
//   [--year Y] [--month M] [--format text|json|csv|svg] [--summary]
//   [--chart sales|result|both] [--sie FILE [--country SE|NO]]
//
// The reports are pure functions of ledger::YearBalances (src/reports). The
// balances come from the ledger (`dagbok ledger import`) of the company
// (--company), or, with --sie, straight from a SIE 4 file.
#include <algorithm>
#include <iostream>
#include <map>

#include "cli/commands.h"
#include "formats/sie/sie_reader.h"
#include "ledger/year_balances.h"
#include "reports/key_figures.h"
#include "reports/monthly.h"
#include "reports/render.h"
#include "reports/sie_balances.h"
#include "reports/statements.h"
#include "reports/svg_chart.h"
#include "reports/trial_balance.h"

namespace dagbok::cli {
namespace {

struct ReportArgs {
  std::string kind;
  std::optional<int> year;
  std::string month;
  std::string format = "text";
  bool summary = false;
  std::string chart = "both";
  std::string sie;
  std::string country;
};

ledger::YearBalances from_sie(const ReportArgs& args) {
  const sie::ReadResult read = must(sie::read_sie_file(args.sie));
  if (read.errors > 0)
    throw CommandFailed{invalid_argument(args.sie + ": " + std::to_string(read.errors) +
                                         " error(s); `dagbok sie check " + args.sie + "` lists them")};
  const Country country = args.country.empty() ? Country::kSweden : must(parse_country(args.country));
  Result<ledger::YearBalances> loaded = reports::balances_from_sie(read.document, args.year, country);
  if (!loaded.ok()) throw CommandFailed{std::move(loaded).error().with_context(args.sie)};
  return std::move(loaded).value();
}

int cmd_report(Context& ctx, const ReportArgs& args) {
  ledger::YearBalances b;
  if (!args.sie.empty()) {
    b = from_sie(args);
  } else {
    const Company company = ctx.company();
    std::unique_ptr<LedgerStore> store = must(open_ledger_store(ctx.db_path()));
    b = must(ledger::load_year_balances(ctx.store(), *store, company, args.year));
  }
  reports::PeriodSelection sel;
  if (!args.month.empty()) sel.month = must(reports::resolve_month(b.year, args.month));
  if (args.kind == "chart") {
    if (args.format != "svg" && args.format != "text")
      throw CommandFailed{invalid_argument("report chart is SVG: --format svg")};
    const reports::Chart c = args.chart == "sales"    ? reports::Chart::kSales
                             : args.chart == "result" ? reports::Chart::kResult
                                                      : reports::Chart::kBoth;
    std::cout << reports::render_svg_chart(must(reports::monthly_series(b, sel)), c);
    return 0;
  }
  reports::StatementOptions options;
  if (args.summary) options.detail = reports::StatementOptions::Detail::kGroupsOnly;
  reports::Report r;
  if (args.kind == "income") r = must(reports::income_statement(b, sel, options));
  else if (args.kind == "balance") r = must(reports::balance_sheet(b, sel, options));
  else if (args.kind == "trial") r = must(reports::trial_balance(b, sel));
  else if (args.kind == "keyfigures") r = must(reports::key_figures(b, sel));
  else r = must(reports::monthly_report(b, sel));
  if (args.format == "json") std::cout << reports::render_json(r);
  else if (args.format == "csv") std::cout << reports::render_csv(r);
  else if (args.format == "text") std::cout << reports::render_text(r);
  else throw CommandFailed{invalid_argument("--format svg is for `dagbok report chart`")};
  return r.all_checks_ok() ? 0 : kExitError;
}

}  // namespace

void add_report_commands(CLI::App& app, Context& ctx, int& rc) {
  auto* report = app.add_subcommand("report", "financial reports: income statement, balance sheet, trial balance, "
                                              "key figures, month by month, SVG charts");
  report->require_subcommand(1);
  const std::vector<std::pair<std::string, std::string>> kinds = {
      {"income", "income statement (resultaträkning / resultatregnskap)"},
      {"balance", "balance sheet (balansräkning / balanse); exit 1 if it does not balance"},
      {"trial", "trial balance (råbalans / saldobalanse); exit 1 if it does not net to zero"},
      {"keyfigures", "net sales, gross margin, result, cash and bank, current ratio"},
      {"monthly", "each month: sales and result, year to date, last year"},
      {"chart", "SVG chart of sales and result by month, this year and last"}};
  for (const auto& [name, help] : kinds) {
    auto args = std::make_shared<ReportArgs>();
    args->kind = name;
    auto* sub = report->add_subcommand(name, help);
    sub->add_option("--year", args->year, "the fiscal year by its start year (default: the latest)");
    sub->add_option("--month", args->month, "one month: 3 or 2026-03 (with the year to date through it)");
    sub->add_option("--format", args->format, "text, json or csv (chart: svg)")
        ->check(CLI::IsMember({"text", "json", "csv", "svg"}));
    sub->add_flag("--summary", args->summary, "groups only, no accounts");
    sub->add_option("--chart", args->chart, "sales, result or both (report chart)")
        ->check(CLI::IsMember({"sales", "result", "both"}));
    sub->add_option("--sie", args->sie, "read the books from this SIE 4 file instead of the ledger");
    sub->add_option("--country", args->country, "SE (BAS) or NO (NS 4102) grouping for --sie (default SE)");
    sub->callback([args, &ctx, &rc] { rc = cmd_report(ctx, *args); });
  }
}

}  // namespace dagbok::cli
