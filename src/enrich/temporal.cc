// Temporal expression recognition and resolution.
//
// The method. A small lexer splits the text into words (ASCII letters),
// numbers (digits, with an ordinal suffix folded in: "20th") and single
// punctuation characters, each with its byte span and whether a space came
// before it. At each word, a cascade of patterns is tried, most specific
// first; the first that matches consumes its words and scanning resumes
// after it, so expressions never overlap:
//
//   1. numeric dates       2018-08-20, 08/20/2018, 20.08.2018
//   2. month first         August 20, 2018 | Aug. 20 | August 2018 | in July
//   3. day first           20 Aug. 2018 | 20 August | the 20th of August
//   4. weekdays            on Monday | last Friday | Monday, August 20, 2018
//   5. deictic words       today, yesterday, last night, this morning
//   6. unit phrases        last week | this month | earlier this year |
//                          three days ago | two days later | the next day |
//                          for nearly eight months (a duration)
//   7. bare years          in 2017 | since 2015 | early 2018 | mid-2017
//
// Month names must be capitalised ("may" is a verb, "march" a noun) and a
// bare "May" needs a preposition before it. A bare year needs a temporal
// preposition before it and no plural noun after it ("in 2000 cases").
//
// Resolution turns a Timex into a CivilDate at the precision it was written
// with: "August 2018" is a month, "last week" an ISO week, "Aug. 20" a day
// whose year is inferred (closest past to the document date, or closest to
// the narrative anchor when the document date is unknown).
//
// Tests: src/enrich/temporal_test.cc; the end-to-end figure is
// `dyad eval dates` over tests/data/dates/.
#include "enrich/temporal.h"

#include <array>
#include <cstdlib>
#include <string>

namespace dyad::enrich {
namespace {

enum class WordKind : std::uint8_t { kAlpha, kNum, kPunct };

struct Word {
  std::uint32_t begin = 0, end = 0;
  WordKind kind = WordKind::kPunct;
  std::string lower;  // Lower-cased text; for numbers, the digits only.
  bool cap = false;   // First letter upper-case.
  bool ordinal = false;  // "20th"
  bool space_before = true;
  int value = -1;     // Numbers: the value (when < 10^8).
  int digits = 0;     // Numbers: count of digits.
};

bool IsAlpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }

std::vector<Word> Lex(std::string_view t) {
  std::vector<Word> out;
  std::size_t i = 0;
  bool space = true;
  while (i < t.size()) {
    unsigned char c = t[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      ++i;
      continue;
    }
    Word w;
    w.begin = static_cast<std::uint32_t>(i);
    w.space_before = space;
    space = false;
    if (IsAlpha(c)) {
      w.kind = WordKind::kAlpha;
      w.cap = c >= 'A' && c <= 'Z';
      while (i < t.size() && IsAlpha(static_cast<unsigned char>(t[i]))) {
        char ch = t[i++];
        w.lower.push_back(ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch);
      }
    } else if (IsDigit(c)) {
      w.kind = WordKind::kNum;
      while (i < t.size() && IsDigit(static_cast<unsigned char>(t[i]))) w.lower.push_back(t[i++]);
      w.digits = static_cast<int>(w.lower.size());
      if (w.digits <= 8) w.value = std::atoi(w.lower.c_str());
      // Ordinal suffix: 1st 2nd 3rd 4th.
      if (i + 1 < t.size() && IsAlpha(static_cast<unsigned char>(t[i])) &&
          (i + 2 >= t.size() || !IsAlpha(static_cast<unsigned char>(t[i + 2])))) {
        std::string suf{static_cast<char>(t[i] | 0x20), static_cast<char>(t[i + 1] | 0x20)};
        if (suf == "st" || suf == "nd" || suf == "rd" || suf == "th") {
          w.ordinal = true;
          i += 2;
        }
      }
    } else {
      w.kind = WordKind::kPunct;
      std::size_t len = 1;
      if (c >= 0xC0) len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      w.lower = std::string(t.substr(i, len));
      i += len;
      if (i > t.size()) i = t.size();
    }
    w.end = static_cast<std::uint32_t>(i);
    out.push_back(std::move(w));
  }
  return out;
}

// 1..12 for a month name or abbreviation, else 0.
int MonthOf(const std::string& w) {
  static const std::array<const char*, 12> kFull = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  static const std::array<const char*, 12> kAbbr = {"jan", "feb", "mar", "apr", "may", "jun",
                                                    "jul", "aug", "sep", "oct", "nov", "dec"};
  for (int m = 0; m < 12; ++m) {
    if (w == kFull[m] || w == kAbbr[m]) return m + 1;
  }
  if (w == "sept") return 9;
  return 0;
}

// 0..6 for a weekday name, else -1.
int WeekdayOf(const std::string& w) {
  static const std::array<const char*, 7> kDays = {"monday", "tuesday",  "wednesday", "thursday",
                                                   "friday", "saturday", "sunday"};
  for (int d = 0; d < 7; ++d) {
    if (w == kDays[d]) return d;
  }
  return -1;
}

// A count written as a word or digits: "two", "a", "12". -1 when not one.
int CountOf(const Word& w) {
  if (w.kind == WordKind::kNum) return w.ordinal ? -1 : w.value;
  static const std::array<const char*, 13> kWords = {
      "zero", "one", "two",   "three", "four",   "five",  "six",
      "seven", "eight", "nine", "ten", "eleven", "twelve"};
  for (int n = 0; n < 13; ++n) {
    if (w.lower == kWords[n]) return n;
  }
  if (w.lower == "a" || w.lower == "an") return 1;
  if (w.lower == "fifteen") return 15;
  if (w.lower == "twenty") return 20;
  if (w.lower == "thirty") return 30;
  return -1;
}

bool UnitOf(const std::string& w, Unit* u) {
  std::string s = w;
  if (s.size() > 1 && s.back() == 's') s.pop_back();
  if (s == "day") *u = Unit::kDay;
  else if (s == "week") *u = Unit::kWeek;
  else if (s == "month") *u = Unit::kMonth;
  else if (s == "year") *u = Unit::kYear;
  else return false;
  return true;
}

bool OneOf(const std::string& w, std::initializer_list<const char*> set) {
  for (const char* s : set) {
    if (w == s) return true;
  }
  return false;
}

class Scanner {
 public:
  Scanner(std::string_view text, std::uint32_t base) : w_(Lex(text)), base_(base) {}

