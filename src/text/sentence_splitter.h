// The sentence splitter: decides after which words of the tokenizer's output
// a sentence ends.
//
// Method. Every gap between two words is either settled by a rule or scored
// by a linear model over hashed features:
//   rules:  a blank line always ends a sentence; a word directly followed by
//           another (no whitespace) never does, nor does the inside of a
//           multi-word token, nor a dateline ("WASHINGTON (Reuters) --",
//           "(Moscow) –": it stays with the sentence it introduces, so the
//           place is in that sentence); a bullet starts a new sentence;
//           a line break ends a sentence after a short line (a headline), a
//           stop or a colon; a run of kMaxSentenceWords words is cut.
//   model:  only "candidate" gaps are scored: after a stop, an abbreviation,
//           a closing bracket or quote, a colon or a dash, or before anything
//           but a lower-case word or trailing punctuation. Features (see
//           Features() in sentence_splitter.cc) are the lower-cased words and
//           shapes around the gap (two before, two after), the abbreviation
//           class, the sentence length so far, open brackets and quote
//           parity, 28 hand-written conjunctions of them and every pair of
//           19 of them, hashed into 2^kModelBits weights. A gate (a second
//           model over the hand-written features only) first settles the
//           clear ends and non-ends, so that the pairs are computed for few
//           candidates. The weights are learned by an
//           averaged perceptron (segment_train.h) from UD treebanks and
//           compiled into the library (segment_model_data.inc).
// When a sentence ends on an abbreviation ("... at 2:30 p.m."), its period
// becomes a word of its own, as in UD EWT ("p.m" ".").
//
// The splitter streams: it keeps only the current sentence and two words of
// look-ahead, so memory is bounded by the longest sentence and time is
// linear in the text.
#ifndef DYAD_TEXT_SENTENCE_SPLITTER_H_
#define DYAD_TEXT_SENTENCE_SPLITTER_H_

#include <cstdint>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "text/tokenizer.h"

namespace dyad::text {

inline constexpr std::uint32_t kModelBits = 18;
inline constexpr std::uint32_t kModelSize = 1u << kModelBits;
inline constexpr std::uint32_t kMaxSentenceWords = 500;
// Features() writes kBaseFeatures hand-written conjunctions
// (BaseFeatures), then kPairAtoms single facts about the gap and every pair
// of them (PairFeatures).
inline constexpr int kBaseFeatures = 28;
inline constexpr int kPairAtoms = 19;
inline constexpr int kMaxFeatures = kBaseFeatures + kPairAtoms + kPairAtoms * (kPairAtoms - 1) / 2;

inline constexpr std::uint32_t kLexiconBits = 20;

// A dense weight table over hashed features; score > 0 ends a sentence.
struct SplitModel {
  std::vector<float> weights;  // kModelSize entries (empty: see quantized)
  float bias = 0;              // added to every candidate's score
  // The compiled model keeps int16 weights (half the cache footprint):
  // weight = quantized[i] * scale. Used when `weights` is empty.
  std::vector<std::int16_t> quantized;
  float scale = 0;
  // Bit sets (2^kLexiconBits bits) over RawToken::hash: words seen mostly in
  // lower case inside sentences, and mostly capitalized inside sentences
  // (names). A capitalized common word after a gap hints at a sentence
  // start; a name does not. Empty sets are allowed.
  std::vector<std::uint64_t> lower_words, proper_words;
  // Words of unlabelled text capitalized mostly where a sentence clearly
  // begins rather than inside sentences (segment_train.h, OrthoCounts).
  std::vector<std::uint64_t> starter_words;
  // The gate (optional): a second model of the same kind over the base
  // features only. A candidate whose gate score is below gate_cut is no
  // sentence end, one whose gate score is gate_end or more is one, and for
  // these the pair features are not computed: most candidates in running
  // text are clear non-ends (the words of a name) or clear ends (". The").
  std::vector<float> gate_weights;
  std::vector<std::int16_t> gate_quantized;
  float gate_scale = 0;
  float gate_cut = 0;
  float gate_end = 0;
};

bool InLexicon(const std::vector<std::uint64_t>& set, std::uint64_t hash);
void AddToLexicon(std::vector<std::uint64_t>* set, std::uint64_t hash);

// The model compiled into the library. Built once, thread-safe.
const SplitModel& DefaultSplitModel();

// Running state of the sentence being built, for features.
struct SplitState {
  std::uint32_t words = 0;     // words so far in the sentence
  std::uint32_t open = 0;      // unclosed ( [ {
  std::uint32_t quotes = 0;    // " seen (parity matters)
  std::uint32_t line_begin = 0;  // byte where the current line starts
  std::uint8_t prev_shape = kShapeCount;  // last word of the previous sentence
  std::uint32_t prev_words = 0;           // length of the previous sentence
  // Starts a new sentence; `last` ended the previous one.
  void Reset(const RawToken& last) {
    prev_shape = last.shape;
    prev_words = words;
    words = open = quotes = 0;
  }
  void Add(std::string_view text, const RawToken& t);
};

// What a gap is: settled by a rule, or a candidate for the model.
enum class GapKind { kNever, kAlways, kCandidate, kSkip };

// Classifies the gap after *c (p2, p may be null before the sentence start;
// n, nn null at the end).
GapKind ClassifyGap(std::string_view text, const SplitState& st, const RawToken* p,
                    const RawToken& c, const RawToken* n);

// Writes the feature indices of a candidate gap into out[0..return):
// BaseFeatures, then PairFeatures.
int BaseFeatures(const SplitModel& model, std::string_view text, const SplitState& st,
                 const RawToken* p2, const RawToken* p, const RawToken& c, const RawToken* n,
                 const RawToken* nn, std::uint32_t* out);
int PairFeatures(const SplitModel& model, std::string_view text, const SplitState& st,
                 const RawToken* p2, const RawToken* p, const RawToken& c, const RawToken* n,
                 const RawToken* nn, std::uint32_t* out);
// The sum of the weights of feats[0..k) (float weights if present, else the
// quantized ones times scale).
float SplitScore(const std::vector<float>& weights, const std::vector<std::int16_t>& quantized,
                 float scale, const std::uint32_t* feats, int k);
int Features(const SplitModel& model, std::string_view text, const SplitState& st,
             const RawToken* p2,
             const RawToken* p, const RawToken& c, const RawToken* n, const RawToken* nn,
             std::uint32_t* out);

// Splits text[begin, end) into sentences and calls sink once per sentence
// with its words (never empty; valid only during the call).
class SentenceSplitter {
 public:
  explicit SentenceSplitter(const SplitModel& model = DefaultSplitModel()) : model_(model) {}

  void Run(std::string_view text, std::uint32_t begin, std::uint32_t end,
           const std::function<void(std::span<const RawToken>)>& sink);

 private:
  const SplitModel& model_;
  std::vector<RawToken> buf_;
};

}  // namespace dyad::text

#endif  // DYAD_TEXT_SENTENCE_SPLITTER_H_
