// The routes of the days: receipts in, the Dagsavslut page, closing a day,
// Z-reports (and their PDF), vouchers and the SIE file of a period.
#pragma once

#include "server/internal/route_call.h"

namespace dagbok::server::routes {

Result<Reply> days(Call& call);
Result<Reply> close(Call& call);
Result<Reply> receipts(Call& call);
Result<Reply> zreports(Call& call);
Result<Reply> zreport(Call& call);
Result<Reply> zreport_pdf(Call& call);
Result<Reply> vouchers(Call& call);
Result<Reply> voucher(Call& call);
Result<Reply> sie(Call& call);

}  // namespace dagbok::server::routes
