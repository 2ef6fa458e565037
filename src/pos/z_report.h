// ZReport: the closing report of one register for one business day
// (Z-dagrapport, SKVFS 2014:9 7 kap. 3 §; Z-rapport, kassasystemforskrifta
// § 2-8-3). Numbered without gaps per register, immutable once written.
//
// Its totals are the sums of the receipts it covers, and they satisfy the
// day identity (research/pos-bookkeeping-domain.md §2):
//
//   Σ payments = Σ sales incl. VAT + Σ tips + Σ gift cards sold + Σ rounding
//
// VAT is computed per receipt and rate, then summed (doc/vat.md), so the
// Z-report's VAT equals the sum of the receipts' VAT.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/date.h"
#include "core/money.h"
#include "core/result.h"
#include "core/vat.h"
#include "pos/receipt.h"

namespace dagbok {

struct ZGroupTotal {
  std::string product_group;
  VatRate rate;
  Quantity quantity;
  Money gross;
  Money vat;  // the group's share of its rate's VAT (see compute_z_report)
  Money net() const { return gross - vat; }
};

struct ZVatTotal {
  VatRate rate;
  Money gross;
  Money vat;
  Money net() const { return gross - vat; }
};

struct ZPaymentTotal {
  std::string method;
  int64_t count = 0;
  Money amount;
};

struct ZLateReceipt {
  std::string id;
  Date original_date;
};

struct ZGrandTotals {
  Money sales;    // accumulated sales, returns not deducted; never resets
  Money returns;  // accumulated returns, as a positive amount
  Money net() const { return sales - returns; }
};

struct ZReport {
  std::string company_name;
  std::string orgnr;
  std::string register_id;
  std::string department;
  int64_t number = 0;
  Date business_date;
  Instant produced_at;

  int64_t receipt_count = 0;
  Quantity goods_quantity;
  Money sales_total;  // sales incl. VAT, returns deducted, gift cards sold excluded
  Money gross_sales;  // sales before returns
  int64_t return_count = 0;
  Money returns_amount;  // positive
  int64_t discount_count = 0;
  Money discount_amount;
  int64_t tip_count = 0;
  Money tip_amount;
  int64_t gift_cards_sold_count = 0;
  Money gift_cards_sold_amount;
  int64_t gift_cards_redeemed_count = 0;
  Money gift_cards_redeemed_amount;
  Money rounding;
  Money payments_total;

  std::vector<ZGroupTotal> groups;
  std::vector<ZVatTotal> vat;
  std::vector<ZPaymentTotal> payments;

  Money opening_float;
  Money cash_expected;
  std::optional<Money> cash_counted;
  std::optional<Money> cash_difference() const {
    if (!cash_counted) return std::nullopt;
    return *cash_counted - cash_expected;
  }

  Money cost_of_goods;  // cost of goods sold less returned, for the stock pair
  int64_t lines_without_cost = 0;

  ZGrandTotals grand_totals;
  std::vector<ZLateReceipt> late_receipts;
  std::vector<std::string> receipt_ids;

  Money vat_total() const;
};

struct ZReportInput {
  std::string company_name;
  std::string orgnr;
  std::string register_id;
  std::string department;
  int64_t number = 0;
  Date business_date;
  Instant produced_at;
  ZGrandTotals previous_grand_totals;
  Money opening_float;
  std::optional<Money> cash_counted;
};

// Builds the report from the receipts it covers. `late_receipts` are the ones
// among `receipts` whose own business day was already closed when they came.
// Every sum is checked: receipts within the intake bounds (core/money.h) never
// fail, and any others give FailedPrecondition instead of a wrapped total.
// Linear in the receipts (times the log of the groups and methods).
Result<ZReport> compute_z_report(const ZReportInput& input, const std::vector<Receipt>& receipts,
                                 const std::vector<ZLateReceipt>& late_receipts);

// Checks the day identity; an error here is a bug, never user input.
Status check_day_identity(const ZReport& z);

nlohmann::json z_report_to_json(const ZReport& z);
Result<ZReport> z_report_from_json(const nlohmann::json& j);

// The report as the text a till prints (Swedish or Norwegian labels by country).
std::string z_report_to_text(const ZReport& z, Country country);

}  // namespace dagbok
