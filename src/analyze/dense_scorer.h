// A dense feed-forward transition scorer for the parser (Chen & Manning
// 2014): an opt-in alternative to the sparse perceptron (parser.h, system
// flag 16, `dyad train parser --dense`).
//
// Method. A configuration is read as kAtoms atoms, each an index into the
// embedding table of its group: the words and the tags of s0, s1, s2, n0,
// n1, n2, of the two leftmost and two rightmost children of s0 and s1, of
// the leftmost child of the leftmost child and the rightmost child of the
// rightmost child of s0 and s1 (Chen & Manning's 18 positions), plus, for
// the arc-eager system, the head of s0 and the two leftmost children of n0
// (21 positions each); the arc labels of the 12 children, of s0 and of the
// two children of n0 (15); and four small integers (the s0-n0 distance, the
// left and right valency of s0, the left valency of n0). The embeddings of
// the atoms are concatenated into the input x; one hidden layer h =
// ReLU(W1 x + b1); scores = W2 h + b2, one per transition, softmax over the
// legal ones. Words are lower-cased forms seen at least twice in training;
// other words map to one of four unknown-word ids by shape (other,
// capitalised, with a digit, with a hyphen). Special ids mark "no such
// word" and ROOT.
//
// Inference uses Chen & Manning's precomputation: the product of each
// atom value's embedding with its position's block of W1 is tabulated at
// load time for every tag, label and small integer and for the most
// frequent words (kPrecomputedWords at the six stack and buffer positions,
// kPrecomputedOtherWords at the others), so the hidden layer of a decision
// is ~61 additions of width H (a rarer word costs dim x H multiply-adds,
// once per sentence and position with a DenseSentenceCache); the output
// layer is accumulated over the active hidden units. Everything is
// contiguous float arrays; the inference loops have AVX2 clones picked at
// load time, training keeps plain loops. Score() allocates nothing.
//
// Word vectors (`dyad train parser --dense-vectors`): pretrained vectors
// initialise the word embeddings, and their words join the vocabulary.
// A network meant to be shipped is stored with its word rows and W1 as
// int8 rows with a scale each (Quantize). The network is shipped
// mixed into the perceptron parser's uncertain decisions (Parser::set_net,
// parser.h), not alone.
//
// Training (DenseTrainer; driven by train_parser.cc): the loss of a
// configuration is -log of the summed probability of its zero-cost
// transitions (the dynamic oracle's best ones), dropout on the hidden
// layer, gradients accumulated over a minibatch and applied with AdaGrad
// and a small L2 penalty. Deterministic given the seed.
//
// Thread safety: a DenseNet is immutable after Load()/Precompute(); Score()
// and Forward() are const and use caller buffers.
#ifndef DYAD_ANALYZE_DENSE_SCORER_H_
#define DYAD_ANALYZE_DENSE_SCORER_H_

#include <algorithm>
#include <cstdint>
#include <vector>

#include "analyze/flat_map.h"
#include "analyze/model_io.h"
#include "analyze/tagger.h"

namespace dyad::analyze {

struct ParseState;
class DenseNet;

// Scratch of DenseNet::Score() for one sentence: the hidden-layer rows of
// the sentence's words that have no precomputed row (the rarer vocabulary
// words), each computed once per word position and sentence instead of once
// per decision.
class DenseSentenceCache {
 public:
  // Prepares for the word ids of one sentence (DenseNet::SentenceIds).
  void Reset(const DenseNet& net, const int* word_ids, int n);

