// The integrations a merchant can see, in the order of the Integrationer
// page: every kind of the registry (built), then the accounting systems
// dagbok plans but does not have yet (shown greyed, "not available yet").
// The CLI's `integrations list` and the server's GET /integrations show the
// same cards. A planned kind that gets a connector shows as built by itself.
#pragma once

#include <string>
#include <vector>

#include "exports/destination.h"

namespace dagbok {

struct IntegrationCard {
  std::string kind;   // the Destination kind
  std::string title;  // as the page shows it (the page words it as intname.<kind>)
  bool built = false;  // false: the card says plainly that it is not built yet
  Connector* connector = nullptr;  // the registry's kind when built
};

std::vector<IntegrationCard> integration_cards(const DestinationRegistry& registry);

// The card of `kind`: NotFound for a kind dagbok does not know,
// FailedPrecondition (said plainly) for one not built yet.
Result<IntegrationCard> built_integration(const DestinationRegistry& registry, const std::string& kind);

}  // namespace dagbok
