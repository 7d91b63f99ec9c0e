// A small feed-forward window network for NER (Collobert & Weston 2011)
// whose label log-probabilities are added to the perceptron's emission
// scores (ner.h; `dyad train ner --window-net VECTORS`). The tagger uses
// the same class over its joint POS tags, with no tag input and no
// gazetteer marks (tagger.h; `dyad train tagger --window-net VECTORS`).
//
// Method. Each word is read through a window of five words (two either
// side). Every window position contributes the word's vector (the
// lower-case form's row of a word-vector table initialised from fastText
// skip-gram vectors trained on our unlabelled text and fine-tuned; words
// without a vector share one of four vectors by case, and two more stand
// for "before" and "after the sentence"), a tag_dim-dimensional vector of
// its POS tag, and kBits bits: capitalised, all-caps, has a digit, has a
// hyphen, starts lower-case, first word of the sentence, and the NER
// gazetteer's case-sensitive and lower-case marks (a match's second or later
// word, and the five name types of each). The five positions' inputs are concatenated;
// one ReLU hidden layer (dropout while training); a softmax over NER's
// labels. Training is per word (cross-entropy, AdaGrad), in an order
// shuffled per epoch from the seed, on plain loops: deterministic given the
// seed (the same binary and libm give the same bytes on any x86-64 CPU).
//
// In Ner::TagWithMarks the emission score of label l at word i becomes the
// perceptron's plus weight() x log p(l | window of i), the weight in the
// perceptron's trained units (ner.h).
//
// Inference: the products of the POS tag vectors, and of the vectors of the
// kPrecomputedWords most frequent words (the vector file's order), with
// their blocks of the first layer are tabulated per position at load time
// (Chen & Manning 2014); a rarer word costs its five positions' products
// (5 x dim x hidden multiply-adds, compiled with an AVX2 clone that GCC
// selects at load time where the CPU has it). Then a few bit rows and the
// output layer. Stored, and kept in memory: the word vectors as int8 with
// one scale a row (a quarter of float's size); the rest as float.
//
// Thread safety: immutable after Load()/training; LogProbs() is const and
// uses thread-local scratch.
#ifndef DYAD_ANALYZE_NER_NET_H_
#define DYAD_ANALYZE_NER_NET_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "analyze/embeddings.h"
#include "analyze/features.h"
#include "analyze/flat_map.h"
#include "analyze/model_io.h"
#include "analyze/tagger.h"

namespace dyad::analyze {

struct NerNetOptions {
  int tag_dim = 16;
  // A hashed embedding of each word's last three letters (lower-case), of
  // this many dimensions (0: none), in affix_buckets buckets.
  int affix_dim = 0;
  int affix_buckets = 4096;
  int hidden = 128;
  // Only the first max_words words of the vector file (fastText writes them
  // most frequent first) join the vocabulary (0 = all); the others read as
  // unknown words. A smaller model.
  int max_words = 0;
  float dropout = 0.2f;
  float rate = 0.02f;  // AdaGrad's learning rate
  int epochs = 3;
  std::uint64_t seed = 1;
  // The weight of the log-probabilities in NER's emissions (NerNet::weight).
  float weight = 2.0f;
  // Progress messages; may be empty.
  std::function<void(const std::string&)> log;
};

// One training sentence: its words, POS tag keys (Tagger::tag_key), NER
// gazetteer marks (Ner::MatchGazetteer) and gold label indices.
struct NerNetSentence {
  std::vector<WordInfo> words;
  std::vector<std::uint64_t> tags;
  std::vector<std::uint32_t> gaz;
  std::vector<int> gold;
};

class NerNet {
 public:
  static constexpr int kWindow = 2;                 // words either side
  static constexpr int kPositions = 2 * kWindow + 1;
  static constexpr int kBits = 18;                  // per position
  // Word ids: kSpecial reserved rows, then the vocabulary.
  // Limits of a network (Train and Load): vector and tag dimensions, hidden
  // units, distinct POS tags, the weight. They bound what a model file can
  // make Load() allocate.
  static constexpr int kMaxDim = 1024, kMaxTagDim = 256, kMaxHidden = 1024;
  static constexpr std::size_t kMaxTags = 1024;
  static constexpr float kMaxWeight = 1e6f;
  // Words whose first-layer products are tabulated at load time.
  static constexpr int kPrecomputedWords = 2048;
  static constexpr int kUnknownLower = 0, kUnknownCap = 1, kUnknownAllCap = 2,
                       kUnknownOther = 3, kBefore = 4, kAfter = 5, kSpecial = 6;

