#include "server/api_server.h"

#include <httplib.h>

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
#include "auth/users.h"
#include "core/time_zone.h"
#include "exports/integration_catalog.h"
#include "exports/schedule.h"
#include "pipeline/day_close.h"
#include "pipeline/kontoplan.h"
#include "pipeline/receipt_intake.h"
#include "pipeline/sie_export.h"
#include "server/json_views.h"
#include "server/openapi.h"

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

constexpr const char* kCookieName = "dagbok_session";

// What a handler answers: JSON, or a file.
struct Reply {
  int status = 200;
  json body;
  std::string bytes;  // a file when not empty (or when content_type is set)
  std::string content_type;
  std::vector<std::pair<std::string, std::string>> headers;
};

Reply error_reply(int status, const std::string& code, const std::string& message) {
  Reply r;
  r.status = status;
  r.body = {{"error", {{"code", code}, {"message", message}}}};
  return r;
}

// The "code" of an error answer (openapi.json, Error.code).
const char* api_error_code(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "invalid_argument";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kAlreadyExists:
      return "already_exists";
    case ErrorCode::kFailedPrecondition:
      return "failed_precondition";
    case ErrorCode::kPermissionDenied:
      return "permission_denied";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kAborted:
      return "aborted";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "internal";
}

Reply error_reply(const Error& e) {
  const int status = http_status_for(e.code());
  // Internal messages may name SQL or files: they go to the log, not to the client.
  const std::string message = e.code() == ErrorCode::kInternal ? "internal error; see the server log" : e.message();
  Reply r = error_reply(status, api_error_code(e.code()), message);
  if (e.code() == ErrorCode::kUnavailable && e.retry_after_seconds() > 0)
    r.headers.emplace_back("Retry-After", std::to_string(e.retry_after_seconds()));
  return r;
}

enum class Access {
  kPublic,   // anyone
  kSession,  // a logged-in user (not an API token)
  kCompany,  // a principal allowed `action` in the company {c}
};

struct Call {
  const httplib::Request& req;
  Store& store;
  std::map<std::string, std::string> params;
  std::optional<auth::SessionPrincipal> session;
  std::optional<Principal> principal;
  std::optional<Company> company;
  std::string session_token;
};

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

Result<json> json_body(const httplib::Request& req) {
  const std::string type = req.get_header_value("Content-Type");
  if (type.rfind("application/json", 0) != 0)
    return invalid_argument("send the request body as JSON with Content-Type: application/json");
  json j = json::parse(req.body, nullptr, false);
  if (j.is_discarded()) return invalid_argument("the request body is not valid JSON");
  return j;
}

Result<std::string> string_field(const json& j, const char* name, bool required) {
  if (!j.is_object()) return invalid_argument("the request body must be a JSON object");
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) {
    if (required) return invalid_argument(std::string("field '") + name + "' is missing");
    return std::string();
  }
  if (!it->is_string()) return invalid_argument(std::string("field '") + name + "' must be a string");
  return it->get<std::string>();
}

Result<std::optional<Date>> query_date(const httplib::Request& req, const char* name, bool required) {
  if (!req.has_param(name)) {
    if (required) return invalid_argument(std::string("query parameter '") + name + "' (YYYY-MM-DD) is missing");
    return std::optional<Date>();
  }
  Result<Date> d = Date::parse(req.get_param_value(name));
  if (!d.ok()) return d.error().with_context(std::string("query parameter '") + name + "'");
  return std::optional<Date>(*d);
}

Result<std::map<std::string, Money>> register_amounts(const json& body, const char* field) {
  std::map<std::string, Money> out;
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return out;
  if (!it->is_object())
    return invalid_argument(std::string("field '") + field + "' must be an object like {\"K1\": \"1652.00\"}");
  for (const auto& [reg, v] : it->items()) {
    if (!v.is_string())
      return invalid_argument(std::string("field '") + field + "." + reg + "' must be a decimal string");
    Result<Money> m = Money::parse(v.get<std::string>());
    if (!m.ok()) return m.error().with_context(std::string("field '") + field + "." + reg + "'");
    out[reg] = *m;
  }
  return out;
}

