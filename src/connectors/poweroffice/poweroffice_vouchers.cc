#include "connectors/poweroffice/poweroffice_vouchers.h"

#include <algorithm>
#include <cctype>

#include "core/vat.h"
#include "exports/voucher_pdf.h"
#include "net/wire_text.h"

namespace dagbok::poweroffice {
namespace {

using nlohmann::json;
constexpr const char* kKind = "poweroffice";

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

int64_t as_id(const json& j) {
  if (j.is_number_integer()) return j.get<int64_t>();
  if (j.is_string()) return std::stoll(j.get<std::string>());
  return 0;
}

std::string id_text(const json& j) { return j.is_string() ? j.get<std::string>() : j.dump(); }

// The object's field in any casing.
const json* find(const json& j, const std::string& name) {
  if (!j.is_object()) return nullptr;
  for (auto it = j.begin(); it != j.end(); ++it)
    if (lower(it.key()) == lower(name)) return &it.value();
  return nullptr;
}

bool duplicate_reference(const Answer& a) {
  if (a.status == 409) return true;
  const std::string m = lower(vendor_message(a));
  return a.status == 400 && m.find("externalimportreference") != std::string::npos &&
         (m.find("already") != std::string::npos || m.find("in use") != std::string::npos ||
          m.find("exist") != std::string::npos || m.find("duplicate") != std::string::npos);
}

}  // namespace

std::string voucher_reference(int64_t company_id, const Voucher& v) {
  return "dagbok-" + std::to_string(company_id) + "-" + std::to_string(v.id);
}

std::string amount_literal(Money m) { return m.to_string(); }

VoucherSender::VoucherSender(PowerOfficeClient& client, ConnectorState& state, const DeliveryPayload& p,
                             VoucherMode mode, std::string vat_code)
    : client_(client), state_(state), p_(p), mode_(mode), vat_code_(std::move(vat_code)) {}

Result<std::map<std::string, int64_t>> VoucherSender::account_ids(bool fresh) {
  std::set<std::string> numbers;
  for (const Voucher& v : p_.vouchers)
    for (const VoucherLine& l : v.lines) numbers.insert(l.account);
  std::map<std::string, int64_t> ids;
  std::string missing;
  from_cache_.clear();
  for (const std::string& n : numbers) {
    if (fresh) TRY(state_.erase(p_.company.id, kKind, "account:" + n));
    ASSIGN_OR_RETURN(std::optional<std::string> cached, state_.get(p_.company.id, kKind, "account:" + n));
    if (cached) {
      ids[n] = std::stoll(*cached);
      from_cache_.insert(n);
    } else {
      missing += (missing.empty() ? "" : ",") + n;
    }
  }
  if (missing.empty()) return ids;
  ASSIGN_OR_RETURN(json rows, client_.get_json("/GeneralLedgerAccounts?accountNos=" + net::url_encode(missing)));
  for (const json& r : rows) {
    const json* no = find(r, "AccountNo");
    const json* id = find(r, "Id");
    if (no == nullptr || id == nullptr) continue;
    const std::string number = id_text(*no);
    if (!numbers.count(number)) continue;
    ids[number] = as_id(*id);
    TRY(state_.put(p_.company.id, kKind, "account:" + number, std::to_string(ids[number])));
  }
  for (const std::string& n : numbers)
    if (!ids.count(n))
      return failed_precondition("Account " + n + " that dagbok books is not in the PowerOffice Go client's chart "
                                 "of accounts: create account " + n + " in PowerOffice Go (Settings → Chart of "
                                 "accounts) or map it to an account the client has under Kontoplan in dagbok, "
                                 "then import again.");
  return ids;
}

Result<int64_t> VoucherSender::vat_id() {
  const std::string name = "vat:" + vat_code_;
  ASSIGN_OR_RETURN(std::optional<std::string> cached, state_.get(p_.company.id, kKind, name));
  if (cached) return std::stoll(*cached);
  ASSIGN_OR_RETURN(json rows, client_.get_json("/VatCodes"));
  for (const json& r : rows) {
    const json* code = find(r, "Code");
    const json* id = find(r, "Id");
    if (code == nullptr || id == nullptr || id_text(*code) != vat_code_) continue;
    TRY(state_.put(p_.company.id, kKind, name, std::to_string(as_id(*id)), std::chrono::hours(24)));
    return as_id(*id);
  }
  return failed_precondition("PowerOffice Go has no VAT code '" + vat_code_ + "' on this client: choose one of its "
                             "VAT codes under Integrationer → PowerOffice Go → Inställningar (vat_code).");
}

Result<std::string> VoucherSender::body(const Voucher& v, const std::map<std::string, int64_t>& ids, int64_t vat,
                                        const std::string& ref) const {
  const std::string date = v.date.to_string();
  const std::string currency(currency_of(p_.company.country));
  json b = {{"CurrencyCode", currency}, {"VoucherDate", date}, {"Description", v.text}};
  json lines = json::array();
  for (const VoucherLine& l : v.lines) {
    if (l.amount.is_zero()) continue;  // PowerOffice refuses 0 ("a positive or negative number not 0")
    const std::string text = l.text.empty() ? v.text : l.text;
    if (mode_ == VoucherMode::kPosted) {
      lines.push_back({{"AccountId", ids.at(l.account)}, {"CurrencyAmount", net::json_amount_mark(l.amount)},
                       {"VatId", vat}, {"PostingDate", date}, {"Description", text}});
    } else {
      const bool debit = !l.amount.is_negative();
      json line = {{"CurrencyAmount", net::json_amount_mark(l.amount.abs())}, {"PostingDate", date}, {"Description", text}};
      line[debit ? "DebitAccountId" : "CreditAccountId"] = ids.at(l.account);
      line[debit ? "DebitVatId" : "CreditVatId"] = vat;
      lines.push_back(std::move(line));
    }
  }
  if (mode_ == VoucherMode::kPosted) {
    b["ExternalImportReference"] = ref;
    b["ImportedVoucherNo"] = v.number;
    b["SaftSourceId"] = "dagbok";
    b["SaftBatchId"] = v.series + std::to_string(v.number);
    b["VoucherLines"] = std::move(lines);
  } else {
    b["Comment"] = "dagbok " + ref;
    b["ManualVoucherLines"] = std::move(lines);
  }
  return net::with_json_amounts(b.dump());
}

Result<std::string> VoucherSender::find_draft(const Voucher& v) {
  ASSIGN_OR_RETURN(json rows, client_.get_json("/JournalEntryVouchers?isPosted=false"));
  for (const json& r : rows) {
    const json* mine = find(r, "IsCreatedByCurrentIntegration");
    if (mine != nullptr && mine->is_boolean() && !mine->get<bool>()) continue;
    const json* id = find(r, "Id");
    if (id == nullptr) continue;
    ASSIGN_OR_RETURN(json d, client_.get_json("/JournalEntryVouchers/ManualJournals/" + id_text(*id)));
    const json* text = find(d, "Description");
    const json* date = find(d, "VoucherDate");
    if (text == nullptr || date == nullptr || !text->is_string() || !date->is_string()) continue;
    // Dates sometimes come back with a time part.
    if (text->get<std::string>() == v.text && date->get<std::string>().substr(0, 10) == v.date.to_string())
      return id_text(*id);
  }
  return std::string();
}

Result<std::string> VoucherSender::post(const Voucher& v, const std::string& ref) {
  const bool posted = mode_ == VoucherMode::kPosted;
  const std::string path = posted ? "/Vouchers/ManualJournals" : "/JournalEntryVouchers/ManualJournals";
  ASSIGN_OR_RETURN(int64_t vat, vat_id());
  for (int round = 0;; ++round) {
    ASSIGN_OR_RETURN(auto ids, account_ids(round > 0));
    ASSIGN_OR_RETURN(std::string b, body(v, ids, vat, ref));
    ASSIGN_OR_RETURN(Answer a, client_.call("POST", path, b));
    if (a.status == 200 || a.status == 201) {
      const json* id = find(a.json, "Id");
      if (id == nullptr) return unavailable("PowerOffice Go's answer to POST " + path + " had no Id");
      return id_text(*id);
    }
    if (posted && duplicate_reference(a)) return already_there(a, ref);
    // An id PowerOffice no longer knows: read the ids again once.
    if ((a.status == 400 || a.status == 404) && round == 0 && !from_cache_.empty()) continue;
    return vendor_error(a, "voucher " + v.series + " " + std::to_string(v.number) + " (" + v.date.to_string() + ")");
  }
}

// PowerOffice refused the reference as in use: the voucher arrived before
// (an answer lost to a crash). Its message names the voucher's Id; read it
// back to confirm, so that its PDF can still be attached.
Result<std::string> VoucherSender::already_there(const Answer& a, const std::string& ref) {
  const std::string m = vendor_message(a);
  const size_t at = m.find("Id = ");
  if (at != std::string::npos) {
    std::string id;
    for (size_t i = at + 5; i < m.size() && (std::isxdigit(static_cast<unsigned char>(m[i])) || m[i] == '-'); ++i)
      id += m[i];
    if (!id.empty()) {
      ASSIGN_OR_RETURN(Answer got, client_.call("GET", "/Vouchers/ManualJournals/" + net::url_encode(id)));
      const json* r = got.status == 200 ? find(got.json, "ExternalImportReference") : nullptr;
      if (r != nullptr && r->is_string() && r->get<std::string>() == ref) return id;
    }
  }
  return std::string("ref:") + ref;  // there, but not named: nothing to attach the PDF to
}

Status VoucherSender::attach_pdf(const Voucher& v, const std::string& remote_id) {
  if (remote_id.rfind("ref:", 0) == 0) return ok_status();  // made by an earlier run we cannot name: no id to attach to
  ASSIGN_OR_RETURN(std::string pdf, voucher_pdf(p_, v));
  const std::string boundary = "dagbok-" + std::to_string(v.id) + "-pdf-boundary";
  const std::string filename = voucher_pdf_name(p_, v);
  std::string b = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename +
                  "\"\r\nContent-Type: application/pdf\r\n\r\n" + pdf + "\r\n--" + boundary + "--\r\n";
  const bool posted = mode_ == VoucherMode::kPosted;
  const std::string path = posted ? "/VoucherDocumentation?id=" + net::url_encode(remote_id)
                                  : "/JournalEntryVouchers/" + net::url_encode(remote_id) + "/VoucherPages";
  ASSIGN_OR_RETURN(Answer a, client_.call(posted ? "PUT" : "POST", path, b, "multipart/form-data; boundary=" + boundary));
  if (a.status >= 200 && a.status < 300) return ok_status();
  if (!posted && a.status == 409) return ok_status();  // the draft is in approval already: its pages are fixed
  return vendor_error(a, "the Z-report PDF of voucher " + v.series + " " + std::to_string(v.number));
}

Result<std::string> VoucherSender::send_all() {
  std::string refs;
  for (const Voucher& v : p_.vouchers) {
    const std::string ref = voucher_reference(p_.company.id, v);
    ASSIGN_OR_RETURN(std::optional<std::string> sent, state_.get(p_.company.id, kKind, "sent:" + ref));
    std::string remote;
    if (sent) {
      remote = *sent;
    } else {
      ASSIGN_OR_RETURN(std::optional<std::string> made, state_.get(p_.company.id, kKind, "made:" + ref));
      if (made) {
        remote = *made;
      } else {
        if (mode_ == VoucherMode::kDraft) {
          ASSIGN_OR_RETURN(std::optional<std::string> sending, state_.get(p_.company.id, kKind, "sending:" + ref));
          if (sending) { ASSIGN_OR_RETURN(remote, find_draft(v)); }
          if (remote.empty()) TRY(state_.put(p_.company.id, kKind, "sending:" + ref, "1"));
        }
        if (remote.empty()) { ASSIGN_OR_RETURN(remote, post(v, ref)); }
        TRY(state_.put(p_.company.id, kKind, "made:" + ref, remote));
      }
      TRY(attach_pdf(v, remote));
      TRY(state_.put(p_.company.id, kKind, "sent:" + ref, remote));
    }
    refs += (refs.empty() ? "" : ",") + remote;
  }
  return refs;
}

}  // namespace dagbok::poweroffice
