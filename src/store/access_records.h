// The records of users and access as the store keeps them: users, their roles
// per company, login sessions and the API tokens of tills. What a role may do
// is decided in src/auth/access_policy.h; here are only the rows.
//
// Secrets are never stored: a session token and an API token are kept as a
// digest (crypto/digest.h) and a password as an argon2id hash string.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/result.h"

namespace dagbok {

struct User {
  int64_t id = 0;
  std::string email;  // lower case, unique
  std::string display_name;
  std::string password_hash;    // argon2id, libsodium's string format
  std::string language = "sv";  // "sv", "nb" or "en"
  Instant created_at;
};

// A user's role in one company. Owners run the company's books and its users;
// accountants keep the books; staff close days and see their Z-reports.
enum class Role { kOwner, kAccountant, kStaff };
std::string_view role_name(Role r);
Result<Role> parse_role(std::string_view s);

struct Membership {
  int64_t user_id = 0;
  int64_t company_id = 0;
  Role role = Role::kStaff;
  bool can_import_sie = false;  // seed 002: a right of its own, not part of a role
};

struct SessionRecord {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string token_digest;  // of the cookie value
  std::string csrf_digest;   // of the CSRF token handed out at login
  Instant created_at;
  Instant expires_at;
  std::optional<Instant> revoked_at;
};

// A till's token: may post receipts to one company, nothing else.
struct ApiTokenRecord {
  int64_t id = 0;
  int64_t company_id = 0;
  std::string name;  // "Kassa 1"
  std::string token_digest;
  std::string prefix;  // the first characters, to tell tokens apart in lists
  Instant created_at;
  std::optional<Instant> revoked_at;
};

}  // namespace dagbok
