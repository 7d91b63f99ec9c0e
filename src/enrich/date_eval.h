// The date-and-place test set (tests/data/dates/*.tsv) and its scorer,
// behind `dyad eval dates`.
//
// Format: UTF-8 TSV, '#' lines are comments, first non-comment line is the
// header. Columns:
//   id         unique row id
//   case       what the row tests ("absolute", "partial", "relative", ...)
//   doc_date   the document's metadata date (ISO), or "-" for none
//   text       the document text; "\n" (backslash n) separates paragraphs
//   trigger    the event's trigger word as written; "word#2" = its 2nd
//              occurrence in the text
//   date       the gold date at its precision (ISO: 2018-08-20, 2018-W34,
//              2018-08, 2018), or "-" when nothing dates the event
//   precision  day | week | month | year | -
//   from       sentence | inferred | document | -
//   place      "Name|ISO3" (gazetteer display name and country), "-" for no
//              place, "*" when the row does not score places
//
// A row's date is right when the ISO string (so the precision too) equals
// the gold; its place is right when the country does and the gold name is
// the produced place's name or one of its gazetteer aliases.
#ifndef DYAD_ENRICH_DATE_EVAL_H_
#define DYAD_ENRICH_DATE_EVAL_H_

#include <map>
#include <string>
#include <vector>

#include "dyad/pipeline.h"
#include "dyad/status.h"
#include "enrich/enricher.h"

namespace dyad::enrich {

struct DateRow {
  std::string file;
  int line = 0;
  std::string id, kase, doc_date, text, trigger, date, precision, from, place;
};

// Reads one TSV file. Fails with file:line on a malformed row.
StatusOr<std::vector<DateRow>> ReadDateSet(const std::string& path);

struct DateRowResult {
  const DateRow* row = nullptr;
  std::string date, from, place;  // What dyad produced ("-" when none).
  bool date_ok = false, from_ok = false, place_ok = false, place_scored = false;
};

struct CaseScore {
  int rows = 0, date_ok = 0, from_ok = 0, places = 0, place_ok = 0;
};

struct DateEval {
  std::vector<DateRowResult> rows;
  CaseScore total;
  std::map<std::string, CaseScore> by_case;
};

// Runs `pipeline` (segmentation and whatever analysis it has) over each
// row's text, then dates and places the trigger with `enricher`. Fails when
// a trigger is not in its text.
// `gazetteer` (may be null) lets a gold name match through an alias.
StatusOr<DateEval> EvaluateDates(const std::vector<DateRow>& rows, const Pipeline& pipeline,
                                 const Enricher& enricher, const geo::Gazetteer* gazetteer);

}  // namespace dyad::enrich

#endif  // DYAD_ENRICH_DATE_EVAL_H_
