// PowerOfficeEmulator: tests/emulators/poweroffice/emulator.py (the
// PowerOffice Go API v2 on loopback, validating every request against
// ../shared/specs/poweroffice-go) for one test, with dagbok's keys.
//
//   PowerOfficeEmulator po(tmp.path());
//   po.knob("/_emulator/fail", {{"next", 3}, {"status", 429}});
//   nlohmann::json ledger = po.ledger();   // {"vouchers": [...], "drafts": [...], ...}
#pragma once

#include "support/emulator_process.h"

namespace dagbok::testing_support {

class PowerOfficeEmulator : public EmulatorProcess {
 public:
  static constexpr const char* kAppKey = "dagbok-app-key";
  static constexpr const char* kSubscriptionKey = "dagbok-subscription-key";
  static constexpr const char* kClientKey = "kaffebaren-client-key";

  explicit PowerOfficeEmulator(const std::filesystem::path& dir)
      : EmulatorProcess("poweroffice", dir, "poweroffice-go",
                        {"--app-key", kAppKey, "--subscription-key", kSubscriptionKey, "--client-key", kClientKey}) {}
};

}  // namespace dagbok::testing_support
