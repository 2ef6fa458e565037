#include "exports/oauth_tokens.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "crypto/random.h"
#include "exports/connector.h"

namespace dagbok {
namespace {

using nlohmann::json;

constexpr const char* kPair = "oauth_pair";            // sealed {"access","refresh","access_until_ms"}
constexpr const char* kLease = "oauth_refresh_lease";  // who refreshes now
constexpr const char* kReconnect = "oauth_reconnect";  // the provider's words when a refresh was refused
constexpr int64_t kEarlyMs = 60'000;                   // a token is renewed a minute before it dies
constexpr std::chrono::milliseconds kPoll{100};

std::string state_name(const std::string& value) { return "oauth_state:" + value; }
std::string used_name(const std::string& value) { return "oauth_state_used:" + value; }

std::string trim_slash(std::string s) {
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s;
}

}  // namespace

std::string oauth_callback_path(const std::string& kind) { return "/api/v1/oauth/" + kind + "/callback"; }

Result<net::OAuthProvider> oauth_provider(const ConnectorHost& host, const OAuthKind& kind) {
  if (!host.config) return failed_precondition(kind.title + " is not configured: this program reads no dagbok.toml.");
  ASSIGN_OR_RETURN(Config cfg, host.config());
  const std::string where = cfg.source.empty() ? std::string("dagbok.toml") : cfg.source;
  auto it = cfg.oauth_apps.find(kind.kind);
  if (it == cfg.oauth_apps.end())
    return failed_precondition(kind.title + " is not configured. Add a [" + kind.kind +
                               "] section with dagbok's client_id and client_secret to " + where + ".");
  const OAuthAppConfig& app = it->second;
  if (app.client_id.empty()) return failed_precondition(kind.title + "'s client_id is missing in " + app.origin + ".");
  if (app.client_secret.empty())
    return failed_precondition(kind.title + "'s client_secret is missing in " + app.origin + ".");
  net::OAuthProvider p;
  p.title = kind.title;
  const std::string base = trim_slash(app.auth_base_url.empty() ? kind.auth_base_url : app.auth_base_url);
  p.authorize_url = base + kind.authorize_path;
  p.token_url = base + kind.token_path;
  p.client_id = app.client_id;
  p.client_secret = app.client_secret;
  if (crypto::SecretBox::is_sealed(p.client_id) || crypto::SecretBox::is_sealed(p.client_secret)) {
    ASSIGN_OR_RETURN(std::unique_ptr<crypto::SecretBox> box, open_secret_box(host));
    if (crypto::SecretBox::is_sealed(p.client_id)) { ASSIGN_OR_RETURN(p.client_id, box->open(p.client_id)); }
    if (crypto::SecretBox::is_sealed(p.client_secret)) { ASSIGN_OR_RETURN(p.client_secret, box->open(p.client_secret)); }
  }
  p.scopes = kind.scopes;
  p.extra = kind.extra;
  return p;
}

std::string oauth_redirect_uri(const ConnectorHost& host, const OAuthKind& kind, const std::string& fallback) {
  if (host.config) {
    Result<Config> cfg = host.config();
    if (cfg.ok())
      if (auto it = cfg->oauth_apps.find(kind.kind); it != cfg->oauth_apps.end() && !it->second.redirect_uri.empty())
        return it->second.redirect_uri;
  }
  return fallback;
}

OAuthTokens::OAuthTokens(net::HttpClient& http, ConnectorState& state, const ConnectorHost& host, OAuthKind kind,
                         int64_t company_id)
    : http_(http), state_(state), host_(host), kind_(std::move(kind)), company_id_(company_id) {}

Result<std::string> OAuthTokens::begin(int64_t user_id, const std::string& redirect_uri) {
  ASSIGN_OR_RETURN(net::OAuthProvider p, oauth_provider(host_, kind_));
  ASSIGN_OR_RETURN(std::string random, crypto::random_hex(24));
  // "<company>.<random>": the callback knows only the state; the company in
  // it says where to look, the random part (192 bits) is what is checked.
  const std::string value = std::to_string(company_id_) + "." + random;
  const json begun = {{"company", company_id_}, {"user", user_id}, {"redirect_uri", redirect_uri}};
  TRY(state_.put(company_id_, kind_.kind, state_name(value), begun.dump(), kStateLifetime));
  return net::authorize_url(p, redirect_uri, value);
}

Result<OAuthBegun> OAuthTokens::take_state(ConnectorState& state, const std::string& kind, const std::string& value) {
  const auto unknown = [&] {
    return not_found("this connection was not begun here, has expired (10 minutes) or was already finished: "
                     "start again with Anslut");
  };
  const size_t dot = value.find('.');
  if (value.size() > 128 || dot == std::string::npos || dot == 0 || dot > 18) return unknown();
  int64_t company = 0;
  for (size_t i = 0; i < dot; ++i) {
    if (value[i] < '0' || value[i] > '9') return unknown();
    company = company * 10 + (value[i] - '0');
  }
  ASSIGN_OR_RETURN(std::optional<std::string> kept, state.get(company, kind, state_name(value)));
  if (!kept) return unknown();
  // Single use across processes: only the first callback gets the mark.
  ASSIGN_OR_RETURN(bool first, state.claim(company, kind, used_name(value), "1", kStateLifetime));
  if (!first) return unknown();
  TRY(state.erase(company, kind, state_name(value)));
  const json j = json::parse(*kept, nullptr, false);
  if (!j.is_object() || j.value("company", int64_t{-1}) != company) return unknown();
  OAuthBegun b;
  b.company_id = j["company"].get<int64_t>();
  b.user_id = j.value("user", int64_t{0});
  b.redirect_uri = j.value("redirect_uri", std::string());
  return b;
}

Error OAuthTokens::reconnect_error(const std::string& why) const {
  return failed_precondition(kind_.title + " no longer accepts dagbok's authorisation (" + why + "): connect " +
                             kind_.title + " again under Integrationer → " + kind_.title +
                             " (Anslut), or `dagbok integrations activate " + kind_.kind + " --code …`.");
}

Status OAuthTokens::finish(const std::string& code, const std::string& redirect_uri) {
  if (code.empty()) return invalid_argument("no authorisation code was given");
  ASSIGN_OR_RETURN(net::OAuthProvider p, oauth_provider(host_, kind_));
  ASSIGN_OR_RETURN(net::TokenAnswer a, net::exchange_code(http_, p, code, redirect_uri));
  if (a.error == net::TokenError::kInvalidClient)
    return failed_precondition(kind_.title + " refused dagbok's client id and secret: " + a.message +
                               ". Check [" + kind_.kind + "] in dagbok.toml.");
  if (a.error != net::TokenError::kNone)
    return failed_precondition(kind_.title + " refused the authorisation code (HTTP " + std::to_string(a.status) +
                               "): " + a.message + ". Start again with Anslut; a code is good once, for minutes.");
  TRY(save(a.tokens));
  return state_.erase(company_id_, kind_.kind, kReconnect);
}

Result<std::optional<OAuthTokens::Pair>> OAuthTokens::load() {
  ASSIGN_OR_RETURN(std::optional<std::string> sealed, state_.get(company_id_, kind_.kind, kPair));
  if (!sealed) return std::optional<Pair>();
  ASSIGN_OR_RETURN(std::unique_ptr<crypto::SecretBox> box, open_secret_box(host_));
  ASSIGN_OR_RETURN(std::string plain, box->open(*sealed));
  const json j = json::parse(plain, nullptr, false);
  if (!j.is_object()) return internal_error("the kept " + kind_.title + " tokens are not readable");
  Pair p;
  p.access = j.value("access", std::string());
  p.refresh = j.value("refresh", std::string());
  p.access_until_ms = j.value("access_until_ms", int64_t{0});
  return std::optional<Pair>(p);
}

Status OAuthTokens::save(const net::TokenSet& t) {
  std::string refresh = t.refresh_token;
  if (refresh.empty()) {
    ASSIGN_OR_RETURN(std::optional<Pair> old, load());
    if (old) refresh = old->refresh;
  }
  const int64_t until = state_.now_ms() + std::max<int64_t>(1000, t.expires_in * 1000 - kEarlyMs);
  const json j = {{"access", t.access_token}, {"refresh", refresh}, {"access_until_ms", until}};
  ASSIGN_OR_RETURN(std::unique_ptr<crypto::SecretBox> box, open_secret_box(host_));
  ASSIGN_OR_RETURN(std::string sealed, box->seal(j.dump()));
  return state_.put(company_id_, kind_.kind, kPair, sealed);
}

Result<std::string> OAuthTokens::access_token() {
  const int64_t give_up = state_.now_ms() + 2 * std::chrono::milliseconds(kRefreshLease).count();
  for (;;) {
    ASSIGN_OR_RETURN(std::optional<Pair> pair, load());
    if (pair && !pair->access.empty() && pair->access_until_ms > state_.now_ms()) return pair->access;
    ASSIGN_OR_RETURN(std::optional<std::string> refused, state_.get(company_id_, kind_.kind, kReconnect));
    if (refused) return reconnect_error(*refused);
    if (!pair || pair->refresh.empty())
      return failed_precondition(kind_.title + " is not connected: connect it under Integrationer → " + kind_.title +
                                 " (Anslut), or `dagbok integrations activate " + kind_.kind + " …`.");
    ASSIGN_OR_RETURN(std::string me, crypto::random_hex(8));
    ASSIGN_OR_RETURN(bool mine, state_.claim(company_id_, kind_.kind, kLease, me, kRefreshLease));
    if (mine) {
      Result<std::string> got = refresh_once();
      TRY(state_.erase(company_id_, kind_.kind, kLease));
      return got;
    }
    // Another thread or process refreshes: its new pair will be in the store.
    if (state_.now_ms() > give_up)
      return unavailable("another dagbok process has been renewing the " + kind_.title +
                         " token for too long; the export is tried again by itself")
          .with_retry_after(30);
    state_.sleep(kPoll);
  }
}

Result<std::string> OAuthTokens::refresh_once() {
  // Someone may have refreshed between our read and our lease.
  ASSIGN_OR_RETURN(std::optional<Pair> pair, load());
  if (pair && !pair->access.empty() && pair->access_until_ms > state_.now_ms()) return pair->access;
  if (!pair || pair->refresh.empty()) return failed_precondition(kind_.title + " is not connected");
  ASSIGN_OR_RETURN(net::OAuthProvider p, oauth_provider(host_, kind_));
  ASSIGN_OR_RETURN(net::TokenAnswer a, net::refresh_tokens(http_, p, pair->refresh));
  if (a.error == net::TokenError::kInvalidGrant) {
    // The refresh token is spent or revoked: no retry can help.
    TRY(state_.put(company_id_, kind_.kind, kReconnect, a.message.empty() ? "invalid_grant" : a.message));
    TRY(state_.erase(company_id_, kind_.kind, kPair));
    return reconnect_error(a.message.empty() ? "invalid_grant" : a.message);
  }
  if (a.error == net::TokenError::kInvalidClient)
    return failed_precondition(kind_.title + " refused dagbok's client id and secret: " + a.message + ". Check [" +
                               kind_.kind + "] in dagbok.toml.");
  if (a.error != net::TokenError::kNone)
    return failed_precondition(kind_.title + " refused to renew the token (HTTP " + std::to_string(a.status) +
                               "): " + a.message);
  // Saved before it is used: the old refresh token is spent now.
  TRY(save(a.tokens));
  return a.tokens.access_token;
}

Status OAuthTokens::forget_access_token(const std::string& token) {
  ASSIGN_OR_RETURN(std::optional<Pair> pair, load());
  if (!pair || pair->access != token) return ok_status();  // already renewed by someone
  const json j = {{"access", ""}, {"refresh", pair->refresh}, {"access_until_ms", 0}};
  ASSIGN_OR_RETURN(std::unique_ptr<crypto::SecretBox> box, open_secret_box(host_));
  ASSIGN_OR_RETURN(std::string sealed, box->seal(j.dump()));
  return state_.put(company_id_, kind_.kind, kPair, sealed);
}

Result<OAuthConnection> OAuthTokens::connection() {
  ASSIGN_OR_RETURN(std::optional<std::string> refused, state_.get(company_id_, kind_.kind, kReconnect));
  if (refused) return OAuthConnection::kReconnect;
  ASSIGN_OR_RETURN(std::optional<std::string> pair, state_.get(company_id_, kind_.kind, kPair));
  return pair ? OAuthConnection::kConnected : OAuthConnection::kNotConnected;
}

Status OAuthTokens::disconnect() {
  TRY(state_.erase(company_id_, kind_.kind, kPair));
  return state_.erase(company_id_, kind_.kind, kReconnect);
}

}  // namespace dagbok
