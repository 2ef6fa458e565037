#include "server/api_server.h"

#include <httplib.h>

#include <stdlib.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
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
#include "connectors/email/email_destination.h"
#include "connectors/email/file_mail.h"
#include "core/time_zone.h"
#include "exports/engine.h"
#include "exports/integration_catalog.h"
#include "exports/integrations.h"
#include "exports/schedule.h"
#include "formats/day/day_export.h"
#include "formats/pdf/z_report_pdf.h"
#include "ledger/ledger_admin.h"
#include "ledger/sie_import.h"
#include "ledger/year_balances.h"
#include "pipeline/day_close.h"
#include "pipeline/kontoplan.h"
#include "pipeline/receipt_intake.h"
#include "pipeline/sie_export.h"
#include "reports/key_figures.h"
#include "reports/monthly.h"
#include "reports/render.h"
#include "reports/statements.h"
#include "reports/svg_chart.h"
#include "reports/trial_balance.h"
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


Result<int64_t> id_param(const std::map<std::string, std::string>& params, const char* name, const char* what) {
  auto it = params.find(name);
  const std::string v = it == params.end() ? "" : it->second;
  int64_t id = 0;
  size_t used = 0;
  try {
    id = std::stoll(v, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != v.size() || id <= 0)
    return invalid_argument(std::string("'") + v + "' in the path is not " + what + " id (a whole number)");
  return id;
}

Result<bool> bool_field(const json& j, const char* name, bool fallback) {
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) return fallback;
  if (!it->is_boolean()) return invalid_argument(std::string("field '") + name + "' must be true or false");
  return it->get<bool>();
}

// A 400 answer naming every wrong field: {"error": {…, "fields": [{field, message}]}}.
struct FieldError {
  std::string field;
  std::string message;
};
Reply field_errors_reply(const std::vector<FieldError>& errors) {
  Reply r = error_reply(400, "invalid_argument",
                        std::to_string(errors.size()) + " field(s) need correcting; the first: " + errors.front().field +
                            ": " + errors.front().message);
  json fields = json::array();
  for (const FieldError& e : errors) fields.push_back({{"field", e.field}, {"message", e.message}});
  r.body["error"]["fields"] = fields;
  return r;
}

// The card of the SIE file of the export dialog: always there, no settings.
constexpr const char* kSieCardKind = "sie";

// The integration `kind` as a built connector: NotFound for an unknown kind,
// FailedPrecondition (said plainly) for one not built yet.
Result<IntegrationCard> built_integration(const std::string& kind) {
  for (const IntegrationCard& c : integration_cards())
    if (c.kind == kind) {
      if (!c.built)
        return failed_precondition(std::string("the ") + c.title +
                                   " integration is not available in this version of dagbok yet");
      return c;
    }
  if (kind == kSieCardKind)
    return failed_precondition("the SIE export needs no activation: download or mail the file from the export dialog");
  return not_found("'" + kind + "' is not an integration of dagbok");
}

json card_json(const IntegrationCard& c, const Destination* d) {
  const std::string state = !c.built ? "not_built" : (!d ? "not_activated" : (d->active ? "active" : "inactive"));
  const std::string status = !c.built ? "not_available" : (d && d->active ? "active" : "inactive");
  json settings = nullptr;
  if (d) {
    settings = json::parse(d->settings_json.empty() ? "{}" : d->settings_json, nullptr, false);
    if (settings.is_discarded()) settings = json::object();
  }
  return {{"kind", c.kind},
          {"title", c.title},
          {"built", c.built},
          {"status", status},
          {"state", state},
          {"status_text", !c.built ? "Not available yet: this integration is not built in this version of dagbok."
                          : !d     ? "Not activated."
                          : d->active ? "Active."
                                      : "Inactive: exports wait until it is activated again."},
          {"destination_id", d ? json(d->id) : json(nullptr)},
          {"from_date", d ? json(d->from_date.to_string()) : json(nullptr)},
          {"from_date_locked", d ? d->from_date_locked : false},
          {"schedule", d ? json(schedule_name(d->schedule)) : json(nullptr)},
          {"settings", settings},
          {"has_secret", d ? !d->sealed_secret.empty() : false}};
}

json sie_card_json() {
  return {{"kind", kSieCardKind},
          {"title", "SIE export"},
          {"built", true},
          {"status", "active"},
          {"state", "active"},
          {"status_text", "Always available: download a SIE 4 file or send it by e-mail (Exportera bokföring)."},
          {"destination_id", nullptr},
          {"from_date", nullptr},
          {"from_date_locked", false},
          {"schedule", nullptr},
          {"settings", nullptr},
          {"has_secret", false}};
}

// "daily 05:00" → "daily"
std::string schedule_kind(const Schedule& s) {
  const std::string name = schedule_name(s);
  return name.substr(0, name.find(' '));
}

