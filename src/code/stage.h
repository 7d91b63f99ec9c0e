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
// one, are left out). mention_of_actor[i] is the mention index of actor i.
CoderSentence ToCoderSentence(const Sentence& sent, const std::vector<ActorMention>& mentions,
                              std::uint32_t sentence_index, std::vector<int>* mention_of_actor);

// Codes every sentence of `doc`, appending to doc->events with the full
// record (codebook facts, spans, modality, attribution).
void CodeDocument(const Coder& coder, AnalyzedDocument* doc);

}  // namespace dyad::code

#endif  // DYAD_CODE_STAGE_H_
