// The head every report shares (reports/internal/report_header.h) and the
// Norwegian words of the reports, as they were before they moved into the
// catalogue (text/words.h).
#include "reports/internal/report_header.h"

#include <gtest/gtest.h>

#include "reports/key_figures.h"
#include "reports/monthly.h"
#include "reports/render.h"
#include "reports/statements.h"
#include "reports/trial_balance.h"
#include "unit/reports/fixtures.h"

namespace dagbok::reports {
namespace {

using testing::no_books;
using testing::post;
using testing::se_books;

TEST(ReportHeader, NamesTheCompanyTheTitleAndThePeriod) {
  const auto b = no_books(false);
  const YearView v = *YearView::make(b, {.month = 1});
  const Report r = internal::report_header(v, "trial_balance", text::Word::kReportTrialBalance,
                                           internal::HeaderPeriod::kSelected);
  EXPECT_EQ(r.kind, "trial_balance");
  EXPECT_EQ(r.title, "Saldobalanse");
  EXPECT_EQ(r.company_name, b.company_name);
  EXPECT_EQ(r.orgnr, b.orgnr);
  EXPECT_EQ(r.country, Country::kNorway);
  EXPECT_EQ(r.period, "2026-02-01 – 2026-02-28");
  const Report ytd = internal::report_header(v, "monthly", text::Word::kReportMonthly,
                                             internal::HeaderPeriod::kYearToDate);
  EXPECT_EQ(ytd.title, "Måned for måned");
  EXPECT_EQ(ytd.period, "2026-01-01 – 2026-02-28");
  EXPECT_TRUE(r.rows.empty() && r.columns.empty() && r.notes.empty());
}

TEST(ReportHeader, EveryReportHasItsTitleInEachCountry) {
  for (const bool norway : {false, true}) {
    const auto b = norway ? no_books(false) : se_books(false);
    const struct {
      Report report;
      const char* kind;
      const char* se;
      const char* no;
    } cases[] = {
        {*trial_balance(b, {}), "trial_balance", "Råbalans", "Saldobalanse"},
        {*income_statement(b, {}), "income_statement", "Resultaträkning", "Resultatregnskap"},
        {*balance_sheet(b, {}), "balance_sheet", "Balansräkning", "Balanse"},
        {*monthly_report(b, {}), "monthly", "Månad för månad", "Måned for måned"},
        {*key_figures(b, {}), "key_figures", "Nyckeltal", "Nøkkeltall"},
    };
    for (const auto& c : cases) {
      EXPECT_EQ(c.report.kind, c.kind);
      EXPECT_EQ(c.report.title, norway ? c.no : c.se) << c.kind;
      EXPECT_EQ(c.report.company_name, b.company_name) << c.kind;
      EXPECT_EQ(c.report.orgnr, b.orgnr) << c.kind;
      EXPECT_EQ(c.report.country, b.country) << c.kind;
      EXPECT_FALSE(c.report.period.empty()) << c.kind;
    }
  }
}

TEST(ReportWords, NorwegianTrialBalanceThatDoesNotBalance) {
  auto b = no_books(false);
  post(b, "1920", "", 0, {{2, 1}});
  testing::finish(b);
  const Report tb = *trial_balance(b, {});
  ASSERT_EQ(tb.columns.size(), 3u);
  EXPECT_EQ(tb.columns[0].label, "Inngående");
  EXPECT_EQ(tb.columns[1].label, "Bevegelse");
  EXPECT_EQ(tb.columns[2].label, "Utgående");
  ASSERT_EQ(tb.notes.size(), 2u);
  EXPECT_EQ(tb.notes[0],
            "summen av periodens bevegelser er 1,00, ikke 0,00: regnskapet balanserer ikke (et bilag eller en "
            "inngående saldo i kilden er ikke i balanse; se importloggen)");
  const std::string text = render_text(tb);
  EXPECT_NE(text.find("\nPeriode 2026-01-01 – 2026-12-31\n"), std::string::npos);
  EXPECT_NE(text.find("\nFEIL Kontroll: summen av periodens bevegelser = 1,00\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nOK  Kontroll: summen av inngående saldoer = 0,00\n"), std::string::npos) << text;
  EXPECT_EQ(render_csv(tb).substr(0, 28), "\xEF\xBB\xBFType;Nøkkel;Konto;Tekst;");
}

TEST(ReportWords, NorwegianKeyFiguresAndMonths) {
  const auto b = no_books(true);
  const Report kf = *key_figures(b, {.month = 1});
  ASSERT_EQ(kf.columns.size(), 2u);
  EXPECT_EQ(kf.columns[0].label, "jan–feb 2026");
  const char* const labels[][2] = {{"net_sales", "Salgsinntekt"},
                                   {"goods", "Varekostnad"},
                                   {"gross_margin", "Bruttofortjeneste"},
                                   {"gross_margin_pct", "Bruttomargin"},
                                   {"year_result", "Resultat"},
                                   {"cash_and_bank", "Bankinnskudd og kontanter"},
                                   {"current_assets", "Omløpsmidler"},
                                   {"current_liabilities", "Kortsiktig gjeld"},
                                   {"current_ratio", "Likviditetsgrad 1"}};
  for (const auto& [key, label] : labels) {
    ASSERT_NE(kf.find(key), nullptr) << key;
    EXPECT_EQ(kf.find(key)->label, label);
  }
  const Report m = *monthly_report(b, {});
  ASSERT_EQ(m.columns.size(), 8u);
  EXPECT_EQ(m.columns[2].label, "Salgsinntekt hittil i år");
  EXPECT_EQ(m.columns[7].label, "Resultat hittil i år i fjor");
  EXPECT_EQ(m.rows[4].label, "mai 2026");
  EXPECT_EQ(m.rows[11].label, "des 2026");
  const Report bs = *balance_sheet(b, {});
  EXPECT_EQ(bs.columns[0].label, "Inngående 2026-01-01");
  EXPECT_EQ(bs.columns[1].label, "Endring");
  EXPECT_EQ(bs.columns[2].label, "Utgående 2026-12-31");
}

TEST(ReportWords, SwedishMonthlyColumnsAndNotes) {
  const Report m = *monthly_report(se_books(false), {});
  ASSERT_EQ(m.columns.size(), 4u);
  EXPECT_EQ(m.columns[3].label, "Resultat hittills i år");
  ASSERT_EQ(m.notes.size(), 1u);
  EXPECT_EQ(m.notes[0], "Inga siffror för föregående räkenskapsår");
  EXPECT_EQ(m.rows[4].label, "maj 2026");
}

}  // namespace
}  // namespace dagbok::reports
