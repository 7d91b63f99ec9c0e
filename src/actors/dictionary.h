// The actor dictionary data model, shared by every dictionary format.
//
// A dictionary is a list of entries (actors, agents, countries, regions,
// cities). Each entry has surface forms, and actors and agents also have
// codes. The dyad format (docs/dictionary-format.md), the PETRARCH/Phoenix
// importer and the TABARI importer all fill the same DictionaryData. The
// compiled ActorDictionary (actor_dictionary.h) is built from it.
//
// Dates are YYYYMMDD integers, so a comparison of integers is a comparison
// of dates. A partial end date "2008-05" becomes 20080599, which sorts after
// every day of May 2008.
#ifndef DYAD_ACTORS_DICTIONARY_H_
#define DYAD_ACTORS_DICTIONARY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace dyad::actors {

using Date = std::int32_t;  // YYYYMMDD.
inline constexpr Date kDateMin = 0;
inline constexpr Date kDateMax = 99999999;
inline constexpr Date kUnknownDate = 0;  // As an event date: "no date known".

// Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD". A partial date is the first day
// of its period, or the last when `as_end` is true. Returns nullopt when the
// text is not such a date.
std::optional<Date> ParseIsoDate(std::string_view s, bool as_end);

// The event date of an ISO 8601 date or date-time ("2018-08-20",
// "2018-08-20T10:00:00Z", "2018-08"). Returns kUnknownDate when there is
// none.
Date EventDate(std::string_view iso);

// Formats a Date as "YYYY-MM-DD" ("" for kDateMin / kDateMax).
std::string FormatDate(Date d);

// A code that holds during [from, to], both inclusive.
struct CodeSpan {
  std::string code;  // "RUSGOV", "NGOHRI"; for agents the sector code ("COP").
  Date from = kDateMin;
  Date to = kDateMax;
  std::string note;  // Free text for people; no effect on coding.

  // Whether the code holds on `date`. Every code holds on kUnknownDate.
  bool Holds(Date date) const {
    return date == kUnknownDate || (from <= date && date <= to);
  }
  bool open_ended() const { return to == kDateMax; }
};

enum class EntryKind : std::uint8_t { kActor = 0, kAgent, kCountry, kRegion, kCity };
enum class ActorKind : std::uint8_t { kOrg = 0, kPerson, kGroup };

// How a surface form relates to its entry.
enum class FormKind : std::uint8_t {
  kName = 0,    // The entry itself ("Russia", "Vladimir Putin", "police").
  kAdjective,   // A modifier giving the country ("Russian").
  kDemonym,     // The people ("Russians"): codes the country.
  kTitle,       // An agent form used before personal names ("President").
  kCapital,     // A country's capital ("Moscow").
  kPlural,      // An agent's plural ("police officers").
};

const char* EntryKindName(EntryKind k);
const char* FormKindName(FormKind k);

struct Entry {
  EntryKind kind = EntryKind::kActor;
  ActorKind actor_kind = ActorKind::kOrg;  // kActor only.
  // kActor: the actor id ("putin_vladimir"); kAgent: the sector code
  // ("COP", "" for a sector-less person noun); kCountry: the country code;
  // kRegion / kCity: the primary name.
  std::string id;
  // kCountry / kRegion / kCity: the country code. Empty otherwise.
  std::string country;
  // kActor: the codes in file order. kAgent: one span holding the sector
  // code. Empty for places.
  std::vector<CodeSpan> codes;
  // kAgent from PETRARCH "[XXX~]": the sector is written before the
  // country (rare). False everywhere else.
  bool agent_prefix = false;
  std::string iso;    // kRegion: ISO 3166-2 code, when given.
  std::string where;  // "file:line" of the entry's header.
};

struct Form {
  std::string surface;  // As written in the dictionary.
  std::uint32_t entry = 0;
  FormKind kind = FormKind::kName;
  // PETRARCH/TABARI stems: the last word matches any text word it is a
  // prefix of ("MINISTR" matches "ministry"). False in the dyad format.
  bool stem_last = false;
  // Written in capitals only ("GIA", "U.N."): matches only text in capitals.
  // Set by the dyad reader; PETRARCH/TABARI forms are all capitals anyway.
  bool acronym = false;
  // TABARI (manual 5.2.3, 5.5.3): bit i set when words i and i+1 were joined
  // by a blank rather than "_", so other words may stand between them in the
  // text ("PRINCE DOL_AMROTH" matches "Prince of Dol Amroth").
  std::uint32_t gaps = 0;
  // TABARI "WORD=": the last word takes no regular ending ("S", "'S").
  bool exact_last = false;
};

// Whether `surface` has at least two letters and no lower-case letter.
bool IsAcronym(std::string_view surface);

// A problem found while loading; the load goes on after it.
struct Diagnostic {
  std::string file;
  int line = 0;  // 1-based; 0 when not tied to a line.
  std::string message;
  // A warning marks a line that was loaded, but maybe not as its author
  // meant (e.g. an impossible date that PETRARCH also accepts).
  bool warning = false;
  std::string ToString() const;  // "file:line: message" ("warning: " first for warnings)
};

// The parsed, not yet compiled, content of one or more dictionary files.
struct DictionaryData {
  std::vector<Entry> entries;
  std::vector<Form> forms;
  std::unordered_map<std::string, std::uint32_t> actor_ids;  // kActor ids.
  std::vector<Diagnostic> diagnostics;
  int files = 0;  // Files read.
  int lines = 0;  // Lines read.

  std::uint32_t AddEntry(Entry e);
  void AddForm(std::uint32_t entry, FormKind kind, std::string surface,
               bool stem_last = false);
  void Error(const std::string& file, int line, std::string message);
  void Warning(const std::string& file, int line, std::string message);
  std::size_t num_errors() const;    // Diagnostics that are not warnings.
  std::size_t num_warnings() const;
};

// Whether `code` is a plausible CAMEO actor code: one or more groups of three
// upper-case letters or digits ("RUS", "RUSGOV", "IGOUNOKID").
bool IsCameoCode(std::string_view code);

// The regular English plural of the last word of `name` ("police officer" ->
// "police officers", "militia" -> "militias", "party" -> "parties").
std::string RegularPlural(std::string_view name);

}  // namespace dyad::actors

#endif  // DYAD_ACTORS_DICTIONARY_H_