  bool empty() const { return num_labels_ == 0; }
  int num_labels() const { return num_labels_; }
  int dim() const { return dim_; }
  int hidden() const { return hidden_; }
  int vocabulary() const { return static_cast<int>(word_rows_) - kSpecial; }
  float weight() const { return weight_; }
  void set_weight(float w) { weight_ = w; }

  // Trains a network for `num_labels` labels on `sentences`, its word
  // vectors initialised from `vectors` (each scaled to unit length).
  // Fails on empty vectors or training data, or a gold label out of range.
  static StatusOr<NerNet> Train(const std::vector<NerNetSentence>& sentences,
                                const WordVectors& vectors, int num_labels,
                                const NerNetOptions& options);

  // The log-probability of every label at every word: out[i * L + l].
  // `gaz` is Ner::MatchGazetteer's marks of the sentence.
  void LogProbs(const std::vector<WordInfo>& w, const std::vector<std::uint64_t>& tags,
                const std::vector<std::uint32_t>& gaz, std::vector<float>* out) const;
  // A sentence read for WordLogProbs(): its words' ids and input bits.
  struct View {
    std::vector<int> ids, tids;
    std::vector<std::uint32_t> bits;
  };
  void Prepare(const std::vector<WordInfo>& w, const std::vector<std::uint64_t>& tags,
               const std::vector<std::uint32_t>& gaz, View* view) const;
  // The log-probability of every label at word i of a prepared sentence:
  // out[0 .. num_labels()). As LogProbs(), one word at a time.
  void WordLogProbs(const std::vector<WordInfo>& w, const View& view, int i, float* out) const;

  void Save(ByteWriter* w) const;
  bool Load(ByteReader* r);

  // The word id of a word (its lower-case form's vector, else by case).
  int WordId(const WordInfo& w) const;
  // The kBits input bits of word i of a sentence (bit b set = input 1).
  static std::uint32_t Bits(const std::vector<WordInfo>& w, const std::vector<std::uint32_t>& gaz,
                            int i);

 private:
  friend class NerNetTrainer;
  int TagId(std::uint64_t key) const;
  int input_size() const { return kPositions * (dim_ + tag_dim_ + affix_dim_ + kBits); }
  // Offsets of position k's blocks in the input.
  int word_offset(int k) const { return k * (dim_ + tag_dim_ + affix_dim_ + kBits); }
  int tag_offset(int k) const { return word_offset(k) + dim_; }
  int affix_offset(int k) const { return tag_offset(k) + tag_dim_; }
  int bit_offset(int k) const { return affix_offset(k) + affix_dim_; }
  // The affix row of a word (affix_buckets_ for beyond the sentence).
  std::size_t AffixId(const WordInfo& w) const { return Mix64(w.suf[2]) % affix_buckets_; }
  // Builds tag_table_ (after training or loading).
  void Precompute();
  // Rounds the word vectors to their stored int8 form and drops the float
  // ones (after training, so that the trained network labels as the loaded one).
  void Quantize();
  // The float vector of word id `id` (its int8 values times its scale).
  void WordRow(std::size_t id, float* out) const;

  int num_labels_ = 0, dim_ = 0, tag_dim_ = 0, hidden_ = 0, affix_dim_ = 0;
  std::uint32_t affix_buckets_ = 0;
  std::vector<float> affixes_;  // (affix_buckets_ + 1) x affix_dim_
  float weight_ = 0;
  FlatMap vocab_;  // WordInfo::lower -> word id
  FlatMap tag_ids_;  // Tagger::tag_key -> tag id (0 = unknown tag, 1 = beyond the sentence)
  std::size_t word_rows_ = 0, tag_rows_ = 0;
  std::vector<std::uint64_t> vocab_keys_;  // per vocabulary word (id kSpecial + i)
  std::vector<std::uint64_t> tag_keys_;    // per tag (id 2 + i)
  std::vector<float> words_;   // word_rows_ x dim_ while training (then empty)
  std::vector<float> word_scales_;         // per word row
  ModelArray<std::int8_t> word_values_;   // word_rows_ x dim_, what is stored
  std::vector<float> tags_;    // tag_rows_ x tag_dim_
  std::vector<float> w1_;      // input_size() x hidden_ (input-major)
  std::vector<float> b1_;      // hidden_
  std::vector<float> w2_;      // hidden_ x num_labels_
  std::vector<float> b2_;      // num_labels_
  ModelArray<float> tag_table_;  // (tag_rows_ x kPositions) x hidden_: tag vector x its W1 block
  // The same for the first word_table_rows_ word ids (the special ones and
  // the kPrecomputedWords most frequent words).
  ModelArray<float> word_table_;
  std::size_t word_table_rows_ = 0;
};

}  // namespace dyad::analyze

#endif  // DYAD_ANALYZE_NER_NET_H_
