// Balances: #IB #UB #RES #OIB #OUB, and the period records #PSALDO #PBUDGET.
#include "formats/sie/internal/parser_impl.h"

#include <string>

namespace dagbok::sie {

using internal::all_digits;
using internal::parse_small_int;

// ---- balances -----------------------------------------------------------------------

void SieParser::Impl::on_balance(Label label) {
  const bool with_objects = label == Label::kOib || label == Label::kOub;
  if (!need(0, "the year index") || !need(1, "the account number")) return;
  Balance& b = balance_;
  if (!parse_small_int(arg(0)->raw, b.year) || b.year > 0) {
    error(arg(0), "the year index must be 0, -1, -2, …; found '" + std::string(arg(0)->raw.substr(0, 40)) + "'");
    return;
  }
  account_code(arg(1), b.account);
  use_account(b.account);
  size_t next = 2;
  b.objects.clear();
  if (with_objects) {
    if (!objects(arg(2), b.objects)) return;
    next = 3;
  } else if (arg(2) != nullptr && arg(2)->kind == Field::Kind::kList) {
    objects(arg(2), b.objects);  // tolerate "#IB 0 1910 {} 100.00"
    next = 3;
  }
  if (!amount(arg(next), "the balance", b.amount)) return;
  quantity(arg(next + 1), b.quantity);
  SieHandler::BalanceKind kind = SieHandler::BalanceKind::kOpening;
  switch (label) {
    case Label::kIb: kind = SieHandler::BalanceKind::kOpening; ++summary_.opening_balances; break;
    case Label::kUb: kind = SieHandler::BalanceKind::kClosing; ++summary_.closing_balances; break;
    case Label::kRes: kind = SieHandler::BalanceKind::kResult; ++summary_.results; break;
    case Label::kOib: kind = SieHandler::BalanceKind::kObjectOpening; ++summary_.object_balances; break;
    default: kind = SieHandler::BalanceKind::kObjectClosing; ++summary_.object_balances; break;
  }
  handler_.on_balance(kind, b);
}

void SieParser::Impl::on_period(Label label) {
  if (!need(0, "the year index") || !need(1, "the period") || !need(2, "the account number")) return;
  PeriodBalance& p = period_;
  if (!parse_small_int(arg(0)->raw, p.year) || p.year > 0) {
    error(arg(0), "the year index must be 0, -1, -2, …; found '" + std::string(arg(0)->raw.substr(0, 40)) + "'");
    return;
  }
  p.period.assign(arg(1)->raw);
  if (p.period.size() != 6 || !all_digits(p.period) || p.period[4] > '1' ||
      (p.period[4] == '1' && p.period[5] > '2') || (p.period[4] == '0' && p.period[5] == '0')) {
    error(arg(1), "the period '" + p.period.substr(0, 40) + "' must be written YYYYMM, like 202501");
    return;
  }
  account_code(arg(2), p.account);
  use_account(p.account);
  size_t next = 3;
  p.objects.clear();
  if (arg(3) != nullptr && arg(3)->kind == Field::Kind::kList) {
    objects(arg(3), p.objects);
    next = 4;
  } else {
    warning(arg(3), "the object list is missing; write {} for the account total");
  }
  if (!amount(arg(next), "the amount", p.amount)) return;
  quantity(arg(next + 1), p.quantity);
  if (label == Label::kPsaldo) {
    ++summary_.period_balances;
    handler_.on_period_balance(SieHandler::PeriodKind::kBalance, p);
  } else {
    ++summary_.period_budgets;
    handler_.on_period_balance(SieHandler::PeriodKind::kBudget, p);
  }
}

}  // namespace dagbok::sie
