#include "formats/pdf/z_report_pdf.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "unit/formats/day/example_day.h"

namespace dagbok {
namespace {

namespace fs = std::filesystem;

// Runs a poppler tool (pdftotext, pdffonts) on the PDF and returns its output.
// `after` goes after the file name ("-": pdftotext to stdout).
std::string run_on_pdf(const std::string& pdf, const std::string& tool, const std::string& after = "") {
  // ctest runs each test in its own process, in parallel: a directory per process.
  const fs::path dir = fs::path(::testing::TempDir()) / ("z_report_pdf_" + std::to_string(getpid()));
  fs::create_directories(dir);
  const fs::path file = dir / "z.pdf";
  {
    std::ofstream out(file, std::ios::binary);
    out.write(pdf.data(), static_cast<std::streamsize>(pdf.size()));
  }
  std::string output;
  if (FILE* p = popen((tool + " '" + file.string() + "' " + after + " 2>&1").c_str(), "r")) {
    char buf[512];
    while (size_t n = fread(buf, 1, sizeof buf, p)) output.append(buf, n);
    pclose(p);
  }
  fs::remove_all(dir);
  return output;
}

// pdftotext keeps the no-break space of "1 366,00"; compare with plain spaces.
std::string text_of(const std::string& pdf) {
  std::string t = run_on_pdf(pdf, "pdftotext -layout -enc UTF-8 -q", "-");
  std::string out;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t.compare(i, 2, "\xC2\xA0") == 0) {
      out += ' ';
      ++i;
    } else {
      out += t[i];
    }
  }
  return out;
}

TEST(ZReportPdf, IsAPdf) {
  Result<std::string> pdf = z_report_pdf(testing::small_swedish_day());
  ASSERT_TRUE(pdf.ok()) << pdf.error().message();
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
  EXPECT_NE(pdf->find("%%EOF"), std::string::npos);
}

TEST(ZReportPdf, SwedishTextIsExtractable) {
  const DayExport day = testing::busy_swedish_day();
  Result<std::string> pdf = z_report_pdf(day, {VoucherPages::kInclude});
  ASSERT_TRUE(pdf.ok()) << pdf.error().message();
  const std::string text = text_of(*pdf);
  ASSERT_FALSE(text.empty()) << "pdftotext missing? (poppler-utils, see scripts/debian-packages.txt)";
  for (const char* want : {"Kaffebaren AB", "Z-dagrapport", "Org.nr 556677-8899", "318", "77", "840,90",
                           "Försäljningssumma", "Summa betalningar", "1 366,00", "Öresavrundning", "Växelkassa",
                           "Kassadifferens", "-1,00", "Grand total netto", "1 231 086,90", "Kvitto R6",
                           "2026-11-20T22:10:00Z", "Smörgås", "Verifikation Z 41", "Verifikation Z 42", "Sida 1"})
    EXPECT_NE(text.find(want), std::string::npos) << "'" << want << "' not in:\n" << text;
}

TEST(ZReportPdf, OnePagePerRegisterWithoutVouchers) {
  Result<std::string> pdf = z_report_pdf(testing::busy_swedish_day());
  ASSERT_TRUE(pdf.ok());
  const std::string text = text_of(*pdf);
  EXPECT_EQ(text.find("Verifikation Z"), std::string::npos);
  const std::string info = run_on_pdf(*pdf, "pdfinfo");
  // K1 (with its late receipt) may run onto a second page; K2 starts its own.
  EXPECT_TRUE(info.find("Pages:           2") != std::string::npos ||
              info.find("Pages:           3") != std::string::npos)
      << info;
  EXPECT_NE(info.find("Page size:       595.276 x 841.89 pts (A4)"), std::string::npos) << info;
}

TEST(ZReportPdf, NorwegianLabelsAndLetters) {
  Result<std::string> pdf = z_report_pdf(testing::small_norwegian_day(), {VoucherPages::kInclude});
  ASSERT_TRUE(pdf.ok());
  const std::string text = text_of(*pdf);
  for (const char* want : {"Z-rapport", "Fjordkafé AS", "Org.nr. 987654321", "Totalt salg", "Øreavrunding",
                           "Sum betalinger", "Bilag Z 5", "ikke opptalt", "Mva-sats", "Grunnlag"})
    EXPECT_NE(text.find(want), std::string::npos) << "'" << want << "' not in:\n" << text;
  EXPECT_EQ(text.find("Kassedifferanse"), std::string::npos);  // nothing counted, no difference
  EXPECT_EQ(text.find("Z-dagrapport"), std::string::npos);
}

// The payment methods by their label, not the till's key: "Kort (…)", never "card (…)".
TEST(ZReportPdf, PaymentMethodsByTheirLabel) {
  const std::string sv = text_of(*z_report_pdf(testing::busy_swedish_day()));
  for (const char* want : {"Kort (", "Kontant (", "Swish (", "Presentkort ("})
    EXPECT_NE(sv.find(want), std::string::npos) << "'" << want << "' not in:\n" << sv;
  for (const char* key : {"card (", "cash (", "swish (", "gift_card ("})
    EXPECT_EQ(sv.find(key), std::string::npos) << "'" << key << "' in:\n" << sv;
  const std::string nb = text_of(*z_report_pdf(testing::small_norwegian_day()));
  EXPECT_NE(nb.find("Kort ("), std::string::npos) << nb;
  EXPECT_NE(nb.find("Kontant ("), std::string::npos) << nb;
  EXPECT_EQ(nb.find("card ("), std::string::npos) << nb;
}

TEST(ZReportPdf, EmbedsDejaVuSans) {
  Result<std::string> pdf = z_report_pdf(testing::small_swedish_day());
  ASSERT_TRUE(pdf.ok());
  const std::string fonts = run_on_pdf(*pdf, "pdffonts");
  EXPECT_NE(fonts.find("DejaVuSans"), std::string::npos) << fonts << "(needs fonts-dejavu-core)";
  EXPECT_EQ(fonts.find(" no "), std::string::npos) << "a font is not embedded or has no ToUnicode map:\n" << fonts;
}

TEST(ZReportPdf, EmptyDaySaysSo) {
  DayExport day;
  day.company = {"tom", "Tomma butiken AB", "556000-0000", Country::kSweden};
  day.day = Date::from_ymd(2026, 1, 2);
  Result<std::string> pdf = z_report_pdf(day);
  ASSERT_TRUE(pdf.ok());
  const std::string text = text_of(*pdf);
  EXPECT_NE(text.find("Inga kassor stängdes denna dag."), std::string::npos) << text;
}

TEST(ZReportPdf, LongNamesAreCutNotDrawnOverAmounts) {
  DayExport day = testing::small_swedish_day();
  day.reports[0].groups[0].product_group = std::string(60, 'X') + "ÅÄÖ-slut";
  Result<std::string> pdf = z_report_pdf(day);
  ASSERT_TRUE(pdf.ok());
  const std::string text = text_of(*pdf);
  EXPECT_EQ(text.find("ÅÄÖ-slut"), std::string::npos);
  EXPECT_NE(text.find("XXXX…"), std::string::npos) << text;
}

}  // namespace
}  // namespace dagbok
