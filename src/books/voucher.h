// Voucher: one balanced accounting entry (verifikation / bilag).
//
// Amounts are signed: debit positive, credit negative, as in SIE. The lines
// of a voucher add up to zero, to the öre; the store refuses any other.
#pragma once

#include <string>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "core/result.h"

namespace dagbok {

struct VoucherLine {
  std::string account;
  Money amount;             // debit > 0, credit < 0
  std::string cost_center;  // SIE dimension 1 object, or ""
  std::string text;
};

struct Voucher {
  int64_t id = 0;
  std::string series = "Z";
  int64_t number = 0;
  Date date;
  std::string text;
  Instant created_at;
  int64_t z_report_id = 0;  // the Z-report it books, 0 if none
  // A correction never edits a voucher: it books a reversal of it and a
  // corrected voucher, both pointing at the voucher they correct.
  enum class Kind { kDay, kReversal, kCorrection };
  Kind kind = Kind::kDay;
  int64_t corrects_voucher_id = 0;
  std::vector<VoucherLine> lines;

  Money debit_total() const;
  Money credit_total() const;  // as a positive amount
  // OK iff there is at least one line and the lines sum to zero.
  Status check_balanced() const;
  // The same lines with opposite signs.
  Voucher reversed() const;
};

std::string voucher_kind_name(Voucher::Kind k);

// True when two vouchers book the same amounts on the same accounts and
// cost centers (line order and texts aside).
bool same_bookings(const Voucher& a, const Voucher& b);

}  // namespace dagbok
