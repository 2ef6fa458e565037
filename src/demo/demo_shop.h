// The demo shop: a café and a shop (two departments, three registers) with
// a realistic mix of sales, run through the real pipeline day by day: receipts
// as JSON Lines through intake, then a day close with a counted drawer.
//
// It has mixed VAT (served/takeaway, books, gifts), card, cash (rounded),
// Swish or Vipps, gift cards sold and redeemed, tips, refunds of earlier
// days' sales, late bar nights past midnight, a receipt that arrives after
// its day was closed, small cash differences, and a DST change inside the
// period. The same seed gives the same books.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace dagbok {

struct DemoOptions {
  Country country = Country::kSweden;
  int days = 0;               // 0: 30, widened to take in the last DST change
  std::optional<Date> end;    // default: the last business day that has ended
  uint64_t seed = 20261120;
};

struct DemoResult {
  Company company;
  Date from;
  Date to;
  int64_t receipts = 0;
  int64_t z_reports = 0;
  int64_t vouchers = 0;
  std::optional<Date> dst_day;  // the 23- or 25-hour business day in the period
};

// Called after each closed day with (days done, days in all).
using DemoProgress = std::function<void(int, int)>;

Result<DemoResult> run_demo(Store& store, const DemoOptions& options, const Clock& clock,
                            const DemoProgress& progress = nullptr);

}  // namespace dagbok
