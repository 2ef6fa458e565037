// The route table: every route the server answers, who may call it and the
// one auth::Action it needs. This is the only place that says so; the
// handlers (routes/*.h) assume api_server.cc has checked it.
#pragma once

#include <vector>

#include "auth/access_policy.h"
#include "server/internal/route_call.h"

namespace dagbok::server {

enum class Access {
  kPublic,   // anyone
  kSession,  // a logged-in user (not an API token)
  kCompany,  // a principal allowed `action` in the company {c}
  // A member of the company {c}; `action` is checked by the library the
  // handler calls, which also records a refusal (the ledger's import log).
  kCompanyCheckedByLibrary,
};

struct Route {
  using Handler = Result<Reply> (*)(Call&);
  const char* method;  // "GET", "POST", "PUT", "DELETE"
  const char* path;    // as in the OpenAPI document: "/api/v1/companies/{c}/zreports"
  Access access;
  auth::Action action;
  Handler handler;
};

const std::vector<Route>& route_table();

}  // namespace dagbok::server
