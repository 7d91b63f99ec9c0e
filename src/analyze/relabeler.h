// The second-stage arc labeler: relabels every arc of a finished parse with
// a classifier that sees the whole tree.
//
// Method (after McDonald, Lerman & Pereira 2006, whose second stage labels
// the arcs of an unlabelled tree). The greedy parser picks an arc's label
// when it builds the arc, before the dependent's right children and the
// head's later children exist ("to" under a verb decides xcomp against
// advcl; a "by" child decides obl:agent; an aux:pass sibling decides
// nsubj:pass). The relabeler scores each non-root word's relation once,
// after parsing, with an averaged perceptron (linear_model.h) over ~30
// hashed features: the dependent's and the head's words and tags,
// direction and distance, the parser's label, the labels and words of the
// dependent's children, the labels of the head's other children, the
// head's own relation and its head's tag, the punctuation between the two
// and the dependent's rank among its siblings. Every feature reads the
// parser's labels (never labels already changed by the relabeler), so the
// order of the words does not matter.
//
// The output is restricted to the relations seen in training between the
// dependent's and the head's UPOS (plus the parser's own label); for a pair
// of tags never seen in training every relation but root is allowed. The
// root keeps "root" and no other word gets it.
//
// Training (train_relabel.cc, `dyad train relabel`) uses trees that look
// like run time: the training sentences are parsed by K jackknifed parsers
// (each trained on the other folds, on jackknifed tags), and each arc whose
// predicted head is correct is trained towards its gold relation.
//
// Thread safety: immutable after Load() and Bind(); Relabel() is const
// (scratch buffers are thread-local).
#ifndef DYAD_ANALYZE_RELABELER_H_
#define DYAD_ANALYZE_RELABELER_H_

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/flat_map.h"
#include "analyze/linear_model.h"
#include "analyze/parser.h"
#include "analyze/tagger.h"
#include "dyad/status.h"
#include "text/conllu.h"

namespace dyad::analyze {

inline constexpr char kRelabelMagic[] = "DYADREL1";

struct TrainOptions;  // train.h

class Relabeler {
 public:
  static constexpr int kMaxLabels = 128;
  static constexpr int kMaxKids = 8;      // children of the dependent read
  static constexpr int kMaxSiblings = 8;  // other children of the head read
  static constexpr int kMaxFeatures = 28 + 4 * kMaxKids + 2 * kMaxSiblings;
  using LabelSet = std::array<std::uint64_t, 2>;

  // The per-sentence view the features read: heads (-1 = root), labels
  // (relabeler ids; -1 = a label the relabeler does not know), the
  // children of every word in order (CSR), and per-word coarse tags.
  struct Tree {
    const std::vector<WordInfo>* words = nullptr;
    const std::vector<std::uint64_t>* tags = nullptr;
    const std::vector<int>* heads = nullptr;
    std::vector<int> labels;
    std::vector<int> kid_begin;  // size n + 1
    std::vector<int> kids;
    std::vector<int> upos;          // coarse tag id (0 = unknown)
    std::vector<int> punct_before;  // number of punctuation words before i
  };

  int num_labels() const { return static_cast<int>(labels_.size()); }
  const std::string& label(int l) const { return labels_[l]; }
  int root_label() const { return root_label_; }
  // The id of a relation name, or -1.
  int LabelId(std::string_view name) const;

  // Fills t's derived fields (children, coarse tags, punctuation counts)
  // for a parse; t.labels must be set (relabeler ids).
  void BuildTree(const std::vector<WordInfo>& words,
                 const std::vector<std::uint64_t>& tags,
                 const std::vector<int>& heads, Tree* t) const;
  // The feature keys of word d (which must have a head); <= kMaxFeatures.
  // Without `parser_label`, the features never read d's own input label.
  static int Features(const Tree& t, int d, bool parser_label,
                      std::uint64_t* out);
  int Features(const Tree& t, int d, std::uint64_t* out) const {
    return Features(t, d, parser_label_, out);
  }
  // The best allowed label of word d given its feature scores; the input
  // label t.labels[d] unless the best beats it by more than the model's
  // minimum margin.
  int Best(const Tree& t, int d, const std::int32_t* scores) const;
  // The labels allowed for d: those seen in training between d's and its
  // head's coarse tags, plus t.labels[d]; never the root label.
  LabelSet Allowed(const Tree& t, int d) const;

