// The code stage's document-level driver, exposed for tests and the bench.
#ifndef DYAD_CODE_STAGE_H_
#define DYAD_CODE_STAGE_H_

#include <cstdint>
#include <vector>

#include "code/coder.h"
#include "dyad/pipeline.h"

namespace dyad::code {

// Builds the coder's view of one sentence: upper-case forms and lemmas, the
// parse when there is one, and the document's mentions of that sentence as
// token ranges (mentions that cover no whole token, or overlap an earlier
// one, are left out). `in_sentence` lists the sentence's mention indices in
// order; mentions_of_actor[i] lists the mentions actor i stands for (several
// when they share one span: "the groups" for each member of a compound).
CoderSentence ToCoderSentence(const Sentence& sent, const std::vector<ActorMention>& mentions,
                              const std::vector<int>& in_sentence,
                              std::vector<std::vector<int>>* mentions_of_actor);

// Codes every sentence of `doc`, appending to doc->events with the full
// record (codebook facts, spans, modality, attribution).
void CodeDocument(const Coder& coder, AnalyzedDocument* doc);

}  // namespace dyad::code

#endif  // DYAD_CODE_STAGE_H_
