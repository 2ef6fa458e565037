#include "connectors/poweroffice/poweroffice_client.h"

#include <algorithm>
#include <cctype>
#include <thread>

#include "crypto/digest.h"

namespace dagbok::poweroffice {
namespace {

using nlohmann::json;
constexpr const char* kKind = "poweroffice";
constexpr int kMaxRateRetries = 4;      // 429s waited out per request before giving up
constexpr int kMaxRetryAfterSeconds = 10;  // longer waits go back to the engine

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A field of the vendor's object in any casing ("title", "Title").
std::string field(const json& j, const std::string& name) {
  if (!j.is_object()) return "";
  for (auto it = j.begin(); it != j.end(); ++it)
    if (lower(it.key()) == lower(name)) {
      if (it.value().is_string()) return it.value().get<std::string>();
      if (it.value().is_number()) return it.value().dump();
    }
  return "";
}

}  // namespace

std::string normalise_base_url(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (url.size() >= 3 && lower(url.substr(url.size() - 3)) == "/v2") url.resize(url.size() - 3);
  return url;
}

std::string vendor_message(const Answer& a) {
  const json& j = a.json;
  std::string title = field(j, "title"), detail = field(j, "detail");
  std::string m;
  if (!title.empty() && !detail.empty()) m = title + ": " + detail;
  else if (!title.empty() || !detail.empty()) m = title + detail;
  if (m.empty()) m = field(j, "error_description");
  if (m.empty()) m = field(j, "message");
  if (m.empty()) m = field(j, "error");
  if (m.empty() && j.is_object()) {
    // ASP.NET validation shape: {"errors": {"Field": ["…"]}}
    for (auto it = j.begin(); it != j.end(); ++it)
      if (lower(it.key()) == "errors" && it.value().is_object())
        for (auto e = it.value().begin(); e != it.value().end(); ++e)
          for (const json& x : e.value())
            if (x.is_string()) m += (m.empty() ? "" : "; ") + e.key() + ": " + x.get<std::string>();
  }
  if (m.empty()) {
    m = a.body.substr(0, 500);
    while (!m.empty() && (m.back() == '\n' || m.back() == '\r')) m.pop_back();
  }
  return m;
}

Error vendor_error(const Answer& a, const std::string& what) {
  std::string m = "PowerOffice Go refused " + what + " (HTTP " + std::to_string(a.status) + "): " + vendor_message(a);
  if (a.status == 401 || a.status == 403)
    return permission_denied(m + ". Check that the integration is active in PowerOffice Go (Settings → Extensions) "
                                 "with the rights dagbok needs, and that the client key is right.");
  if (a.status == 429 || a.status >= 500) return unavailable(m);
  return failed_precondition(m);
}

PowerOfficeClient::PowerOfficeClient(net::HttpClient& http, ConnectorState& state, Keys keys, int64_t company_id,
                                     Sleep sleep)
    : http_(http), state_(state), keys_(std::move(keys)), company_id_(company_id), sleep_(std::move(sleep)) {
  keys_.base_url = normalise_base_url(keys_.base_url.empty() ? kProductionBaseUrl : keys_.base_url);
  if (!sleep_) sleep_ = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
}

Status PowerOfficeClient::take_rate_token() {
  return state_.acquire("poweroffice:" + keys_.subscription_key, {10, std::chrono::milliseconds(100)},
                        std::chrono::seconds(30));
}

Result<net::HttpResponse> PowerOfficeClient::send_limited(net::HttpRequest rq) {
  for (int attempt = 0;; ++attempt) {
    TRY(take_rate_token());
    ASSIGN_OR_RETURN(net::HttpResponse r, http_.send(rq));
    if (r.status != 429) return r;
    const int wait = std::max(1, r.retry_after_seconds());
    if (attempt + 1 >= kMaxRateRetries || wait > kMaxRetryAfterSeconds) {
      Answer a{r.status, r.body, json::parse(r.body, nullptr, false)};
      if (a.json.is_discarded()) a.json = nullptr;
      return unavailable("PowerOffice Go asks dagbok to slow down (HTTP 429): " + vendor_message(a) +
                         ". The export is tried again by itself.")
          .with_retry_after(wait);
    }
    sleep_(std::chrono::seconds(wait));
  }
}

// The token's name in the state: bound to the keys it was issued for, so a
// changed (or a tested) client key never rides on another key's token.
std::string PowerOfficeClient::token_name() const {
  return "token/" + crypto::digest_hex(keys_.base_url + "\n" + keys_.application_key + "\n" + keys_.client_key);
}

Result<std::string> PowerOfficeClient::token() {
  ASSIGN_OR_RETURN(std::optional<std::string> cached, state_.get(company_id_, kKind, token_name()));
  if (cached && !cached->empty()) return *cached;
  net::HttpRequest rq;
  rq.method = "POST";
  rq.url = keys_.base_url + "/OAuth/Token";
  rq.headers = {{"Authorization", "Basic " + net::base64_encode(keys_.application_key + ":" + keys_.client_key)},
                {"Ocp-Apim-Subscription-Key", keys_.subscription_key},
                {"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"},
                {"Accept", "application/json"}};
  rq.body = "grant_type=client_credentials";
  ASSIGN_OR_RETURN(net::HttpResponse r, send_limited(rq));
  Answer a{r.status, r.body, json::parse(r.body, nullptr, false)};
  if (a.json.is_discarded()) a.json = nullptr;
  if (r.status != 200) {
    std::string m = "PowerOffice Go refused the keys (HTTP " + std::to_string(r.status) + "): " + vendor_message(a);
    if (r.status >= 500) return unavailable(m);
    return permission_denied(m + ". Copy the client key again from PowerOffice Go (Settings → Extensions) and "
                                 "check that it belongs to the same environment (demo or production) as dagbok's keys.");
  }
  const std::string t = field(a.json, "access_token");
  if (t.empty()) return unavailable("PowerOffice Go's token answer had no access_token");
  int64_t expires = 1200;
  if (a.json.is_object())
    for (auto it = a.json.begin(); it != a.json.end(); ++it)
      if (lower(it.key()) == "expires_in" && it.value().is_number_integer()) expires = it.value().get<int64_t>();
  // Renewed a minute early so that a request never leaves with a token about to die.
  const int64_t keep = std::max<int64_t>(1, expires - 60);
  TRY(state_.put(company_id_, kKind, token_name(), t, std::chrono::milliseconds(keep * 1000)));
  return t;
}

Result<Answer> PowerOfficeClient::call(const std::string& method, const std::string& path, const std::string& body,
                                       const std::string& content_type) {
  for (int renewed = 0;; ++renewed) {
    ASSIGN_OR_RETURN(std::string t, token());
    net::HttpRequest rq;
    rq.method = method;
    rq.url = keys_.base_url + "/v2" + path;
    rq.headers = {{"Authorization", "Bearer " + t},
                  {"Ocp-Apim-Subscription-Key", keys_.subscription_key},
                  {"Accept", "application/json"}};
    if (!body.empty() || method == "POST" || method == "PUT") {
      rq.headers.push_back({"Content-Type", content_type});
      rq.body = body;
    }
    ASSIGN_OR_RETURN(net::HttpResponse r, send_limited(rq));
    Answer a{r.status, r.body, json::parse(r.body, nullptr, false)};
    if (a.json.is_discarded()) a.json = nullptr;
    if (r.status == 401 && renewed == 0) {
      TRY(state_.erase(company_id_, kKind, token_name()));
      continue;
    }
    if (r.status == 401) return vendor_error(a, method + " " + path);
    if (r.status >= 500) {
      Error e = vendor_error(a, method + " " + path);
      const int wait = r.retry_after_seconds();
      if (wait > 0) return std::move(e).with_retry_after(wait);
      return e;
    }
    return a;
  }
}

Result<json> PowerOfficeClient::get_json(const std::string& path) {
  ASSIGN_OR_RETURN(Answer a, call("GET", path));
  if (a.status == 204) return json::array();
  if (a.status != 200) return vendor_error(a, "GET " + path);
  if (a.json.is_null()) return unavailable("PowerOffice Go's answer to GET " + path + " was not JSON");
  return a.json;
}

}  // namespace dagbok::poweroffice
