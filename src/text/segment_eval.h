// Evaluation of segmentation against CoNLL-U gold files, with the metrics of
// the CoNLL 2018 shared task (conll18_ud_eval.py):
//
//   Tokens      surface tokens (a multi-word token counts once) whose
//               character spans match exactly;
//   Sentences   sentences whose spans match exactly;
//   Words       syntactic words aligned as in the shared task: by span
//               outside multi-word tokens, by the longest common subsequence
//               of lower-cased forms inside a region of overlapping
//               multi-word tokens;
//   Multiwords  multi-word tokens whose spans match exactly.
// Spans are offsets in the text with all whitespace removed, so gold and
// system agree on coordinates even where their spacing differs.
//
// The raw text is rebuilt from the "# text" lines: sentences of a paragraph
// joined by one space, paragraphs ("# newpar") and documents ("# newdoc")
// separated by a blank line.
#ifndef DYAD_TEXT_SEGMENT_EVAL_H_
#define DYAD_TEXT_SEGMENT_EVAL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "dyad/document.h"
#include "dyad/sentence.h"
#include "dyad/status.h"
#include "text/conllu.h"

namespace dyad::text {

struct SplitModel;

// Raw text rebuilt from gold sentences.
struct RawText {
  std::string text;
  std::vector<Span> sentences;  // byte span of each gold sentence in text
};

// Rebuilds the raw text. A sentence without "# text" is rebuilt from its
// token forms and SpaceAfter=No.
RawText BuildRawText(const std::vector<ConlluSentence>& gold);

struct EvalScore {
  std::uint64_t gold = 0, system = 0, correct = 0;
  double Precision() const { return system ? double(correct) / system : 0; }
  double Recall() const { return gold ? double(correct) / gold : 0; }
  double F1() const { return gold + system ? 2.0 * correct / double(gold + system) : 0; }
};

struct SegmentEval {
  EvalScore tokens, sentences, words, multiwords;
  // Sentence ends missed ("- ") or added ("+ ") by the system, with 30
  // non-whitespace characters of context either side ("left || right").
  // Filled only when asked for.
  std::vector<std::string> boundary_errors;
};

// Scores system sentences (over raw.text) against the gold sentences.
// Fails when the non-whitespace characters of the two differ.
StatusOr<SegmentEval> ScoreSegmentation(const std::vector<ConlluSentence>& gold,
                                        const RawText& raw,
                                        const std::vector<Sentence>& system,
                                        bool list_errors = false);

// Rebuilds the raw text of `gold`, segments it (with `model`, or the default
// model when null) and scores it.
StatusOr<SegmentEval> EvaluateSegmenter(const std::vector<ConlluSentence>& gold,
                                        const SplitModel* model = nullptr,
                                        bool list_errors = false);

// Human-readable table, one metric a line.
std::string FormatSegmentEval(const SegmentEval& e);

// {"tokens":{"gold":..,"system":..,"correct":..,"precision":..,"recall":..,"f1":..},...}
std::string SegmentEvalJson(const SegmentEval& e);

}  // namespace dyad::text

#endif  // DYAD_TEXT_SEGMENT_EVAL_H_
