// The pattern syntax shared by dyad's .dyad format and the TABARI / PETRARCH
// importers: "- SUGGESTED_+ * DEMAND_{ GENEVA | INTERNATIONAL }_CONVENTIONS [111]".
//
// Tokens of a pattern body:
//   *            the trigger (exactly one)
//   $ + % ^      source, target, both, skip over an actor (TABARI 5.7.3)
//   WORD~        WORD with any ending (TABARI; "REAL~_PLEASANT")
//   WORD         a word; its match mode is the reader's default unless it
//                ends in '_' (then exact)
//   A_B          words that must be adjacent
//   &SET         a synonym set (any of its phrases)
//   {A | B C}    alternatives (TABARI); {A B} without '|' is a phrase (PETRARCH)
//   ( ... )      PETRARCH prepositional-phrase brackets: ignored
// The code follows in brackets: [CODE] or [CODE:CODE2]; a trailing ';' or '#'
// comment is dropped by the caller.
#ifndef DYAD_CODE_PATTERN_SYNTAX_H_
#define DYAD_CODE_PATTERN_SYNTAX_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "code/verb_dict.h"

namespace dyad::code {

using SynsetMap = std::map<std::string, std::vector<std::vector<DictWord>>>;

// Splits a phrase ("call on", "WAR_CRIMES", "artillery_shell") into words;
// '_' and spaces both separate; a word ending in '_' becomes exact.
std::vector<DictWord> ParsePhraseWords(std::string_view phrase, WordMode mode);

// The letters and digits of a phrase (TABARI's pattern length).
int PhraseChars(const std::vector<DictWord>& words);

// Expands "&SET" words inside a phrase into one phrase per set member
// ({NEW &TIETYPES RELATIONS} -> NEW ECONOMIC RELATIONS, ...), appending to
// `out`. Returns false with a reason in *error when a set is unknown.
bool ExpandSets(const std::vector<DictWord>& words, const SynsetMap& sets,
                std::vector<std::vector<DictWord>>* out, std::string* error);

// Parses "<body> [CODE]" into `p` (weight included). Returns false with a
// reason in *error when the pattern is malformed or names an unknown set.
// `np_gaps`: read "{A B C}" (no '|') as PETRARCH does -- a noun phrase
// whose words keep their order but may have modifiers between them -- instead
// of one contiguous phrase.
bool ParsePatternLine(std::string_view line, const SynsetMap& sets, WordMode mode,
                      VerbPattern* p, std::string* error, bool np_gaps = false);

// ParseDyadVerbs with a set table shared across files (sets defined in
// one file are visible to the files read after it).
Status ParseDyadVerbsWithSets(std::string_view text, const std::string& name, VerbDictionary* dict,
                              SynsetMap* sets);

}  // namespace dyad::code

#endif  // DYAD_CODE_PATTERN_SYNTAX_H_
