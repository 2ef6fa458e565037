// The routes of the integrations: their cards, activation and settings,
// "Testa integrationen" and the wizard's choices, the export log, resend and
// retry, notifications, the SIE file by mail. Every kind through the
// connector seam (exports/connector.h): nothing here knows one kind.
#pragma once

#include "server/internal/route_call.h"

namespace dagbok::server::routes {

Result<Reply> integrations(Call& call);
Result<Reply> activate(Call& call);
Result<Reply> integration_settings(Call& call);
Result<Reply> test_integration(Call& call);
Result<Reply> integration_choices(Call& call);
Result<Reply> manual_export(Call& call);
Result<Reply> deactivate(Call& call);
Result<Reply> exports(Call& call);
Result<Reply> resend(Call& call);
Result<Reply> retry(Call& call);
Result<Reply> notifications(Call& call);
Result<Reply> read_notification(Call& call);
Result<Reply> read_all_notifications(Call& call);
Result<Reply> sie_mail(Call& call);

}  // namespace dagbok::server::routes
