#include "server/routes/users.h"

#include <httplib.h>

#include "auth/api_tokens.h"
#include "auth/users.h"
#include "views/json_views.h"

namespace dagbok::server::routes {

using auth::Action;
using nlohmann::json;

Result<Reply> users(Call& call) {
  ASSIGN_OR_RETURN(std::vector<CompanyMember> all, call.store.company_members(call.company->id));
  json out = json::array();
  for (const CompanyMember& m : all) out.push_back(views::member_json(m, call.principal->user_id));
  return Reply{200, out, {}, {}, {}};
}

static Result<CompanyMember> member(Call& call, int64_t user_id) {
  ASSIGN_OR_RETURN(std::vector<CompanyMember> all, call.store.company_members(call.company->id));
  for (const CompanyMember& m : all)
    if (m.user.id == user_id) return m;
  return not_found("user " + std::to_string(user_id) + " has no role in " + call.company->name);
}

Result<Reply> add_user(Call& call) {
  ASSIGN_OR_RETURN(json body, json_body(call));
  if (!body.is_object()) return invalid_argument("the request body must be a JSON object");
  std::vector<FieldError> errors;
  Result<std::string> email_in = string_field(body, "email", true);
  Result<std::string> email = email_in.ok() ? auth::normalize_email(*email_in) : email_in;
  if (!email.ok()) errors.push_back({"email", email.error().message()});
  Result<std::string> role_in = string_field(body, "role", true);
  Result<Role> role = role_in.ok() ? parse_role(*role_in) : Result<Role>(role_in.error());
  if (!role.ok()) errors.push_back({"role", role.error().message()});
  Result<bool> import_right = bool_field(body, "import_right", false);
  if (!import_right.ok()) errors.push_back({"import_right", import_right.error().message()});
  std::optional<User> existing;
  if (email.ok()) {
    ASSIGN_OR_RETURN(existing, call.store.find_user_by_email(*email));
  }
  auth::NewUser spec;
  if (email.ok() && !existing) {
    spec.email = *email;
    Result<std::string> name = string_field(body, "display_name", false);
    Result<std::string> password = string_field(body, "password", false);
    Result<std::string> language = string_field(body, "language", false);
    if (!name.ok()) errors.push_back({"display_name", name.error().message()});
    if (!password.ok() || password->empty())
      errors.push_back({"password", "a new user needs a password of at least " +
                                        std::to_string(auth::kMinPasswordLength) + " characters"});
    else if (Status st = auth::check_password_rules(*password); !st.ok())
      errors.push_back({"password", st.error().message()});
    if (!language.ok()) {
      errors.push_back({"language", language.error().message()});
    } else if (!language->empty()) {
      if (Status st = auth::check_language(*language); !st.ok()) errors.push_back({"language", st.error().message()});
    }
    if (errors.empty()) {
      spec.display_name = *name;
      spec.password = *password;
      spec.language = language->empty() ? (call.company->country == Country::kNorway ? "nb" : "sv") : *language;
    }
  }
  if (!errors.empty()) return field_errors_reply(errors);
  if (existing) {
    ASSIGN_OR_RETURN(std::vector<Membership> theirs, call.store.memberships(existing->id));
    for (const Membership& m : theirs)
      if (m.company_id == call.company->id)
        return already_exists(existing->email + " already has a role in " + call.company->name +
                              "; change it instead (PUT /users/" + std::to_string(existing->id) + ")");
  } else {
    ASSIGN_OR_RETURN(User u, auth::add_user(call.store, spec, call.ctx.clock));
    existing = u;
  }
  TRY(call.store.put_membership({existing->id, call.company->id, *role, *import_right}));
  ASSIGN_OR_RETURN(CompanyMember m, member(call, existing->id));
  return Reply{201, views::member_json(m, call.principal->user_id), {}, {}, {}};
}

Result<Reply> change_user(Call& call) {
  ASSIGN_OR_RETURN(int64_t id, id_param(call.params, "id", "a user"));
  ASSIGN_OR_RETURN(json body, json_body(call));
  if (!body.is_object()) return invalid_argument("the request body must be a JSON object");
  std::vector<FieldError> errors;
  auth::MemberChange change;
  Result<std::string> role_in = string_field(body, "role", false);
  if (!role_in.ok()) {
    errors.push_back({"role", role_in.error().message()});
  } else if (!role_in->empty()) {
    Result<Role> role = parse_role(*role_in);
    if (role.ok())
      change.role = *role;
    else
      errors.push_back({"role", role.error().message()});
  }
  if (body.contains("import_right")) {
    Result<bool> right = bool_field(body, "import_right", false);
    if (right.ok())
      change.import_right = *right ? auth::ImportRight::kGranted : auth::ImportRight::kNone;
    else
      errors.push_back({"import_right", right.error().message()});
  }
  if (!errors.empty()) return field_errors_reply(errors);
  ASSIGN_OR_RETURN(CompanyMember m, auth::change_member(call.store, call.company->id, id, change));
  return Reply{200, views::member_json(m, call.principal->user_id), {}, {}, {}};
}

Result<Reply> remove_user(Call& call) {
  ASSIGN_OR_RETURN(int64_t id, id_param(call.params, "id", "a user"));
  TRY(auth::remove_member(call.store, call.company->id, id));
  Reply r;
  r.status = 204;
  return r;
}

Result<Reply> tokens(Call& call) {
  ASSIGN_OR_RETURN(std::vector<ApiTokenRecord> all, call.store.api_tokens(call.company->id));
  json out = json::array();
  for (const ApiTokenRecord& t : all) out.push_back(views::api_token_json(t));
  return Reply{200, out, {}, {}, {}};
}

Result<Reply> create_token(Call& call) {
  ASSIGN_OR_RETURN(json body, json_body(call));
  Result<std::string> name = string_field(body, "name", true);
  if (!name.ok()) return field_errors_reply({{"name", name.error().message()}});
  Result<auth::NewApiToken> t = auth::create_api_token(call.store, call.company->id, *name, call.ctx.clock);
  if (!t.ok() && t.error().code() == ErrorCode::kInvalidArgument)
    return field_errors_reply({{"name", t.error().message()}});
  if (!t.ok()) return std::move(t).error();
  json j = views::api_token_json(t->record);
  j["token"] = t->token;
  j["note"] = "the token is shown only now; store it in the till";
  return Reply{201, j, {}, {}, {}};
}

Result<Reply> revoke_token(Call& call) {
  ASSIGN_OR_RETURN(int64_t id, id_param(call.params, "id", "an API token"));
  TRY(call.store.revoke_api_token(call.company->id, id, call.ctx.clock.now()));
  Reply r;
  r.status = 204;
  return r;
}

}  // namespace dagbok::server::routes
