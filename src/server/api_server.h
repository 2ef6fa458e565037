// ApiServer: the back office's JSON API under /api/v1 (cpp-httplib).
//
// Who is asking: a session cookie (dagbok_session, from POST /auth/login) or
// a till's API token (Authorization: Bearer …). Every company route names one
// auth::Action in the route table (internal/route_table.h) and the
// AccessPolicy decides (for the ledger's changes, the ledger library, which
// logs a refusal); a company the principal has no standing in answers 404,
// exactly as one that does not exist. The handlers are in routes/, by area. Every
// state-changing request made with the session cookie must carry the
// session's X-CSRF-Token; bearer requests carry no ambient credentials and
// are exempt. Errors are {"error": {"code", "message"}} with the HTTP status
// their code calls for.
//
// Each request borrows its own store connection (store_pool.h). stop() lets
// requests in flight finish; run() returns when they have.
//
//   StorePool pool([&] { return open_store(path); });
//   ApiServer server(pool, clock, {.host = "127.0.0.1", .port = 8080});
//   int port = *server.bind();
//   server.run();   // until server.stop()
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "exports/destination.h"
#include "server/store_pool.h"
#include "store/ledger_records.h"

namespace httplib {
class Server;
}

namespace dagbok::server {

// When the session cookie carries the Secure attribute.
enum class CookieSecurity {
  kAuto,    // when the request came over https (X-Forwarded-Proto: https from a proxy)
  kAlways,  // always (dagbok behind an https proxy that does not say so)
  kNever,   // never (plain http on a trusted network only)
};

// The ledger (SIE import, import log, reports), opened per request like the
// store: open_ledger_store(db_path).
using LedgerFactory = std::function<Result<std::unique_ptr<LedgerStore>>()>;

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (see bind())
  CookieSecurity secure_cookie = CookieSecurity::kAuto;
  int64_t session_seconds = 12 * 3600;
  int max_login_failures = 5;              // per e-mail address and per client address …
  int64_t login_window_seconds = 15 * 60;  // … in this window, then 429
  // What a request may send, unpacked (doc/server.md, "Limits"); 413 past it.
  size_t max_body_bytes = 32 * 1024 * 1024;  // an upload: the largest SIE file the web page can import
  size_t max_receipts_body_bytes = 8 * 1024 * 1024;  // POST …/receipts
  size_t max_login_body_bytes = 16 * 1024;           // POST /api/v1/auth/login
  size_t max_json_body_bytes = 1024 * 1024;          // every other request body
  // The JSON of a request body, checked before it is parsed; 400 past it.
  int max_json_depth = 64;
  size_t max_json_elements = 100000;
  // A request's head must arrive within header_timeout_ms, its body within
  // body_timeout_ms, however slowly it trickles; a keep-alive connection
  // waits keep_alive_seconds for its next request.
  int header_timeout_ms = 10000;
  int body_timeout_ms = 60000;
  int keep_alive_seconds = 5;
  // HTTP workers: they grow with the open connections up to max_workers.
  size_t min_workers = 8;
  size_t max_workers = 256;
  // What the kinds of destination borrow (dagbok.toml, the master key):
  // the server makes its registry of every kind from it
  // (connectors/registry.h), unless `connectors` lends one.
  ConnectorHost connector_host;
  const DestinationRegistry* connectors = nullptr;
  LedgerFactory ledger;  // empty: the ledger routes answer 409, saying so
  // Called when the outbox has work that is due now (the export worker's nudge()).
  std::function<void()> outbox_changed;
};

// One JSON object per line, for the log: never cookies, tokens or passwords.
using LogSink = std::function<void(const std::string& json_line)>;

struct RouteInfo {
  std::string method;  // "GET", "POST", "PUT", "DELETE"
  std::string path;    // as in the OpenAPI file: "/api/v1/companies/{c}/zreports"
};

class ApiServer {
 public:
  ApiServer(StorePool& stores, const Clock& clock, ServerOptions options, LogSink log);
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  // Binds the listening socket; returns the port (the chosen one for port 0).
  Result<int> bind();
  // Serves until stop(); returns after the requests in flight have finished.
  Status run();
  // Safe from any thread, also before run().
  void stop();

  // The HTTP server, to mount more handlers (the web UI) before bind().
  httplib::Server& http();

  // Every route the server answers, for the OpenAPI check.
  static std::vector<RouteInfo> routes();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The HTTP status for an error code (400, 403, 404, 409, 503, 500).
int http_status_for(ErrorCode code);

}  // namespace dagbok::server
