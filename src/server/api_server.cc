#include "server/api_server.h"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <thread>

#include "auth/access_policy.h"
#include "auth/api_tokens.h"
#include "auth/login_throttle.h"
#include "auth/sessions.h"
#include "connectors/registry.h"
#include "server/internal/body_limits.h"
#include "server/internal/http_front.h"
#include "server/internal/route_call.h"
#include "server/internal/route_table.h"
#include "server/routes/auth.h"

namespace dagbok::server {

using auth::Action;
using auth::Principal;
using nlohmann::json;

int http_status_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kAlreadyExists:
      return 409;
    case ErrorCode::kFailedPrecondition:
      return 409;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kAborted:
      return 409;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

namespace {

std::optional<std::string> cookie_value(const httplib::Request& req, const std::string& name) {
  const std::string header = req.get_header_value("Cookie");
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    const size_t first = part.find_first_not_of(' ');
    part = first == std::string::npos ? "" : part.substr(first);
    if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return std::nullopt;
}

FrontLimits front_limits(const ServerOptions& o) {
  FrontLimits f;
  f.header_timeout = std::chrono::milliseconds(o.header_timeout_ms);
  f.body_timeout = std::chrono::milliseconds(o.body_timeout_ms);
  f.min_workers = o.min_workers;
  f.max_workers = o.max_workers;
  return f;
}

bool has_body(const httplib::Request& req) {
  return req.method == "POST" || req.method == "PUT" || req.method == "DELETE" || req.method == "PATCH";
}

}  // namespace

struct ApiServer::Impl {
  Impl(StorePool& s, const Clock& c, ServerOptions o, LogSink l)
      : stores(s),
        clock(c),
        options(std::move(o)),
        log(std::move(l)),
        throttle(options.max_login_failures, options.login_window_seconds),
        context{clock, options, throttle} {
    if (!options.connectors) {
      own_kinds = std::make_unique<DestinationRegistry>(connector_registry(options.connector_host));
      options.connectors = own_kinds.get();
    }
  }

  StorePool& stores;
  const Clock& clock;
  ServerOptions options;
  LogSink log;
  auth::LoginThrottle throttle;
  RouteContext context;    // what the handlers borrow
  std::unique_ptr<DestinationRegistry> own_kinds;  // when the options lend no registry
  SystemClock wall_clock;  // log times are real even when `clock` is fixed for a test
  HttpFront http{front_limits(options)};
  std::atomic<bool> stop_requested{false};
  std::atomic<bool> run_entered{false};
  std::atomic<bool> run_exited{false};

