#include "views/json_views.h"

#include "core/business_day.h"
#include "ledger/log_text.h"
#include "pos/z_report.h"

namespace dagbok::views {

using nlohmann::json;

namespace {
json set_json(const std::set<std::string>& s) { return json(std::vector<std::string>(s.begin(), s.end())); }
json opt_instant(const std::optional<Instant>& t) { return t ? json(t->to_utc_string()) : json(nullptr); }
}  // namespace

json company_json(const Company& c) {
  return {{"id", c.id},
          {"slug", c.slug},
          {"name", c.name},
          {"orgnr", c.orgnr},
          {"country", country_code(c.country)},
          {"timezone", c.timezone},
          {"day_break", format_hh_mm(c.day_break_minutes)},
          {"chart_preset", c.chart_preset}};
}

json user_json(const User& u) {
  return {{"id", u.id}, {"email", u.email}, {"display_name", u.display_name}, {"language", u.language}};
}

json membership_json(const Company& c, const Membership& m) {
  json j = company_json(c);
  j["role"] = std::string(role_name(m.role));
  j["import_right"] = m.can_import_sie;
  json allowed = json::array();
  for (int a = 0; a <= static_cast<int>(auth::Action::kImportSie); ++a) {
    const auto action = static_cast<auth::Action>(a);
    if (auth::AccessPolicy::role_allows(m.role, m.can_import_sie, action))
      allowed.push_back(std::string(auth::action_name(action)));
  }
  j["allowed"] = allowed;
  return j;
}

json z_report_record_json(const ZReportRecord& r) {
  json z = z_report_to_json(r.report);
  z["id"] = r.id;
  z["voucher_id"] = r.voucher_id ? json(*r.voucher_id) : json(nullptr);
  z["voucher_blocked"] = r.voucher_blocked;
  return z;
}

json voucher_json(const Voucher& v) {
  json lines = json::array();
  for (const VoucherLine& l : v.lines)
    lines.push_back(
        {{"account", l.account}, {"amount", l.amount.to_string()}, {"cost_center", l.cost_center}, {"text", l.text}});
  const char* kind = v.kind == Voucher::Kind::kDay        ? "day"
                     : v.kind == Voucher::Kind::kReversal ? "reversal"
                                                          : "correction";
  return {{"id", v.id},
          {"series", v.series},
          {"number", v.number},
          {"date", v.date.to_string()},
          {"text", v.text},
          {"kind", kind},
          {"z_report_id", v.z_report_id ? json(v.z_report_id) : json(nullptr)},
          {"corrects_voucher_id", v.corrects_voucher_id ? json(v.corrects_voucher_id) : json(nullptr)},
          {"debit", v.debit_total().to_string()},
          {"credit", v.credit_total().to_string()},
          {"lines", lines}};
}

json kontoplan_row_json(const KontoplanRow& r) {
  return {{"group", r.group},
          {"key", r.key},
          {"account", r.account.empty() ? json(nullptr) : json(r.account)},
          {"note", r.note},
          {"missing", r.gap}};
}

json kontoplan_changed_json(const KontoplanChanged& c) {
  json accounts = json::array();
  for (const Account& a : c.added_accounts) accounts.push_back({{"number", a.number}, {"name", a.name}});
  return {{"added_entries", c.entries.size()},
          {"added_accounts", accounts},
          {"vouchers_booked", c.booked.booked},
          {"still_blocked", c.booked.still_blocked}};
}

json intake_json(const IntakeSummary& s) {
  return {{"received", s.receipts_read},
          {"stored", s.stored},
          {"unchanged", s.unchanged},
          {"late", s.late},
          {"new_departments", set_json(s.new_departments)},
          {"new_registers", set_json(s.new_registers)},
          {"new_product_groups", set_json(s.new_product_groups)},
          {"new_payment_methods", set_json(s.new_payment_methods)}};
}

json close_json(Date day, const CloseOutcome& out) {
  json reports = json::array();
  for (const ClosedReport& r : out.reports) {
    json z = z_report_record_json(r.record);
    z["voucher_number"] = r.voucher_number ? json(*r.voucher_number) : json(nullptr);
    reports.push_back(std::move(z));
  }
  return {{"day", day.to_string()}, {"z_reports", reports}, {"blocked", out.blocked}};
}

json delivery_json(const Delivery& d) {
  return {{"id", d.id},
          {"destination_id", d.destination_id},
          {"kind", d.kind},
          {"business_date", d.business_date.to_string()},
          {"z_report_ids", d.z_report_ids},
          {"voucher_ids", d.voucher_ids},
          {"status", delivery_status_name(d.status)},
          {"attempts", d.attempts},
          {"created_at", d.created_at.to_utc_string()},
          {"next_attempt_at", d.next_attempt_at.to_utc_string()},
          {"manual", d.manual},
          {"remote_ref", d.remote_ref},
          {"last_error", d.last_error},
          {"delivered_at", opt_instant(d.delivered_at)}};
}

json attempt_json(const DeliveryAttempt& a) {
  return {{"id", a.id},
          {"delivery_id", a.delivery_id},
          {"destination_id", a.destination_id},
          {"destination_kind", a.destination_kind},
          {"business_date", a.business_date.to_string()},
          {"attempt", a.attempt},
          {"started_at", a.started_at.to_utc_string()},
          {"finished_at", a.finished_at.to_utc_string()},
          {"result", a.result},
          {"remote_ref", a.remote_ref},
          {"error", a.error}};
}

json notification_json(const Notification& n) {
  return {{"id", n.id},
          {"created_at", n.created_at.to_utc_string()},
          {"severity", n.severity},
          {"key", n.key},
          {"title", n.title},
          {"message", n.message},
          {"destination_id", n.destination_id ? json(*n.destination_id) : json(nullptr)},
          {"read", n.read},
          {"resolved_at", opt_instant(n.resolved_at)}};
}

json receipt_days_json(const std::vector<ReceiptDay>& rows) {
  json out = json::array();
  for (size_t i = 0; i < rows.size();) {
    const Date day = rows[i].day;
    json registers = json::array();
    int open = 0, receipts = 0, unbooked = 0;
    for (; i < rows.size() && rows[i].day == day; ++i) {
      const ReceiptDay& r = rows[i];
      registers.push_back({{"register", r.register_code},
                           {"department", r.department},
                           {"receipts", r.receipts},
                           {"unbooked", r.unbooked},
                           {"closed", r.closed}});
      open += r.closed ? 0 : 1;
      receipts += r.receipts;
      unbooked += r.unbooked;
    }
    out.push_back({{"date", day.to_string()},
                   {"closed", open == 0},
                   {"open_registers", open},
                   {"receipts", receipts},
                   {"unbooked", unbooked},
                   {"registers", registers}});
  }
  return out;
}

json member_json(const CompanyMember& m, int64_t caller_user_id) {
  json j = user_json(m.user);
  j["role"] = std::string(role_name(m.membership.role));
  j["import_right"] = m.membership.can_import_sie;
  j["you"] = m.user.id == caller_user_id;
  return j;
}

json api_token_json(const ApiTokenRecord& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"prefix", t.prefix},
          {"created_at", t.created_at.to_utc_string()},
          {"revoked_at", opt_instant(t.revoked_at)},
          {"active", !t.revoked_at.has_value()}};
}

