// The routes of who is asking: health, the OpenAPI document, login and logout,
// the session's user and companies, the chart presets.
#pragma once

#include "server/internal/route_call.h"

namespace dagbok::server::routes {

Result<Reply> healthz(Call& call);
Result<Reply> openapi(Call& call);
Result<Reply> login(Call& call);
Result<Reply> logout(Call& call);
Result<Reply> me(Call& call);
Result<Reply> set_language(Call& call);
Result<Reply> presets(Call& call);
Result<Reply> companies(Call& call);

// The session cookie (HttpOnly, SameSite=Strict) that login sets.
inline constexpr const char* kSessionCookie = "dagbok_session";

}  // namespace dagbok::server::routes
