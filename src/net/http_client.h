// HttpClient: one HTTPS request and its answer, for the integrations'
// clients (PowerOffice Go, 24SevenOffice, Björn Lundén, Fortnox, Visma).
// Behind an interface so a unit test can answer without a socket; the real
// one is libcurl (CurlHttpClient), which the tests point at an emulator on
// loopback through each kind's base URL.
//
// A request that got an answer is a Result holding it, whatever its status
// (a 429 or a 500 is the caller's to read); only "no answer" is an error:
// Unavailable naming the host and what went wrong (refused, timed out, TLS).
// Bodies are bounded (max_response_bytes) so a hostile or broken service
// cannot make dagbok hold gigabytes. Nothing here logs headers or bodies:
// they carry tokens and passwords.
//
//   CurlHttpClient http;
//   HttpRequest rq = HttpRequest::with_body("POST", base + "/OAuth/Token", "grant_type=client_credentials")
//                        .header("Authorization", "Basic " + base64_encode(app + ":" + key));
//   ASSIGN_OR_RETURN(HttpResponse r, http.send(rq));
//   if (r.status == 429) … r.header("Retry-After") …
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace dagbok::net {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";  // GET, POST, PUT, PATCH, DELETE
  std::string url;             // absolute: https://… (http:// on loopback for tests)
  Headers headers;
  std::string body;
  std::chrono::milliseconds timeout{30'000};
  int64_t max_response_bytes = 16 * 1024 * 1024;

  static HttpRequest get(std::string url) {
    HttpRequest r;
    r.url = std::move(url);
    return r;
  }
  static HttpRequest with_body(std::string method, std::string url, std::string body) {
    HttpRequest r;
    r.method = std::move(method);
    r.url = std::move(url);
    r.body = std::move(body);
    return r;
  }
  HttpRequest&& header(std::string name, std::string value) && {
    headers.emplace_back(std::move(name), std::move(value));
    return std::move(*this);
  }
  HttpRequest& header(std::string name, std::string value) & {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

struct HttpResponse {
  int status = 0;
  Headers headers;  // in the order received; names as sent
  std::string body;

  // The first header of that name (case-insensitive), if any.
  std::optional<std::string> header(std::string_view name) const;
  // Every header of that name (Set-Cookie).
  std::vector<std::string> headers_named(std::string_view name) const;
  // Retry-After in seconds (delta-seconds or an HTTP date; 0 when absent or unreadable).
  int retry_after_seconds() const;
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Unavailable when no answer came (connection refused, timed out, TLS,
  // a body over max_response_bytes); an answer of any status otherwise.
  virtual Result<HttpResponse> send(const HttpRequest& request) = 0;
};

// libcurl. Safe to share between threads (one easy handle per call).
class CurlHttpClient final : public HttpClient {
 public:
  Result<HttpResponse> send(const HttpRequest& request) override;
};

// Small helpers the clients share.
std::string base64_encode(std::string_view bytes);
std::string url_encode(std::string_view text);  // RFC 3986 unreserved kept, the rest %XX
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);  // a=b&c=d

}  // namespace dagbok::net
