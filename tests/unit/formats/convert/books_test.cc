#include "formats/convert/internal/books.h"

#include <gtest/gtest.h>

#include "unit/formats/convert/small_books.h"

namespace dagbok::convert::internal {
namespace {

using testing::d;
using testing::m;

TEST(ConvertBooks, RootAccountsFollowTheBasClasses) {
  EXPECT_EQ(root_of("1930"), RootAccount::kAssets);
  EXPECT_EQ(root_of("2010"), RootAccount::kEquity);
  EXPECT_EQ(root_of("2081"), RootAccount::kEquity);
  EXPECT_EQ(root_of("2099"), RootAccount::kEquity);
  EXPECT_EQ(root_of("2440"), RootAccount::kLiabilities);
  EXPECT_EQ(root_of("2611"), RootAccount::kLiabilities);
  EXPECT_EQ(root_of("3001"), RootAccount::kIncome);
  EXPECT_EQ(root_of("4010"), RootAccount::kExpenses);
  EXPECT_EQ(root_of("8310"), RootAccount::kExpenses);
  EXPECT_EQ(root_of("9000"), RootAccount::kEquity);
  EXPECT_EQ(root_of(""), RootAccount::kEquity);
  EXPECT_EQ(root_name(RootAccount::kLiabilities), "Liabilities");
}

TEST(ConvertBooks, AsciiNamesLoseTheirMarks) {
  EXPECT_EQ(ascii_name("Företagskonto/checkkonto/affärskonto"), "Foretagskonto-checkkonto-affarskonto");
  EXPECT_EQ(ascii_name("Utgående moms 25 %"), "Utgaende-moms-25");
  EXPECT_EQ(ascii_name("ÅÄÖ åäö Ærø Straße é ü"), "AAO-aao-AEro-Strasse-e-u");
  EXPECT_EQ(ascii_name("  --  "), "");
  EXPECT_EQ(ascii_name("Kassa\xFF\xC3"), "Kassa");  // invalid UTF-8 is not a letter
  EXPECT_EQ(ascii_name("€ 100"), "100");
}

TEST(ConvertBooks, OneLineCollapsesBlanksAndControls) {
  EXPECT_EQ(one_line("  a\t\tb  \r\nc "), "a b c");
  EXPECT_EQ(one_line(""), "");
  EXPECT_EQ(one_line("Caf\xE9 x"), "Caf\xEF\xBF\xBD x");
}

TEST(ConvertBooks, InvalidUtf8BecomesReplacementCharacters) {
  EXPECT_TRUE(is_valid_utf8("Företagskonto €"));
  EXPECT_EQ(valid_utf8("Företagskonto"), "Företagskonto");
  EXPECT_EQ(valid_utf8("a\x80"
                       "b"),
            "a\xEF\xBF\xBD"
            "b");                                                                 // stray continuation byte
  EXPECT_EQ(valid_utf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong '/'
  EXPECT_EQ(valid_utf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  EXPECT_EQ(valid_utf8("x\xE2\x82"), "x\xEF\xBF\xBD\xEF\xBF\xBD");                // truncated
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));                                // above U+10FFFF
}

TEST(ConvertBooks, CurrencyIsAThreeLetterCodeOrSek) {
  sie::Document doc;
  EXPECT_EQ(currency(doc), "SEK");
  doc.currency = "nok";
  EXPECT_EQ(currency(doc), "NOK");
  doc.currency = "EURO";
  EXPECT_EQ(currency(doc), "SEK");
  doc.currency = "E1R";
  EXPECT_EQ(currency(doc), "SEK");
}

TEST(ConvertBooks, RowsThatCountSkipRemovedOnes) {
  const sie::Document doc = testing::small_books();
  EXPECT_EQ(counted_rows(doc.vouchers[0]).size(), 3u);
  EXPECT_TRUE(imbalance(doc.vouchers[0]).is_zero());
  EXPECT_EQ(voucher_label(doc.vouchers[0]), "A 1");
}

TEST(ConvertBooks, OpeningDateIsTheStartOfYearZeroElseTheFirstVoucher) {
  sie::Document doc = testing::small_books();
  EXPECT_EQ(opening_date(doc), d(2026, 1, 1));
  doc.vouchers[1].date = d(2025, 12, 30);
  EXPECT_EQ(first_date(doc), d(2025, 12, 30));
  doc.fiscal_years.clear();
  EXPECT_EQ(opening_date(doc), d(2025, 12, 30));
  // Only the current year's opening balances, and only non-zero ones.
  EXPECT_EQ(opening_balances(doc).size(), 2u);
}

TEST(ConvertBooks, AccountsInUseIncludeUndeclaredOnes) {
  sie::Document doc = testing::small_books();
  doc.vouchers[1].transactions[0].account = "1940";
  doc.vouchers[1].transactions.push_back({sie::Transaction::Kind::kBTrans, "1950", {}, m("1"), {}, "", {}, ""});
  const std::vector<std::string> used = accounts_in_use(doc);
  EXPECT_EQ(used, (std::vector<std::string>{"1910", "1930", "1940", "2081", "2611", "3001"}));
}

TEST(ConvertBooks, UniqueNamesNeverMergeTwoAccounts) {
  sie::Document doc;
  doc.accounts = {{"1930", "Bank", "", "", {}}, {"1931", "Bank", "", "", {}}};
  const auto names = unique_account_names(doc, [](const std::string&, const std::string& name) { return name; });
  EXPECT_EQ(names.at("1930"), "Bank");
  EXPECT_EQ(names.at("1931"), "Bank-2");
}

TEST(ConvertBooks, UnbalancedVouchersAreRefusedByDefault) {
  sie::Document doc = testing::small_books();
  doc.vouchers[1].transactions[1].amount = m("-1210.00");
  const Status s = check_balanced(doc, {});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(s.error().message().find("voucher A 2 of 2026-01-31 does not balance: its rows sum to 40.00"),
            std::string::npos);
  EXPECT_TRUE(check_balanced(doc, {UnbalancedVouchers::kBookDifference}).ok());
}

}  // namespace
}  // namespace dagbok::convert::internal
