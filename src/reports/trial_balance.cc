#include "reports/trial_balance.h"

#include "reports/internal/account_table.h"

namespace dagbok::reports {

Result<Report> trial_balance(const ledger::YearBalances& b, const PeriodSelection& sel) {
  ASSIGN_OR_RETURN(const YearView v, YearView::make(b, sel));
  const bool no = b.country == Country::kNorway;
  Report r;
  r.kind = "trial_balance";
  r.title = no ? "Saldobalanse" : "Råbalans";
  r.company_name = b.company_name;
  r.orgnr = b.orgnr;
  r.country = b.country;
  r.period = v.period_text();
  r.columns = {{"opening", no ? "Inngående" : "Ingående"},
               {"movement", no ? "Bevegelse" : "Förändring"},
               {"closing", no ? "Utgående" : "Utgående"}};
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
  r.rows.push_back({RowKind::kTotal, "total", "", no ? "Sum" : "Summa",
                    {Cell::money(total_open), Cell::money(total_move), Cell::money(total_close)}});
  auto check = [&](const char* key, const std::string& label, Money diff) {
    r.checks.push_back({key, label, diff.is_zero(), diff});
    if (!diff.is_zero())
      r.notes.push_back(std::string(label) + (no ? " er " : " är ") + diff.to_display() +
                        (no ? ", ikke 0,00: regnskapet balanserer ikke (et bilag eller en inngående saldo i kilden "
                              "er ikke i balanse; se importloggen)"
                            : ", inte 0,00: bokföringen balanserar inte (en verifikation eller ingående balans i "
                              "källan är obalanserad; se importloggen)"));
  };
  check("opening_zero", no ? "summen av inngående saldoer" : "summan av ingående balanser", total_open);
  check("movement_zero", no ? "summen av periodens bevegelser" : "summan av periodens förändringar", total_move);
  check("closing_zero", no ? "summen av utgående saldoer" : "summan av utgående balanser", total_close);
  return r;
}

}  // namespace dagbok::reports
