#include "reports/trial_balance.h"

#include "reports/internal/account_table.h"
#include "reports/internal/report_header.h"

namespace dagbok::reports {

Result<Report> trial_balance(const ledger::YearBalances& b, const PeriodSelection& sel) {
  ASSIGN_OR_RETURN(const YearView v, YearView::make(b, sel));
  using text::Word;
  auto w = [&b](Word key) { return internal::word_for(b.country, key); };
  Report r = internal::report_header(v, "trial_balance", Word::kReportTrialBalance, internal::HeaderPeriod::kSelected);
  r.columns = {{"opening", w(Word::kReportOpening)},
               {"movement", w(Word::kReportMovement)},
               {"closing", w(Word::kReportClosing)}};
  const int first = v.single_month() ? v.through() : 0;
  Money total_open, total_move, total_close;
  for (const internal::AccountEntry& e : internal::account_table(b)) {
    if (!e.current) continue;
    const ledger::AccountBalance& a = *e.current;
    Money open = a.opening;
    for (int i = 0; i < first; ++i) open += YearView::month(a, i);
    Money move;
    for (int i = first; i <= v.through(); ++i) move += YearView::month(a, i);
    if (open.is_zero() && move.is_zero() && a.opening.is_zero()) {
      bool any = false;
      for (const Money& m : a.months) any = any || !m.is_zero();
      if (!any) continue;  // an account with no figure at all this year
    }
    total_open += open;
    total_move += move;
    total_close += open + move;
    r.rows.push_back({RowKind::kAccount, "account:" + e.number, e.number, e.name,
                      {Cell::money(open), Cell::money(move), Cell::money(open + move)}});
  }
  r.rows.push_back({RowKind::kTotal, "total", "", w(Word::kTotal),
                    {Cell::money(total_open), Cell::money(total_move), Cell::money(total_close)}});
  auto check = [&](const char* key, Word label_key, Money diff) {
    const std::string label = w(label_key);
    r.checks.push_back({key, label, diff.is_zero(), diff});
    if (!diff.is_zero()) r.notes.push_back(text::fill(w(Word::kReportNotZero), {label, diff.to_display()}));
  };
  check("opening_zero", Word::kReportOpeningSum, total_open);
  check("movement_zero", Word::kReportMovementSum, total_move);
  check("closing_zero", Word::kReportClosingSum, total_close);
  return r;
}

}  // namespace dagbok::reports
