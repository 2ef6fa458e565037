#include "server/internal/route_call.h"

#include <httplib.h>

#include "core/time_zone.h"
#include "server/internal/body_limits.h"

namespace dagbok::server {

using nlohmann::json;

namespace {

// The "code" of an error answer (server/openapi/base.json, Error.code).
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

}  // namespace

Reply error_reply(int status, const std::string& code, const std::string& message) {
  Reply r;
  r.status = status;
  r.body = {{"error", {{"code", code}, {"message", message}}}};
  return r;
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

Reply field_errors_reply(const std::vector<FieldError>& errors) {
  Reply r =
      error_reply(400, "invalid_argument",
                  std::to_string(errors.size()) + " field(s) need correcting; the first: " + errors.front().field +
                      ": " + errors.front().message);
  json fields = json::array();
  for (const FieldError& e : errors) fields.push_back({{"field", e.field}, {"message", e.message}});
  r.body["error"]["fields"] = fields;
  return r;
}

Result<json> json_body(const Call& call) {
  const std::string type = call.req.get_header_value("Content-Type");
  if (type.rfind("application/json", 0) != 0)
    return invalid_argument("send the request body as JSON with Content-Type: application/json");
  TRY(check_json_shape(call.body, {call.ctx.options.max_json_depth, call.ctx.options.max_json_elements}));
  json j = json::parse(call.body, nullptr, false);
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

Result<int> query_limit(const httplib::Request& req, int fallback) {
  if (!req.has_param("limit")) return fallback;
  int limit = 0;
  try {
    limit = std::stoi(req.get_param_value("limit"));
  } catch (const std::exception&) {
    limit = 0;
  }
  if (limit < 1 || limit > 1000) return invalid_argument("query parameter 'limit' must be 1 to 1000");
  return limit;
}

bool may(const Call& call, auth::Action action) {
  return auth::AccessPolicy::allows(*call.principal, call.company->id, action);
}

Result<std::unique_ptr<LedgerStore>> open_ledger(const Call& call) {
  if (!call.ctx.options.ledger)
    return failed_precondition("this server runs without the ledger, so reports and SIE import are unavailable");
  return call.ctx.options.ledger();
}

}  // namespace dagbok::server
