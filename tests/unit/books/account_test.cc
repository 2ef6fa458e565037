#include "books/account.h"

#include <gtest/gtest.h>

#include "formats/convert/internal/books.h"

namespace dagbok {
namespace {

using convert::internal::root_of;
using convert::internal::RootAccount;

// BAS 2026 (Sweden): the accounts of the presets and of a typical AB.
TEST(AccountClass, BasClassesByFirstDigit) {
  EXPECT_EQ(account_class("1460"), AccountClass::kAssets);       // Lager av handelsvaror
  EXPECT_EQ(account_class("1910"), AccountClass::kAssets);       // Kassa
  EXPECT_EQ(account_class("2081"), AccountClass::kEquity);       // Aktiekapital
  EXPECT_EQ(account_class("2099"), AccountClass::kEquity);       // Årets resultat
  EXPECT_EQ(account_class("2421"), AccountClass::kLiabilities);  // Ej inlösta presentkort
  EXPECT_EQ(account_class("2611"), AccountClass::kLiabilities);  // Utgående moms 25 %
  EXPECT_EQ(account_class("2820"), AccountClass::kLiabilities);  // Kortfristiga skulder till anställda
  EXPECT_EQ(account_class("3001"), AccountClass::kIncome);
  EXPECT_EQ(account_class("3740"), AccountClass::kIncome);  // Öres- och kronutjämning
  EXPECT_EQ(account_class("4960"), AccountClass::kExpenses);
  EXPECT_EQ(account_class("8310"), AccountClass::kExpenses);  // Ränteintäkter: the sign tells
  EXPECT_EQ(account_class("9000"), AccountClass::kOutside);   // not in BAS
  EXPECT_EQ(account_class(""), AccountClass::kOutside);
  EXPECT_EQ(account_class("A100"), AccountClass::kOutside);
}

// NS 4102 (Norway): the same classes, with the preset's accounts.
TEST(AccountClass, Ns4102ClassesByFirstDigit) {
  EXPECT_EQ(account_class("1460"), AccountClass::kAssets);       // Innkjøpte varer for videresalg
  EXPECT_EQ(account_class("1579"), AccountClass::kAssets);       // Andre kortsiktige fordringer
  EXPECT_EQ(account_class("1900"), AccountClass::kAssets);       // Kontanter
  EXPECT_EQ(account_class("2000"), AccountClass::kEquity);       // Aksjekapital
  EXPECT_EQ(account_class("2050"), AccountClass::kEquity);       // Annen egenkapital
  EXPECT_EQ(account_class("2700"), AccountClass::kLiabilities);  // Utgående mva høy sats
  EXPECT_EQ(account_class("2900"), AccountClass::kLiabilities);  // Forskudd fra kunder
  EXPECT_EQ(account_class("2910"), AccountClass::kLiabilities);  // Gjeld til ansatte
  EXPECT_EQ(account_class("3000"), AccountClass::kIncome);
  EXPECT_EQ(account_class("3100"), AccountClass::kIncome);
  EXPECT_EQ(account_class("4390"), AccountClass::kExpenses);  // Beholdningsendring
  EXPECT_EQ(account_class("7740"), AccountClass::kExpenses);  // Øreavrunding
  EXPECT_EQ(account_class("8050"), AccountClass::kExpenses);
  EXPECT_EQ(account_class("9100"), AccountClass::kOutside);
}

// The SIE #KTYP default has four letters: equity and liabilities share S.
TEST(AccountClass, DefaultTypeFollowsTheClass) {
  EXPECT_EQ(default_account_type("1910"), AccountType::kAsset);
  EXPECT_EQ(default_account_type("2081"), AccountType::kLiability);
  EXPECT_EQ(default_account_type("2000"), AccountType::kLiability);
  EXPECT_EQ(default_account_type("2611"), AccountType::kLiability);
  EXPECT_EQ(default_account_type("3001"), AccountType::kIncome);
  EXPECT_EQ(default_account_type("7740"), AccountType::kExpense);
  EXPECT_EQ(default_account_type("9000"), AccountType::kExpense);
}

// The converter's root accounts and the books' classes are one decision: for
// every account of both presets and a few edge numbers they agree.
TEST(AccountClass, ConverterRootsAgreeWithTheBooks) {
  const std::pair<const char*, RootAccount> cases[] = {
      {"1686", RootAccount::kAssets},      {"1900", RootAccount::kAssets},   {"2010", RootAccount::kEquity},
      {"2081", RootAccount::kEquity},      {"2000", RootAccount::kEquity},   {"2440", RootAccount::kLiabilities},
      {"2700", RootAccount::kLiabilities}, {"3002", RootAccount::kIncome},   {"3030", RootAccount::kIncome},
      {"4960", RootAccount::kExpenses},    {"7740", RootAccount::kExpenses}, {"8999", RootAccount::kExpenses},
      {"9000", RootAccount::kEquity},      {"", RootAccount::kEquity},
  };
  for (const auto& [number, root] : cases) {
    EXPECT_EQ(root_of(number), root) << number;
    const AccountType type = default_account_type(number);
    switch (root) {
      case RootAccount::kAssets:
        EXPECT_EQ(type, AccountType::kAsset) << number;
        break;
      case RootAccount::kEquity:
        if (account_class(number) == AccountClass::kEquity) {
          EXPECT_EQ(type, AccountType::kLiability) << number;
        }
        break;
      case RootAccount::kLiabilities:
        EXPECT_EQ(type, AccountType::kLiability) << number;
        break;
      case RootAccount::kIncome:
        EXPECT_EQ(type, AccountType::kIncome) << number;
        break;
      case RootAccount::kExpenses:
        EXPECT_EQ(type, AccountType::kExpense) << number;
        break;
    }
  }
}

}  // namespace
}  // namespace dagbok
