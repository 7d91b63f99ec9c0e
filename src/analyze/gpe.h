// Geopolitical entities: which of NER's locations are GPEs.
//
//   MarkGeopolitical(gazetteer, {}, &sentences);   // after Analyzer::AnalyzeDocument
//
// NER (ner.h) labels PER, ORG and LOC, as its training data (Universal NER)
// does. Event data wants to tell the places that have a government (OntoNotes'
// GPE: countries, their first-level regions, cities and towns), which can act
// and be acted on ("Russia said", "sanctions against Iran"), from other
// locations (continents, seas, rivers, mountains, streets, buildings, shops).
// A LOC entity whose whole text the gazetteer (geo/gazetteer.h: GeoNames'
// countries, first-level regions and towns, with our aliases) knows as a
// country or a region, or as a town of at least `min_city_population`
// people, or that is a US state's postal code ("TX", "N.J."), is relabelled
// B-GPE / I-GPE; never a continent or a bare compass word ("the North"), nor,
// unless a country, a name ending in a feature word ("Red Sea", "Blue Mountains").
// Nothing else changes: the entity's span stays NER's.
// Measured against hand labels of the LOC names in Universal NER EWT dev and
// test (docs/analysis.md, "GPE").
#ifndef DYAD_ANALYZE_GPE_H_
#define DYAD_ANALYZE_GPE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "dyad/sentence.h"

namespace dyad::geo {
class Gazetteer;
}

namespace dyad::analyze {

struct GpeOptions {
  // A town of fewer people is not enough to call a name a GPE: GeoNames holds
  // thousands of hamlets named like features and words ("Earth", Texas).
  std::uint32_t min_city_population = 10000;
};

// Whether a location's text names a GPE (see above); `text` as written
// ("U.S.", "San Francisco", "TX").
bool IsGeopoliticalName(const geo::Gazetteer& gazetteer, const std::string& text,
                        const GpeOptions& options);

// Relabels the LOC entities of `sentences` that name a GPE; returns how many.
int MarkGeopolitical(const geo::Gazetteer& gazetteer, const GpeOptions& options,
                     std::vector<Sentence>* sentences);

}  // namespace dyad::analyze

#endif  // DYAD_ANALYZE_GPE_H_
