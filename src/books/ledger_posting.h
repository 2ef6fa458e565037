// Ledger posting: how one of dagbok's own vouchers lands in the company's
// ledger (src/ledger, doc/ledger.md) while the ledger's source is dagbok.
// The rule in one place, as plain C++; the store writes what it returns in
// the transaction that books the voucher (the day close, a blocked voucher
// booked, a correction), so a voucher and its ledger rows are one commit,
// and the ledger's re-sync (LedgerStore::sync_own_vouchers) runs it too.
//
// The rule:
//   - The voucher goes into the company's own (not imported) active fiscal
//     year that holds its date, as a ledger voucher with the same series,
//     number, date and text, one #TRANS row per line.
//   - Dated in no fiscal year, it opens one first: a year after the latest
//     year's pattern (the day after its last day gives month and day), or a
//     calendar year when the ledger has none, unless that year would overlap
//     a year the ledger has.
//   - Dated in a year whose books were imported it stays out: one source per
//     fiscal year.
//   - A line's cost center is SIE dimension 1: objects `1 "<object>"`.
//   - Each account's movement is added to its calendar month (YYYYMM).
//
//   LedgerPosting p = post_voucher(voucher, active_years);
//   if (p.open_year) … open it; if (p.lands()) … write p.rows and p.month_totals.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "books/voucher.h"
#include "core/date.h"
#include "core/money.h"

namespace dagbok {

// An active (not superseded) fiscal year of a company's ledger.
struct LedgerYearSpan {
  int64_t id = 0;
  Date first_day;
  Date last_day;
  bool imported = false;  // its books came from a SIE file
};

// One #TRANS row of a posted voucher.
struct PostedRow {
  int line_no = 0;  // 1, 2, … in the voucher's line order
  std::string account;
  Money amount;
  std::string text;
  std::string objects;  // SIE object list, "" for none
};

// An account's movement in one calendar month, to add to the month totals.
struct PostedMonthTotal {
  std::string account;
  int month = 0;  // YYYYMM
  Money amount;
  int64_t rows = 0;
};

struct LedgerPosting {
  // Where the voucher lands.
  enum class Target {
    kNowhere,       // dated in an imported year (or no year could be opened)
    kExistingYear,  // year_id
    kOpenedYear,    // the year in open_year
  };
  Target target = Target::kNowhere;
  int64_t year_id = 0;
  struct Span {
    Date first_day, last_day;
  };
  std::optional<Span> open_year;  // a new own fiscal year to open first

  // The ledger voucher (number as text, as SIE has it) and its rows.
  std::string series, number, text;
  Date date;
  std::vector<PostedRow> rows;
  std::vector<PostedMonthTotal> month_totals;  // by account

  bool lands() const { return target != Target::kNowhere; }
};

// REQUIRES: `active_years` are the company's active fiscal years (any order).
LedgerPosting post_voucher(const Voucher& v, const std::vector<LedgerYearSpan>& active_years);

// The fiscal year a voucher dated `day` opens when it falls in no year:
// after the pattern of `latest` (the active year with the latest last day),
// or the calendar year.
LedgerPosting::Span infer_fiscal_year(Date day, const std::optional<LedgerYearSpan>& latest);

// A voucher line's cost center as a SIE object list: `1 "<cc>"`, "" for none.
std::string cost_center_objects(const std::string& cost_center);

// The month key of the totals: 202503 for any day in March 2025.
int ledger_month(Date d);

}  // namespace dagbok
