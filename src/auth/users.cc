#include "auth/users.h"

#include <algorithm>
#include <cctype>

#include "crypto/password_hash.h"

namespace dagbok::auth {

Result<std::string> normalize_email(std::string_view email) {
  std::string e(email);
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  e.erase(e.begin(), std::find_if(e.begin(), e.end(), not_space));
  e.erase(std::find_if(e.rbegin(), e.rend(), not_space).base(), e.end());
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const size_t at = e.find('@');
  const bool ok = at != std::string::npos && at > 0 && at == e.rfind('@') && e.find('.', at) != std::string::npos &&
                  e.back() != '.' && e.size() <= 254 &&
                  std::none_of(e.begin(), e.end(), [](unsigned char c) { return std::isspace(c) || c < 0x20; });
  if (!ok) return invalid_argument("'" + std::string(email) + "' is not an e-mail address");
  return e;
}

Status check_password_rules(std::string_view password) {
  if (password.size() < kMinPasswordLength)
    return invalid_argument("the password must have at least " + std::to_string(kMinPasswordLength) + " characters");
  if (password.size() > kMaxPasswordLength)
    return invalid_argument("the password must have at most " + std::to_string(kMaxPasswordLength) + " characters");
  return ok_status();
}

Status check_language(std::string_view language) {
  if (language == "sv" || language == "nb" || language == "en") return ok_status();
  return invalid_argument("'" + std::string(language) + "' is not a language of dagbok; use sv, nb or en");
}

Result<User> add_user(AccessStore& store, const NewUser& spec, const Clock& clock) {
  User u;
  ASSIGN_OR_RETURN(u.email, normalize_email(spec.email));
  u.display_name = spec.display_name.empty() ? u.email.substr(0, u.email.find('@')) : spec.display_name;
  TRY(check_language(spec.language));
  u.language = spec.language;
  TRY(check_password_rules(spec.password));
  ASSIGN_OR_RETURN(u.password_hash, crypto::hash_password(spec.password));
  u.created_at = clock.now();
  ASSIGN_OR_RETURN(u.id, store.create_user(u));
  return u;
}

namespace {
Result<User> user_by_email(AccessStore& store, std::string_view email) {
  ASSIGN_OR_RETURN(std::string e, normalize_email(email));
  ASSIGN_OR_RETURN(std::optional<User> u, store.find_user_by_email(e));
  if (!u) return not_found("there is no user with the e-mail address '" + e + "' (add one with `dagbok user add`)");
  return std::move(*u);
}
}  // namespace

Status change_password(AccessStore& store, std::string_view email, std::string_view password, const Clock& clock) {
  ASSIGN_OR_RETURN(User u, user_by_email(store, email));
  TRY(check_password_rules(password));
  ASSIGN_OR_RETURN(std::string hash, crypto::hash_password(password));
  TRY(store.set_password_hash(u.id, hash));
  return store.revoke_user_sessions(u.id, clock.now());
}

Status grant_role(AccessStore& store, std::string_view email, int64_t company_id, Role role, ImportRight import_right) {
  ASSIGN_OR_RETURN(User u, user_by_email(store, email));
  return store.put_membership({u.id, company_id, role, import_right == ImportRight::kGranted});
}

Status set_language(AccessStore& store, int64_t user_id, std::string_view language) {
  TRY(check_language(language));
  return store.set_user_language(user_id, std::string(language));
}

Result<CompanyMember> change_member(AccessStore& store, int64_t company_id, int64_t user_id, const MemberChange& change) {
  ASSIGN_OR_RETURN(std::vector<CompanyMember> members, store.company_members(company_id));
  std::optional<CompanyMember> found;
  int owners = 0;
  for (const CompanyMember& m : members) {
    if (m.user.id == user_id) found = m;
    owners += m.membership.role == Role::kOwner ? 1 : 0;
  }
  if (!found) return not_found("user " + std::to_string(user_id) + " has no role in this company");
  Membership next = found->membership;
  if (change.role) next.role = *change.role;
  if (change.import_right) next.can_import_sie = *change.import_right == ImportRight::kGranted;
  if (found->membership.role == Role::kOwner && next.role != Role::kOwner && owners <= 1)
    return failed_precondition(found->user.email +
                               " is the company's last owner; make someone else owner before changing this role");
  TRY(store.put_membership(next));
  found->membership = next;
  return *found;
}

Status remove_member(AccessStore& store, int64_t company_id, int64_t user_id) {
  return store.remove_membership(company_id, user_id);
}

}  // namespace dagbok::auth
