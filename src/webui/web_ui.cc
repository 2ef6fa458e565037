#include "webui/web_ui.h"

#include <httplib.h>

#include "webui/web_assets.h"

namespace dagbok::webui {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

const EmbeddedFile* find_file(std::string_view path) {
  for (const EmbeddedFile& f : embedded_files())
    if (f.path == path) return &f;
  return nullptr;
}

bool is_api(std::string_view path) { return path == "/api" || path.rfind("/api/", 0) == 0; }

}  // namespace

std::string_view content_type_for(std::string_view path) {
  if (ends_with(path, ".html")) return "text/html; charset=utf-8";
  if (ends_with(path, ".js")) return "text/javascript; charset=utf-8";
  if (ends_with(path, ".css")) return "text/css; charset=utf-8";
  if (ends_with(path, ".svg")) return "image/svg+xml";
  if (ends_with(path, ".png")) return "image/png";
  if (ends_with(path, ".json")) return "application/json; charset=utf-8";
  if (ends_with(path, ".ico")) return "image/x-icon";
  if (ends_with(path, ".txt")) return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::optional<Asset> find_asset(std::string_view path) {
  if (path.empty() || path[0] != '/' || is_api(path)) return std::nullopt;
  if (path != "/" && path != "/index.html") {
    if (const EmbeddedFile* f = find_file(path)) return Asset{f->path, content_type_for(f->path), f->bytes};
    // A name with an extension in its last segment is a file that is not there.
    const std::string_view last = path.substr(path.rfind('/') + 1);
    if (last.find('.') != std::string_view::npos) return std::nullopt;
  }
  const EmbeddedFile* index = find_file("/index.html");
  if (!index) return std::nullopt;
  return Asset{index->path, content_type_for(index->path), index->bytes};
}

void mount(httplib::Server& http) {
  http.Get(R"(/(?!api/|api$).*)", [](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Content-Security-Policy", std::string(kContentSecurityPolicy));
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Referrer-Policy", "no-referrer");
    std::optional<Asset> a = find_asset(req.path);
    if (!a) {
      res.status = 404;
      res.set_content("not found: " + req.path + "\n", "text/plain; charset=utf-8");
      return;
    }
    // The app shell must be fetched fresh after an upgrade; files are small.
    res.set_header("Cache-Control", "no-cache");
    res.status = 200;
    res.set_content(std::string(a->bytes), std::string(a->content_type));
  });
}

}  // namespace dagbok::webui
