// The routes of the financial reports over the ledger: income statement,
// balance sheet, trial balance, month by month, key figures, the chart.
#pragma once

#include "server/internal/route_call.h"

namespace dagbok::server::routes {

Result<Reply> income_statement(Call& call);
Result<Reply> balance_sheet(Call& call);
Result<Reply> trial_balance(Call& call);
Result<Reply> monthly(Call& call);
Result<Reply> key_figures(Call& call);
Result<Reply> chart(Call& call);

}  // namespace dagbok::server::routes
