#include "auth/login_throttle.h"

#include <algorithm>

namespace dagbok::auth {

void LoginThrottle::prune(std::deque<Instant>& q, Instant now) const {
  while (!q.empty() && q.front().plus_seconds(window_seconds_) <= now) q.pop_front();
}

std::optional<int64_t> LoginThrottle::retry_after(const std::vector<std::string>& keys, Instant now) {
  std::lock_guard<std::mutex> lock(mu_);
  std::optional<int64_t> wait;
  for (const std::string& k : keys) {
    auto it = failures_.find(k);
    if (it == failures_.end()) continue;
    prune(it->second, now);
    if (static_cast<int>(it->second.size()) >= max_failures_) {
      // Free again when enough failures have left the window.
      const Instant frees =
          it->second[it->second.size() - static_cast<size_t>(max_failures_)].plus_seconds(window_seconds_);
      const int64_t s = std::max<int64_t>(1, frees.unix_seconds() - now.unix_seconds());
      wait = std::max(wait.value_or(0), s);
    }
    if (it->second.empty()) failures_.erase(it);
  }
  return wait;
}

void LoginThrottle::record_failure(const std::vector<std::string>& keys, Instant now) {
  std::lock_guard<std::mutex> lock(mu_);
  // Bound the memory a flood of made-up addresses can take.
  if (failures_.size() > 100000) {
    for (auto it = failures_.begin(); it != failures_.end();) {
      prune(it->second, now);
      it = it->second.empty() ? failures_.erase(it) : std::next(it);
    }
  }
  for (const std::string& k : keys) {
    std::deque<Instant>& q = failures_[k];
    prune(q, now);
    q.push_back(now);
    if (q.size() > static_cast<size_t>(max_failures_) * 4) q.pop_front();
  }
}

void LoginThrottle::forget(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  failures_.erase(key);
}

}  // namespace dagbok::auth
