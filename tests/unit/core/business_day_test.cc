#include "core/business_day.h"

#include <gtest/gtest.h>

namespace dagbok {
namespace {

Instant at(const char* s) { return *Instant::parse_rfc3339(s); }
Date day(const char* s) { return *Date::parse(s); }

BusinessCalendar calendar(const char* zone, int break_minutes) {
  Result<TimeZone> tz = TimeZone::load(zone);
  EXPECT_TRUE(tz.ok()) << (tz.ok() ? "" : tz.error().message());
  return *BusinessCalendar::create(*tz, break_minutes);
}

TEST(Date, ParsesAndFormats) {
  EXPECT_EQ(day("2026-03-29").to_string(), "2026-03-29");
  EXPECT_EQ(day("2026-03-29").to_compact(), "20260329");
  EXPECT_EQ(day("2024-02-29").add_days(1).to_string(), "2024-03-01");
  EXPECT_FALSE(Date::parse("2025-02-29").ok());
  EXPECT_FALSE(Date::parse("2025-2-28").ok());
  EXPECT_EQ(day("2026-11-23").iso_weekday(), 1);  // a Monday
  EXPECT_EQ(day("2026-01-31").add_months(1).to_string(), "2026-02-28");
  EXPECT_EQ(Date::parse_compact("20261120")->to_string(), "2026-11-20");
}

TEST(Instant, NeedsAnOffset) {
  EXPECT_EQ(at("2026-03-29T01:30:00+01:00").to_utc_string(), "2026-03-29T00:30:00Z");
  EXPECT_EQ(at("2026-03-29T00:30:00Z").unix_seconds(), at("2026-03-29T02:30:00+02:00").unix_seconds());
  EXPECT_EQ(at("2026-03-29T01:30:00.123+01:00").to_utc_string(), "2026-03-29T00:30:00Z");
  Result<Instant> naive = Instant::parse_rfc3339("2026-10-25T02:30:00");
  ASSERT_FALSE(naive.ok());
  EXPECT_NE(naive.error().message().find("offset"), std::string::npos);
  EXPECT_FALSE(Instant::parse_rfc3339("2026-10-25T25:30:00+01:00").ok());
}

TEST(TimeZone, StockholmOffsetsAcrossBothChanges) {
  TimeZone tz = *TimeZone::load("Europe/Stockholm");
  EXPECT_EQ(tz.offset_at(at("2026-03-29T00:59:59Z")), 3600);
  EXPECT_EQ(tz.offset_at(at("2026-03-29T01:00:00Z")), 7200);
  EXPECT_EQ(tz.offset_at(at("2026-10-25T00:59:59Z")), 7200);
  EXPECT_EQ(tz.offset_at(at("2026-10-25T01:00:00Z")), 3600);
  // Far beyond the table: the footer rule applies.
  EXPECT_EQ(tz.offset_at(at("2091-07-01T12:00:00Z")), 7200);
  EXPECT_EQ(tz.offset_at(at("2091-01-01T12:00:00Z")), 3600);
}

TEST(TimeZone, PosixRuleMatchesTheCompiledZone) {
  TimeZone file = *TimeZone::load("Europe/Oslo");
  TimeZone rule = *TimeZone::from_posix_rule("Europe/Oslo", "CET-1CEST,M3.5.0,M10.5.0/3");
  for (int64_t t = at("2020-01-01T00:00:00Z").unix_seconds(); t < at("2030-01-01T00:00:00Z").unix_seconds();
       t += 1800)
    ASSERT_EQ(file.offset_at(Instant::from_unix(t)), rule.offset_at(Instant::from_unix(t))) << t;
}

TEST(TimeZone, ResolvesLocalTimes) {
  TimeZone tz = *TimeZone::load("Europe/Stockholm");
  // The autumn night repeats 02:30: the earlier instant is chosen.
  EXPECT_EQ(tz.resolve_local(day("2026-10-25"), 2 * 3600 + 1800)->to_utc_string(), "2026-10-25T00:30:00Z");
  // The spring night skips 02:30.
  EXPECT_FALSE(tz.resolve_local(day("2026-03-29"), 2 * 3600 + 1800).ok());
}

TEST(TimeZone, UnknownZoneIsAClearError) {
  Result<TimeZone> tz = TimeZone::load("Europe/Atlantis");
  ASSERT_FALSE(tz.ok());
  EXPECT_NE(tz.error().message().find("Europe/Atlantis"), std::string::npos);
  EXPECT_FALSE(TimeZone::load("../etc/passwd").ok());
}

struct DstCase {
  const char* zone;
  int break_minutes;
  const char* date;
  int hours;
};

void PrintTo(const DstCase& c, std::ostream* os) {
  *os << c.zone << " day-break " << format_hh_mm(c.break_minutes) << " " << c.date;
}

class BusinessDayLength : public testing::TestWithParam<DstCase> {};

TEST_P(BusinessDayLength, IsTwentyThreeOrTwentyFiveHoursOnChangeDays) {
  const DstCase c = GetParam();
  BusinessCalendar cal = calendar(c.zone, c.break_minutes);
  EXPECT_EQ(cal.day_length_seconds(day(c.date)), int64_t{c.hours} * 3600);
}

INSTANTIATE_TEST_SUITE_P(
    BothZonesBothChanges, BusinessDayLength,
    testing::Values(DstCase{"Europe/Stockholm", 300, "2026-03-28", 23}, DstCase{"Europe/Stockholm", 300, "2026-10-24", 25},
                    DstCase{"Europe/Stockholm", 300, "2026-03-29", 24}, DstCase{"Europe/Stockholm", 300, "2026-06-15", 24},
                    DstCase{"Europe/Oslo", 300, "2026-03-28", 23}, DstCase{"Europe/Oslo", 300, "2026-10-24", 25},
                    DstCase{"Europe/Oslo", 300, "2027-03-27", 23}, DstCase{"Europe/Oslo", 300, "2027-10-30", 25},
                    DstCase{"Europe/Stockholm", 0, "2026-03-29", 23}, DstCase{"Europe/Stockholm", 0, "2026-10-25", 25},
                    DstCase{"Europe/Oslo", 0, "2026-03-29", 23}, DstCase{"Europe/Oslo", 0, "2026-10-25", 25},
                    DstCase{"Europe/Oslo", 240, "2026-10-24", 25}));

TEST(BusinessDay, AfterMidnightBelongsToThePreviousDay) {
  BusinessCalendar cal = calendar("Europe/Stockholm", 300);
  EXPECT_EQ(cal.business_date(at("2026-03-29T01:30:00+01:00")), day("2026-03-28"));
  EXPECT_EQ(cal.business_date(at("2026-03-29T04:59:59+02:00")), day("2026-03-28"));
  EXPECT_EQ(cal.business_date(at("2026-03-29T05:00:00+02:00")), day("2026-03-29"));
  // Both 02:30s of the autumn night are in business day 2026-10-24.
  EXPECT_EQ(cal.business_date(at("2026-10-25T02:30:00+02:00")), day("2026-10-24"));
  EXPECT_EQ(cal.business_date(at("2026-10-25T02:30:00+01:00")), day("2026-10-24"));
  EXPECT_EQ(cal.day_start(day("2026-10-24")).to_utc_string(), "2026-10-24T03:00:00Z");
  EXPECT_EQ(cal.day_end(day("2026-10-24")).to_utc_string(), "2026-10-25T04:00:00Z");
}

TEST(BusinessDay, OsloDstNightReceiptBelongsToItsDay) {
  // Worked example N6: 2026-10-25 02:30+02:00 belongs to 2026-10-24.
  BusinessCalendar cal = calendar("Europe/Oslo", 300);
  EXPECT_EQ(cal.business_date(at("2026-10-25T02:30:00+02:00")), day("2026-10-24"));
  EXPECT_EQ(cal.local_date(at("2026-10-25T02:30:00+02:00")), day("2026-10-25"));
}

TEST(BusinessDay, RefusesDayBreaksInTheSkippedHour) {
  TimeZone tz = *TimeZone::load("Europe/Stockholm");
  EXPECT_FALSE(BusinessCalendar::create(tz, 120).ok());
  EXPECT_FALSE(BusinessCalendar::create(tz, 179).ok());
  EXPECT_TRUE(BusinessCalendar::create(tz, 180).ok());
  EXPECT_TRUE(BusinessCalendar::create(tz, 119).ok());
}

}  // namespace
}  // namespace dagbok
