#include "exports/connector_state.h"

#include <algorithm>
#include <thread>

#include "core/clock.h"
#include "exports/connector.h"

namespace dagbok {

RateTake take_rate_token(std::optional<RateBucket> bucket, const RateLimit& limit, int64_t now_ms) {
  const int64_t burst = std::max<int64_t>(1, limit.burst) * 1000;
  const int64_t per_token = std::max<int64_t>(1, limit.per_token.count());
  RateBucket b = bucket.value_or(RateBucket{burst, now_ms});
  // A clock that went back refills nothing; one far ahead refills to the burst.
  const int64_t elapsed = std::clamp<int64_t>(now_ms - b.at_ms, 0, per_token * (burst / 1000 + 1));
  b.milli_tokens = std::min(burst, b.milli_tokens + elapsed * 1000 / per_token);
  b.at_ms = now_ms;
  if (b.milli_tokens >= 1000) {
    b.milli_tokens -= 1000;
    return {b, std::chrono::milliseconds(0)};
  }
  const int64_t missing = 1000 - b.milli_tokens;
  return {b, std::chrono::milliseconds((missing * per_token + 999) / 1000)};
}

Result<std::optional<std::string>> MemoryConnectorStateStore::connector_value(int64_t company_id,
                                                                              const std::string& kind,
                                                                              const std::string& name,
                                                                              int64_t now_ms) {
  std::lock_guard lock(mu_);
  auto it = values_.find({company_id, kind, name});
  if (it == values_.end() || (it->second.expires_at_ms && *it->second.expires_at_ms <= now_ms))
    return std::optional<std::string>();
  return std::optional<std::string>(it->second.value);
}

Status MemoryConnectorStateStore::put_connector_value(int64_t company_id, const std::string& kind,
                                                      const std::string& name, const std::string& value,
                                                      std::optional<int64_t> expires_at_ms) {
  std::lock_guard lock(mu_);
  values_[{company_id, kind, name}] = Value{value, expires_at_ms};
  return ok_status();
}

Status MemoryConnectorStateStore::erase_connector_value(int64_t company_id, const std::string& kind,
                                                        const std::string& name) {
  std::lock_guard lock(mu_);
  values_.erase({company_id, kind, name});
  return ok_status();
}

Status MemoryConnectorStateStore::update_rate_bucket(
    const std::string& key, const std::function<RateBucket(std::optional<RateBucket>)>& change) {
  std::lock_guard lock(mu_);
  auto it = buckets_.find(key);
  RateBucket next = change(it == buckets_.end() ? std::nullopt : std::optional<RateBucket>(it->second));
  buckets_[key] = next;
  return ok_status();
}

Result<bool> MemoryConnectorStateStore::claim_connector_value(int64_t company_id, const std::string& kind,
                                                             const std::string& name, const std::string& value,
                                                             int64_t expires_at_ms, int64_t now_ms) {
  std::lock_guard lock(mu_);
  auto it = values_.find({company_id, kind, name});
  if (it != values_.end() && !(it->second.expires_at_ms && *it->second.expires_at_ms <= now_ms)) return false;
  values_[{company_id, kind, name}] = Value{value, expires_at_ms};
  return true;
}

ConnectorState::Time ConnectorState::system_time() {
  return {[] { return SystemClock::unix_ms(); },
          [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); }};
}

ConnectorState::ConnectorState(const ConnectorHost& host, Time time)
    : open_(host.state_store), time_(std::move(time)) {}

ConnectorState::ConnectorState(std::unique_ptr<ConnectorStateStore> store, Time time)
    : time_(std::move(time)), store_(std::move(store)) {}

ConnectorState::~ConnectorState() = default;

Result<ConnectorStateStore*> ConnectorState::store() {
  if (store_) return store_.get();
  if (open_) {
    Result<std::unique_ptr<ConnectorStateStore>> opened = open_();
    if (!opened) return opened.error().with_context("the integrations' shared state");
    store_ = std::move(opened).value();
  } else {
    store_ = std::make_unique<MemoryConnectorStateStore>();
  }
  return store_.get();
}

Result<std::optional<std::string>> ConnectorState::get(int64_t company_id, const std::string& kind,
                                                       const std::string& name) {
  std::lock_guard lock(mu_);
  if (company_id == 0) return loose_.connector_value(company_id, kind, name, time_.now_ms());
  ASSIGN_OR_RETURN(ConnectorStateStore * s, store());
  return s->connector_value(company_id, kind, name, time_.now_ms());
}

Status ConnectorState::put(int64_t company_id, const std::string& kind, const std::string& name,
                           const std::string& value, std::optional<std::chrono::milliseconds> ttl) {
  std::lock_guard lock(mu_);
  std::optional<int64_t> expires;
  if (ttl) expires = time_.now_ms() + ttl->count();
  if (company_id == 0) return loose_.put_connector_value(company_id, kind, name, value, expires);
  ASSIGN_OR_RETURN(ConnectorStateStore * s, store());
  return s->put_connector_value(company_id, kind, name, value, expires);
}

Status ConnectorState::erase(int64_t company_id, const std::string& kind, const std::string& name) {
  std::lock_guard lock(mu_);
  if (company_id == 0) return loose_.erase_connector_value(company_id, kind, name);
  ASSIGN_OR_RETURN(ConnectorStateStore * s, store());
  return s->erase_connector_value(company_id, kind, name);
}

Result<bool> ConnectorState::claim(int64_t company_id, const std::string& kind, const std::string& name,
                                   const std::string& value, std::chrono::milliseconds ttl) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(ConnectorStateStore * s, store());
  const int64_t now = time_.now_ms();
  return s->claim_connector_value(company_id, kind, name, value, now + ttl.count(), now);
}

Status ConnectorState::acquire(const std::string& key, const RateLimit& limit, std::chrono::milliseconds max_wait) {
  std::chrono::milliseconds waited{0};
  for (;;) {
    std::chrono::milliseconds wait{0};
    {
      std::lock_guard lock(mu_);
      ASSIGN_OR_RETURN(ConnectorStateStore * s, store());
      const int64_t now = time_.now_ms();
      TRY(s->update_rate_bucket(key, [&](std::optional<RateBucket> b) {
        RateTake take = take_rate_token(b, limit, now);
        wait = take.wait;
        return take.bucket;
      }));
    }
    if (wait.count() == 0) return ok_status();
    if (waited + wait > max_wait) {
      const int seconds = static_cast<int>((wait.count() + 999) / 1000);
      return unavailable("the request budget of " + key + " is spent; try again in " + std::to_string(seconds) +
                         " s")
          .with_retry_after(std::max(1, seconds));
    }
    time_.sleep(wait);
    waited += wait;
  }
}

}  // namespace dagbok
