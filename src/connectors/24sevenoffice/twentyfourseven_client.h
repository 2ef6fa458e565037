// The 24SevenOffice SOAP client: one session per username reused through
// ConnectorState (Login → ASP.NET_SessionId cookie), logins throttled, a
// stale session logged in again once, every request inside the service's
// budget of 7,200 an hour, and the calls dagbok makes (research §3).
//
//   TwentyFourSevenClient c(http, state, {.base_url = url, .username = u, .password = p, .application_id = app});
//   TRY(c.use_identity(identity_guid));
//   ASSIGN_OR_RETURN(std::vector<Choice> types, c.transaction_types());
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "books/voucher.h"
#include "connectors/24sevenoffice/soap.h"
#include "core/date.h"
#include "exports/connector.h"
#include "exports/connector_state.h"
#include "net/http_client.h"

namespace dagbok::twentyfourseven {

inline constexpr const char* kKind = "24sevenoffice";
inline constexpr const char* kDefaultBaseUrl = "https://api.24sevenoffice.com";

struct ClientOptions {
  std::string base_url = kDefaultBaseUrl;  // no trailing slash
  std::string username;
  std::string password;
  std::string application_id;              // the integrator's GUID
  int64_t company_id = 0;                  // dagbok's company, for ConnectorState
  std::chrono::seconds login_interval{60};  // at most one Login per username in this time
  RateLimit rate{60, std::chrono::milliseconds(500)};  // 7,200 requests an hour
  std::chrono::milliseconds max_wait{30'000};
};

// One entry of a bundle as sent (signed amount, debit > 0).
struct BundleEntry {
  std::string account_no;
  Money amount;
  std::string department_id;  // "" none
  std::string comment;
};

struct Bundle {
  int year = 0;
  std::string sort;  // the voucher type's No
  std::string name;
  Date date;
  std::vector<BundleEntry> entries;
  bool to_ledger = false;  // SaveOption 0; false: 1 (journal for approval)
};

class TwentyFourSevenClient {
 public:
  TwentyFourSevenClient(net::HttpClient& http, ConnectorState& state, ClientOptions options);

  // A session (reused or a new Login); PermissionDenied for bad credentials.
  Status ensure_session();
  Result<std::vector<Choice>> identities();      // Identity.Id → Client.Name
  Status use_identity(const std::string& identity_id);
  Result<std::vector<Choice>> departments();     // Department.Id → Name
  Result<std::vector<Choice>> transaction_types();  // No → "No Title"
  Result<std::vector<Choice>> accounts();        // AccountNo → "AccountNo AccountName"
  Result<std::vector<Choice>> tax_codes();       // TaxNo → "TaxNo TaxName (rate %)"
  // Saves one bundle; the service's Type and Description verbatim in errors.
  Status save_bundle(const Bundle& bundle);
  // Whether the ledger holds an entry of `date` whose comment carries `marker`.
  Result<bool> has_entry_with(Date date, const std::string& marker);

  int64_t logins() const { return logins_; }
  int64_t requests() const { return requests_; }

  // Where a service lives under the base URL and its namespace (the
  // SOAPAction is the namespace with the operation appended).
  struct Service {
    const char* path;
    const char* ns;
  };

 private:
  Result<net::HttpResponse> post(const Service& service, const std::string& operation, const std::string& body,
                                 const std::string& session);
  Result<std::string> login();
  // One call with the session; a stale session is logged in again once.
  Result<SoapAnswer> call(const Service& service, const std::string& operation,
                                 const std::function<void(pugi::xml_node)>& fill);
  std::string session_name() const { return "session:" + options_.username; }

  net::HttpClient& http_;
  ConnectorState& state_;
  ClientOptions options_;
  std::string identity_;  // the one chosen, set again after a new Login
  int64_t logins_ = 0;
  int64_t requests_ = 0;
};

// "2025-03-20T00:00:00": the business date as the service's dateTime, never
// an instant that a time zone could move across midnight.
std::string soap_date(Date d);

}  // namespace dagbok::twentyfourseven
