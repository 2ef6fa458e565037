// The small pure parts of the ledger: org.nr comparison, source names, and
// the month count of a fiscal year (broken years included).
#include <gtest/gtest.h>

#include "ledger/balances.h"
#include "ledger/sie_import.h"
#include "store/ledger_records.h"

namespace dagbok {
namespace {

TEST(LedgerNames, OrgnrComparedByDigits) {
  EXPECT_EQ(ledger::orgnr_digits("556677-8899"), "5566778899");
  EXPECT_EQ(ledger::orgnr_digits(" 5566778899 "), "5566778899");
  EXPECT_EQ(ledger::orgnr_digits("NO 923 609 016 MVA"), "923609016");
  EXPECT_NE(ledger::orgnr_digits("556677-8899"), ledger::orgnr_digits("555555-5555"));
}

TEST(LedgerNames, SourceRoundTrips) {
  EXPECT_EQ(*parse_ledger_source("dagbok"), LedgerSource::kDagbok);
  EXPECT_EQ(*parse_ledger_source("sie"), LedgerSource::kSie);
  EXPECT_EQ(ledger_source_name(LedgerSource::kSie), "sie");
  EXPECT_FALSE(parse_ledger_source("visma").ok());
}

TEST(LedgerNames, MonthCountOfBrokenYears) {
  EXPECT_EQ((ledger::FiscalYearSpan{Date::from_ymd(2025, 1, 1), Date::from_ymd(2025, 12, 31)}.month_count()), 12);
  EXPECT_EQ((ledger::FiscalYearSpan{Date::from_ymd(2024, 7, 1), Date::from_ymd(2025, 12, 31)}.month_count()), 18);
  EXPECT_EQ((ledger::FiscalYearSpan{Date::from_ymd(2025, 5, 1), Date::from_ymd(2026, 4, 30)}.month_count()), 12);
}

}  // namespace
}  // namespace dagbok
