#include "exports/voucher_pdf.h"

#include "formats/day/day_export.h"
#include "formats/pdf/z_report_pdf.h"

namespace dagbok {

Result<std::string> voucher_pdf(const DeliveryPayload& p, const Voucher& v) {
  DayExport d;
  d.company = {p.company.slug, p.company.name, p.company.orgnr, p.company.country};
  d.day = p.delivery.business_date;
  for (const ZReportRecord& z : p.z_reports)
    if (v.z_report_id == 0 || z.id == v.z_report_id) d.reports.push_back(z.report);
  d.vouchers = {v};
  for (const Account& a : p.accounts) d.account_names[a.number] = a.name;
  ZReportPdfOptions o;
  o.vouchers = VoucherPages::kInclude;
  return z_report_pdf(d, o);
}

std::string voucher_pdf_name(const DeliveryPayload& p, const Voucher& v) {
  return "z-" + p.company.slug + "-" + v.date.to_string() + "-" + v.series + std::to_string(v.number) + ".pdf";
}

}  // namespace dagbok
