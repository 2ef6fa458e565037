#include "connectors/visma/visma_vouchers.h"

#include "exports/voucher_pdf.h"
#include "net/wire_text.h"

namespace dagbok::visma {
namespace {

using nlohmann::json;
constexpr const char* kKind = "visma";

std::string text_of(const json& j, const char* name) {
  if (!j.is_object() || !j.contains(name) || j[name].is_null()) return "";
  return j[name].is_string() ? j[name].get<std::string>() : j[name].dump();
}

// OData's string literal: 'it''s'.
std::string odata_string(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

bool is_number(const std::string& s) {
  return !s.empty() && s.size() <= 18 && s.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

std::string voucher_reference(int64_t company_id, const Voucher& v) {
  return "dagbok-" + std::to_string(company_id) + "-" + std::to_string(v.id);
}

std::string voucher_text(const Voucher& v) {
  const std::string mark = " (dagbok " + v.series + " " + std::to_string(v.number) + ")";
  return net::cut_code_points(v.text, kVoucherTextMax - mark.size()) + mark;
}

Result<std::string> voucher_body(const Voucher& v, const SendOptions& o, bool draft,
                                 const std::string& attachment_id) {
  json rows = json::array();
  for (const VoucherLine& l : v.lines) {
    if (l.amount.is_zero()) continue;
    if (!is_number(l.account))
      return failed_precondition("Account '" + l.account + "' of voucher " + v.series + " " +
                                 std::to_string(v.number) + " is not an account number Visma eEkonomi takes: "
                                 "map it to a number of the BAS chart under Kontoplan, then send the day again.");
    json row = {{"AccountNumber", std::stoll(l.account)},
                {l.amount.is_negative() ? "CreditAmount" : "DebitAmount", net::json_amount_mark(l.amount.abs())},
                {"TransactionText",
                 net::cut_code_points(l.text.empty() ? v.text : l.text, draft ? kDraftRowTextMax : kRowTextMax)}};
    if (!o.cost_center_item.empty()) row["CostCenterItemId1"] = o.cost_center_item;
    rows.push_back(std::move(row));
  }
  json b = {{"VoucherDate", v.date.to_string()}, {"VoucherText", voucher_text(v)}, {"Rows", std::move(rows)}};
  if (!draft) b["VoucherType"] = 2;  // ManualVoucher
  if (!o.number_series.empty()) b["NumberSeries"] = o.number_series;
  if (!draft && !attachment_id.empty())
    b["Attachments"] = {{"DocumentType", 3}, {"AttachmentIds", json::array({attachment_id})}};
  return net::with_json_amounts(b.dump());
}

VoucherSender::VoucherSender(VismaClient& client, ConnectorState& state, const DeliveryPayload& p,
                             SendOptions options)
    : client_(client), state_(state), p_(p), o_(std::move(options)) {}

std::string VoucherSender::what(const Voucher& v) const {
  return "voucher " + v.series + " " + std::to_string(v.number) + " (" + v.date.to_string() + ")";
}

// The fiscal year that holds the voucher's date, open for accounting; a
// missing or locked year is for the merchant to fix in Visma, not a retry.
Result<std::string> VoucherSender::year_of(const Voucher& v) {
  if (!years_) { ASSIGN_OR_RETURN(years_, client_.get_all("/fiscalyears")); }
  const std::string day = v.date.to_string();
  for (const json& y : *years_) {
    const std::string from = text_of(y, "StartDate").substr(0, 10), to = text_of(y, "EndDate").substr(0, 10);
    if (from.empty() || to.empty() || day < from || day > to) continue;
    if (y.contains("IsLockedForAccounting") && y["IsLockedForAccounting"].is_boolean() &&
        y["IsLockedForAccounting"].get<bool>())
      return failed_precondition("The fiscal year " + from + " – " + to + " is locked for accounting in Visma "
                                 "eEkonomi, so " + what(v) + " cannot be booked: open the fiscal year in Visma "
                                 "eEkonomi (Inställningar → Räkenskapsår), then send the day again.");
    return text_of(y, "Id");
  }
  return failed_precondition("Visma eEkonomi has no fiscal year for " + day + " (" + what(v) + "): create the "
                             "fiscal year " + std::to_string(v.date.year()) + " in Visma eEkonomi (Inställningar → "
                             "Räkenskapsår), then send the day again.");
}

Status VoucherSender::check_accounts(const Voucher& v, const std::string& year_id) {
  auto it = charts_.find(year_id);
  if (it == charts_.end()) {
    ASSIGN_OR_RETURN(std::vector<json> rows, client_.get_all("/accounts/" + year_id));
    std::set<std::string> numbers;
    for (const json& r : rows) numbers.insert(text_of(r, "Number"));
    it = charts_.emplace(year_id, std::move(numbers)).first;
  }
  for (const VoucherLine& l : v.lines)
    if (!l.amount.is_zero() && !it->second.count(l.account))
      return failed_precondition("Account " + l.account + " that dagbok books is not in the Visma eEkonomi chart "
                                 "of accounts for " + std::to_string(v.date.year()) + ": create account " +
                                 l.account + " in Visma eEkonomi (Inställningar → Kontoplan) or map it to an "
                                 "account the company has under Kontoplan in dagbok, then send the day again.");
  return ok_status();
}

Result<std::string> VoucherSender::upload_pdf(const Voucher& v, const std::string& ref) {
  ASSIGN_OR_RETURN(std::optional<std::string> kept, state_.get(p_.company.id, kKind, "pdf:" + ref));
  if (kept) return *kept;
  ASSIGN_OR_RETURN(std::string pdf, voucher_pdf(p_, v));
  const json b = {{"ContentType", "application/pdf"}, {"FileName", voucher_pdf_name(p_, v)},
                  {"Data", net::base64_encode(pdf)}};
  ASSIGN_OR_RETURN(Answer a, client_.call("POST", "/attachments", b.dump()));
  if (a.status != 200 && a.status != 201) return vendor_error(a, "the Z-report PDF of " + what(v));
  const std::string id = text_of(a.json, "Id");
  if (id.empty()) return unavailable("Visma eEkonomi's answer to POST /v2/attachments had no Id");
  TRY(state_.put(p_.company.id, kKind, "pdf:" + ref, id));
  return id;
}

Result<std::string> VoucherSender::find_voucher(const Voucher& v, const std::string& year_id) {
  const std::string text = voucher_text(v);
  const std::string filter = "VoucherText eq " + odata_string(text) + " and VoucherDate eq " + v.date.to_string();
  Result<std::vector<json>> rows = client_.get_all("/vouchers/" + year_id + "?$filter=" + net::url_encode(filter));
  if (!rows.ok() && rows.error().code() == ErrorCode::kFailedPrecondition)
    rows = client_.get_all("/vouchers/" + year_id);  // a service that does not filter: read the year
  if (!rows.ok()) return std::move(rows).error();
  for (const json& r : *rows)
    if (text_of(r, "VoucherText") == text && text_of(r, "VoucherDate").substr(0, 10) == v.date.to_string())
      return text_of(r, "Id");
  return std::string();
}

Result<std::string> VoucherSender::find_draft(const Voucher& v) {
  ASSIGN_OR_RETURN(std::vector<json> rows, client_.get_all("/voucherdrafts"));
  const std::string text = voucher_text(v);
  for (const json& r : rows)
    if (text_of(r, "VoucherText") == text && text_of(r, "VoucherDate").substr(0, 10) == v.date.to_string())
      return text_of(r, "Id");
  return std::string();
}

// The voucher (or draft) posted once: "sending" first, and when a run before
// this one got that far, a look-up before posting again.
Result<std::string> VoucherSender::make(const Voucher& v, const std::string& ref, const std::string& year_id,
                                        const std::string& attachment_id) {
  const bool draft = o_.mode != VoucherMode::kVoucher;
  ASSIGN_OR_RETURN(std::optional<std::string> sending, state_.get(p_.company.id, kKind, "sending:" + ref));
  if (sending) {
    ASSIGN_OR_RETURN(std::string found, draft ? find_draft(v) : find_voucher(v, year_id));
    if (draft && found.empty() && o_.mode == VoucherMode::kDraftConverted) {
      // The draft may be gone because it was converted already.
      ASSIGN_OR_RETURN(found, find_voucher(v, year_id));
      if (!found.empty()) {
        TRY(state_.put(p_.company.id, kKind, "converted:" + ref, found));
        return found;
      }
    }
    if (!found.empty()) return found;
  }
  TRY(state_.put(p_.company.id, kKind, "sending:" + ref, "1"));
  ASSIGN_OR_RETURN(std::string b, voucher_body(v, o_, draft, attachment_id));
  std::string path = draft ? "/voucherdrafts?amountIncludesVat=false"
                           : std::string("/vouchers?useAutomaticVatCalculation=false&useDefaultVatCodes=true"
                                         "&useDefaultVoucherSeries=") +
                                 (o_.number_series.empty() ? "true" : "false");
  ASSIGN_OR_RETURN(Answer a, client_.call("POST", path, b));
  if (a.status != 200 && a.status != 201) return vendor_error(a, what(v));
  const std::string id = text_of(a.json, "Id");
  if (id.empty()) return unavailable("Visma eEkonomi's answer to POST /v2" + path.substr(0, path.find('?')) + " had no Id");
  return id;
}

Result<std::string> VoucherSender::convert(const Voucher& v, const std::string& ref, const std::string& draft_id,
                                           const std::string& year_id, const std::string& attachment_id) {
  ASSIGN_OR_RETURN(std::optional<std::string> done, state_.get(p_.company.id, kKind, "converted:" + ref));
  std::string id = done ? *done : "";
  if (id.empty()) {
    ASSIGN_OR_RETURN(Answer a, client_.call("POST", "/voucherdrafts/" + net::url_encode(draft_id) + "/convert"));
    if (a.status == 404) {  // converted by a run whose answer was lost
      ASSIGN_OR_RETURN(id, find_voucher(v, year_id));
      if (id.empty()) return vendor_error(a, "converting the draft of " + what(v));
    } else if (a.status != 200 && a.status != 201) {
      return vendor_error(a, "converting the draft of " + what(v));
    } else {
      id = text_of(a.json, "Id");
      if (id.empty()) return unavailable("Visma eEkonomi's answer to converting a draft had no Id");
    }
    TRY(state_.put(p_.company.id, kKind, "converted:" + ref, id));
  }
  TRY(link(v, attachment_id, id));
  return id;
}

Status VoucherSender::link(const Voucher& v, const std::string& attachment_id, const std::string& voucher_id) {
  const json b = {{"DocumentType", 3}, {"DocumentId", voucher_id}, {"AttachmentIds", json::array({attachment_id})}};
  ASSIGN_OR_RETURN(Answer a, client_.call("POST", "/attachmentlinks", b.dump()));
  if (a.status >= 200 && a.status < 300) return ok_status();
  return vendor_error(a, "linking the Z-report PDF to " + what(v));
}

Result<std::string> VoucherSender::send_all() {
  std::string refs;
  for (const Voucher& v : p_.vouchers) {
    const std::string ref = voucher_reference(p_.company.id, v);
    ASSIGN_OR_RETURN(std::optional<std::string> sent, state_.get(p_.company.id, kKind, "sent:" + ref));
    std::string remote = sent ? *sent : "";
    if (remote.empty()) {
      ASSIGN_OR_RETURN(std::string year_id, year_of(v));
      TRY(check_accounts(v, year_id));
      ASSIGN_OR_RETURN(std::string attachment, upload_pdf(v, ref));
      ASSIGN_OR_RETURN(std::optional<std::string> made, state_.get(p_.company.id, kKind, "made:" + ref));
      if (made) {
        remote = *made;
      } else {
        ASSIGN_OR_RETURN(remote, make(v, ref, year_id, attachment));
        TRY(state_.put(p_.company.id, kKind, "made:" + ref, remote));
      }
      if (o_.mode == VoucherMode::kDraftConverted) { ASSIGN_OR_RETURN(remote, convert(v, ref, remote, year_id, attachment)); }
      TRY(state_.put(p_.company.id, kKind, "sent:" + ref, remote));
    }
    refs += (refs.empty() ? "" : ",") + remote;
  }
  return refs;
}

}  // namespace dagbok::visma
