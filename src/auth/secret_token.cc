#include "auth/secret_token.h"

#include "crypto/digest.h"
#include "crypto/random.h"

namespace dagbok::auth {

Result<IssuedToken> issue_token(std::string_view prefix) {
  ASSIGN_OR_RETURN(std::string random, crypto::random_hex(32));
  IssuedToken t;
  t.token = std::string(prefix) + random;
  t.digest = token_digest(t.token);
  return t;
}

std::string token_digest(std::string_view token) { return crypto::digest_hex(token, 32); }

}  // namespace dagbok::auth
