// Calendar arithmetic on day numbers (days since 1970-01-01), after Howard
// Hinnant's public-domain civil_from_days / days_from_civil algorithms.
#include "enrich/date.h"

#include <cstdio>

namespace dyad::enrich {
namespace {

std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool ParseInt(std::string_view s, int* out) {
  if (s.empty() || s.size() > 9) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

// ISO week-numbering year and week of a day-precision date.
void IsoWeek(const CivilDate& d, int* iso_year, int* week) {
  const std::int64_t dn = d.DayNumber();
  const int wd = d.Weekday();
  // The Thursday of this week decides the ISO year.
  CivilDate thursday = CivilDate::FromDayNumber(dn - wd + 3);
  *iso_year = thursday.year;
  const std::int64_t jan1 = CivilDate::Day(thursday.year, 1, 1).DayNumber();
  *week = static_cast<int>((thursday.DayNumber() - jan1) / 7) + 1;
}

}  // namespace

const char* PrecisionName(Precision p) {
  switch (p) {
    case Precision::kDay: return "day";
    case Precision::kWeek: return "week";
    case Precision::kMonth: return "month";
    case Precision::kYear: return "year";
    case Precision::kNone: return "";
  }
  return "";
}

std::optional<Precision> ParsePrecision(std::string_view name) {
  if (name == "day") return Precision::kDay;
  if (name == "week") return Precision::kWeek;
  if (name == "month") return Precision::kMonth;
  if (name == "year") return Precision::kYear;
  return std::nullopt;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

bool IsValidDay(int year, int month, int day) {
  return month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month);
}

std::int64_t CivilDate::DayNumber() const {
  return DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

int CivilDate::Weekday() const {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  std::int64_t w = (DayNumber() + 3) % 7;
  if (w < 0) w += 7;
  return static_cast<int>(w);
}

CivilDate CivilDate::FromDayNumber(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Day(static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d));
}

std::string CivilDate::ToIso() const {
  char buf[32];
  switch (precision) {
    case Precision::kNone: return "";
    case Precision::kYear: std::snprintf(buf, sizeof buf, "%04d", year); break;
    case Precision::kMonth: std::snprintf(buf, sizeof buf, "%04d-%02d", year, month); break;
    case Precision::kDay:
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
      break;
    case Precision::kWeek: {
      int iy = 0, wk = 0;
      IsoWeek(*this, &iy, &wk);
      std::snprintf(buf, sizeof buf, "%04d-W%02d", iy, wk);
      break;
    }
  }
  return buf;
}

CivilDate AddDays(const CivilDate& d, std::int64_t days) {
  CivilDate out = CivilDate::FromDayNumber(d.DayNumber() + days);
  out.precision = d.precision;
  return out;
}

CivilDate AddMonths(const CivilDate& d, int months) {
  int total = d.year * 12 + (d.month - 1) + months;
  int y = total >= 0 ? total / 12 : (total - 11) / 12;
  int m = total - y * 12 + 1;
  int day = d.day;
  if (day > DaysInMonth(y, m)) day = DaysInMonth(y, m);
  return CivilDate{y, m, day, d.precision};
}

CivilDate WeekOf(const CivilDate& d) {
  CivilDate monday = AddDays(CivilDate::Day(d.year, d.month, d.day), -d.Weekday());
  monday.precision = Precision::kWeek;
  return monday;
}

Precision Coarser(Precision a, Precision b) {
  if (a == Precision::kNone) return b;
  if (b == Precision::kNone) return a;
  return static_cast<int>(a) < static_cast<int>(b) ? a : b;
}

CivilDate Truncate(const CivilDate& d, Precision p) {
  switch (p) {
    case Precision::kYear: return CivilDate::Year(d.year);
    case Precision::kMonth: return CivilDate::Month(d.year, d.month);
    case Precision::kWeek: return WeekOf(d);
    case Precision::kDay: return CivilDate::Day(d.year, d.month, d.day);
    case Precision::kNone: return CivilDate{};
  }
  return CivilDate{};
}

std::optional<CivilDate> ParseIsoDate(std::string_view s) {
  if (auto t = s.find('T'); t != std::string_view::npos) s = s.substr(0, t);
  while (!s.empty() && (s.back() == ' ' || s.back() == 'Z')) s.remove_suffix(1);
  int y = 0, m = 0, d = 0;
  if (s.size() < 4 || !ParseInt(s.substr(0, 4), &y)) return std::nullopt;
  if (s.size() == 4) return CivilDate::Year(y);
  if (s[4] != '-') return std::nullopt;
  if (s.size() == 8 && s[5] == 'W') {
    int w = 0;
    if (!ParseInt(s.substr(6, 2), &w) || w < 1 || w > 53) return std::nullopt;
    // The Monday of ISO week 1 is the Monday of the week holding Jan 4.
    CivilDate week1 = WeekOf(CivilDate::Day(y, 1, 4));
    return AddDays(week1, 7 * (w - 1));
  }
  if (s.size() < 7 || !ParseInt(s.substr(5, 2), &m) || m < 1 || m > 12) return std::nullopt;
  if (s.size() == 7) return CivilDate::Month(y, m);
  if (s.size() != 10 || s[7] != '-' || !ParseInt(s.substr(8, 2), &d)) return std::nullopt;
  if (!IsValidDay(y, m, d)) return std::nullopt;
  return CivilDate::Day(y, m, d);
}

}  // namespace dyad::enrich
