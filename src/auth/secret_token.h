// Bearer secrets: session tokens, CSRF tokens and the API tokens of tills.
//
// Each is 256 random bits, handed out once and kept only as a digest, so a
// copy of the database lets nobody in. Lookups go by digest; the digest is a
// BLAKE2b of the whole token, so a token cannot be guessed from its row.
//
//   IssuedToken t = *issue_token("dgbk_");  // t.token to the client, t.digest to the store
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace dagbok::auth {

struct IssuedToken {
  std::string token;   // shown once: a cookie value, a header, a till's setting
  std::string digest;  // what the store keeps
};

// prefix + 64 hex digits (256 bits).
Result<IssuedToken> issue_token(std::string_view prefix = "");

// The digest the store keeps for `token`.
std::string token_digest(std::string_view token);

// The prefix of API tokens, so that a leaked one is recognisable by scanners.
inline constexpr std::string_view kApiTokenPrefix = "dagbok_";

}  // namespace dagbok::auth
