#include "exports/integration_catalog.h"

namespace dagbok {

const std::vector<IntegrationCard>& integration_cards() {
  static const std::vector<IntegrationCard> kCards = {
      {"email", "Export via e-post", true},
      {"bjornlunden", "Björn Lundén", false},
      {"24sevenoffice", "24SevenOffice", false},
      {"poweroffice", "PowerOffice Go", false},
      {"fortnox", "Fortnox", false},
      {"visma", "Visma eEkonomi", false},
  };
  return kCards;
}

}  // namespace dagbok
