// Enricher: gives events their own date and place, PLOVER contexts, and an
// identity shared by mentions of the same act.
//
//   Enricher e(&gazetteer);                  // gazetteer may be null
//   DocumentFacts f = e.Prepare(analyzed);   // once per document
//   DateChoice d = e.DateFor(analyzed, f, sentence, trigger);
//   std::optional<Place> p = e.PlaceFor(analyzed, f, sentence, trigger, &event);
//
// Dates. The document date is Document::date, else a date line or dateline
// near the top (FindDatelineDate). Every temporal expression is resolved in
// reading order against the document date and the narrative anchor (the
// last date resolved before it). The date of an event is that of the
// expression governing its trigger (attach.h); an event without one takes
// the document date. date_from says which: "sentence" (an expression of the
// sentence, resolved against the document date or complete in itself),
// "inferred" (an expression that needed the narrative anchor: "two days
// later", or a partial date when the document date is unknown), "document".
//
// Places, most specific evidence first:
//   1. locative: a gazetteer place in a locative phrase governing the
//      trigger ("in Moscow", "near Grozny, Chechnya");
//   2. clause: a region or city named in the trigger's clause, or its
//      adjective ("Chechen youth" -> Chechnya);
//   3. dateline: the place of "(Moscow) –" / "MOSCOW, Sept. 4 (Reuters) -";
//   4. actor_country: the source's (else target's) country.
// Names shared by several places are resolved with the qualifier written
// after them ("Paris, Texas") and the document's countries (the actors' and
// the unambiguous places').
//
// Thread safety: const methods only; share one Enricher across threads.
#ifndef DYAD_ENRICH_ENRICHER_H_
#define DYAD_ENRICH_ENRICHER_H_

#include <optional>
#include <string>
#include <vector>

#include "dyad/event.h"
#include "dyad/pipeline.h"
#include "enrich/date.h"
#include "enrich/temporal.h"
#include "geo/gazetteer.h"

namespace dyad::enrich {

struct ResolvedTimex {
  Timex timex;
  std::optional<ResolvedDate> date;  // nullopt for durations and unresolvable ones.
};

struct PlaceMention {
  Span span;         // The place name (and its qualifier).
  bool locative = false;  // Introduced by in/at/near/...
  geo::PlaceEntry entry;
};

// Per-document facts computed once by Prepare().
struct DocumentFacts {
  CivilDate document_date;  // !valid() when unknown.
  std::vector<std::vector<ResolvedTimex>> timexes;  // Per sentence.
  std::vector<std::vector<PlaceMention>> places;    // Per sentence.
  std::optional<geo::PlaceEntry> dateline_place;
  std::string dateline_name;
  std::vector<std::string> countries;  // Document context for disambiguation.
};

struct DateChoice {
  CivilDate date;         // !valid() when nothing dates the event.
  std::string from;       // "sentence", "inferred", "document" or "".
  Span evidence;          // The governing expression; empty for "document".
};

class Enricher {
 public:
  explicit Enricher(const geo::Gazetteer* gazetteer) : gaz_(gazetteer) {}

  DocumentFacts Prepare(const AnalyzedDocument& doc) const;
  DateChoice DateFor(const AnalyzedDocument& doc, const DocumentFacts& facts,
                     std::uint32_t sentence, Span trigger) const;
  // `event` (may be null) supplies the actors' countries for the fallback.
  std::optional<Place> PlaceFor(const AnalyzedDocument& doc, const DocumentFacts& facts,
                                std::uint32_t sentence, Span trigger, const Event* event) const;

  // Fills date, date_from, date_precision, place, PLOVER contexts (and
  // PLOVER event/mode from the CAMEO codebook when the coder left them
  // empty) for every event, then event_key (AssignEventKeys).
  void EnrichAll(AnalyzedDocument* doc) const;

 private:
  std::vector<PlaceMention> FindPlaces(const AnalyzedDocument& doc, const Sentence& s,
                                       const std::vector<std::string>& countries,
                                       const std::vector<Span>& timexes) const;
  const geo::Gazetteer* gaz_;
};

// Links mentions of the same act. Events of one document share an
// event_key when they have the same source and target (code plus person id,
// else code plus the head word of the text), the same act (PLOVER event type, or the CAMEO code for
// the statements and appeals PLOVER drops), modality, negation and date, and
// each follows the previous mention within two sentences. The key is the id
// "<doc>:<sentence>:<index>" of the first mention. See docs/enrich.md.
void AssignEventKeys(AnalyzedDocument* doc);

}  // namespace dyad::enrich

#endif  // DYAD_ENRICH_ENRICHER_H_
