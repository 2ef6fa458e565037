// Report: what every financial report of dagbok comes out as — a titled
// table of rows (headings, accounts, groups, subtotals, totals) and columns
// (this month, year to date, the same period last year, …), plus the checks
// the figures must pass. The reports (trial_balance.h, statements.h,
// monthly.h, key_figures.h) build one from ledger::YearBalances; render.h
// turns it into a terminal table, JSON or CSV, so every report has every
// format and they can never disagree.
//
//   Report r = *income_statement(balances, PeriodSelection{});
//   std::cout << render_text(r);
//
// Cells hold exact integers: money in öre, percentages in hundredths of a
// percent (basis points of one: 4523 = 45,23 %). Nothing here is a double.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/money.h"
#include "core/vat.h"

namespace dagbok::reports {

struct Cell {
  enum class Kind { kEmpty, kMoney, kPercent };
  Kind kind = Kind::kEmpty;
  int64_t value = 0;  // öre, or hundredths of a percent

  static Cell money(Money m) { return {Kind::kMoney, m.minor()}; }
  static Cell percent(int64_t hundredths) { return {Kind::kPercent, hundredths}; }
  static Cell empty() { return {}; }
  bool is_empty() const { return kind == Kind::kEmpty; }
  Money as_money() const { return Money::from_minor(value); }
  bool operator==(const Cell&) const = default;
};

enum class RowKind {
  kHeading,   // a label only ("Rörelsens intäkter")
  kAccount,   // one account of the chart
  kGroup,     // the sum of a group of accounts ("Nettoomsättning")
  kSubtotal,  // a running or block sum ("Rörelseresultat")
  kTotal,     // a bottom line ("Årets resultat", "Summa tillgångar")
  kFigure,    // a key figure (a line of its own)
};

struct Row {
  RowKind kind = RowKind::kGroup;
  std::string key;      // stable, for JSON and tests: "net_sales", "account:3001"
  std::string account;  // the account number for kAccount rows
  std::string label;    // shown text, in the company's language
  std::vector<Cell> cells;  // one per column
};

struct Column {
  std::string key;    // "month", "ytd", "ly_month", "ly_ytd", "opening", …
  std::string label;  // "2026-03", "Jan–mar 2026", "IB", …
};

// A condition the figures must meet (a trial balance that nets to zero,
// assets = equity + liabilities + result). `difference` is zero when it holds.
struct Check {
  std::string key;
  std::string label;
  bool ok = true;
  Money difference;
};

struct Report {
  std::string kind;   // "trial_balance", "income_statement", "balance_sheet", "monthly", "key_figures"
  std::string title;  // "Resultaträkning"
  std::string company_name;
  std::string orgnr;
  Country country = Country::kSweden;
  std::string period;  // "2026-01-01 – 2026-03-31"
  std::vector<Column> columns;
  std::vector<Row> rows;
  std::vector<Check> checks;
  std::vector<std::string> notes;  // e.g. "no figures for the previous year"

  // The row with this key, or nullptr.
  const Row* find(const std::string& key) const;
  // The cell of row `key` in column `column_key`; an empty cell if either is missing.
  Cell cell(const std::string& key, const std::string& column_key) const;
  bool all_checks_ok() const;
};

}  // namespace dagbok::reports
