// The integrations a merchant can see, in the order of the Integrationer
// page, and whether this dagbok has them yet. The CLI's `integrations list`
// and the server's GET /integrations show the same cards.
#pragma once

#include <vector>

namespace dagbok {

struct IntegrationCard {
  const char* kind;   // the Destination kind
  const char* title;  // as the page shows it
  bool built;         // false: the card says plainly that it is not built yet
};

const std::vector<IntegrationCard>& integration_cards();

}  // namespace dagbok
