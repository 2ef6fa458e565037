// The Visma eEkonomi kind ("visma"; eAccounting API v2, "Spiris" in Sweden).
// The merchant connects its company by consent in the browser (OAuth 2
// authorization code, scopes kScopes); dagbok's client id and secret are the
// installation's own ([visma] in dagbok.toml). Each voucher of a delivery
// (one per Z-report) goes straight to the ledger (POST /v2/vouchers, the
// default), as a draft for the accountant (POST /v2/voucherdrafts), or as a
// draft converted at once, with the Z-report PDF as an attachment
// (POST /v2/attachments) linked to the voucher. doc/connectors/visma.md has
// the settings and the errors; visma_vouchers.h how each voucher arrives
// exactly once although Visma keeps no reference of ours.
//
// The access token comes through a TokenSource (visma_client.h) made per
// company by `TokenSources`: the OAuth module's in production, a test's own
// exchange with the emulator in tests.
//
//   registry.add(visma::make_connector(host));   // registry.cc
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "connectors/visma/visma_client.h"
#include "connectors/visma/visma_vouchers.h"
#include "exports/connector.h"
#include "exports/connector_state.h"
#include "net/http_client.h"

namespace dagbok::visma {

// The token source of one company (company_id 0: the wizard's, before activation).
using TokenSources =
    std::function<Result<std::unique_ptr<TokenSource>>(const ConnectorSettings& settings, int64_t company_id)>;

class VismaConnector final : public Connector {
 public:
  // tokens empty: the company is "not connected" until the OAuth module is
  // wired. http/state empty: libcurl and the host's state store. sleep: how
  // a 429's wait is waited (tests shorten it).
  explicit VismaConnector(ConnectorHost host, TokenSources tokens = {}, std::shared_ptr<net::HttpClient> http = nullptr,
                          std::shared_ptr<ConnectorState> state = nullptr, VismaClient::Sleep sleep = {});

  std::string kind() const override { return "visma"; }
  std::string title() const override { return "Visma eEkonomi"; }
  std::vector<SettingSpec> settings() const override;
  StartDate start_date() const override { return StartDate::kFrozenOnceSaved; }
  std::vector<FieldError> check_settings(nlohmann::json& values) const override;
  Status ready() override;
  Status test_connection(const ConnectorSettings& settings) override;
  Result<std::vector<Choice>> choices(const ConnectorSettings& settings, ChoiceList list) override;
  Status preflight(const DeliveryPayload& payload) override;
  Result<std::string> deliver(const DeliveryPayload& payload) override;

  // The company's name where the scopes allow (GET /v2/companysettings needs
  // ea:sales); "" when they do not.
  Result<std::string> company_name(const ConnectorSettings& settings);

 private:
  Result<Endpoint> endpoint(const ConnectorSettings& settings);

  ConnectorHost host_;
  TokenSources tokens_;
  std::shared_ptr<net::HttpClient> http_;
  std::shared_ptr<ConnectorState> state_;
  VismaClient::Sleep sleep_;
};

// "voucher", "draft", "draft_convert" → the mode.
VoucherMode voucher_mode(const std::string& setting);

std::unique_ptr<Connector> make_connector(const ConnectorHost& host);

}  // namespace dagbok::visma
