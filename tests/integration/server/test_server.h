// The back-office server on a loopback port, in-process, over a real SQLite
// file, and an HTTP client that speaks to it as a page or a till would: the
// fixture every server integration test shares.
#pragma once

#include <httplib.h>

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "auth/api_tokens.h"
#include "auth/users.h"
#include "pipeline/company_setup.h"
#include "server/api_server.h"
#include "support/temp_dir.h"

namespace dagbok::server::testing_server {

using nlohmann::json;

inline constexpr const char* kPassword = "correct horse battery";

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Session {
  std::string cookie;  // "dagbok_session=…"
  std::string csrf;
};

struct Answer {
  int status = 0;  // 0: no answer at all
  json body;
  std::string raw;
  httplib::Headers headers;
  std::string content_type;
  std::string error_code() const {
    return body.is_object() && body.contains("error") ? body["error"].value("code", "") : "";
  }
};

// A running server over its own database, with its log captured.
class TestServer {
 public:
  explicit TestServer(const std::string& db, const Clock& clock, ServerOptions o = {})
      : pool_([db] { return open_store(db); }) {
    o.host = "127.0.0.1";
    o.port = 0;
    server_ = std::make_unique<ApiServer>(pool_, clock, o, [this](const std::string& line) {
      std::lock_guard<std::mutex> lock(mu_);
      log_.push_back(line);
    });
    port_ = *server_->bind();
    thread_ = std::thread([this] { ran_ = server_->run(); });
  }
  ~TestServer() { stop(); }
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  void stop() {
    if (thread_.joinable()) {
      server_->stop();
      thread_.join();
    }
  }
  int port() const { return port_; }
  std::vector<std::string> log() {
    std::lock_guard<std::mutex> lock(mu_);
    return log_;
  }

  // A JSON body (none for std::nullopt), as the page or a till sends it.
  Answer call(const std::string& method, const std::string& path, const std::optional<json>& body = std::nullopt,
              const Session* session = nullptr, const std::string& bearer = "", bool send_csrf = true) {
    return send(method, path, session, body ? body->dump() : "", "application/json", "", bearer, send_csrf);
  }

  // Raw bytes as the request body, named by X-File-Name (the import page).
  Answer upload(const std::string& path, const Session* session, const std::string& bytes, const std::string& name,
                bool send_csrf = true) {
    return send("POST", path, session, bytes, "application/octet-stream", name, "", send_csrf);
  }

  Session login(const std::string& email, const std::string& password = kPassword) {
    Answer a = call("POST", "/api/v1/auth/login", json{{"email", email}, {"password", password}});
    EXPECT_EQ(a.status, 200) << a.raw;
    Session s;
    const std::string set_cookie = a.headers.count("Set-Cookie") ? a.headers.find("Set-Cookie")->second : "";
    s.cookie = set_cookie.substr(0, set_cookie.find(';'));
    s.csrf = a.body.value("csrf_token", "");
    return s;
  }

 private:
  Answer send(const std::string& method, const std::string& path, const Session* session, const std::string& text,
              const std::string& type, const std::string& file_name, const std::string& bearer, bool send_csrf) {
    httplib::Client cli("127.0.0.1", port_);
    cli.set_read_timeout(60, 0);
    httplib::Headers h;
    if (session) {
      h.emplace("Cookie", session->cookie);
      if (send_csrf) h.emplace("X-CSRF-Token", session->csrf);
    }
    if (!bearer.empty()) h.emplace("Authorization", "Bearer " + bearer);
    if (!file_name.empty()) h.emplace("X-File-Name", file_name);
    httplib::Result r = method == "GET"    ? cli.Get(path, h)
                        : method == "POST" ? cli.Post(path, h, text, type)
                        : method == "PUT"  ? cli.Put(path, h, text, type)
                                           : cli.Delete(path, h);
    Answer a;
    if (!r) return a;
    a.status = r->status;
    a.raw = r->body;
    a.headers = r->headers;
    a.content_type = r->get_header_value("Content-Type");
    a.body = json::parse(r->body, nullptr, false);
    return a;
  }

  StorePool pool_;
  std::unique_ptr<ApiServer> server_;
  int port_ = 0;
  std::thread thread_;
  Status ran_;
  std::mutex mu_;
  std::vector<std::string> log_;
};

}  // namespace dagbok::server::testing_server