  // Maps the parser's label ids to the relabeler's; call once after both
  // are loaded, before Relabel().
  void Bind(const Parser& parser);
  bool bound() const { return !from_parser_.empty(); }
  // Relabels a parse given in the parser's label ids (Parser::Parse()'s
  // output): every word with a head gets the relabeler's label, mapped
  // back to the parser's ids (a label the parser lacks keeps the
  // parser's). Needs Bind().
  void Relabel(const std::vector<WordInfo>& words,
               const std::vector<std::uint64_t>& tags,
               const std::vector<int>& heads,
               std::vector<int>* parser_labels) const;

  void Save(ByteWriter* w) const;
  bool Load(ByteReader* r);
  const LinearModel& model() const { return model_; }

 private:
  friend class RelabelerTrainer;
  static std::uint32_t PairKey(int dep_upos, int head_upos) {
    return static_cast<std::uint32_t>(dep_upos) * 1024u +
           static_cast<std::uint32_t>(head_upos);
  }
  std::vector<std::string> labels_;
  int root_label_ = 0;
  int punct_upos_ = 0;   // coarse id of PUNCT (0 = none)
  FlatMap upos_of_tag_;  // tag key -> coarse tag id (1-based)
  int num_upos_ = 0;
  bool parser_label_ = true;  // features of the input label (RelabelOptions)
  float min_margin_ = 0;      // in trained weight units
  FlatMap allowed_index_;     // PairKey -> index into allowed_
  std::vector<LabelSet> allowed_;
  LinearModel model_;
  std::vector<int> from_parser_, to_parser_;  // set by Bind()
};

// Saves / loads relabel.bin (magic kRelabelMagic); errors name the path.
Status SaveRelabelModel(const std::string& path, const Relabeler& relabeler);
Status LoadRelabelModel(const std::string& path, Relabeler* relabeler);

// Training (train_relabel.cc).

// A predicted tree: heads (-1 = root) and relation names.
struct PredictedTree {
  std::vector<int> head;
  std::vector<std::string> label;
};

struct RelabelOptions {
  std::uint64_t seed = 1;
  int epochs = 10;
  // Also train the arcs whose predicted head is wrong, towards the gold
  // relation of their dependent (otherwise they are skipped).
  bool wrong_heads = false;
  // Weights below this magnitude are dropped after training.
  float prune = 0.0f;
  // Features of the parser's label of the arc (off: a labeler of its own,
  // as McDonald et al.'s second stage).
  bool parser_label = true;
  // At run time the parser's label is kept unless the relabeler's best
  // label scores more than this above it (trained weight units).
  float min_margin = 0.0f;
  // Train this many relabelers (seeds seed, seed + 1, ...) and keep the
  // mean of their weights (as the parser's --ensemble).
  int ensemble = 1;
  std::function<void(const std::string&)> log;
};

// Trains the relabeler. `data` holds the gold trees with the tags the
// parser saw (jackknifed); `parses` the predicted trees of the same
// sentences (jackknifed parses).
Status TrainRelabeler(const std::vector<text::ConlluSentence>& data,
                      const std::vector<PredictedTree>& parses,
                      const Tagger& tagger, const RelabelOptions& opts,
                      Relabeler* out);

// Parses `data` (with its own, e.g. jackknifed, tags) by `folds` parsers,
// each trained by TrainParser with `opts` on the other folds (sentence i
// is in fold i % folds) and pruned at `prune`; with `threads` 2 two folds
// at a time on two threads, else one after the other. Deterministic given
// opts.seed (fold f uses seed + f). Fold f's parser is trained on
// JackknifeTrainingSentences(n, folds, f) and parses JackknifeHeldOut(n,
// folds, f): no sentence is parsed by a parser trained on it.
Status JackknifeParses(const std::vector<text::ConlluSentence>& data,
                       const Tagger& tagger, int folds, float prune,
                       const TrainOptions& opts,
                       std::vector<PredictedTree>* out, int threads = 2);
// The sentences (of n) of fold f, which its parser parses: i % folds == f.
std::vector<int> JackknifeHeldOut(int n, int folds, int f);
// The sentences fold f's parser is trained on: all others.
std::vector<int> JackknifeTrainingSentences(int n, int folds, int f);

// The parse cache of `dyad train relabel`: one line per sentence,
// "head:label" per word (head 1-based, 0 = root).
Status WriteParses(const std::string& path,
                   const std::vector<PredictedTree>& parses);
// Fails when the file is missing, malformed, or its sentence or word
// counts differ from `data`.
Status ReadParses(const std::string& path,
                  const std::vector<text::ConlluSentence>& data,
                  std::vector<PredictedTree>* parses);

}  // namespace dyad::analyze

#endif  // DYAD_ANALYZE_RELABELER_H_
