// The OpenAPI 3 description of the JSON API (src/server/openapi.json),
// embedded in the binary at build time and served at /api/v1/openapi.json.
// A test holds it against ApiServer::routes(), in both directions.
#pragma once

#include <string_view>

namespace dagbok::server {

std::string_view openapi_document();

}  // namespace dagbok::server
