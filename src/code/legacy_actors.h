// Actors for the reference suites, coded the way TABARI and PETRARCH code
// them, over the actors module's importers and phrase matcher.
//
// The dictionaries (TABARI .actors/.agents, PETRARCH *.actors.txt /
// *.agents.txt) are read by src/actors/legacy_import.h and matched by
// actors::ActorDictionary::Match (leftmost-longest phrases, stems, plurals,
// dated codes). What this file adds is only the suites' combination of the
// matches into coded actors, which differs from the pipeline's:
//   - an actor followed by an agent, directly or through "'s" and up to
//     three modifiers ("Arnorian ambassador", "Dagolath's first Deputy Prime
//     Minister Telemar") is the actor's code with the agent's sector
//     appended, and a name right after the title is the same actor;
//   - an agent followed by "of / from / in" and an actor ("ambassadors of
//     Arnor, Osgiliath and Gondor") takes that actor's code in front, and
//     distributes over a list of actors (and a country over a list of
//     agents: "Danish media and government");
//   - an agent alone is its sector with a prefix ("---GOV" in PETRARCH,
//     "~GOV" in TABARI), which the suites never count as an actor code;
//   - a null-coded name ("[---]") codes nothing and blocks its words.
#ifndef DYAD_CODE_LEGACY_ACTORS_H_
#define DYAD_CODE_LEGACY_ACTORS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "actors/actor_dictionary.h"
#include "dyad/status.h"

namespace dyad::code {

struct LegacyActorMatch {
  int begin = 0, end = 0;  // Token range.
  std::string code;
};

class LegacyActors {
 public:
  // Loads TABARI (`tabari`) or PETRARCH actor and agent files. Lines that
  // cannot be read become warnings(); fails only when a file cannot be read.
  static StatusOr<LegacyActors> Load(const std::vector<std::string>& actor_files,
                                     const std::vector<std::string>& agent_files, bool tabari);

  // Finds actors in upper-case tokens; `date` is YYYYMMDD (0 = unknown).
  std::vector<LegacyActorMatch> Match(const std::vector<std::string>& tokens, int date) const;

  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  // TABARI names with a blank between two words ("PRINCE DOL_AMROTH"):
  // other words may stand between those two in the text.
  struct GappedForm {
    std::uint32_t form;
    std::vector<std::string> words;
  };
  std::vector<actors::DictMatch> MatchGapped(const std::vector<std::string>& tokens) const;

  std::unique_ptr<actors::ActorDictionary> dict_;
  std::vector<GappedForm> gapped_;
  std::vector<std::string> warnings_;
  std::string agent_prefix_ = "---";
  bool tabari_ = false;
};

}  // namespace dyad::code

#endif  // DYAD_CODE_LEGACY_ACTORS_H_
