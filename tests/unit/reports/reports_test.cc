#include <gtest/gtest.h>

#include <fstream>
#include <pugixml.hpp>
#include <sstream>

#include "reports/key_figures.h"
#include "reports/monthly.h"
#include "reports/render.h"
#include "reports/statements.h"
#include "reports/svg_chart.h"
#include "reports/trial_balance.h"
#include "unit/reports/fixtures.h"

namespace dagbok::reports {
namespace {

using testing::kr;
using testing::no_books;
using testing::post;
using testing::se_books;

Money at(const Report& r, const std::string& key, const std::string& col) {
  const Cell c = r.cell(key, col);
  EXPECT_EQ(c.kind, Cell::Kind::kMoney) << key << " / " << col;
  return c.as_money();
}

TEST(TrialBalance, BalancedBooksNetToZero) {
  const auto b = se_books(false);
  const Report tb = *trial_balance(b, {});
  EXPECT_TRUE(tb.all_checks_ok());
  EXPECT_EQ(at(tb, "account:1930", "opening"), kr(50000));
  EXPECT_EQ(at(tb, "account:1930", "movement"), kr(27700));
  EXPECT_EQ(at(tb, "account:1930", "closing"), kr(77700));
  EXPECT_EQ(at(tb, "account:3001", "closing"), kr(-30000));
  EXPECT_EQ(at(tb, "total", "closing"), Money());
  EXPECT_TRUE(tb.notes.empty());
}

TEST(TrialBalance, OneMonthOpensWithTheBalanceAtItsStart) {
  const auto b = se_books(false);
  const Report tb = *trial_balance(b, {.month = 1});
  EXPECT_EQ(at(tb, "account:1930", "opening"), kr(57600));
  EXPECT_EQ(at(tb, "account:1930", "movement"), kr(20100));
  EXPECT_EQ(at(tb, "account:3001", "opening"), kr(-10000));
  EXPECT_EQ(tb.period, "2026-02-01 – 2026-02-28");
}

TEST(TrialBalance, UnbalancedBooksAreFlagged) {
  auto b = se_books(false);
  post(b, "3001", "", 0, {{2, -1000}});
  post(b, "1930", "", 0, {{2, 999}});
  const Report tb = *trial_balance(b, {});
  EXPECT_FALSE(tb.all_checks_ok());
  EXPECT_EQ(at(tb, "total", "movement"), kr(-1));
  ASSERT_EQ(tb.checks.size(), 3u);
  EXPECT_TRUE(tb.checks[0].ok);   // openings still balance
  EXPECT_FALSE(tb.checks[1].ok);  // movements do not
  EXPECT_EQ(tb.checks[1].difference, kr(-1));
  EXPECT_FALSE(tb.notes.empty());
  const Report bs = *balance_sheet(b, {});
  EXPECT_FALSE(bs.all_checks_ok());
  EXPECT_NE(render_text(tb).find("FEL"), std::string::npos);
}

TEST(IncomeStatement, SwedishGroupsAndSigns) {
  const auto b = se_books(false);
  const Report is = *income_statement(b, {});
  EXPECT_EQ(is.title, "Resultaträkning");
  EXPECT_EQ(at(is, "net_sales", "ytd"), kr(30000));
  EXPECT_EQ(at(is, "goods", "ytd"), kr(-8000));
  EXPECT_EQ(at(is, "other_external", "ytd"), kr(-6000));
  EXPECT_EQ(at(is, "personnel", "ytd"), kr(-4000));
  EXPECT_EQ(at(is, "depreciation", "ytd"), kr(-1000));
  EXPECT_EQ(at(is, "operating_result", "ytd"), kr(11000));
  EXPECT_EQ(at(is, "financial", "ytd"), kr(200));
  EXPECT_EQ(at(is, "result_after_financial", "ytd"), kr(11200));
  EXPECT_EQ(at(is, "tax", "ytd"), kr(-400));
  EXPECT_EQ(at(is, "year_result", "ytd"), kr(10800));
  EXPECT_EQ(at(is, "account:3001", "ytd"), kr(30000));
  EXPECT_EQ(is.find("year_result")->kind, RowKind::kTotal);
  EXPECT_EQ(is.find("other_operating_expenses"), nullptr);  // optional and empty
  EXPECT_EQ(is.columns.size(), 1u);
  EXPECT_EQ(is.notes.size(), 1u);  // no previous year
}

TEST(IncomeStatement, NorwegianGroups) {
  const auto b = no_books(false);
  const Report is = *income_statement(b, {});
  EXPECT_EQ(is.title, "Resultatregnskap");
  EXPECT_EQ(is.find("net_sales")->label, "Salgsinntekt");
  EXPECT_EQ(at(is, "net_sales", "ytd"), kr(30000));
  EXPECT_EQ(at(is, "goods", "ytd"), kr(-8000));
  EXPECT_EQ(at(is, "personnel", "ytd"), kr(-4000));
  EXPECT_EQ(at(is, "depreciation", "ytd"), kr(-1000));
  EXPECT_EQ(at(is, "other_external", "ytd"), kr(-6000));
  EXPECT_EQ(at(is, "operating_result", "ytd"), kr(11000));
  EXPECT_EQ(at(is, "financial", "ytd"), kr(200));
  EXPECT_EQ(at(is, "tax", "ytd"), kr(-400));
  EXPECT_EQ(at(is, "year_result", "ytd"), kr(10800));
  EXPECT_EQ(is.find("year_result")->label, "Årsresultat");
}

TEST(IncomeStatement, MonthWithYearToDateAndLastYear) {
  const auto b = se_books(true);
  const Report is = *income_statement(b, {.month = 1});
  ASSERT_EQ(is.columns.size(), 4u);
  EXPECT_EQ(is.columns[0].label, "2026-02");
  EXPECT_EQ(is.columns[1].label, "jan–feb 2026");
  EXPECT_EQ(is.columns[3].label, "jan–feb 2025");
  EXPECT_EQ(at(is, "net_sales", "month"), kr(20000));
  EXPECT_EQ(at(is, "net_sales", "ytd"), kr(30000));
  EXPECT_EQ(at(is, "net_sales", "ly_month"), kr(6000));
  EXPECT_EQ(at(is, "net_sales", "ly_ytd"), kr(14000));
  EXPECT_EQ(at(is, "year_result", "month"), kr(10400));
  EXPECT_EQ(at(is, "year_result", "ly_ytd"), kr(14000));
  EXPECT_TRUE(is.notes.empty());
}

TEST(IncomeStatement, ClosingEntryIsShownAfterTheResult) {
  auto b = se_books(false);
  post(b, "8999", "Årets resultat", 0, {{11, 10800}});
  post(b, "2099", "Årets resultat", 0, {{11, -10800}});
  testing::finish(b);
  const Report is = *income_statement(b, {});
  EXPECT_EQ(at(is, "year_result", "ytd"), kr(10800));
  EXPECT_EQ(at(is, "closing_entries", "ytd"), kr(-10800));
  EXPECT_EQ(at(is, "unbooked_result", "ytd"), Money());
  const Report bs = *balance_sheet(b, {});
  EXPECT_TRUE(bs.all_checks_ok());
  EXPECT_EQ(at(bs, "year_result", "closing"), Money());
  EXPECT_EQ(at(bs, "equity", "closing"), kr(60800));
}

TEST(BalanceSheet, AssetsEqualEquityLiabilitiesAndResult) {
  const auto b = se_books(true);
  const Report bs = *balance_sheet(b, {});
  EXPECT_TRUE(bs.all_checks_ok());
  EXPECT_EQ(at(bs, "tangible", "closing"), kr(-1000));
  EXPECT_EQ(at(bs, "cash_and_bank", "closing"), kr(77700));
  EXPECT_EQ(at(bs, "total_assets", "closing"), kr(76700));
  EXPECT_EQ(at(bs, "equity", "closing"), kr(50000));
  EXPECT_EQ(at(bs, "year_result", "closing"), kr(10800));
  EXPECT_EQ(at(bs, "total_equity", "closing"), kr(60800));
  EXPECT_EQ(at(bs, "current_liabilities", "closing"), kr(15900));
  EXPECT_EQ(at(bs, "total_equity_and_liabilities", "closing"), kr(76700));
  EXPECT_EQ(at(bs, "total_assets", "opening"), kr(50000));
  EXPECT_EQ(at(bs, "cash_and_bank", "ly_closing"), kr(64000));
  EXPECT_EQ(at(bs, "year_result", "ly_closing"), kr(14000));
  ASSERT_EQ(bs.checks.size(), 4u);
}

TEST(BalanceSheet, Norwegian) {
  const auto b = no_books(false);
  const Report bs = *balance_sheet(b, {.month = 0});
  EXPECT_EQ(bs.title, "Balanse");
  EXPECT_TRUE(bs.all_checks_ok());
  EXPECT_EQ(at(bs, "cash_and_bank", "closing"), kr(57600));
  EXPECT_EQ(at(bs, "current_liabilities", "closing"), kr(6700));
  EXPECT_EQ(at(bs, "year_result", "closing"), kr(400));
  EXPECT_EQ(at(bs, "total_eq" "uity_and_liabilities", "closing"), kr(57100));
}

TEST(KeyFigures, IntegerPercentages) {
  const auto b = se_books(true);
  const Report k = *key_figures(b, {});
  EXPECT_EQ(at(k, "net_sales", "ytd"), kr(30000));
  EXPECT_EQ(at(k, "gross_margin", "ytd"), kr(22000));
  EXPECT_EQ(k.cell("gross_margin_pct", "ytd"), Cell::percent(7333));  // 73,33 %
  EXPECT_EQ(at(k, "year_result", "ytd"), kr(10800));
  EXPECT_EQ(at(k, "cash_and_bank", "ytd"), kr(77700));
  EXPECT_EQ(k.cell("current_ratio", "ytd"), Cell::percent(48868));  // 77 700 / 15 900
  EXPECT_EQ(k.cell("gross_margin_pct", "ly_ytd"), Cell::percent(10000));
  EXPECT_TRUE(k.cell("current_ratio", "ly_ytd").is_empty());  // no short-term liabilities
  EXPECT_EQ(format_cell(Cell::percent(7333)), "73,33 %");
  EXPECT_EQ(*percent_hundredths(Money::from_minor(-1), Money::from_minor(3)), -3333);
  EXPECT_EQ(*percent_hundredths(Money::from_minor(2), Money::from_minor(3)), 6667);
}

TEST(Monthly, EachMonthWithLastYear) {
  const auto b = se_books(true);
  const MonthlySeries s = *monthly_series(b, {});
  ASSERT_EQ(s.months.size(), 12u);
  EXPECT_EQ(s.months[1].sales, kr(20000));
  EXPECT_EQ(s.months[1].result, kr(10400));
  EXPECT_EQ(s.months[1].ytd_sales, kr(30000));
  EXPECT_EQ(*s.months[1].ly_sales, kr(6000));
  EXPECT_EQ(*s.months[11].ly_ytd_sales, kr(14000));
  const Report r = *monthly_report(b, {.month = 2});
  EXPECT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(at(r, "month:2026-02", "ytd_result"), kr(10800));
  EXPECT_EQ(at(r, "month:2026-03", "ly_ytd_sales"), kr(14000));
}

ledger::YearBalances broken_year() {
  ledger::YearBalances b;
  b.company_name = "Nystartat AB";
  b.year = {Date::from_ymd(2025, 7, 1), Date::from_ymd(2026, 12, 31)};
  post(b, "1930", "Bank", 0, {{0, 1000}, {12, 500}, {17, 250}});
  post(b, "3001", "Försäljning", 0, {{0, -1000}, {12, -500}, {17, -250}});
  testing::finish(b);
  return b;
}

TEST(Periods, BrokenFirstYearOfEighteenMonths) {
  const auto b = broken_year();
  EXPECT_EQ(b.year.month_count(), 18);
  const Report is = *income_statement(b, {});
  EXPECT_EQ(at(is, "net_sales", "ytd"), kr(1750));
  EXPECT_EQ(is.columns[0].label, "jul 2025–dec 2026");
  const Result<int> ambiguous = resolve_month(b.year, "7");
  ASSERT_FALSE(ambiguous.ok());
  EXPECT_NE(ambiguous.error().message().find("2025-07 or 2026-07"), std::string::npos);
  EXPECT_EQ(*resolve_month(b.year, "2026-07"), 12);
  EXPECT_EQ(*resolve_month(b.year, "1"), 6);
  EXPECT_FALSE(resolve_month(b.year, "2027-01").ok());
  EXPECT_FALSE(resolve_month(b.year, "13").ok());
  const Report month = *income_statement(b, {.month = 12});
  EXPECT_EQ(at(month, "net_sales", "month"), kr(500));
  EXPECT_EQ(at(month, "net_sales", "ytd"), kr(1500));
  EXPECT_EQ(monthly_series(b, {})->months.size(), 18u);
}

TEST(Periods, YearAfterABrokenYearComparesTheSameCalendarMonths) {
  const auto prev = broken_year();
  ledger::YearBalances b;
  b.company_name = "Nystartat AB";
  b.year = {Date::from_ymd(2027, 1, 1), Date::from_ymd(2027, 12, 31)};
  b.previous_year = prev.year;
  b.previous_balances = prev.balances;
  post(b, "3001", "Försäljning", 0, {{6, -700}});
  post(b, "1930", "Bank", 0, {{6, 700}});
  testing::finish(b);
  const Report is = *income_statement(b, {.month = 6});  // July 2027
  EXPECT_EQ(at(is, "net_sales", "month"), kr(700));
  EXPECT_EQ(at(is, "net_sales", "ly_month"), kr(500));  // July 2026, index 12 of the previous year
  EXPECT_EQ(at(is, "net_sales", "ly_ytd"), kr(500));   // Jan–Jul 2026 only
}

TEST(Periods, BadInputIsRefusedWithTheAccount) {
  auto b = se_books(false);
  b.balances[3].months.pop_back();
  const Result<Report> r = income_statement(b, {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("account " + b.balances[3].account), std::string::npos);
  EXPECT_FALSE(income_statement(se_books(false), {.month = 12}).ok());
}

TEST(Svg, ParsesAsXmlWithBarsForBothYears) {
  auto b = se_books(true);
  b.company_name = "Kaffe & <Bröd> \"AB\"";
  const MonthlySeries s = *monthly_series(b, {});
  const std::string svg = render_svg_chart(s, Chart::kBoth);
  pugi::xml_document doc;
  const pugi::xml_parse_result ok = doc.load_string(svg.c_str());
  ASSERT_TRUE(ok) << ok.description();
  const pugi::xml_node root = doc.child("svg");
  EXPECT_STREQ(root.attribute("xmlns").value(), "http://www.w3.org/2000/svg");
  EXPECT_NE(std::string(root.child("title").text().get()).find("Kaffe & <Bröd>"), std::string::npos);
  int this_year = 0, last_year = 0;
  for (const pugi::xpath_node& n : doc.select_nodes("//rect[@class='this-year']/title")) {
    (void)n;
    ++this_year;
  }
  last_year = static_cast<int>(doc.select_nodes("//rect[@class='last-year']/title").size());
  EXPECT_EQ(this_year, 24);  // 12 months × 2 panels
  EXPECT_EQ(last_year, 24);
  // A negative result goes below the zero line.
  auto nb = se_books(false);
  post(nb, "5010", "", 0, {{3, 50000}});
  post(nb, "1930", "", 0, {{3, -50000}});
  const std::string neg = render_svg_chart(*monthly_series(nb, {}), Chart::kResult);
  pugi::xml_document d2;
  ASSERT_TRUE(d2.load_string(neg.c_str()));
  EXPECT_EQ(d2.select_nodes("//line[@class='zero']").size(), 1u);
  EXPECT_EQ(d2.select_nodes("//rect[@class='last-year']").size(), 0u);
}

TEST(Svg, SpeaksTheCompanysLanguageUnlessAskedForAnother) {
  const MonthlySeries s = *monthly_series(se_books(true), {});
  const std::string company = render_svg_chart(s, Chart::kSales);
  EXPECT_NE(company.find("Försäljning per månad"), std::string::npos);
  EXPECT_NE(company.find(">maj<"), std::string::npos);
  EXPECT_EQ(render_svg_chart(s, Chart::kSales, ChartLanguage::kSwedish), company);
  const std::string en = render_svg_chart(s, Chart::kBoth, ChartLanguage::kEnglish);
  for (const char* w : {"Sales by month", "Result by month", "Last year", ">May<", ">Oct<"})
    EXPECT_NE(en.find(w), std::string::npos) << w;
  EXPECT_EQ(en.find("månad"), std::string::npos);
  const std::string nb = render_svg_chart(s, Chart::kSales, ChartLanguage::kNorwegian);
  EXPECT_NE(nb.find("Salgsinntekt per måned"), std::string::npos);
  EXPECT_NE(nb.find(">des<"), std::string::npos);

  EXPECT_EQ(*parse_chart_language(""), ChartLanguage::kCompany);
  EXPECT_EQ(*parse_chart_language("en"), ChartLanguage::kEnglish);
  const Result<ChartLanguage> bad = parse_chart_language("de");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message().find("sv, nb or en"), std::string::npos);
}

// Golden outputs of one small case: compare, or write them with
// DAGBOK_UPDATE_GOLDEN=1.
void golden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(DAGBOK_SOURCE_DIR) + "/tests/unit/reports/golden/" + name;
  if (const char* u = std::getenv("DAGBOK_UPDATE_GOLDEN"); u && *u == '1') {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << path;
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), actual) << "golden " << name << " differs";
}

TEST(Golden, SmallCase) {
  const auto b = se_books(true);
  golden("income_se.txt", render_text(*income_statement(b, {.month = 1})));
  golden("balance_se.txt", render_text(*balance_sheet(b, {})));
  golden("trial_se.txt", render_text(*trial_balance(b, {})));
  golden("keyfigures_se.txt", render_text(*key_figures(b, {})));
  golden("income_no.txt", render_text(*income_statement(no_books(false), {})));
  golden("income_se.json", render_json(*income_statement(b, {.month = 1}, {StatementOptions::Detail::kGroupsOnly})));
  golden("keyfigures_se.json", render_json(*key_figures(b, {})));
  golden("income_se.csv", render_csv(*income_statement(b, {.month = 1})));
}

}  // namespace
}  // namespace dagbok::reports
