#include "connectors/24sevenoffice/twentyfourseven_client.h"

#include <chrono>

namespace dagbok::twentyfourseven {
namespace {

using Service = TwentyFourSevenClient::Service;
const Service kAuthService{"/authenticate/v001/authenticate.asmx", "http://24sevenOffice.com/webservices/"};
const Service kClientService{"/Client/V001/ClientService.asmx", "http://24sevenOffice.com/webservices/"};
const Service kAccountService{"/Economy/Account/V004/Accountservice.asmx", "http://24sevenOffice.com/webservices/"};
const Service kTransactionService{"/Economy/Accounting/V001/TransactionService.asmx",
                                  "http://24sevenoffice.com/webservices/economy/accounting/"};

std::vector<pugi::xml_node> items(pugi::xml_node list) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node c : list.children())
    if (c.type() == pugi::node_element) out.push_back(c);
  return out;
}

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The session id out of the Set-Cookie/our own value; the service returns it
// as LoginResult, sent back as Cookie: ASP.NET_SessionId=….
std::string cookie(const std::string& session) { return "ASP.NET_SessionId=" + session; }

}  // namespace

std::string soap_date(Date d) { return d.to_string() + "T00:00:00"; }

TwentyFourSevenClient::TwentyFourSevenClient(net::HttpClient& http, ConnectorState& state, ClientOptions options)
    : http_(http), state_(state), options_(std::move(options)) {}

Result<net::HttpResponse> TwentyFourSevenClient::post(const Service& service, const std::string& operation,
                                                      const std::string& body, const std::string& session) {
  TRY(state_.acquire(std::string(kKind) + ":" + options_.username, options_.rate, options_.max_wait));
  net::HttpRequest rq;
  rq.method = "POST";
  rq.url = options_.base_url + service.path;
  rq.headers = {{"Content-Type", "text/xml; charset=utf-8"},
                {"SOAPAction", "\"" + std::string(service.ns) + operation + "\""}};
  if (!session.empty()) rq.headers.push_back({"Cookie", cookie(session)});
  rq.body = body;
  ++requests_;
  return http_.send(rq);
}

Result<std::string> TwentyFourSevenClient::login() {
  // Logins are throttled by the service: one per username in login_interval.
  const std::string last_name = "login_at:" + options_.username;
  ASSIGN_OR_RETURN(std::optional<std::string> last, state_.get(options_.company_id, kKind, last_name));
  const int64_t now = now_ms();
  if (last) {
    const int64_t since = now - std::stoll(*last);
    const int64_t interval = std::chrono::duration_cast<std::chrono::milliseconds>(options_.login_interval).count();
    if (since >= 0 && since < interval) {
      const int wait = static_cast<int>((interval - since + 999) / 1000);
      return std::move(unavailable("24SevenOffice was logged in to less than " +
                                   std::to_string(options_.login_interval.count()) +
                                   " seconds ago; dagbok logs in again in " + std::to_string(wait) +
                                   " seconds (the service throttles repeated logins)."))
          .with_retry_after(wait);
    }
  }
  TRY(state_.put(options_.company_id, kKind, last_name, std::to_string(now), options_.login_interval));
  const std::string body = soap_envelope(kWebservicesNs, "Login", [&](pugi::xml_node op) {
    pugi::xml_node c = op.append_child("credential");
    add_text(c, "ApplicationId", options_.application_id);
    add_text(c, "IdentityId", identity_.empty() ? "00000000-0000-0000-0000-000000000000" : identity_);
    add_text(c, "Password", options_.password);
    add_text(c, "Username", options_.username);
  });
  ++logins_;
  ASSIGN_OR_RETURN(net::HttpResponse r, post(kAuthService, "Login", body, ""));
  ASSIGN_OR_RETURN(SoapAnswer a, read_soap_answer(r, "Login"));
  std::string session = a.result.text().get();
  if (session.empty())
    return permission_denied("24SevenOffice refused the username and password for " + options_.username +
                             ". Check them (the user must have API access) and save them again.");
  TRY(state_.put(options_.company_id, kKind, session_name(), session, std::chrono::hours(8)));
  return session;
}

Status TwentyFourSevenClient::ensure_session() {
  ASSIGN_OR_RETURN(std::optional<std::string> s, state_.get(options_.company_id, kKind, session_name()));
  if (s) return ok_status();
  TRY(login());
  return ok_status();
}

Result<SoapAnswer> TwentyFourSevenClient::call(const Service& service, const std::string& operation,
                                               const std::function<void(pugi::xml_node)>& fill) {
  const std::string ns = std::string(service.ns) == "http://24sevenOffice.com/webservices/" ? kWebservicesNs
                                                                                              : kAccountingNs;
  const std::string body = soap_envelope(ns, operation, fill);
  for (int attempt = 0;; ++attempt) {
    ASSIGN_OR_RETURN(std::optional<std::string> s, state_.get(options_.company_id, kKind, session_name()));
    std::string session = s ? *s : std::string();
    if (session.empty()) {
      ASSIGN_OR_RETURN(session, login());
      if (!identity_.empty() && operation != "SetIdentityById") TRY(use_identity(identity_));
    }
    ASSIGN_OR_RETURN(net::HttpResponse r, post(service, operation, body, session));
    bool stale = false;
    Result<SoapAnswer> a = read_soap_answer(r, operation, &stale);
    if (a.ok() || !stale || attempt > 0) return a;
    TRY(state_.erase(options_.company_id, kKind, session_name()));  // stale: log in once and repeat
  }
}


