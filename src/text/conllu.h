// Reading CoNLL-U files (https://universaldependencies.org/format.html).
//
// Empty nodes ("8.1") are skipped; multi-word token lines ("3-4") are kept
// in ConlluSentence::mwts. Malformed lines fail with file-relative line
// numbers.
#ifndef DYAD_TEXT_CONLLU_H_
#define DYAD_TEXT_CONLLU_H_

#include <string>
#include <string_view>
#include <vector>

#include "dyad/status.h"

namespace dyad::text {

struct ConlluWord {
  int id = 0;    // 1-based
  int line = 0;  // 1-based line of the word in the file
  std::string form, lemma, upos, xpos, feats;
  int head = 0;  // 0 = root
  std::string deprel, deps, misc;
};

struct ConlluMwt {
  int first = 0, last = 0;  // 1-based word ids, inclusive
  std::string form, misc;
};

struct ConlluSentence {
  std::string sent_id;
  std::string text;       // "# text = ..."; empty when absent
  bool newdoc = false;    // "# newdoc" seen before this sentence
  bool newpar = false;    // "# newpar" seen before this sentence
  std::vector<std::pair<std::string, std::string>> comments;  // all "# key = value"
  int line = 0;           // 1-based line of its first token line (word, range or empty node)
  std::vector<ConlluWord> words;
  std::vector<ConlluMwt> mwts;
};

// Parses CoNLL-U text. `name` is used in error messages.
StatusOr<std::vector<ConlluSentence>> ParseConllu(std::string_view data,
                                                  const std::string& name = "conllu");

// Reads and parses a file.
StatusOr<std::vector<ConlluSentence>> ReadConllu(const std::string& path);

// Whether a MISC field has SpaceAfter=No.
bool NoSpaceAfter(std::string_view misc);

}  // namespace dyad::text

#endif  // DYAD_TEXT_CONLLU_H_