 private:
  friend class DenseNet;
  std::vector<int> ids_;     // word ids without a table row, one slot each
  std::vector<float> rows_;  // slot x word positions x hidden
  std::vector<char> done_;   // slot x word positions
};

struct DenseConfig {
  int word_dim = 50;
  int tag_dim = 20;
  int label_dim = 20;
  int misc_dim = 10;
  int hidden = 200;  // a multiple of 8
  // The hidden units' activation: ReLU, or x^3 (Chen & Manning's cube).
  enum Activation : int { kRelu = 0, kCube = 1 };
  int activation = kRelu;
};

class DenseNet {
 public:
  enum Group : int { kWordGroup = 0, kTagGroup = 1, kLabelGroup = 2, kMiscGroup = 3, kGroups = 4 };
  static constexpr int kPositions[kGroups] = {21, 21, 15, 4};
  static constexpr int kFirst[kGroups] = {0, 21, 42, 57};
  static constexpr int kAtoms = 61;
  // Word ids: 0 none, 1 ROOT, 2-5 unknown (other, capitalised, digit,
  // hyphen), then the vocabulary, most frequent first.
  static constexpr int kFirstWord = 6;
  // Tag ids: 0 none, 1 ROOT, 2 a tag unknown to the model, then the tags.
  static constexpr int kFirstTag = 3;
  // Label ids: 0 no such word, 1 no arc yet, then label l is l + 2.
  static constexpr int kFirstLabel = 2;
  static constexpr int kMiscValues = 16;
  // Word rows tabulated for the six stack and buffer positions (s0-s2,
  // n0-n2) and for the fifteen others (children, grandchildren, the head
  // of s0), the most frequent words first, including the special ids.
  static constexpr int kPrecomputedWords = 1000;
  static constexpr int kPrecomputedOtherWords = 250;
  int TableRows(int p) const {
    return p >= kPositions[kWordGroup] ? vocab_[GroupOf(p)]
           : p < 6                      ? std::min(vocab_[kWordGroup], kPrecomputedWords)
                                        : std::min(vocab_[kWordGroup], kPrecomputedOtherWords);
  }
  // The group of atom position p.
  static int GroupOf(int p) {
    return p >= kFirst[kMiscGroup] ? kMiscGroup
           : p >= kFirst[kLabelGroup] ? kLabelGroup
           : p >= kFirst[kTagGroup]   ? kTagGroup
                                      : kWordGroup;
  }
  static constexpr int kMaxClasses = 2 + 2 * 256;

  // A new network with random weights (deterministic in `seed`). `words`
  // are the vocabulary's word keys (WordInfo::lower), most frequent first;
  // `tags` the tag keys (Tagger::tag_key).
  void Init(const DenseConfig& config, const std::vector<std::uint64_t>& words,
            const std::vector<std::uint64_t>& tags, int num_labels, int num_classes,
            std::uint64_t seed);

  const DenseConfig& config() const { return config_; }
  int num_classes() const { return num_classes_; }
  int vocab(int group) const { return vocab_[group]; }
  int input_size() const { return input_; }

  // The unknown-word id of a word (by its shape flags).
  static int UnknownId(const WordInfo& w) {
    return (w.flags & kDigit) ? 4 : (w.flags & kHyphen) ? 5 : (w.flags & kCap) ? 3 : 2;
  }
  // The word and tag ids of a sentence (n entries each).
  void SentenceIds(const std::vector<WordInfo>& words, const std::vector<std::uint64_t>& tags,
                   int* word_ids, int* tag_ids) const;
  // The kAtoms atoms of a configuration.
  static void Atoms(const ParseState& s, const int* word_ids, const int* tag_ids, int num_labels,
                    int* atoms);

  // The plain forward pass: hidden (H, after ReLU) and scores (all classes).
  void Forward(const int* atoms, float* hidden, float* scores) const;
  // The same scores with the precomputed tables (Precompute() first);
  // `hidden` is H floats of scratch. With a `cache` Reset() for the
  // sentence the atoms come from, a word without a table row is computed
  // once per position and sentence.
  void Score(const int* atoms, float* hidden, float* scores,
             DenseSentenceCache* cache = nullptr) const;
  // Builds the tables Score() reads (after Init() changes or Load()).
  void Precompute();
  bool precomputed() const { return !table_.empty(); }
  // The parameters (tests: the gradient check): 0-3 the embeddings of
  // each group, 4 W1, 5 b1, 6 W2, 7 b2. Call Precompute() after changes.
  std::vector<float>* mutable_params(int k) {
    return k < kGroups ? &emb_[k] : k == 4 ? &w1_ : k == 5 ? &b1_ : k == 6 ? &w2_ : &b2_;
  }

  // Stores the word embeddings and W1 as int8 rows with a scale each (a
  // quarter of their bytes; the rows the network computes with become the
  // stored ones, so a saved and loaded network scores as this one).
  // Training must not continue afterwards.
  void Quantize();
  bool quantized() const { return !word_q_.empty(); }

  void Save(ByteWriter* w) const;
  // Checks every size and id bound; false on a malformed model.
  bool Load(ByteReader* r, int num_labels, int num_classes);