Result<std::vector<Choice>> TwentyFourSevenClient::identities() {
  ASSIGN_OR_RETURN(SoapAnswer a, call(kAuthService, "GetIdentities", nullptr));
  std::vector<Choice> out;
  for (pugi::xml_node i : items(a.result)) {
    if (child_text(i, "IsDisabled") == "true") continue;
    out.push_back({child_text(i, "Id"), child_text(child(i, "Client"), "Name")});
  }
  return out;
}

Status TwentyFourSevenClient::use_identity(const std::string& identity_id) {
  if (identity_id.empty()) return ok_status();
  identity_ = identity_id;
  ASSIGN_OR_RETURN(SoapAnswer a, call(kAuthService, "SetIdentityById",
                                      [&](pugi::xml_node op) { add_text(op, "identityId", identity_id); }));
  if (std::string(a.result.text().get()) != "true")
    return failed_precondition("24SevenOffice did not switch to the company chosen (identity " + identity_id +
                               "). Choose the company again in the integration's settings.");
  return ok_status();
}

Result<std::vector<Choice>> TwentyFourSevenClient::departments() {
  ASSIGN_OR_RETURN(SoapAnswer a, call(kClientService, "GetDepartmentList", nullptr));
  std::vector<Choice> out;
  for (pugi::xml_node d : items(a.result)) out.push_back({child_text(d, "Id"), child_text(d, "Name")});
  return out;
}

Result<std::vector<Choice>> TwentyFourSevenClient::transaction_types() {
  ASSIGN_OR_RETURN(SoapAnswer a, call(kTransactionService, "GetTransactionTypes", nullptr));
  std::vector<Choice> out;
  for (pugi::xml_node t : items(a.result))
    out.push_back({child_text(t, "No"), child_text(t, "No") + " " + child_text(t, "Title")});
  return out;
}

Result<std::vector<Choice>> TwentyFourSevenClient::accounts() {
  ASSIGN_OR_RETURN(SoapAnswer a, call(kAccountService, "GetAccountList", nullptr));
  std::vector<Choice> out;
  for (pugi::xml_node t : items(a.result))
    out.push_back({child_text(t, "AccountNo"), child_text(t, "AccountNo") + " " + child_text(t, "AccountName")});
  return out;
}

Result<std::vector<Choice>> TwentyFourSevenClient::tax_codes() {
  ASSIGN_OR_RETURN(SoapAnswer a, call(kAccountService, "GetTaxCodeList", nullptr));
  std::vector<Choice> out;
  for (pugi::xml_node t : items(a.result))
    out.push_back({child_text(t, "TaxNo"),
                   child_text(t, "TaxNo") + " " + child_text(t, "TaxName") + " (" + child_text(t, "TaxRate") + " %)"});
  return out;
}

Status TwentyFourSevenClient::save_bundle(const Bundle& b) {
  ASSIGN_OR_RETURN(SoapAnswer a, call(kAccountService, "SaveBundleList", [&](pugi::xml_node op) {
    pugi::xml_node list = op.append_child("BundleList");
    pugi::xml_node bundle = list.append_child("Bundles").append_child("Bundle");
    add_text(bundle, "YearId", std::to_string(b.year));
    pugi::xml_node voucher = bundle.append_child("Vouchers").append_child("Voucher");
    // 0: the service numbers the voucher in the type's series [inferred;
    // the field is required by the WSDL].
    add_text(voucher, "TransactionNo", "0");
    pugi::xml_node entries = voucher.append_child("Entries");
    for (const BundleEntry& e : b.entries) {
      pugi::xml_node n = entries.append_child("Entry");
      add_text(n, "AccountNo", e.account_no);
      add_text(n, "Date", soap_date(b.date));
      add_text(n, "Amount", e.amount.to_string());
      if (!e.department_id.empty()) add_text(n, "DepartmentId", e.department_id);
      add_text(n, "Comment", e.comment);
    }
    add_text(voucher, "Sort", b.sort);
    add_text(bundle, "Sort", b.sort);
    add_text(bundle, "Name", b.name);
    add_text(bundle, "BundleDirectAccounting", "true");
    add_text(list, "AllowDifference", "false");
    add_text(list, "DirectLedger", "false");
    add_text(list, "SaveOption", b.to_ledger ? "0" : "1");
  }));
  const std::string type = child_text(a.result, "Type");
  const std::string description = child_text(a.result, "Description");
  if (type == "Ok") return ok_status();
  const std::string said = "24SevenOffice answered " + type + (description.empty() ? "" : ": " + description);
  if (type == "DuplicateData" || type == "DataAlreadySaved") return already_exists(said);
  if (type == "SystemError" || type == "Exception") return unavailable(said);
  if (type == "NotAuthenticated") return permission_denied(said);
  return invalid_argument(said + ". Fix it in 24SevenOffice or in the account mapping, then send the day again.");
}

Result<bool> TwentyFourSevenClient::has_entry_with(Date date, const std::string& marker) {
  ASSIGN_OR_RETURN(SoapAnswer a, call(kTransactionService, "GetTransactions", [&](pugi::xml_node op) {
    pugi::xml_node p = op.append_child("searchParams");
    add_text(p, "DateStart", soap_date(date));
    add_text(p, "DateEnd", soap_date(date));
    p.append_child("SystemType").append_attribute("xsi:nil") = "true";
    p.append_child("HasInvoiceId").append_attribute("xsi:nil") = "true";
    op.parent().parent().append_attribute("xmlns:xsi") = "http://www.w3.org/2001/XMLSchema-instance";
  }));
  for (pugi::xml_node t : items(a.result))
    if (child_text(t, "Comment").find(marker) != std::string::npos) return true;
  return false;
}

}  // namespace dagbok::twentyfourseven
