#include "books/voucher.h"

namespace dagbok {

Money Voucher::debit_total() const {
  Money sum;
  for (const VoucherLine& l : lines)
    if (!l.amount.is_negative()) sum += l.amount;
  return sum;
}

Money Voucher::credit_total() const {
  Money sum;
  for (const VoucherLine& l : lines)
    if (l.amount.is_negative()) sum -= l.amount;
  return sum;
}

Status Voucher::check_balanced() const {
  if (lines.empty()) return invalid_argument("voucher " + series + " " + std::to_string(number) + " has no lines");
  Money sum;
  for (const VoucherLine& l : lines) sum += l.amount;
  if (!sum.is_zero())
    return invalid_argument("voucher " + series + " " + std::to_string(number) + " (" + text +
                            ") does not balance: debit " + debit_total().to_string() + ", credit " +
                            credit_total().to_string());
  return ok_status();
}

}  // namespace dagbok
