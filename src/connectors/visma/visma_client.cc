#include "connectors/visma/visma_client.h"

#include <algorithm>
#include <cctype>
#include <regex>
#include <thread>

namespace dagbok::visma {
namespace {

using nlohmann::json;
constexpr int kMaxRateRetries = 4;          // 429s waited out per request before giving up
constexpr int kMaxRetryAfterSeconds = 10;   // longer waits go back to the engine
constexpr int kPageSize = 500;
constexpr int kMaxPages = 200;
// 600 requests per minute per endpoint: a burst of 100, then one per 120 ms,
// so that no 60 s window holds more than 100 + 500 = 600.
const RateLimit kEndpointLimit{100, std::chrono::milliseconds(120)};

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string text_field(const json& j, const char* name) {
  if (!j.is_object() || !j.contains(name) || j[name].is_null()) return "";
  return j[name].is_string() ? j[name].get<std::string>() : j[name].dump();
}

Answer answer_of(const net::HttpResponse& r) {
  Answer a{r.status, r.body, json::parse(r.body, nullptr, false)};
  if (a.json.is_discarded()) a.json = nullptr;
  return a;
}

}  // namespace

std::string normalise_base_url(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (url.size() >= 3 && lower(url.substr(url.size() - 3)) == "/v2") url.resize(url.size() - 3);
  return url;
}

std::string endpoint_of(const std::string& method, const std::string& path) {
  std::string p = path.substr(0, path.find('?'));
  static const std::regex kId("/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  return method + " /v2" + lower(std::regex_replace(p, kId, "/{id}"));
}

int retry_after_seconds(const net::HttpResponse& r, const json& body) {
  if (const int h = r.retry_after_seconds(); h > 0) return h;
  static const std::regex kAgain("[Tt]ry again in ([0-9]+) second");
  std::smatch m;
  const std::string text = text_field(body, "DeveloperErrorMessage");
  if (std::regex_search(text, m, kAgain)) return std::stoi(m[1].str());
  return 0;
}

std::string vendor_message(const Answer& a) {
  const json& j = a.json;
  std::string m = text_field(j, "DeveloperErrorMessage");
  if (!m.empty()) {
    const std::string code = text_field(j, "ErrorCode"), id = text_field(j, "ErrorId");
    if (!code.empty() || !id.empty()) {
      m += " (";
      if (!code.empty()) m += "ErrorCode " + code;
      if (!id.empty()) m += (code.empty() ? "" : ", ") + std::string("ErrorId ") + id;
      m += ")";
    }
    return m;
  }
  for (const char* name : {"error_description", "Message", "message", "error"})
    if (m = text_field(j, name); !m.empty()) return m;
  m = a.body.substr(0, 500);
  while (!m.empty() && (m.back() == '\n' || m.back() == '\r')) m.pop_back();
  return m.empty() ? "(no text)" : m;
}

Error vendor_error(const Answer& a, const std::string& what) {
  const std::string words = vendor_message(a);
  const std::string m = "Visma eEkonomi refused " + what + " (HTTP " + std::to_string(a.status) + "): " + words;
  if (words.find("No access to module") != std::string::npos)
    return failed_precondition(m + ". Activate the API (the integration module) for this company in Visma eEkonomi "
                                   "(Inställningar → Tillägg / Integrationer), then test the integration again.");
  if (a.status == 401 || a.status == 403)
    return permission_denied(m + ". Connect dagbok to Visma eEkonomi again (Integrationer → Visma eEkonomi) with a "
                                 "user who may keep the books of this company.");
  if (a.status == 429 || a.status >= 500) return unavailable(m);
  return failed_precondition(m);
}

VismaClient::VismaClient(net::HttpClient& http, ConnectorState& state, TokenSource& tokens, Endpoint endpoint,
                         Sleep sleep)
    : http_(http), state_(state), tokens_(tokens), endpoint_(std::move(endpoint)), sleep_(std::move(sleep)) {
  endpoint_.base_url = normalise_base_url(endpoint_.base_url.empty() ? kProductionBaseUrl : endpoint_.base_url);
  if (!sleep_) sleep_ = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
}

Result<net::HttpResponse> VismaClient::send_limited(const std::string& endpoint, const net::HttpRequest& rq) {
  for (int attempt = 0;; ++attempt) {
    TRY(state_.acquire("visma:" + endpoint_.client_id + ":" + endpoint, kEndpointLimit, std::chrono::seconds(30)));
    ASSIGN_OR_RETURN(net::HttpResponse r, http_.send(rq));
    if (r.status != 429) return r;
    const Answer a = answer_of(r);
    const int wait = std::max(1, retry_after_seconds(r, a.json));
    if (attempt + 1 >= kMaxRateRetries || wait > kMaxRetryAfterSeconds)
      return unavailable("Visma eEkonomi asks dagbok to slow down on " + endpoint + " (HTTP 429): " +
                         vendor_message(a) + ". The export is tried again by itself.")
          .with_retry_after(wait);
    sleep_(std::chrono::seconds(wait));
  }
}

Result<Answer> VismaClient::call(const std::string& method, const std::string& path, const std::string& body) {
  const std::string endpoint = endpoint_of(method, path);
  for (int renewed = 0;; ++renewed) {
    ASSIGN_OR_RETURN(std::string t, tokens_.access_token());
    net::HttpRequest rq;
    rq.method = method;
    rq.url = endpoint_.base_url + "/v2" + path;
    rq.headers = {{"Authorization", "Bearer " + t}, {"Accept", "application/json"}};
    if (!body.empty() || method == "POST" || method == "PUT") {
      rq.headers.push_back({"Content-Type", "application/json; charset=utf-8"});
      rq.body = body;
    }
    ASSIGN_OR_RETURN(net::HttpResponse r, send_limited(endpoint, rq));
    Answer a = answer_of(r);
    if (r.status == 401 && renewed == 0) {
      TRY(tokens_.refused(t));
      continue;
    }
    if (r.status == 401) return vendor_error(a, method + " /v2" + path.substr(0, path.find('?')));
    if (r.status >= 500) {
      Error e = vendor_error(a, method + " /v2" + path.substr(0, path.find('?')));
      if (const int wait = r.retry_after_seconds(); wait > 0) return std::move(e).with_retry_after(wait);
      return e;
    }
    return a;
  }
}

Result<json> VismaClient::get_json(const std::string& path) {
  ASSIGN_OR_RETURN(Answer a, call("GET", path));
  if (a.status != 200) return vendor_error(a, "GET /v2" + path.substr(0, path.find('?')));
  if (a.json.is_null()) return unavailable("Visma eEkonomi's answer to GET /v2" + path + " was not JSON");
  return a.json;
}

Result<std::vector<json>> VismaClient::get_all(const std::string& path) {
  std::vector<json> rows;
  const char sep = path.find('?') == std::string::npos ? '?' : '&';
  for (int page = 1; page <= kMaxPages; ++page) {
    ASSIGN_OR_RETURN(json j, get_json(path + sep + "$page=" + std::to_string(page) +
                                      "&$pagesize=" + std::to_string(kPageSize)));
    if (j.is_array()) {  // a list without the paging envelope
      for (json& r : j) rows.push_back(std::move(r));
      return rows;
    }
    if (!j.is_object() || !j.contains("Data") || !j["Data"].is_array())
      return unavailable("Visma eEkonomi's answer to GET /v2" + path + " had no Data list");
    for (json& r : j["Data"]) rows.push_back(std::move(r));
    int pages = 1;
    if (j.contains("Meta") && j["Meta"].is_object() && j["Meta"].contains("TotalNumberOfPages") &&
        j["Meta"]["TotalNumberOfPages"].is_number_integer())
      pages = j["Meta"]["TotalNumberOfPages"].get<int>();
    if (page >= pages || j["Data"].empty()) return rows;
  }
  return rows;
}

}  // namespace dagbok::visma
