#include "webui/web_ui.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <chrono>
#include <thread>

#include "webui/web_assets.h"

namespace dagbok::webui {
namespace {

TEST(WebUi, RootAndAppPathsAnswerTheApp) {
  for (const char* path : {"/", "/index.html", "/ekonomi/redovisning", "/dagsavslut/z/12", "/login"}) {
    std::optional<Asset> a = find_asset(path);
    ASSERT_TRUE(a) << path;
    EXPECT_EQ(a->path, "/index.html") << path;
    EXPECT_EQ(a->content_type, "text/html; charset=utf-8");
    EXPECT_NE(a->bytes.find("/js/main.js"), std::string_view::npos);
  }
}

TEST(WebUi, FilesAnswerThemselvesWithTheirType) {
  std::optional<Asset> js = find_asset("/js/main.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->path, "/js/main.js");
  EXPECT_EQ(js->content_type, "text/javascript; charset=utf-8");
  std::optional<Asset> css = find_asset("/app.css");
  ASSERT_TRUE(css);
  EXPECT_EQ(css->content_type, "text/css; charset=utf-8");
  EXPECT_EQ(content_type_for("/favicon.svg"), "image/svg+xml");
}

TEST(WebUi, ApiPathsAndMissingFilesAreNotTheApp) {
  EXPECT_FALSE(find_asset("/api/v1/nope"));
  EXPECT_FALSE(find_asset("/api"));
  EXPECT_FALSE(find_asset("/js/nope.js"));
  EXPECT_FALSE(find_asset("relative"));
}

// Every file under web/ is in the binary, and no embedded file is unknown to
// content_type_for (an octet-stream script would not run under nosniff).
TEST(WebUi, EverySourceFileIsEmbeddedWithAKnownType) {
  std::set<std::string> on_disk;
  const std::filesystem::path root = std::filesystem::path(DAGBOK_SOURCE_DIR) / "web";
  for (const auto& e : std::filesystem::recursive_directory_iterator(root))
    if (e.is_regular_file()) on_disk.insert("/" + std::filesystem::relative(e.path(), root).generic_string());
  std::set<std::string> embedded;
  for (const EmbeddedFile& f : embedded_files()) {
    embedded.insert(std::string(f.path));
    EXPECT_NE(content_type_for(f.path), "application/octet-stream") << f.path;
    std::ifstream in(root / std::string(f.path.substr(1)), std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    EXPECT_EQ(s.str(), f.bytes) << f.path << " differs from the source: rebuild";
  }
  EXPECT_EQ(on_disk, embedded);
}

// The Content-Security-Policy forbids inline script and style: the HTML must
// not need them.
TEST(WebUi, IndexHasNoInlineScriptOrStyle) {
  std::optional<Asset> a = find_asset("/");
  ASSERT_TRUE(a);
  const std::string html(a->bytes);
  EXPECT_EQ(html.find("<style"), std::string::npos);
  EXPECT_EQ(html.find("style="), std::string::npos);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_EQ(html.find(" on"), std::string::npos);  // onload=, onclick=
}

TEST(WebUi, ServesWithSecurityHeadersAndLeavesTheApiAlone) {
  httplib::Server http;
  http.Get("/api/v1/healthz", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("{\"status\":\"ok\"}", "application/json");
  });
  mount(http);
  const int port = http.bind_to_any_port("127.0.0.1");
  ASSERT_GT(port, 0);
  std::thread t([&] { http.listen_after_bind(); });
  while (!http.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  httplib::Client c("127.0.0.1", port);

  auto root = c.Get("/");
  ASSERT_TRUE(root);
  EXPECT_EQ(root->status, 200);
  EXPECT_EQ(root->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(root->get_header_value("Content-Security-Policy"), std::string(kContentSecurityPolicy));
  EXPECT_NE(root->get_header_value("Content-Security-Policy").find("default-src 'self'"), std::string::npos);
  EXPECT_NE(root->get_header_value("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(root->get_header_value("X-Content-Type-Options"), "nosniff");

  auto deep = c.Get("/foretag/integrationer");
  ASSERT_TRUE(deep);
  EXPECT_EQ(deep->status, 200);
  EXPECT_EQ(deep->body, root->body);

  auto js = c.Get("/js/api.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->get_header_value("Content-Type"), "text/javascript; charset=utf-8");

  auto missing = c.Get("/js/missing.js");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);

  auto api = c.Get("/api/v1/healthz");
  ASSERT_TRUE(api);
  EXPECT_EQ(api->body, "{\"status\":\"ok\"}");
  auto api_missing = c.Get("/api/v1/nope");
  ASSERT_TRUE(api_missing);
  EXPECT_EQ(api_missing->status, 404);
  EXPECT_EQ(api_missing->body.find("<html"), std::string::npos);

  http.stop();
  t.join();
}

}  // namespace
}  // namespace dagbok::webui
