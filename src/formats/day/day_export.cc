#include "formats/day/day_export.h"

namespace dagbok {

std::string_view day_export_format_name(DayExportFormat format) {
  switch (format) {
    case DayExportFormat::kSie4: return "sie4";
    case DayExportFormat::kCsv: return "csv";
    case DayExportFormat::kXlsx: return "xlsx";
    case DayExportFormat::kPdf: return "pdf";
  }
  return "sie4";
}

Result<DayExportFormat> parse_day_export_format(std::string_view name) {
  for (DayExportFormat f : {DayExportFormat::kSie4, DayExportFormat::kCsv, DayExportFormat::kXlsx, DayExportFormat::kPdf})
    if (name == day_export_format_name(f)) return f;
  return invalid_argument("unknown export format '" + std::string(name) + "': choose sie4, csv, xlsx or pdf");
}

std::string_view day_export_content_type(DayExportFormat format) {
  switch (format) {
    case DayExportFormat::kSie4: return "application/octet-stream";
    case DayExportFormat::kCsv: return "text/csv; charset=utf-8";
    case DayExportFormat::kXlsx: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    case DayExportFormat::kPdf: return "application/pdf";
  }
  return "application/octet-stream";
}

std::string_view day_export_extension(DayExportFormat format) {
  switch (format) {
    case DayExportFormat::kSie4: return ".se";
    case DayExportFormat::kCsv: return ".csv";
    case DayExportFormat::kXlsx: return ".xlsx";
    case DayExportFormat::kPdf: return ".pdf";
  }
  return "";
}

std::string day_export_file_name(std::string_view company_slug, Date day, DayExportFormat format,
                                 std::string_view part) {
  std::string name = "dagbok-" + std::string(company_slug) + "-" + day.to_string();
  if (!part.empty()) name += "-" + std::string(part);
  return name + std::string(day_export_extension(format));
}

Money day_sales_total(const DayExport& day) {
  Money sum;
  for (const ZReport& z : day.reports) sum += z.sales_total;
  return sum;
}

Money day_payments_total(const DayExport& day) {
  Money sum;
  for (const ZReport& z : day.reports) sum += z.payments_total;
  return sum;
}

std::string account_name(const DayExport& day, const std::string& account) {
  auto it = day.account_names.find(account);
  return it == day.account_names.end() ? std::string() : it->second;
}

}  // namespace dagbok
