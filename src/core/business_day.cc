#include "core/business_day.h"

namespace dagbok {

Result<BusinessCalendar> BusinessCalendar::create(TimeZone zone, int day_break_minutes) {
  if (day_break_minutes < 0 || day_break_minutes >= 24 * 60)
    return invalid_argument("the day-break must be a time of day between 00:00 and 23:59");
  if (day_break_minutes >= 120 && day_break_minutes < 180)
    return invalid_argument("a day-break of " + format_hh_mm(day_break_minutes) +
                            " is not allowed: times between 02:00 and 03:00 are skipped or repeated "
                            "when the clocks change; choose 03:00 or later, or before 02:00");
  return BusinessCalendar(std::move(zone), day_break_minutes);
}

Date BusinessCalendar::business_date(Instant t) const {
  const LocalDateTime local = zone_.to_local(t);
  if (local.seconds_of_day < day_break_ * 60) return local.date.add_days(-1);
  return local.date;
}

Instant BusinessCalendar::day_start(Date d) const {
  // create() refused day-breaks that can be skipped, so this always resolves.
  Result<Instant> r = zone_.resolve_local(d, day_break_ * 60);
  assert(r.ok());
  return r.value();
}

}  // namespace dagbok
