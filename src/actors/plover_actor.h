// CAMEO actor codes -> PLOVER country and sector codes.
//
// PLOVER (manual, chapter "Country Names and Sector Codes") keeps CAMEO's
// 3-letter countries and most sectors, but:
//   - renames two sectors: CAMEO MED (media) is JRN, CAMEO HLH (health) is
//     MED (note 4);
//   - drops INS and SEP: insurgents and separatists are REB (note 3);
//   - has no HRI: activists are CVL (civilians, protesters, activists and
//     other unarmed people), organisations are SOC (civil society), and
//     human-rights ombudsmen / commissions are GOV. SOC (also
//     from CAMEO ENV and DEV) is dropped for international organisations,
//     whose country (NGO, IGO, UNO, EUR) already says what they are;
//   - makes OPP a secondary label as a rule: protesters, demonstrators
//     and anti-government activists are CVL with OPP secondary, opposition
//     parties are PTY and opposition newspapers (media heads) JRN with OPP
//     secondary, and OPP stays primary only when
//     nothing else describes the actor ("the opposition", an opposition
//     leader);
//   - makes PTY the primary code of any party, with GOV or OPP as secondary
//     (note 1);
//   - has PRM for paramilitary organisations (our militias and
//     paramilitaries, CAMEO UAF), and UAF only for unidentified armed forces
//     ("unknown gunmen", "armed men", "assailants");
//   - has separate UN and EU "countries" (UNO, EUR) besides IGO, and ISM /
//     IMG / MNC for movements, militarized groups and corporations;
//   - uses KOS for Kosovo (CAMEO KSV);
//   - has UNK for actors about whom nothing is known.
// Religion and ideology codes (CHR, MOS, MOD, RAD, ...) and organisation
// identifiers after IGO/NGO (UNO's HCR, AMN, ...) are not PLOVER sectors and
// are dropped. The mapping uses only the code and the mention's head noun,
// never the sentence.
#ifndef DYAD_ACTORS_PLOVER_ACTOR_H_
#define DYAD_ACTORS_PLOVER_ACTOR_H_

#include <string>
#include <string_view>
#include <vector>

#include "dyad/event.h"
#include "dyad/pipeline.h"

namespace dyad::actors {

// What a mention is, for the rules that read its head noun.
enum class PloverMention {
  kNoun,    // A description: an agent noun, "the groups", an NER name. Its
            // last word is the head noun ("Kurdish protesters").
  kPerson,  // A person: a dictionary person, or a name coded from a title or
            // an apposition.
  kName,    // A named entry of the dictionaries (an organisation, a place):
            // its words are a name, not a description ("Front Line
            // Defenders" is no activist).
};

// The PLOVER country and sectors of a CAMEO-coded mention with text
// `mention_text` ("" when there is none). An empty code gives an empty
// result. `partially_recognised`: the mention names one of PLOVER's
// partially recognised entities (IsPartiallyRecognised), which adds the
// PRE sector after the others; Western Sahara (CAMEO/ISO ESH) is also one,
// and becomes Morocco + PRE by itself. `settlement`: the mention names a
// city, town or village (a bare city name, "the town of X"); as an actor it
// stands for the people who live there, so with no sector of its own it is
// CVL (the NGEC PLOVER agents code city, town and village CVL). A state as a
// whole keeps no sector.
PloverActorCode ToPlover(const ActorCode& code, std::string_view mention_text,
                         PloverMention kind = PloverMention::kNoun,
                         bool partially_recognised = false, bool settlement = false);

// Whether a dictionary region or actor (Entry::id: a region's primary name,
// an actor's id) is one of the partially recognised, disputed entities that
// the PLOVER manual's sector notes list: Abkhazia, South
// Ossetia, Nagorno-Karabakh, Northern Cyprus, Transnistria, Somaliland and
// the Donetsk and Luhansk People's Republics (Western Sahara is a country
// code of its own, ESH).
bool IsPartiallyRecognised(std::string_view entry_id);

// What the resolver knows about a mention beyond its code, for the PLOVER
// rules.
struct PloverHint {
  // A description whose head noun is read instead of the mention's text,
  // for a name coded from an organisation title ("the opposition
  // newspaper" in "the opposition newspaper Nova Gazeta"); "" for the
  // mention's own text.
  std::string head_text;
  bool partially_recognised = false;  // See ToPlover.
  bool settlement = false;            // See ToPlover.
};

// The PLOVER name of one CAMEO sector code, without context: "MED" -> "JRN",
// "HLH" -> "MED", "INS" -> "REB"; "" for codes that are not PLOVER sectors
// (religions, identifiers).
std::string PloverSector(std::string_view cameo_sector);

// Fills code.plover of every coded mention. A coreferent mention ("they",
// a repeated surname) takes its antecedent's PLOVER code, since its own
// text says nothing about the sector. `hints`, when given, has one entry
// per mention.
void AssignPlover(AnalyzedDocument* doc, const std::vector<PloverHint>& hints = {});

}  // namespace dyad::actors

#endif  // DYAD_ACTORS_PLOVER_ACTOR_H_