// "32 MiB" for the 413 answers.
std::string size_text(size_t bytes) {
  constexpr size_t kMiB = size_t{1024} * 1024;
  if (bytes >= kMiB && bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MiB";
  return std::to_string(bytes) + " bytes";
}

// The name of an uploaded file from its X-File-Name header: percent-decoded
// UTF-8 (a browser may send only Latin-1 in a header, so the page encodes
// it), without any directory, without control characters.
Result<std::string> upload_file_name(const std::string& header) {
  std::string decoded;
  for (size_t i = 0; i < header.size(); ++i) {
    const char c = header[i];
    if (c == '%' && i + 2 < header.size() && std::isxdigit(static_cast<unsigned char>(header[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(header[i + 2]))) {
      decoded.push_back(static_cast<char>(std::stoi(header.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      decoded.push_back(c);
    }
  }
  const size_t slash = decoded.find_last_of("/\\");
  if (slash != std::string::npos) decoded = decoded.substr(slash + 1);
  std::string name;
  for (char c : decoded)
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) name.push_back(c);
  while (!name.empty() && name.front() == ' ') name.erase(0, 1);
  while (!name.empty() && name.back() == ' ') name.pop_back();
  if (name.size() > 255)
    return invalid_argument("the file name (X-File-Name) is longer than 255 bytes; rename the file");
  if (name.empty() || name == "." || name == "..") name = "import.se";
  return name;
}

// An uploaded file on disk for as long as this lives: a fresh private
// directory under the temporary directory, holding the file under its own
// name (the import log and the diagnostics name it).
class UploadedFile {
 public:
  static Result<std::unique_ptr<UploadedFile>> write(const std::string& name, const std::string& bytes) {
    std::error_code ec;
    const std::filesystem::path tmp = std::filesystem::temp_directory_path(ec);
    if (ec) return unavailable("no temporary directory to receive the file in: " + ec.message());
    std::string tmpl = (tmp / "dagbok-upload-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr)
      return unavailable("cannot make a temporary directory for the file under " + tmp.string());
    std::unique_ptr<UploadedFile> f(new UploadedFile(tmpl));
    f->path_ = (f->dir_ / name).string();
    std::ofstream out(f->path_, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) return unavailable("cannot write the received file to " + tmp.string() + " (is the disk full?)");
    return f;
  }
  UploadedFile(const UploadedFile&) = delete;
  UploadedFile& operator=(const UploadedFile&) = delete;
  ~UploadedFile() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  explicit UploadedFile(std::filesystem::path dir) : dir_(std::move(dir)) {}
  std::filesystem::path dir_;
  std::string path_;
};

// ?year=2025: the fiscal year that starts in that year; absent: the latest.
Result<std::optional<int>> query_year(const httplib::Request& req) {
  if (!req.has_param("year") || req.get_param_value("year").empty()) return std::optional<int>();
  const std::string v = req.get_param_value("year");
  int year = 0;
  size_t used = 0;
  try {
    year = std::stoi(v, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != v.size() || year < 1900 || year > 2999)
    return invalid_argument("query parameter 'year' must be the year a fiscal year starts in, like 2025 (not '" + v +
                            "')");
  return std::optional<int>(year);
}

enum class ReportKind { kIncomeStatement, kBalanceSheet, kTrialBalance, kMonthly, kKeyFigures };

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
      else if (m == "DELETE")
        http.Delete(path_regex(r.path), fn);
    }
    http.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
      if (!res.body.empty()) return;
      const auto start = std::chrono::steady_clock::now();
      Reply r = res.status == 404   ? error_reply(404, "not_found", "no such API route: " + req.path)
                : res.status == 413 ? error_reply(413, "too_large", too_large_message(req))
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

  std::string too_large_message(const httplib::Request& req) const {
    const std::string limit = size_text(options.max_body_bytes);
    const std::string tail = "/imports";
    if (req.path.size() >= tail.size() && req.path.compare(req.path.size() - tail.size(), tail.size(), tail) == 0)
      return "the file is larger than " + limit +
             ", the most the back office takes in one upload; import it on the server with `dagbok ledger import FILE` "
             "instead";
    return "the request body is larger than " + limit;
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

  // Everything the page shell needs after a reload, the CSRF token included.
  Result<Reply> me(Call& call) {
    ASSIGN_OR_RETURN(json companies, member_companies(call));
    return Reply{200,
                 {{"user", user_json(call.session->user)},
                  {"language", call.session->user.language},
                  {"csrf_token", auth::csrf_token_for(call.session_token)},
                  {"expires_at", call.session->session.expires_at.to_utc_string()},
                  {"companies", companies},
                  {"memberships", companies}},
                 {},
                 {},
                 {}};
  }

  Result<Reply> set_language(Call& call) {
    ASSIGN_OR_RETURN(json body, json_body(call.req));
    ASSIGN_OR_RETURN(std::string language, string_field(body, "language", true));
    TRY(auth::set_language(call.store, call.session->user.id, language));
    User u = call.session->user;
    u.language = language;
    return Reply{200, {{"user", user_json(u)}, {"language", language}}, {}, {}, {}};
  }

  Result<Reply> presets(Call&) {
    json out = json::array();
    for (const PresetInfo& p : available_presets())
      out.push_back({{"name", p.name},
                     {"country", std::string(country_code(p.country))},
                     {"accounts", p.accounts},
                     {"entries", p.entries}});
    return Reply{200, out, {}, {}, {}};
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

  // One department's kontoplan (?department=), or the company-wide one with
  // every department's after it, each row with its account or a gap flag.
  Result<Reply> get_mapping(Call& call) {
    if (call.req.has_param("department")) {
      ASSIGN_OR_RETURN(json rows, mapping_rows(call, call.req.get_param_value("department")));
      return Reply{200, rows, {}, {}, {}};
    }
    ASSIGN_OR_RETURN(json rows, mapping_rows(call, ""));
    ASSIGN_OR_RETURN(MasterData master, call.store.master_data(call.company->id));
    json departments = json::array();
    for (const std::string& d : master.departments) {
      ASSIGN_OR_RETURN(json dep, mapping_rows(call, d));
      departments.push_back(std::move(dep));
    }
    rows["departments"] = departments;
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
    std::vector<FieldError> errors;
    std::vector<size_t> entry_index;  // of entries[i] in the body
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
      if (!entry.ok()) {
        const std::string msg = entry.error().message();
        const char* field = msg.find("account") != std::string::npos ? "account"
                            : msg.find("group") != std::string::npos ? "group"
                            : msg.find("date") != std::string::npos  ? "valid_from"
                                                                     : "key";
        errors.push_back({where + "." + field, msg});
        continue;
      }
      entries.push_back(std::move(entry).value());
      entry_index.push_back(i);
    }
    if (account_name.empty()) {
      // An account the chart does not have is refused unless the request names it (account_name).
      ASSIGN_OR_RETURN(std::vector<Account> chart, call.store.accounts(call.company->id));
      for (size_t i = 0; i < entries.size(); ++i) {
        const MappingEntry& e = entries[i];
        if (e.group == MappingGroup::kCostCenter || !validate_account_number(e.account).ok()) continue;
        bool known = false;
        for (const Account& a : chart) known = known || a.number == e.account;
        if (!known)
          errors.push_back({"entries[" + std::to_string(entry_index[i]) + "].account",
                            "account " + e.account + " is not in the chart of accounts; choose another, or send "
                            "'account_name' to add it"});
      }
    }
    if (!errors.empty()) return field_errors_reply(errors);
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
    out.push_back(sie_card_json());
    for (const IntegrationCard& c : integration_cards()) {
      const Destination* d = nullptr;
      for (const Destination& x : dests)
        if (x.kind == c.kind) d = &x;
      out.push_back(card_json(c, d));
    }
    return Reply{200, out, {}, {}, {}};
  }

  // The export log: deliveries (the outbox) and every attempt, newest first,
  // with the fields of `dagbok exports list [--log]`.
  Result<Reply> exports(Call& call) {
    int limit = 200;
    if (call.req.has_param("limit")) {
      const std::string v = call.req.get_param_value("limit");
      try {
        limit = std::stoi(v);
      } catch (const std::exception&) {
        limit = 0;
      }
      if (limit < 1 || limit > 1000) return invalid_argument("query parameter 'limit' must be 1 to 1000");
    }
    ASSIGN_OR_RETURN(std::vector<Destination> dests, call.store.destinations(call.company->id));
    auto kind_of = [&](int64_t id) {
      for (const Destination& d : dests)
        if (d.id == id) return d.kind;
      return std::string();
    };
    ASSIGN_OR_RETURN(std::vector<Delivery> deliveries, call.store.deliveries(call.company->id, std::nullopt, limit));
    ASSIGN_OR_RETURN(std::vector<DeliveryAttempt> log_rows, call.store.attempts(call.company->id, limit));
    json d = json::array();
    for (const Delivery& x : deliveries) {
      json j = delivery_json(x);
      j["integration"] = kind_of(x.destination_id);
      d.push_back(std::move(j));
    }
    json l = json::array();
    for (const DeliveryAttempt& a : log_rows) {
      json j = attempt_json(a);
      j["integration"] = a.destination_kind;
      j["time"] = a.finished_at.to_utc_string();
      j["day"] = a.business_date.to_string();
      l.push_back(std::move(j));
    }
    return Reply{200, {{"deliveries", d}, {"log", l}}, {}, {}, {}};
  }

  // Unread counts the open (unresolved) ones not yet read: what the bell shows.
  // Each carries where its fix is: `link` names the page and the item.
  Result<Reply> notifications(Call& call) {
    const bool open_only = call.req.has_param("open") && call.req.get_param_value("open") != "0";
    ASSIGN_OR_RETURN(std::vector<Notification> all, call.store.notifications(call.company->id, open_only));
    ASSIGN_OR_RETURN(std::vector<Destination> dests, call.store.destinations(call.company->id));
    std::optional<json> gaps;  // the kontoplan's items without an account, read once when needed
    json out = json::array();
    int unread = 0;
    for (const Notification& n : all) {
      json j = notification_json(n);
      std::string kind;
      for (const Destination& d : dests)
        if (n.destination_id && d.id == *n.destination_id) kind = d.kind;
      // What it is about, for a page that words it in its own language (the
      // title and message are the export engine's English).
      const std::string_view topic = export_notification_topic(n.key);
      const bool blocked = topic == "export_blocked";
      j["topic"] = topic.empty() ? json(nullptr) : json(std::string(topic));
      j["integration"] = kind.empty() ? json(nullptr) : json(kind);
      if (blocked) {
        if (!gaps) {
          ASSIGN_OR_RETURN(json rows, mapping_rows(call, ""));
          gaps = json::array();
          for (const json& r : rows["rows"])
            if (r.value("missing", false)) gaps->push_back({{"group", r["group"]}, {"key", r["key"]}});
        }
        j["link"] = {{"page", "kontoplan"}, {"integration", kind}, {"items", *gaps}};
      } else if (!kind.empty()) {
        j["link"] = {{"page", "integrations"}, {"integration", kind}};
      } else {
        j["link"] = {{"page", "exports"}};
      }
      j["banner"] = n.severity == "error" && !n.resolved_at;
      out.push_back(std::move(j));
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

  // ------------------------------------------------------------ days and Z-reports
  bool may(const Call& call, Action action) const {
    return auth::AccessPolicy::allows(*call.principal, call.company->id, action);
  }

  Result<Reply> days(Call& call) {
    ASSIGN_OR_RETURN(std::optional<Date> from, query_date(call.req, "from", false));
    ASSIGN_OR_RETURN(std::optional<Date> to, query_date(call.req, "to", false));
    ASSIGN_OR_RETURN(std::vector<ReceiptDay> rows, call.store.receipt_days(call.company->id, from, to));
    return Reply{200, receipt_days_json(rows), {}, {}, {}};
  }

  Result<ZReportRecord> z_report_by_id(Call& call) {
    ASSIGN_OR_RETURN(int64_t id, id_param(call.params, "id", "a Z-report"));
    ASSIGN_OR_RETURN(std::vector<ZReportRecord> found, call.store.z_reports_by_id(call.company->id, {id}));
    if (found.empty()) return not_found("there is no Z-report with id " + std::to_string(id));
    return std::move(found.front());
  }

  // The voucher of a Z-report, for those who may read the books.
  Result<std::optional<Voucher>> voucher_of(Call& call, const ZReportRecord& z) {
    if (!z.voucher_id || !may(call, Action::kViewBooks)) return std::optional<Voucher>();
    ASSIGN_OR_RETURN(std::vector<Voucher> v, call.store.vouchers_by_id(call.company->id, {*z.voucher_id}));
    if (v.empty()) return std::optional<Voucher>();
    return std::optional<Voucher>(std::move(v.front()));
  }

  Result<Reply> zreport(Call& call) {
    ASSIGN_OR_RETURN(ZReportRecord z, z_report_by_id(call));
    ASSIGN_OR_RETURN(std::optional<Voucher> v, voucher_of(call, z));
    json body = z_report_record_json(z);
    body["voucher"] = v ? voucher_json(*v) : json(nullptr);
    body["voucher_visible"] = may(call, Action::kViewBooks);
    body["voucher_blocked_advice"] = z.voucher_blocked.empty() ? json(nullptr)
                                                               : json(blocked_voucher_advice(z.voucher_blocked));
    body["pdf"] = "/api/v1/companies/" + call.company->slug + "/zreports/" + std::to_string(z.id) + "/pdf";
    return Reply{200, body, {}, {}, {}};
  }

  Result<Reply> zreport_pdf(Call& call) {
    ASSIGN_OR_RETURN(ZReportRecord z, z_report_by_id(call));
    ASSIGN_OR_RETURN(std::optional<Voucher> v, voucher_of(call, z));
    DayExport day;
    day.company = {call.company->slug, call.company->name, call.company->orgnr, call.company->country};
    day.day = z.report.business_date;
    day.reports.push_back(z.report);
    if (v) day.vouchers.push_back(*v);
    ASSIGN_OR_RETURN(std::vector<Account> accounts, call.store.accounts(call.company->id));
    for (const Account& a : accounts) day.account_names[a.number] = a.name;
    ASSIGN_OR_RETURN(std::string pdf,
                     z_report_pdf(day, {v ? VoucherPages::kInclude : VoucherPages::kOmit}));
    Reply r;
    r.bytes = std::move(pdf);
    r.content_type = "application/pdf";
    r.headers.emplace_back("Content-Disposition", "inline; filename=\"z-" + call.company->slug + "-" +
                                                      z.report.register_id + "-" + std::to_string(z.report.number) +
                                                      ".pdf\"");
    return r;
  }

  Result<Reply> voucher(Call& call) {
    ASSIGN_OR_RETURN(int64_t id, id_param(call.params, "id", "a voucher"));
    ASSIGN_OR_RETURN(std::vector<Voucher> v, call.store.vouchers_by_id(call.company->id, {id}));
    if (v.empty()) return not_found("there is no voucher with id " + std::to_string(id));
    return Reply{200, voucher_json(v.front()), {}, {}, {}};
  }

  // ------------------------------------------------------------ kontoplan
  Result<Reply> mapping_preset(Call& call) {
    ASSIGN_OR_RETURN(json body, json_body(call.req));
    ASSIGN_OR_RETURN(std::string preset, string_field(body, "preset", true));
    ASSIGN_OR_RETURN(std::string department, string_field(body, "department", false));
    Result<PresetApplied> applied = apply_chart_preset(call.store, *call.company, preset, department);
    if (!applied.ok()) {
      if (applied.error().code() == ErrorCode::kInvalidArgument)
        return field_errors_reply({{"preset", applied.error().message()}});
      return std::move(applied).error();
    }
    ASSIGN_OR_RETURN(BookOutcome booked, book_blocked_vouchers(call.store, *call.company, clock));
    ASSIGN_OR_RETURN(json rows, mapping_rows(call, department));
    rows["preset"] = applied->name;
    rows["valid_from"] = applied->valid_from.to_string();
    rows["added_entries"] = applied->entries;
    rows["vouchers_booked"] = booked.booked;
    rows["still_blocked"] = booked.still_blocked;
    return Reply{200, rows, {}, {}, {}};
  }

  // ------------------------------------------------------------ integrations
  Result<Destination> destination_of(Call& call, const std::string& kind) {
    return find_destination(call.store, *call.company, kind);
  }

  void outbox_changed() {
    if (options.outbox_changed) options.outbox_changed();
  }

  Result<Reply> card_reply(Call& call, const IntegrationCard& card, int status = 200) {
    ASSIGN_OR_RETURN(std::vector<Destination> dests, call.store.destinations(call.company->id));
    const Destination* d = nullptr;
    for (const Destination& x : dests)
      if (x.kind == card.kind) d = &x;
    return Reply{status, card_json(card, d), {}, {}, {}};
  }

  // {address, format} merged over `base` (the saved settings), checked.
  static Result<std::string> email_settings_from(const json& body, const std::string& base) {
    json j = json::parse(base.empty() ? "{}" : base, nullptr, false);
    if (j.is_discarded() || !j.is_object()) j = json::object();
    if (body.contains("address") && !body["address"].is_null()) {
      if (!body["address"].is_string() && !body["address"].is_array())
        return invalid_argument("field 'address' must be an address or a list of addresses");
      j["address"] = body["address"];
    }
    ASSIGN_OR_RETURN(std::string format, string_field(body, "format", false));
    if (!format.empty()) j["format"] = format;
    if (!j.contains("format")) j["format"] = "sie4";
    Result<email::EmailSettings> parsed = email::parse_email_settings(j.dump());
    if (!parsed.ok()) return parsed.error().with_context("the e-mail settings");
    return email::email_settings_json(*parsed);
  }

  Result<Reply> activate(Call& call) {
    ASSIGN_OR_RETURN(IntegrationCard card, built_integration(call.params["kind"]));
    ASSIGN_OR_RETURN(json body, json_body(call.req));
    if (!body.is_object()) return invalid_argument("the request body must be a JSON object");
    std::vector<FieldError> errors;
    IntegrationSpec spec;
    spec.kind = card.kind;
    Result<std::string> start = string_field(body, "start_date", true);
    if (!start.ok()) {
      errors.push_back({"start_date", start.error().message()});
    } else if (Result<Date> d = Date::parse(*start); !d.ok()) {
      errors.push_back({"start_date", d.error().message()});
    } else {
      spec.from_date = *d;
    }
    Result<std::string> sched = string_field(body, "schedule", false);
    Result<std::string> at = string_field(body, "at", false);
    Result<Schedule> schedule = sched.ok() && at.ok() ? parse_schedule(*sched, *at)
                                                      : Result<Schedule>(invalid_argument("must be a string"));
    if (!schedule.ok())
      errors.push_back({"schedule", schedule.error().message()});
    else
      spec.schedule = *schedule;
    Result<bool> lock = bool_field(body, "lock_start_date", false);
    if (!lock.ok()) errors.push_back({"lock_start_date", lock.error().message()});
    spec.lock_from_date = lock.ok() && *lock;
    Result<std::string> settings = email_settings_from(body, "");
    if (!settings.ok())
      errors.push_back({body.contains("address") ? "address" : "format", settings.error().message()});
    else
      spec.settings_json = *settings;
    if (!errors.empty()) return field_errors_reply(errors);
    ASSIGN_OR_RETURN(ActivationResult r, activate_integration(call.store, *call.company, spec, clock));
    if (r.queued_days) outbox_changed();
    ASSIGN_OR_RETURN(Reply reply, card_reply(call, card));
    reply.body = {{"integration", reply.body}, {"queued_days", r.queued_days}};
    return reply;
  }

  Result<Reply> integration_settings(Call& call) {
    ASSIGN_OR_RETURN(IntegrationCard card, built_integration(call.params["kind"]));
    ASSIGN_OR_RETURN(json body, json_body(call.req));
    if (!body.is_object()) return invalid_argument("the request body must be a JSON object");
    ASSIGN_OR_RETURN(Destination d, destination_of(call, card.kind));
    std::vector<FieldError> errors;
    IntegrationChange change;
    Result<std::string> start = string_field(body, "start_date", false);
    if (!start.ok()) {
      errors.push_back({"start_date", start.error().message()});
    } else if (!start->empty()) {
      Result<Date> day = Date::parse(*start);
      if (day.ok())
        change.from_date = *day;
      else
        errors.push_back({"start_date", day.error().message()});
    }
    Result<std::string> sched = string_field(body, "schedule", false);
    Result<std::string> at = string_field(body, "at", false);
    if (!sched.ok() || !at.ok()) {
      errors.push_back({"schedule", "'schedule' and 'at' must be strings"});
    } else if (!sched->empty() || !at->empty()) {
      Result<Schedule> schedule = parse_schedule(sched->empty() ? schedule_kind(d.schedule) : *sched, *at);
      if (schedule.ok())
        change.schedule = *schedule;
      else
        errors.push_back({"schedule", schedule.error().message()});
    }
    if (body.contains("address") || body.contains("format")) {
      Result<std::string> settings = email_settings_from(body, d.settings_json);
      if (settings.ok())
        change.settings_json = *settings;
      else
        errors.push_back({body.contains("address") ? "address" : "format", settings.error().message()});
    }
    if (!errors.empty()) return field_errors_reply(errors);
    if (change.from_date || change.schedule || change.settings_json) {
      Result<Destination> changed = change_integration(call.store, *call.company, card.kind, change, clock);
      if (!changed.ok()) {
        if (change.from_date && changed.error().code() == ErrorCode::kFailedPrecondition)
          return field_errors_reply({{"start_date", changed.error().message()}});
        return std::move(changed).error();
      }
      outbox_changed();
    }
    return card_reply(call, card);
  }

  Result<Reply> manual_export(Call& call) {
    ASSIGN_OR_RETURN(IntegrationCard card, built_integration(call.params["kind"]));
    ASSIGN_OR_RETURN(int n, request_manual_export(call.store, *call.company, card.kind, clock));
    outbox_changed();
    return Reply{202, {{"kind", card.kind}, {"exports_due", n}}, {}, {}, {}};
  }

  Result<Reply> deactivate(Call& call) {
    ASSIGN_OR_RETURN(IntegrationCard card, built_integration(call.params["kind"]));
    TRY(deactivate_integration(call.store, *call.company, card.kind, clock));
    return card_reply(call, card);
  }

  Result<Delivery> delivery_of(Call& call) {
    ASSIGN_OR_RETURN(int64_t id, id_param(call.params, "id", "an export"));
    ASSIGN_OR_RETURN(std::optional<Delivery> d, call.store.delivery(id));
    if (!d || d->company_id != call.company->id) return not_found("there is no export with id " + std::to_string(id));
    return std::move(*d);
  }

  Result<std::string> kind_of_destination(Call& call, int64_t destination_id) {
    ASSIGN_OR_RETURN(std::vector<Destination> dests, call.store.destinations(call.company->id));
    for (const Destination& x : dests)
      if (x.id == destination_id) return x.kind;
    return not_found("the export's integration no longer exists");
  }

  Result<Reply> resend(Call& call) {
    ASSIGN_OR_RETURN(Delivery d, delivery_of(call));
    ASSIGN_OR_RETURN(std::string kind, kind_of_destination(call, d.destination_id));
    ASSIGN_OR_RETURN(Delivery again, resend_day(call.store, *call.company, kind, d.business_date, clock));
    outbox_changed();
    json j = delivery_json(again);
    j["integration"] = kind;
    return Reply{202, j, {}, {}, {}};
  }

  Result<Reply> retry(Call& call) {
    ASSIGN_OR_RETURN(Delivery d, delivery_of(call));
    ASSIGN_OR_RETURN(bool due, call.store.retry_delivery(call.company->id, d.id, clock.now()));
    if (!due)
      return failed_precondition("export " + std::to_string(d.id) + " is not waiting to be sent (it is " +
                                 delivery_status_name(d.status) + "); to send its day again, use resend");
    outbox_changed();
    ASSIGN_OR_RETURN(Delivery now, delivery_of(call));
    ASSIGN_OR_RETURN(std::string kind, kind_of_destination(call, now.destination_id));
    json j = delivery_json(now);
    j["integration"] = kind;
    return Reply{202, j, {}, {}, {}};
  }

  // ------------------------------------------------------------ notifications
  Result<Notification> notification_of(Call& call) {
    ASSIGN_OR_RETURN(int64_t id, id_param(call.params, "id", "a notification"));
    ASSIGN_OR_RETURN(std::vector<Notification> all, call.store.notifications(call.company->id, false));
    for (const Notification& n : all)
      if (n.id == id) return n;
    return not_found("there is no notification with id " + std::to_string(id));
  }

  Result<int> unread_count(Call& call) {
    ASSIGN_OR_RETURN(std::vector<Notification> all, call.store.notifications(call.company->id, true));
    int unread = 0;
    for (const Notification& n : all) unread += !n.read ? 1 : 0;
    return unread;
  }

  Result<Reply> read_notification(Call& call) {
    ASSIGN_OR_RETURN(Notification n, notification_of(call));
    TRY(call.store.mark_notifications_read(call.company->id, n.id));
    ASSIGN_OR_RETURN(int unread, unread_count(call));
    return Reply{200, {{"id", n.id}, {"read", true}, {"unread", unread}}, {}, {}, {}};
  }

  Result<Reply> read_all_notifications(Call& call) {
    TRY(call.store.mark_notifications_read(call.company->id, std::nullopt));
    return Reply{200, {{"unread", 0}}, {}, {}, {}};
  }

  // ------------------------------------------------------------ SIE by mail
  Result<Reply> sie_mail(Call& call) {
    ASSIGN_OR_RETURN(json body, json_body(call.req));
    if (!body.is_object()) return invalid_argument("the request body must be a JSON object");
    std::vector<FieldError> errors;
    std::optional<Date> from, to;
    for (const char* f : {"from", "to"}) {
      Result<std::string> v = string_field(body, f, true);
      Result<Date> d = v.ok() ? Date::parse(*v) : Result<Date>(v.error());
      if (!d.ok())
        errors.push_back({f, d.error().message()});
      else
        (std::string(f) == "from" ? from : to) = *d;
    }
    if (from && to && *to < *from) errors.push_back({"to", "'to' is before 'from'"});
    Result<std::string> address = string_field(body, "address", true);
    if (!address.ok()) {
      errors.push_back({"address", address.error().message()});
    } else if (Result<email::EmailSettings> a = email::parse_email_settings(json{{"address", *address}}.dump());
               !a.ok()) {
      errors.push_back({"address", a.error().message()});
    }
    if (!errors.empty()) return field_errors_reply(errors);
    if (!options.mailer)
      return failed_precondition(
          "no mail server is configured: add an [smtp] section to dagbok.toml (or set DAGBOK_SMTP_URL) and "
          "restart dagbok serve; meanwhile, download the file instead");
    ASSIGN_OR_RETURN(SieExport e, export_sie(call.store, *call.company, *from, *to, clock));
    ASSIGN_OR_RETURN(MailSender sender, options.mailer());
    ASSIGN_OR_RETURN(email::SentFile sent,
                     email::mail_file(call.store, *call.company, *sender.mailer, sender.from,
                                      email::sie_file_mail(*call.company, *from, *to, e, *address), clock));
    return Reply{200,
                 {{"sent_to", sent.to},
                  {"filename", sent.filename},
                  {"remote_ref", sent.remote_ref},
                  {"vouchers", e.vouchers},
                  {"warnings", e.warnings}},
                 {},
                 {},
                 {}};
  }

  // ------------------------------------------------------------ users and tokens
  Result<Reply> users(Call& call) {
    ASSIGN_OR_RETURN(std::vector<CompanyMember> all, call.store.company_members(call.company->id));
    json out = json::array();
    for (const CompanyMember& m : all) out.push_back(member_json(m, call.principal->user_id));
    return Reply{200, out, {}, {}, {}};
  }

  Result<CompanyMember> member(Call& call, int64_t user_id) {
    ASSIGN_OR_RETURN(std::vector<CompanyMember> all, call.store.company_members(call.company->id));
    for (const CompanyMember& m : all)
      if (m.user.id == user_id) return m;
    return not_found("user " + std::to_string(user_id) + " has no role in " + call.company->name);
  }

  Result<Reply> add_user(Call& call) {
    ASSIGN_OR_RETURN(json body, json_body(call.req));
    if (!body.is_object()) return invalid_argument("the request body must be a JSON object");
    std::vector<FieldError> errors;
    Result<std::string> email_in = string_field(body, "email", true);
    Result<std::string> email = email_in.ok() ? auth::normalize_email(*email_in) : email_in;
    if (!email.ok()) errors.push_back({"email", email.error().message()});
    Result<std::string> role_in = string_field(body, "role", true);
    Result<Role> role = role_in.ok() ? parse_role(*role_in) : Result<Role>(role_in.error());
    if (!role.ok()) errors.push_back({"role", role.error().message()});
    Result<bool> import_right = bool_field(body, "import_right", false);
    if (!import_right.ok()) errors.push_back({"import_right", import_right.error().message()});
    std::optional<User> existing;
    if (email.ok()) {
      ASSIGN_OR_RETURN(existing, call.store.find_user_by_email(*email));
    }
    auth::NewUser spec;
    if (email.ok() && !existing) {
      spec.email = *email;
      Result<std::string> name = string_field(body, "display_name", false);
      Result<std::string> password = string_field(body, "password", false);
      Result<std::string> language = string_field(body, "language", false);
      if (!name.ok()) errors.push_back({"display_name", name.error().message()});
      if (!password.ok() || password->empty())
        errors.push_back({"password", "a new user needs a password of at least " +
                                          std::to_string(auth::kMinPasswordLength) + " characters"});
      else if (Status st = auth::check_password_rules(*password); !st.ok())
        errors.push_back({"password", st.error().message()});
      if (!language.ok()) {
        errors.push_back({"language", language.error().message()});
      } else if (!language->empty()) {
        if (Status st = auth::check_language(*language); !st.ok()) errors.push_back({"language", st.error().message()});
      }
      if (errors.empty()) {
        spec.display_name = *name;
        spec.password = *password;
        spec.language = language->empty() ? (call.company->country == Country::kNorway ? "nb" : "sv") : *language;
      }
    }
    if (!errors.empty()) return field_errors_reply(errors);
    if (existing) {
      ASSIGN_OR_RETURN(std::vector<Membership> theirs, call.store.memberships(existing->id));
      for (const Membership& m : theirs)
        if (m.company_id == call.company->id)
          return already_exists(existing->email + " already has a role in " + call.company->name +
                                "; change it instead (PUT /users/" + std::to_string(existing->id) + ")");
    } else {
      ASSIGN_OR_RETURN(User u, auth::add_user(call.store, spec, clock));
      existing = u;
    }
    TRY(call.store.put_membership({existing->id, call.company->id, *role, *import_right}));
    ASSIGN_OR_RETURN(CompanyMember m, member(call, existing->id));
    return Reply{201, member_json(m, call.principal->user_id), {}, {}, {}};
  }

  Result<Reply> change_user(Call& call) {
    ASSIGN_OR_RETURN(int64_t id, id_param(call.params, "id", "a user"));
    ASSIGN_OR_RETURN(json body, json_body(call.req));
    if (!body.is_object()) return invalid_argument("the request body must be a JSON object");
    std::vector<FieldError> errors;
    auth::MemberChange change;
    Result<std::string> role_in = string_field(body, "role", false);
    if (!role_in.ok()) {
      errors.push_back({"role", role_in.error().message()});
    } else if (!role_in->empty()) {
      Result<Role> role = parse_role(*role_in);
      if (role.ok())
        change.role = *role;
      else
        errors.push_back({"role", role.error().message()});
    }
    if (body.contains("import_right")) {
      Result<bool> right = bool_field(body, "import_right", false);
      if (right.ok())
        change.import_right = *right ? auth::ImportRight::kGranted : auth::ImportRight::kNone;
      else
        errors.push_back({"import_right", right.error().message()});
    }
    if (!errors.empty()) return field_errors_reply(errors);
    ASSIGN_OR_RETURN(CompanyMember m, auth::change_member(call.store, call.company->id, id, change));
    return Reply{200, member_json(m, call.principal->user_id), {}, {}, {}};
  }

  Result<Reply> remove_user(Call& call) {
    ASSIGN_OR_RETURN(int64_t id, id_param(call.params, "id", "a user"));
    TRY(auth::remove_member(call.store, call.company->id, id));
    Reply r;
    r.status = 204;
    return r;
  }

  Result<Reply> tokens(Call& call) {
    ASSIGN_OR_RETURN(std::vector<ApiTokenRecord> all, call.store.api_tokens(call.company->id));
    json out = json::array();
    for (const ApiTokenRecord& t : all) out.push_back(api_token_json(t));
    return Reply{200, out, {}, {}, {}};
  }

  Result<Reply> create_token(Call& call) {
    ASSIGN_OR_RETURN(json body, json_body(call.req));
    Result<std::string> name = string_field(body, "name", true);
    if (!name.ok()) return field_errors_reply({{"name", name.error().message()}});
    Result<auth::NewApiToken> t = auth::create_api_token(call.store, call.company->id, *name, clock);
    if (!t.ok() && t.error().code() == ErrorCode::kInvalidArgument)
      return field_errors_reply({{"name", t.error().message()}});
    if (!t.ok()) return std::move(t).error();
    json j = api_token_json(t->record);
    j["token"] = t->token;
    j["note"] = "the token is shown only now; store it in the till";
    return Reply{201, j, {}, {}, {}};
  }

  Result<Reply> revoke_token(Call& call) {
    ASSIGN_OR_RETURN(int64_t id, id_param(call.params, "id", "an API token"));
    TRY(call.store.revoke_api_token(call.company->id, id, clock.now()));
    Reply r;
    r.status = 204;
    return r;
  }

  // ------------------------------------------------------------ ledger and reports
  Result<std::unique_ptr<LedgerStore>> open_ledger() {
    if (!options.ledger)
      return failed_precondition("this server runs without the ledger, so reports and SIE import are unavailable");
    return options.ledger();
  }

  // A change to the ledger names the logged-in user; the ledger library
  // checks their import right (and logs a refusal).
  static Result<ledger::Actor> actor_of(const Call& call) {
    if (!call.session) return permission_denied("only a logged-in user may import into or change the ledger");
    return ledger::Actor{call.session->user.id, call.session->user.email};
  }

  struct LoadedYear {
    ledger::YearBalances balances;
    reports::PeriodSelection selection;
  };

  // The fiscal year of ?year= (default: the latest), and ?month= within it.
  Result<LoadedYear> load_year(Call& call) {
    ASSIGN_OR_RETURN(std::optional<int> year, query_year(call.req));
    ASSIGN_OR_RETURN(std::unique_ptr<LedgerStore> ledger, open_ledger());
    LoadedYear y;
    ASSIGN_OR_RETURN(y.balances, ledger::load_year_balances(call.store, *ledger, *call.company, year));
    if (call.req.has_param("month") && !call.req.get_param_value("month").empty()) {
      Result<int> m = reports::resolve_month(y.balances.year, call.req.get_param_value("month"));
      if (!m.ok()) return m.error().with_context("query parameter 'month'");
      y.selection.month = *m;
    }
    return y;
  }

  Result<Reply> report_reply(Call& call, ReportKind kind) {
    ASSIGN_OR_RETURN(LoadedYear y, load_year(call));
    reports::StatementOptions options_detail;
    if (call.req.has_param("summary") && call.req.get_param_value("summary") != "0")
      options_detail.detail = reports::StatementOptions::Detail::kGroupsOnly;
    reports::Report r;
    switch (kind) {
      case ReportKind::kIncomeStatement: {
        ASSIGN_OR_RETURN(r, reports::income_statement(y.balances, y.selection, options_detail));
        break;
      }
      case ReportKind::kBalanceSheet: {
        ASSIGN_OR_RETURN(r, reports::balance_sheet(y.balances, y.selection, options_detail));
        break;
      }
      case ReportKind::kTrialBalance: {
        ASSIGN_OR_RETURN(r, reports::trial_balance(y.balances, y.selection));
        break;
      }
      case ReportKind::kMonthly: {
        ASSIGN_OR_RETURN(r, reports::monthly_report(y.balances, y.selection));
        break;
      }
      case ReportKind::kKeyFigures: {
        ASSIGN_OR_RETURN(r, reports::key_figures(y.balances, y.selection));
        break;
      }
    }
    Reply reply;
    reply.bytes = reports::render_json(r);
    reply.content_type = "application/json; charset=utf-8";
    return reply;
  }
  Result<Reply> income_statement(Call& call) { return report_reply(call, ReportKind::kIncomeStatement); }
  Result<Reply> balance_sheet(Call& call) { return report_reply(call, ReportKind::kBalanceSheet); }
  Result<Reply> trial_balance(Call& call) { return report_reply(call, ReportKind::kTrialBalance); }
  Result<Reply> monthly(Call& call) { return report_reply(call, ReportKind::kMonthly); }
  Result<Reply> key_figures(Call& call) { return report_reply(call, ReportKind::kKeyFigures); }

  Result<Reply> chart(Call& call) {
    const std::string kind = call.req.has_param("kind") ? call.req.get_param_value("kind") : "both";
    reports::Chart c = reports::Chart::kBoth;
    if (kind == "sales")
      c = reports::Chart::kSales;
    else if (kind == "result")
      c = reports::Chart::kResult;
    else if (kind != "both")
      return invalid_argument("query parameter 'kind' must be sales, result or both (not '" + kind + "')");
    ASSIGN_OR_RETURN(reports::ChartLanguage language,
                     reports::parse_chart_language(call.req.has_param("lang") ? call.req.get_param_value("lang") : ""));
    ASSIGN_OR_RETURN(LoadedYear y, load_year(call));
    ASSIGN_OR_RETURN(reports::MonthlySeries series, reports::monthly_series(y.balances, y.selection));
    Reply r;
    r.bytes = reports::render_svg_chart(series, c, language);
    r.content_type = "image/svg+xml; charset=utf-8";
    return r;
  }

  // The active fiscal years, newest first, and where the books come from.
  Result<Reply> fiscal_years(Call& call) {
    ASSIGN_OR_RETURN(std::unique_ptr<LedgerStore> ledger, open_ledger());
    ASSIGN_OR_RETURN(std::vector<LedgerFiscalYear> years, ledger->fiscal_years(call.company->id));
    ASSIGN_OR_RETURN(LedgerSource source, ledger->source(call.company->id));
    json out = json::array();
    for (auto it = years.rbegin(); it != years.rend(); ++it) out.push_back(fiscal_year_json(*it));
    return Reply{200, {{"data_source", std::string(ledger_source_name(source))}, {"fiscal_years", out}}, {}, {}, {}};
  }

  // The import log (imports, undos, deleted years, source changes), newest
  // first: for those with the import right only.
  Result<Reply> imports(Call& call) {
    ASSIGN_OR_RETURN(ledger::Actor actor, actor_of(call));
    ASSIGN_OR_RETURN(std::unique_ptr<LedgerStore> ledger, open_ledger());
    TRY(ledger::check_import_right(call.store, *ledger, *call.company, actor));
    int limit = 200;
    if (call.req.has_param("limit")) {
      try {
        limit = std::stoi(call.req.get_param_value("limit"));
      } catch (const std::exception&) {
        limit = 0;
      }
      if (limit < 1 || limit > 1000) return invalid_argument("query parameter 'limit' must be 1 to 1000");
    }
    ASSIGN_OR_RETURN(std::vector<LedgerLogEntry> log_entries, ledger->log(call.company->id, limit));
    json out = json::array();
    for (const LedgerLogEntry& e : log_entries) out.push_back(ledger_log_entry_json(e));
    return Reply{200, out, {}, {}, {}};
  }

  // The log entry that records a refused import: the library's message ends
  // with "(import log entry N)".
  static std::optional<LedgerLogEntry> refusal_entry(LedgerStore& ledger, int64_t company, const Error& error) {
    Result<std::vector<LedgerLogEntry>> recent = ledger.log(company, 50);
    if (!recent.ok()) return std::nullopt;
    for (const LedgerLogEntry& e : *recent)
      if (error.message() == e.message + " (import log entry " + std::to_string(e.id) + ")") return e;
    return std::nullopt;
  }

  // The SIE 4 file as the raw body (X-File-Name: its name), all or nothing.
  Result<Reply> post_import(Call& call) {
    ASSIGN_OR_RETURN(ledger::Actor actor, actor_of(call));
    ASSIGN_OR_RETURN(std::string name, upload_file_name(call.req.get_header_value("X-File-Name")));
    ledger::ImportOptions o;
    if (call.req.has_param("replace_year")) {
      const std::string v = call.req.get_param_value("replace_year");
      if (v == "1" || v == "true")
        o.replace = LedgerImport::Replace::kReplace;
      else if (v != "0" && v != "false" && !v.empty())
        return invalid_argument("query parameter 'replace_year' must be 1 or 0");
    }
    if (call.req.body.empty())
      return invalid_argument("the request body is empty: send the SIE 4 file itself as the body");
    ASSIGN_OR_RETURN(std::unique_ptr<LedgerStore> ledger, open_ledger());
    ASSIGN_OR_RETURN(std::unique_ptr<UploadedFile> file, UploadedFile::write(name, call.req.body));
    Result<LedgerLogEntry> done =
        ledger::import_sie_file(call.store, *ledger, *call.company, actor, file->path(), o, clock);
    if (done.ok()) return Reply{201, {{"import", ledger_log_entry_json(*done)}}, {}, {}, {}};
    const Error e = done.error();
    if (e.code() == ErrorCode::kInternal || e.code() == ErrorCode::kUnavailable) return e;
    const std::optional<LedgerLogEntry> entry = refusal_entry(*ledger, call.company->id, e);
    const bool denied = e.code() == ErrorCode::kPermissionDenied;
    Reply r = error_reply(denied ? 403 : 422, denied ? "permission_denied" : "import_refused", e.message());
    r.body["error"]["log_entry_id"] = entry ? json(entry->id) : json(nullptr);
    r.body["error"]["diagnostics"] = entry ? ledger_log_entry_json(*entry)["diagnostics"] : json::array();
    r.body["import"] = entry ? ledger_log_entry_json(*entry) : json(nullptr);
    return r;
  }

  Result<Reply> undo_import(Call& call) {
    ASSIGN_OR_RETURN(int64_t id, id_param(call.params, "id", "an import"));
    ASSIGN_OR_RETURN(ledger::Actor actor, actor_of(call));
    ASSIGN_OR_RETURN(std::unique_ptr<LedgerStore> ledger, open_ledger());
    ASSIGN_OR_RETURN(int64_t entry, ledger::undo_import(call.store, *ledger, *call.company, actor, id, clock));
    return Reply{200, {{"undone", id}, {"log_entry_id", entry}}, {}, {}, {}};
  }

  // Body (optional): {"expected_first_day": "2025-01-01"}, refused unless
  // that is the first day of the latest year (a stale page deletes nothing).
  Result<Reply> delete_latest_year(Call& call) {
    std::optional<Date> expected;
    if (!call.req.body.empty()) {
      ASSIGN_OR_RETURN(json body, json_body(call.req));
      ASSIGN_OR_RETURN(std::string first, string_field(body, "expected_first_day", false));
      if (!first.empty()) {
        Result<Date> d = Date::parse(first);
        if (!d.ok()) return field_errors_reply({{"expected_first_day", d.error().message()}});
        expected = *d;
      }
    }
    ASSIGN_OR_RETURN(ledger::Actor actor, actor_of(call));
    ASSIGN_OR_RETURN(std::unique_ptr<LedgerStore> ledger, open_ledger());
    ASSIGN_OR_RETURN(LedgerFiscalYear y,
                     ledger::delete_latest_year(call.store, *ledger, *call.company, actor, expected, clock));
    return Reply{200, {{"deleted", fiscal_year_json(y)}}, {}, {}, {}};
  }

  Result<Reply> data_source(Call& call) {
    ASSIGN_OR_RETURN(std::unique_ptr<LedgerStore> ledger, open_ledger());
    ASSIGN_OR_RETURN(LedgerSource source, ledger->source(call.company->id));
    return Reply{200, {{"source", std::string(ledger_source_name(source))}}, {}, {}, {}};
  }

  Result<Reply> put_data_source(Call& call) {
    ASSIGN_OR_RETURN(json body, json_body(call.req));
    Result<std::string> text = string_field(body, "source", true);
    Result<LedgerSource> source = text.ok() ? parse_ledger_source(*text) : Result<LedgerSource>(text.error());
    if (!source.ok()) return field_errors_reply({{"source", source.error().message()}});
    ASSIGN_OR_RETURN(ledger::Actor actor, actor_of(call));
    ASSIGN_OR_RETURN(std::unique_ptr<LedgerStore> ledger, open_ledger());
    ASSIGN_OR_RETURN(int64_t entry, ledger::set_source(call.store, *ledger, *call.company, actor, *source, clock));
    return Reply{200, {{"source", std::string(ledger_source_name(*source))}, {"log_entry_id", entry}}, {}, {}, {}};
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
      {"PUT", "/api/v1/me/language", Access::kSession, Action::kViewDays, &I::set_language},
      {"GET", "/api/v1/presets", Access::kSession, Action::kViewDays, &I::presets},
      {"GET", "/api/v1/companies", Access::kSession, Action::kViewDays, &I::companies},
      {"GET", "/api/v1/companies/{c}/days", Access::kCompany, Action::kViewDays, &I::days},
      {"GET", "/api/v1/companies/{c}/zreports/{id}", Access::kCompany, Action::kViewDays, &I::zreport},
      {"GET", "/api/v1/companies/{c}/zreports/{id}/pdf", Access::kCompany, Action::kViewDays, &I::zreport_pdf},
      {"GET", "/api/v1/companies/{c}/vouchers/{id}", Access::kCompany, Action::kViewBooks, &I::voucher},
      {"POST", "/api/v1/companies/{c}/mapping/preset", Access::kCompany, Action::kEditMapping, &I::mapping_preset},
      {"POST", "/api/v1/companies/{c}/integrations/{kind}/activate", Access::kCompany, Action::kManageIntegrations,
       &I::activate},
      {"PUT", "/api/v1/companies/{c}/integrations/{kind}/settings", Access::kCompany, Action::kManageIntegrations,
       &I::integration_settings},
      {"POST", "/api/v1/companies/{c}/integrations/{kind}/export", Access::kCompany, Action::kManageIntegrations,
       &I::manual_export},
      {"POST", "/api/v1/companies/{c}/integrations/{kind}/deactivate", Access::kCompany, Action::kManageIntegrations,
       &I::deactivate},
      {"POST", "/api/v1/companies/{c}/exports/{id}/resend", Access::kCompany, Action::kManageIntegrations, &I::resend},
      {"POST", "/api/v1/companies/{c}/exports/{id}/retry", Access::kCompany, Action::kManageIntegrations, &I::retry},
      {"POST", "/api/v1/companies/{c}/notifications/read-all", Access::kCompany, Action::kViewNotifications,
       &I::read_all_notifications},
      {"POST", "/api/v1/companies/{c}/notifications/{id}/read", Access::kCompany, Action::kViewNotifications,
       &I::read_notification},
      {"POST", "/api/v1/companies/{c}/sie/mail", Access::kCompany, Action::kExportSie, &I::sie_mail},
      {"GET", "/api/v1/companies/{c}/users", Access::kCompany, Action::kManageUsers, &I::users},
      {"POST", "/api/v1/companies/{c}/users", Access::kCompany, Action::kManageUsers, &I::add_user},
      {"PUT", "/api/v1/companies/{c}/users/{id}", Access::kCompany, Action::kManageUsers, &I::change_user},
      {"DELETE", "/api/v1/companies/{c}/users/{id}", Access::kCompany, Action::kManageUsers, &I::remove_user},
      {"GET", "/api/v1/companies/{c}/tokens", Access::kCompany, Action::kManageUsers, &I::tokens},
      {"POST", "/api/v1/companies/{c}/tokens", Access::kCompany, Action::kManageUsers, &I::create_token},
      {"DELETE", "/api/v1/companies/{c}/tokens/{id}", Access::kCompany, Action::kManageUsers, &I::revoke_token},
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
      // The ledger. Reading needs the books; every change (and the import
      // log) needs the import right, which the ledger library checks itself.
      {"GET", "/api/v1/companies/{c}/reports/income-statement", Access::kCompany, Action::kViewBooks,
       &I::income_statement},
      {"GET", "/api/v1/companies/{c}/reports/balance-sheet", Access::kCompany, Action::kViewBooks, &I::balance_sheet},
      {"GET", "/api/v1/companies/{c}/reports/trial-balance", Access::kCompany, Action::kViewBooks, &I::trial_balance},
      {"GET", "/api/v1/companies/{c}/reports/monthly", Access::kCompany, Action::kViewBooks, &I::monthly},
      {"GET", "/api/v1/companies/{c}/reports/key-figures", Access::kCompany, Action::kViewBooks, &I::key_figures},
      {"GET", "/api/v1/companies/{c}/reports/chart", Access::kCompany, Action::kViewBooks, &I::chart},
      {"GET", "/api/v1/companies/{c}/fiscal-years", Access::kCompany, Action::kViewBooks, &I::fiscal_years},
      {"POST", "/api/v1/companies/{c}/fiscal-years/latest/delete", Access::kCompany, Action::kViewDays,
       &I::delete_latest_year},
      {"GET", "/api/v1/companies/{c}/imports", Access::kCompany, Action::kViewDays, &I::imports},
      {"POST", "/api/v1/companies/{c}/imports", Access::kCompany, Action::kViewDays, &I::post_import},
      {"POST", "/api/v1/companies/{c}/imports/{id}/undo", Access::kCompany, Action::kViewDays, &I::undo_import},
      {"GET", "/api/v1/companies/{c}/data-source", Access::kCompany, Action::kViewBooks, &I::data_source},
      {"PUT", "/api/v1/companies/{c}/data-source", Access::kCompany, Action::kViewDays, &I::put_data_source},
  };
  return kRoutes;
}

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
  for (const Impl::Route& r : Impl::route_table()) out.push_back({r.method, r.path});
  return out;
}

}  // namespace dagbok::server
