// Word normalisation shared by dictionary forms and text tokens.
//
// Names are compared as sequences of *words*. A word is a maximal run of
// letters and digits (Unicode-aware), case-folded. So "Al-Qaeda", "al Qaeda"
// and "AL_QAEDA" all give {"al", "qaeda"}. A token with no letter or digit
// ("," "(" "&") is one word: itself. A trailing possessive ("Chechnya's",
// "Chechnya’s", "Greeks'") is dropped from the token before splitting, and
// the token is marked possessive.
#ifndef DYAD_ACTORS_WORDS_H_
#define DYAD_ACTORS_WORDS_H_

#include <string>
#include <string_view>
#include <vector>

namespace dyad::actors {

// Appends the words of one token to *out and returns how many were added
// (at least 1 for a non-empty token). *possessive is set when the token
// ended in a possessive suffix that was dropped (may be null).
int TokenWords(std::string_view token, std::vector<std::string>* out,
               bool* possessive = nullptr);

// The words of a dictionary surface form: the form is split on whitespace
// and underscores, and each piece is treated as a token ("People's" gives
// "people", as in text).
std::vector<std::string> FormWords(std::string_view surface);

// Case-folds UTF-8 text (full Unicode simple folding).
std::string Fold(std::string_view s);

// Whether the token is a possessive clitic on its own ("'s", "’s", "'").
bool IsPossessiveClitic(std::string_view token);

// Whether the first character of `token` is an upper-case letter.
bool StartsUpper(std::string_view token);

// Whether the case-folded word names another party's partner ("ally",
// "allies", "proxy", "proxies"): "X's militia ally" is not X's militia.
bool IsAllyNoun(std::string_view word);

// Whether the case-folded word puts a bare place name right after it in a
// locative phrase ("in", "at", "near", "visited", ...): "in Minsk" is where
// something happened, "Minsk said" is the government.
bool IsLocativeWord(std::string_view word);

}  // namespace dyad::actors

#endif  // DYAD_ACTORS_WORDS_H_
