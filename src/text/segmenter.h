// Sentence splitting and UD-style tokenization of a Document.
#ifndef DYAD_TEXT_SEGMENTER_H_
#define DYAD_TEXT_SEGMENTER_H_

#include <string_view>
#include <vector>

#include "dyad/document.h"
#include "dyad/sentence.h"

namespace dyad::text {

// Splits `doc` into sentences and tokens. Token spans are byte offsets into
// doc.text. Sentences never cross block boundaries. Never fails: any valid
// UTF-8 text segments, in time linear in its length.
std::vector<Sentence> Segment(const Document& doc);

// Segments a range [begin, end) of `text` (one block), appending sentences.
void SegmentRange(std::string_view text, std::uint32_t begin, std::uint32_t end,
                  std::uint32_t block, std::vector<Sentence>* out);

}  // namespace dyad::text

#endif  // DYAD_TEXT_SEGMENTER_H_
