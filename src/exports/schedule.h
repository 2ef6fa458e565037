// When a destination's deliveries are due.
//
// "After each day close" sends at once. Daily, weekly (Mondays) and monthly
// (the 1st) send at a time of day in the company's time zone — 05:00 by
// default, which is 05:00 local on both sides of a DST change. A delivery is
// due once a scheduled run has come at or after the delivery was created; a
// run missed while the server was down is therefore made at the next start.
#pragma once

#include <string>

#include "core/result.h"
#include "core/time_zone.h"
#include "store/export_records.h"

namespace dagbok {

// The latest scheduled run at or before `now` (for kAfterClose: `now`).
Instant last_scheduled_run(const Schedule& s, const TimeZone& tz, Instant now);
// The first scheduled run after `t`.
Instant next_scheduled_run(const Schedule& s, const TimeZone& tz, Instant t);
bool due_by_schedule(const Delivery& d, const Schedule& s, const TimeZone& tz, Instant now);

Result<Schedule> parse_schedule(const std::string& kind, const std::string& at_hh_mm);
std::string schedule_name(const Schedule& s);  // "after_close", "daily 05:00" …

}  // namespace dagbok
