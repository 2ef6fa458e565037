// What every route handler works with: the call (the request, the store
// connection, who is asking and in which company), the reply it answers
// with, and the parsers of the request's fields that word their errors the
// same way everywhere.
//
// A handler is a plain function of the call (routes/*.h); the route table
// (internal/route_table.h) says which action it needs, and api_server.cc
// has authenticated the caller and resolved {c} before the handler runs:
//
//   Result<Reply> voucher(Call& call) {
//     ASSIGN_OR_RETURN(int64_t id, id_param(call.params, "id", "a voucher"));
//     …
//     return Reply{200, voucher_json(v), {}, {}, {}};
//   }
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "auth/access_policy.h"
#include "auth/login_throttle.h"
#include "auth/sessions.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/field_error.h"
#include "core/money.h"
#include "core/result.h"
#include "server/api_server.h"
#include "store/ledger_records.h"
#include "store/store.h"

namespace httplib {
struct Request;
}

namespace dagbok::server {

// What a handler answers: JSON, or a file.
struct Reply {
  int status = 200;
  nlohmann::json body;
  std::string bytes;  // a file when not empty (or when content_type is set)
  std::string content_type;
  std::vector<std::pair<std::string, std::string>> headers;
};

// {"error": {"code", "message"}} with this status.
Reply error_reply(int status, const std::string& code, const std::string& message);
// The answer for an error value: the status its code calls for; an internal
// message stays in the log.
Reply error_reply(const Error& e);

// A 400 answer naming every wrong field (core/field_error.h):
// {"error": {…, "fields": [{field, message}]}}.
Reply field_errors_reply(const std::vector<FieldError>& errors);

// What the server lends every handler: its clock, its options and the login throttle.
struct RouteContext {
  const Clock& clock;
  const ServerOptions& options;
  auth::LoginThrottle& throttle;
};

struct Call {
  const httplib::Request& req;
  const std::string& body;  // the request's body, read within its route's limit
  Store& store;
  RouteContext& ctx;
  std::map<std::string, std::string> params;  // the path's {name}s
  std::optional<auth::SessionPrincipal> session;
  std::optional<auth::Principal> principal;
  std::optional<Company> company;
  std::string session_token;
};

// --- the request's fields
// The body as JSON (Content-Type: application/json), its shape within the
// server's limits (internal/body_limits.h) before it is parsed.
Result<nlohmann::json> json_body(const Call& call);
// The string field `name` of the object `j`; "" when absent and not required.
Result<std::string> string_field(const nlohmann::json& j, const char* name, bool required);
Result<bool> bool_field(const nlohmann::json& j, const char* name, bool fallback);
// {"K1": "1652.00", …} as amounts per register; empty when absent.
Result<std::map<std::string, Money>> register_amounts(const nlohmann::json& body, const char* field);
Result<std::optional<Date>> query_date(const httplib::Request& req, const char* name, bool required);
// ?limit= between 1 and 1000, `fallback` when absent.
Result<int> query_limit(const httplib::Request& req, int fallback);
// The whole positive number in the path's {name}; `what` words the error ("a voucher").
Result<int64_t> id_param(const std::map<std::string, std::string>& params, const char* name, const char* what);

// --- shared by several areas
// Today in the company's time zone.
Date today_in(const Company& company, Instant now);
// Whether the caller may also do `action` in the call's company.
bool may(const Call& call, auth::Action action);
// The ledger of the server's database: FailedPrecondition when it runs without one.
Result<std::unique_ptr<LedgerStore>> open_ledger(const Call& call);

}  // namespace dagbok::server
