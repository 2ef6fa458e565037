#include "books/voucher.h"

#include <map>

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
  // Summed in 128 bits: the check must hold for any lines, even ones whose
  // running sum would leave int64.
  Int128 sum = 0;
  for (const VoucherLine& l : lines) sum += l.amount.minor();
  if (sum != 0)
    return invalid_argument("voucher " + series + " " + std::to_string(number) + " (" + text +
                            ") does not balance: debit " + debit_total().to_string() + ", credit " +
                            credit_total().to_string());
  return ok_status();
}

Voucher Voucher::reversed() const {
  Voucher r = *this;
  for (VoucherLine& l : r.lines) l.amount = -l.amount;
  return r;
}

std::string voucher_kind_name(Voucher::Kind k) {
  switch (k) {
    case Voucher::Kind::kDay: return "day";
    case Voucher::Kind::kReversal: return "reversal";
    case Voucher::Kind::kCorrection: return "correction";
  }
  return "day";
}

bool same_bookings(const Voucher& a, const Voucher& b) {
  std::map<std::pair<std::string, std::string>, Money> sums;
  for (const VoucherLine& l : a.lines) sums[{l.account, l.cost_center}] += l.amount;
  for (const VoucherLine& l : b.lines) sums[{l.account, l.cost_center}] -= l.amount;
  for (const auto& [k, m] : sums)
    if (!m.is_zero()) return false;
  return true;
}

}  // namespace dagbok
