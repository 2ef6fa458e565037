// LoginThrottle: slows down password guessing. Failed logins are counted per
// key (the e-mail address, and separately the client address) in a sliding
// window; at the limit further attempts for that key are refused, without
// looking at the password, until the oldest failure leaves the window.
//
//   LoginThrottle t;                        // 5 failures per 15 minutes
//   if (auto wait = t.retry_after({"email:" + e, "ip:" + ip}, now)) → 429, Retry-After: *wait
//   t.record_failure({"email:" + e, "ip:" + ip}, now);
//
// The counts live in memory: a restart forgets them, and several server
// processes each count their own.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"

namespace dagbok::auth {

class LoginThrottle {
 public:
  explicit LoginThrottle(int max_failures = 5, int64_t window_seconds = 15 * 60)
      : max_failures_(max_failures), window_seconds_(window_seconds) {}

  // Seconds to wait when any key is at its limit, else nothing.
  std::optional<int64_t> retry_after(const std::vector<std::string>& keys, Instant now);
  void record_failure(const std::vector<std::string>& keys, Instant now);
  // A successful login forgets the e-mail's failures (not the address's).
  void forget(const std::string& key);

 private:
  void prune(std::deque<Instant>& q, Instant now) const;

  const int max_failures_;
  const int64_t window_seconds_;
  std::mutex mu_;
  std::map<std::string, std::deque<Instant>> failures_;
};

}  // namespace dagbok::auth
