// Connector: one kind of destination the books can go to (e-mail, Björn
// Lundén, Fortnox, …), as the outbox, the CLI, the server and the
// Integrationer page see it. A kind lives in src/connectors/<kind>/ and is
// named once in src/connectors/registry.cc; doc/connectors.md says how to add
// one.
//
// A kind says
//  - what settings it has (settings()): their names, which are secrets
//    (sealed at rest with crypto/secret_box.h), which are frozen once saved;
//    whether its start date is frozen once saved (start_date());
//  - how a set of settings is checked and normalised (check_settings()), so
//    that every shell merges settings the same way (connector_settings.h);
//  - whether this dagbok can deliver for it at all (ready(): a mail server
//    configured, a base URL set);
//  - how its credentials are tried without sending anything
//    (test_connection(): "Testa integrationen");
//  - what the wizard may offer from the other side (choices(): companies,
//    departments, accounts, VAT codes, voucher types; empty for e-mail);
//  - how a delivery is checked and sent (preflight(), deliver()).
//
// Errors tell the engine what to do next (STYLE.md): Unavailable → try again
// later (with Retry-After if the other side gave one); FailedPrecondition,
// InvalidArgument, PermissionDenied → stop and raise a notification naming
// the fix; anything else → a failed attempt, retried like Unavailable.
//
//   class FortnoxConnector final : public Connector { … };
//   registry.add(std::make_unique<FortnoxConnector>(host));   // registry.cc
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "books/account.h"
#include "books/mapping.h"
#include "books/voucher.h"
#include "config/config.h"
#include "core/clock.h"
#include "core/env.h"
#include "core/field_error.h"
#include "core/result.h"
#include "crypto/secret_box.h"
#include "store/connector_state_store.h"
#include "store/store.h"

namespace dagbok {

// What one delivery carries to a destination: a day close's Z-reports and
// their vouchers as they are now, with what is needed to book them.
struct OAuthKind;  // exports/oauth_tokens.h

struct DeliveryPayload {
  const Company& company;
  const Destination& destination;
  const Delivery& delivery;
  std::vector<ZReportRecord> z_reports;
  std::vector<Voucher> vouchers;
  std::vector<Account> accounts;
  Mapping mapping;
  Instant now;
  // Set by the engine: a destination that can tell the moment the other side
  // accepted the delivery (an SMTP server's 250 to the end of DATA) calls it
  // then, with the remote reference, before the conversation ends; the
  // engine records the delivery right away. Null: nobody listens.
  std::function<void(const std::string& remote_ref)> on_accepted = {};
};

// The lists a wizard may offer from the other side.
enum class ChoiceList { kCompanies, kDepartments, kAccounts, kVatCodes, kVoucherTypes };

enum class Secret { kNo, kYes };             // kYes: sealed at rest, never shown again
enum class Frozen { kNo, kOnceSaved };       // kOnceSaved: refused to change after the first save
enum class StartDate { kChangeable, kFrozenOnceSaved };

// One setting of a kind: the JSON field of the destination's settings, the
// CLI option (--name) and the field of the page's wizard.
struct SettingSpec {
  SettingSpec(std::string name_, std::string help_, Secret secret_ = Secret::kNo, Frozen frozen_ = Frozen::kNo,
              std::vector<std::string> values_ = {}, std::string input_ = "text")
      : name(std::move(name_)), help(std::move(help_)), secret(secret_), frozen(frozen_), values(std::move(values_)),
        input(std::move(input_)) {}

  std::string name;
  std::string help;  // one line in English, for `dagbok integrations … --help`
  Secret secret = Secret::kNo;
  Frozen frozen = Frozen::kNo;
  std::vector<std::string> values;  // one of these (the page shows a select), or any
  std::string input = "text";       // the page's field: "text", "email", "url" (a secret is a password)
  // The wizard offers the other side's list (GET …/choices/{list}, with a
  // refresh button) instead of a free field: a company, a department, a
  // voucher type, an account, a VAT code.
  std::optional<ChoiceList> choices;
  // The wizard's step the setting belongs to: "credentials" (asked before
  // "Test integration"), "company" (chosen from the other side once the
  // credentials work), "accounts" (the account setup), "options"; empty:
  // "options".
  std::string step;

