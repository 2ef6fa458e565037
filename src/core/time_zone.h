// TimeZone: the rules of one IANA zone (Europe/Stockholm, Europe/Oslo …),
// read from the system's compiled zoneinfo (TZif) files.
//
// libstdc++ 12 has no std::chrono::tzdb, so dagbok reads the TZif data that
// Debian's tzdata package installs under /usr/share/zoneinfo: the list of
// transitions, and the POSIX TZ rule in the file's footer for instants after
// the last listed transition.
//
//   TimeZone tz = *TimeZone::load("Europe/Stockholm");
//   tz.offset_at(*Instant::parse_rfc3339("2026-03-29T01:30:00Z"));  // 7200
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"

namespace dagbok {

class TimeZone {
 public:
  // Loads the named zone from /usr/share/zoneinfo (Debian's tzdata), through
  // the file-system seam (core/file_system.h).
  static Result<TimeZone> load(const std::string& name);
  // Parses TZif bytes (versions 1 to 4). Used by load() and by tests.
  static Result<TimeZone> from_tzif(const std::string& name, std::string_view bytes);
  // A zone given only by a POSIX TZ rule such as "CET-1CEST,M3.5.0,M10.5.0/3".
  static Result<TimeZone> from_posix_rule(const std::string& name, std::string_view rule);

  const std::string& name() const { return name_; }

  // Seconds east of UTC in force at the instant.
  int offset_at(Instant t) const;

  // The instant a local wall-clock time denotes. A time that occurs twice
  // (the autumn night) resolves to the earlier instant; a time that does not
  // exist (the spring night) is an error.
  Result<Instant> resolve_local(Date date, int seconds_of_day) const;

  LocalDateTime to_local(Instant t) const {
    return LocalDateTime::from_unix_local(t.unix_seconds() + offset_at(t));
  }

 private:
  struct Rule;  // parsed POSIX TZ string
  struct Transition {
    int64_t at;   // unix seconds
    int offset;   // offset in force from `at`
  };
  std::string name_;
  int initial_offset_ = 0;
  std::vector<Transition> transitions_;
  std::optional<std::string> posix_;  // footer rule for after the last transition
  int posix_std_ = 0, posix_dst_ = 0;
  bool posix_has_dst_ = false;
  struct DstBound {
    char kind = 'M';  // 'M' month/week/day, 'J' Julian 1..365 no leap, 'N' zero-based day
    int month = 0, week = 0, weekday = 0, day = 0;
    int time = 7200;  // seconds of local time
  } posix_start_, posix_end_;

  Status parse_posix(std::string_view rule);
  int posix_offset_at(int64_t t) const;
  int64_t posix_transition(int year, const DstBound& b, int offset_before) const;
};

}  // namespace dagbok
