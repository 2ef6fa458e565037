#include "server/routes/days.h"

#include <httplib.h>

#include "exports/engine.h"
#include "formats/day/day_export.h"
#include "formats/pdf/z_report_pdf.h"
#include "pipeline/day_close.h"
#include "pipeline/receipt_intake.h"
#include "pipeline/sie_export.h"
#include "views/json_views.h"

namespace dagbok::server::routes {

using auth::Action;
using nlohmann::json;

Result<Reply> zreports(Call& call) {
  ASSIGN_OR_RETURN(std::optional<Date> from, query_date(call.req, "from", false));
  ASSIGN_OR_RETURN(std::optional<Date> to, query_date(call.req, "to", false));
  ASSIGN_OR_RETURN(std::vector<ZReportRecord> all, call.store.z_reports(call.company->id, from, to));
  json out = json::array();
  for (const ZReportRecord& r : all) out.push_back(views::z_report_record_json(r));
  return Reply{200, out, {}, {}, {}};
}

Result<Reply> close(Call& call) {
  Result<Date> day = Date::parse(call.params["date"]);
  if (!day.ok()) return day.error().with_context("the day in the path");
  CloseRequest req;
  req.day = *day;
  if (!call.body.empty()) {
    ASSIGN_OR_RETURN(json body, json_body(call));
    if (!body.is_object()) return invalid_argument("the request body must be a JSON object");
    ASSIGN_OR_RETURN(std::string department, string_field(body, "department", false));
    if (!department.empty()) req.department = department;
    ASSIGN_OR_RETURN(req.cash_counted, register_amounts(body, "cash_counted"));
    ASSIGN_OR_RETURN(req.opening_float, register_amounts(body, "opening_float"));
  }
  ASSIGN_OR_RETURN(CloseOutcome out, close_day(call.store, *call.company, req, call.ctx.clock));
  return Reply{200, views::close_json(req.day, out), {}, {}, {}};
}

Result<Reply> vouchers(Call& call) {
  ASSIGN_OR_RETURN(std::optional<Date> from, query_date(call.req, "from", false));
  ASSIGN_OR_RETURN(std::optional<Date> to, query_date(call.req, "to", false));
  ASSIGN_OR_RETURN(std::vector<Voucher> all, call.store.vouchers(call.company->id, from, to));
  json out = json::array();
  for (const Voucher& v : all) out.push_back(views::voucher_json(v));
  return Reply{200, out, {}, {}, {}};
}

// One receipt (an object) or a batch (an array); all or nothing, and a
// receipt id already stored with the same content changes nothing.
Result<Reply> receipts(Call& call) {
  ASSIGN_OR_RETURN(json body, json_body(call));
  std::vector<ReceiptSource> items;
  if (body.is_object()) {
    items.push_back({"receipt", body.dump()});
  } else if (body.is_array()) {
    if (body.empty()) return invalid_argument("the array of receipts is empty");
    for (size_t i = 0; i < body.size(); ++i) items.push_back({"receipt " + std::to_string(i + 1), body[i].dump()});
  } else {
    return invalid_argument("send one receipt (a JSON object) or several (a JSON array)");
  }
  ASSIGN_OR_RETURN(IntakeSummary s, import_receipts(call.store, *call.company, items));
  return Reply{s.stored ? 201 : 200, views::intake_json(s), {}, {}, {}};
}

Result<Reply> days(Call& call) {
  ASSIGN_OR_RETURN(std::optional<Date> from, query_date(call.req, "from", false));
  ASSIGN_OR_RETURN(std::optional<Date> to, query_date(call.req, "to", false));
  ASSIGN_OR_RETURN(std::vector<ReceiptDay> rows, call.store.receipt_days(call.company->id, from, to));
  return Reply{200, views::receipt_days_json(rows), {}, {}, {}};
}

static Result<ZReportRecord> z_report_by_id(Call& call) {
  ASSIGN_OR_RETURN(int64_t id, id_param(call.params, "id", "a Z-report"));
  ASSIGN_OR_RETURN(std::vector<ZReportRecord> found, call.store.z_reports_by_id(call.company->id, {id}));
  if (found.empty()) return not_found("there is no Z-report with id " + std::to_string(id));
  return std::move(found.front());
}

// The voucher of a Z-report, for those who may read the books.
static Result<std::optional<Voucher>> voucher_of(Call& call, const ZReportRecord& z) {
  if (!z.voucher_id || !may(call, Action::kViewBooks)) return std::optional<Voucher>();
  ASSIGN_OR_RETURN(std::vector<Voucher> v, call.store.vouchers_by_id(call.company->id, {*z.voucher_id}));
  if (v.empty()) return std::optional<Voucher>();
  return std::optional<Voucher>(std::move(v.front()));
}

Result<Reply> zreport(Call& call) {
  ASSIGN_OR_RETURN(ZReportRecord z, z_report_by_id(call));
  ASSIGN_OR_RETURN(std::optional<Voucher> v, voucher_of(call, z));
  json body = views::z_report_record_json(z);
  body["voucher"] = v ? views::voucher_json(*v) : json(nullptr);
  body["voucher_visible"] = may(call, Action::kViewBooks);
  body["voucher_blocked_advice"] =
      z.voucher_blocked.empty() ? json(nullptr) : json(blocked_voucher_advice(z.voucher_blocked));
  body["pdf"] = "/api/v1/companies/" + call.company->slug + "/zreports/" + std::to_string(z.id) + "/pdf";
  return Reply{200, body, {}, {}, {}};
}

Result<Reply> zreport_pdf(Call& call) {
  ASSIGN_OR_RETURN(ZReportRecord z, z_report_by_id(call));
  ASSIGN_OR_RETURN(std::optional<Voucher> v, voucher_of(call, z));
  DayExport day;
  day.company = {call.company->slug, call.company->name, call.company->orgnr, call.company->country};
  day.day = z.report.business_date;
  day.reports.push_back(z.report);
  if (v) day.vouchers.push_back(*v);
  ASSIGN_OR_RETURN(std::vector<Account> accounts, call.store.accounts(call.company->id));
  for (const Account& a : accounts) day.account_names[a.number] = a.name;
  ASSIGN_OR_RETURN(std::string pdf, z_report_pdf(day, {v ? VoucherPages::kInclude : VoucherPages::kOmit}));
  Reply r;
  r.bytes = std::move(pdf);
  r.content_type = "application/pdf";
  r.headers.emplace_back("Content-Disposition", "inline; filename=\"z-" + call.company->slug + "-" +
                                                    z.report.register_id + "-" + std::to_string(z.report.number) +
                                                    ".pdf\"");
  return r;
}

Result<Reply> voucher(Call& call) {
  ASSIGN_OR_RETURN(int64_t id, id_param(call.params, "id", "a voucher"));
  ASSIGN_OR_RETURN(std::vector<Voucher> v, call.store.vouchers_by_id(call.company->id, {id}));
  if (v.empty()) return not_found("there is no voucher with id " + std::to_string(id));
  return Reply{200, views::voucher_json(v.front()), {}, {}, {}};
}

Result<Reply> sie(Call& call) {
  ASSIGN_OR_RETURN(std::optional<Date> from, query_date(call.req, "from", true));
  ASSIGN_OR_RETURN(std::optional<Date> to, query_date(call.req, "to", true));
  if (*to < *from) return invalid_argument("'to' is before 'from'");
  ASSIGN_OR_RETURN(SieExport e, export_sie(call.store, *call.company, *from, *to, call.ctx.clock));
  Reply r;
  r.bytes = std::move(e.bytes);
  r.content_type = "application/octet-stream";
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"" + sie_file_name(*call.company, *from, *to) + "\"");
  r.headers.emplace_back("X-Dagbok-Vouchers", std::to_string(e.vouchers));
  return r;
}

}  // namespace dagbok::server::routes
