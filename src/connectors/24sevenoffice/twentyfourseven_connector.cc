#include "connectors/24sevenoffice/twentyfourseven_connector.h"

#include <set>

#include "exports/connector_settings.h"
#include "net/wire_text.h"

namespace dagbok::twentyfourseven {
namespace {

using nlohmann::json;

// Settings that dagbok has no data for yet: refused when switched on.
struct NotYet {
  const char* name;
  const char* why;
};
constexpr NotYet kNotYet[] = {
    {"stock_change", "dagbok keeps no stock values yet, so it cannot book a stock change (beholdningsendring)"},
    {"invoices", "dagbok records no invoice sales yet, so it cannot send order drafts"},
    {"customers", "dagbok keeps no customer register yet"},
    {"products", "dagbok keeps no product register yet"},
    {"stock", "dagbok keeps no stock quantities yet"},
};

const std::vector<std::string> kOnOff = {"off", "on"};

std::string text_of(const json& values, const char* name) {
  if (!values.contains(name) || !values[name].is_string()) return "";
  return values[name].get<std::string>();
}

bool absolute_url(const std::string& u) {
  for (const char* scheme : {"https://", "http://"})
    if (u.rfind(scheme, 0) == 0 && u.size() > std::string(scheme).size() && u.find(' ') == std::string::npos)
      return true;
  return false;
}

// What a voucher's comment carries so that dagbok can find it again: the
// delivery's key and the voucher.
std::string marker(const DeliveryPayload& p, const Voucher& v) {
  return "dagbok:" + p.delivery.idempotency_key + "/" + std::to_string(v.id);
}

}  // namespace

TwentyFourSevenConnector::TwentyFourSevenConnector(ConnectorHost host, HttpSource http,
                                                   std::function<void(ClientOptions&)> tune)
    : host_(std::move(host)), http_(std::move(http)), tune_(std::move(tune)), state_(host_) {}

std::vector<SettingSpec> TwentyFourSevenConnector::settings() const {
  std::vector<SettingSpec> s;
  s.push_back(SettingSpec("username", "the 24SevenOffice user (an e-mail address)", Secret::kNo, Frozen::kNo, {},
                          "email")
                  .in_step("credentials"));
  s.push_back(SettingSpec("password", "the user's password (sealed, never shown again)", Secret::kYes)
                  .in_step("credentials"));
  s.push_back(SettingSpec("base_url", "the service's address (default https://api.24sevenoffice.com)", Secret::kNo,
                          Frozen::kNo, {}, "url")
                  .in_step("credentials"));
  s.push_back(SettingSpec("company", "the 24SevenOffice company (identity) to book in")
                  .offered_from(ChoiceList::kCompanies)
                  .in_step("company"));
  s.push_back(SettingSpec("department_id", "the department the day's lines carry, or empty")
                  .offered_from(ChoiceList::kDepartments)
                  .in_step("company"));
  s.push_back(SettingSpec("voucher_type", "the voucher type (bilagsart) of the day's voucher")
                  .offered_from(ChoiceList::kVoucherTypes)
                  .in_step("accounts"));
  s.push_back(SettingSpec("import_to_ledger", "off: a journal for approval (default); on: straight to the ledger",
                          Secret::kNo, Frozen::kNo, kOnOff)
                  .in_step("options"));
  s.push_back(SettingSpec("z_report", "attach the Z-report (not yet: off)", Secret::kNo, Frozen::kNo, kOnOff)
                  .in_step("options"));
  for (const NotYet& n : kNotYet)
    s.push_back(SettingSpec(n.name, std::string("not available yet: ") + n.why, Secret::kNo, Frozen::kNo, kOnOff)
                    .in_step("options"));
  s.push_back(SettingSpec("transfer", "automatic (each day after the close) or manual", Secret::kNo, Frozen::kNo,
                          {"automatic", "manual"})
                  .in_step("options"));
  return s;
}

std::vector<FieldError> TwentyFourSevenConnector::check_settings(json& values) const {
  std::vector<FieldError> problems;
  for (const SettingSpec& spec : settings()) {
    if (spec.secret == Secret::kYes) continue;
    if (values.contains(spec.name) && !values[spec.name].is_null() && !values[spec.name].is_string()) {
      problems.push_back({spec.name, invalid_argument("field '" + spec.name + "' must be a text")});
      continue;
    }
    std::string v = text_of(values, spec.name.c_str());
    if (!spec.values.empty()) {
      if (v.empty()) v = spec.values.front();
      bool known = false;
      for (const std::string& allowed : spec.values) known = known || allowed == v;
      if (!known) {
        std::string list;
        for (const std::string& allowed : spec.values) list += (list.empty() ? "" : ", ") + allowed;
        problems.push_back({spec.name, invalid_argument("field '" + spec.name + "' must be one of " + list +
                                                        ", not '" + v + "'")});
        continue;
      }
    }
    values[spec.name] = v;
  }
  for (const NotYet& n : kNotYet)
    if (text_of(values, n.name) == "on")
      problems.push_back({n.name, failed_precondition(std::string("'") + n.name + "' cannot be switched on: " +
                                                       n.why + ". Leave it off.")});
  if (text_of(values, "z_report") == "on")
    problems.push_back({"z_report", failed_precondition("'z_report' cannot be switched on yet: this dagbok does not "
                                                        "attach the Z-report to 24SevenOffice. Leave it off.")});
  if (text_of(values, "base_url").empty()) values["base_url"] = kDefaultBaseUrl;
  std::string url = text_of(values, "base_url");
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (!absolute_url(url))
    problems.push_back({"base_url", invalid_argument("field 'base_url' must be an absolute URL (https://…), not '" +
                                                     url + "'")});
  else
    values["base_url"] = url;
  const std::string user = text_of(values, "username");
  if (user.empty())
    problems.push_back({"username", invalid_argument("no 24SevenOffice username is set: enter the user's e-mail "
                                                     "address")});
  else if (user.find('@') == std::string::npos)
    problems.push_back({"username", invalid_argument("the 24SevenOffice username is an e-mail address, not '" +
                                                     user + "'")});
  return problems;
}

Status TwentyFourSevenConnector::ready() {
  std::optional<std::string> app = host_.env ? host_.env(kApplicationIdVar) : std::nullopt;
  if (!app || app->empty())
    return failed_precondition(std::string("dagbok's 24SevenOffice ApplicationId is not configured: set ") +
                               kApplicationIdVar + " to the GUID 24SevenOffice issued for dagbok.");
  return ok_status();
}

Result<ClientOptions> TwentyFourSevenConnector::options(const ConnectorSettings& s, int64_t company_id) const {
  ClientOptions o;
  o.base_url = text_of(s.values, "base_url");
  if (o.base_url.empty()) o.base_url = kDefaultBaseUrl;
  o.username = text_of(s.values, "username");
  auto pw = s.secrets.find("password");
  if (o.username.empty() || pw == s.secrets.end() || pw->second.empty())
    return failed_precondition("The 24SevenOffice username or password is missing: enter both and save.");
  o.password = pw->second;
  std::optional<std::string> app = host_.env ? host_.env(kApplicationIdVar) : std::nullopt;
  if (!app || app->empty())
    return failed_precondition(std::string("dagbok's 24SevenOffice ApplicationId is not configured: set ") +
                               kApplicationIdVar + ".");
  o.application_id = *app;
  o.company_id = company_id;
  if (tune_) tune_(o);
  return o;
}

Status TwentyFourSevenConnector::test_connection(const ConnectorSettings& settings) {
  ASSIGN_OR_RETURN(ClientOptions o, options(settings, 0));
  TwentyFourSevenClient client(http_(), loose_state_, o);
  TRY(client.ensure_session());
  ASSIGN_OR_RETURN(std::vector<Choice> ids, client.identities());
  if (ids.empty())
    return failed_precondition("The 24SevenOffice user " + o.username + " has access to no company.");
  const std::string company = text_of(settings.values, "company");
  if (!company.empty()) TRY(client.use_identity(company));
  return ok_status();
}

Result<std::vector<Choice>> TwentyFourSevenConnector::choices(const ConnectorSettings& settings, ChoiceList list) {
  ASSIGN_OR_RETURN(ClientOptions o, options(settings, 0));
  TwentyFourSevenClient client(http_(), loose_state_, o);
  if (list == ChoiceList::kCompanies) return client.identities();
  const std::string company = text_of(settings.values, "company");
  if (company.empty())
    return failed_precondition("Choose the 24SevenOffice company first; its lists depend on it.");
  TRY(client.use_identity(company));
  switch (list) {
    case ChoiceList::kDepartments: return client.departments();
    case ChoiceList::kAccounts: return client.accounts();
    case ChoiceList::kVatCodes: return client.tax_codes();
    case ChoiceList::kVoucherTypes: return client.transaction_types();
    case ChoiceList::kCompanies: break;
  }
  return std::vector<Choice>{};
}

Result<ConnectorSettings> TwentyFourSevenConnector::open(const Destination& d) const {
  return open_settings(d, host_);
}

Status TwentyFourSevenConnector::preflight(const DeliveryPayload& p) {
  ASSIGN_OR_RETURN(ConnectorSettings s, open(p.destination));
  json values = s.values;
  std::vector<FieldError> problems = check_settings(values);
  if (!problems.empty()) return problems.front().to_error();
  TRY(options(s, p.company.id));
  if (text_of(values, "company").empty())
    return failed_precondition("No 24SevenOffice company is chosen: choose it in the integration's settings.");
  if (text_of(values, "voucher_type").empty())
    return failed_precondition("No voucher type (bilagsart) is chosen for 24SevenOffice: choose it in the "
                               "integration's settings.");
  for (const Voucher& v : p.vouchers) TRY(v.check_balanced());
  return ok_status();
}

Status TwentyFourSevenConnector::check_accounts(TwentyFourSevenClient& client, const std::vector<Voucher>& vouchers) {
  ASSIGN_OR_RETURN(std::vector<Choice> chart, client.accounts());
  std::set<std::string> known;
  for (const Choice& c : chart) known.insert(c.id);
  for (const Voucher& v : vouchers)
    for (const VoucherLine& l : v.lines)
      if (!known.count(l.account))
        return failed_precondition("Account " + l.account + " is not in the 24SevenOffice chart of accounts. "
                                   "Create it in 24SevenOffice (with a type group, Regnskap › Innstillinger › "
                                   "Salgstyper) or map the line to another account, then send the day again.");
  return ok_status();
}

Result<std::string> TwentyFourSevenConnector::deliver(const DeliveryPayload& p) {
  TRY(preflight(p));
  ASSIGN_OR_RETURN(ConnectorSettings s, open(p.destination));
  const int64_t company_id = p.company.id != 0 ? p.company.id : p.delivery.company_id;
  ASSIGN_OR_RETURN(ClientOptions o, options(s, company_id));
  TwentyFourSevenClient client(http_(), state_, o);
  TRY(client.use_identity(text_of(s.values, "company")));
  TRY(check_accounts(client, p.vouchers));
  const bool to_ledger = text_of(s.values, "import_to_ledger") == "on";
  const std::string department = text_of(s.values, "department_id");
  std::string refs;
  for (const Voucher& v : p.vouchers) {
    const std::string mark = marker(p, v);
    const std::string sent_name = "sent:" + mark;
    ASSIGN_OR_RETURN(std::optional<std::string> sent, state_.get(company_id, kKind, sent_name));
    if (sent && *sent == "done") {
      refs += (refs.empty() ? "" : ", ") + mark;
      continue;
    }
    if (sent) {
      // An earlier attempt's outcome is unknown: look before sending again.
      if (!to_ledger)
        return failed_precondition("An earlier attempt to send the voucher of " + v.date.to_string() +
                                   " to 24SevenOffice's journal got no clear answer, and the journal cannot be "
                                   "searched. Check Regnskap › Bilagsmottak for '" + mark +
                                   "'; if it is not there, send the day again (Send igjen).");
      ASSIGN_OR_RETURN(bool there, client.has_entry_with(v.date, mark));
      if (there) {
        TRY(state_.put(company_id, kKind, sent_name, "done"));
        refs += (refs.empty() ? "" : ", ") + mark;
        continue;
      }
    }
    Bundle b;
    b.year = v.date.year();
    b.sort = text_of(s.values, "voucher_type");
    b.name = net::cut_code_points(v.text.empty() ? "Dagsoppgjør " + v.date.to_string() : v.text, 100);
    b.date = v.date;
    b.to_ledger = to_ledger;
    for (const VoucherLine& l : v.lines) {
      const std::string text = l.text.empty() ? v.text : l.text;
      b.entries.push_back({l.account, l.amount, department, net::cut_code_points(text, 100 - mark.size() - 3) + " · " + mark});
    }
    // What is sent is recorded before sending: a crash in between is looked
    // up on the next attempt, never sent blind.
    TRY(state_.put(company_id, kKind, sent_name, json{{"to_ledger", to_ledger}, {"date", v.date.to_string()},
                                                         {"lines", b.entries.size()}}.dump()));
    Status saved = client.save_bundle(b);
    if (!saved.ok()) {
      if (saved.error().code() == ErrorCode::kAlreadyExists && to_ledger) {
        ASSIGN_OR_RETURN(bool there, client.has_entry_with(v.date, mark));
        if (there) {
          TRY(state_.put(company_id, kKind, sent_name, "done"));
          refs += (refs.empty() ? "" : ", ") + mark;
          continue;
        }
      }
      if (saved.error().code() != ErrorCode::kUnavailable) TRY(state_.erase(company_id, kKind, sent_name));
      return saved.error();
    }
    TRY(state_.put(company_id, kKind, sent_name, "done"));
    refs += (refs.empty() ? "" : ", ") + mark;
  }
  return refs;
}

}  // namespace dagbok::twentyfourseven