  std::vector<Timex> Run() {
    std::vector<Timex> out;
    std::size_t i = 0;
    while (i < w_.size()) {
      Timex t;
      std::size_t end = Match(i, &t);
      if (end > i) {
        t.span = {base_ + w_[i].begin, base_ + w_[end - 1].end};
        out.push_back(t);
        i = end;
      } else {
        ++i;
      }
    }
    return out;
  }

 private:
  const Word* At(std::size_t i) const { return i < w_.size() ? &w_[i] : nullptr; }
  bool Is(std::size_t i, const char* s) const { return i < w_.size() && w_[i].lower == s; }
  bool Adjacent(std::size_t i) const { return i < w_.size() && !w_[i].space_before; }
  bool IsDayNum(std::size_t i) const {
    const Word* w = At(i);
    return w && w->kind == WordKind::kNum && w->digits <= 2 && w->value >= 1 && w->value <= 31;
  }
  bool IsYearNum(std::size_t i) const {
    const Word* w = At(i);
    return w && w->kind == WordKind::kNum && !w->ordinal && w->digits == 4 && w->value >= 1800 &&
           w->value <= 2199;
  }
  // A capitalised month name at i, with its optional abbreviation period.
  // Returns the month and sets *next past it; 0 when none.
  int MonthAt(std::size_t i, std::size_t* next) const {
    const Word* w = At(i);
    if (!w || w->kind != WordKind::kAlpha || !w->cap) return 0;
    int m = MonthOf(w->lower);
    if (!m) return 0;
    *next = i + 1;
    if (Is(i + 1, ".") && Adjacent(i + 1)) *next = i + 2;
    return m;
  }
  // Whether the word before i introduces a bare month or year.
  bool TemporalPrepBefore(std::size_t i) const {
    if (i == 0) return false;
    const std::string& p = w_[i - 1].lower;
    if (p == "-" && i >= 2 && w_[i - 2].lower == "mid") return true;
    return OneOf(p, {"in", "since", "during", "until", "till", "through", "throughout", "by",
                     "early", "late", "mid", "of", "from", "last", "this", "next", "before",
                     "after", "between", "and", "to", "around", "as"});
  }

