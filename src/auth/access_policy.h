// AccessPolicy: which principal may do what, in which company.
//
// A principal is a logged-in user (with a role per company) or a till's API
// token (bound to one company, may only post receipts). Every server route
// names one Action; the policy is the only place that knows the roles:
//
//                       owner  accountant  staff  API token
//   view days (Z)         x        x         x
//   close a day           x        x         x
//   post receipts         x        x         x        x
//   view books            x        x
//   view kontoplan        x        x         x
//   edit kontoplan        x        x
//   integrations, exports x        x
//   export SIE            x        x
//   notifications         x        x         x
//   manage users/tokens   x
//   import SIE        only with the company's separate import right
//
// A principal with no role in a company may do nothing there, and the server
// answers as if the company did not exist.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "store/access_records.h"

namespace dagbok::auth {

enum class Action {
  kViewDays,
  kCloseDay,
  kPostReceipts,
  kViewBooks,
  kViewMapping,
  kEditMapping,
  kViewIntegrations,
  kManageIntegrations,
  kExportSie,
  kViewNotifications,
  kManageUsers,
  kImportSie,
};
std::string_view action_name(Action a);

struct Principal {
  enum class Kind { kUser, kApiToken };
  Kind kind = Kind::kUser;
  int64_t user_id = 0;                  // kUser
  std::vector<Membership> memberships;  // kUser
  int64_t token_id = 0;                 // kApiToken
  int64_t token_company_id = 0;         // kApiToken
};

class AccessPolicy {
 public:
  // True when the principal has any standing in the company.
  static bool is_member(const Principal& p, int64_t company_id);
  static bool allows(const Principal& p, int64_t company_id, Action action);
  static bool role_allows(Role role, bool can_import_sie, Action action);
};

}  // namespace dagbok::auth
