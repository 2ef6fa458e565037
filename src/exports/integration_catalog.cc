#include "exports/integration_catalog.h"

namespace dagbok {
namespace {

struct Planned {
  const char* kind;
  const char* title;
};

// Accounting systems dagbok plans; their cards stay greyed until a kind of
// that name is in the registry.
constexpr Planned kPlanned[] = {
    {"bjornlunden", "Björn Lundén"}, {"24sevenoffice", "24SevenOffice"}, {"poweroffice", "PowerOffice Go"},
    {"fortnox", "Fortnox"},          {"visma", "Visma eEkonomi"},
};

}  // namespace

std::vector<IntegrationCard> integration_cards(const DestinationRegistry& registry) {
  std::vector<IntegrationCard> out;
  for (Connector* c : registry.all()) out.push_back({c->kind(), c->title(), true, c});
  for (const Planned& p : kPlanned)
    if (!registry.find(p.kind)) out.push_back({p.kind, p.title, false, nullptr});
  return out;
}

Result<IntegrationCard> built_integration(const DestinationRegistry& registry, const std::string& kind) {
  for (const IntegrationCard& c : integration_cards(registry))
    if (c.kind == kind) {
      if (!c.built)
        return failed_precondition("the " + c.title + " integration is not available in this version of dagbok yet");
      return c;
    }
  return not_found("'" + kind + "' is not an integration of dagbok");
}

}  // namespace dagbok