  std::size_t Match(std::size_t i, Timex* t) {
    const Word& w = w_[i];
    if (w.kind == WordKind::kNum) {
      if (std::size_t e = NumericDate(i, t)) return e;
      if (std::size_t e = DayFirst(i, t)) return e;
      if (std::size_t e = CountPhrase(i, t)) return e;
      if (std::size_t e = BareYear(i, t)) return e;
      return i;
    }
    if (w.kind != WordKind::kAlpha) return i;
    if (std::size_t e = MonthFirst(i, t)) return e;
    if (std::size_t e = WeekdayPhrase(i, t)) return e;
    if (std::size_t e = Deictic(i, t)) return e;
    if (std::size_t e = UnitPhrase(i, t)) return e;
    if (std::size_t e = DurationPhrase(i, t)) return e;
    if (std::size_t e = CountPhrase(i, t)) return e;
    if (w.lower == "the" && IsDayNum(i + 1) && At(i + 1)->ordinal && Is(i + 2, "of")) {
      if (std::size_t e = DayFirst(i + 1, t)) return e;
    }
    return i;
  }

  // 2018-08-20 | 08/20/2018 | 20.08.2018
  std::size_t NumericDate(std::size_t i, Timex* t) const {
    const Word* a = At(i);
    if (IsYearNum(i) && Is(i + 1, "-") && Adjacent(i + 1) && Adjacent(i + 2) && At(i + 2) &&
        At(i + 2)->kind == WordKind::kNum && At(i + 2)->digits == 2) {
      int y = a->value, m = At(i + 2)->value;
      if (Is(i + 3, "-") && Adjacent(i + 3) && Adjacent(i + 4) && At(i + 4) &&
          At(i + 4)->kind == WordKind::kNum && At(i + 4)->digits == 2) {
        int d = At(i + 4)->value;
        if (!IsValidDay(y, m, d)) return 0;
        t->kind = TimexKind::kDate;
        t->year = y, t->month = m, t->day = d;
        return i + 5;
      }
      if (m >= 1 && m <= 12 && !(At(i + 3) && Adjacent(i + 3) && At(i + 3)->lower != ".")) {
        t->kind = TimexKind::kDate;
        t->year = y, t->month = m;
        return i + 3;
      }
      return 0;
    }
    for (const char* sep : {"/", "."}) {
      if (a->digits <= 2 && Is(i + 1, sep) && Adjacent(i + 1) && Adjacent(i + 2) && IsDayNum(i + 2) &&
          Is(i + 3, sep) && Adjacent(i + 3) && Adjacent(i + 4) && IsYearNum(i + 4)) {
        int first = a->value, second = At(i + 2)->value, y = At(i + 4)->value;
        // Slashes read month/day (US) unless the first cannot be a month;
        // dots read day.month (European).
        int m = first, d = second;
        if (std::string(sep) == "." || first > 12) m = second, d = first;
        if (!IsValidDay(y, m, d)) return 0;
        t->kind = TimexKind::kDate;
        t->year = y, t->month = m, t->day = d;
        return i + 5;
      }
    }
    return 0;
  }

  // After a day number at j: an optional range end ("20-22", "20 and 22").
  std::size_t SkipRangeEnd(std::size_t j) const {
    if ((Is(j, "-") || Is(j, "\xE2\x80\x93")) && IsDayNum(j + 1)) return j + 2;
    return j;
  }

  // Optional ", 2018" / " 2018" after a day or month.
  std::size_t YearAfter(std::size_t j, int* year) const {
    if (Is(j, ",") && IsYearNum(j + 1)) {
      *year = At(j + 1)->value;
      return j + 2;
    }
    if (IsYearNum(j)) {
      *year = At(j)->value;
      return j + 1;
    }
    return j;
  }

  // August 20, 2018 | Aug. 20 | August 2018 | (in) July
  std::size_t MonthFirst(std::size_t i, Timex* t) const {
    std::size_t j = 0;
    int m = MonthAt(i, &j);
    if (!m) return 0;
    t->kind = TimexKind::kDate;
    t->month = m;
    if (IsDayNum(j) && !(Is(j + 1, ":"))) {
      t->day = At(j)->value;
      std::size_t k = SkipRangeEnd(j + 1);
      k = YearAfter(k, &t->year);
      if (t->year && !IsValidDay(t->year, m, t->day)) return 0;
      if (!t->year && t->day > DaysInMonth(2000, m)) return 0;
      return k;
    }
    if (Is(j, "of") && IsYearNum(j + 1)) {
      t->year = At(j + 1)->value;
      return j + 2;
    }
    if (IsYearNum(j)) {
      t->year = At(j)->value;
      return j + 1;
    }
    if (Is(j, ",") && IsYearNum(j + 1)) {
      t->year = At(j + 1)->value;
      return j + 2;
    }
    // A bare month. "May" and "March" need a temporal word before them.
    bool ambiguous = m == 5 || m == 3;
    if (ambiguous && !TemporalPrepBefore(i)) return 0;
    return j;
  }

