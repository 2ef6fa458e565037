// The routes of the kontoplan: the mapping of the company and its
// departments, a chart preset applied, entries added.
#pragma once

#include "server/internal/route_call.h"

namespace dagbok::server::routes {

Result<Reply> get_mapping(Call& call);
Result<Reply> put_mapping(Call& call);
Result<Reply> mapping_preset(Call& call);

// One department's kontoplan ("" for the company-wide one):
// {department, rows, missing}.
Result<nlohmann::json> mapping_rows(Call& call, const std::string& department);

}  // namespace dagbok::server::routes
