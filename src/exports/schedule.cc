#include "exports/schedule.h"

namespace dagbok {
namespace {

bool is_run_day(Schedule::Kind k, Date d) {
  switch (k) {
    case Schedule::Kind::kDaily: return true;
    case Schedule::Kind::kWeekly: return d.iso_weekday() == 1;
    case Schedule::Kind::kMonthly: return d.day() == 1;
    case Schedule::Kind::kAfterClose: return true;
  }
  return true;
}

// The run on local date `d`; a time the clocks skip is run at the first
// instant after it (resolve an hour later).
Instant run_on(const Schedule& s, const TimeZone& tz, Date d) {
  Result<Instant> t = tz.resolve_local(d, s.minute_of_day * 60);
  if (t.ok()) return *t;
  return *tz.resolve_local(d, s.minute_of_day * 60 + 3600);
}

}  // namespace

Instant last_scheduled_run(const Schedule& s, const TimeZone& tz, Instant now) {
  if (s.kind == Schedule::Kind::kAfterClose) return now;
  Date d = tz.to_local(now).date;
  for (int i = 0; i < 40; ++i, d = d.add_days(-1)) {
    if (!is_run_day(s.kind, d)) continue;
    const Instant t = run_on(s, tz, d);
    if (t <= now) return t;
  }
  return Instant::from_unix(0);
}

Instant next_scheduled_run(const Schedule& s, const TimeZone& tz, Instant t) {
  if (s.kind == Schedule::Kind::kAfterClose) return t;
  Date d = tz.to_local(t).date;
  for (int i = 0; i < 40; ++i, d = d.add_days(1)) {
    if (!is_run_day(s.kind, d)) continue;
    const Instant run = run_on(s, tz, d);
    if (run > t) return run;
  }
  return t;
}

bool due_by_schedule(const Delivery& d, const Schedule& s, const TimeZone& tz, Instant now) {
  if (d.manual || s.kind == Schedule::Kind::kAfterClose) return true;
  return d.created_at <= last_scheduled_run(s, tz, now);
}

Result<Schedule> parse_schedule(const std::string& kind, const std::string& at_hh_mm) {
  Schedule s;
  if (kind == "after_close" || kind.empty()) s.kind = Schedule::Kind::kAfterClose;
  else if (kind == "daily") s.kind = Schedule::Kind::kDaily;
  else if (kind == "weekly") s.kind = Schedule::Kind::kWeekly;
  else if (kind == "monthly") s.kind = Schedule::Kind::kMonthly;
  else
    return invalid_argument("schedule '" + kind + "' is not one of after_close, daily, weekly (Mondays), "
                            "monthly (the 1st)");
  if (!at_hh_mm.empty()) {
    ASSIGN_OR_RETURN(s.minute_of_day, parse_hh_mm(at_hh_mm));
  }
  return s;
}

std::string schedule_name(const Schedule& s) {
  switch (s.kind) {
    case Schedule::Kind::kAfterClose: return "after_close";
    case Schedule::Kind::kDaily: return "daily " + format_hh_mm(s.minute_of_day);
    case Schedule::Kind::kWeekly: return "weekly (Monday) " + format_hh_mm(s.minute_of_day);
    case Schedule::Kind::kMonthly: return "monthly (1st) " + format_hh_mm(s.minute_of_day);
  }
  return "after_close";
}

}  // namespace dagbok