json ledger_log_entry_json(const LedgerLogEntry& stored) {
  // Escaped again on the way out: an entry written before the log's texts
  // were kept displayable may hold any bytes, and one that the JSON writer
  // refuses would fail the whole answer.
  const LedgerLogEntry e = ledger::displayable_entry(stored);
  json diagnostics = json::array();
  size_t pos = 0;
  while (pos < e.diagnostics.size()) {  // one line each, bounded by displayable_entry
    size_t end = e.diagnostics.find('\n', pos);
    if (end == std::string::npos) end = e.diagnostics.size();
    if (end > pos) diagnostics.push_back(e.diagnostics.substr(pos, end - pos));
    pos = end + 1;
  }
  return {{"id", e.id},
          {"kind", std::string(ledger_log_kind_name(e.kind))},
          {"at", e.at.to_utc_string()},
          {"user_id", e.user_id ? json(*e.user_id) : json(nullptr)},
          {"actor", e.actor},
          {"file", e.file_name},
          {"sha256", e.sha256},
          {"sie_type", e.sie_type},
          {"program", e.program},
          {"fiscal_years", e.fiscal_years},
          {"accounts", e.accounts},
          {"vouchers", e.vouchers},
          {"transactions", e.transactions},
          {"duration_ms", e.duration_ms},
          {"result", std::string(ledger_outcome_name(e.outcome))},
          {"message", e.message},
          {"warnings", e.warnings},
          {"errors", e.errors},
          {"diagnostics", diagnostics},
          {"undoes", e.target_id ? json(*e.target_id) : json(nullptr)},
          {"undone_by", e.undone_by ? json(*e.undone_by) : json(nullptr)},
          {"repeats", e.repeats},
          {"last_at", opt_instant(e.last_at)}};
}

json fiscal_year_json(const LedgerFiscalYear& y) {
  return {{"id", y.id},
          {"first_day", y.first_day.to_string()},
          {"last_day", y.last_day.to_string()},
          {"year", y.first_day.year()},
          {"source", y.import_id ? "sie" : "dagbok"},
          {"import_id", y.import_id ? json(*y.import_id) : json(nullptr)}};
}

}  // namespace dagbok::views
