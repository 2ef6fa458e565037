// The voucher of a Z-report: how a closed register-day is booked.
//
//   debit   each payment method at its total (tips, refunds included);
//           gift card redemptions on the gift card liability
//   credit  sales net of VAT per product group and rate (or per rate)
//   credit  output VAT per rate, as on the Z-report
//   credit  tips (liability to staff), gift cards sold (liability, no VAT)
//   ±       cash rounding on its account (credit when the customer paid more)
//   pair    cash over/short: cash account against the difference account
//   pair    stock change: cost of goods against inventory, when costs are known
//
// The cost center of the department, if mapped, goes on the income-statement
// lines (sales, rounding, cash difference, stock change) as SIE dimension 1.
// A mapping gap blocks the voucher with a FailedPrecondition error listing
// every missing account; nothing is booked to a guessed account.
#pragma once

#include "books/mapping.h"
#include "books/voucher.h"
#include "core/result.h"
#include "core/vat.h"
#include "pos/z_report.h"

namespace dagbok {

enum class SalesBookedBy { kProductGroup, kVatRate };

struct DayVoucherOptions {
  Country country = Country::kSweden;
  SalesBookedBy sales_by = SalesBookedBy::kProductGroup;
};

Result<Voucher> build_day_voucher(const ZReport& z, const Mapping& mapping, const DayVoucherOptions& options);

// Every mapping gap of a Z-report, as sentences ("payment method 'Vipps' has
// no account"). Empty when the voucher can be built.
std::vector<std::string> mapping_gaps(const ZReport& z, const Mapping& mapping, const DayVoucherOptions& options);

}  // namespace dagbok
