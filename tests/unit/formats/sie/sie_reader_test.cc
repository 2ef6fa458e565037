#include "formats/sie/sie_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "example_document.h"
#include "formats/sie/cp437.h"
#include "formats/sie/sie_check.h"
#include "formats/sie/sie_writer.h"

namespace dagbok::sie {
namespace {

using testing::d;
using testing::m;

// A small file in dagbok's test notation: UTF-8 here, CP437 on "disk".
std::string sie(std::string_view utf8) {
  std::string text(utf8);
  return utf8_to_cp437(text);
}

std::string header() {
  return "#FLAGGA 0\n#PROGRAM \"t\" 1\n#FORMAT PC8\n#GEN 20250201\n#SIETYP 4\n#FNAMN \"Test AB\"\n"
         "#RAR 0 20250101 20251231\n#KONTO 1910 Kassa\n#KONTO 3001 \"Försäljning\"\n";
}

ReadResult read_ok(std::string_view bytes, ReadOptions options = {}) {
  Result<ReadResult> r = read_sie(bytes, options);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message());
  return r.ok() ? std::move(r).value() : ReadResult{};
}

std::string all(const ReadResult& r) {
  std::string out;
  for (const Diagnostic& diag : r.diagnostics) out += diag.to_string() + "\n";
  return out;
}

bool has(const ReadResult& r, std::string_view needle) { return all(r).find(needle) != std::string::npos; }

TEST(SieReader, ReadsTheExampleFileIntoTheDocumentThatWroteIt) {
  const std::string bytes = testing::read_file_bytes(testing::example_path());
  ReadResult r = read_ok(bytes, {.mode = ParseOptions::Mode::kStrict});
  EXPECT_EQ(r.errors + r.warnings, 0u) << all(r);
  EXPECT_EQ(r.summary.ksumma, KsummaStatus::kValid);
  EXPECT_EQ(r.summary.vouchers, 3u);
  EXPECT_EQ(r.summary.rows, 8u);
  EXPECT_EQ(r.summary.added_rows, 2u);
  EXPECT_EQ(r.summary.removed_rows, 2u);
  EXPECT_EQ(r.summary.encoding, "CP437");
  EXPECT_TRUE(r.document == testing::example_document());
  EXPECT_EQ(r.document.vouchers[1].text, "Inköp från \"Grossisten\" AB");
}

TEST(SieReader, TheFileReadInTinyChunksGivesTheSameDocument) {
  const std::string path = testing::example_path();
  for (size_t chunk : {64u, 100u, 1000u}) {
    Document doc;
    class Count : public SieHandler {
     public:
      void on_voucher(const Voucher& v) override { rows += v.transactions.size(); }
      size_t rows = 0;
    } count;
    SieParser parser({}, count);
    ASSERT_TRUE(parse_sie_file(path, parser, chunk).ok());
    EXPECT_EQ(count.rows, 10u);  // #BTRANS rows included
    EXPECT_EQ(parser.summary().ksumma, KsummaStatus::kValid) << chunk;
    EXPECT_EQ(parser.error_count() + parser.warning_count(), 0u);
  }
}

TEST(SieReader, TabsQuotesEscapesAndObjectLists) {
  const std::string file = sie(header() +
                               "#OBJEKT\t\"6\"\t\"SÄLJ\"\t\"Sälj \\\"A\\\"\"\n"
                               "#VER\t\"\" \"12\"  20250105 \"Text med \\\"citat\\\" och C:\\dir\" 20250106\n"
                               "{ \n"
                               "\t#TRANS 1910\t{\"6\"\t\"SÄLJ\" 1 10}\t-155.2 \"\" \"\" 2.5 \"#6 Linda\"  \n"
                               "   #TRANS 3001 {} 155.20\n"
                               "}\t\n");
  ReadResult r = read_ok(file);
  EXPECT_EQ(r.errors, 0u) << all(r);
  ASSERT_EQ(r.document.objects.size(), 1u);
  EXPECT_EQ(r.document.objects[0].name, "Sälj \"A\"");
  ASSERT_EQ(r.document.vouchers.size(), 1u);
  const Voucher& v = r.document.vouchers[0];
  EXPECT_EQ(v.series, "");
  EXPECT_EQ(v.number, "12");
  EXPECT_EQ(v.text, "Text med \"citat\" och C:\\dir");
  EXPECT_EQ(v.reg_date, d(2025, 1, 6));
  ASSERT_EQ(v.transactions.size(), 2u);
  EXPECT_EQ(v.transactions[0].objects, (std::vector<ObjectRef>{{"6", "SÄLJ"}, {"1", "10"}}));
  EXPECT_EQ(v.transactions[0].amount, m("-155.20"));
  EXPECT_EQ(v.transactions[0].date, std::nullopt);
  EXPECT_EQ(v.transactions[0].quantity, "2.5");
  EXPECT_EQ(v.transactions[0].sign, "#6 Linda");
}

TEST(SieReader, CommaInAnAmountIsLocatedAndExplained) {
  ReadResult r = read_ok(sie(header() + "#VER A 1 20250105\n{\n#TRANS 1910 {} 12,50\n#TRANS 3001 {} -12.50\n}\n"));
  ASSERT_EQ(r.errors, 1u) << all(r);
  const Diagnostic& e = r.diagnostics.at(0);
  EXPECT_EQ(e.line, 12);
  EXPECT_EQ(e.column, 16);
  EXPECT_EQ(e.label, "#TRANS");
  EXPECT_EQ(e.describe(), "#TRANS on line 12: the amount '12,50' uses a comma; SIE amounts use a point (12.50)");
  EXPECT_EQ(e.to_string(),
            "12:16: error: #TRANS on line 12: the amount '12,50' uses a comma; SIE amounts use a point (12.50)\n"
            "    #TRANS 1910 {} 12,50\n"
            "                   ^");
  // Tolerant reading goes on with the evident amount: the voucher balances.
  EXPECT_EQ(r.document.vouchers.at(0).transactions.at(0).amount, m("12.50"));
}

TEST(SieReader, UnbalancedVoucherNamesItsLineAndSums) {
  ReadResult r = read_ok(sie(header() + "#VER A 7 20250105\n{\n#TRANS 1910 {} 180\n#TRANS 3001 {} -220\n}\n"));
  ASSERT_EQ(r.errors, 1u);
  EXPECT_EQ(r.diagnostics.at(0).describe(),
            "#VER on line 10: voucher A 7 does not balance: its rows sum to -40.00 (debit 180.00, credit -220.00); "
            "the rows of a voucher must sum to 0");
}

TEST(SieReader, AddedRowsReplaceTheirTwinAndRemovedRowsDoNotCount) {
  ReadResult r = read_ok(sie(header() +
                             "#VER A 1 20250105\n{\n"
                             "#BTRANS 1910 {} 100\n"
                             "#RTRANS 1910 {} 120 20250110 \"\" \"\" \"Ingrid\"\n"
                             "#TRANS 1910 {} 120\n"  // Fortnox/BL twin: no sign, no date
                             "#TRANS 3001 {} -120\n}\n"));
  EXPECT_EQ(r.errors, 0u) << all(r);
  const Voucher& v = r.document.vouchers.at(0);
  ASSERT_EQ(v.transactions.size(), 3u);
  EXPECT_EQ(v.transactions[0].kind, Transaction::Kind::kBTrans);
  EXPECT_EQ(v.transactions[1].kind, Transaction::Kind::kRTrans);
  EXPECT_EQ(v.transactions[1].sign, "Ingrid");
  EXPECT_EQ(v.transactions[2].kind, Transaction::Kind::kTrans);
  EXPECT_EQ(r.summary.rows, 2u);
  EXPECT_TRUE(has(r, "twin of the #RTRANS on line 13 differs"));
}

TEST(SieReader, AddedRowWithoutTwinIsAnError) {
  ReadResult r = read_ok(sie(header() + "#VER A 1 20250105\n{\n#RTRANS 1910 {} 120\n#TRANS 3001 {} -120\n}\n"));
  EXPECT_EQ(r.errors, 1u);
  EXPECT_TRUE(has(r, "#RTRANS on line 12: the added row is not followed by its #TRANS twin")) << all(r);
}

TEST(SieReader, VoucherWithOnlyRemovedRowsIsFine) {
  ReadResult r = read_ok(sie(header() + "#VER A 1 20250105\n{\n#BTRANS 1910 {} 120\n#BTRANS 3001 {} -100\n}\n"));
  EXPECT_EQ(r.errors + r.warnings, 0u) << all(r);
}

TEST(SieReader, StructuralErrors) {
  ReadResult r = read_ok(sie(header() +
                             "#TRANS 1910 {} 1\n"         // outside a voucher
                             "#VER A 1 2025-01-05\n"      // ISO date
                             "{ #TRANS 1910 {} 1\n"      // not alone
                             "#TRANS 1910 {} 1.005\n"    // three decimals
                             "#TRANS 19x0 {} +1\n"       // account, plus sign
                             "#TRANS 3001 -1\n"          // no object list
                             "}\n"
                             "#VER A 2 20250105\n#TRANS 1910 {} 0\n"));  // no braces at all
  const std::string text = all(r);
  for (const char* expected : {
           "#TRANS on line 10: a voucher row outside a voucher",
           "#VER on line 11: the voucher date '2025-01-05' is written with hyphens; SIE dates are YYYYMMDD (20250105)",
           "'{' must stand alone on its line",
           "#TRANS on line 13: the amount '1.005' has more than two decimals",
           "#TRANS on line 14: account '19x0' is not a number",
           "#TRANS on line 14: the amount '+1' has a plus sign",
           "#TRANS on line 15: the object list is missing",
           "#TRANS on line 18: the #VER on line 17 must be followed by a line with '{'",
           "#VER on line 17: the voucher is not closed with '}' before the end of the file",
       })
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
}

TEST(SieReader, UnknownLabelsAreKeptAndReported) {
  ReadResult r = read_ok(sie(header() + "#MOMSKOD 2610 10\n#MOMSKOD 2611 25\n"));
  EXPECT_EQ(r.errors, 0u);
  EXPECT_EQ(r.warnings, 1u) << all(r);  // once per label
  ASSERT_EQ(r.document.unknown_records.size(), 2u);
  EXPECT_EQ(r.document.unknown_records[1].label, "#MOMSKOD");
  EXPECT_EQ(r.document.unknown_records[1].fields, (std::vector<std::string>{"2611", "25"}));
  EXPECT_EQ(r.document.unknown_records[1].line, 11);
}

TEST(SieReader, KsummaMismatchAndTruncation) {
  std::string bytes = testing::read_file_bytes(testing::example_path());
  std::string changed = bytes;
  changed.replace(changed.find("1250.00"), 7, "1250.01");
  changed.replace(changed.find("-1250.00"), 8, "-1250.01");
  ReadResult r = read_ok(changed);
  EXPECT_EQ(r.summary.ksumma, KsummaStatus::kMismatch);
  EXPECT_TRUE(has(r, "the checksum 546704124 does not match the file's contents")) << all(r);

  const std::string truncated = bytes.substr(0, bytes.find("#VER A 3"));
  r = read_ok(truncated);
  EXPECT_EQ(r.summary.ksumma, KsummaStatus::kNotClosed);
  EXPECT_TRUE(has(r, "#KSUMMA on line 2: the file starts a checksum but has no closing #KSUMMA")) << all(r);
}

TEST(SieReader, Utf8FileReadsTheSameAndItsChecksumHoldsAfterTranscoding) {
  const std::string utf8 = cp437_to_utf8(testing::read_file_bytes(testing::example_path()));
  ReadResult r = read_ok(utf8);
  EXPECT_EQ(r.errors, 0u) << all(r);
  EXPECT_EQ(r.summary.ksumma, KsummaStatus::kValidAfterTranscoding);
  EXPECT_EQ(r.summary.encoding, "UTF-8");
  EXPECT_TRUE(has(r, "text in UTF-8"));
  EXPECT_TRUE(r.document == testing::example_document());

  // With a byte-order mark too.
  r = read_ok("\xEF\xBB\xBF" + utf8);
  EXPECT_TRUE(r.document == testing::example_document());
}

TEST(SieReader, OneWindows1252FieldInACp437File) {
  ReadResult r = read_ok(sie(header()) + "#FNR \"C:\\SPCS\\F\xF6retag\"\n#KONTO 1930 \"F\x94retagskonto\"\n");
  EXPECT_EQ(r.document.company_id, "C:\\SPCS\\Företag");
  EXPECT_EQ(r.document.accounts.back().name, "Företagskonto");
  EXPECT_EQ(r.summary.encoding, "CP437 + Windows-1252");
  EXPECT_TRUE(has(r, "text in Windows-1252 (1 fields, the first on this line: 'C:\\SPCS\\Företag', which would "
                     "read 'C:\\SPCS\\F÷retag' in code page 437)"))
      << all(r);
}

TEST(SieReader, BrokenQuotingIsReadAsLiteralText) {
  // SoftOne XE turned ö into a raw '"' byte.
  ReadResult r = read_ok(sie(header() + "#KONTO\t1684 \"Fordringar hos leverant\"r\"\n"));
  EXPECT_EQ(r.document.accounts.back().name, "Fordringar hos leverant\"r");
  EXPECT_TRUE(has(r, "a '\"' in the middle of a field was read as part of the text"));
}

TEST(SieReader, StrictModeFailsOnAWarning) {
  const std::string file = sie(header() + "#ORGNR 5555555555\n");
  EXPECT_TRUE(read_sie(file).ok());
  Result<ReadResult> strict = read_sie(file, {.mode = ParseOptions::Mode::kStrict, .file_name = "x.se"});
  ASSERT_FALSE(strict.ok());
  EXPECT_NE(strict.error().message().find("x.se:10:8: warning: #ORGNR on line 10: the organisation number"),
            std::string::npos)
      << strict.error().message();
}

TEST(SieReader, NotSieAndSie5AreRecognised) {
  EXPECT_FALSE(read_sie("hello\nworld\n").ok());
  EXPECT_EQ(detect_sie_format("\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<Sie>"), SieFormat::kSie5);
  EXPECT_EQ(detect_sie_format("  <SieEntry xmlns=\"http://www.sie.se/sie5\">"), SieFormat::kSie5);
  EXPECT_EQ(detect_sie_format("#FLAGGA 0\r\n"), SieFormat::kSie4);
  EXPECT_EQ(detect_sie_format("PK\x03\x04"), SieFormat::kUnknown);
}

TEST(SieReader, FileWithoutFinalNewlineAndWithBlankLines) {
  ReadResult r = read_ok(sie(header() + "\n\n#VER A 1 20250105\n{\n#TRANS 1910 {} 1\n#TRANS 3001 {} -1\n}"));
  EXPECT_EQ(r.errors + r.warnings, 0u) << all(r);
  EXPECT_EQ(r.summary.vouchers, 1u);
}

TEST(SieCheck, ReportsTheExampleAsValid) {
  Result<CheckReport> r = check_sie_file(testing::example_path(), {.mode = ParseOptions::Mode::kStrict});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->valid) << r->to_text();
  EXPECT_EQ(r->header.company_name, "Exempelkiosken i Malmö AB");
  EXPECT_NE(r->to_text().find("7 accounts, 3 vouchers, 8 rows (2 added, 2 removed)"), std::string::npos)
      << r->to_text();
  EXPECT_NE(r->to_json().find("\"status\": \"valid\""), std::string::npos);
  EXPECT_FALSE(check_sie_file("/nonexistent/file.se").ok());
}

}  // namespace
}  // namespace dagbok::sie
