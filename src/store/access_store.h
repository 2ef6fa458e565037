// AccessStore: the store's role for who may do what: users, their roles in
// companies (memberships), login sessions and API tokens (records in
// store/access_records.h). Secrets are stored as digests only.
//
// E-mail addresses are compared as given: callers pass them in lower case.
//
//   ASSIGN_OR_RETURN(std::optional<User> u, access.find_user_by_email("ann@example.se"));
//   ASSIGN_OR_RETURN(std::vector<Membership> roles, access.memberships(u->id));
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "store/access_records.h"

namespace dagbok {

// A user and their role in one company (the Users page).
struct CompanyMember {
  User user;
  Membership membership;
};

class AccessStore {
 public:
  virtual ~AccessStore() = default;

  // AlreadyExists when the e-mail address is taken.
  virtual Result<int64_t> create_user(const User& u) = 0;
  virtual Result<std::optional<User>> find_user(int64_t id) = 0;
  virtual Result<std::optional<User>> find_user_by_email(const std::string& email) = 0;
  virtual Status set_password_hash(int64_t user_id, const std::string& hash) = 0;
  virtual Status set_user_language(int64_t user_id, const std::string& language) = 0;

  // Sets (or replaces) the user's role and import right in the company.
  virtual Status put_membership(const Membership& m) = 0;
  virtual Result<std::vector<Membership>> memberships(int64_t user_id) = 0;
  // Everyone with a role in the company, by e-mail address.
  virtual Result<std::vector<CompanyMember>> company_members(int64_t company) = 0;
  // Takes the user's role in the company away (and with it the import right).
  // NotFound when they had none; FailedPrecondition when they are its last
  // owner (checked in the same statement, so two owners cannot remove each other).
  virtual Status remove_membership(int64_t company, int64_t user_id) = 0;

  virtual Result<int64_t> create_session(const SessionRecord& s) = 0;
  virtual Result<std::optional<SessionRecord>> find_session(const std::string& token_digest) = 0;
  virtual Status revoke_session(const std::string& token_digest, Instant now) = 0;
  // Ends every session of the user (after a password change).
  virtual Status revoke_user_sessions(int64_t user_id, Instant now) = 0;

  virtual Result<int64_t> create_api_token(const ApiTokenRecord& t) = 0;
  virtual Result<std::optional<ApiTokenRecord>> find_api_token(const std::string& token_digest) = 0;
  virtual Result<std::vector<ApiTokenRecord>> api_tokens(int64_t company) = 0;
  // NotFound when the company has no such token.
  virtual Status revoke_api_token(int64_t company, int64_t id, Instant now) = 0;
};

}  // namespace dagbok
