#include "formats/sie/sie5_reader.h"

#include <gtest/gtest.h>

#include "formats/sie/sie_check.h"

namespace dagbok::sie {
namespace {

const char* const kEntry = R"(<?xml version="1.0" encoding="UTF-8"?>
<SieEntry xmlns="http://www.sie.se/sie5">
  <FileInfo>
    <SoftwareProduct name="Kassan" version="2.1"/>
    <FileCreation time="2025-02-01T10:00:00+01:00" by="Anna"/>
    <Company organizationId="555555-5555" name="Kiosken i Malmö AB"/>
    <FiscalYears><FiscalYear start="2025-01" end="2025-12" primary="true"/></FiscalYears>
    <AccountingCurrency currency="SEK"/>
  </FileInfo>
  <Accounts>
    <Account id="1910" name="Kassa" type="asset">
      <OpeningBalance month="2025-01" amount="100"/>
    </Account>
    <Account id="3001" name="Försäljning" type="income"/>
  </Accounts>
  <Dimensions><Dimension id="1" name="Kostnadsställe"><Object id="10" name="Centrum"/></Dimension></Dimensions>
  <Journal id="A" name="Kassa">
    <JournalEntry id="1" journalDate="2025-01-15" text="Dagskassa">
      <EntryInfo date="2025-01-16" by="Anna"/>
      <LedgerEntry accountId="1910" amount="1250.00"/>
      <LedgerEntry accountId="3001" amount="-1250">
        <ObjectReference dimId="1" objectId="10"/>
      </LedgerEntry>
      <LedgerEntry accountId="3001" amount="-1000"><Overstrike date="2025-01-16" by="Anna"/></LedgerEntry>
    </JournalEntry>
    <JournalEntry id="2" journalDate="2025-01-16" text="Fel">
      <LedgerEntry accountId="1910" amount="10.5"/>
      <LedgerEntry accountId="3001" amount="-10"/>
    </JournalEntry>
  </Journal>
</SieEntry>
)";

TEST(Sie5Reader, ReadsAnEntryFileIntoTheDocument) {
  Result<ReadResult> r = read_sie(kEntry);  // read_sie recognises SIE 5 itself
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(r->format, SieFormat::kSie5);
  const Document& doc = r->document;
  EXPECT_EQ(doc.program_name, "Kassan");
  EXPECT_EQ(doc.company_name, "Kiosken i Malmö AB");
  EXPECT_EQ(doc.generated, Date::from_ymd(2025, 2, 1));
  ASSERT_EQ(doc.fiscal_years.size(), 1u);
  EXPECT_EQ(doc.fiscal_years[0].end, Date::from_ymd(2025, 12, 31));
  ASSERT_EQ(doc.accounts.size(), 2u);
  EXPECT_EQ(doc.accounts[1].type, "I");
  ASSERT_EQ(doc.opening.size(), 1u);
  EXPECT_EQ(doc.opening[0].amount, Money::from_minor(10000));
  EXPECT_EQ(doc.objects.at(0).name, "Centrum");
  ASSERT_EQ(doc.vouchers.size(), 2u);
  const Voucher& v = doc.vouchers[0];
  EXPECT_EQ(v.series, "A");
  EXPECT_EQ(v.number, "1");
  EXPECT_EQ(v.sign, "Anna");
  ASSERT_EQ(v.transactions.size(), 3u);
  EXPECT_EQ(v.transactions[1].objects, (std::vector<ObjectRef>{{"1", "10"}}));
  EXPECT_EQ(v.transactions[2].kind, Transaction::Kind::kBTrans);
  // The second entry does not balance: located by its line.
  ASSERT_EQ(r->errors, 1u);
  EXPECT_EQ(r->diagnostics[0].describe(),
            "<JournalEntry> on line 26: journal entry A 2 does not balance: its ledger entries sum to 0.50; "
            "they must sum to 0");
}

TEST(Sie5Reader, NotWellFormedOrNotSie5) {
  Result<ReadResult> r = read_sie5("<?xml version=\"1.0\"?>\n<Sie>\n<FileInfo>\n</Sie>", {.file_name = "x.sie"});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("x.sie is not well-formed XML (line 4)"), std::string::npos)
      << r.error().message();
  r = read_sie5("<?xml version=\"1.0\"?><Invoice/>");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("its root element is <Invoice>"), std::string::npos);
}

TEST(Sie5Reader, CheckSummarisesSie5) {
  CheckReport r = check_sie(kEntry, "entry.sie");
  EXPECT_EQ(r.format, SieFormat::kSie5);
  EXPECT_FALSE(r.valid);
  EXPECT_EQ(r.summary.vouchers, 2u);
  EXPECT_EQ(r.summary.rows, 4u);
  EXPECT_EQ(r.summary.removed_rows, 1u);
}

}  // namespace
}  // namespace dagbok::sie
