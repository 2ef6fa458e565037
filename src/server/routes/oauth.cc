#include "server/routes/oauth.h"

#include <httplib.h>

#include "exports/connector_state.h"
#include "exports/integration_catalog.h"
#include "exports/oauth_tokens.h"
#include "net/http_client.h"

namespace dagbok::server::routes {
namespace {

using nlohmann::json;

constexpr const char* kIntegrationsPage = "/foretag/integrationer";

// The kind {kind} when it is built and connects through OAuth.
Result<const Connector*> oauth_kind(const Call& call) {
  const std::string kind = call.params.at("kind");
  const Connector* c = call.ctx.options.connectors ? call.ctx.options.connectors->find(kind) : nullptr;
  if (!c) return not_found("no integration '" + kind + "' is built in this dagbok");
  if (!c->oauth()) return failed_precondition(c->title() + " does not connect through Anslut: its keys are settings");
  return c;
}

// The callback's address on this server as the browser reached it.
std::string own_callback(const Call& call, const std::string& kind) {
  std::string proto = call.req.get_header_value("X-Forwarded-Proto");
  if (proto != "https") proto = "http";
  std::string host = call.req.get_header_value("X-Forwarded-Host");
  if (host.empty()) host = call.req.get_header_value("Host");
  if (host.empty()) host = "localhost";
  return proto + "://" + host + oauth_callback_path(kind);
}

Reply back_to_page(const std::string& kind, const std::string& error) {
  std::string to = std::string(kIntegrationsPage) + "?oauth=" + net::url_encode(kind);
  to += error.empty() ? "&connected=1" : "&error=" + net::url_encode(error);
  Reply r{302, nullptr, " ", "text/plain; charset=utf-8", {{"Location", to}, {"Cache-Control", "no-store"}}};
  return r;
}

}  // namespace

Result<Reply> oauth_connect(Call& call) {
  ASSIGN_OR_RETURN(const Connector* kind, oauth_kind(call));
  const ConnectorHost& host = call.ctx.options.connector_host;
  ConnectorState state(host);
  net::CurlHttpClient http;
  OAuthTokens tokens(http, state, host, *kind->oauth(), call.company->id);
  const std::string redirect = oauth_redirect_uri(host, *kind->oauth(), own_callback(call, kind->kind()));
  const int64_t user = call.session ? call.session->user.id : 0;
  ASSIGN_OR_RETURN(std::string url, tokens.begin(user, redirect));
  return Reply{200, {{"authorize_url", url}, {"redirect_uri", redirect}}, {}, {}, {}};
}

Result<Reply> oauth_callback(Call& call) {
  ASSIGN_OR_RETURN(const Connector* kind, oauth_kind(call));
  const ConnectorHost& host = call.ctx.options.connector_host;
  ConnectorState state(host);
  const std::string given = call.req.get_param_value("state");
  Result<OAuthBegun> begun = OAuthTokens::take_state(state, kind->kind(), given);
  if (!begun) return back_to_page(kind->kind(), begun.error().message());
  if (!call.session || call.session->user.id != begun->user_id)
    return back_to_page(kind->kind(), "the connection was begun by another user: start again with Anslut");
  if (call.req.has_param("error")) {
    std::string why = call.req.get_param_value("error_description");
    if (why.empty()) why = call.req.get_param_value("error");
    return back_to_page(kind->kind(), kind->title() + " did not give access: " + why);
  }
  net::CurlHttpClient http;
  OAuthTokens tokens(http, state, host, *kind->oauth(), begun->company_id);
  Status done = tokens.finish(call.req.get_param_value("code"), begun->redirect_uri);
  if (!done) return back_to_page(kind->kind(), done.error().message());
  return back_to_page(kind->kind(), "");
}

json oauth_card_json(const Call& call, const Connector& kind, int64_t company_id) {
  if (!kind.oauth()) return nullptr;
  ConnectorState state(call.ctx.options.connector_host);
  net::CurlHttpClient http;
  OAuthTokens tokens(http, state, call.ctx.options.connector_host, *kind.oauth(), company_id);
  Result<OAuthConnection> c = tokens.connection();
  const OAuthConnection got = c.ok() ? *c : OAuthConnection::kNotConnected;
  return {{"connected", got == OAuthConnection::kConnected}, {"reconnect", got == OAuthConnection::kReconnect}};
}

}  // namespace dagbok::server::routes
