#include "pos/receipt.h"

namespace dagbok {

Money ReceiptLine::gross() const {
  if (kind == Kind::kGiftCardSale) return Money();
  const Money amount = unit_price * quantity;
  return amount.is_negative() ? amount + discount : amount - discount;
}

std::optional<Money> ReceiptLine::cost() const {
  if (kind != Kind::kSale || !cost_price) return std::nullopt;
  return *cost_price * quantity;
}

Money Receipt::sales_gross() const {
  Money sum;
  for (const ReceiptLine& l : lines) sum += l.gross();
  return sum;
}

Money Receipt::gift_cards_sold() const {
  Money sum;
  for (const ReceiptLine& l : lines)
    if (l.kind == ReceiptLine::Kind::kGiftCardSale) sum += l.gift_card_amount;
  return sum;
}

Money Receipt::payments_total() const {
  Money sum;
  for (const Payment& p : payments) sum += p.amount;
  return sum;
}

Money Receipt::cash_paid() const {
  Money sum;
  for (const Payment& p : payments)
    if (p.method == kCashMethod) sum += p.amount;
  return sum;
}

}  // namespace dagbok
