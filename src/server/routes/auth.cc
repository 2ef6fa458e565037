#include "server/routes/auth.h"

#include <httplib.h>

#include "auth/users.h"
#include "pipeline/kontoplan.h"
#include "server/openapi.h"
#include "views/json_views.h"

namespace dagbok::server::routes {

using auth::Action;
using auth::Principal;
using nlohmann::json;

// Whether the session cookie carries the Secure attribute (ServerOptions::secure_cookie).
static bool secure_cookie(const Call& call) {
  switch (call.ctx.options.secure_cookie) {
    case CookieSecurity::kAlways:
      return true;
    case CookieSecurity::kNever:
      return false;
    case CookieSecurity::kAuto:
      return call.req.get_header_value("X-Forwarded-Proto") == "https";
  }
  return true;
}

Result<Reply> healthz(Call& call) {
  Result<std::vector<Company>> c = call.store.companies();
  if (!c.ok()) return unavailable("the database cannot be read");
  return Reply{200, {{"status", "ok"}}, {}, {}, {}};
}

Result<Reply> openapi(Call&) {
  Reply r;
  r.bytes = std::string(openapi_document());
  r.content_type = "application/json; charset=utf-8";
  return r;
}

Result<Reply> login(Call& call) {
  ASSIGN_OR_RETURN(json body, json_body(call));
  ASSIGN_OR_RETURN(std::string email, string_field(body, "email", true));
  ASSIGN_OR_RETURN(std::string password, string_field(body, "password", true));
  Result<std::string> normalized = auth::normalize_email(email);
  const std::vector<std::string> keys = {"email:" + (normalized.ok() ? *normalized : email),
                                         "ip:" + call.req.remote_addr};
  if (std::optional<int64_t> wait = call.ctx.throttle.retry_after(keys, call.ctx.clock.now())) {
    Reply r = error_reply(429, "rate_limited",
                          "too many failed logins; try again in " + std::to_string((*wait + 59) / 60) + " minute(s)");
    r.headers.emplace_back("Retry-After", std::to_string(*wait));
    return r;
  }
  Result<auth::LoginOutcome> in =
      auth::log_in(call.store, email, password, call.ctx.clock, call.ctx.options.session_seconds);
  if (!in.ok()) {
    if (in.error().code() != ErrorCode::kPermissionDenied) return std::move(in).error();
    call.ctx.throttle.record_failure(keys, call.ctx.clock.now());
    return error_reply(401, "unauthenticated", in.error().message());
  }
  call.ctx.throttle.forget(keys[0]);
  call.principal = Principal{Principal::Kind::kUser, in->user.id, {}, 0, 0};
  Reply r;
  r.body = {{"user", views::user_json(in->user)},
            {"csrf_token", in->csrf_token},
            {"expires_at", in->session.expires_at.to_utc_string()}};
  std::string cookie =
      std::string(kSessionCookie) + "=" + in->session_token +
      "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(call.ctx.options.session_seconds);
  if (secure_cookie(call)) cookie += "; Secure";
  r.headers.emplace_back("Set-Cookie", cookie);
  return r;
}

Result<Reply> logout(Call& call) {
  TRY(auth::log_out(call.store, call.session_token, call.ctx.clock.now()));
  Reply r;
  r.status = 204;
  r.headers.emplace_back("Set-Cookie", std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  return r;
}

static Result<json> member_companies(Call& call) {
  ASSIGN_OR_RETURN(std::vector<Company> all, call.store.companies());
  json out = json::array();
  for (const Membership& m : call.session->principal.memberships)
    for (const Company& c : all)
      if (c.id == m.company_id) out.push_back(views::membership_json(c, m));
  return out;
}

// Everything the page shell needs after a reload, the CSRF token included.
Result<Reply> me(Call& call) {
  ASSIGN_OR_RETURN(json companies, member_companies(call));
  return Reply{200,
               {{"user", views::user_json(call.session->user)},
                {"language", call.session->user.language},
                {"csrf_token", auth::csrf_token_for(call.session_token)},
                {"expires_at", call.session->session.expires_at.to_utc_string()},
                {"companies", companies},
                {"memberships", companies}},
               {},
               {},
               {}};
}

Result<Reply> set_language(Call& call) {
  ASSIGN_OR_RETURN(json body, json_body(call));
  ASSIGN_OR_RETURN(std::string language, string_field(body, "language", true));
  TRY(auth::set_language(call.store, call.session->user.id, language));
  User u = call.session->user;
  u.language = language;
  return Reply{200, {{"user", views::user_json(u)}, {"language", language}}, {}, {}, {}};
}

Result<Reply> presets(Call&) {
  json out = json::array();
  for (const PresetInfo& p : available_presets())
    out.push_back({{"name", p.name},
                   {"country", std::string(country_code(p.country))},
                   {"accounts", p.accounts},
                   {"entries", p.entries}});
  return Reply{200, out, {}, {}, {}};
}

Result<Reply> companies(Call& call) {
  ASSIGN_OR_RETURN(json companies, member_companies(call));
  return Reply{200, companies, {}, {}, {}};
}

}  // namespace dagbok::server::routes
