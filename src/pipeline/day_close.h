// Day close: a business day's receipts become Z-reports and vouchers.
//
// One Z-report per register (all registers, or one department's), numbered
// without gaps, written in one transaction with the vouchers they make and
// the receipts they book. A register with no sales gets a zero report. A day
// must have ended before it can be closed, and a closed day stays closed:
// receipts that come later are booked on the register's next close.
//
// A mapping gap does not stop the close: the Z-report is the till's legal
// record and is written; its voucher is held back ("blocked") with the reason,
// and booked by book_blocked_vouchers() once the kontoplan is complete.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace dagbok {

struct CloseRequest {
  Date day;
  std::optional<std::string> department;
  std::map<std::string, Money> cash_counted;   // register → counted
  std::map<std::string, Money> opening_float;  // register → float
};

struct ClosedReport {
  ZReportRecord record;
  std::optional<int64_t> voucher_number;
};

struct CloseOutcome {
  std::vector<ClosedReport> reports;
  std::vector<std::string> blocked;  // one sentence per blocked voucher
};

Result<CloseOutcome> close_day(Store& store, const Company& company, const CloseRequest& request, const Clock& clock);

struct BookOutcome {
  int64_t booked = 0;
  std::vector<std::string> still_blocked;
};

// Retries every blocked voucher with the kontoplan as it is now.
Result<BookOutcome> book_blocked_vouchers(Store& store, const Company& company, const Clock& clock);

struct Correction {
  std::string register_id;
  int64_t z_number = 0;
  Voucher original;   // the voucher that stood until now
  Voucher reversal;   // books `original` back
  Voucher corrected;  // the day as the kontoplan books it now
};

// Re-books a closed day whose vouchers no longer match the kontoplan (an
// account was wrong and has been fixed, effective from that day). Nothing
// booked is edited: each changed voucher gets a reversal and a corrected
// voucher, dated the day of the correction, linked to it and queued for every
// destination that covers the day. Vouchers that still match are left alone.
Result<std::vector<Correction>> correct_day(Store& store, const Company& company, Date day,
                                            const std::optional<std::string>& register_code, const Clock& clock);

}  // namespace dagbok
