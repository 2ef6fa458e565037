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

AccountClass account_class(std::string_view number) {
  if (number.empty()) return AccountClass::kOutside;
  switch (number[0]) {
    case '1': return AccountClass::kAssets;
    case '2': return number.size() >= 2 && number[1] == '0' ? AccountClass::kEquity : AccountClass::kLiabilities;
    case '3': return AccountClass::kIncome;
    case '4':
    case '5':
    case '6':
    case '7':
    case '8': return AccountClass::kExpenses;
    default: return AccountClass::kOutside;
  }
}

AccountType default_account_type(std::string_view number) {
  switch (account_class(number)) {
    case AccountClass::kAssets: return AccountType::kAsset;
    case AccountClass::kEquity:
    case AccountClass::kLiabilities: return AccountType::kLiability;
    case AccountClass::kIncome: return AccountType::kIncome;
    case AccountClass::kExpenses:
    case AccountClass::kOutside: return AccountType::kExpense;
  }
  return AccountType::kExpense;
}

Status validate_account_number(std::string_view number) {
  if (number.size() < 4 || number.size() > 6)
    return invalid_argument("account '" + std::string(number) + "' must be 4 to 6 digits");
  for (char c : number)
    if (c < '0' || c > '9') return invalid_argument("account '" + std::string(number) + "' must be digits only");
  return ok_status();
}

}  // namespace dagbok
