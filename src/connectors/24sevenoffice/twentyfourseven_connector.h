// The 24SevenOffice kind (Norway): the day's voucher sent over SOAP with
// AccountService.SaveBundleList, as a journal for approval (SaveOption 1,
// "Type import" off) or straight to the ledger (SaveOption 0, on). The
// merchant pastes a username and password (the password sealed at rest),
// "Test integrasjon" logs in, and the company, department and voucher type
// are chosen from the service's lists. doc/connectors/24sevenoffice.md.
//
//   registry.add(twentyfourseven::make_connector(host));             // registry.cc
//   TwentyFourSevenConnector kind(host, [&]() -> net::HttpClient& { return fake; });  // tests
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "connectors/24sevenoffice/twentyfourseven_client.h"
#include "exports/connector.h"
#include "exports/connector_state.h"
#include "net/http_client.h"

namespace dagbok::twentyfourseven {

// The environment variable holding dagbok's ApplicationId (the integrator's
// GUID from apisupport@24sevenoffice.com).
inline constexpr const char* kApplicationIdVar = "DAGBOK_24SEVENOFFICE_APPLICATION_ID";

class TwentyFourSevenConnector final : public Connector {
 public:
  using HttpSource = std::function<net::HttpClient&()>;
  // `tune` adjusts the client's options (tests: a short login interval).
  TwentyFourSevenConnector(ConnectorHost host, HttpSource http,
                           std::function<void(ClientOptions&)> tune = nullptr);

  std::string kind() const override { return kKind; }
  std::string title() const override { return "24SevenOffice"; }
  std::vector<SettingSpec> settings() const override;
  std::vector<FieldError> check_settings(nlohmann::json& values) const override;
  Status ready() override;
  Status test_connection(const ConnectorSettings& settings) override;
  Result<std::vector<Choice>> choices(const ConnectorSettings& settings, ChoiceList list) override;
  Status preflight(const DeliveryPayload& payload) override;
  Result<std::string> deliver(const DeliveryPayload& payload) override;

  ConnectorState& state() { return state_; }

 private:
  Result<ClientOptions> options(const ConnectorSettings& settings, int64_t company_id) const;
  Result<ConnectorSettings> open(const Destination& destination) const;
  Status check_accounts(TwentyFourSevenClient& client, const std::vector<Voucher>& vouchers);

  ConnectorHost host_;
  HttpSource http_;
  std::function<void(ClientOptions&)> tune_;
  ConnectorState state_;
  // Before a delivery there is no company to key a session on (Test
  // integration, the wizard's lists): those sessions live in this process.
  ConnectorState loose_state_{std::make_unique<MemoryConnectorStateStore>()};
};

std::unique_ptr<Connector> make_connector(const ConnectorHost& host);

}  // namespace dagbok::twentyfourseven
