// Temporal expressions: find them in text, and resolve them to calendar dates.
//
//   std::vector<Timex> t = FindTimexes("On August 23, Kadyrov pledged ...");
//   Anchors a{.document = *ParseIsoDate("2018-09-04")};
//   std::optional<ResolvedDate> d = Resolve(t[0], a);  // 2018-08-23, day
//
// Recognition works on the raw text alone (no tokens, no parse), so that it
// can be tested on strings. Resolution needs two anchors: the document date
// (metadata or dateline) and the narrative anchor (the last date the text
// mentioned before the expression). See docs/enrich.md for the rules.
#ifndef DYAD_ENRICH_TEMPORAL_H_
#define DYAD_ENRICH_TEMPORAL_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "dyad/document.h"
#include "enrich/date.h"

namespace dyad::enrich {

enum class TimexKind : std::uint8_t {
  // A calendar date as written: "August 20, 2018", "20 Aug. 2018",
  // "2018-08-20", "Aug. 20", "in July", "in 2017". Fields that were not
  // written are 0; a missing year is inferred at resolution.
  kDate = 0,
  // Relative to the document date: "yesterday", "last week", "on Monday",
  // "three days ago", "earlier this month".
  kDocRelative,
  // Relative to the narrative anchor: "two days later", "the next day",
  // "the same day".
  kNarrative,
  // A stretch of time, not a date: "for nearly eight months", "over the
  // past two weeks". Recognised so that it is never misread as a date.
  kDuration,
};

enum class Unit : std::uint8_t { kDay = 0, kWeek, kMonth, kYear };

struct Timex {
  Span span;  // Bytes of the expression in the text given to FindTimexes.
  TimexKind kind = TimexKind::kDate;
  // kDate: the written fields, 0 when absent (month 1..12, day 1..31).
  int year = 0, month = 0, day = 0;
  // kDocRelative / kNarrative: shift of `offset` units (negative = past).
  Unit unit = Unit::kDay;
  int offset = 0;
  // kDocRelative weekday ("on Monday"): 0 = Monday .. 6 = Sunday; else -1.
  // With unit kWeek it names the ISO week of the latest such day ("over the
  // weekend": the latest Saturday's week).
  int weekday = -1;
};

// Finds the temporal expressions of `text`, left to right, without overlap.
// Spans are offsets into `text` plus `base` (pass a sentence's begin offset
// to get document offsets). Never fails.
std::vector<Timex> FindTimexes(std::string_view text, std::uint32_t base = 0);

struct Anchors {
  CivilDate document;   // The document's date; !valid() when unknown.
  CivilDate narrative;  // The last date mentioned before; !valid() when none.
};

struct ResolvedDate {
  CivilDate date;
  // True when the narrative anchor, not the document date, decided the date
  // (a relative "two days later", or a partial date's year taken from the
  // narrative because the document date is unknown).
  bool from_narrative = false;
};

// Resolves a timex. A partial date takes the closest past date to the
// document date, or, without one, the date closest to the narrative anchor.
// Returns nullopt for durations and when the needed anchor is missing.
std::optional<ResolvedDate> Resolve(const Timex& t, const Anchors& anchors);

// Finds a publication date written near the top of a document: a full date
// standing on a short line of its own ("September 4, 2018 12:00AM EDT"), or
// in a dateline ("MOSCOW, Sept. 4, 2018 (Reuters) -"). Looks at the first
// blocks only and ignores dates inside longer sentences (captions).
std::optional<CivilDate> FindDatelineDate(const Document& doc);

// Every date written as a date line or in a dateline near the top, with or
// without a year ("ISTANBUL, May 5 (Reuters) -"): the document's own date,
// never an event's. `date` is !valid() when the year is missing.
struct DatelineTimex {
  Span span;  // Document offsets.
  CivilDate date;
};
std::vector<DatelineTimex> FindDatelineTimexes(const Document& doc);

// The first `max_lines` non-empty lines of the document: its blocks split at
// newlines (a dateline may follow a caption in the same block).
std::vector<Span> HeadLines(const Document& doc, std::size_t max_lines);

}  // namespace dyad::enrich

#endif  // DYAD_ENRICH_TEMPORAL_H_
