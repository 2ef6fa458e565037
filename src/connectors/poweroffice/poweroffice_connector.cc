#include "connectors/poweroffice/poweroffice_connector.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "connectors/poweroffice/poweroffice_vouchers.h"
#include "exports/connector_settings.h"

namespace dagbok::poweroffice {
namespace {

using nlohmann::json;

const std::vector<std::string>& voucher_modes() {
  static const std::vector<std::string> kModes = {"draft", "posted"};
  return kModes;
}

bool absolute_url(const std::string& u) {
  auto starts = [&](const char* p) { return u.rfind(p, 0) == 0 && u.size() > std::string(p).size(); };
  return (starts("https://") || starts("http://")) && u.find_first_of(" \t\r\n") == std::string::npos;
}

}  // namespace

PowerOfficeConnector::PowerOfficeConnector(ConnectorHost host, std::shared_ptr<net::HttpClient> http,
                                           std::shared_ptr<ConnectorState> state, PowerOfficeClient::Sleep sleep)
    : host_(std::move(host)), http_(std::move(http)), state_(std::move(state)), sleep_(std::move(sleep)) {
  if (!http_) http_ = std::make_shared<net::CurlHttpClient>();
  if (!state_) state_ = std::make_shared<ConnectorState>(host_);
}

std::unique_ptr<Connector> make_connector(const ConnectorHost& host) {
  return std::make_unique<PowerOfficeConnector>(host);
}

std::vector<SettingSpec> PowerOfficeConnector::settings() const {
  return {
      SettingSpec("client_key", "the client key from PowerOffice Go (Settings → Extensions)", Secret::kYes)
          .in_step("credentials"),
      SettingSpec("base_url", "the API's address (default production; a demo or an emulator for tests)",
                  Secret::kNo, Frozen::kNo, {}, "url")
          .in_step("credentials"),
      SettingSpec("vat_code", "the PowerOffice VAT code on every line (default 0: dagbok books the VAT itself)")
          .offered_from(ChoiceList::kVatCodes)
          .in_step("accounts"),
      SettingSpec("voucher_mode", "draft: journal-entry drafts to approve in Go (default); posted: straight to the ledger",
                  Secret::kNo, Frozen::kNo, voucher_modes())
          .in_step("options"),
  };
}

std::vector<FieldError> PowerOfficeConnector::check_settings(json& values) const {
  std::vector<FieldError> problems;
  for (const char* name : {"base_url", "voucher_mode", "vat_code"})
    if (values.contains(name) && !values[name].is_string())
      problems.push_back({name, invalid_argument(std::string("field '") + name + "' must be a string")});
  if (!problems.empty()) return problems;
  if (!values.contains("base_url") || values["base_url"].get<std::string>().empty()) {
    std::string url = kProductionBaseUrl;
    if (host_.config) {
      Result<Config> cfg = host_.config();
      if (cfg.ok() && cfg->poweroffice && !cfg->poweroffice->base_url.empty()) url = cfg->poweroffice->base_url;
    }
    values["base_url"] = url;
  }
  const std::string url = values["base_url"].get<std::string>();
  if (!absolute_url(url))
    problems.push_back({"base_url", invalid_argument("base_url '" + url +
                                                     "' is not an absolute address (https://goapi.poweroffice.net)")});
  else
    values["base_url"] = normalise_base_url(url);
  if (!values.contains("voucher_mode") || values["voucher_mode"].get<std::string>().empty()) values["voucher_mode"] = "draft";
  const std::string mode = values["voucher_mode"].get<std::string>();
  if (mode != "draft" && mode != "posted")
    problems.push_back({"voucher_mode", invalid_argument("voucher_mode '" + mode + "' is not draft or posted")});
  if (!values.contains("vat_code") || values["vat_code"].get<std::string>().empty()) values["vat_code"] = "0";
  return problems;
}

Status PowerOfficeConnector::ready() {
  if (!host_.config) return failed_precondition("PowerOffice Go is not configured: this program reads no dagbok.toml.");
  ASSIGN_OR_RETURN(Config cfg, host_.config());
  const std::string where = cfg.source.empty() ? std::string("dagbok.toml") : cfg.source;
  if (!cfg.poweroffice)
    return failed_precondition("PowerOffice Go is not configured. Add a [poweroffice] section with dagbok's "
                               "application_key and subscription_key to " + where + ".");
  if (cfg.poweroffice->application_key.empty())
    return failed_precondition("PowerOffice Go's application_key is missing in [poweroffice] in " + where + ".");
  if (cfg.poweroffice->subscription_key.empty())
    return failed_precondition("PowerOffice Go's subscription_key is missing in [poweroffice] in " + where + ".");
  return ok_status();
}

Result<Keys> PowerOfficeConnector::keys(const ConnectorSettings& settings) {
  TRY(ready());
  ASSIGN_OR_RETURN(Config cfg, host_.config());
  Keys k;
  k.application_key = cfg.poweroffice->application_key;
  k.subscription_key = cfg.poweroffice->subscription_key;
  if (crypto::SecretBox::is_sealed(k.application_key) || crypto::SecretBox::is_sealed(k.subscription_key)) {
    ASSIGN_OR_RETURN(std::unique_ptr<crypto::SecretBox> box, open_secret_box(host_));
    if (crypto::SecretBox::is_sealed(k.application_key)) { ASSIGN_OR_RETURN(k.application_key, box->open(k.application_key)); }
    if (crypto::SecretBox::is_sealed(k.subscription_key)) { ASSIGN_OR_RETURN(k.subscription_key, box->open(k.subscription_key)); }
  }
  auto it = settings.secrets.find("client_key");
  if (it == settings.secrets.end() || it->second.empty())
    return failed_precondition("No PowerOffice Go client key is set: copy it from PowerOffice Go (Settings → "
                               "Extensions) into Integrationer → PowerOffice Go (dagbok integrations settings "
                               "poweroffice --client_key …)");
  k.client_key = it->second;
  k.base_url = settings.values.value("base_url", std::string());
  if (k.base_url.empty()) k.base_url = cfg.poweroffice->base_url;
  return k;
}

PowerOfficeClient PowerOfficeConnector::client(const Keys& k, int64_t company_id) {
  return PowerOfficeClient(*http_, *state_, k, company_id, sleep_);
}

Status PowerOfficeConnector::test_connection(const ConnectorSettings& settings) {
  ASSIGN_OR_RETURN(Keys k, keys(settings));
  PowerOfficeClient c = client(k, 0);
  ASSIGN_OR_RETURN(json info, c.get_json("/ClientIntegrationInformation"));
  const std::string mode = settings.values.value("voucher_mode", std::string("draft"));
  const std::string needed = mode == "posted" ? "ManualVoucher_Full" : "JournalEntryVoucher_Full";
  for (auto it = info.begin(); info.is_object() && it != info.end(); ++it) {
    if (it.key() != "InvalidPrivileges" && it.key() != "invalidPrivileges") continue;
    for (const json& p : it.value())
      if (p.is_string() && p.get<std::string>() == needed)
        return failed_precondition("PowerOffice Go does not give dagbok the right " + needed +
                                   " on this client: add the module or the right in PowerOffice Go, then test again.");
  }
  return ok_status();
}

Result<std::vector<Choice>> PowerOfficeConnector::choices(const ConnectorSettings& settings, ChoiceList list) {
  ASSIGN_OR_RETURN(Keys k, keys(settings));
  PowerOfficeClient c = client(k, 0);
  std::vector<Choice> out;
  auto str = [](const json& j, const char* a) {
    if (!j.contains(a) || j[a].is_null()) return std::string();
    return j[a].is_string() ? j[a].get<std::string>() : j[a].dump();
  };
  switch (list) {
    case ChoiceList::kCompanies: {
      ASSIGN_OR_RETURN(json info, c.get_json("/ClientIntegrationInformation"));
      out.push_back({str(info, "ClientId"), str(info, "ClientName")});
      break;
    }
    case ChoiceList::kDepartments: {
      ASSIGN_OR_RETURN(json rows, c.get_json("/Departments?isActive=true"));
      for (const json& r : rows) out.push_back({str(r, "Code"), str(r, "Code") + " " + str(r, "Name")});
      break;
    }
    case ChoiceList::kAccounts: {
      ASSIGN_OR_RETURN(json rows, c.get_json("/GeneralLedgerAccounts?isActive=true"));
      for (const json& r : rows) out.push_back({str(r, "AccountNo"), str(r, "AccountNo") + " " + str(r, "Name")});
      break;
    }
    case ChoiceList::kVatCodes: {
      ASSIGN_OR_RETURN(json rows, c.get_json("/VatCodes?isActive=true"));
      for (const json& r : rows) out.push_back({str(r, "Code"), str(r, "Code") + " " + str(r, "Name")});
      break;
    }
    case ChoiceList::kVoucherTypes: break;  // chosen by the endpoint (voucher_mode)
  }
  return out;
}

Status PowerOfficeConnector::preflight(const DeliveryPayload& p) {
  ASSIGN_OR_RETURN(ConnectorSettings s, open_settings(p.destination, host_));
  TRY(keys(s));
  for (const Voucher& v : p.vouchers)
    if (v.debit_total() != v.credit_total())
      return failed_precondition("voucher " + v.series + " " + std::to_string(v.number) + " does not balance");
  return ok_status();
}

Result<std::string> PowerOfficeConnector::deliver(const DeliveryPayload& p) {
  ASSIGN_OR_RETURN(ConnectorSettings s, open_settings(p.destination, host_));
  ASSIGN_OR_RETURN(Keys k, keys(s));
  PowerOfficeClient c = client(k, p.company.id);
  VoucherSender sender(c, *state_, p, s.values.value("voucher_mode", std::string("draft")) == "posted"
                                          ? VoucherMode::kPosted : VoucherMode::kDraft,
                       s.values.value("vat_code", std::string("0")));
  return sender.send_all();
}

}  // namespace dagbok::poweroffice
