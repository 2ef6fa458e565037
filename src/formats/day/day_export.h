// DayExport: everything one closed business day produced, ready to be written
// as a file for a person or a program outside dagbok (the "Export via e-mail"
// integration mails it after each day close in the format the merchant chose).
//
// It holds values, not a store: whoever builds it (the export engine) reads the
// company, the day's Z-reports and vouchers and the chart of accounts, and the
// writers in formats/csv, formats/xlsx and formats/pdf turn it into bytes.
//
//   DayExport day{{"kaffebaren", "Kaffebaren AB", "556677-8899", Country::kSweden},
//                 Date::from_ymd(2026, 11, 20), {z}, {voucher}, {{"1910", "Kassa"}}};
//   std::string csv = voucher_lines_csv(day);
//   std::string name = day_export_file_name("kaffebaren", day.day, DayExportFormat::kCsv);
//   // "dagbok-kaffebaren-2026-11-20.csv", content type "text/csv; charset=utf-8"
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "books/voucher.h"
#include "core/date.h"
#include "core/result.h"
#include "core/vat.h"
#include "pos/z_report.h"

namespace dagbok {

// The company as the files name it. A copy of the store's Company fields the
// writers need, so that formats stay below the store.
struct ExportCompany {
  std::string slug;  // for file names: "kaffebaren"
  std::string name;
  std::string orgnr;
  Country country = Country::kSweden;  // chooses Swedish or Norwegian labels
};

struct DayExport {
  ExportCompany company;
  Date day;
  std::vector<ZReport> reports;  // one per register closed that day
  std::vector<Voucher> vouchers;
  std::map<std::string, std::string> account_names;  // "1910" -> "Kassa"; missing ones print empty
};

// The formats the merchant can choose for the e-mail attachment.
enum class DayExportFormat { kSie4, kCsv, kXlsx, kPdf };

// "sie4", "csv", "xlsx", "pdf": the names used in settings and on the CLI.
std::string_view day_export_format_name(DayExportFormat format);
Result<DayExportFormat> parse_day_export_format(std::string_view name);

// The MIME type of the attachment: "application/octet-stream" for SIE 4 (a
// CP437 text file no program should reinterpret), "text/csv; charset=utf-8",
// the Office Open XML spreadsheet type, "application/pdf".
std::string_view day_export_content_type(DayExportFormat format);

// ".se", ".csv", ".xlsx", ".pdf".
std::string_view day_export_extension(DayExportFormat format);

// "dagbok-kaffebaren-2026-11-20.pdf". `part` tells apart several files of one
// format for the same day: part "z" gives "dagbok-kaffebaren-2026-11-20-z.csv".
// REQUIRES: slug is a file-name-safe slug (as Company::slug is).
std::string day_export_file_name(std::string_view company_slug, Date day, DayExportFormat format,
                                 std::string_view part = {});

// Σ sales incl. VAT of the day's Z-reports, and Σ payments: for subject lines.
Money day_sales_total(const DayExport& day);
Money day_payments_total(const DayExport& day);

// The account's name, or "" when the chart does not have it.
std::string account_name(const DayExport& day, const std::string& account);

}  // namespace dagbok
