// The OpenAPI 3 description of the JSON API: one fragment per area in
// src/server/openapi/ (base.json holds all but the routes), merged by
// cmake/merge_openapi.py at build time, embedded in the binary and served at
// /api/v1/openapi.json.
// A test holds it against ApiServer::routes(), in both directions.
#pragma once

#include <string_view>

namespace dagbok::server {

std::string_view openapi_document();

}  // namespace dagbok::server
