// ConnectorStateStore: the store's role for what an integration keeps
// between calls and shares across the processes of one installation: an
// access token until it expires, a session cookie, the remote ids it has
// resolved (values per company and kind), and the request budgets a service
// grants per key (rate buckets per key, across companies).
//
// The rules (when a token is stale, how a bucket refills) live in
// exports/connector_state.h; the store only keeps the values and makes a
// bucket's read-change-write atomic across processes.
//
//   ASSIGN_OR_RETURN(auto token, state.connector_value(company, "poweroffice", "token", now_ms));
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/result.h"

namespace dagbok {

// A token bucket as stored: the tokens left, in thousandths, at `at_ms`.
struct RateBucket {
  int64_t milli_tokens = 0;
  int64_t at_ms = 0;  // Unix milliseconds of the last change
};

class ConnectorStateStore {
 public:
  virtual ~ConnectorStateStore() = default;

  // The value, unless it is missing or expired at `now_ms` (Unix ms).
  virtual Result<std::optional<std::string>> connector_value(int64_t company_id, const std::string& kind,
                                                             const std::string& name, int64_t now_ms) = 0;
  // Sets (or replaces) a value; expires_at_ms empty: until replaced or erased.
  virtual Status put_connector_value(int64_t company_id, const std::string& kind, const std::string& name,
                                     const std::string& value, std::optional<int64_t> expires_at_ms) = 0;
  virtual Status erase_connector_value(int64_t company_id, const std::string& kind, const std::string& name) = 0;
  // Sets the value only when there is none or it has expired at `now_ms`,
  // atomically against every other process on the store: a lease (one
  // token refresh at a time) or a single-use mark. True when this call set it.
  virtual Result<bool> claim_connector_value(int64_t company_id, const std::string& kind, const std::string& name,
                                             const std::string& value, int64_t expires_at_ms, int64_t now_ms) = 0;

  // Reads the bucket `key` (empty: never used), calls `change` and stores
  // what it returns, atomically against every other process on the store.
  virtual Status update_rate_bucket(const std::string& key,
                                    const std::function<RateBucket(std::optional<RateBucket>)>& change) = 0;
};

}  // namespace dagbok
