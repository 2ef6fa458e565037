#include "connectors/email/email_destination.h"

#include <nlohmann/json.hpp>

#include "formats/csv/day_csv.h"
#include "formats/day/day_export.h"
#include "formats/pdf/z_report_pdf.h"
#include "formats/xlsx/day_xlsx.h"
#include "pipeline/sie_export.h"

namespace dagbok::email {
namespace {

std::vector<std::string> split_addresses(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s + ",") {
    if (c == ',' || c == ';') {
      size_t a = cur.find_first_not_of(" \t"), b = cur.find_last_not_of(" \t");
      if (a != std::string::npos) out.push_back(cur.substr(a, b - a + 1));
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

bool swedish(const Company& c) { return c.country == Country::kSweden; }

}  // namespace

const std::vector<std::string>& email_formats() {
  static const std::vector<std::string> kFormats = {"sie4", "csv", "xlsx", "pdf"};
  return kFormats;
}

Result<EmailSettings> parse_email_settings(const std::string& json_text) {
  nlohmann::json j = nlohmann::json::parse(json_text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return invalid_argument("the e-mail settings are not a JSON object");
  EmailSettings s;
  if (!j.contains("address") || !j["address"].is_string() || j["address"].get<std::string>().empty())
    return failed_precondition("no e-mail address is set: add one under Integrationer → Export via e-post → "
                               "Inställningar (dagbok integrations settings email --address …)");
  s.addresses = split_addresses(j["address"].get<std::string>());
  for (const std::string& a : s.addresses)
    if (!is_valid_address(a))
      return failed_precondition("'" + a + "' is not an e-mail address that can be sent to: correct it under "
                                 "Integrationer → Export via e-post → Inställningar");
  if (j.contains("format") && j["format"].is_string()) s.format = j["format"].get<std::string>();
  bool known = false;
  for (const std::string& f : email_formats()) known |= f == s.format;
  if (!known) {
    std::string all;
    for (const std::string& f : email_formats()) all += (all.empty() ? "" : ", ") + f;
    return failed_precondition("file format '" + s.format + "' is not available; choose one of " + all);
  }
  return s;
}

std::string email_settings_json(const EmailSettings& s) {
  std::string addresses;
  for (const std::string& a : s.addresses) addresses += (addresses.empty() ? "" : ", ") + a;
  return nlohmann::json{{"address", addresses}, {"format", s.format}}.dump();
}

Result<std::vector<Attachment>> day_attachments(const DeliveryPayload& p, const std::string& format_name) {
  ASSIGN_OR_RETURN(DayExportFormat format, parse_day_export_format(format_name));
  const Date day = p.delivery.business_date;
  const std::string part = p.delivery.kind == "correction" ? "rattelse" : "";
  const std::string name = day_export_file_name(p.company.slug, day, format, part);
  if (format == DayExportFormat::kSie4) {
    Date from = day, to = day;
    for (const Voucher& v : p.vouchers) {
      from = std::min(from, v.date);
      to = std::max(to, v.date);
    }
    ASSIGN_OR_RETURN(SieExport e, sie_for_vouchers(p.company, p.vouchers, p.accounts, p.mapping, from, to, p.now));
    return std::vector<Attachment>{{name, std::move(e.bytes), ""}};
  }
  DayExport d;
  d.company = {p.company.slug, p.company.name, p.company.orgnr, p.company.country};
  d.day = day;
  for (const ZReportRecord& z : p.z_reports) d.reports.push_back(z.report);
  d.vouchers = p.vouchers;
  for (const Account& a : p.accounts) d.account_names[a.number] = a.name;
  const std::string type(day_export_content_type(format));
  switch (format) {
    case DayExportFormat::kCsv: {
      std::vector<Attachment> out = {{name, voucher_lines_csv(d), type}};
      if (!d.reports.empty())
        out.push_back({day_export_file_name(p.company.slug, day, format, "z"), z_report_rows_csv(d), type});
      return out;
    }
    case DayExportFormat::kXlsx: {
      ASSIGN_OR_RETURN(std::string bytes, day_xlsx(d));
      return std::vector<Attachment>{{name, std::move(bytes), type}};
    }
    case DayExportFormat::kPdf: {
      ZReportPdfOptions o;
      o.vouchers = VoucherPages::kInclude;
      ASSIGN_OR_RETURN(std::string bytes, z_report_pdf(d, o));
      return std::vector<Attachment>{{name, std::move(bytes), type}};
    }
    case DayExportFormat::kSie4: break;
  }
  return failed_precondition("file format '" + format_name + "' is not available");
}

std::string day_mail_subject(const DeliveryPayload& p) {
  if (p.delivery.kind == "correction")
    return p.company.name + ": " + (swedish(p.company) ? "rättelse av dagsavslut " : "korreksjon av dagsoppgjør ") +
           p.delivery.business_date.to_string();
  Money sales;
  for (const ZReportRecord& z : p.z_reports) sales += z.report.sales_total;
  const bool se = swedish(p.company);
  std::string s = p.company.name + ": " + (se ? "dagsavslut " : "dagsoppgjør ") + p.delivery.business_date.to_string() +
                  ", " + (se ? "försäljning " : "salg ") + sales.to_display() + " " +
                  std::string(currency_of(p.company.country));
  if (p.delivery.kind == "resend") s += se ? " (skickas igen)" : " (sendes på nytt)";
  return s;
}

std::string day_mail_body(const DeliveryPayload& p, const std::string& filename) {
  const bool se = swedish(p.company);
  std::string b = se ? "Hej!\n\nHär är försäljningen för " : "Hei!\n\nHer er salget for ";
  b += p.company.name + (p.company.orgnr.empty() ? "" : " (" + p.company.orgnr + ")") + ", " +
       (se ? "affärsdag " : "salgsdag ") + p.delivery.business_date.to_string() + ".\n\n";
  if (p.delivery.kind == "correction") {
    b += se ? "Dagens verifikation har rättats: den bokförda återförs och en rättad bokförs.\n"
            : "Bilaget for dagen er korrigert: det bokførte tilbakeføres og et korrigert bokføres.\n";
    for (const Voucher& v : p.vouchers) b += "  " + v.series + " " + std::to_string(v.number) + "  " + v.text + "\n";
  }
  Money sales, vat, tips;
  for (const ZReportRecord& z : p.z_reports) {
    const ZReport& r = z.report;
    b += (se ? "Kassa " : "Kasse ") + r.register_id + ", Z-nr " + std::to_string(r.number) + ": " +
         std::to_string(r.receipt_count) + (se ? " kvitton, försäljning " : " kvitteringer, salg ") +
         r.sales_total.to_display() + (se ? ", moms " : ", mva ") + r.vat_total().to_display() + "\n";
    sales += r.sales_total;
    vat += r.vat_total();
    tips += r.tip_amount;
  }
  b += std::string("\n") + (se ? "Summa försäljning: " : "Sum salg: ") + sales.to_display() + "\n" +
       (se ? "Summa moms: " : "Sum mva: ") + vat.to_display() + "\n";
  if (!tips.is_zero()) b += std::string(se ? "Dricks: " : "Tips: ") + tips.to_display() + "\n";
  b += std::string("\n") + (se ? "Bifogad fil: " : "Vedlagt fil: ") + filename + "\n\n" +
       (se ? "Skickat av dagbok efter dagsavslutet.\n" : "Sendt av dagbok etter dagsoppgjøret.\n");
  return b;
}

}  // namespace dagbok::email
