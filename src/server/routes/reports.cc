#include "server/routes/reports.h"

#include <httplib.h>

#include "ledger/year_balances.h"
#include "reports/key_figures.h"
#include "reports/monthly.h"
#include "reports/render.h"
#include "reports/statements.h"
#include "reports/svg_chart.h"
#include "reports/trial_balance.h"

namespace dagbok::server::routes {

using auth::Action;
using nlohmann::json;

namespace {

// ?year=2025: the fiscal year that starts in that year; absent: the latest.
Result<std::optional<int>> query_year(const httplib::Request& req) {
  if (!req.has_param("year") || req.get_param_value("year").empty()) return std::optional<int>();
  const std::string v = req.get_param_value("year");
  int year = 0;
  size_t used = 0;
  try {
    year = std::stoi(v, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != v.size() || year < 1900 || year > 2999)
    return invalid_argument("query parameter 'year' must be the year a fiscal year starts in, like 2025 (not '" + v +
                            "')");
  return std::optional<int>(year);
}

enum class ReportKind { kIncomeStatement, kBalanceSheet, kTrialBalance, kMonthly, kKeyFigures };

struct LoadedYear {
  ledger::YearBalances balances;
  reports::PeriodSelection selection;
};

// The fiscal year of ?year= (default: the latest), and ?month= within it.
Result<LoadedYear> load_year(Call& call) {
  ASSIGN_OR_RETURN(std::optional<int> year, query_year(call.req));
  ASSIGN_OR_RETURN(std::unique_ptr<LedgerStore> ledger, open_ledger(call));
  LoadedYear y;
  ASSIGN_OR_RETURN(y.balances, ledger::load_year_balances(call.store, *ledger, *call.company, year));
  if (call.req.has_param("month") && !call.req.get_param_value("month").empty()) {
    Result<int> m = reports::resolve_month(y.balances.year, call.req.get_param_value("month"));
    if (!m.ok()) return m.error().with_context("query parameter 'month'");
    y.selection.month = *m;
  }
  return y;
}

Result<Reply> report_reply(Call& call, ReportKind kind) {
  ASSIGN_OR_RETURN(LoadedYear y, load_year(call));
  reports::StatementOptions options_detail;
  if (call.req.has_param("summary") && call.req.get_param_value("summary") != "0")
    options_detail.detail = reports::StatementOptions::Detail::kGroupsOnly;
  reports::Report r;
  switch (kind) {
    case ReportKind::kIncomeStatement: {
      ASSIGN_OR_RETURN(r, reports::income_statement(y.balances, y.selection, options_detail));
      break;
    }
    case ReportKind::kBalanceSheet: {
      ASSIGN_OR_RETURN(r, reports::balance_sheet(y.balances, y.selection, options_detail));
      break;
    }
    case ReportKind::kTrialBalance: {
      ASSIGN_OR_RETURN(r, reports::trial_balance(y.balances, y.selection));
      break;
    }
    case ReportKind::kMonthly: {
      ASSIGN_OR_RETURN(r, reports::monthly_report(y.balances, y.selection));
      break;
    }
    case ReportKind::kKeyFigures: {
      ASSIGN_OR_RETURN(r, reports::key_figures(y.balances, y.selection));
      break;
    }
  }
  Reply reply;
  reply.bytes = reports::render_json(r);
  reply.content_type = "application/json; charset=utf-8";
  return reply;
}
}  // namespace

Result<Reply> income_statement(Call& call) { return report_reply(call, ReportKind::kIncomeStatement); }
Result<Reply> balance_sheet(Call& call) { return report_reply(call, ReportKind::kBalanceSheet); }
Result<Reply> trial_balance(Call& call) { return report_reply(call, ReportKind::kTrialBalance); }
Result<Reply> monthly(Call& call) { return report_reply(call, ReportKind::kMonthly); }
Result<Reply> key_figures(Call& call) { return report_reply(call, ReportKind::kKeyFigures); }

Result<Reply> chart(Call& call) {
  const std::string kind = call.req.has_param("kind") ? call.req.get_param_value("kind") : "both";
  reports::Chart c = reports::Chart::kBoth;
  if (kind == "sales")
    c = reports::Chart::kSales;
  else if (kind == "result")
    c = reports::Chart::kResult;
  else if (kind != "both")
    return invalid_argument("query parameter 'kind' must be sales, result or both (not '" + kind + "')");
  ASSIGN_OR_RETURN(reports::ChartLanguage language,
                   reports::parse_chart_language(call.req.has_param("lang") ? call.req.get_param_value("lang") : ""));
  ASSIGN_OR_RETURN(LoadedYear y, load_year(call));
  ASSIGN_OR_RETURN(reports::MonthlySeries series, reports::monthly_series(y.balances, y.selection));
  Reply r;
  r.bytes = reports::render_svg_chart(series, c, language);
  r.content_type = "image/svg+xml; charset=utf-8";
  return r;
}

}  // namespace dagbok::server::routes
