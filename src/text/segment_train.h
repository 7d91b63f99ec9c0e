// Training the sentence splitter's model from CoNLL-U treebanks.
//
// The raw text of each treebank is rebuilt exactly as for evaluation
// (segment_eval.h) and tokenized; every candidate gap (ClassifyGap) becomes
// one example, labelled by whether a gold sentence ends there. Features are
// computed with the gold sentence history (teacher forcing). An averaged
// perceptron learns the weights; the decision threshold is then tuned for
// sentence F1 on a development treebank, if one is given. The result is
// written as the C++ include file that the library compiles in
// (src/text/segment_model_data.inc).
#ifndef DYAD_TEXT_SEGMENT_TRAIN_H_
#define DYAD_TEXT_SEGMENT_TRAIN_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dyad/status.h"
#include "text/conllu.h"
#include "text/segment_eval.h"
#include "text/sentence_splitter.h"

namespace dyad::text {

// Orthographic statistics of words in unlabelled running text (the
// orthographic context of Kiss & Strunk 2006, "Punkt"), by RawToken::hash:
// how often a word is capitalized where it is clearly inside a sentence
// (after a lower-case word or a comma on the same line) and where it
// clearly begins one (after a full stop, question or exclamation mark that
// directly follows a lower-case word). A word capitalized mostly where
// sentences begin ("Thanks", "Meanwhile") is a sentence starter; a name is
// capitalized inside sentences too.
struct OrthoCounts {
  struct Word {
    std::uint32_t mid_upper = 0, start_upper = 0;
  };
  std::unordered_map<std::uint64_t, Word> words;
  std::size_t tokens = 0;  // words read
};

// Tokenizes `text` (running text; line and paragraph breaks as in a
// document) and adds its words' counts.
void AddOrthoCounts(std::string_view text, OrthoCounts* counts);

struct SplitTrainOptions {
  int epochs = 10;          // passes over the examples
  unsigned seed = 1;        // shuffling
  int bags = 1;             // models averaged, each with its own shuffling
  // Weights smaller than this fraction of the largest are dropped when the
  // model is written. Default: 0.03
  double prune = 0.03;
  // Also learn from paragraph ends, as if the text ran on. Default: true
  bool paragraph_examples = false;
  // "perceptron" (averaged) or "logistic" (AdaGrad). Default: perceptron
  std::string learner = "perceptron";
  double learning_rate = 0.1;  // logistic only
  // Build the word-case lexicons (SplitModel::lower_words, proper_words).
  // Default: true
  bool lexicons = true;
  // Counts from unlabelled text (not owned; null: none): the words seen
  // capitalized at least twice where a sentence clearly begins, and more
  // often there than inside sentences, form SplitModel::starter_words.
  const OrthoCounts* ortho = nullptr;
  // Also train the gate (SplitModel::gate_*). Default: true
  bool gate = true;
  // The fraction of the training sentence ends whose gate score may fall
  // below SplitModel::gate_cut, and of the other training gaps whose gate
  // score may reach gate_end. Default: 0 (the cuts are the extreme scores;
  // tighter ones misjudge held-out gaps too, since the gate fits its
  // training examples better than unseen ones)
  double gate_quantile = 0;
};

// Keeps only sentences of documents whose id ("# newdoc id = GUM_news_x")
// has a genre (the part after the first '_') in `genres`; documents whose
// id does not start with "GUM_" are kept.
std::vector<ConlluSentence> FilterGumGenres(std::vector<ConlluSentence> sentences,
                                            const std::vector<std::string>& genres);

// Trains on the given treebanks.
SplitModel TrainSplitModel(const std::vector<std::vector<ConlluSentence>>& corpora,
                           const SplitTrainOptions& options);

// Zeroes the weights smaller than `fraction` of the largest (as the written
// model drops them).
void PruneSplitModel(double fraction, SplitModel* model);

// The decision threshold is chosen on a grid of 2 * kBiasSteps + 1 points:
// model->bias = step * BiasStep(*model), step in [-kBiasSteps, kBiasSteps].
inline constexpr int kBiasSteps = 20;

// One step of the threshold grid: 4% of the model's largest weight.
double BiasStep(const SplitModel& model);

// The sentence scores of `model` on `gold` at each grid step (index
// step + kBiasSteps); model->bias is left as it was.
std::vector<EvalScore> ThresholdCurve(const std::vector<ConlluSentence>& gold,
                                      SplitModel* model);

// The grid step whose F1, averaged with its two neighbours on each side, is
// highest (single points are noisy); `f1` has 2 * kBiasSteps + 1 entries.
// Ties go to the lowest step.
int SmoothedBestStep(const std::vector<double>& f1);

// Sets model->bias to the value in a grid that maximizes sentence F1 on
// `dev`, smoothed over neighbouring grid points (SmoothedBestStep). Returns
// the sentence F1 at that value.
double TuneSplitBias(const std::vector<ConlluSentence>& dev, SplitModel* model);

// K-fold cross-validation over the documents of corpora[0] ("# newdoc"),
// dealt round-robin to the folds: each fold's model is trained on the other
// folds plus corpora[1..], pruned, its threshold tuned on `dev` (if not
// empty) and scored on the fold. A steadier estimate than one development
// file (EWT train: 12,544 sentences against 2,001 in dev) for comparing
// features and options.
struct SplitCrossValidation {
  EvalScore pooled;                   // sentences, summed over the folds
  std::vector<EvalScore> folds;       // sentences, per fold
  double mean_dev_f1 = 0;             // tuned dev F1, mean over the folds
  std::vector<std::string> errors;    // boundary errors on the folds, if asked for
  // If asked for: pooled sentence scores at each grid step of the threshold
  // (kBiasSteps before and after 0, as TuneSplitBias searches), and the
  // same per fold (fold_curves[f]: fold f scored by its own model) and on
  // dev (dev_curves[f]: dev scored by fold f's model; if dev is given).
  std::vector<EvalScore> curve;
  std::vector<std::vector<EvalScore>> fold_curves, dev_curves;
};
StatusOr<SplitCrossValidation> CrossValidateSplitModel(
    const std::vector<std::vector<ConlluSentence>>& corpora, const SplitTrainOptions& options,
    const std::vector<ConlluSentence>& dev, int folds, bool list_errors, bool curve);

// Threshold selection on a large held-out sample (`--tune-cv`): the grid
// step that maximizes the smoothed F1 of the folds' curves summed, plus
// dev's (the mean of the folds' models' dev counts, so that dev weighs as
// many sentences as it has). Needs cv.fold_curves (and cv.dev_curves if
// `with_dev`). `skip_fold` >= 0 leaves that fold out, to score it at a step
// chosen without it.
int PooledThresholdStep(const SplitCrossValidation& cv, int skip_fold, bool with_dev);

// An honest estimate of that selection: each fold scored at the step chosen
// on the other folds (plus dev if `with_dev`), summed over the folds.
EvalScore NestedThresholdScore(const SplitCrossValidation& cv, bool with_dev);

// The model as the include file segment_model_data.inc. `command` is the
// command line that regenerates it, written into the file's header.
std::string SplitModelSource(const SplitModel& model, const SplitTrainOptions& options,
                             const std::string& command, std::size_t* entries);

}  // namespace dyad::text

#endif  // DYAD_TEXT_SEGMENT_TRAIN_H_