  // 20 Aug. 2018 | 20 August | 20th of August 2018
  std::size_t DayFirst(std::size_t i, Timex* t) const {
    if (!IsDayNum(i)) return 0;
    std::size_t j = i + 1;
    if (Is(j, "of")) ++j;
    std::size_t k = 0;
    int m = MonthAt(j, &k);
    if (!m) return 0;
    t->kind = TimexKind::kDate;
    t->month = m;
    t->day = At(i)->value;
    k = YearAfter(k, &t->year);
    if (t->year && !IsValidDay(t->year, m, t->day)) return 0;
    if (!t->year && t->day > DaysInMonth(2000, m)) return 0;
    return k;
  }

  // on Monday | last Friday | next Tuesday | Monday, August 20, 2018
  std::size_t WeekdayPhrase(std::size_t i, Timex* t) const {
    std::size_t j = i;
    int offset = 0;
    if (OneOf(w_[i].lower, {"last", "next", "this", "previous", "past"}) && At(i + 1) &&
        At(i + 1)->cap && WeekdayOf(At(i + 1)->lower) >= 0) {
      offset = w_[i].lower == "next" ? 1 : w_[i].lower == "this" ? 0 : -1;
      j = i + 1;
    }
    const Word* w = At(j);
    if (!w || !w->cap) return 0;
    int wd = WeekdayOf(w->lower);
    if (wd < 0) return 0;
    // A full date right after the weekday wins and takes the weekday in.
    std::size_t k = Is(j + 1, ",") ? j + 2 : j + 1;
    Timex date;
    std::size_t e = 0;
    if (k < w_.size()) {
      if ((e = MonthFirst(k, &date)) || (IsDayNum(k) && (e = DayFirst(k, &date)))) {
        if (date.day) {
          *t = date;
          return e;
        }
      }
    }
    t->kind = TimexKind::kDocRelative;
    t->weekday = wd;
    t->unit = Unit::kDay;
    t->offset = offset;
    return j + 1;
  }

  // today, tonight, yesterday, tomorrow, last night, this morning, ...
  std::size_t Deictic(std::size_t i, Timex* t) const {
    const std::string& s = w_[i].lower;
    t->kind = TimexKind::kDocRelative;
    t->unit = Unit::kDay;
    if (s == "today" || s == "tonight") {
      t->offset = 0;
      return i + 1;
    }
    if (s == "yesterday") {
      t->offset = -1;
      return i + 1;
    }
    if (s == "tomorrow") {
      t->offset = 1;
      return i + 1;
    }
    if (s == "last" && Is(i + 1, "night")) {
      t->offset = -1;
      return i + 2;
    }
    if (s == "this" && At(i + 1) && OneOf(At(i + 1)->lower, {"morning", "afternoon", "evening"})) {
      t->offset = 0;
      return i + 2;
    }
    return 0;
  }

