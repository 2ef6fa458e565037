// ExportEngine: moves the outbox. Each run takes the deliveries that are due
// (by retry time and by their destination's schedule), leases each one so
// that no other worker sends it at the same time, checks it, sends it, and
// records the attempt in the export log — all through the Store, so that
// several workers and a crash at any point leave a consistent state:
//
//  - a delivery is marked delivered only after the destination accepted it;
//  - a worker that dies holding a lease loses it when the lease runs out, and
//    the next worker sends again with the same idempotency key;
//  - a delivered row is never sent again, except by an explicit resend.
//
// Failures become notifications that say what to do, one per problem.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "exports/destination.h"
#include "exports/retry_policy.h"
#include "store/store.h"

namespace dagbok {

struct EngineOptions {
  std::string worker_id = "worker";
  int64_t lease_seconds = 300;
  int batch = 100;
  RetryPolicy retry;
  // Asked between deliveries: true ends the pass early (the server stops).
  std::function<bool()> stop_requested = {};
  // Set: the pass takes only the deliveries it says yes to (the CLI's
  // Manuell export of one integration's days); the others wait for a worker.
  std::function<bool(const Delivery&)> only = {};
};

struct RunStats {
  int delivered = 0;
  int retrying = 0;
  int failed = 0;
  int waiting = 0;
  int skipped = 0;  // not yet due by schedule, or destination inactive
};

class ExportEngine {
 public:
  ExportEngine(Store& store, const DestinationRegistry& registry, const Clock& clock, EngineOptions options = {})
      : store_(store), registry_(registry), clock_(clock), options_(std::move(options)) {}

  // One pass over what is due now.
  Result<RunStats> run_once();

 private:
  struct RunCache;  // companies, destinations and zones of one pass
  Result<RunStats> process(const Delivery& d, RunCache& cache);

  Store& store_;
  const DestinationRegistry& registry_;
  const Clock& clock_;
  EngineOptions options_;
};

// The message for a blocked voucher as the merchant should read it.
std::string blocked_voucher_advice(const std::string& blocked_reason);

// The codes of the notifications the engine raises (Notification::code), for
// a page that words them in its own language; each carries its parameters
// (Notification::params_json) — always "integration" (the kind) and "day":
//   export_blocked       a voucher of the day waits for the kontoplan;
//                        "reasons": the gaps, in English
//   export_cannot_start  the pre-flight refused; "detail": why, in English
//   export_failed        the destination refused or the retries ran out;
//                        "attempts", "gave_up" (retries used up), "detail":
//                        what the other side said
inline constexpr std::string_view kExportBlocked = "export_blocked";
inline constexpr std::string_view kExportCannotStart = "export_cannot_start";
inline constexpr std::string_view kExportFailed = "export_failed";
const std::vector<std::string_view>& export_notification_codes();

}  // namespace dagbok
