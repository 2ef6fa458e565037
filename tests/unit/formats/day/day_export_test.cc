#include "formats/day/day_export.h"

#include <gtest/gtest.h>

#include "formats/day/day_labels.h"
#include "unit/formats/day/example_day.h"

namespace dagbok {
namespace {

TEST(DayExport, FileNamesPerFormat) {
  const Date d = Date::from_ymd(2026, 11, 20);
  EXPECT_EQ(day_export_file_name("kaffebaren", d, DayExportFormat::kSie4), "dagbok-kaffebaren-2026-11-20.se");
  EXPECT_EQ(day_export_file_name("kaffebaren", d, DayExportFormat::kCsv), "dagbok-kaffebaren-2026-11-20.csv");
  EXPECT_EQ(day_export_file_name("kaffebaren", d, DayExportFormat::kCsv, "z"), "dagbok-kaffebaren-2026-11-20-z.csv");
  EXPECT_EQ(day_export_file_name("kaffebaren", d, DayExportFormat::kXlsx), "dagbok-kaffebaren-2026-11-20.xlsx");
  EXPECT_EQ(day_export_file_name("kaffebaren", d, DayExportFormat::kPdf), "dagbok-kaffebaren-2026-11-20.pdf");
}

TEST(DayExport, ContentTypes) {
  EXPECT_EQ(day_export_content_type(DayExportFormat::kCsv), "text/csv; charset=utf-8");
  EXPECT_EQ(day_export_content_type(DayExportFormat::kXlsx),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(day_export_content_type(DayExportFormat::kPdf), "application/pdf");
  EXPECT_EQ(day_export_content_type(DayExportFormat::kSie4), "application/octet-stream");
}

TEST(DayExport, FormatNamesRoundTrip) {
  for (DayExportFormat f : {DayExportFormat::kSie4, DayExportFormat::kCsv, DayExportFormat::kXlsx, DayExportFormat::kPdf}) {
    Result<DayExportFormat> back = parse_day_export_format(day_export_format_name(f));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, f);
  }
  Result<DayExportFormat> bad = parse_day_export_format("docx");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(bad.error().message().find("sie4, csv, xlsx or pdf"), std::string::npos);
}

TEST(DayExport, TotalsSumTheRegisters) {
  const DayExport day = testing::busy_swedish_day();
  ASSERT_EQ(day.reports.size(), 2u);
  EXPECT_EQ(day_sales_total(day).to_string(), "936.90");
  EXPECT_EQ(day_payments_total(day).to_string(), "1462.00");
  EXPECT_EQ(account_name(day, "1910"), "Kassa");
  EXPECT_EQ(account_name(day, "9999"), "");
}

TEST(DayLabels, SwedishAndNorwegian) {
  EXPECT_STREQ(day_labels(Country::kSweden).z_report_title, "Z-dagrapport");
  EXPECT_STREQ(day_labels(Country::kNorway).z_report_title, "Z-rapport");
  EXPECT_STREQ(day_labels(Country::kSweden).vouchers_sheet, "Verifikationer");
  EXPECT_STREQ(day_labels(Country::kNorway).vat_sheet, "Mva");
}

}  // namespace
}  // namespace dagbok