  SettingSpec offered_from(ChoiceList list) && { choices = list; return std::move(*this); }
  SettingSpec in_step(std::string s) && { step = std::move(s); return std::move(*this); }
};

// A setting the kind refused is a FieldError (core/field_error.h): the
// setting's name, why (the message says the fix) and the kind of wrong.

// A destination's settings as a kind reads them: the plain values and the
// secrets, opened.
struct ConnectorSettings {
  nlohmann::json values = nlohmann::json::object();
  std::map<std::string, std::string> secrets;
};

std::string_view choice_list_name(ChoiceList list);  // "companies", "departments", "accounts", "vat_codes", "voucher_types"
Result<ChoiceList> parse_choice_list(std::string_view name);

struct Choice {
  std::string id;    // what the settings store
  std::string name;  // what the merchant reads
};

// A SIE file sent at once by hand, not through the outbox (the export
// dialog's "Skicka SIE-fil"); the export log records it.
struct SentFile {
  std::string filename;
  std::string to;          // the recipients, normalised
  std::string remote_ref;  // what the other side said (a queue id), or ""
  int64_t vouchers = 0;    // in the file
  std::vector<std::string> warnings;
};

// What the running program lends a kind: its settings file, the environment,
// the master key's file for sealed secrets, and where warnings go. Read
// lazily, so a command that needs no kind never reads dagbok.toml.
struct ConnectorHost {
  std::function<Result<Config>()> config;          // empty: no settings file
  Env env = empty_env();
  std::function<std::filesystem::path()> key_file;  // empty: only DAGBOK_MASTER_KEY (in env)
  std::function<void(const std::string&)> warn;    // may be empty
  // The store that keeps tokens, sessions and rate buckets for every process
  // of the installation (exports/connector_state.h); empty: memory only.
  std::function<Result<std::unique_ptr<ConnectorStateStore>>()> state_store;
};

// The master key's box for the host (an existing key only: reading never
// creates one). FailedPrecondition naming the fix when there is none.
Result<std::unique_ptr<crypto::SecretBox>> open_secret_box(const ConnectorHost& host);

class Connector {
 public:
  virtual ~Connector() = default;

  virtual std::string kind() const = 0;   // the Destination kind: "email", "fortnox"
  virtual std::string title() const = 0;  // the card's title (the page words it as intname.<kind>)
  virtual std::vector<SettingSpec> settings() const = 0;
  virtual StartDate start_date() const { return StartDate::kChangeable; }
  // A kind that connects through the merchant's consent (OAuth 2
  // authorization code: Fortnox, Visma) describes its provider; the card
  // then offers "Anslut" and the routes and the CLI run the flow
  // (exports/oauth_tokens.h). Null: credentials are settings.
  virtual const OAuthKind* oauth() const { return nullptr; }

  // Checks and normalises a whole set of plain settings (the saved ones with
  // the changes over them; secrets are not in it), filling in defaults.
  // Returns one problem per field it refuses; none: `values` is normalised.
  virtual std::vector<FieldError> check_settings(nlohmann::json& values) const = 0;

  // Whether this dagbok can deliver for the kind at all. FailedPrecondition
  // naming the fix ("No mail server is configured. Add an [smtp] section …").
  virtual Status ready() { return ok_status(); }

  // Tries the credentials and the other side without sending anything.
  virtual Status test_connection(const ConnectorSettings& settings) = 0;

  // What the wizard offers from the other side; empty when the kind has none.
  virtual Result<std::vector<Choice>> choices(const ConnectorSettings& settings, ChoiceList list) = 0;

  // What can be checked without sending: settings, credentials present.
  virtual Status preflight(const DeliveryPayload& payload) = 0;
  // Sends; returns the remote reference (a queue id, a voucher number).
  // Must be safe to call again with the same delivery: it carries
  // payload.delivery.idempotency_key for the other side to recognise.
  virtual Result<std::string> deliver(const DeliveryPayload& payload) = 0;

  // A kind that can send one file to a recipient the user names (e-mail)
  // says so by overriding these; the others refuse.
  virtual bool sends_files() const { return false; }
  virtual Status check_recipient(const std::string& to) const;
  virtual Result<SentFile> send_sie_file(Store& store, const Company& company, Date from, Date to,
                                         const std::string& recipient, const Clock& clock);
};

}  // namespace dagbok
