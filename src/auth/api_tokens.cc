#include "auth/api_tokens.h"

#include "auth/secret_token.h"

namespace dagbok::auth {

Result<NewApiToken> create_api_token(AccessStore& store, int64_t company_id, std::string_view name, const Clock& clock) {
  if (name.empty() || name.size() > 100) return invalid_argument("an API token needs a name of 1 to 100 characters");
  ASSIGN_OR_RETURN(IssuedToken t, issue_token(kApiTokenPrefix));
  NewApiToken out;
  out.record.company_id = company_id;
  out.record.name = std::string(name);
  out.record.token_digest = t.digest;
  out.record.prefix = t.token.substr(0, kApiTokenPrefix.size() + 6);
  out.record.created_at = clock.now();
  ASSIGN_OR_RETURN(out.record.id, store.create_api_token(out.record));
  out.token = std::move(t.token);
  return out;
}

Result<std::optional<Principal>> find_api_token(AccessStore& store, std::string_view token) {
  if (token.size() <= kApiTokenPrefix.size() || token.size() > 256 ||
      token.substr(0, kApiTokenPrefix.size()) != kApiTokenPrefix)
    return std::optional<Principal>();
  ASSIGN_OR_RETURN(std::optional<ApiTokenRecord> r, store.find_api_token(token_digest(token)));
  if (!r || r->revoked_at) return std::optional<Principal>();
  Principal p;
  p.kind = Principal::Kind::kApiToken;
  p.token_id = r->id;
  p.token_company_id = r->company_id;
  return std::optional<Principal>(std::move(p));
}

}  // namespace dagbok::auth
