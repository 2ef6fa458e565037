#include "formats/convert/beancount_journal.h"

#include <gtest/gtest.h>

#include "unit/formats/convert/small_books.h"

namespace dagbok::convert {
namespace {

using testing::m;

TEST(BeancountJournal, AccountsFollowBeancountsRulesAndOpenFirst) {
  const Result<std::string> journal = to_beancount(testing::small_books());
  ASSERT_TRUE(journal.ok()) << journal.error().message();
  EXPECT_EQ(*journal,
            "; Converted by dagbok from SIE. Accounts are ROOT:A<number>-<name> by BAS class.\n"
            "option \"title\" \"Kaffebaren AB\"\n"
            "option \"operating_currency\" \"SEK\"\n"
            "\n"
            "2026-01-01 open Assets:A1910-Kassa SEK\n"
            "2026-01-01 open Assets:A1930-Foretagskonto-checkkonto SEK\n"
            "2026-01-01 open Equity:A2081-Aktiekapital SEK\n"
            "2026-01-01 open Liabilities:A2611-Utgaende-moms-25 SEK\n"
            "2026-01-01 open Income:A3001-Forsaljning-25-moms SEK\n"
            "2026-01-01 open Equity:Opening-Balances SEK\n"
            "\n"
            "2026-01-01 * \"Ingående balans\"\n"
            "  Assets:A1930-Foretagskonto-checkkonto     25000.00 SEK\n"
            "  Equity:A2081-Aktiekapital                -24000.00 SEK\n"
            "  Equity:Opening-Balances                   -1000.00 SEK\n"
            "\n"
            "2026-01-15 * \"Dagskassa \\\"Centrum\\\"\"\n"
            "  voucher: \"A 1\"\n"
            "  Assets:A1910-Kassa                         1250.00 SEK\n"
            "  Income:A3001-Forsaljning-25-moms          -1000.00 SEK\n"
            "    objects: \"1=10\"\n"
            "    text: \"=SUMMA\"\n"
            "  Liabilities:A2611-Utgaende-moms-25         -250.00 SEK\n"
            "    text: \"rättad\"\n"
            "    transdat: 2026-01-16\n"
            "    quantity: \"1\"\n"
            "\n"
            "2026-01-31 * \"Verifikation A 2\"\n"
            "  voucher: \"A 2\"\n"
            "  Assets:A1930-Foretagskonto-checkkonto      1250.00 SEK\n"
            "  Assets:A1910-Kassa                        -1250.00 SEK\n"
            "\n");
}

TEST(BeancountJournal, OpenDirectivesPrecedeAVoucherDatedBeforeTheYear) {
  sie::Document doc = testing::small_books();
  doc.vouchers[1].date = testing::d(2025, 12, 31);
  const Result<std::string> journal = to_beancount(doc);
  ASSERT_TRUE(journal.ok());
  EXPECT_NE(journal->find("2025-12-31 open Assets:A1910-Kassa SEK\n"), std::string::npos) << *journal;
  EXPECT_NE(journal->find("2026-01-01 * \"Ingående balans\"\n"), std::string::npos);
}

TEST(BeancountJournal, UnbalancedVouchersAreRefusedOrTheirDifferenceBooked) {
  sie::Document doc = testing::small_books();
  doc.vouchers[1].transactions[1].amount = m("-1210.00");
  EXPECT_FALSE(to_beancount(doc).ok());
  const Result<std::string> booked = to_beancount(doc, {UnbalancedVouchers::kBookDifference});
  ASSERT_TRUE(booked.ok());
  EXPECT_NE(booked->find("2026-01-01 open Equity:Unbalanced SEK\n"), std::string::npos) << *booked;
  EXPECT_NE(booked->find("  Equity:Unbalanced                           -40.00 SEK\n"), std::string::npos);
}

TEST(BeancountJournal, BackslashesAndOddNumbersStayValid) {
  sie::Document doc;
  doc.accounts = {{"1930", "Bank", "", "", {}}, {"1930 ", "Bank\\", "", "", {}}, {"19 30", "Bank", "", "", {}}};
  sie::Voucher v{"A", "1", testing::d(2026, 1, 2), "C:\\kassa", {}, "", {}};
  v.transactions = {{sie::Transaction::Kind::kTrans, "1930", {}, m("1.00"), {}, "", {}, ""},
                    {sie::Transaction::Kind::kTrans, "19 30", {}, m("-1.00"), {}, "", {}, ""},
                    {sie::Transaction::Kind::kTrans, "1930 ", {}, m("0.00"), {}, "", {}, ""}};
  doc.vouchers = {v};
  const Result<std::string> journal = to_beancount(doc);
  ASSERT_TRUE(journal.ok());
  EXPECT_NE(journal->find("open Assets:A1930-Bank SEK\n"), std::string::npos) << *journal;
  EXPECT_NE(journal->find("open Assets:A1930-Bank-2 SEK\n"), std::string::npos);  // never merged
  EXPECT_NE(journal->find("open Assets:A19-30-Bank SEK\n"), std::string::npos);
  EXPECT_NE(journal->find("* \"C:\\\\kassa\"\n"), std::string::npos);
}

}  // namespace
}  // namespace dagbok::convert