Date today_in(const Company& company, Instant now) {
  Result<TimeZone> tz = TimeZone::load(company.timezone);
  return tz.ok() ? tz->to_local(now).date : LocalDateTime::from_unix_local(now.unix_seconds()).date;
}

}  // namespace

struct ApiServer::Impl {
  using Handler = Result<Reply> (Impl::*)(Call&);
  struct Route {
    const char* method;
    const char* path;
    Access access;
    Action action;
    Handler handler;
  };

  Impl(StorePool& s, const Clock& c, ServerOptions o, LogSink l)
      : stores(s),
        clock(c),
        options(std::move(o)),
        log(std::move(l)),
        throttle(options.max_login_failures, options.login_window_seconds) {}

  StorePool& stores;
  const Clock& clock;
  ServerOptions options;
  LogSink log;
  auth::LoginThrottle throttle;
  SystemClock wall_clock;  // log times are real even when `clock` is fixed for a test
  httplib::Server http;
  std::atomic<bool> stop_requested{false};
  std::atomic<bool> run_entered{false};
  std::atomic<bool> run_exited{false};

  static const std::vector<Route>& route_table();

  // ------------------------------------------------------------ plumbing
  void install() {
    http.set_payload_max_length(options.max_body_bytes);
    http.set_keep_alive_max_count(100);
    for (const Route& r : route_table()) {
      auto fn = [this, &r](const httplib::Request& req, httplib::Response& res) { dispatch(r, req, res); };
      const std::string m = r.method;
      if (m == "GET")
        http.Get(path_regex(r.path), fn);
      else if (m == "POST")
        http.Post(path_regex(r.path), fn);
      else if (m == "PUT")
        http.Put(path_regex(r.path), fn);
    }
    http.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
      if (!res.body.empty()) return;
      const auto start = std::chrono::steady_clock::now();
      Reply r = res.status == 404   ? error_reply(404, "not_found", "no such API route: " + req.path)
                : res.status == 413 ? error_reply(413, "too_large", "the request body is too large")
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

  void dispatch(const Route& route, const httplib::Request& req, httplib::Response& res) {
    const auto start = std::chrono::steady_clock::now();
    std::optional<Principal> who;
    Reply reply;
    try {
      reply = handle(route, req, who);
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

  Reply handle(const Route& route, const httplib::Request& req, std::optional<Principal>& who) {
    Result<StorePool::Lease> lease = stores.acquire();
    if (!lease.ok()) return error_reply(lease.error());
    Call call{req, **lease, {}, {}, {}, {}, {}};
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
      }
    }
    Result<Reply> r = (this->*route.handler)(call);
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
    std::optional<std::string> cookie = cookie_value(call.req, kCookieName);
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
  // standing in is "not found", whether or not it exists.
  std::optional<Reply> resolve_company(Call& call, Action action) {
    const std::string& c = call.params["c"];
    Result<std::vector<Company>> all = call.store.companies();
    if (!all.ok()) return error_reply(all.error());
    for (const Company& x : *all)
      if ((x.slug == c || std::to_string(x.id) == c) && auth::AccessPolicy::is_member(*call.principal, x.id)) {
        if (!auth::AccessPolicy::allows(*call.principal, x.id, action))
          return error_reply(
              403, "permission_denied",
              "your role in " + x.name + " does not allow you to " + std::string(auth::action_name(action)));
        call.company = x;
        return std::nullopt;
      }
    return error_reply(404, "not_found", "no such company: " + c);
  }

  bool secure_cookie(const httplib::Request& req) const {
    switch (options.secure_cookie) {
      case CookieSecurity::kAlways:
        return true;
      case CookieSecurity::kNever:
        return false;
      case CookieSecurity::kAuto:
        return req.get_header_value("X-Forwarded-Proto") == "https";
    }
    return true;
  }

  // ------------------------------------------------------------ public
  Result<Reply> healthz(Call& call) {
    Result<std::vector<Company>> c = call.store.companies();
    if (!c.ok()) return unavailable("the database cannot be read");
    return Reply{200, {{"status", "ok"}}, {}, {}, {}};
  }

  Result<Reply> openapi(Call&) {
    Reply r;
    r.bytes = std::string(openapi_document());
    r.content_type = "application/json; charset=utf-8";
    return r;
  }

  Result<Reply> login(Call& call) {
    ASSIGN_OR_RETURN(json body, json_body(call.req));
    ASSIGN_OR_RETURN(std::string email, string_field(body, "email", true));
    ASSIGN_OR_RETURN(std::string password, string_field(body, "password", true));
    Result<std::string> normalized = auth::normalize_email(email);
    const std::vector<std::string> keys = {"email:" + (normalized.ok() ? *normalized : email),
                                           "ip:" + call.req.remote_addr};
    if (std::optional<int64_t> wait = throttle.retry_after(keys, clock.now())) {
      Reply r = error_reply(429, "rate_limited",
                            "too many failed logins; try again in " + std::to_string((*wait + 59) / 60) + " minute(s)");
      r.headers.emplace_back("Retry-After", std::to_string(*wait));
      return r;
    }
    Result<auth::LoginOutcome> in = auth::log_in(call.store, email, password, clock, options.session_seconds);
    if (!in.ok()) {
      if (in.error().code() != ErrorCode::kPermissionDenied) return std::move(in).error();
      throttle.record_failure(keys, clock.now());
      return error_reply(401, "unauthenticated", in.error().message());
    }
    throttle.forget(keys[0]);
    call.principal = Principal{Principal::Kind::kUser, in->user.id, {}, 0, 0};
    Reply r;
    r.body = {{"user", user_json(in->user)},
              {"csrf_token", in->csrf_token},
              {"expires_at", in->session.expires_at.to_utc_string()}};
    std::string cookie = std::string(kCookieName) + "=" + in->session_token +
                         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(options.session_seconds);
    if (secure_cookie(call.req)) cookie += "; Secure";
    r.headers.emplace_back("Set-Cookie", cookie);
    return r;
  }

  // ------------------------------------------------------------ session
  Result<Reply> logout(Call& call) {
    TRY(auth::log_out(call.store, call.session_token, clock.now()));
    Reply r;
    r.status = 204;
    r.headers.emplace_back("Set-Cookie", std::string(kCookieName) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    return r;
  }

  Result<json> member_companies(Call& call) {
    ASSIGN_OR_RETURN(std::vector<Company> all, call.store.companies());
    json out = json::array();
    for (const Membership& m : call.session->principal.memberships)
      for (const Company& c : all)
        if (c.id == m.company_id) out.push_back(membership_json(c, m));
    return out;
  }

  Result<Reply> me(Call& call) {
    ASSIGN_OR_RETURN(json companies, member_companies(call));
    return Reply{200, {{"user", user_json(call.session->user)}, {"companies", companies}}, {}, {}, {}};
  }

  Result<Reply> companies(Call& call) {
    ASSIGN_OR_RETURN(json companies, member_companies(call));
    return Reply{200, companies, {}, {}, {}};
  }

  // ------------------------------------------------------------ company
  Result<Reply> zreports(Call& call) {
    ASSIGN_OR_RETURN(std::optional<Date> from, query_date(call.req, "from", false));
    ASSIGN_OR_RETURN(std::optional<Date> to, query_date(call.req, "to", false));
    ASSIGN_OR_RETURN(std::vector<ZReportRecord> all, call.store.z_reports(call.company->id, from, to));
    json out = json::array();
    for (const ZReportRecord& r : all) out.push_back(z_report_record_json(r));
    return Reply{200, out, {}, {}, {}};
  }

  Result<Reply> close(Call& call) {
    Result<Date> day = Date::parse(call.params["date"]);
    if (!day.ok()) return day.error().with_context("the day in the path");
    CloseRequest req;
    req.day = *day;
    if (!call.req.body.empty()) {
      ASSIGN_OR_RETURN(json body, json_body(call.req));
      if (!body.is_object()) return invalid_argument("the request body must be a JSON object");
      ASSIGN_OR_RETURN(std::string department, string_field(body, "department", false));
      if (!department.empty()) req.department = department;
      ASSIGN_OR_RETURN(req.cash_counted, register_amounts(body, "cash_counted"));
      ASSIGN_OR_RETURN(req.opening_float, register_amounts(body, "opening_float"));
    }
    ASSIGN_OR_RETURN(CloseOutcome out, close_day(call.store, *call.company, req, clock));
    return Reply{200, close_json(req.day, out), {}, {}, {}};
  }

  Result<Reply> vouchers(Call& call) {
    ASSIGN_OR_RETURN(std::optional<Date> from, query_date(call.req, "from", false));
    ASSIGN_OR_RETURN(std::optional<Date> to, query_date(call.req, "to", false));
    ASSIGN_OR_RETURN(std::vector<Voucher> all, call.store.vouchers(call.company->id, from, to));
    json out = json::array();
    for (const Voucher& v : all) out.push_back(voucher_json(v));
    return Reply{200, out, {}, {}, {}};
  }

  Result<json> mapping_rows(Call& call, const std::string& department) {
    ASSIGN_OR_RETURN(std::vector<KontoplanRow> rows,
                     kontoplan_rows(call.store, *call.company, department, today_in(*call.company, clock.now())));
    json out = json::array();
    int missing = 0;
    for (const KontoplanRow& r : rows) {
      out.push_back(kontoplan_row_json(r));
      missing += r.gap ? 1 : 0;
    }
    return json{{"department", department}, {"rows", out}, {"missing", missing}};
  }

  Result<Reply> get_mapping(Call& call) {
    const std::string department = call.req.has_param("department") ? call.req.get_param_value("department") : "";
    ASSIGN_OR_RETURN(json rows, mapping_rows(call, department));
    return Reply{200, rows, {}, {}, {}};
  }

  // Adds entries to the kontoplan (it is append-only and effective-dated),
  // then books the vouchers that were waiting for them.
  Result<Reply> put_mapping(Call& call) {
    ASSIGN_OR_RETURN(json body, json_body(call.req));
    if (!body.is_object() || !body.contains("entries") || !body["entries"].is_array() || body["entries"].empty())
      return invalid_argument("field 'entries' must be a non-empty array of {group, key, account}");
    ASSIGN_OR_RETURN(Date default_from, default_mapping_date(call.store, *call.company));
    ASSIGN_OR_RETURN(std::string account_name, string_field(body, "account_name", false));
    std::vector<MappingEntry> entries;
    for (size_t i = 0; i < body["entries"].size(); ++i) {
      const json& e = body["entries"][i];
      const std::string where = "entries[" + std::to_string(i) + "]";
      Result<MappingEntry> entry = [&]() -> Result<MappingEntry> {
        ASSIGN_OR_RETURN(std::string group, string_field(e, "group", true));
        ASSIGN_OR_RETURN(std::string key, string_field(e, "key", true));
        ASSIGN_OR_RETURN(std::string account, string_field(e, "account", true));
        ASSIGN_OR_RETURN(std::string department, string_field(e, "department", false));
        ASSIGN_OR_RETURN(std::string valid_from, string_field(e, "valid_from", false));
        Date from = default_from;
        if (!valid_from.empty()) {
          ASSIGN_OR_RETURN(from, Date::parse(valid_from));
        }
        return mapping_entry(group, key, account, department, from);
      }();
      if (!entry.ok()) return entry.error().with_context(where);
      entries.push_back(std::move(entry).value());
    }
    ASSIGN_OR_RETURN(std::vector<Account> added,
                     add_missing_accounts(call.store, *call.company, entries, account_name));
    TRY(call.store.add_mapping(call.company->id, entries));
    ASSIGN_OR_RETURN(BookOutcome booked, book_blocked_vouchers(call.store, *call.company, clock));
    ASSIGN_OR_RETURN(json rows, mapping_rows(call, ""));
    json accounts = json::array();
    for (const Account& a : added) accounts.push_back({{"number", a.number}, {"name", a.name}});
    rows["added_entries"] = entries.size();
    rows["added_accounts"] = accounts;
    rows["vouchers_booked"] = booked.booked;
    rows["still_blocked"] = booked.still_blocked;
    return Reply{200, rows, {}, {}, {}};
  }

  // One receipt (an object) or a batch (an array); all or nothing, and a
  // receipt id already stored with the same content changes nothing.
  Result<Reply> receipts(Call& call) {
    ASSIGN_OR_RETURN(json body, json_body(call.req));
    std::vector<ReceiptSource> items;
    if (body.is_object()) {
      items.push_back({"receipt", body.dump()});
    } else if (body.is_array()) {
      if (body.empty()) return invalid_argument("the array of receipts is empty");
      for (size_t i = 0; i < body.size(); ++i) items.push_back({"receipt " + std::to_string(i + 1), body[i].dump()});
    } else {
      return invalid_argument("send one receipt (a JSON object) or several (a JSON array)");
    }
    ASSIGN_OR_RETURN(IntakeSummary s, import_receipts(call.store, *call.company, items));
    return Reply{s.stored ? 201 : 200, intake_json(s), {}, {}, {}};
  }

  Result<Reply> integrations(Call& call) {
    ASSIGN_OR_RETURN(std::vector<Destination> dests, call.store.destinations(call.company->id));
    json out = json::array();
    for (const IntegrationCard& c : integration_cards()) {
      const Destination* d = nullptr;
      for (const Destination& x : dests)
        if (x.kind == c.kind) d = &x;
      const std::string state = !c.built ? "not_built" : (!d ? "not_activated" : (d->active ? "active" : "inactive"));
      json settings = nullptr;
      if (d) {
        settings = json::parse(d->settings_json.empty() ? "{}" : d->settings_json, nullptr, false);
        if (settings.is_discarded()) settings = json::object();
      }
      out.push_back({{"kind", c.kind},
                     {"title", c.title},
                     {"built", c.built},
                     {"state", state},
                     {"destination_id", d ? json(d->id) : json(nullptr)},
                     {"from_date", d ? json(d->from_date.to_string()) : json(nullptr)},
                     {"from_date_locked", d ? d->from_date_locked : false},
                     {"schedule", d ? json(schedule_name(d->schedule)) : json(nullptr)},
                     {"settings", settings},
                     {"has_secret", d ? !d->sealed_secret.empty() : false}});
    }
    return Reply{200, out, {}, {}, {}};
  }

  Result<Reply> exports(Call& call) {
    ASSIGN_OR_RETURN(std::vector<Delivery> deliveries, call.store.deliveries(call.company->id, std::nullopt, 200));
    ASSIGN_OR_RETURN(std::vector<DeliveryAttempt> log_rows, call.store.attempts(call.company->id, 200));
    json d = json::array();
    for (const Delivery& x : deliveries) d.push_back(delivery_json(x));
    json l = json::array();
    for (const DeliveryAttempt& a : log_rows) l.push_back(attempt_json(a));
    return Reply{200, {{"deliveries", d}, {"log", l}}, {}, {}, {}};
  }

  Result<Reply> notifications(Call& call) {
    const bool open_only = call.req.has_param("open") && call.req.get_param_value("open") != "0";
    ASSIGN_OR_RETURN(std::vector<Notification> all, call.store.notifications(call.company->id, open_only));
    json out = json::array();
    int unread = 0;
    for (const Notification& n : all) {
      out.push_back(notification_json(n));
      unread += !n.read && !n.resolved_at ? 1 : 0;
    }
    return Reply{200, {{"unread", unread}, {"notifications", out}}, {}, {}, {}};
  }

  Result<Reply> sie(Call& call) {
    ASSIGN_OR_RETURN(std::optional<Date> from, query_date(call.req, "from", true));
    ASSIGN_OR_RETURN(std::optional<Date> to, query_date(call.req, "to", true));
    if (*to < *from) return invalid_argument("'to' is before 'from'");
    ASSIGN_OR_RETURN(SieExport e, export_sie(call.store, *call.company, *from, *to, clock));
    Reply r;
    r.bytes = std::move(e.bytes);
    r.content_type = "application/octet-stream";
    r.headers.emplace_back("Content-Disposition",
                           "attachment; filename=\"" + sie_file_name(*call.company, *from, *to) + "\"");
    r.headers.emplace_back("X-Dagbok-Vouchers", std::to_string(e.vouchers));
    return r;
  }
};

const std::vector<ApiServer::Impl::Route>& ApiServer::Impl::route_table() {
  using I = ApiServer::Impl;
  static const std::vector<Route> kRoutes = {
      {"GET", "/healthz", Access::kPublic, Action::kViewDays, &I::healthz},
      {"GET", "/api/v1/healthz", Access::kPublic, Action::kViewDays, &I::healthz},
      {"GET", "/api/v1/openapi.json", Access::kPublic, Action::kViewDays, &I::openapi},
      {"POST", "/api/v1/auth/login", Access::kPublic, Action::kViewDays, &I::login},
      {"POST", "/api/v1/auth/logout", Access::kSession, Action::kViewDays, &I::logout},
      {"GET", "/api/v1/me", Access::kSession, Action::kViewDays, &I::me},
      {"GET", "/api/v1/companies", Access::kSession, Action::kViewDays, &I::companies},
      {"GET", "/api/v1/companies/{c}/zreports", Access::kCompany, Action::kViewDays, &I::zreports},
      {"POST", "/api/v1/companies/{c}/days/{date}/close", Access::kCompany, Action::kCloseDay, &I::close},
      {"GET", "/api/v1/companies/{c}/vouchers", Access::kCompany, Action::kViewBooks, &I::vouchers},
      {"GET", "/api/v1/companies/{c}/mapping", Access::kCompany, Action::kViewMapping, &I::get_mapping},
      {"PUT", "/api/v1/companies/{c}/mapping", Access::kCompany, Action::kEditMapping, &I::put_mapping},
      {"POST", "/api/v1/companies/{c}/receipts", Access::kCompany, Action::kPostReceipts, &I::receipts},
      {"GET", "/api/v1/companies/{c}/integrations", Access::kCompany, Action::kViewIntegrations, &I::integrations},
      {"GET", "/api/v1/companies/{c}/exports", Access::kCompany, Action::kViewIntegrations, &I::exports},
      {"GET", "/api/v1/companies/{c}/notifications", Access::kCompany, Action::kViewNotifications, &I::notifications},
      {"GET", "/api/v1/companies/{c}/sie", Access::kCompany, Action::kExportSie, &I::sie},
  };
  return kRoutes;
}

ApiServer::ApiServer(StorePool& stores, const Clock& clock, ServerOptions options, LogSink log)
    : impl_(std::make_unique<Impl>(stores, clock, std::move(options), std::move(log))) {
  impl_->install();
}

ApiServer::~ApiServer() { stop(); }

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
  for (const Impl::Route& r : Impl::route_table()) out.push_back({r.method, r.path});
  return out;
}

}  // namespace dagbok::server