  // last week | this month | next year | earlier this week | the next day |
  // the following week | the previous day | the same day | that day
  std::size_t UnitPhrase(std::size_t i, Timex* t) const {
    const std::string& s = w_[i].lower;
    Unit u;
    // "earlier this month", "later this year"
    if ((s == "earlier" || s == "later") && Is(i + 1, "this") && At(i + 2) &&
        UnitOf(At(i + 2)->lower, &u) && At(i + 2)->lower.back() != 's') {
      t->kind = TimexKind::kDocRelative;
      t->unit = u;
      t->offset = 0;
      return i + 3;
    }
    if (OneOf(s, {"last", "past", "previous", "this", "next", "coming", "current"}) && At(i + 1) &&
        At(i + 1)->lower.back() != 's') {
      bool weekend = Is(i + 1, "weekend");
      if (weekend || UnitOf(At(i + 1)->lower, &u)) {
        if (weekend) u = Unit::kWeek;
        // "in the past week", "over the last month": a stretch, not a date.
        if ((s == "past" || s == "last") && i >= 2 && w_[i - 1].lower == "the" &&
            OneOf(w_[i - 2].lower, {"in", "over", "during", "for", "throughout", "within"})) {
          t->kind = TimexKind::kDuration;
          t->unit = u;
          return i + 2;
        }
        t->kind = TimexKind::kDocRelative;
        t->unit = u;
        t->offset = OneOf(s, {"next", "coming"}) ? 1 : OneOf(s, {"this", "current"}) ? 0 : -1;
        return i + 2;
      }
    }
    if (s == "the" && At(i + 1) && At(i + 2) && UnitOf(At(i + 2)->lower, &u) &&
        At(i + 2)->lower.back() != 's') {
      const std::string& q = At(i + 1)->lower;
      t->kind = TimexKind::kNarrative;
      t->unit = u;
      if (OneOf(q, {"next", "following"})) {
        t->offset = 1;
        return i + 3;
      }
      if (OneOf(q, {"previous", "preceding"})) {
        t->offset = -1;
        return i + 3;
      }
      if (q == "same") {
        t->offset = 0;
        return i + 3;
      }
    }
    // "the day before", "the day after" (not "the day after the vote").
    if (s == "the" && Is(i + 1, "day") && (Is(i + 2, "before") || Is(i + 2, "after"))) {
      t->kind = TimexKind::kNarrative;
      t->unit = Unit::kDay;
      t->offset = Is(i + 2, "before") ? -1 : 1;
      return i + 3;
    }
    if (s == "the" && At(i + 1) && OneOf(At(i + 1)->lower, {"next", "following"}) && At(i + 2) &&
        OneOf(At(i + 2)->lower, {"morning", "evening", "night", "afternoon"})) {
      t->kind = TimexKind::kNarrative;
      t->unit = Unit::kDay;
      t->offset = 1;
      return i + 3;
    }
    // "over the weekend", "at the weekend": the latest weekend (its ISO week).
    if (OneOf(s, {"over", "at", "during"}) && Is(i + 1, "the") && Is(i + 2, "weekend")) {
      t->kind = TimexKind::kDocRelative;
      t->unit = Unit::kWeek;
      t->weekday = 5;  // Saturday
      return i + 3;
    }
    if (s == "that" && Is(i + 1, "day")) {
      t->kind = TimexKind::kNarrative;
      t->unit = Unit::kDay;
      t->offset = 0;
      return i + 2;
    }
    return 0;
  }

  // Hedges that may stand between "for" and a count.
  std::size_t SkipHedge(std::size_t j) const {
    if (Is(j, "more") && Is(j + 1, "than")) return j + 2;
    if (Is(j, "less") && Is(j + 1, "than")) return j + 2;
    if (Is(j, "at") && Is(j + 1, "least")) return j + 2;
    if (Is(j, "up") && Is(j + 1, "to")) return j + 2;
    if (At(j) && OneOf(At(j)->lower, {"nearly", "almost", "about", "around", "over", "some",
                                      "roughly", "approximately", "just", "only", "another"}))
      return j + 1;
    return j;
  }

  // for nearly eight months | over the past two weeks | for years
  std::size_t DurationPhrase(std::size_t i, Timex* t) const {
    const std::string& s = w_[i].lower;
    if (!OneOf(s, {"for", "over", "in", "during", "within", "throughout"})) return 0;
    std::size_t j = i + 1;
    bool the = false;
    if (Is(j, "the")) {
      the = true;
      ++j;
      if (At(j) && OneOf(At(j)->lower, {"past", "last", "previous", "next", "coming"})) ++j;
    }
    j = SkipHedge(j);
    Unit u;
    if (s == "for" && !the && At(j) && At(j)->lower.back() == 's' && UnitOf(At(j)->lower, &u)) {
      t->kind = TimexKind::kDuration;
      t->unit = u;
      return j + 1;
    }
    const Word* n = At(j);
    if (!n) return 0;
    int count = CountOf(*n);
    if (count < 0 || (n->lower == "a" && !the && s != "for")) return 0;
    std::size_t k = j + 1;
    if (Is(k, "and") && Is(k + 1, "a") && Is(k + 2, "half")) k += 3;
    if (!At(k) || !UnitOf(At(k)->lower, &u)) return 0;
    // "in two days" without "the past": still a stretch of time for us.
    if (Is(k + 1, "ago") || Is(k + 1, "later") || Is(k + 1, "earlier")) return 0;
    t->kind = TimexKind::kDuration;
    t->unit = u;
    return k + 1;
  }

