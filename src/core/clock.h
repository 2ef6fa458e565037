// Clock: where "now" comes from. Injected so that day close, schedules and
// tests run deterministically.
#pragma once

#include <chrono>
#include <cstdint>

#include "core/date.h"

namespace dagbok {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant now() const override { return Instant::from_unix(unix_ms() / 1000); }
  // Milliseconds since 1970 (rate limits, tokens' lifetimes). The only place
  // the library reads the system's clock: everything else takes a Clock.
  static int64_t unix_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

class FixedClock final : public Clock {
 public:
  explicit FixedClock(Instant t) : t_(t) {}
  Instant now() const override { return t_; }
  void set(Instant t) { t_ = t; }

 private:
  Instant t_;
};

}  // namespace dagbok
