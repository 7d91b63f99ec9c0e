// The UD-EWT-style tokenizer: byte ranges of raw text in, syntactic words out.
//
// The tokenizer cuts one whitespace-delimited chunk at a time into words
// following the conventions of the English UD treebanks (EWT, GUM):
//   - punctuation is split off ("(and" -> "(" "and"), except inside numbers
//     ("3.5", "100,000", "2:30", "11/04/2019", "212-555-0147"), URLs, e-mail
//     addresses, file names ("report.htm") and emoticons (":-)");
//   - hyphenated compounds are split ("search-engine" -> search - engine)
//     unless the first part is a bound prefix ("e-mail", "non-profit",
//     "re-elected"); see kHyphenPrefixes in tokenizer.cc;
//   - abbreviations keep their period ("Gen.", "U.S.", "p.m.", "J."), other
//     words lose it; the splitter later takes the period off an abbreviation
//     that ends a sentence ("at 2:30 p.m." -> "p.m" "."), as EWT does;
//   - clitics become multi-word tokens whose parts are substrings of the
//     surface token: "don't" = do + n't, "can't" = ca + n't, "Google's" =
//     Google + 's, "parents'" = parents + ', "cannot" = can + not,
//     "gonna" = gon + na, and the apostrophe-less "dont" = do + nt.
//
// It runs in one pass, allocates nothing per byte (the caller owns the token
// vector) and never fails: any byte sequence tokenizes (invalid UTF-8 bytes
// are taken as letters).
#ifndef DYAD_TEXT_TOKENIZER_H_
#define DYAD_TEXT_TOKENIZER_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace dyad::text {

// Coarse word classes, the splitter's main features.
enum Shape : std::uint8_t {
  kShapeLower = 0,   // "word", "iPhone"
  kShapeCapital,     // "Word"
  kShapeUpper,       // "WORD" (two or more letters)
  kShapeInitial,     // "J" (one capital letter)
  kShapeNumber,      // starts with a digit
  kShapeAbbrev,      // a word that keeps its final period ("Gen.", "U.S.")
  kShapePeriod,      // "."
  kShapeStop,        // "?", "!", "?!", "!!!"
  kShapeEllipsis,    // "...", "…"
  kShapeComma,       // ","
  kShapeColon,       // ":"
  kShapeSemicolon,   // ";"
  kShapeOpen,        // ( [ { “ ‘ « <
  kShapeClose,       // ) ] } ” ’ » >
  kShapeQuote,       // " ' ` (direction unknown)
  kShapeDash,        // - -- – — ―
  kShapeSymbol,      // any other punctuation or symbol
  kShapeUrl,         // URL or e-mail address
  kShapeBullet,      // • · ▪ and "*" at a line start
  kShapeCount
};

// One syntactic word, as produced by the tokenizer.
struct RawToken {
  std::uint32_t begin = 0;  // byte span in the text
  std::uint32_t end = 0;
  std::uint64_t hash = 0;   // FNV-1a of the ASCII-lowercased bytes
  std::uint8_t shape = kShapeLower;
  // Whitespace after the word: 0 none, 1 spaces, 2 one line break, 3 two or
  // more line breaks (a blank line).
  std::uint8_t gap = 0;
  // 0: a word on its own; 1: first word of a multi-word token; 2: a later
  // word of the same multi-word token.
  std::uint8_t mwt = 0;
  std::uint8_t abbrev_class = 0;  // AbbrevClass of the word (abbreviations.h)
};

// Lower-cased FNV-1a hash of bytes, as stored in RawToken::hash.
std::uint64_t HashLower(std::string_view s);

// The word shape (kShapeLower .. kShapeNumber) of text[b, e).
std::uint8_t WordShape(std::string_view text, std::uint32_t b, std::uint32_t e);

// Splits text[begin, end) chunk by chunk. Usage:
//   Tokenizer tok(text, begin, end);
//   std::vector<RawToken> words;
//   while (tok.Next(&words)) { ... }   // each call appends one chunk's words
class Tokenizer {
 public:
  Tokenizer(std::string_view text, std::uint32_t begin, std::uint32_t end);

  // Appends the words of the next chunk to *out (at least one) and sets the
  // gap of the last one. Returns false, appending nothing, at the end.
  bool Next(std::vector<RawToken>* out);

 private:
  void Chunk(std::uint32_t s, std::uint32_t e, std::vector<RawToken>* out);
  std::uint32_t Word(std::uint32_t p, std::uint32_t e, std::vector<RawToken>* out);
  std::uint32_t Punct(std::uint32_t p, std::uint32_t e, bool chunk_start,
                      std::vector<RawToken>* out);
  void Emit(std::uint32_t b, std::uint32_t e, std::uint8_t shape, std::uint8_t mwt,
            std::vector<RawToken>* out);

  std::string_view text_;
  std::uint32_t pos_;
  std::uint32_t end_;
  bool line_start_ = true;     // the current chunk starts a line
  bool open_single_ = false;   // an opening ' or ‘ has not been closed yet
};

// Convenience: all words of text[begin, end).
std::vector<RawToken> TokenizeAll(std::string_view text, std::uint32_t begin,
                                  std::uint32_t end);

}  // namespace dyad::text

#endif  // DYAD_TEXT_TOKENIZER_H_
