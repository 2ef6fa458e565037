#include "server/internal/route_table.h"

#include "server/routes/auth.h"
#include "server/routes/days.h"
#include "server/routes/integrations.h"
#include "server/routes/kontoplan.h"
#include "server/routes/ledger.h"
#include "server/routes/oauth.h"
#include "server/routes/reports.h"
#include "server/routes/users.h"

namespace dagbok::server {

using auth::Action;

const std::vector<Route>& route_table() {
  static const std::vector<Route> kRoutes = {
      {"GET", "/healthz", Access::kPublic, Action::kViewDays, &routes::healthz},
      {"GET", "/api/v1/healthz", Access::kPublic, Action::kViewDays, &routes::healthz},
      {"GET", "/api/v1/openapi.json", Access::kPublic, Action::kViewDays, &routes::openapi},
      {"POST", "/api/v1/auth/login", Access::kPublic, Action::kViewDays, &routes::login},
      {"POST", "/api/v1/auth/logout", Access::kSession, Action::kViewDays, &routes::logout},
      {"GET", "/api/v1/me", Access::kSession, Action::kViewDays, &routes::me},
      {"PUT", "/api/v1/me/language", Access::kSession, Action::kViewDays, &routes::set_language},
      {"GET", "/api/v1/presets", Access::kSession, Action::kViewDays, &routes::presets},
      {"GET", "/api/v1/companies", Access::kSession, Action::kViewDays, &routes::companies},
      {"GET", "/api/v1/companies/{c}/days", Access::kCompany, Action::kViewDays, &routes::days},
      {"GET", "/api/v1/companies/{c}/zreports/{id}", Access::kCompany, Action::kViewDays, &routes::zreport},
      {"GET", "/api/v1/companies/{c}/zreports/{id}/pdf", Access::kCompany, Action::kViewDays, &routes::zreport_pdf},
      {"GET", "/api/v1/companies/{c}/vouchers/{id}", Access::kCompany, Action::kViewBooks, &routes::voucher},
      {"POST", "/api/v1/companies/{c}/mapping/preset", Access::kCompany, Action::kEditMapping, &routes::mapping_preset},
      {"POST", "/api/v1/companies/{c}/integrations/{kind}/activate", Access::kCompany, Action::kManageIntegrations,
       &routes::activate},
      {"PUT", "/api/v1/companies/{c}/integrations/{kind}/settings", Access::kCompany, Action::kManageIntegrations,
       &routes::integration_settings},
      {"POST", "/api/v1/companies/{c}/integrations/{kind}/test", Access::kCompany, Action::kManageIntegrations,
       &routes::test_integration},
      {"GET", "/api/v1/companies/{c}/integrations/{kind}/choices/{list}", Access::kCompany,
       Action::kManageIntegrations, &routes::integration_choices},
      {"POST", "/api/v1/companies/{c}/integrations/{kind}/choices/{list}", Access::kCompany,
       Action::kManageIntegrations, &routes::integration_choices},
      {"POST", "/api/v1/companies/{c}/integrations/{kind}/connect", Access::kCompany, Action::kManageIntegrations,
       &routes::oauth_connect},
      {"GET", "/api/v1/oauth/{kind}/callback", Access::kSession, Action::kViewDays, &routes::oauth_callback},
      {"POST", "/api/v1/companies/{c}/integrations/{kind}/export", Access::kCompany, Action::kManageIntegrations,
       &routes::manual_export},
      {"POST", "/api/v1/companies/{c}/integrations/{kind}/deactivate", Access::kCompany, Action::kManageIntegrations,
       &routes::deactivate},
      {"POST", "/api/v1/companies/{c}/exports/{id}/resend", Access::kCompany, Action::kManageIntegrations,
       &routes::resend},
      {"POST", "/api/v1/companies/{c}/exports/{id}/retry", Access::kCompany, Action::kManageIntegrations,
       &routes::retry},
      {"POST", "/api/v1/companies/{c}/notifications/read-all", Access::kCompany, Action::kViewNotifications,
       &routes::read_all_notifications},
      {"POST", "/api/v1/companies/{c}/notifications/{id}/read", Access::kCompany, Action::kViewNotifications,
       &routes::read_notification},
      {"POST", "/api/v1/companies/{c}/sie/mail", Access::kCompany, Action::kExportSie, &routes::sie_mail},
      {"GET", "/api/v1/companies/{c}/users", Access::kCompany, Action::kManageUsers, &routes::users},
      {"POST", "/api/v1/companies/{c}/users", Access::kCompany, Action::kManageUsers, &routes::add_user},
      {"PUT", "/api/v1/companies/{c}/users/{id}", Access::kCompany, Action::kManageUsers, &routes::change_user},
      {"DELETE", "/api/v1/companies/{c}/users/{id}", Access::kCompany, Action::kManageUsers, &routes::remove_user},
      {"GET", "/api/v1/companies/{c}/tokens", Access::kCompany, Action::kManageUsers, &routes::tokens},
      {"POST", "/api/v1/companies/{c}/tokens", Access::kCompany, Action::kManageUsers, &routes::create_token},
      {"DELETE", "/api/v1/companies/{c}/tokens/{id}", Access::kCompany, Action::kManageUsers, &routes::revoke_token},
      {"GET", "/api/v1/companies/{c}/zreports", Access::kCompany, Action::kViewDays, &routes::zreports},
      {"POST", "/api/v1/companies/{c}/days/{date}/close", Access::kCompany, Action::kCloseDay, &routes::close},
      {"GET", "/api/v1/companies/{c}/vouchers", Access::kCompany, Action::kViewBooks, &routes::vouchers},
      {"GET", "/api/v1/companies/{c}/mapping", Access::kCompany, Action::kViewMapping, &routes::get_mapping},
      {"PUT", "/api/v1/companies/{c}/mapping", Access::kCompany, Action::kEditMapping, &routes::put_mapping},
      {"POST", "/api/v1/companies/{c}/receipts", Access::kCompany, Action::kPostReceipts, &routes::receipts},
      {"GET", "/api/v1/companies/{c}/integrations", Access::kCompany, Action::kViewIntegrations, &routes::integrations},
      {"GET", "/api/v1/companies/{c}/exports", Access::kCompany, Action::kViewIntegrations, &routes::exports},
      {"GET", "/api/v1/companies/{c}/notifications", Access::kCompany, Action::kViewNotifications,
       &routes::notifications},
      {"GET", "/api/v1/companies/{c}/sie", Access::kCompany, Action::kExportSie, &routes::sie},
      // The ledger. Reading needs the books; every change (and the import log)
      // needs the import right, which the ledger library checks itself so that
      // it can record a refusal in the import log.
      {"GET", "/api/v1/companies/{c}/reports/income-statement", Access::kCompany, Action::kViewBooks,
       &routes::income_statement},
      {"GET", "/api/v1/companies/{c}/reports/balance-sheet", Access::kCompany, Action::kViewBooks,
       &routes::balance_sheet},
      {"GET", "/api/v1/companies/{c}/reports/trial-balance", Access::kCompany, Action::kViewBooks,
       &routes::trial_balance},
      {"GET", "/api/v1/companies/{c}/reports/monthly", Access::kCompany, Action::kViewBooks, &routes::monthly},
      {"GET", "/api/v1/companies/{c}/reports/key-figures", Access::kCompany, Action::kViewBooks, &routes::key_figures},
      {"GET", "/api/v1/companies/{c}/reports/chart", Access::kCompany, Action::kViewBooks, &routes::chart},
      {"GET", "/api/v1/companies/{c}/fiscal-years", Access::kCompany, Action::kViewBooks, &routes::fiscal_years},
      {"POST", "/api/v1/companies/{c}/fiscal-years/latest/delete", Access::kCompanyCheckedByLibrary, Action::kImportSie,
       &routes::delete_latest_year},
      {"GET", "/api/v1/companies/{c}/imports", Access::kCompanyCheckedByLibrary, Action::kImportSie, &routes::imports},
      {"POST", "/api/v1/companies/{c}/imports", Access::kCompanyCheckedByLibrary, Action::kImportSie,
       &routes::post_import},
      {"POST", "/api/v1/companies/{c}/imports/{id}/undo", Access::kCompanyCheckedByLibrary, Action::kImportSie,
       &routes::undo_import},
      {"GET", "/api/v1/companies/{c}/data-source", Access::kCompany, Action::kViewBooks, &routes::data_source},
      {"PUT", "/api/v1/companies/{c}/data-source", Access::kCompanyCheckedByLibrary, Action::kImportSie,
       &routes::put_data_source},
  };
  return kRoutes;
}

}  // namespace dagbok::server
