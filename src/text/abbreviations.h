// Hand-written English abbreviation lists for the tokenizer and splitter.
//
// A word followed by a period keeps the period when it is an abbreviation:
// a listed word ("Gen.", "etc."), a single letter ("J."), or an initialism
// of short letter groups joined by periods ("U.S.", "p.m.", "Ph.D.").
// The class tells the splitter how likely a sentence is to end there: a
// title ("Mr.") never ends one, a month ("Jan.") rarely, before a number
// ("No. 5") almost never; other abbreviations ("Inc.", "etc.") often do.
#ifndef DYAD_TEXT_ABBREVIATIONS_H_
#define DYAD_TEXT_ABBREVIATIONS_H_

#include <cstdint>
#include <string_view>

namespace dyad::text {

enum AbbrevClass : std::uint8_t {
  kAbbrevNone = 0,
  kAbbrevTitle,      // Mr. Mrs. Dr. Gen. Sen. Gov. Lt. Prof. Rev. St.
  kAbbrevDate,       // Jan. Sept. Mon. Thurs.
  kAbbrevNumber,     // No. Nos. Art. Vol. pp. Fig. (usually before a number)
  kAbbrevOther,      // Inc. Corp. Co. Ltd. Jr. etc. vs. approx. Calif.
  kAbbrevInitialism, // U.S. p.m. e.g. Ph.D. (pattern, not listed)
  kAbbrevInitial,    // J. (one letter)
};

// Classifies `word` (without its period). Listed words match exactly, in
// lower case when listed in lower case, or capitalized ("Gen" also matches
// "GEN"). Returns kAbbrevNone when the period should be split off.
AbbrevClass ClassifyAbbreviation(std::string_view word);

}  // namespace dyad::text

#endif  // DYAD_TEXT_ABBREVIATIONS_H_
