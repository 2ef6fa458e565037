// Account: one account of the merchant's chart (kontoplan / kontoplan).
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace dagbok {

// SIE #KTYP: T tillgång (asset), S skuld (liability/equity), K kostnad
// (expense), I intäkt (income).
enum class AccountType { kAsset, kLiability, kExpense, kIncome };

struct Account {
  std::string number;
  std::string name;
  AccountType type = AccountType::kAsset;
};

char account_type_letter(AccountType t);
Result<AccountType> account_type_from_letter(std::string_view s);
// The BAS / NS 4102 default type of an account number by its class.
AccountType default_account_type(std::string_view number);
// Account numbers are 4 to 6 digits.
Status validate_account_number(std::string_view number);

}  // namespace dagbok
