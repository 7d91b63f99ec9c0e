// The event coder: from one analysed sentence and its actor mentions to
// CAMEO event candidates with source, target, trigger and modality.
//
// The method (coder.cc has the full essay):
//   1. Triggers: every token whose form or lemma is a head word of the verb
//      dictionary, and whose trigger phrase ("call on") matches around it.
//   2. Code: the block's patterns are tried most specific first; the first
//      that matches gives the code and may place source ($) and target (+).
//      Otherwise the trigger's default code applies ("---" codes nothing).
//   3. Roles not placed by the pattern come from the dependency parse when
//      the sentence has one (nsubj / obj / obl, passives, xcomp control),
//      else from a shallow reading (nearest actor before the trigger, first
//      actor after it, passives from "be" + participle and "by").
//   4. Composition: an appeal or demand verb whose complement is another
//      trigger ("urged X to release") takes its sub-code from that trigger
//      (0253); an intent verb ("vowed to punish") turns a conflictual
//      complement into a threat (13x) and a cooperative one into an intent
//      (03x); the complement is then not coded on its own.
//   5. Modality: negation, modal verbs (hypothetical), "will" (future),
//      "if/unless" (conditional), "allegedly" (alleged).
//   6. Attribution: speech verbs ("said", "according to") attach their
//      speaker to the other events of the sentence; the speaker becomes the
//      source of a sourceless speech act, and a hypothetical "X should Y"
//      inside reported speech becomes an appeal by the speaker to X.
//   7. Compound actors ("A, B and C") give one event per source-target pair.
//
// Thread safety: a Coder is immutable after construction; Code() is const.
#ifndef DYAD_CODE_CODER_H_
#define DYAD_CODE_CODER_H_

#include <string>
#include <vector>

#include "code/verb_dict.h"
#include "dyad/event.h"

