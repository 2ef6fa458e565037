// The back office's web UI: a build-free app (HTML, CSS, ES modules from web/)
// served by the same httplib server as the JSON API.
//
//   ApiServer api(pool, clock, options, log);
//   webui::mount(api.http());   // before bind()
//
// GET / and every non-API path without a file of its own answer index.html
// (the app routes in the browser); /js/…, /app.css etc. answer the file with
// its content type. Every answer carries a strict Content-Security-Policy
// (default-src 'self', frame-ancestors 'none': no inline script or style),
// X-Content-Type-Options: nosniff and X-Frame-Options: DENY. Paths under
// /api/ are never answered here: an unknown API route stays a JSON 404.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace httplib {
class Server;
}

namespace dagbok::webui {

struct Asset {
  std::string_view path;  // the embedded file's path ("/index.html" for the app fallback)
  std::string_view content_type;
  std::string_view bytes;
};

// What GET `path` answers, or nothing (an /api/ path, or a missing file with
// an extension such as /js/nope.js, which is a 404 rather than the app).
std::optional<Asset> find_asset(std::string_view path);

// The content type for a file name by its extension.
std::string_view content_type_for(std::string_view path);

// The security headers every UI answer carries.
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

// Registers the UI's GET handler on `http` (after the API's routes, which
// httplib tries first).
void mount(httplib::Server& http);

}  // namespace dagbok::webui
