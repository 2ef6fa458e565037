// Login sessions: a password exchanged for a random session token (the
// cookie) and a CSRF token (for the X-CSRF-Token header), both 256 bits and
// both kept only as digests. A session ends at its expiry, at logout, and
// when the user's password changes.
//
//   Result<LoginOutcome> in = log_in(store, "anna@kaffebaren.se", password, clock);
//   Result<std::optional<SessionPrincipal>> who = find_session(store, cookie, clock.now());
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "auth/access_policy.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace dagbok::auth {

inline constexpr int64_t kDefaultSessionSeconds = 12 * 3600;

struct LoginOutcome {
  User user;
  SessionRecord session;
  std::string session_token;  // to the client once, as the cookie
  std::string csrf_token;     // to the client once, in the login answer
};

// PermissionDenied "wrong e-mail address or password" for an unknown address
// and a wrong password alike, in about the same time (a dummy hash is
// verified for unknown addresses).
Result<LoginOutcome> log_in(AccessStore& store, std::string_view email, std::string_view password, const Clock& clock,
                            int64_t session_seconds = kDefaultSessionSeconds);

struct SessionPrincipal {
  User user;
  SessionRecord session;
  Principal principal;
};

// The live session for a cookie value, or nothing (unknown, expired, revoked).
Result<std::optional<SessionPrincipal>> find_session(AccessStore& store, std::string_view session_token, Instant now);

// The session's CSRF token, derived from its cookie value (a BLAKE2b of it
// under a label of its own), so that a reloaded page can ask for it again
// (GET /me) while the store keeps neither. Knowing it tells nothing of the
// cookie; a cross-site page can read neither.
std::string csrf_token_for(std::string_view session_token);

// True when `csrf_token` is the session's (compared in constant time).
bool csrf_matches(const SessionRecord& session, std::string_view csrf_token);

Status log_out(AccessStore& store, std::string_view session_token, Instant now);

}  // namespace dagbok::auth
