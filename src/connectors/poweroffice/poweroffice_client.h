// PowerOfficeClient: PowerOffice Go API v2 for one client (one merchant's
// company), as ../shared/research/accounting-apis.md §2 describes it.
//
//  - The token (POST {base}/OAuth/Token, client credentials: Basic
//    application key:client key, Ocp-Apim-Subscription-Key) is kept in
//    ConnectorState per company for its lifetime less a minute, reused by
//    every process, and renewed once when the API answers 401.
//  - Every request first takes a token of the installation's bucket
//    "poweroffice:<subscription key>" (10 requests/s shared by every
//    merchant); a 429 is waited out (Retry-After, at least 1 s) a few times,
//    then reported as Unavailable with the wait.
//  - The vendor's words (ProblemDetails' title/detail in any casing, OAuth's
//    error_description, APIM's message) are kept verbatim in the error.
//
//   PowerOfficeClient c(http, state, {app, sub, client_key, base}, company_id);
//   ASSIGN_OR_RETURN(nlohmann::json info, c.get_json("/ClientIntegrationInformation"));
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/result.h"
#include "exports/connector_state.h"
#include "net/http_client.h"

namespace dagbok::poweroffice {

inline constexpr const char* kProductionBaseUrl = "https://goapi.poweroffice.net";

struct Keys {
  std::string application_key;
  std::string subscription_key;
  std::string client_key;
  std::string base_url;  // the root above /OAuth/Token and /v2 (".../Demo" for the demo)
};

// The root without a trailing "/" or "/v2".
std::string normalise_base_url(std::string url);

struct Answer {
  int status = 0;
  std::string body;
  nlohmann::json json;  // parsed body (null when empty or not JSON)
};

class PowerOfficeClient {
 public:
  using Sleep = std::function<void(std::chrono::milliseconds)>;
  PowerOfficeClient(net::HttpClient& http, ConnectorState& state, Keys keys, int64_t company_id, Sleep sleep = {});

  // A fresh or reused token; PermissionDenied with PowerOffice's words when
  // the keys are refused.
  Result<std::string> token();
  std::string token_name() const;

  // One call to {base}/v2{path}. Answers of any status other than 401 and
  // 429 are returned (the caller reads 400/404/409); transport failures,
  // 5xx and a 429 that will not end are errors.
  Result<Answer> call(const std::string& method, const std::string& path, const std::string& body = "",
                      const std::string& content_type = "application/json");
  // GET that wants 200 (or 204: an empty list); anything else is an error.
  Result<nlohmann::json> get_json(const std::string& path);

 private:
  Status take_rate_token();
  Result<net::HttpResponse> send_limited(net::HttpRequest rq);

  net::HttpClient& http_;
  ConnectorState& state_;
  Keys keys_;
  int64_t company_id_;
  Sleep sleep_;
};

// "PowerOffice Go answered 400: <its words>" with the code the engine acts
// on: 400/404/409/422 FailedPrecondition (the merchant fixes it), 401/403
// PermissionDenied, 429/5xx Unavailable.
Error vendor_error(const Answer& a, const std::string& what);
// The vendor's own words from any of its error shapes, verbatim.
std::string vendor_message(const Answer& a);

}  // namespace dagbok::poweroffice
