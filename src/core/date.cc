#include "core/date.h"

#include <algorithm>
#include <cstdio>

namespace dagbok {
namespace {

// Howard Hinnant's days-from-civil algorithm (public domain description),
// written out here for our own types.
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

struct Ymd {
  int y;
  int m;
  int d;
};

Ymd civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

static bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap(year)) return 29;
  return kDays[month - 1];
}

bool Date::valid_ymd(int year, int month, int day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in_month(year, month);
}

Date Date::from_ymd(int year, int month, int day) {
  assert(valid_ymd(year, month, day));
  return Date(days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)));
}

Result<Date> Date::parse(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !all_digits(s.substr(0, 4)) ||
      !all_digits(s.substr(5, 2)) || !all_digits(s.substr(8, 2)))
    return invalid_argument("'" + std::string(s) + "' is not a date in the form YYYY-MM-DD");
  const int y = to_int(s.substr(0, 4)), m = to_int(s.substr(5, 2)), d = to_int(s.substr(8, 2));
  if (!valid_ymd(y, m, d)) return invalid_argument("'" + std::string(s) + "' is not a calendar date");
  return from_ymd(y, m, d);
}

Result<Date> Date::parse_compact(std::string_view s) {
  if (s.size() != 8 || !all_digits(s))
    return invalid_argument("'" + std::string(s) + "' is not a date in the form YYYYMMDD");
  const int y = to_int(s.substr(0, 4)), m = to_int(s.substr(4, 2)), d = to_int(s.substr(6, 2));
  if (!valid_ymd(y, m, d)) return invalid_argument("'" + std::string(s) + "' is not a calendar date");
  return from_ymd(y, m, d);
}

int Date::year() const { return civil_from_days(days_).y; }
int Date::month() const { return civil_from_days(days_).m; }
int Date::day() const { return civil_from_days(days_).d; }

int Date::iso_weekday() const {
  // 1970-01-01 was a Thursday (4).
  const int64_t w = (days_ % 7 + 7 + 3) % 7;  // 0 = Monday
  return static_cast<int>(w) + 1;
}

Date Date::add_months(int n) const {
  const Ymd c = civil_from_days(days_);
  int total = c.y * 12 + (c.m - 1) + n;
  const int y = total / 12, m = total % 12 + 1;
  const int d = std::min(c.d, days_in_month(y, m));
  return from_ymd(y, m, d);
}

std::string Date::to_string() const {
  const Ymd c = civil_from_days(days_);
  if (c.y < 0 || c.y > 9999) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.y, c.m, c.d);
    return buf;
  }
  // By hand rather than snprintf: the ledger import formats a date per voucher.
  std::string out(10, '-');
  out[0] = static_cast<char>('0' + c.y / 1000);
  out[1] = static_cast<char>('0' + c.y / 100 % 10);
  out[2] = static_cast<char>('0' + c.y / 10 % 10);
  out[3] = static_cast<char>('0' + c.y % 10);
  out[5] = static_cast<char>('0' + c.m / 10);
  out[6] = static_cast<char>('0' + c.m % 10);
  out[8] = static_cast<char>('0' + c.d / 10);
  out[9] = static_cast<char>('0' + c.d % 10);
  return out;
}

std::string Date::to_compact() const {
  const Ymd c = civil_from_days(days_);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", c.y, c.m, c.d);
  return buf;
}

LocalDateTime LocalDateTime::from_unix_local(int64_t local_seconds) {
  const int64_t days = floor_div(local_seconds, 86400);
  return {Date::from_days(days), static_cast<int>(local_seconds - days * 86400)};
}

Result<Instant> Instant::parse_rfc3339(std::string_view s) {
  const std::string shown(s);
  auto bad = [&](std::string why) {
    return invalid_argument("'" + shown + "' is not a time like 2026-03-29T01:30:00+01:00: " + why);
  };
  if (s.size() < 19) return bad("too short");
  ASSIGN_OR_RETURN(Date date, Date::parse(s.substr(0, 10)));
  if (s[10] != 'T' && s[10] != 't' && s[10] != ' ') return bad("expected 'T' after the date");
  if (s[13] != ':' || s[16] != ':' || !all_digits(s.substr(11, 2)) || !all_digits(s.substr(14, 2)) ||
      !all_digits(s.substr(17, 2)))
    return bad("expected hh:mm:ss after the date");
  const int hh = to_int(s.substr(11, 2)), mm = to_int(s.substr(14, 2)), ss = to_int(s.substr(17, 2));
  if (hh > 23 || mm > 59 || ss > 60) return bad("hour, minute or second out of range");
  size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    ++i;
    const size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == start) return bad("empty fraction of a second");
  }
  if (i >= s.size()) return bad("the UTC offset is missing (add +01:00, +02:00 or Z)");
  int offset = 0;
  if (s[i] == 'Z' || s[i] == 'z') {
    ++i;
  } else if (s[i] == '+' || s[i] == '-') {
    if (s.size() != i + 6 || s[i + 3] != ':' || !all_digits(s.substr(i + 1, 2)) ||
        !all_digits(s.substr(i + 4, 2)))
      return bad("the UTC offset must look like +01:00");
    const int oh = to_int(s.substr(i + 1, 2)), om = to_int(s.substr(i + 4, 2));
    if (oh > 23 || om > 59) return bad("UTC offset out of range");
    offset = (oh * 3600 + om * 60) * (s[i] == '-' ? -1 : 1);
    i += 6;
  } else {
    return bad("unexpected text after the time");
  }
  if (i != s.size()) return bad("unexpected text after the offset");
  const int64_t local = date.days_since_epoch() * 86400 + hh * 3600 + mm * 60 + (ss == 60 ? 59 : ss);
  return Instant(local - offset);
}

std::string Instant::to_utc_string() const {
  const LocalDateTime l = LocalDateTime::from_unix_local(s_);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", l.date.to_string().c_str(), l.seconds_of_day / 3600,
                l.seconds_of_day / 60 % 60, l.seconds_of_day % 60);
  return buf;
}

std::string Instant::to_string_with_offset(int offset_seconds) const {
  const LocalDateTime l = LocalDateTime::from_unix_local(s_ + offset_seconds);
  const int a = offset_seconds < 0 ? -offset_seconds : offset_seconds;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d%c%02d:%02d", l.date.to_string().c_str(),
                l.seconds_of_day / 3600, l.seconds_of_day / 60 % 60, l.seconds_of_day % 60,
                offset_seconds < 0 ? '-' : '+', a / 3600, a / 60 % 60);
  return buf;
}

Result<int> parse_hh_mm(std::string_view s) {
  if (s.size() != 5 || s[2] != ':' || !all_digits(s.substr(0, 2)) || !all_digits(s.substr(3, 2)))
    return invalid_argument("'" + std::string(s) + "' is not a time of day in the form HH:MM");
  const int h = to_int(s.substr(0, 2)), m = to_int(s.substr(3, 2));
  if (h > 23 || m > 59) return invalid_argument("'" + std::string(s) + "' is not a time of day");
  return h * 60 + m;
}

std::string format_hh_mm(int minutes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60 % 100, minutes % 60);
  return buf;
}

}  // namespace dagbok
