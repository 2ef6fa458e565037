#include "auth/sessions.h"

#include "auth/secret_token.h"
#include "auth/users.h"
#include "crypto/password_hash.h"

namespace dagbok::auth {
namespace {

// Verified for unknown addresses, so that a login's time does not tell
// whether the address exists. Made once, from a random password.
const std::string& dummy_hash() {
  static const std::string h = [] {
    Result<IssuedToken> t = issue_token();
    Result<std::string> hash = crypto::hash_password(t.ok() ? t->token : "dagbok-dummy-password");
    return hash.ok() ? *hash : std::string();
  }();
  return h;
}

Error wrong_credentials() { return permission_denied("wrong e-mail address or password"); }

}  // namespace

Result<LoginOutcome> log_in(AccessStore& store, std::string_view email, std::string_view password, const Clock& clock,
                            int64_t session_seconds) {
  Result<std::string> normalized = normalize_email(email);
  std::optional<User> user;
  if (normalized.ok()) {
    ASSIGN_OR_RETURN(user, store.find_user_by_email(*normalized));
  }
  if (!user) {
    (void)crypto::verify_password(dummy_hash(), password);
    return wrong_credentials();
  }
  if (!crypto::verify_password(user->password_hash, password)) return wrong_credentials();
  if (crypto::password_needs_rehash(user->password_hash)) {
    // Raise the cost at the next login; a failure here does not stop the login.
    if (Result<std::string> h = crypto::hash_password(password); h.ok())
      if (store.set_password_hash(user->id, *h).ok()) user->password_hash = *h;
  }
  ASSIGN_OR_RETURN(IssuedToken session_token, issue_token());
  IssuedToken csrf;
  csrf.token = csrf_token_for(session_token.token);
  csrf.digest = token_digest(csrf.token);
  LoginOutcome out;
  out.session.user_id = user->id;
  out.session.token_digest = session_token.digest;
  out.session.csrf_digest = csrf.digest;
  out.session.created_at = clock.now();
  out.session.expires_at = clock.now().plus_seconds(session_seconds);
  ASSIGN_OR_RETURN(out.session.id, store.create_session(out.session));
  out.user = std::move(*user);
  out.session_token = std::move(session_token.token);
  out.csrf_token = std::move(csrf.token);
  return out;
}

Result<std::optional<SessionPrincipal>> find_session(AccessStore& store, std::string_view session_token, Instant now) {
  if (session_token.empty() || session_token.size() > 256) return std::optional<SessionPrincipal>();
  ASSIGN_OR_RETURN(std::optional<SessionRecord> s, store.find_session(token_digest(session_token)));
  if (!s || s->revoked_at || s->expires_at <= now) return std::optional<SessionPrincipal>();
  ASSIGN_OR_RETURN(std::optional<User> u, store.find_user(s->user_id));
  if (!u) return std::optional<SessionPrincipal>();
  SessionPrincipal out;
  out.principal.kind = Principal::Kind::kUser;
  out.principal.user_id = u->id;
  ASSIGN_OR_RETURN(out.principal.memberships, store.memberships(u->id));
  out.user = std::move(*u);
  out.session = std::move(*s);
  return std::optional<SessionPrincipal>(std::move(out));
}

std::string csrf_token_for(std::string_view session_token) {
  return token_digest("dagbok-csrf-v1/" + std::string(session_token));
}

bool csrf_matches(const SessionRecord& session, std::string_view csrf_token) {
  if (csrf_token.empty() || csrf_token.size() > 256) return false;
  return crypto::constant_time_equals(token_digest(csrf_token), session.csrf_digest);
}

Status log_out(AccessStore& store, std::string_view session_token, Instant now) {
  return store.revoke_session(token_digest(session_token), now);
}

}  // namespace dagbok::auth
