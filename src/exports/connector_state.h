// ConnectorState: what a kind keeps between calls, and the request budget a
// service grants, shared by every worker and server of one installation.
//
//  - Values per company and kind with an optional lifetime: an access token
//    reused until it expires (PowerOffice Go: 20 minutes), a session cookie
//    (24SevenOffice), remote ids resolved once (an account's internal id).
//  - Rate limits: a token bucket per key (PowerOffice Go: 10 requests/s per
//    subscription key, shared by every merchant of the installation;
//    24SevenOffice: 7,200 requests/hour). acquire() waits for a token, or
//    says Unavailable with the wait when it would exceed max_wait.
//
// Backed by the host's store (ConnectorHost::state_store: every process on
// one database shares it), or by memory in this process when the host has
// none (unit tests, a CLI without a database). The values of company 0 (no
// company: "Test integration" of settings not saved yet) always stay in this
// process's memory. Thread-safe.
//
//   ConnectorState state(host);
//   TRY(state.acquire("poweroffice:" + subscription_key, {10, std::chrono::milliseconds(100)}, 30s));
//   ASSIGN_OR_RETURN(std::optional<std::string> token, state.get(company_id, "poweroffice", "token"));
//   TRY(state.put(company_id, "poweroffice", "token", t, std::chrono::minutes(19)));
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>

#include "core/result.h"
#include "store/connector_state_store.h"

namespace dagbok {

struct ConnectorHost;

// A service's budget: up to `burst` requests at once, then one per
// `per_token` (10/s: {10, 100 ms}; 7,200/h: {60, 500 ms}).
struct RateLimit {
  int64_t burst = 1;
  std::chrono::milliseconds per_token{1000};
};

// The bucket rule, the one home for it: refills `bucket` up to the limit's
// burst for the time since its last change and takes one token if there is
// one. Returns the bucket to store and the wait before a token is free (0:
// taken now).
struct RateTake {
  RateBucket bucket;
  std::chrono::milliseconds wait{0};
};
RateTake take_rate_token(std::optional<RateBucket> bucket, const RateLimit& limit, int64_t now_ms);

// Values and buckets in this process's memory (ConnectorState's fallback;
// tests).
class MemoryConnectorStateStore final : public ConnectorStateStore {
 public:
  Result<std::optional<std::string>> connector_value(int64_t company_id, const std::string& kind,
                                                     const std::string& name, int64_t now_ms) override;
  Status put_connector_value(int64_t company_id, const std::string& kind, const std::string& name,
                             const std::string& value, std::optional<int64_t> expires_at_ms) override;
  Status erase_connector_value(int64_t company_id, const std::string& kind, const std::string& name) override;
  Status update_rate_bucket(const std::string& key,
                            const std::function<RateBucket(std::optional<RateBucket>)>& change) override;
  Result<bool> claim_connector_value(int64_t company_id, const std::string& kind, const std::string& name,
                                     const std::string& value, int64_t expires_at_ms, int64_t now_ms) override;

 private:
  struct Value {
    std::string value;
    std::optional<int64_t> expires_at_ms;
  };
  std::mutex mu_;
  std::map<std::tuple<int64_t, std::string, std::string>, Value> values_;
  std::map<std::string, RateBucket> buckets_;
};

class ConnectorState {
 public:
  // Where "now" comes from and how to wait (tests pass their own).
  struct Time {
    std::function<int64_t()> now_ms;                      // Unix milliseconds
    std::function<void(std::chrono::milliseconds)> sleep;
  };
  static Time system_time();

  // Opens the host's state store when first used; memory when it has none.
  explicit ConnectorState(const ConnectorHost& host, Time time = system_time());
  // Over a given store (tests).
  explicit ConnectorState(std::unique_ptr<ConnectorStateStore> store, Time time = system_time());
  ~ConnectorState();

  Result<std::optional<std::string>> get(int64_t company_id, const std::string& kind, const std::string& name);
  // ttl empty: kept until replaced or erased.
  Status put(int64_t company_id, const std::string& kind, const std::string& name, const std::string& value,
             std::optional<std::chrono::milliseconds> ttl = std::nullopt);
  Status erase(int64_t company_id, const std::string& kind, const std::string& name);
  // Sets `name` to `value` for `ttl` only when it is missing or expired, for
  // every process on the store at once: a lease (erase() gives it back
  // early) or a single-use mark. True when this call got it.
  Result<bool> claim(int64_t company_id, const std::string& kind, const std::string& name, const std::string& value,
                     std::chrono::milliseconds ttl);
  // How this state waits (the tests' clock).
  void sleep(std::chrono::milliseconds d) { time_.sleep(d); }
  int64_t now_ms() const { return time_.now_ms(); }

  // Waits until the bucket `key` gives a token. Unavailable (with
  // retry_after) when the wait would exceed max_wait.
  Status acquire(const std::string& key, const RateLimit& limit, std::chrono::milliseconds max_wait);

 private:
  Result<ConnectorStateStore*> store();

  std::function<Result<std::unique_ptr<ConnectorStateStore>>()> open_;
  Time time_;
  std::mutex mu_;  // one call at a time on the store's connection
  std::unique_ptr<ConnectorStateStore> store_;
  MemoryConnectorStateStore loose_;  // company 0's values
};

}  // namespace dagbok