  // three days ago | two days later | a week earlier | 2 months after
  std::size_t CountPhrase(std::size_t i, Timex* t) const {
    int count = CountOf(w_[i]);
    if (count < 0) return 0;
    Unit u;
    if (!At(i + 1) || !UnitOf(At(i + 1)->lower, &u)) return 0;
    const Word* x = At(i + 2);
    if (!x) return 0;
    t->unit = u;
    if (x->lower == "ago") {
      t->kind = TimexKind::kDocRelative;
      t->offset = -count;
      return i + 3;
    }
    if (OneOf(x->lower, {"later", "after", "afterwards", "afterward", "on"})) {
      t->kind = TimexKind::kNarrative;
      t->offset = count;
      return i + 3;
    }
    if (OneOf(x->lower, {"earlier", "before", "prior"})) {
      t->kind = TimexKind::kNarrative;
      t->offset = -count;
      return i + 3;
    }
    return 0;
  }

  // in 2017 | since 2015 | early 2018 | mid-2017
  std::size_t BareYear(std::size_t i, Timex* t) const {
    if (!IsYearNum(i) || !TemporalPrepBefore(i)) return 0;
    // "in 2000 cases": a count, not a year.
    if (const Word* n = At(i + 1);
        n && n->kind == WordKind::kAlpha && !n->cap && n->lower.size() > 3 && n->lower.back() == 's')
      return 0;
    if (Is(i + 1, "-") && Adjacent(i + 1)) return 0;  // 2017-2018 ranges handled as start only
    t->kind = TimexKind::kDate;
    t->year = At(i)->value;
    return i + 1;
  }

  std::vector<Word> w_;
  std::uint32_t base_;
};

CivilDate Shift(const CivilDate& d, Unit u, int n) {
  switch (u) {
    case Unit::kDay: return AddDays(d, n);
    case Unit::kWeek: return AddDays(d, 7 * static_cast<std::int64_t>(n));
    case Unit::kMonth: return AddMonths(d, n);
    case Unit::kYear: return AddMonths(d, 12 * n);
  }
  return d;
}

Precision PrecisionOfUnit(Unit u) {
  switch (u) {
    case Unit::kDay: return Precision::kDay;
    case Unit::kWeek: return Precision::kWeek;
    case Unit::kMonth: return Precision::kMonth;
    case Unit::kYear: return Precision::kYear;
  }
  return Precision::kDay;
}

// The written fields in `year`, at the timex's precision.
CivilDate WithYear(const Timex& t, int year) {
  if (t.day) return CivilDate::Day(year, t.month, std::min(t.day, DaysInMonth(year, t.month)));
  if (t.month) return CivilDate::Month(year, t.month);
  return CivilDate::Year(year);
}

}  // namespace

std::vector<Timex> FindTimexes(std::string_view text, std::uint32_t base) {
  return Scanner(text, base).Run();
}

std::optional<ResolvedDate> Resolve(const Timex& t, const Anchors& a) {
  switch (t.kind) {
    case TimexKind::kDuration: return std::nullopt;
    case TimexKind::kDate: {
      if (t.year) return ResolvedDate{WithYear(t, t.year), false};
      if (!t.month) return std::nullopt;
      if (a.document.valid()) {
        // Closest past: this year's date unless it lies after the document.
        CivilDate d = WithYear(t, a.document.year);
        Precision cmp = Coarser(d.precision, a.document.precision);
        if (Truncate(d, cmp).DayNumber() > Truncate(a.document, cmp).DayNumber()) {
          d = WithYear(t, a.document.year - 1);
        }
        return ResolvedDate{d, false};
      }
      if (a.narrative.valid()) {
        // Closest to the narrative anchor, either side.
        CivilDate best;
        std::int64_t best_gap = 0;
        for (int y = a.narrative.year - 1; y <= a.narrative.year + 1; ++y) {
          CivilDate d = WithYear(t, y);
          std::int64_t gap = std::llabs(d.DayNumber() - a.narrative.DayNumber());
          if (!best.valid() || gap < best_gap) best = d, best_gap = gap;
        }
        return ResolvedDate{best, true};
      }
      return std::nullopt;
    }
    case TimexKind::kDocRelative: {
      if (!a.document.valid()) return std::nullopt;
      const CivilDate& doc = a.document;
      if (t.weekday >= 0 && t.unit == Unit::kWeek) {
        // The weekend on or before the document date, as its ISO week.
        if (doc.precision != Precision::kDay) return std::nullopt;
        int back = (doc.Weekday() - t.weekday + 7) % 7;
        return ResolvedDate{WeekOf(AddDays(doc, -back)), false};
      }
      if (t.weekday >= 0) {
        if (doc.precision != Precision::kDay) return std::nullopt;
        int back = (doc.Weekday() - t.weekday + 7) % 7;
        if (t.offset > 0) {
          int fwd = (t.weekday - doc.Weekday() + 7) % 7;
          return ResolvedDate{AddDays(doc, fwd == 0 ? 7 : fwd), false};
        }
        if (t.offset < 0 && back == 0) back = 7;
        return ResolvedDate{AddDays(doc, -back), false};
      }
      Precision p = Coarser(doc.precision, PrecisionOfUnit(t.unit));
      return ResolvedDate{Truncate(Shift(doc, t.unit, t.offset), p), false};
    }
    case TimexKind::kNarrative: {
      if (!a.narrative.valid()) return std::nullopt;
      Precision p = Coarser(a.narrative.precision, PrecisionOfUnit(t.unit));
      return ResolvedDate{Truncate(Shift(a.narrative, t.unit, t.offset), p), true};
    }
  }
  return std::nullopt;
}

