// How long to wait before trying a delivery again.
//
// Exponential backoff with jitter: 1, 2, 4, 8 … minutes, capped at 6 hours,
// each spread over ±50 % so that a thousand companies whose server went down
// together do not all come back in the same second. A Retry-After from the
// other side (429, 503) is honoured as the least wait. The jitter is drawn
// from (delivery, attempt), so it needs no shared random state and tests can
// predict it.
#pragma once

#include <cstdint>

namespace dagbok {

struct RetryPolicy {
  int64_t base_seconds = 60;
  int64_t cap_seconds = 6 * 3600;

  int64_t delay_seconds(int64_t delivery_id, int attempt, int retry_after_seconds) const;
};

}  // namespace dagbok
