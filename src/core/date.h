// Date: a calendar date (proleptic Gregorian) with no time zone, and
// Instant: a point in time as seconds since the Unix epoch (UTC).
//
// A business day, a voucher date and a fiscal year boundary are Dates; a
// receipt's time is an Instant, parsed from RFC 3339 text that must carry its
// UTC offset, because a local time alone is ambiguous on the night the clocks
// go back.
//
//   Date d = *Date::parse("2026-03-29");
//   d.add_days(1).to_string();             // "2026-03-30"
//   Instant t = *Instant::parse_rfc3339("2026-03-29T01:30:00+01:00");
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace dagbok {

class Date {
 public:
  constexpr Date() = default;
  // REQUIRES: a valid calendar date.
  static Date from_ymd(int year, int month, int day);
  static constexpr Date from_days(int64_t days_since_epoch) { return Date(days_since_epoch); }
  static Result<Date> parse(std::string_view iso);           // YYYY-MM-DD
  static Result<Date> parse_compact(std::string_view yyyymmdd);  // YYYYMMDD (SIE)
  static bool valid_ymd(int year, int month, int day);

  int year() const;
  int month() const;
  int day() const;
  // 1 = Monday … 7 = Sunday (ISO 8601).
  int iso_weekday() const;
  constexpr int64_t days_since_epoch() const { return days_; }
  constexpr Date add_days(int64_t n) const { return Date(days_ + n); }
  Date first_of_month() const { return from_ymd(year(), month(), 1); }
  Date add_months(int n) const;  // clamps the day to the month's length

  std::string to_string() const;  // 2026-03-29
  std::string to_compact() const;  // 20260329

  constexpr auto operator<=>(const Date&) const = default;

 private:
  constexpr explicit Date(int64_t days) : days_(days) {}
  int64_t days_ = 0;  // days since 1970-01-01
};

int days_in_month(int year, int month);

class Instant {
 public:
  constexpr Instant() = default;
  static constexpr Instant from_unix(int64_t seconds) { return Instant(seconds); }
  // "2026-03-29T01:30:00+01:00", "2026-03-29T00:30:00Z"; fractional seconds
  // are accepted and dropped. An offset is required.
  static Result<Instant> parse_rfc3339(std::string_view text);

  constexpr int64_t unix_seconds() const { return s_; }
  constexpr Instant plus_seconds(int64_t n) const { return Instant(s_ + n); }
  // UTC, "2026-03-29T00:30:00Z".
  std::string to_utc_string() const;
  // With the given offset, "2026-03-29T01:30:00+01:00".
  std::string to_string_with_offset(int offset_seconds) const;

  constexpr auto operator<=>(const Instant&) const = default;

 private:
  constexpr explicit Instant(int64_t s) : s_(s) {}
  int64_t s_ = 0;
};

// A wall-clock time in some zone, as fields.
struct LocalDateTime {
  Date date;
  int seconds_of_day = 0;  // 0 … 86399
  static LocalDateTime from_unix_local(int64_t local_seconds);
  int64_t to_unix_local() const { return date.days_since_epoch() * 86400 + seconds_of_day; }
};

// Parses "HH:MM" into minutes after midnight.
Result<int> parse_hh_mm(std::string_view text);
std::string format_hh_mm(int minutes);

}  // namespace dagbok
