// OAuth 2 authorization-code flow, the protocol part (RFC 6749 §4.1, §6):
// the address the merchant's browser is sent to, the exchange of the code
// for a token pair and the refresh. Shared by every kind that connects this
// way (Fortnox, Visma eEkonomi); nothing here stores anything (the keeping,
// one refresh at a time and the state parameter are exports/oauth_tokens.h).
//
// Both token calls authenticate the client with HTTP Basic
// (client_id:client_secret) and send a form body, as Fortnox and Visma want.
// The answer is classified, never parsed from a message: a refused grant
// (invalid_grant: the refresh token was spent or revoked, the code is used
// or stale) is TokenError::kInvalidGrant, which means "connect again".
//
//   net::OAuthProvider p{"Fortnox", "https://apps.fortnox.se/oauth-v1/auth", ".../token", id, secret,
//                        {"bookkeeping", "companyinformation"}, {{"access_type", "offline"}}};
//   std::string url = net::authorize_url(p, redirect_uri, state);
//   ASSIGN_OR_RETURN(net::TokenAnswer a, net::exchange_code(http, p, code, redirect_uri));
//   if (a.error == net::TokenError::kInvalidGrant) …
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "net/http_client.h"

namespace dagbok::net {

struct OAuthProvider {
  std::string title;          // "Fortnox": the words of every message
  std::string authorize_url;  // where the browser goes for consent
  std::string token_url;      // code exchange and refresh
  std::string client_id;      // dagbok's own, from the installation's config
  std::string client_secret;  // never logged
  std::vector<std::string> scopes;                            // joined with spaces
  std::vector<std::pair<std::string, std::string>> extra;     // more authorize parameters (access_type=offline)
};

struct TokenSet {
  std::string access_token;
  std::string refresh_token;  // may be empty when the provider sends none
  int64_t expires_in = 3600;  // seconds
  std::string scope;
};

enum class TokenError {
  kNone,
  kInvalidGrant,   // code or refresh token refused: the merchant must connect again
  kInvalidClient,  // dagbok's client id/secret refused: the installation's config
  kOther,          // any other refusal (400/401/403 with another error)
};

struct TokenAnswer {
  TokenError error = TokenError::kNone;
  TokenSet tokens;      // when error == kNone
  int status = 0;       // the HTTP status
  std::string message;  // the provider's own words (error_description, error, message), verbatim
};

// {authorize_url}?response_type=code&client_id=…&redirect_uri=…&scope=…&state=…[&extra…]
std::string authorize_url(const OAuthProvider& p, const std::string& redirect_uri, const std::string& state);

// POST token_url grant_type=authorization_code. Unavailable when no answer
// came or the provider answered 5xx/429; any refusal is a TokenAnswer.
Result<TokenAnswer> exchange_code(HttpClient& http, const OAuthProvider& p, const std::string& code,
                                  const std::string& redirect_uri);
// POST token_url grant_type=refresh_token.
Result<TokenAnswer> refresh_tokens(HttpClient& http, const OAuthProvider& p, const std::string& refresh_token);

// The value of `name` in a URL's query (percent-decoded), "" when absent:
// the code and state of a callback address pasted into the CLI.
std::string query_value(const std::string& url, const std::string& name);

}  // namespace dagbok::net
