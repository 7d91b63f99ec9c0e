// CivilDate: a proleptic Gregorian calendar date at a stated precision.
//
// Event dates are not always known to the day: "in July" is a month, "in
// 2017" a year, "last week" an ISO week. A CivilDate keeps the fields it
// knows and says which it knows; fields below the precision are set to 1 so
// that arithmetic and comparison work on the first day of the period.
//
// ISO forms (ToIso / ParseIsoDate): day "2018-08-20", week "2018-W34",
// month "2018-08", year "2018".
#ifndef DYAD_ENRICH_DATE_H_
#define DYAD_ENRICH_DATE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dyad::enrich {

enum class Precision : std::uint8_t { kNone = 0, kYear, kMonth, kWeek, kDay };

// "day", "week", "month", "year", or "" for kNone.
const char* PrecisionName(Precision p);
// Inverse of PrecisionName; nullopt for anything else.
std::optional<Precision> ParsePrecision(std::string_view name);

struct CivilDate {
  int year = 0;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  Precision precision = Precision::kNone;

  bool valid() const { return precision != Precision::kNone; }
  // The date at its precision in ISO 8601 ("" when !valid()). A week-precision
  // date prints as its ISO week ("2018-W34"), whatever weekday it holds.
  std::string ToIso() const;
  // Days since 1970-01-01 of year-month-day (whatever the precision).
  std::int64_t DayNumber() const;
  // 0 = Monday .. 6 = Sunday.
  int Weekday() const;

  static CivilDate Day(int y, int m, int d) { return {y, m, d, Precision::kDay}; }
  static CivilDate Month(int y, int m) { return {y, m, 1, Precision::kMonth}; }
  static CivilDate Year(int y) { return {y, 1, 1, Precision::kYear}; }
  // The day-precision date of a day number.
  static CivilDate FromDayNumber(std::int64_t days);

  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

// Days in `month` of `year`.
int DaysInMonth(int year, int month);
// Whether y-m-d is a real calendar date.
bool IsValidDay(int year, int month, int day);

// Shifts by whole days / months / years. Month and year shifts clamp the day
// to the target month's length. Precision is unchanged.
CivilDate AddDays(const CivilDate& d, std::int64_t days);
CivilDate AddMonths(const CivilDate& d, int months);
// The Monday of d's ISO week, at week precision.
CivilDate WeekOf(const CivilDate& d);
// The coarser of two precisions (kNone counts as finest so it never wins).
Precision Coarser(Precision a, Precision b);
// Drops fields below `p` (sets them to 1; a week keeps its Monday).
CivilDate Truncate(const CivilDate& d, Precision p);

// Parses "2018-08-20", "2018-08-20T12:00:00Z" (time ignored), "2018-W34",
// "2018-08" or "2018". Returns nullopt on anything else or an impossible date.
std::optional<CivilDate> ParseIsoDate(std::string_view s);

}  // namespace dyad::enrich

#endif  // DYAD_ENRICH_DATE_H_
