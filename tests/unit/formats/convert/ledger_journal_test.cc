#include "formats/convert/ledger_journal.h"

#include <gtest/gtest.h>

#include "unit/formats/convert/small_books.h"

namespace dagbok::convert {
namespace {

using testing::m;

TEST(LedgerJournal, OneTransactionPerVoucherAndAnOpeningTransaction) {
  const Result<std::string> journal = to_ledger(testing::small_books());
  ASSERT_TRUE(journal.ok()) << journal.error().message();
  EXPECT_EQ(*journal,
            "; Converted by dagbok from SIE: Kaffebaren AB (556677-8899)\n"
            "; Accounts are ROOT:NUMBER NAME by BAS class; `ledger bal NUMBER` shows one SIE account.\n"
            "\n"
            "commodity SEK\n"
            "tag objects\n"
            "tag text\n"
            "tag transdat\n"
            "tag quantity\n"
            "tag note\n"
            "account Assets:1910 Kassa\n"
            "account Assets:1930 Företagskonto/checkkonto\n"
            "account Equity:2081 Aktiekapital\n"
            "account Liabilities:2611 Utgående moms 25 %\n"
            "account Income:3001 Försäljning; 25 % moms\n"
            "account Equity:Opening-Balances\n"
            "\n"
            "2026-01-01 * Ingående balans\n"
            "    Assets:1930 Företagskonto/checkkonto    25000.00 SEK\n"
            "    Equity:2081 Aktiekapital               -24000.00 SEK\n"
            "    Equity:Opening-Balances                 -1000.00 SEK\n"
            "\n"
            "2026-01-15 * (A 1) Dagskassa \"Centrum\"\n"
            "    Assets:1910 Kassa                        1250.00 SEK\n"
            "    Income:3001 Försäljning; 25 % moms      -1000.00 SEK\n"
            "        ; objects: 1=10\n"
            "        ; text: =SUMMA\n"
            "    Liabilities:2611 Utgående moms 25 %      -250.00 SEK\n"
            "        ; text: rättad\n"
            "        ; transdat: 2026-01-16\n"
            "        ; quantity: 1\n"
            "\n"
            "2026-01-31 * (A 2) Verifikation A 2\n"
            "    Assets:1930 Företagskonto/checkkonto     1250.00 SEK\n"
            "    Assets:1910 Kassa                       -1250.00 SEK\n"
            "\n");
}

TEST(LedgerJournal, UnbalancedVouchersAreRefusedOrTheirDifferenceBooked) {
  sie::Document doc = testing::small_books();
  doc.vouchers[1].transactions[1].amount = m("-1210.00");
  const Result<std::string> refused = to_ledger(doc);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message().find("voucher A 2"), std::string::npos);

  const Result<std::string> booked = to_ledger(doc, {UnbalancedVouchers::kBookDifference});
  ASSERT_TRUE(booked.ok());
  EXPECT_NE(booked->find("account Equity:Unbalanced\n"), std::string::npos);
  EXPECT_NE(booked->find("    Equity:Unbalanced                         -40.00 SEK\n"
                         "        ; note: the voucher's rows in the SIE file sum to 40.00\n"),
            std::string::npos)
      << *booked;
}

TEST(LedgerJournal, NamesAndTextsCannotBreakTheSyntax) {
  sie::Document doc;
  doc.currency = "nok";
  doc.accounts = {{"1920", "Bank:  DNB\tdrift", "", "", {}}};
  sie::Voucher v{"B)", "7", testing::d(2026, 3, 1), "Kjøp  ;  kontor", {}, "", {}};
  v.transactions = {{sie::Transaction::Kind::kTrans, "1920", {}, m("-10.00"), {}, "", {}, ""},
                    {sie::Transaction::Kind::kTrans, "6110", {}, m("10.00"), {}, "", {}, ""}};
  sie::Voucher empty{"", "", testing::d(2026, 3, 2), "(tom)", {}, "", {}};
  empty.transactions = {{sie::Transaction::Kind::kBTrans, "1920", {}, m("5.00"), {}, "", {}, ""}};
  sie::Voucher no_number{"", "", testing::d(2026, 3, 3), "(utan nummer)", {}, "", {}};
  no_number.transactions = {{sie::Transaction::Kind::kTrans, "1920", {}, m("0.00"), {}, "", {}, ""}};
  doc.vouchers = {v, empty, no_number};
  const Result<std::string> journal = to_ledger(doc);
  ASSERT_TRUE(journal.ok());
  EXPECT_NE(journal->find("account Assets:1920 Bank- DNB drift\n"), std::string::npos) << *journal;
  EXPECT_NE(journal->find("account Expenses:6110\n"), std::string::npos);
  EXPECT_NE(journal->find("2026-03-01 * (B 7) Kjøp ; kontor\n"), std::string::npos);
  EXPECT_NE(journal->find("-10.00 NOK\n"), std::string::npos);
  EXPECT_NE(journal->find("; 2026-03-02 voucher (no number) has no rows that count\n"), std::string::npos);
  EXPECT_NE(journal->find("2026-03-03 * [utan nummer)\n"), std::string::npos);
  EXPECT_EQ(journal->find("Ingående balans"), std::string::npos);  // no #IB, no opening transaction
}

TEST(LedgerJournal, DatesLedgerCannotRepresentAreRefused) {
  sie::Document doc = testing::small_books();
  doc.vouchers[1].date = testing::d(1399, 12, 31);
  const Result<std::string> journal = to_ledger(doc, {UnbalancedVouchers::kBookDifference});
  ASSERT_FALSE(journal.ok());
  EXPECT_NE(journal.error().message().find("voucher A 2 is dated 1399-12-31, which ledger cannot represent"),
            std::string::npos)
      << journal.error().message();
}

}  // namespace
}  // namespace dagbok::convert
