#include "store/access_records.h"

namespace dagbok {

std::string_view role_name(Role r) {
  switch (r) {
    case Role::kOwner:
      return "owner";
    case Role::kAccountant:
      return "accountant";
    case Role::kStaff:
      return "staff";
  }
  return "staff";
}

Result<Role> parse_role(std::string_view s) {
  if (s == "owner") return Role::kOwner;
  if (s == "accountant") return Role::kAccountant;
  if (s == "staff") return Role::kStaff;
  return invalid_argument("'" + std::string(s) + "' is not a role; use owner, accountant or staff");
}

}  // namespace dagbok