namespace dyad::code {

struct CoderToken {
  std::string form;   // Upper case.
  std::string lemma;  // Upper case; may be empty.
  std::string upos;   // May be empty.
  std::string xpos;   // May be empty.
  int head = -1;      // -1 = root or unparsed.
  std::string deprel;
  bool capitalized = false;  // The original form starts with an upper-case letter.
};

struct CoderActor {
  int begin = 0;  // Token range [begin, end).
  int end = 0;
  int id = 0;     // Caller's index (mention, or gold actor); passed through.
  std::string code;  // CAMEO actor code ("RUSMIL"); may be empty.
  // A bare place name ("Minsk"): inside a locative phrase ("in Minsk",
  // "at her home in Minsk") it is where the act happened, not a party to it.
  bool place = false;
};

struct CoderSentence {
  std::vector<CoderToken> tokens;
  std::vector<CoderActor> actors;  // Sorted by begin, non-overlapping.
  bool parsed = false;             // Heads and deprels are filled.
};

struct CodedEvent {
  std::string code;
  int source = -1;  // Index into CoderSentence::actors, or -1.
  int target = -1;
  int trigger_begin = 0;  // Token range of the trigger.
  int trigger_end = 0;
  Modality modality = Modality::kAsserted;
  bool negated = false;
  bool alleged = false;
  int attribution = -1;  // Actor index of the speaker, or -1.
  bool from_pattern = false;
};

struct CoderOptions {
  // Emit only events with both a source and a target (TABARI/PETRARCH
  // convention). Default: false (one actor suffices: "Titiev was jailed").
  bool require_dyad = false;
  // Keep an event with neither a source nor a target (TABARI DEFAULT,
  // manual 8.5: the default codes fill an event no actor is associated
  // with). Default: false -- an event needs at least one actor.
  bool keep_actorless = false;
  // Keep events of every modality. Default: false -- keep asserted events
  // and those whose code carries the modality (appeals 02, intents 03,
  // demands 10, threats 13).
  bool all_modalities = false;
  // Use POS tags, when present, to reject verb triggers that are not verbs.
  // Default: true.
  bool use_pos = true;
  // Recode announced (future / "willing to") acts as intents (03x) or
  // threats (13x), as CAMEO and PLOVER ask. TABARI and PETRARCH do not, so
  // their suites turn it off. Default: true.
  bool future_as_intent = true;
  // TABARI's clause rule (CODE BY CLAUSE): code only the first trigger of
  // each clause (clauses split at "and", "but", ";" outside actor lists).
  // Default: false.
  bool one_per_clause = false;
  // With one_per_clause: a trigger without a target makes no event, and the
  // clause's next trigger is tried (TABARI without a default target).
  bool clause_event_needs_target = false;
  // TABARI's reading of a sentence without a parse (manual 5.8, 7.6): the
  // source is the clause's first actor, the target the first actor after
  // the verb with another code than the source, else the first such actor
  // before the verb; a capitalized word inside the sentence is a name, not
  // a verb; a speaker ("..., X said") is an actor like any other.
  // Default: false.
  bool tabari_reading = false;
  // Code a reported "Y must / should <act>" whose act is not in the
  // dictionary as a demand / appeal by the speaker. Default: true (off for
  // the TABARI/PETRARCH suites, which do not).
  bool reported_modals = true;
  // Compose control verbs with their complement ("urged X to release" ->
  // one 0253 event; "vowed to attack" -> 138). TABARI and PETRARCH code
  // the two verbs as they come, so their suites turn it off. Default: true.
  bool compose = true;
  // TABARI / PETRARCH convention: a target read from the word order never
  // has the source's code ("Fornost ... its embassy"). Off by default: in
  // news two RUSGOV actors are often two people (a president meets a
  // governor).
  bool target_distinct_code = false;
  // With a parse, a trigger governed by an appeal, intent, demand,
  // disapproval, rejection or threat trigger is that act's content, not an
  // event ("demanded a truce before allowing convoys"); under an
  // accusation it is alleged. Default: true.
  bool content_of_speech_acts = true;
  // A negated agreement ("will not accept", "failed to reach an agreement")
  // is a rejection (12x), as CAMEO and PLOVER code it. Default: true (off for
  // the TABARI/PETRARCH suites, which have their own negation conventions).
  bool negated_agreement_as_rejection = true;
  // A passive without a "by" agent ("X was criticized over its dispute
  // with Y"): the source is unknown (kNoSource, the default), or the
  // sentence is read as active, as PETRARCH2 does (kActive: X -> Y).
  enum class AgentlessPassive { kNoSource, kActive };
  AgentlessPassive agentless_passive = AgentlessPassive::kNoSource;
  // An actor in a locative phrase ("at the Kremlin", "in Minsk") is where
  // the act happened, not its target. Default: true (off for the
  // TABARI/PETRARCH suites, which code "fired shells at X" against X).
  bool locatives = true;
};

// TABARI's complexity counts (manual 8.7): verbs (dictionary triggers read
// as verbs), conjunctions that split clauses (not those inside an actor
// list or a trigger phrase), and whether an actor comes before the first
// verb.
struct Complexity {
  int verbs = 0;
  int conjunctions = 0;
  bool actor_before_first_verb = false;
};

class Coder {
 public:
  Coder(const VerbDictionary* dict, CoderOptions options) : dict_(dict), options_(options) {}

  // Codes one sentence, appending to `out`. When `speaker` is not null it
  // receives the actor index of the sentence's speaker ("..., X said"), or
  // -1 when the sentence has none.
  void Code(const CoderSentence& s, std::vector<CodedEvent>* out, int* speaker = nullptr) const;

  // Whether the sentence contains a discard phrase of the dictionary
  // (`document`: the document-level list).
  bool Discarded(const CoderSentence& s, bool document) const;

  Complexity Measure(const CoderSentence& s) const;

  // Whether an event of this code and modality is kept by default.
  static bool KeptByDefault(const std::string& code, Modality m);

 private:
  const VerbDictionary* dict_;
  CoderOptions options_;
};

}  // namespace dyad::code

#endif  // DYAD_CODE_CODER_H_
