#include "books/account.h"

namespace dagbok {

char account_type_letter(AccountType t) {
  switch (t) {
    case AccountType::kAsset: return 'T';
    case AccountType::kLiability: return 'S';
    case AccountType::kExpense: return 'K';
    case AccountType::kIncome: return 'I';
  }
  return 'T';
}

Result<AccountType> account_type_from_letter(std::string_view s) {
  if (s == "T") return AccountType::kAsset;
  if (s == "S") return AccountType::kLiability;
  if (s == "K") return AccountType::kExpense;
  if (s == "I") return AccountType::kIncome;
  return invalid_argument("'" + std::string(s) + "' is not an account type (T, S, K or I)");
}

AccountType default_account_type(std::string_view number) {
  if (number.empty()) return AccountType::kAsset;
  switch (number[0]) {
    case '1': return AccountType::kAsset;
    case '2': return AccountType::kLiability;
    case '3': return AccountType::kIncome;
    case '8':
      // 8xxx: financial items; income for 80-83 (BAS) is common but not
      // universal, so expense is the conservative default.
      return AccountType::kExpense;
    default: return AccountType::kExpense;
  }
}

Status validate_account_number(std::string_view number) {
  if (number.size() < 4 || number.size() > 6)
    return invalid_argument("account '" + std::string(number) + "' must be 4 to 6 digits");
  for (char c : number)
    if (c < '0' || c > '9') return invalid_argument("account '" + std::string(number) + "' must be digits only");
  return ok_status();
}

}  // namespace dagbok
