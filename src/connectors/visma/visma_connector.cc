#include "connectors/visma/visma_connector.h"

#include <algorithm>
#include <set>

#include "exports/connector_settings.h"

namespace dagbok::visma {
namespace {

using nlohmann::json;

const std::vector<std::string>& voucher_modes() {
  static const std::vector<std::string> kModes = {"voucher", "draft", "draft_convert"};
  return kModes;
}

bool absolute_url(const std::string& u) {
  auto starts = [&](const char* p) { return u.rfind(p, 0) == 0 && u.size() > std::string(p).size(); };
  return (starts("https://") || starts("http://")) && u.find_first_of(" \t\r\n") == std::string::npos;
}

std::string str(const json& j, const char* name) {
  if (!j.is_object() || !j.contains(name) || j[name].is_null()) return "";
  return j[name].is_string() ? j[name].get<std::string>() : j[name].dump();
}

// Until the OAuth module is wired: every company is "not connected".
class NotConnected final : public TokenSource {
 public:
  Result<std::string> access_token() override {
    return failed_precondition("dagbok is not connected to Visma eEkonomi for this company: connect it under "
                               "Integrationer → Visma eEkonomi (sign in to Visma and allow dagbok).");
  }
  Status refused(const std::string&) override { return ok_status(); }
};

}  // namespace

VoucherMode voucher_mode(const std::string& setting) {
  if (setting == "draft") return VoucherMode::kDraft;
  if (setting == "draft_convert") return VoucherMode::kDraftConverted;
  return VoucherMode::kVoucher;
}

VismaConnector::VismaConnector(ConnectorHost host, TokenSources tokens, std::shared_ptr<net::HttpClient> http,
                               std::shared_ptr<ConnectorState> state, VismaClient::Sleep sleep)
    : host_(std::move(host)), tokens_(std::move(tokens)), http_(std::move(http)), state_(std::move(state)),
      sleep_(std::move(sleep)) {
  if (!http_) http_ = std::make_shared<net::CurlHttpClient>();
  if (!state_) state_ = std::make_shared<ConnectorState>(host_);
  if (!tokens_)
    tokens_ = [](const ConnectorSettings&, int64_t) -> Result<std::unique_ptr<TokenSource>> {
      return std::unique_ptr<TokenSource>(std::make_unique<NotConnected>());
    };
}

std::unique_ptr<Connector> make_connector(const ConnectorHost& host) { return std::make_unique<VismaConnector>(host); }

std::vector<SettingSpec> VismaConnector::settings() const {
  return {
      SettingSpec("base_url", "the API's address above /v2 (default https://eaccountingapi.vismaonline.com; an "
                              "emulator for tests)",
                  Secret::kNo, Frozen::kNo, {}, "url")
          .in_step("credentials"),
      SettingSpec("number_series", "the voucher series (NumberSeries) the vouchers go to; empty: the company's default")
          .offered_from(ChoiceList::kVoucherTypes)
          .in_step("accounts"),
      SettingSpec("cost_center_item", "a cost centre (its item) put on every row; empty: none")
          .offered_from(ChoiceList::kDepartments)
          .in_step("accounts"),
      SettingSpec("voucher_mode",
                  "voucher: straight to the ledger (default); draft: voucher drafts the accountant reviews; "
                  "draft_convert: a draft converted to a voucher at once",
                  Secret::kNo, Frozen::kNo, voucher_modes())
          .in_step("options"),
  };
}

std::vector<FieldError> VismaConnector::check_settings(json& values) const {
  std::vector<FieldError> problems;
  for (const char* name : {"base_url", "voucher_mode", "number_series", "cost_center_item"})
    if (values.contains(name) && !values[name].is_string())
      problems.push_back({name, invalid_argument(std::string("field '") + name + "' must be a string")});
  if (!problems.empty()) return problems;
  if (!values.contains("base_url") || values["base_url"].get<std::string>().empty()) {
    std::string url = kProductionBaseUrl;
    if (host_.config) {
      Result<Config> cfg = host_.config();
      if (cfg.ok()) {
        const auto app = cfg->oauth_apps.find("visma");
        if (app != cfg->oauth_apps.end() && !app->second.base_url.empty()) url = app->second.base_url;
      }
    }
    values["base_url"] = url;
  }
  const std::string url = values["base_url"].get<std::string>();
  if (!absolute_url(url))
    problems.push_back({"base_url", invalid_argument("base_url '" + url + "' is not an absolute address "
                                                     "(https://eaccountingapi.vismaonline.com)")});
  else
    values["base_url"] = normalise_base_url(url);
  if (!values.contains("voucher_mode") || values["voucher_mode"].get<std::string>().empty()) values["voucher_mode"] = "voucher";
  const std::string mode = values["voucher_mode"].get<std::string>();
  const auto& modes = voucher_modes();
  if (std::find(modes.begin(), modes.end(), mode) == modes.end())
    problems.push_back({"voucher_mode", invalid_argument("voucher_mode '" + mode +
                                                         "' is not voucher, draft or draft_convert")});
  if (!values.contains("number_series")) values["number_series"] = "";
  if (!values.contains("cost_center_item")) values["cost_center_item"] = "";
  const std::string series = values["number_series"].get<std::string>();
  if (series.size() > 10 || series.find_first_of(" \t\r\n'\"") != std::string::npos)
    problems.push_back({"number_series", invalid_argument("number_series '" + series +
                                                          "' is not a voucher series (a letter such as A)")});
  return problems;
}

Status VismaConnector::ready() {
  if (!host_.config) return failed_precondition("Visma eEkonomi is not configured: this program reads no dagbok.toml.");
  ASSIGN_OR_RETURN(Config cfg, host_.config());
  const std::string where = cfg.source.empty() ? std::string("dagbok.toml") : cfg.source;
  const auto app = cfg.oauth_apps.find("visma");
  if (app == cfg.oauth_apps.end())
    return failed_precondition("Visma eEkonomi is not configured. Add a [visma] section with dagbok's client_id "
                               "and client_secret (from the Visma Developer Portal) to " + where + ".");
  if (app->second.client_id.empty())
    return failed_precondition("Visma eEkonomi's client_id is missing in [visma] in " + where + ".");
  if (app->second.client_secret.empty())
    return failed_precondition("Visma eEkonomi's client_secret is missing in [visma] in " + where + ".");
  return ok_status();
}

Result<Endpoint> VismaConnector::endpoint(const ConnectorSettings& settings) {
  TRY(ready());
  ASSIGN_OR_RETURN(Config cfg, host_.config());
  Endpoint e;
  const OAuthAppConfig& app = cfg.oauth_apps.at("visma");
  e.client_id = app.client_id;
  e.base_url = settings.values.value("base_url", std::string());
  if (e.base_url.empty()) e.base_url = app.base_url;
  return e;
}

Result<std::string> VismaConnector::company_name(const ConnectorSettings& settings) {
  ASSIGN_OR_RETURN(Endpoint e, endpoint(settings));
  ASSIGN_OR_RETURN(std::unique_ptr<TokenSource> tokens, tokens_(settings, 0));
  VismaClient c(*http_, *state_, *tokens, e, sleep_);
  ASSIGN_OR_RETURN(Answer a, c.call("GET", "/companysettings"));
  if (a.status == 403) return std::string();  // the consent has no ea:sales: the name is not ours to read
  if (a.status != 200) return vendor_error(a, "GET /v2/companysettings");
  return str(a.json, "Name");
}

Status VismaConnector::test_connection(const ConnectorSettings& settings) {
  ASSIGN_OR_RETURN(Endpoint e, endpoint(settings));
  ASSIGN_OR_RETURN(std::unique_ptr<TokenSource> tokens, tokens_(settings, 0));
  VismaClient c(*http_, *state_, *tokens, e, sleep_);
  ASSIGN_OR_RETURN(std::vector<json> years, c.get_all("/fiscalyears"));
  if (years.empty())
    return failed_precondition("Visma eEkonomi shows no fiscal year for this company: finish the startup guide "
                               "and create the fiscal year in Visma eEkonomi, then test again.");
  return ok_status();
}

Result<std::vector<Choice>> VismaConnector::choices(const ConnectorSettings& settings, ChoiceList list) {
  ASSIGN_OR_RETURN(Endpoint e, endpoint(settings));
  ASSIGN_OR_RETURN(std::unique_ptr<TokenSource> tokens, tokens_(settings, 0));
  VismaClient c(*http_, *state_, *tokens, e, sleep_);
  std::vector<Choice> out;
  switch (list) {
    case ChoiceList::kCompanies: {
      ASSIGN_OR_RETURN(std::string name, company_name(settings));
      out.push_back({"", name.empty() ? std::string("Visma eEkonomi") : name});
      break;
    }
    case ChoiceList::kAccounts: {
      ASSIGN_OR_RETURN(std::vector<json> rows, c.get_all("/accounts"));
      for (const json& r : rows)
        if (!r.contains("IsActive") || !r["IsActive"].is_boolean() || r["IsActive"].get<bool>())
          out.push_back({str(r, "Number"), str(r, "Number") + " " + str(r, "Name")});
      break;
    }
    case ChoiceList::kVatCodes: {
      ASSIGN_OR_RETURN(std::vector<json> rows, c.get_all("/vatcodes"));
      for (const json& r : rows) out.push_back({str(r, "Code"), str(r, "Code") + " " + str(r, "Description")});
      break;
    }
    case ChoiceList::kDepartments: {  // cost centres: each item is a choice
      ASSIGN_OR_RETURN(std::vector<json> rows, c.get_all("/costcenters"));
      for (const json& cc : rows) {
        if (!cc.contains("Items") || !cc["Items"].is_array()) continue;
        for (const json& item : cc["Items"])
          if (!item.contains("IsActive") || !item["IsActive"].is_boolean() || item["IsActive"].get<bool>())
            out.push_back({str(item, "Id"), str(cc, "Name") + ": " + str(item, "Name")});
      }
      break;
    }
    case ChoiceList::kVoucherTypes: {  // the number series in use this fiscal year (the API lists none)
      ASSIGN_OR_RETURN(std::vector<json> years, c.get_all("/fiscalyears"));
      std::string current, latest;  // the latest fiscal year's
      for (const json& y : years)
        if (str(y, "StartDate") > latest) latest = str(y, "StartDate"), current = str(y, "Id");
      std::set<std::string> series;
      if (!current.empty()) {
        ASSIGN_OR_RETURN(json page, c.get_json("/vouchers/" + current + "?$page=1&$pagesize=500"));
        if (page.contains("Data") && page["Data"].is_array())
          for (const json& v : page["Data"])
            if (!str(v, "NumberSeries").empty()) series.insert(str(v, "NumberSeries"));
      }
      for (const std::string& s : series) out.push_back({s, s});
      break;
    }
  }
  return out;
}

Status VismaConnector::preflight(const DeliveryPayload& p) {
  ASSIGN_OR_RETURN(ConnectorSettings s, open_settings(p.destination, host_));
  TRY(endpoint(s));
  for (const Voucher& v : p.vouchers)
    if (v.debit_total() != v.credit_total())
      return failed_precondition("voucher " + v.series + " " + std::to_string(v.number) + " does not balance");
  return ok_status();
}

Result<std::string> VismaConnector::deliver(const DeliveryPayload& p) {
  ASSIGN_OR_RETURN(ConnectorSettings s, open_settings(p.destination, host_));
  ASSIGN_OR_RETURN(Endpoint e, endpoint(s));
  ASSIGN_OR_RETURN(std::unique_ptr<TokenSource> tokens, tokens_(s, p.company.id));
  VismaClient c(*http_, *state_, *tokens, e, sleep_);
  SendOptions o;
  o.mode = voucher_mode(s.values.value("voucher_mode", std::string("voucher")));
  o.number_series = s.values.value("number_series", std::string());
  o.cost_center_item = s.values.value("cost_center_item", std::string());
  VoucherSender sender(c, *state_, p, o);
  return sender.send_all();
}

}  // namespace dagbok::visma
