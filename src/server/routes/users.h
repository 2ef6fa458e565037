// The routes of a company's users (their roles and import right) and its
// tills' API tokens: for the owner.
#pragma once

#include "server/internal/route_call.h"

namespace dagbok::server::routes {

Result<Reply> users(Call& call);
Result<Reply> add_user(Call& call);
Result<Reply> change_user(Call& call);
Result<Reply> remove_user(Call& call);
Result<Reply> tokens(Call& call);
Result<Reply> create_token(Call& call);
Result<Reply> revoke_token(Call& call);

}  // namespace dagbok::server::routes
