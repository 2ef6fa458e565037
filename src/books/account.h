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

// The class of an account by its number, the same in BAS (SE) and NS 4102
// (NO): 1 assets; 20xx equity (eget kapital / egenkapital); the rest of 2
// liabilities; 3 income; 4-8 expenses (8 includes financial income and tax:
// the sign tells). Class 9 is not part of either chart (internal and
// calculation accounts), and neither is a number that does not start with a
// digit: kOutside.
//
//   account_class("2081") == AccountClass::kEquity
//   account_class("2611") == AccountClass::kLiabilities
enum class AccountClass { kAssets, kEquity, kLiabilities, kIncome, kExpenses, kOutside };

AccountClass account_class(std::string_view number);

char account_type_letter(AccountType t);
Result<AccountType> account_type_from_letter(std::string_view s);
// The BAS / NS 4102 default type of an account number by its class
// (account_class): assets T; equity and liabilities S (SIE has one type for
// both); income I; expenses K. An account outside the chart's classes (9xxx)
// is K: SIE has no fifth type, and a result type keeps an internal account out
// of the balance carried into the next year.
AccountType default_account_type(std::string_view number);
// Account numbers are 4 to 6 digits.
Status validate_account_number(std::string_view number);

}  // namespace dagbok
