// Users of the back office: who they are, their password, and their role in
// each company (store/access_records.h).
//
//   User u = *add_user(store, {"anna@kaffebaren.se", "Anna", "a long password", "sv"}, clock);
//   TRY(grant_role(store, "anna@kaffebaren.se", company.id, Role::kOwner, ImportRight::kGranted));
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace dagbok::auth {

// Passwords shorter than this are refused; there is no other composition rule
// (NIST SP 800-63B).
inline constexpr size_t kMinPasswordLength = 10;
inline constexpr size_t kMaxPasswordLength = 1024;

struct NewUser {
  std::string email;
  std::string display_name;
  std::string password;
  std::string language = "sv";
};

// "  Anna@Kaffebaren.SE " → "anna@kaffebaren.se"; InvalidArgument when it does
// not look like an address.
Result<std::string> normalize_email(std::string_view email);
Status check_password_rules(std::string_view password);
Status check_language(std::string_view language);

// Validates, hashes the password with argon2id and stores the user.
// AlreadyExists when the address is taken.
Result<User> add_user(AccessStore& store, const NewUser& user, const Clock& clock);

// Sets a new password and ends every session the user had.
Status change_password(AccessStore& store, std::string_view email, std::string_view password, const Clock& clock);

enum class ImportRight { kNone, kGranted };

// Gives the user `role` in the company (replacing a role they had there).
Status grant_role(AccessStore& store, std::string_view email, int64_t company_id, Role role, ImportRight import_right);

// The Users page (owners only; the server checks the role).

Status set_language(AccessStore& store, int64_t user_id, std::string_view language);

struct MemberChange {
  std::optional<Role> role;
  std::optional<ImportRight> import_right;
};

// Changes a member's role or import right in the company. NotFound when the
// user has no role there; FailedPrecondition when it would leave the company
// without an owner.
Result<CompanyMember> change_member(AccessStore& store, int64_t company_id, int64_t user_id, const MemberChange& change);

// Takes the user's role in the company away; never the last owner's.
Status remove_member(AccessStore& store, int64_t company_id, int64_t user_id);

}  // namespace dagbok::auth
