// The PowerOffice Go kind ("poweroffice") on the connector seam, as seed 004
// (ProTouch → PowerOffice Go) describes it: the merchant pastes the client
// key; the application key and the subscription key are dagbok's own
// ([poweroffice] in dagbok.toml). Each voucher of a delivery (one per
// Z-report) goes to PowerOffice Go as a journal-entry draft
// (JournalEntryVouchers/ManualJournals, the default, as ProTouch does) or
// straight to the ledger (Vouchers/ManualJournals with
// ExternalImportReference), with the Z-report PDF attached. doc/connectors/
// poweroffice.md has the settings and the errors.
//
// Exactly once: every voucher has a reference derived from dagbok's voucher
// ("dagbok-<company>-<voucher id>"). Posted mode sends it as
// ExternalImportReference (PowerOffice refuses a second one); both modes keep
// what was sent in ConnectorState before the delivery is acknowledged, and
// draft mode looks its drafts up before posting again after a crash.
//
//   registry.add(poweroffice::make_connector(host));   // registry.cc
#pragma once

#include <map>
#include <memory>
#include <string>

#include "connectors/poweroffice/poweroffice_client.h"
#include "exports/connector.h"
#include "exports/connector_state.h"
#include "net/http_client.h"

namespace dagbok::poweroffice {

class PowerOfficeConnector final : public Connector {
 public:
  // http/state empty: libcurl and the host's state store. sleep: how a 429's
  // Retry-After is waited (tests shorten it).
  explicit PowerOfficeConnector(ConnectorHost host, std::shared_ptr<net::HttpClient> http = nullptr,
                                std::shared_ptr<ConnectorState> state = nullptr,
                                PowerOfficeClient::Sleep sleep = {});

  std::string kind() const override { return "poweroffice"; }
  std::string title() const override { return "PowerOffice Go"; }
  std::vector<SettingSpec> settings() const override;
  StartDate start_date() const override { return StartDate::kFrozenOnceSaved; }
  std::vector<FieldError> check_settings(nlohmann::json& values) const override;
  Status ready() override;
  Status test_connection(const ConnectorSettings& settings) override;
  Result<std::vector<Choice>> choices(const ConnectorSettings& settings, ChoiceList list) override;
  Status preflight(const DeliveryPayload& payload) override;
  Result<std::string> deliver(const DeliveryPayload& payload) override;

 private:
  Result<Keys> keys(const ConnectorSettings& settings);
  PowerOfficeClient client(const Keys& keys, int64_t company_id);

  ConnectorHost host_;
  std::shared_ptr<net::HttpClient> http_;
  std::shared_ptr<ConnectorState> state_;
  PowerOfficeClient::Sleep sleep_;
};

std::unique_ptr<Connector> make_connector(const ConnectorHost& host);

}  // namespace dagbok::poweroffice
