// One settings merge for every kind: the CLI's `integrations activate|settings`
// and the server's activate and settings routes both come here.
//
// The changes (a JSON object of setting → new value) go over the saved
// settings; a setting frozen once saved is refused if it would change; a
// secret is sealed with the master key and kept apart from the plain
// settings (Destination::sealed_secret holds {"name": "sbx1:…"}); then the
// kind checks and normalises the whole set.
//
//   SettingsMerge m = merge_settings(*registry.find("email"), saved, {{"address", "a@b.se"}}, host);
//   if (!m.ok()) return m.problems;     // each names its field
//   destination.settings_json = m.settings_json;
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "exports/connector.h"

namespace dagbok {

struct SettingsMerge {
  std::vector<FieldError> problems;  // empty: the two below are the new settings
  std::string settings_json;             // the plain settings, normalised
  std::string sealed_secrets;            // the secrets, sealed ("" when the kind has none)

  bool ok() const { return problems.empty(); }
  // The first problem as one error ("address: …"), for the CLI.
  Error error() const;
};

// `saved` is the destination as saved, or null on first activation. `host`
// lends the master key when a secret changes (it may be null when none does).
SettingsMerge merge_settings(const Connector& kind, const Destination* saved, const nlohmann::json& changes,
                             const ConnectorHost* host);

// The fields of `body` that are settings of `kind` (a request body, the
// CLI's options): what merge_settings takes as its changes.
nlohmann::json setting_changes(const Connector& kind, const nlohmann::json& body);

// The saved settings of a destination, its secrets opened with the host's
// master key (only when it has any).
Result<ConnectorSettings> open_settings(const Destination& destination, const ConnectorHost& host);

// "Testa integrationen", for every shell (the CLI's `integrations test`, the
// server's POST …/integrations/{kind}/test): the saved settings (`saved`
// null: none yet) with `changes` over them, merged as merge_settings does —
// the wizard tests before it saves — then tried by the kind (ready(),
// test_connection()). Nothing is sent and nothing is saved.
struct IntegrationTest {
  std::vector<FieldError> problems;  // the settings refused, per field: nothing was tried
  Status status;                     // else: the kind's answer (ok: the other side accepted the credentials)

  bool ok() const { return problems.empty() && status.ok(); }
};
IntegrationTest test_integration_settings(Connector& kind, const Destination* saved, const nlohmann::json& changes,
                                          const ConnectorHost& host);

// What the kind's settings are, for a page or `--format json`:
// [{"name", "secret", "frozen", "values", "input"}].
nlohmann::json settings_description(const Connector& kind);

}  // namespace dagbok
