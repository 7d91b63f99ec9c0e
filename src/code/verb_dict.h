// The verb-pattern dictionary: which words trigger which CAMEO events, and
// the patterns around them that refine the code and place source and target.
//
// One in-memory form serves three input formats:
//   - dyad's own format (docs/verb-dictionary-format.md, data/verbs/*.dyad),
//     keyed by lemma, with inflections generated;
//   - PETRARCH2 verb files (CAMEO.2.0.txt, PETR.Validate.verbs.txt,
//     UniversalPetrarch 2_02) -- see legacy_verbs.h;
//   - TABARI .verbs files (CAMEO.091003.master.verbs, TABARI.Demo.verbs),
//     whose words are stems matched as prefixes.
//
// A dictionary is a list of blocks. A block has a default code and a list of
// patterns; its entries are the trigger words (one or more words, one of them
// the head that is looked up). A pattern is a sequence of elements before and
// after the trigger (`*`): words or word sets, `$` (source actor), `+`
// (target actor), `%` (an actor that is both, for reciprocal events) and `^`
// (skip). Elements written with a space between them may have other tokens
// between their matches; elements joined with `_` must be adjacent.
//
// Compiled form: every inflected form of every head word goes into one hash
// map (form -> entries); TABARI stems go into a second map probed with each
// prefix of the token. Lookup is O(token length). The dictionary is
// immutable after loading and safe to share between threads.
#ifndef DYAD_CODE_VERB_DICT_H_
#define DYAD_CODE_VERB_DICT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dyad/status.h"

namespace dyad::code {

// How a dictionary word matches a token. Words are stored upper-case.
enum class WordMode : std::uint8_t {
  kInflect = 0,  // The token is the word or a regular inflection of it, or its lemma is the word.
  kExact,        // The token's form is exactly the word (written with a trailing '_').
  kStem,         // The token's form starts with the word (TABARI stems).
  kEndings,      // The word, or the word + S / ES / ED / EN / ING / 'S (TABARI "WORD_").
  kPlural,       // The word or its regular plural (PETRARCH pattern words).
};

struct DictWord {
  std::string text;  // Upper case, no underscores.
  WordMode mode = WordMode::kInflect;
  // TABARI: written after a blank inside a phrase of alternatives or a
  // synset member ("AUSTRIAN FLORIN"), so other words may come between.
  bool gap_before = false;
  // TABARI: a synset member's designator ("+WORD_$", manual 5.6): '$', '+'
  // or '%' for the actor right after the member's words; 0 = a word.
  char role = 0;
};

enum class ElemKind : std::uint8_t {
  kPhrase = 0,  // One of `alts`, each a sequence of words.
  kSource,      // $
  kTarget,      // +
  kBoth,        // % (the actor is source and target of a reciprocal pair)
  kSkip,        // Marker: the next element is adjacent to the trigger ("*_OF").
  kSkipActor,   // ^ : passes over one actor (a compound as a whole), unassigned.
};

struct PatternElem {
  ElemKind kind = ElemKind::kPhrase;
  std::vector<std::vector<DictWord>> alts;  // kPhrase only.
  bool adjacent_to_next = false;            // Joined to the next element by '_'.
  // TABARI length (manual 5.7.1): letters and digits as written (a synset
  // designator counts nothing); for "{ A | B }" alternatives (`alternatives`)
  // the longest, while a match counts the alternative it matched.
  int chars = 0;
  bool alternatives = false;
};

struct VerbPattern {
  std::vector<PatternElem> before;  // In text order; matched right to left from the trigger.
  std::vector<PatternElem> after;   // In text order; matched left to right.
  std::string code;                 // "0253"; "---" = matches but codes nothing.
  std::string code2;                // Second code of a paired event ("032:033"), or "".
  int weight = 0;                   // Literal words in the pattern (more = more specific).
  // TABARI: `weight` is the pattern's length in letters and digits (its
  // longest alternatives); a match through a shorter alternative yields to
  // a later pattern longer than what it matched (manual 5.7.1).
  bool tabari_length = false;
  int line = 0;                     // Source line, for diagnostics.
};

struct VerbBlock {
  std::string code = "---";  // Default code of the block's triggers.
  std::string code2;
  std::vector<VerbPattern> patterns;
};

struct VerbEntry {
  std::vector<DictWord> words;  // The trigger phrase ("CALL", "ON"); size >= 1.
  int head = 0;                 // Index in `words` of the word that is looked up.
  std::string code;             // Own default code, or "" to use the block's.
  std::string code2;
  int block = 0;                // Index into VerbDictionary::blocks().
  bool noun = false;            // A nominal trigger ("threats", "arrest").
  int line = 0;
};

class VerbDictionary {
 public:
  VerbDictionary() = default;

