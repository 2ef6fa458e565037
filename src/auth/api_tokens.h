// API tokens for tills: a till posts its receipts with
// "Authorization: Bearer dagbok_<64 hex>". A token belongs to one company and
// may do nothing but post receipts there (access_policy.h). It is shown once
// when made and kept only as a digest.
//
//   NewApiToken t = *create_api_token(store, company.id, "Kassa 1", clock);
//   std::cout << t.token;   // the only time anyone sees it
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "auth/access_policy.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace dagbok::auth {

struct NewApiToken {
  ApiTokenRecord record;
  std::string token;
};

Result<NewApiToken> create_api_token(AccessStore& store, int64_t company_id, std::string_view name, const Clock& clock);

// The principal of a live token, or nothing (unknown or revoked).
Result<std::optional<Principal>> find_api_token(AccessStore& store, std::string_view token);

}  // namespace dagbok::auth
