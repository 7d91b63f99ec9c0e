// ActorDictionary: load actor/agent dictionaries of any supported format and
// find coded actors in a token sequence.
//
// This is the stable entry point for code that needs dictionary actors,
// such as the event coder running the PETRARCH/TABARI reference suites with
// their own dictionaries:
//
//   using namespace dyad::actors;
//   std::vector<DictFile> files = {
//       {"/path/Phoenix.Countries.actors.txt", DictFormat::kPetrarchActors},
//       {"/path/Phoenix.agents.txt", DictFormat::kPetrarchAgents}};
//   StatusOr<std::unique_ptr<ActorDictionary>> dict = ActorDictionary::LoadFiles(files);
//   if (!dict.ok()) ...;                     // only when a file cannot be read
//   for (const Diagnostic& d : (*dict)->diagnostics()) ...;  // syntax errors
//   Date date = EventDate("2018-08-20");     // or kUnknownDate
//   for (const CodedActor& a : (*dict)->CodeTokens(sentence.tokens, date)) {
//     // a.begin/a.end: token range; a.code.code: "RUSCOP", ...
//   }
//
// The formats:
//   kDyad            our own format (docs/dictionary-format.md)
//   kPetrarchActors  PETRARCH / PETRARCH2 / Phoenix *.actors.txt, and
//                    UniversalPetrarch PETR_Validate_actors_*.txt
//   kPetrarchAgents  PETRARCH *.agents.txt ("!MACRO!", "{plural}", "[~COP]")
//   kTabariActors    TABARI .actors (";" comments, stems, "[---]")
//   kTabariAgents    TABARI .agents
// Syntax errors never stop a load. They become Diagnostics ("file:line:
// message") and the loader goes on with the next line. LoadFiles fails only
// when a file cannot be read.
//
// Date-bounded codes: each named actor has codes valid over [from, to]. The
// code used is the first one that holds on the event date (see CodesAt).
// With kUnknownDate every code holds: ranked by distance to a reference date
// from the text when there is one, else office codes before ELI (former
// official) ones, latest-ending first.
//
// Thread safety: a built ActorDictionary is immutable. Every const method
// may be called from many threads at once.
#ifndef DYAD_ACTORS_ACTOR_DICTIONARY_H_
#define DYAD_ACTORS_ACTOR_DICTIONARY_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "actors/dictionary.h"
#include "actors/matcher.h"
#include "dyad/event.h"
#include "dyad/sentence.h"
#include "dyad/status.h"

namespace dyad::actors {

enum class DictFormat : std::uint8_t {
  kDyad = 0,
  kPetrarchActors,
  kPetrarchAgents,
  kTabariActors,
  kTabariAgents,
};

// Parses "dyad", "petrarch-actors", "petrarch-agents", "tabari-actors" or
// "tabari-agents".
StatusOr<DictFormat> ParseDictFormat(std::string_view name);

// Guesses a file's format from its name: *.dyad is kDyad; names containing
// "agent" are agents, others actors; TABARI names (no ".txt", or starting
// with "TABARI"/"Validate.") are TABARI, the rest PETRARCH.
DictFormat GuessDictFormat(const std::string& path);

struct DictFile {
  std::string path;
  DictFormat format = DictFormat::kDyad;
};

// Reads one file of `format` into `data`. Errors in the file are added to
// data->diagnostics. Returns an error only when the file cannot be read.
Status LoadDictFile(const DictFile& file, DictionaryData* data);

// One match of the tokens [begin, end): the forms that share those words,
// best first (actors, then countries, then regions/cities, then agents;
// within a kind, load order). Indices into ActorDictionary::data().forms.
// An acronym form ("GIA") only matches text in capitals ("GIA", not "Gia").
// A hyphenated token that matches nothing as a whole matches as a place when
// its first part is one ("Greek-Cypriot", "Vietnamese-led"); forms then holds
// only that place's forms, adjectives first.
struct DictMatch {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::vector<std::uint32_t> forms;  // Never empty.
};

// A coded actor phrase: adjacent dictionary matches combined the way
// PETRARCH combines actors and agents ("Russian police" = RUS + COP).
struct CodedActor {
  std::uint32_t begin = 0;  // Token range [begin, end).
  std::uint32_t end = 0;
  ActorCode code;           // code.code is "" when the phrase is known but has
                            // no code on the date (e.g. an office-holder
                            // outside their term, or a "[---]" entry).
  Resolution how = Resolution::kDictionary;  // kDictionary or kAgent.
  int entry = -1;           // The head entry (data().entries), or -1.
  int actor_entry = -1;     // The named actor in the phrase, if any.
  int place_entry = -1;     // The first place (country, region) in it, if any.
  bool plural = false;      // The head was a plural or demonym form.
  bool has_agent = false;   // The phrase contains an agent noun.
  // The sectors of the phrase's agents, in text order ("police officials"
  // -> {COP, GOV}); code.code appends all of them, as PETRARCH does.
  std::vector<std::string> agent_sectors;
  bool place_only = false;  // The phrase is a bare place name (or demonym).
  bool adjective = false;   // The phrase is a lone adjective ("Hungarian").
  // The bare place is a city or town: a capital not standing for its
  // government ("in Moscow"), or a `city` entry.
  bool city = false;
};

struct DictionaryStats {
  std::size_t files = 0, lines = 0;
  std::size_t actors = 0, agents = 0, countries = 0, regions = 0, cities = 0;
  std::size_t forms = 0, codes = 0;
  std::size_t lexicon_words = 0, lexicon_stems = 0, trie_nodes = 0;
  std::size_t errors = 0;
  double parse_ms = 0, build_ms = 0;          // Wall time.
  double parse_cpu_ms = 0, build_cpu_ms = 0;  // CPU time of the loading thread.
};

class ActorDictionary {
 public:
  // Compiles `data` into a matcher. Fails only on an internal error.
  static StatusOr<std::unique_ptr<ActorDictionary>> Build(DictionaryData data);