  // ------------------------------------------------------------ plumbing
  void install() {
    http.set_payload_max_length(
        std::max({options.max_body_bytes, options.max_receipts_body_bytes, options.max_json_body_bytes}));
    http.set_keep_alive_max_count(1000);
    http.set_keep_alive_timeout(options.keep_alive_seconds);
    http.set_pre_routing_handler(
        [this](const httplib::Request& req, httplib::Response& res) { return before_the_body(req, res); });
    static const std::string kNoBody;
    for (const Route& r : route_table()) {
      // Bodies are read here, within the route's limit (read_body), never by httplib.
      auto with_body = [this, &r](const httplib::Request& req, httplib::Response& res,
                                  const httplib::ContentReader& reader) {
        if (std::optional<std::string> body = read_body(req, res, reader)) dispatch(r, req, *body, res);
      };
      const std::string m = r.method;
      if (m == "GET")
        http.Get(path_regex(r.path),
                 [this, &r](const httplib::Request& req, httplib::Response& res) { dispatch(r, req, kNoBody, res); });
      else if (m == "POST")
        http.Post(path_regex(r.path), with_body);
      else if (m == "PUT")
        http.Put(path_regex(r.path), with_body);
      else if (m == "DELETE")
        http.Delete(path_regex(r.path), with_body);
    }
    // Any other request with a body: answered without reading it.
    auto no_route = [this](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader&) {
      HttpFront::close_after_answer();
      write(error_reply(404, "not_found", "no such API route: " + req.path), res);
      log_request(req, 404, std::chrono::steady_clock::now(), std::nullopt);
    };
    http.Post(".*", no_route);
    http.Put(".*", no_route);
    http.Delete(".*", no_route);
    http.Patch(".*", no_route);
    http.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
      if (!res.body.empty()) return;
      const auto start = std::chrono::steady_clock::now();
      Reply r = res.status == 404   ? error_reply(404, "not_found", "no such API route: " + req.path)
                : res.status == 413 ? error_reply(413, "too_large", too_large_message(req.path, options))
                : res.status == 405 ? error_reply(405, "method_not_allowed", "method not allowed")
                                    : error_reply(res.status, "bad_request", "the request could not be read");
      write(r, res);
      log_request(req, res.status, start, std::nullopt);
    });
    http.set_exception_handler([this](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
      std::string what = "unknown exception";
      try {
        if (ep) std::rethrow_exception(ep);
      } catch (const std::exception& e) {
        what = e.what();
      } catch (...) {
      }
      log(json(
              {{"time", wall_clock.now().to_utc_string()}, {"event", "exception"}, {"path", req.path}, {"error", what}})
              .dump());
      write(error_reply(500, "internal", "internal error; see the server log"), res);
    });
  }

  // After the head, before a byte of the body: what the connection may read
  // of it, and a refusal that needs no body (a length above the limit).
  httplib::Server::HandlerResponse before_the_body(const httplib::Request& req, httplib::Response& res) {
    using Handled = httplib::Server::HandlerResponse;
    if (!has_body(req)) {
      HttpFront::expect_body(0);
      return Handled::Unhandled;
    }
    const size_t limit = body_limit_for(req.path, options);
    HttpFront::expect_body(2 * limit + 64 * 1024);  // chunk framing and compression on top
    std::optional<Reply> refused;
    const std::string length = req.get_header_value("Content-Length");
    if (!length.empty() && length.find_first_not_of("0123456789") != std::string::npos)
      refused = error_reply(400, "bad_request", "the Content-Length header is not a number");
    else if (!length.empty() && (length.size() > 15 || std::stoull(length) > limit))
      refused = error_reply(413, "too_large", too_large_message(req.path, options));
    else if (req.is_multipart_form_data())
      refused = error_reply(415, "unsupported_media_type",
                            "multipart bodies are not taken; send JSON, or a file as application/octet-stream");
    if (!refused) return Handled::Unhandled;
    HttpFront::close_after_answer();
    write(*refused, res);
    log_request(req, refused->status, std::chrono::steady_clock::now(), std::nullopt);
    return Handled::Handled;
  }

  // The body as it arrives, unpacked, until its route's limit; nullopt
  // (and the answer written) when it is too large or cannot be read.
  std::optional<std::string> read_body(const httplib::Request& req, httplib::Response& res,
                                       const httplib::ContentReader& reader) {
    const auto start = std::chrono::steady_clock::now();
    const size_t limit = body_limit_for(req.path, options);
    std::string body;
    bool too_large = false;
    const bool read = reader([&](const char* data, size_t n) {
      too_large = body.size() + n > limit;
      if (!too_large) body.append(data, n);
      return !too_large;
    });
    if (read && !too_large) return body;
    HttpFront::close_after_answer();
    const Reply r = too_large || HttpFront::over_budget() || res.status == 413
                        ? error_reply(413, "too_large", too_large_message(req.path, options))
                        : error_reply(400, "bad_request",
                                      "the request body could not be read: it ended early, was not sent in time or "
                                      "its encoding is not understood");
    write(r, res);
    log_request(req, r.status, start, std::nullopt);
    return std::nullopt;
  }

  // "/api/v1/companies/{c}/days/{date}/close" → "/api/v1/companies/([^/]+)/days/([^/]+)/close"
  static std::string path_regex(const std::string& path) {
    static const std::regex param(R"(\{[a-z_]+\})");
    std::string escaped = std::regex_replace(path, std::regex(R"([.])"), R"(\.)");
    return std::regex_replace(escaped, param, "([^/]+)");
  }
  static std::vector<std::string> path_params(const std::string& path) {
    std::vector<std::string> names;
    static const std::regex param(R"(\{([a-z_]+)\})");
    for (std::sregex_iterator it(path.begin(), path.end(), param), end; it != end; ++it) names.push_back((*it)[1]);
    return names;
  }

  void write(const Reply& r, httplib::Response& res) {
    res.status = r.status;
    for (const auto& [k, v] : r.headers) res.set_header(k, v);
    res.set_header("Cache-Control", "no-store");
    res.set_header("X-Content-Type-Options", "nosniff");
    if (!r.content_type.empty())
      res.set_content(r.bytes, r.content_type.c_str());
    else if (r.status != 204)
      res.set_content(r.body.dump(), "application/json; charset=utf-8");
  }

  void log_request(const httplib::Request& req, int status, std::chrono::steady_clock::time_point start,
                   const std::optional<Principal>& who) {
    const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    json line = {{"time", wall_clock.now().to_utc_string()},
                 {"method", req.method},
                 {"path", req.path},
                 {"status", status},
                 {"ms", static_cast<int64_t>(ms * 10 + 0.5) / 10.0},
                 {"user", nullptr}};
    if (who && who->kind == Principal::Kind::kUser) line["user"] = who->user_id;
    if (who && who->kind == Principal::Kind::kApiToken) line["api_token"] = who->token_id;
    log(line.dump());
  }

  void dispatch(const Route& route, const httplib::Request& req, const std::string& body, httplib::Response& res) {
    const auto start = std::chrono::steady_clock::now();
    std::optional<Principal> who;
    Reply reply;
    try {
      reply = handle(route, req, body, who);
    } catch (const std::exception& e) {
      log(json({{"time", wall_clock.now().to_utc_string()},
                {"event", "exception"},
                {"path", req.path},
                {"error", e.what()}})
              .dump());
      reply = error_reply(500, "internal", "internal error; see the server log");
    }
    write(reply, res);
    log_request(req, reply.status, start, who);
  }

  Reply handle(const Route& route, const httplib::Request& req, const std::string& body,
               std::optional<Principal>& who) {
    Result<StorePool::Lease> lease = stores.acquire();
    if (!lease.ok()) return error_reply(lease.error());
    Call call{req, body, **lease, context, {}, {}, {}, {}, {}};
    const std::vector<std::string> names = path_params(route.path);
    for (size_t i = 0; i < names.size() && i + 1 < req.matches.size(); ++i) call.params[names[i]] = req.matches[i + 1];

    if (route.access != Access::kPublic) {
      if (std::optional<Reply> refused = authenticate(call)) return *refused;
      who = call.principal;
      if (!call.principal) return error_reply(401, "unauthenticated", "log in first (POST /api/v1/auth/login)");
      const bool safe = req.method == "GET" || req.method == "HEAD";
      if (call.session && !safe) {
        const std::string csrf = req.get_header_value("X-CSRF-Token");
        if (!auth::csrf_matches(call.session->session, csrf))
          return error_reply(403, "csrf", "the X-CSRF-Token header is missing or does not match the session");
      }
      if (route.access == Access::kSession && !call.session)
        return error_reply(403, "permission_denied", "an API token may only post receipts");
      if (route.access == Access::kCompany) {
        if (std::optional<Reply> refused = resolve_company(call, route.action)) return *refused;
      } else if (route.access == Access::kCompanyCheckedByLibrary) {
        if (std::optional<Reply> refused = resolve_company(call, std::nullopt)) return *refused;
      }
    }
    Result<Reply> r = route.handler(call);
    who = call.principal;  // a login names its user
    if (!r.ok()) {
      if (r.error().code() == ErrorCode::kInternal)
        log(json({{"time", wall_clock.now().to_utc_string()},
                  {"event", "error"},
                  {"path", req.path},
                  {"error", r.error().message()}})
                .dump());
      return error_reply(r.error());
    }
    return std::move(r).value();
  }

  // Sets call.principal from a bearer token or the session cookie. A bearer
  // header wins: it is what a till sends, and carries no ambient authority.
  std::optional<Reply> authenticate(Call& call) {
    const std::string authz = call.req.get_header_value("Authorization");
    if (!authz.empty()) {
      if (authz.rfind("Bearer ", 0) != 0)
        return error_reply(401, "unauthenticated", "the Authorization header must be 'Bearer <API token>'");
      Result<std::optional<Principal>> p = auth::find_api_token(call.store, authz.substr(7));
      if (!p.ok()) return error_reply(p.error());
      if (!*p) return error_reply(401, "unauthenticated", "the API token is unknown or revoked");
      call.principal = std::move(**p);
      return std::nullopt;
    }
    std::optional<std::string> cookie = cookie_value(call.req, routes::kSessionCookie);
    if (!cookie) return std::nullopt;
    Result<std::optional<auth::SessionPrincipal>> s = auth::find_session(call.store, *cookie, clock.now());
    if (!s.ok()) return error_reply(s.error());
    if (!*s) return error_reply(401, "unauthenticated", "the session has ended; log in again");
    call.session = std::move(**s);
    call.principal = call.session->principal;
    call.session_token = *cookie;
    return std::nullopt;
  }

  // {c} is the company's id or short name. A company the principal has no
  // standing in is "not found", whether or not it exists. Without an action
  // any member passes: the library the handler calls checks the action.
  std::optional<Reply> resolve_company(Call& call, std::optional<Action> action) {
    const std::string& c = call.params["c"];
    Result<std::vector<Company>> all = call.store.companies();
    if (!all.ok()) return error_reply(all.error());
    for (const Company& x : *all)
      if ((x.slug == c || std::to_string(x.id) == c) && auth::AccessPolicy::is_member(*call.principal, x.id)) {
        if (action && !auth::AccessPolicy::allows(*call.principal, x.id, *action))
          return error_reply(
              403, "permission_denied",
              "your role in " + x.name + " does not allow you to " + std::string(auth::action_name(*action)));
        call.company = x;
        return std::nullopt;
      }
    return error_reply(404, "not_found", "no such company: " + c);
  }
};

