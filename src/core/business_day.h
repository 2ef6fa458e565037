// BusinessCalendar: which business day an instant belongs to.
//
// A business day D is the local interval [D + day_break, D+1 + day_break) in
// the company's time zone. With a 05:00 day-break in Europe/Stockholm,
// 2026-03-28 runs from 05:00+01:00 to 05:00+02:00 the next morning, 23 hours;
// 2026-10-24 runs 25 hours. A sale at 01:30 belongs to the previous date.
//
// Day-break times in [02:00, 03:00) are refused: on the spring night they do
// not exist and on the autumn night they happen twice.
//
//   auto cal = *BusinessCalendar::create(*TimeZone::load("Europe/Stockholm"), 5 * 60);
//   cal.business_date(*Instant::parse_rfc3339("2026-03-29T01:30:00+01:00"));  // 2026-03-28
#pragma once

#include "core/date.h"
#include "core/result.h"
#include "core/time_zone.h"

namespace dagbok {

class BusinessCalendar {
 public:
  static Result<BusinessCalendar> create(TimeZone zone, int day_break_minutes);

  const TimeZone& zone() const { return zone_; }
  int day_break_minutes() const { return day_break_; }

  Date business_date(Instant t) const;
  // The first instant of business day D.
  Instant day_start(Date d) const;
  Instant day_end(Date d) const { return day_start(d.add_days(1)); }
  int64_t day_length_seconds(Date d) const {
    return day_end(d).unix_seconds() - day_start(d).unix_seconds();
  }
  // The local calendar date of an instant (for VAT rates: the time of supply
  // decides the rate, not the business date).
  Date local_date(Instant t) const { return zone_.to_local(t).date; }

 private:
  BusinessCalendar(TimeZone zone, int day_break) : zone_(std::move(zone)), day_break_(day_break) {}
  TimeZone zone_;
  int day_break_;
};

}  // namespace dagbok
