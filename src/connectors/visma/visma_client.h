// VismaClient: the Visma eEkonomi (eAccounting) API v2 for one company, as
// ../shared/research/accounting-apis.md §6 describes it.
//
//  - The access token comes through a TokenSource (the OAuth consent and the
//    refresh live outside this client): a 401 tells the source the token was
//    refused, and the call is made once more with a fresh one.
//  - Every request first takes a token of the bucket
//    "visma:<client id>:<METHOD /v2/endpoint>" (600 requests per minute per
//    client and endpoint, shared by every worker through the database); a
//    429 (ErrorCode 4010, "Try again in N seconds.") is waited out a few
//    times, then reported as Unavailable with the wait.
//  - Visma's words ({ErrorCode, DeveloperErrorMessage, ErrorId}) are kept
//    verbatim in the error.
//
//   VismaClient c(http, state, tokens, {base_url, client_id});
//   ASSIGN_OR_RETURN(std::vector<nlohmann::json> years, c.get_all("/fiscalyears"));
#pragma once

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result.h"
#include "exports/connector_state.h"
#include "net/http_client.h"

namespace dagbok::visma {

inline constexpr const char* kProductionBaseUrl = "https://eaccountingapi.vismaonline.com";
inline constexpr const char* kProductionIdentityUrl = "https://identity.vismaonline.com";
// What dagbok asks the merchant to consent to (offline_access: a refresh
// token; ea:accounting: vouchers, accounts, fiscal years, attachments).
inline constexpr const char* kScopes = "ea:api offline_access ea:accounting";

// The root without a trailing "/" or "/v2".
std::string normalise_base_url(std::string url);

// Where the client's access token comes from (the OAuth module; a test's
// own exchange with the emulator).
class TokenSource {
 public:
  virtual ~TokenSource() = default;
  // A valid access token; PermissionDenied/FailedPrecondition with what the
  // merchant does when the company is not connected or the consent is gone.
  virtual Result<std::string> access_token() = 0;
  // The API refused `token` (401): the next access_token() must not return it.
  virtual Status refused(const std::string& token) = 0;
};

struct Answer {
  int status = 0;
  std::string body;
  nlohmann::json json;  // parsed body (null when empty or not JSON)
};

struct Endpoint {
  std::string base_url;   // above /v2
  std::string client_id;  // dagbok's OAuth client: the rate limit's scope
};

class VismaClient {
 public:
  using Sleep = std::function<void(std::chrono::milliseconds)>;
  VismaClient(net::HttpClient& http, ConnectorState& state, TokenSource& tokens, Endpoint endpoint, Sleep sleep = {});

  // One call to {base}/v2{path}. Answers of any status other than 401 and
  // 429 are returned (the caller reads 400/404); transport failures, 5xx
  // and a 429 that will not end are errors.
  Result<Answer> call(const std::string& method, const std::string& path, const std::string& body = "");
  // GET that wants 200; anything else is an error.
  Result<nlohmann::json> get_json(const std::string& path);
  // Every row of a paginated list ({"Meta": …, "Data": […]}), page by page.
  Result<std::vector<nlohmann::json>> get_all(const std::string& path);

 private:
  Result<net::HttpResponse> send_limited(const std::string& endpoint, const net::HttpRequest& rq);

  net::HttpClient& http_;
  ConnectorState& state_;
  TokenSource& tokens_;
  Endpoint endpoint_;
  Sleep sleep_;
};

// The endpoint a path belongs to for the rate limit: "POST /v2/vouchers",
// "GET /v2/vouchers/{id}" (ids and the query left out).
std::string endpoint_of(const std::string& method, const std::string& path);
// The wait a 429 asks for: "Try again in 55 seconds." or Retry-After; 0 if none.
int retry_after_seconds(const net::HttpResponse& r, const nlohmann::json& body);
// Visma's own words, verbatim: "<DeveloperErrorMessage> (ErrorCode 4000,
// ErrorId …)", OAuth's error, or the body.
std::string vendor_message(const Answer& a);
// "Visma eEkonomi refused <what> (HTTP 400): <its words>" with the code the
// engine acts on: 400/404/409/422 FailedPrecondition (the merchant fixes
// it), 401/403 PermissionDenied, 429/5xx Unavailable. "No access to module:
// api_standard" says to activate the API in Visma eEkonomi.
Error vendor_error(const Answer& a, const std::string& what);

}  // namespace dagbok::visma
