// The OAuth 2 connection of a kind that connects through the merchant's
// consent (Fortnox, Visma: Connector::oauth()): "Anslut" begins it and the
// provider sends the browser back to the callback, which checks the state
// (this user began it here, for this company, minutes ago, once), exchanges
// the code, keeps the tokens (exports/oauth_tokens.h) and sends the browser
// back to the Integrationer page.
#pragma once

#include <nlohmann/json.hpp>

#include "server/internal/route_call.h"

namespace dagbok {
class Connector;
}

namespace dagbok::server::routes {

// POST /api/v1/companies/{c}/integrations/{kind}/connect → {authorize_url, redirect_uri}
Result<Reply> oauth_connect(Call& call);
// GET /api/v1/oauth/{kind}/callback?code=…&state=… → 302 to /foretag/integrationer
Result<Reply> oauth_callback(Call& call);

// The card's "oauth" field for a kind that connects this way:
// {"connected", "reconnect"}; null for the others.
nlohmann::json oauth_card_json(const Call& call, const Connector& kind, int64_t company_id);

}  // namespace dagbok::server::routes
