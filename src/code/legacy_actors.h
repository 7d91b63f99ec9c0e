// A small actor matcher over TABARI / PETRARCH actor and agent files, used
// by `dyad eval events` to run the reference suites with their own
// dictionaries. (The full actor engine, with coreference, titles and dyad's
// own dictionary format, is src/actors/; this one knows only what the
// suites need.)
//
// Actors: "NAME_WORDS [CODE]" lines, optionally with dated codes
// ("[USAGOV 991201-010114]", "[AR1 <911226]", "[X >20090120]"), and, in
// PETRARCH files, "+SYNONYM" lines and bare "[CODE date]" lines under a name.
// Agents: "NAME [~SEC]" (TABARI, PETRARCH) and "[SEC~]". Words: TABARI and
// PETRARCH treat a name's words as stems unless they end in '_'.
//
// Matching: longest phrase at each token (greedy left to right). An agent
// next to an actor ("Arnorian ambassador", "ambassador of Arnor") takes the
// actor's country code in front of its own; an agent alone is coded with
// its sector only.
#ifndef DYAD_CODE_LEGACY_ACTORS_H_
#define DYAD_CODE_LEGACY_ACTORS_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "code/verb_dict.h"
#include "dyad/status.h"

namespace dyad::code {

struct LegacyActorMatch {
  int begin = 0, end = 0;  // Token range.
  std::string code;
};

class LegacyActors {
 public:
  // Loads one actor or agent file (the format is recognized per line).
  // `stems`: words match as prefixes (TABARI); otherwise as words with
  // regular plurals (PETRARCH).
  Status Load(const std::string& path, bool agents, bool stems = true);

  // Finds actors in upper-case tokens; `date` is YYYYMMDD (0 = unknown).
  std::vector<LegacyActorMatch> Match(const std::vector<std::string>& tokens, int date) const;

  const std::vector<std::string>& warnings() const { return warnings_; }
  std::size_t size() const { return entries_.size(); }
  // Prefix of an agent coded without an actor: "---" (PETRARCH, the
  // default) or "~" (TABARI).
  void set_agent_prefix(std::string p) { agent_prefix_ = std::move(p); }

 private:
  struct Code {
    std::string code;
    int from = 0, to = 99999999;
  };
  struct Item {
    std::vector<DictWord> words;
    int group = 0;  // Index into groups_: synonyms share their codes.
    bool agent = false;
  };
  std::vector<std::vector<Code>> groups_;
  void Index(int item);
  std::string CodeOn(const Item& it, int date) const;

  std::vector<Item> entries_;
  std::unordered_map<std::string, std::vector<int>> by_first_;  // First word (exact) -> items.
  std::unordered_map<std::string, std::vector<int>> by_stem_;   // First word stem -> items.
  std::size_t max_stem_ = 0;
  std::vector<std::string> warnings_;
  std::string agent_prefix_ = "---";
};

}  // namespace dyad::code

#endif  // DYAD_CODE_LEGACY_ACTORS_H_
