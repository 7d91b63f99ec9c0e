// Event and ActorMention: the coded output of dyad.
//
// One Event is one record of the schema in docs/schema.md: who did what to
// whom, when and where, with the exact evidence span.
#ifndef DYAD_EVENT_H_
#define DYAD_EVENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dyad/document.h"

namespace dyad {

// How an actor mention got its code (for the evidence trail).
enum class Resolution : std::uint8_t {
  kNone = 0,     // Not coded.
  kDictionary,   // Matched a dictionary entry.
  kApposition,   // "X, head of the Russian region of Chechnya".
  kTitle,        // "Russian President X".
  kCoreference,  // "Kadyrov", "he", "the groups" referring back.
  kNer,          // Found by NER, coded from context.
  kAgent,        // A generic agent noun ("police", "activists").
  kGazetteer,    // A city name found in the GeoNames gazetteer, coded by its country.
};

const char* ResolutionName(Resolution r);

// The same actor in PLOVER's vocabulary (PLOVER manual, "Country Names and
// Sector Codes"), derived from the CAMEO code and the mention's head noun by
// actors::ToPlover (src/actors/plover_actor.h; docs/actors.md).
struct PloverActorCode {
  std::string country;  // ISO-3, "KOS", or IGO/UNO/EUR/NGO/ISM/IMG/MNC.
  std::string sector;   // Primary sector ("GOV", "CVL", ...); "" for a state as a whole.
  std::vector<std::string> other_sectors;  // Secondary codes ("OPP" for protesters).
};

// A coded actor: country plus sectors, e.g. RUS + {GOV} = "RUSGOV".
struct ActorCode {
  std::string code;     // Full CAMEO code string, e.g. "RUSGOV", "NGOHRI".
  std::string country;  // ISO-3 / CAMEO country ("RUS"), or "" for IGO/NGO.
  std::vector<std::string> sectors;  // {"GOV"}, {"HRI"}, ...
  std::string person;   // Optional stable person id ("putin_vladimir").
  // Filled by the actors stage for every coded mention (and copied with the
  // code into events); empty when `code` is empty.
  PloverActorCode plover;
};

struct ActorMention {
  Span span;
  std::string text;  // text[span]
  ActorCode code;
  Resolution how = Resolution::kNone;
  std::uint32_t sentence = 0;  // Index into the document's sentences.
  int antecedent = -1;         // Index of the mention it corefers with, or -1.
  // Token range [token_begin, token_end) in sentences[sentence].tokens.
  std::uint32_t token_begin = 0;
  std::uint32_t token_end = 0;
  // Mentions that are members of one compound ("A, B and C"), or that stand
  // for every member of one ("the groups"), share this id (the index of the
  // compound's first member). -1 when not part of a compound.
  int compound = -1;
  // A bare place name ("Chechnya", "in Moscow"), coded by its country. The
  // event coder may prefer not to use it as an actor.
  bool place = false;
};

enum class Modality : std::uint8_t {
  kAsserted = 0,
  kNegated,
  kHypothetical,  // "should condemn", "must release"
  kIntended,      // "vowed to", "threatened to"
  kAlleged,       // "allegedly killed"
  kFuture,
  kConditional,
};

const char* ModalityName(Modality m);

struct EventActor {
  std::string text;
  ActorCode code;
  Span span;
  bool present = false;  // False when the slot is empty (e.g. agentless passive).
  // For an anaphor ("them", "the groups", a repeated surname): the text of
  // the mention it refers back to; empty otherwise.
  std::string refers_to;
};

struct Plover {
  std::string event;  // "ASSAULT"
  std::string mode;
  std::vector<std::string> context;
};

struct Place {
  std::string name;
  std::string country;
  std::int64_t geonames_id = 0;
  double lat = 0, lon = 0;
  std::string from;  // "locative", "dateline", "actor_country"
};

struct Event {
  std::uint32_t sentence = 0;  // Index into the document's sentences.
  std::uint32_t index = 0;     // Index among the sentence's events.
  std::string date;            // ISO 8601, at `date_precision`.
  std::string date_from;       // "sentence", "document" or "inferred".
  std::string date_precision;  // "day", "month", "year".
  EventActor source;
  EventActor target;
  std::string cameo;  // "180"
  std::string cameo_name;
  std::string root;   // "18"
  int quad = 0;
  double goldstein = 0;
  Plover plover;
  std::string trigger_text;
  Span trigger;
  Modality modality = Modality::kAsserted;
  bool negated = false;
  bool alleged = false;
  std::optional<EventActor> attribution;  // Who said it, when reported.
  std::optional<Place> place;
  Span evidence;          // The sentence (or clause) the event came from.
  std::string event_key;  // Shared by mentions of the same act in a document.
};

}  // namespace dyad

#endif  // DYAD_EVENT_H_
