// Resolver: finds and codes the actor mentions of a document, in context.
//
// It adds five layers on top of the dictionary (ActorDictionary::CodeText):
//   1. Titles. An agent phrase directly before a capitalised name codes the
//      name: "Russian President X" gives X = RUS + GOV (Resolution::kTitle).
//   2. Appositions. "X, head of the southern Russian region of Chechnya" and
//      "Chechnya's leader, X" code X from the description
//      (Resolution::kApposition). The description is read in this order:
//      an organisation after a preposition ("director at Human Rights Watch")
//      gives its code; an agent phrase with a country ("Chechnya's leader")
//      gives its code; an agent's sector plus the first place in the
//      description ("head of ... Chechnya") gives country + sector.
//   3. Compounds. "A, B and C" gives three mentions that share a compound id.
//   4. Coreference (Resolution::kCoreference): surnames of persons already
//      coded in the document ("Kadyrov", "Titiev's"); he/she in subject
//      position (the latest person); they (the latest compound or plural);
//      "the groups" / "the organizations" (every member of the latest
//      compound, or the latest organisation).
//   5. Context. An agent phrase with no country ("local police officials")
//      takes the document's dominant country (the one most of its coded
//      mentions carry). A NER person or organisation (Token::ner) that none
//      of the above codes is kept uncoded, with Resolution::kNer.
// Cities. With a gazetteer (geo::Gazetteer, GeoNames), a capitalised name
// that nothing above codes is a place when the gazetteer knows a city of
// 100,000 or more people by that name (Resolution::kGazetteer; the one in
// a country the document already names, else the largest). With NER tags
// the name must be tagged a location; a name that is the subject of an
// active verb is no city (a person, team or company of that name acts far
// more often than a town does); and the country of a city named outside a
// locative phrase or dateline does not count as one the document names
// (namesakes, the dominant country below), since the name may be
// someone's. After "the town of", "the city of", "the village of" any town
// the gazetteer knows gives the country, when that is no guess: a namesake
// in a country the document names, or a name found in one country only;
// else the town takes the document's country. City, town and village are
// CVL agent nouns, as in the NGEC PLOVER agents, and their mentions are
// places (the coder's locative rules apply); "the (capital) city of X" is
// coded as X alone would be in that position. A bare city name keeps its
// country as its CAMEO code, as in Phoenix, but is flagged as a settlement
// for the PLOVER rules, which make it CVL: a city that is an actor stands
// for its population (plover_actor.h). A dictionary region that the
// gazetteer also knows as a major city of the same country counts as a
// city too.
// With POS tags (Token::upos) a capitalised name must be PROPN. With a parse
// (Token::deprel), subject position is nsubj/nsubj:pass. Without them it is
// guessed from capitalisation and the neighbouring tokens.
//
// Where agents pile up ("police officials", "rebel leaders"), the
// resolver keeps one sector: the modifier's. The exception is a GOV
// modifier, where the head's sector wins ("government troops" -> MIL). The
// dictionary layer keeps all of them, as PETRARCH does.
//
// Thread safety: Resolve() is const and keeps its state on the stack.
#ifndef DYAD_ACTORS_RESOLVER_H_
#define DYAD_ACTORS_RESOLVER_H_

#include <memory>
#include <string>

#include "actors/actor_dictionary.h"
#include "dyad/pipeline.h"
#include "dyad/status.h"
#include "geo/gazetteer.h"

namespace dyad::actors {

class Resolver {
 public:
  // `dict` (and `gazetteer`, when given) must outlive the resolver. With a
  // gazetteer, names that no dictionary codes are looked up as cities (see
  // "Cities" above).
  explicit Resolver(const ActorDictionary* dict, const geo::Gazetteer* gazetteer = nullptr)
      : dict_(dict), gaz_(gazetteer) {}

  // Replaces doc->mentions with the document's actor mentions. They are
  // grouped by sentence and ordered by token within a sentence. Antecedent
  // and compound indices point into doc->mentions. A mention whose
  // code.code is empty was found but not coded (e.g. an unknown NER person).
  Status Resolve(AnalyzedDocument* doc) const;

 private:
  const ActorDictionary* dict_;
  const geo::Gazetteer* gaz_;
};


}  // namespace dyad::actors

#endif  // DYAD_ACTORS_RESOLVER_H_
