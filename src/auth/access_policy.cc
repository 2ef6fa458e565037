#include "auth/access_policy.h"

namespace dagbok::auth {

std::string_view action_name(Action a) {
  switch (a) {
    case Action::kViewDays:
      return "view days";
    case Action::kCloseDay:
      return "close a day";
    case Action::kPostReceipts:
      return "post receipts";
    case Action::kViewBooks:
      return "view the books";
    case Action::kViewMapping:
      return "view the kontoplan";
    case Action::kEditMapping:
      return "change the kontoplan";
    case Action::kViewIntegrations:
      return "view integrations and exports";
    case Action::kManageIntegrations:
      return "change integrations";
    case Action::kExportSie:
      return "export SIE files";
    case Action::kViewNotifications:
      return "view notifications";
    case Action::kManageUsers:
      return "manage users and tokens";
    case Action::kImportSie:
      return "import SIE files";
  }
  return "?";
}

bool AccessPolicy::role_allows(Role role, bool can_import_sie, Action action) {
  if (action == Action::kImportSie) return can_import_sie;
  switch (role) {
    case Role::kOwner:
      return true;
    case Role::kAccountant:
      return action != Action::kManageUsers;
    case Role::kStaff:
      return action == Action::kViewDays || action == Action::kCloseDay || action == Action::kPostReceipts ||
             action == Action::kViewMapping || action == Action::kViewNotifications;
  }
  return false;
}

bool AccessPolicy::is_member(const Principal& p, int64_t company_id) {
  if (p.kind == Principal::Kind::kApiToken) return p.token_company_id == company_id;
  for (const Membership& m : p.memberships)
    if (m.company_id == company_id) return true;
  return false;
}

bool AccessPolicy::allows(const Principal& p, int64_t company_id, Action action) {
  if (p.kind == Principal::Kind::kApiToken) return p.token_company_id == company_id && action == Action::kPostReceipts;
  for (const Membership& m : p.memberships)
    if (m.company_id == company_id) return role_allows(m.role, m.can_import_sie, action);
  return false;
}

}  // namespace dagbok::auth
