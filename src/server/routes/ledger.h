// The routes of the ledger: its fiscal years, the import log, a SIE 4 file
// imported, an import undone, the latest year deleted, the data source.
#pragma once

#include "server/internal/route_call.h"

namespace dagbok::server::routes {

Result<Reply> fiscal_years(Call& call);
Result<Reply> imports(Call& call);
Result<Reply> post_import(Call& call);
Result<Reply> undo_import(Call& call);
Result<Reply> delete_latest_year(Call& call);
Result<Reply> data_source(Call& call);
Result<Reply> put_data_source(Call& call);

}  // namespace dagbok::server::routes
