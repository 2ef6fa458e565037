// OAuth 2 for the kinds that connect through the merchant's consent
// (Fortnox, Visma eEkonomi): how a kind declares its provider, the state
// parameter of a connection, and the keeping of each company's token pair.
//
//  - A kind declares an OAuthKind (Connector::oauth()); dagbok's client id
//    and secret come from the installation's config section of that name
//    ([fortnox], [visma]: plain or sealed like [poweroffice]).
//  - Connecting: begin() makes a random state bound to the company, the kind
//    and the user, kept 10 minutes, single use; the browser goes to the
//    provider's authorize URL; the callback (or the CLI's --code) calls
//    take_state() and finish(), which exchanges the code and keeps the pair.
//  - The pair is kept per company and kind in ConnectorState, sealed with the
//    master key (secret box). access_token() returns the kept token while it
//    lives (less a minute) or refreshes it: one refresh at a time per company
//    and kind across threads and processes (a lease in the shared store),
//    the new pair saved before the token is returned. A refused refresh
//    (invalid_grant) turns into the "reconnect" state: FailedPrecondition
//    "connect <title> again", no retries, until the merchant connects again.
//
//   OAuthTokens t(http, state, host, kOAuth, company_id);
//   ASSIGN_OR_RETURN(std::string token, t.access_token());
//   … on 401: TRY(t.forget_access_token(token)); and ask access_token() again once.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "exports/connector_state.h"
#include "net/http_client.h"
#include "net/oauth2.h"

namespace dagbok {

struct ConnectorHost;

// What a kind says about its OAuth provider; the URLs are its production
// defaults, replaced by the config section's auth_base_url (an emulator).
struct OAuthKind {
  std::string kind;                  // "fortnox": the ConnectorState kind and the config section
  std::string title;                 // "Fortnox"
  std::string auth_base_url;         // "https://apps.fortnox.se/oauth-v1"
  std::string authorize_path;        // "/auth"
  std::string token_path;            // "/token"
  std::vector<std::string> scopes;   // {"bookkeeping", "companyinformation", …}
  std::vector<std::pair<std::string, std::string>> extra;  // {{"access_type", "offline"}}
};

// The provider for `kind` from the host's config (its secret opened when
// sealed). FailedPrecondition naming the section when it is missing.
Result<net::OAuthProvider> oauth_provider(const ConnectorHost& host, const OAuthKind& kind);
// The redirect URI: the config's redirect_uri, else `fallback` (the server's
// own address + /api/v1/oauth/<kind>/callback).
std::string oauth_redirect_uri(const ConnectorHost& host, const OAuthKind& kind, const std::string& fallback);
// "/api/v1/oauth/<kind>/callback"
std::string oauth_callback_path(const std::string& kind);

// Who began a connection (what take_state() returns).
struct OAuthBegun {
  int64_t company_id = 0;
  int64_t user_id = 0;
  std::string redirect_uri;
};

enum class OAuthConnection { kNotConnected, kConnected, kReconnect };

class OAuthTokens {
 public:
  static constexpr std::chrono::minutes kStateLifetime{10};
  static constexpr std::chrono::seconds kRefreshLease{60};

  // http and state outlive this object; state is shared by every thread.
  OAuthTokens(net::HttpClient& http, ConnectorState& state, const ConnectorHost& host, OAuthKind kind,
              int64_t company_id);

  // A fresh state for this company, kind and user; the authorize URL to send
  // the browser to.
  Result<std::string> begin(int64_t user_id, const std::string& redirect_uri);
  // The connection `state` began, once: NotFound when it is unknown, expired
  // or already used (a replayed callback).
  static Result<OAuthBegun> take_state(ConnectorState& state, const std::string& kind, const std::string& value);
  // Exchanges the code and keeps the pair (the reconnect state ends).
  Status finish(const std::string& code, const std::string& redirect_uri);

  // A token that lives for at least another minute; refreshed when needed.
  Result<std::string> access_token();
  // The API refused `token` (401): the next access_token() refreshes.
  Status forget_access_token(const std::string& token);

  Result<OAuthConnection> connection();
  // Forgets the pair and the reconnect state (deactivation keeps them).
  Status disconnect();

 private:
  struct Pair {
    std::string access;
    std::string refresh;
    int64_t access_until_ms = 0;
  };
  Result<std::optional<Pair>> load();
  Status save(const net::TokenSet& t);
  Result<std::string> refresh_once();
  Error reconnect_error(const std::string& why) const;

  net::HttpClient& http_;
  ConnectorState& state_;
  const ConnectorHost& host_;
  OAuthKind kind_;
  int64_t company_id_;
};

}  // namespace dagbok