std::vector<Span> HeadLines(const Document& doc, std::size_t max_lines) {
  const std::string& text = doc.text;
  std::vector<Span> blocks;
  for (const Block& b : doc.blocks) blocks.push_back(b.span);
  if (blocks.empty()) blocks.push_back({0, static_cast<std::uint32_t>(text.size())});
  std::vector<Span> lines;
  for (const Span& b : blocks) {
    if (b.end > text.size()) continue;
    std::uint32_t start = b.begin;
    for (std::uint32_t i = b.begin; i <= b.end && lines.size() < max_lines; ++i) {
      if (i == b.end || text[i] == '\n') {
        if (i > start) lines.push_back({start, i});
        start = i + 1;
      }
    }
    if (lines.size() >= max_lines) break;
  }
  return lines;
}

std::vector<DatelineTimex> FindDatelineTimexes(const Document& doc) {
  std::vector<DatelineTimex> out;
  const std::string& text = doc.text;
  std::vector<Span> blocks = HeadLines(doc, 8);
  int seen = 0;
  for (const Span& b : blocks) {
    if (b.end > text.size() || b.empty()) continue;
    if (++seen > 6) break;
    std::string_view block(text.data() + b.begin, b.size());
    // Only a date near the line start can qualify (a dateline within 40
    // bytes; a date line is short), so a long line is scanned only up to
    // the first whitespace after 120 bytes.
    std::string_view scan = block;
    if (block.size() > 160) {
      std::size_t cut = block.find_first_of(" \t\n", 120);
      if (cut != std::string_view::npos) scan = block.substr(0, cut);
    }
    for (const Timex& t : FindTimexes(scan, 0)) {
      if (t.kind != TimexKind::kDate || !t.month || !t.day) continue;
      // A date line: a full date and little else on a line that is not a
      // sentence ("September 4, 2018 12:00AM EDT", "Published 3 June 2021").
      bool short_line = t.year && block.size() - t.span.size() <= 25 && t.span.begin <= 20 &&
                        block.back() != '.';
      // A dateline: "PLACE, <date> (Agency) -" or "PLACE, <date> -".
      bool dateline = false;
      if (t.span.begin <= 40 && t.span.begin >= 2 && block[t.span.begin - 2] == ',') {
        std::string_view rest = block.substr(t.span.end, 40);
        std::size_t dash = rest.find_first_of("-(");
        if (dash == std::string_view::npos) {
          dash = std::min(rest.find("\xE2\x80\x93"), rest.find("\xE2\x80\x94"));
        }
        dateline = dash != std::string_view::npos && dash <= 25;
      }
      if (!short_line && !dateline) continue;
      DatelineTimex d;
      d.span = {b.begin + t.span.begin, b.begin + t.span.end};
      if (t.year) d.date = CivilDate::Day(t.year, t.month, t.day);
      out.push_back(d);
    }
  }
  return out;
}

std::optional<CivilDate> FindDatelineDate(const Document& doc) {
  for (const DatelineTimex& d : FindDatelineTimexes(doc)) {
    if (d.date.valid()) return d.date;
  }
  return std::nullopt;
}

}  // namespace dyad::enrich
