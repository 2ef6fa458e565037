#include "core/time_zone.h"

#include "core/file_system.h"

namespace dagbok {
namespace {

// A zone file is a few KiB; anything far bigger is not one.
constexpr uint64_t kMaxZoneFileBytes = uint64_t{1} << 20;

int64_t read_be(std::string_view b, size_t pos, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<unsigned char>(b[pos + static_cast<size_t>(i)]);
  if (bytes == 4) return static_cast<int32_t>(static_cast<uint32_t>(v));
  return static_cast<int64_t>(v);
}

// Parses [+-]hh[:mm[:ss]] as in POSIX TZ; returns seconds.
bool parse_posix_time(std::string_view s, size_t& i, int& out) {
  int sign = 1;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    if (s[i] == '-') sign = -1;
    ++i;
  }
  int parts[3] = {0, 0, 0};
  for (int p = 0; p < 3; ++p) {
    if (p > 0) {
      if (i >= s.size() || s[i] != ':') break;
      ++i;
    }
    const size_t start = i;
    int v = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') v = v * 10 + (s[i++] - '0');
    if (i == start) return false;
    parts[p] = v;
  }
  out = sign * (parts[0] * 3600 + parts[1] * 60 + parts[2]);
  return true;
}

bool skip_name(std::string_view s, size_t& i) {
  if (i < s.size() && s[i] == '<') {
    const size_t e = s.find('>', i);
    if (e == std::string_view::npos) return false;
    i = e + 1;
    return true;
  }
  const size_t start = i;
  while (i < s.size() && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z'))) ++i;
  return i - start >= 3;
}

}  // namespace

Result<TimeZone> TimeZone::load(const std::string& name) {
  if (name.empty() || name.find("..") != std::string::npos || name[0] == '/')
    return invalid_argument("'" + name + "' is not a time zone name like Europe/Stockholm");
  const std::string path = "/usr/share/zoneinfo/" + name;
  Result<std::string> bytes = read_file(posix_file_system(), path, kMaxZoneFileBytes);
  if (!bytes.ok()) {
    if (bytes.error().code() == ErrorCode::kNotFound)
      return not_found("time zone '" + name + "' is unknown (no " + path + "; is the tzdata package installed?)");
    return std::move(bytes).error().with_context("time zone '" + name + "'");
  }
  return from_tzif(name, *bytes);
}

Result<TimeZone> TimeZone::from_tzif(const std::string& name, std::string_view b) {
  auto bad = [&](const char* why) {
    return internal_error("zoneinfo file for '" + name + "' is damaged: " + std::string(why));
  };
  if (b.size() < 44 || b.substr(0, 4) != "TZif") return bad("no TZif header");
  const char version = b[4];
  auto counts = [&](size_t at, int64_t c[6]) {
    for (int i = 0; i < 6; ++i) c[i] = read_be(b, at + 20 + static_cast<size_t>(i) * 4, 4);
  };
  int64_t c[6];  // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
  counts(0, c);
  size_t pos = 44;
  int time_size = 4;
  if (version >= '2') {
    // Skip the 32-bit block; use the 64-bit one that follows.
    pos += static_cast<size_t>(c[3] * 4 + c[3] + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0]);
    if (b.size() < pos + 44 || b.substr(pos, 4) != "TZif") return bad("no second header");
    counts(pos, c);
    pos += 44;
    time_size = 8;
  }
  const int64_t timecnt = c[3], typecnt = c[4];
  const size_t need = static_cast<size_t>(timecnt * time_size + timecnt + typecnt * 6 + c[5] +
                                          c[2] * (time_size + 4) + c[1] + c[0]);
  if (typecnt < 1 || b.size() < pos + need) return bad("truncated");
  TimeZone tz;
  tz.name_ = name;
  const size_t times_at = pos;
  const size_t idx_at = times_at + static_cast<size_t>(timecnt * time_size);
  const size_t types_at = idx_at + static_cast<size_t>(timecnt);
  std::vector<int> offsets;
  for (int64_t t = 0; t < typecnt; ++t)
    offsets.push_back(static_cast<int>(read_be(b, types_at + static_cast<size_t>(t) * 6, 4)));
  tz.initial_offset_ = offsets[0];
  for (int64_t i = 0; i < timecnt; ++i) {
    const int64_t at = read_be(b, times_at + static_cast<size_t>(i * time_size), time_size);
    const auto idx = static_cast<unsigned char>(b[idx_at + static_cast<size_t>(i)]);
    if (idx >= offsets.size()) return bad("transition names a missing type");
    tz.transitions_.push_back({at, offsets[idx]});
  }
  if (version >= '2') {
    const size_t footer = pos + need;
    if (footer < b.size() && b[footer] == '\n') {
      const size_t end = b.find('\n', footer + 1);
      if (end != std::string_view::npos && end > footer + 1) {
        TRY(tz.parse_posix(b.substr(footer + 1, end - footer - 1)));
      }
    }
  }
  return tz;
}

