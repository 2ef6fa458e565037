// Receipt: one completed sale (or return) as the till recorded it.
//
// Unit prices include VAT. A line's gross amount is quantity × unit price,
// rounded to the öre, less its discount. Payments cover the lines, the tip
// and any gift cards sold; the difference that is left is cash rounding
// (öresavrundning), allowed only on cash and only up to ±0.50.
//
//   {"id":"K1-000123","register":"K1","department":"main",
//    "time":"2026-03-29T01:30:00+01:00",
//    "lines":[{"product_group":"Mat","vat_rate":"12","quantity":"2",
//              "unit_price":"89.00","discount":"10.00"}],
//    "payments":[{"method":"card","amount":"188.00"}],
//    "tip":{"method":"card","amount":"20.00"}}
//
// A return names the receipt it refunds ("refund_of") and has negative
// quantities; its VAT follows the refunded sale. A gift card sold is a line
// {"kind":"gift_card_sale","amount":"500.00"}: a liability with no VAT
// (a multi-purpose voucher). Redeeming one is the payment method "gift_card".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "core/vat.h"

namespace dagbok {

struct ReceiptLine {
  enum class Kind { kSale, kGiftCardSale };
  Kind kind = Kind::kSale;
  std::string product_group;  // empty for a gift card sale
  VatRate vat_rate;
  Quantity quantity = Quantity::units(1);
  Money unit_price;
  Money discount;                   // ≥ 0, taken off the line's amount
  std::optional<Money> cost_price;  // per unit, for the stock-change pair
  Money gift_card_amount;           // for a gift card sale

  // What the customer pays for the line, VAT included.
  Money gross() const;
  // Cost of the goods (cost price × quantity), if known.
  std::optional<Money> cost() const;
};

struct Payment {
  std::string method;
  Money amount;
};

struct Tip {
  std::string method;
  Money amount;
};

struct Receipt {
  std::string id;
  std::string register_id;
  std::string department;
  std::string operator_id;
  Instant time;
  int utc_offset_seconds = 0;  // as the till wrote it, for display
  std::vector<ReceiptLine> lines;
  std::vector<Payment> payments;
  std::optional<Tip> tip;
  std::optional<std::string> refund_of;

  Money sales_gross() const;       // sale lines, after discounts
  Money gift_cards_sold() const;   // gift card lines
  Money tip_amount() const { return tip ? tip->amount : Money(); }
  Money payments_total() const;
  // Amount paid less amount due: positive when the customer paid more.
  Money rounding() const { return payments_total() - sales_gross() - tip_amount() - gift_cards_sold(); }
  Money cash_paid() const;
  bool is_return() const { return refund_of.has_value(); }
};

// The payment method that redeems a gift card.
inline constexpr const char* kGiftCardMethod = "gift_card";
inline constexpr const char* kCashMethod = "cash";

}  // namespace dagbok
