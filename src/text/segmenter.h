// Sentence splitting and UD-style tokenization of a Document.
//
// Segment() runs the tokenizer (tokenizer.h) and the sentence splitter
// (sentence_splitter.h) over each block of a document and materializes the
// result as dyad::Sentence values: syntactic words with byte spans into
// Document::text, multi-word tokens for clitics ("don't" = do + n't), and
// space_after flags. See docs/segmentation.md for conventions and figures.
#ifndef DYAD_TEXT_SEGMENTER_H_
#define DYAD_TEXT_SEGMENTER_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "dyad/document.h"
#include "dyad/sentence.h"

namespace dyad::text {

struct SplitModel;

// Splits `doc` into sentences and tokens. Token spans are byte offsets into
// doc.text. Sentences never cross block boundaries (nor blank lines). Never
// fails: any text segments, in time linear in its length.
std::vector<Sentence> Segment(const Document& doc);

// Segments a range [begin, end) of `text` (one block), appending sentences.
void SegmentRange(std::string_view text, std::uint32_t begin, std::uint32_t end,
                  std::uint32_t block, std::vector<Sentence>* out);

// As SegmentRange, with an explicit splitter model (training, evaluation).
void SegmentRangeWithModel(const SplitModel& model, std::string_view text, std::uint32_t begin,
                           std::uint32_t end, std::uint32_t block, std::vector<Sentence>* out);

}  // namespace dyad::text

#endif  // DYAD_TEXT_SEGMENTER_H_