  // Builders used by the format readers. Entries must be added before
  // Compile(); patterns go into the block they name.
  int AddBlock(VerbBlock block);
  void AddEntry(VerbEntry entry, std::vector<std::string> extra_forms = {});
  VerbBlock* mutable_block(int i) { return &blocks_[i]; }
  // Merges `other` into this dictionary (blocks and entries appended).
  void Merge(const VerbDictionary& other);
  // Builds the lookup maps. Call once after the last Add.
  void Compile();

  // Appends to `out` the indices of entries whose head word matches a token
  // with upper-case form `form` and upper-case lemma `lemma` (may be empty).
  void Lookup(std::string_view form, std::string_view lemma, std::vector<int>* out) const;

  const std::vector<VerbBlock>& blocks() const { return blocks_; }
  const std::vector<VerbEntry>& entries() const { return entries_; }

  // Discard phrases: a sentence containing a sentence discard codes
  // nothing; a document containing a document discard codes nothing at all
  // (sports results, entertainment). Phrases are word sequences matched
  // like pattern words.
  const std::vector<std::vector<DictWord>>& sentence_discards() const { return sentence_discards_; }
  const std::vector<std::vector<DictWord>>& document_discards() const { return document_discards_; }
  void AddDiscard(std::vector<DictWord> phrase, bool document) {
    (document ? document_discards_ : sentence_discards_).push_back(std::move(phrase));
  }

  // Problems found while loading ("file:line: reason"); loading continues
  // past them, skipping the offending line.
  const std::vector<std::string>& warnings() const { return warnings_; }
  void AddWarning(std::string w) { warnings_.push_back(std::move(w)); }

 private:
  std::vector<VerbBlock> blocks_;
  std::vector<VerbEntry> entries_;
  std::vector<std::vector<std::string>> extra_forms_;  // Parallel to entries_.
  std::unordered_map<std::string, std::vector<int>> by_form_;
  std::unordered_map<std::string, std::vector<int>> by_stem_;
  std::size_t max_stem_ = 0;
  std::vector<std::string> warnings_;
  std::vector<std::vector<DictWord>> sentence_discards_, document_discards_;
};

// True when `token` (upper case) is `word` or one of its regular English
// inflections (-S, -ES, -ED, -D, -ING, doubled consonant, Y -> IES/IED,
// dropped E + ING).
bool IsInflectionOf(std::string_view token, std::string_view word);

// The base form of an irregular English verb form ("HELD" -> "HOLD"), or ""
// when `form` is not one.
std::string_view IrregularBase(std::string_view form);

// True when the dictionary word matches a token with upper-case form and lemma.
bool WordMatches(const DictWord& w, std::string_view form, std::string_view lemma);

// Reads dyad's own verb dictionary format (docs/verb-dictionary-format.md)
// from `text`; `name` is used in warnings. Malformed lines are skipped and
// reported as warnings; fails only when nothing usable was read.
Status ParseDyadVerbs(std::string_view text, const std::string& name, VerbDictionary* dict);

// Loads every *.dyad file in `dir` (sorted by name) into one compiled dictionary.
StatusOr<VerbDictionary> LoadDyadVerbDir(const std::string& dir);

}  // namespace dyad::code

#endif  // DYAD_CODE_VERB_DICT_H_
