// The properties the receipt JSON fuzzer checks on every input, shared with
// the unit test that replays the seeds and every input that once broke them
// (tests/unit/pos/receipt_fuzz_regression_test.cc):
//   1. reading never throws (no MoneyOverflow, no JSON exception escapes);
//   2. an accepted receipt is within the bounds of core/money.h: each amount,
//      line and receipt total, the number of lines and payments;
//   3. its canonical form reads back to the same canonical form;
//   4. a Z-report of it alone (and of it twice, and of it with its mirror
//      image, a refund) computes, keeps the day identity and its VAT per rate
//      is the VAT of the receipt's gross per rate.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "pos/receipt_json.h"
#include "pos/z_report.h"

namespace dagbok::fuzzing {

inline bool beyond(Money m, int64_t bound) { return m.minor() > bound || m.minor() < -bound; }

inline std::string broken_receipt_property_unguarded(std::string_view bytes) {
  Result<Receipt> r = receipt_from_json_text(bytes);
  if (!r.ok()) return "";
  if (r->lines.empty() || r->lines.size() > kMaxReceiptLines) return "accepted with " + std::to_string(r->lines.size()) + " lines";
  if (r->payments.size() > kMaxReceiptPayments) return "accepted with too many payments";
  for (const ReceiptLine& l : r->lines) {
    if (beyond(l.unit_price, kMaxAmountMinor) || beyond(l.discount, kMaxAmountMinor) ||
        beyond(l.gift_card_amount, kMaxAmountMinor) || (l.cost_price && beyond(*l.cost_price, kMaxAmountMinor)))
      return "accepted an amount beyond the bound";
    if (l.quantity.milli() > kMaxQuantityMilli || l.quantity.milli() < -kMaxQuantityMilli)
      return "accepted a quantity beyond the bound";
    if (beyond(l.gross(), kMaxLineMinor)) return "accepted a line beyond the bound";
  }
  for (const Payment& p : r->payments)
    if (beyond(p.amount, kMaxAmountMinor)) return "accepted a payment beyond the bound";
  if (beyond(r->sales_gross(), kMaxReceiptMinor) || beyond(r->payments_total(), kMaxReceiptMinor) ||
      beyond(r->gift_cards_sold(), kMaxReceiptMinor) || beyond(r->tip_amount(), kMaxReceiptMinor))
    return "accepted a receipt total beyond the bound";

  const std::string canonical = canonical_receipt_json(*r);
  Result<Receipt> again = receipt_from_json_text(canonical);
  if (!again.ok()) return "its canonical form is refused: " + again.error().message();
  if (canonical_receipt_json(*again) != canonical) return "its canonical form reads back different";

  Receipt mirror = *r;
  mirror.id += "-R";
  mirror.refund_of = r->id;
  for (ReceiptLine& l : mirror.lines) {
    l.quantity = -l.quantity;
    l.gift_card_amount = -l.gift_card_amount;
  }
  for (Payment& p : mirror.payments) p.amount = -p.amount;
  if (mirror.tip) mirror.tip->amount = -mirror.tip->amount;

  for (const std::vector<Receipt>& day : {std::vector<Receipt>{*r}, std::vector<Receipt>{*r, *r},
                                          std::vector<Receipt>{*r, mirror}}) {
    Result<ZReport> z = compute_z_report({}, day, {});
    if (!z.ok()) return "its Z-report is refused: " + z.error().message();
    if (Status s = check_day_identity(*z); !s.ok()) return s.error().message();
    std::map<VatRate, Money> per_rate;
    for (const Receipt& one : day) {
      std::map<VatRate, Money> gross;
      for (const ReceiptLine& l : one.lines)
        if (l.kind == ReceiptLine::Kind::kSale) gross[l.vat_rate] += l.gross();
      for (const auto& [rate, g] : gross) per_rate[rate] += vat_of_gross(g, rate);
    }
    for (const ZVatTotal& v : z->vat)
      if (v.vat != per_rate[v.rate]) return "the Z-report's VAT at " + v.rate.to_string() + " % is not the receipts'";
    Money group_vat;
    for (const ZGroupTotal& g : z->groups) group_vat += g.vat;
    if (group_vat != z->vat_total()) return "the groups' VAT does not add up to the Z-report's";
  }
  return "";
}

// The first property the input breaks, in words; empty when it keeps them all.
inline std::string broken_receipt_property(std::string_view bytes) {
  try {
    return broken_receipt_property_unguarded(bytes);
  } catch (const std::exception& e) {
    return std::string("an exception escaped: ") + e.what();
  }
}

}  // namespace dagbok::fuzzing