  // Loads and compiles the given files (in order; earlier files rank first
  // among forms of the same kind).
  static StatusOr<std::unique_ptr<ActorDictionary>> LoadFiles(const std::vector<DictFile>& files);

  // Loads the shipped dictionaries: <data_dir>/dict (see LoadDyadDirectory).
  static StatusOr<std::unique_ptr<ActorDictionary>> LoadShipped(const std::string& data_dir);

  // Leftmost-longest dictionary matches over token forms.
  std::vector<DictMatch> Match(std::span<const Token> tokens) const;
  std::vector<DictMatch> Match(std::span<const std::string_view> tokens) const;

  // Every match starting at token `begin` of `text`, shortest first.
  std::vector<DictMatch> MatchesAt(const WordText& text, std::uint32_t begin) const;
  std::vector<DictMatch> Match(const WordText& text) const;

  // Coded actor phrases, left to right, non-overlapping. Adjacent matches
  // (or ones joined by a possessive "'s") form one phrase; after a
  // possessive or an adjective, up to two plain words may come before an
  // agent head ("Romania's new government"). A named actor gives its own
  // code on `date`. Otherwise a place (country, adjective, region, city)
  // gives the country and the agents give the sectors. A lone place,
  // adjective or demonym codes its country (place_only is set); a lone
  // capital not after a locative preposition codes country + GOV ("Moscow
  // said"). A known person with no code on `date`, or only an ELI (former
  // office-holder) code, but a title agent ("President X", not "former
  // President X") gets the title's sector and their own country: the text
  // says what they are.
  std::vector<CodedActor> CodeTokens(std::span<const Token> tokens, Date date) const;
  std::vector<CodedActor> CodeTokens(std::span<const std::string_view> tokens, Date date) const;
  // `reference`, used only when `date` is kUnknownDate, is a date the text
  // itself gives (a dateline, a year in the story): codes are then ranked
  // by their distance to it instead of open-ended first (see CodesAt).
  std::vector<CodedActor> CodeText(const WordText& text, Date date,
                                   Date reference = kUnknownDate) const;

  // The codes of entry `entry` that hold on `date`, best first (file order;
  // with kUnknownDate and no reference, office codes before ELI ones, and
  // the latest-ending first). Null codes ("---") are included; test with
  // IsNullCode.
  // With kUnknownDate and a known `reference` date, every code is returned,
  // ranked by distance to `reference` (those holding on it first, office
  // codes before ELI ones, then file order): "Reagan" in an undated story
  // about 1985 is USAGOV, not the open-ended USAELI.
  std::vector<const CodeSpan*> CodesAt(std::uint32_t entry, Date date,
                                       Date reference = kUnknownDate) const;

  // Splits a CAMEO code into country and sectors: "RUSGOV" -> RUS, {GOV};
  // "NGOHRI" -> "", {NGO, HRI}; "COP" -> "", {COP}. A leading triple is a
  // country when the dictionary has it as a country (or as a bare 3-letter
  // actor code, as in Phoenix), or when it is not a known sector code.
  ActorCode SplitCode(std::string_view code) const;

  // The country of the code of `entry` (an actor) nearest in time to `date`:
  // a person's nationality when they are out of office. nullopt when none.
  std::optional<std::string> NearestCountry(std::uint32_t entry, Date date) const;

  // The country code a place entry (country, region, city) stands for, or "".
  std::string CountryOf(std::uint32_t entry) const;

  const DictionaryData& data() const { return data_; }
  const std::vector<Diagnostic>& diagnostics() const { return data_.diagnostics; }
  const Form& form(std::uint32_t i) const { return data_.forms[i]; }
  std::size_t num_forms() const { return data_.forms.size(); }
  const Entry& entry(std::uint32_t i) const { return data_.entries[i]; }
  DictionaryStats stats() const;

  // "---" (PETRARCH/TABARI null) and "###" (TABARI discard) code nothing.
  static bool IsNullCode(std::string_view code) {
    return code.empty() || code == "---" || code == "###";
  }

 private:
  ActorDictionary() = default;
  // A hyphenated token with no match of its own whose first part is a
  // place ("Greek-Cypriot", "Vietnamese-led"): a match of the whole token.
  std::optional<DictMatch> HyphenPlace(const WordText& text, std::uint32_t t) const;
  DictionaryData data_;
  PhraseMatcher matcher_;
  std::set<std::string, std::less<>> countries_;
  double parse_ms_ = 0, build_ms_ = 0, parse_cpu_ms_ = 0, build_cpu_ms_ = 0;
};

}  // namespace dyad::actors

#endif  // DYAD_ACTORS_ACTOR_DICTIONARY_H_
