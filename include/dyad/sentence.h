// Sentence and Token: the output of segmentation and linguistic analysis.
#ifndef DYAD_SENTENCE_H_
#define DYAD_SENTENCE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "dyad/document.h"

namespace dyad {

// One syntactic word in the UD sense ("don't" is two: "do", "n't").
// Analysis fields are empty / -1 until the analyze stage fills them.
struct Token {
  Span span;          // The word's bytes in Document::text.
  std::string form;   // Usually text[span]; may differ (normalized) for MWT parts.
  std::string lemma;  // Empty until analyzed.
  std::string upos;   // Universal POS; empty until analyzed.
  std::string xpos;   // Penn tag; empty until analyzed.
  std::string feats;  // UD features "A=B|C=D"; empty when none or unanalyzed.
  int head = -1;      // Index into Sentence::tokens of the head; -1 = root or unparsed.
  std::string deprel; // UD relation; empty until parsed.
  std::string ner;    // BIO entity tag ("B-PER", "I-ORG", "O"); empty until NER runs.
  bool space_after = true;  // False when the next token follows with no space.
};

// A surface token that holds several words ("Google's" = "Google" + "'s").
struct MultiWordToken {
  Span span;                 // The surface token's bytes.
  std::uint32_t first = 0;   // Index of its first word in Sentence::tokens.
  std::uint32_t last = 0;    // Index of its last word (inclusive).
};

struct Sentence {
  Span span;                 // From the first token's begin to the last's end.
  std::uint32_t block = 0;   // Index into Document::blocks (0 when none).
  std::vector<Token> tokens;
  std::vector<MultiWordToken> mwts;  // Sorted by first.
};

}  // namespace dyad

#endif  // DYAD_SENTENCE_H_
