#include "exports/retry_policy.h"

#include <algorithm>
#include <random>

namespace dagbok {

int64_t RetryPolicy::delay_seconds(int64_t delivery_id, int attempt, int retry_after_seconds) const {
  const int shift = std::clamp(attempt - 1, 0, 30);
  const int64_t raw = std::min(cap_seconds, base_seconds << shift);
  std::mt19937_64 rng(static_cast<uint64_t>(delivery_id) * 1000003u + static_cast<uint64_t>(attempt));
  const int64_t jittered = raw / 2 + static_cast<int64_t>(rng() % static_cast<uint64_t>(raw + 1));
  return std::max<int64_t>(jittered, retry_after_seconds);
}

}  // namespace dagbok