ApiServer::ApiServer(StorePool& stores, const Clock& clock, ServerOptions options, LogSink log)
    : impl_(std::make_unique<Impl>(stores, clock, std::move(options), std::move(log))) {
  impl_->install();
}

ApiServer::~ApiServer() { stop(); }

httplib::Server& ApiServer::http() { return impl_->http; }

Result<int> ApiServer::bind() {
  const ServerOptions& o = impl_->options;
  if (o.port == 0) {
    const int port = impl_->http.bind_to_any_port(o.host);
    if (port <= 0) return unavailable("cannot listen on " + o.host + " (any port)");
    return port;
  }
  if (!impl_->http.bind_to_port(o.host, o.port))
    return unavailable("cannot listen on " + o.host + ":" + std::to_string(o.port) +
                       " (in use, or not an address of this machine); choose another with --listen");
  return o.port;
}

Status ApiServer::run() {
  impl_->run_entered = true;
  Status s;
  if (!impl_->stop_requested && !impl_->http.listen_after_bind() && !impl_->stop_requested)
    s = unavailable("the server stopped listening unexpectedly");
  impl_->run_exited = true;
  return s;
}

void ApiServer::stop() {
  impl_->stop_requested = true;
  // run() may be between its check of stop_requested and the listening loop:
  // wait for the loop to start, then stop it (httplib's stop() is a no-op before).
  for (int i = 0; i < 400; ++i) {
    if (impl_->http.is_running()) {
      impl_->http.stop();
      return;
    }
    if (!impl_->run_entered || impl_->run_exited) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

std::vector<RouteInfo> ApiServer::routes() {
  std::vector<RouteInfo> out;
  for (const Route& r : route_table()) out.push_back({r.method, r.path});
  return out;
}

}  // namespace dagbok::server