Result<TimeZone> TimeZone::from_posix_rule(const std::string& name, std::string_view rule) {
  TimeZone tz;
  tz.name_ = name;
  TRY(tz.parse_posix(rule));
  tz.initial_offset_ = tz.posix_std_;
  return tz;
}

Status TimeZone::parse_posix(std::string_view s) {
  auto bad = [&] { return invalid_argument("cannot read the time zone rule '" + std::string(s) + "'"); };
  size_t i = 0;
  int off = 0;
  if (!skip_name(s, i) || !parse_posix_time(s, i, off)) return bad();
  posix_std_ = -off;  // POSIX offsets are west of UTC
  posix_ = std::string(s);
  if (i == s.size()) return ok_status();
  if (!skip_name(s, i)) return bad();
  posix_has_dst_ = true;
  posix_dst_ = posix_std_ + 3600;
  if (i < s.size() && s[i] != ',') {
    if (!parse_posix_time(s, i, off)) return bad();
    posix_dst_ = -off;
  }
  for (DstBound* bound : {&posix_start_, &posix_end_}) {
    if (i >= s.size() || s[i] != ',') return bad();
    ++i;
    auto num = [&](int& v) {
      const size_t st = i;
      v = 0;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') v = v * 10 + (s[i++] - '0');
      return i > st;
    };
    if (i < s.size() && s[i] == 'M') {
      ++i;
      bound->kind = 'M';
      if (!num(bound->month) || i >= s.size() || s[i++] != '.' || !num(bound->week) || i >= s.size() ||
          s[i++] != '.' || !num(bound->weekday))
        return bad();
    } else if (i < s.size() && s[i] == 'J') {
      ++i;
      bound->kind = 'J';
      if (!num(bound->day)) return bad();
    } else {
      bound->kind = 'N';
      if (!num(bound->day)) return bad();
    }
    bound->time = 7200;
    if (i < s.size() && s[i] == '/') {
      ++i;
      if (!parse_posix_time(s, i, bound->time)) return bad();
    }
  }
  if (i != s.size()) return bad();
  return ok_status();
}

int64_t TimeZone::posix_transition(int year, const DstBound& b, int offset_before) const {
  Date d;
  if (b.kind == 'M') {
    const Date first = Date::from_ymd(year, b.month, 1);
    // POSIX weekday: 0 = Sunday. ISO: 7 = Sunday.
    const int first_wd = first.iso_weekday() % 7;
    int day = 1 + (b.weekday - first_wd + 7) % 7 + (b.week - 1) * 7;
    if (b.week == 5) {
      while (day > days_in_month(year, b.month)) day -= 7;
    }
    d = Date::from_ymd(year, b.month, day);
  } else if (b.kind == 'J') {
    d = Date::from_ymd(year, 1, 1).add_days(b.day - 1);
    if (days_in_month(year, 2) == 29 && b.day >= 60) d = d.add_days(1);
  } else {
    d = Date::from_ymd(year, 1, 1).add_days(b.day);
  }
  return d.days_since_epoch() * 86400 + b.time - offset_before;
}

int TimeZone::posix_offset_at(int64_t t) const {
  if (!posix_has_dst_) return posix_std_;
  const int year = LocalDateTime::from_unix_local(t + posix_std_).date.year();
  const int64_t start = posix_transition(year, posix_start_, posix_std_);
  const int64_t end = posix_transition(year, posix_end_, posix_dst_);
  if (start < end) return (t >= start && t < end) ? posix_dst_ : posix_std_;
  return (t >= end && t < start) ? posix_std_ : posix_dst_;  // southern hemisphere
}

int TimeZone::offset_at(Instant instant) const {
  const int64_t t = instant.unix_seconds();
  if (transitions_.empty() || t < transitions_.front().at) {
    if (transitions_.empty() && posix_) return posix_offset_at(t);
    return initial_offset_;
  }
  if (t >= transitions_.back().at && posix_) return posix_offset_at(t);
  // Last transition at or before t.
  size_t lo = 0, hi = transitions_.size();
  while (hi - lo > 1) {
    const size_t mid = (lo + hi) / 2;
    if (transitions_[mid].at <= t) lo = mid; else hi = mid;
  }
  return transitions_[lo].offset;
}

Result<Instant> TimeZone::resolve_local(Date date, int seconds_of_day) const {
  const int64_t local = date.days_since_epoch() * 86400 + seconds_of_day;
  // Offsets in these zones lie within ±26 h; try the offsets in force a day
  // either side and keep those that map back to the same wall-clock time.
  std::optional<int64_t> best;
  for (int64_t probe : {local - 86400, local, local + 86400}) {
    const int off = offset_at(Instant::from_unix(probe));
    const int64_t candidate = local - off;
    if (offset_at(Instant::from_unix(candidate)) == off) {
      if (!best || candidate < *best) best = candidate;
    }
  }
  if (!best)
    return invalid_argument(date.to_string() + " " + format_hh_mm(seconds_of_day / 60) +
                            " does not exist in " + name_ + " (the clocks skip it)");
  return Instant::from_unix(*best);
}

}  // namespace dagbok