 private:
  friend class DenseTrainer;
  int Dim(int group) const {
    return group == kWordGroup  ? config_.word_dim
           : group == kTagGroup ? config_.tag_dim
           : group == kLabelGroup ? config_.label_dim
                                  : config_.misc_dim;
  }
  friend class DenseSentenceCache;
  void Layout();  // offsets, input size, table layout from config_ and vocab_
  // hidden += value v's embedding at atom position p times W1's block.
  void AddAtom(int p, int v, float* hidden) const;
  // The same with the AVX2 clone where the CPU has it (inference only).
  void AddAtomFast(int p, int v, float* hidden) const;
  // w1_ from its int8 rows (the word rows stay int8: Embedding()).
  void Dequantize();
  // The embedding of value v of group g: a row of emb_, or for int8 word
  // rows that row in floats written to `buf` (Dim(g) floats).
  const float* Embedding(int g, int v, float* buf) const;
  // The activation of the hidden layer in place.
  void Activate(float* hidden) const;
  // scores = W2 hidden + b2 (hidden after the activation).
  void Output(const float* hidden, float* scores) const;
  DenseConfig config_;
  int num_classes_ = 0;
  int vocab_[kGroups] = {0, 0, 0, 0};
  int input_ = 0;
  int offset_[kAtoms] = {};  // first input dimension of each atom's block
  FlatMap word_ids_, tag_ids_;
  std::vector<float> emb_[kGroups];  // vocab x dim, row-major
  // Quantize(): the word rows and W1 as stored, int8 x scale a row
  // (emb_[kWordGroup] is then empty: Embedding() reads word_q_).
  ModelArray<std::int8_t> word_q_, w1_q_;
  std::vector<float> word_scale_, w1_scale_;
  std::vector<float> w1_;            // input x H (row i: the weights of input i)
  std::vector<float> b1_;            // H
  std::vector<float> w2_;            // H x classes (row j: hidden unit j's weights)
  std::vector<float> b2_;            // classes
  // Precomputed: for atom position p, value v < table_rows_[p]:
  // table_[table_start_[p] + v * H .. + H) = emb(v) . W1 block of p.
  ModelArray<float> table_;
  std::size_t table_start_[kAtoms] = {};
  int table_rows_[kAtoms] = {};
};

// Training of a DenseNet by minibatch AdaGrad.
struct DenseTrainOptions {
  float learning_rate = 0.02f;
  float l2 = 1e-8f;
  float dropout = 0.3f;  // of the hidden units
  int batch = 32;
  // Decay of the moving average of the weights kept after every step (the
  // model that is saved; Polyak averaging); 0 = save the last weights.
  float average = 0.9999f;
  // Word dropout (Kiperwasser & Goldberg 2016): in training, a vocabulary
  // word seen c times is read as its unknown-word id with probability
  // alpha / (alpha + c), so that the unknown ids learn from rare words
  // too; 0 = never. Applied by the caller (train_parser.cc).
  float word_dropout = 0;
  std::uint64_t seed = 1;
};

class DenseTrainer {
 public:
  DenseTrainer(DenseNet* net, const DenseTrainOptions& o);
  // One training configuration: `cost` per class (-1 illegal); the
  // zero-cost (least-cost) classes are the targets. Accumulates the
  // gradient, writes the (pre-softmax) scores of the dropout network and
  // returns the loss. Calls Step() every `batch` examples. With `offset`
  // (per class), the softmax is over the network's scores plus the offsets
  // (a fixed partner's scores, TrainOptions::mix_partners), and `scores`
  // are those sums; with `plain` too, the network's own loss is added to
  // that of the sums (both gradients are learned).
  float Example(const int* atoms, const int* cost, float* scores,
                const float* offset = nullptr, bool plain = false);
  // Applies the accumulated gradients (AdaGrad) and clears them.
  void Step();
  // The network with the averaged weights (DenseTrainOptions::average), or
  // the current ones, precomputed.
  DenseNet Averaged() const;
  // The loss of a configuration without dropout (the gradient check).
  float Loss(const int* atoms, const int* cost) const;
  // The gradient accumulated since the last Step() for the parameters
  // DenseNet::mutable_params(k) (tests).
  const std::vector<float>& grad(int k) const {
    return k < DenseNet::kGroups ? g_emb_[k]
           : k == 4              ? g_w1_
           : k == 5              ? g_b1_
           : k == 6              ? g_w2_
                                 : g_b2_;
  }

 private:
  // Softmax over the legal classes; target mass; fills dscores (p - q).
  static float LossGrad(const float* scores, const int* cost, int nc, float* dscores);
  DenseNet* net_;
  DenseTrainOptions o_;
  std::uint64_t rng_;
  int pending_ = 0;
  long steps_ = 0;
  std::vector<float> avg_[8];  // mutable_params(k)'s moving averages
  std::vector<float> g_emb_[DenseNet::kGroups], h2_emb_[DenseNet::kGroups];
  std::vector<char> touched_[DenseNet::kGroups];
  std::vector<int> touched_rows_[DenseNet::kGroups];
  std::vector<float> g_w1_, g_b1_, g_w2_, g_b2_, h2_w1_, h2_b1_, h2_w2_, h2_b2_;
  std::vector<float> hidden_, mask_, dscores_, dplain_, dh_;
};

}  // namespace dyad::analyze

#endif  // DYAD_ANALYZE_DENSE_SCORER_H_
