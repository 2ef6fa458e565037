#include "net/oauth2.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <nlohmann/json.hpp>

namespace dagbok::net {
namespace {

using nlohmann::json;

std::string text_of(const json& j, const char* name) {
  if (!j.is_object() || !j.contains(name)) return "";
  const json& v = j[name];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return v.dump();
  return "";
}

// The provider's words: error_description, then error, then message (Fortnox
// also answers {"ErrorInformation": {...}} on some refusals), then the body.
std::string words(const json& j, const std::string& body) {
  for (const char* k : {"error_description", "message", "Message"})
    if (std::string s = text_of(j, k); !s.empty()) return s;
  for (const char* k : {"ErrorInformation", "errorInformation"})
    if (j.is_object() && j.contains(k) && j[k].is_object())
      for (const char* m : {"message", "Message"})
        if (std::string s = text_of(j[k], m); !s.empty()) return s;
  if (std::string s = text_of(j, "error"); !s.empty()) return s;
  std::string b = body.substr(0, 300);
  while (!b.empty() && std::isspace(static_cast<unsigned char>(b.back()))) b.pop_back();
  return b.empty() ? "no reason given" : b;
}

Result<TokenAnswer> token_call(HttpClient& http, const OAuthProvider& p,
                               const std::vector<std::pair<std::string, std::string>>& form) {
  HttpRequest rq = HttpRequest::with_body("POST", p.token_url, form_encode(form));
  rq.header("Authorization", "Basic " + base64_encode(p.client_id + ":" + p.client_secret));
  rq.header("Content-Type", "application/x-www-form-urlencoded");
  rq.header("Accept", "application/json");
  Result<HttpResponse> sent = http.send(rq);
  if (!sent) return sent.error().with_context(p.title + "'s token service");
  const HttpResponse& r = *sent;
  json j = json::parse(r.body, nullptr, false);
  if (j.is_discarded()) j = nullptr;
  TokenAnswer a;
  a.status = r.status;
  if (r.status == 429 || r.status >= 500) {
    Error e = unavailable(p.title + "'s token service answered " + std::to_string(r.status) + ": " + words(j, r.body));
    if (int wait = r.retry_after_seconds(); wait > 0) return std::move(e).with_retry_after(wait);
    return e;
  }
  if (r.status != 200) {
    const std::string code = text_of(j, "error");
    a.error = code == "invalid_grant" ? TokenError::kInvalidGrant
              : code == "invalid_client" || r.status == 401 ? TokenError::kInvalidClient
                                                            : TokenError::kOther;
    a.message = words(j, r.body);
    return a;
  }
  a.tokens.access_token = text_of(j, "access_token");
  a.tokens.refresh_token = text_of(j, "refresh_token");
  a.tokens.scope = text_of(j, "scope");
  if (j.is_object() && j.contains("expires_in")) {
    const json& e = j["expires_in"];
    if (e.is_number_integer()) a.tokens.expires_in = e.get<int64_t>();
    else if (e.is_string()) a.tokens.expires_in = std::atoll(e.get<std::string>().c_str());
  }
  if (a.tokens.expires_in <= 0) a.tokens.expires_in = 3600;
  if (a.tokens.access_token.empty())
    return unavailable(p.title + "'s token service answered 200 without an access_token");
  return a;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string percent_decode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

std::string authorize_url(const OAuthProvider& p, const std::string& redirect_uri, const std::string& state) {
  std::string scope;
  for (const std::string& s : p.scopes) scope += (scope.empty() ? "" : " ") + s;
  std::vector<std::pair<std::string, std::string>> q = {
      {"response_type", "code"}, {"client_id", p.client_id}, {"redirect_uri", redirect_uri}};
  if (!scope.empty()) q.push_back({"scope", scope});
  q.push_back({"state", state});
  for (const auto& e : p.extra) q.push_back(e);
  std::string query;
  for (const auto& [k, v] : q) query += (query.empty() ? "" : "&") + url_encode(k) + "=" + url_encode(v);
  return p.authorize_url + (p.authorize_url.find('?') == std::string::npos ? "?" : "&") + query;
}

Result<TokenAnswer> exchange_code(HttpClient& http, const OAuthProvider& p, const std::string& code,
                                  const std::string& redirect_uri) {
  return token_call(http, p, {{"grant_type", "authorization_code"}, {"code", code}, {"redirect_uri", redirect_uri}});
}

Result<TokenAnswer> refresh_tokens(HttpClient& http, const OAuthProvider& p, const std::string& refresh_token) {
  return token_call(http, p, {{"grant_type", "refresh_token"}, {"refresh_token", refresh_token}});
}

std::string query_value(const std::string& url, const std::string& name) {
  size_t q = url.find('?');
  std::string query = q == std::string::npos ? url : url.substr(q + 1);
  if (size_t hash = query.find('#'); hash != std::string::npos) query.resize(hash);
  size_t pos = 0;
  while (pos <= query.size()) {
    size_t amp = query.find('&', pos);
    if (amp == std::string::npos) amp = query.size();
    const std::string pair = query.substr(pos, amp - pos);
    const size_t eq = pair.find('=');
    if (percent_decode(pair.substr(0, eq)) == name)
      return eq == std::string::npos ? "" : percent_decode(pair.substr(eq + 1));
    pos = amp + 1;
  }
  return "";
}

}  // namespace dagbok::net
