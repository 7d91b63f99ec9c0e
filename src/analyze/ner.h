// Named-entity recognition: greedy BIO tagging with an averaged perceptron.
//
// Method. The same left-to-right perceptron as the POS tagger, over BIO
// labels (B-PER, I-ORG, O, ...), with features of the word window (forms,
// lower-case forms, shapes, affixes, capitalisation), the POS tags from
// our tagger, and the two previous predicted labels. Decoding never starts
// an entity with I- (an I-X only follows B-X or I-X), so the output is
// always well-formed BIO.
//
// Thread safety: immutable after Load(); Tag() is const.
#ifndef DYAD_ANALYZE_NER_H_
#define DYAD_ANALYZE_NER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "analyze/linear_model.h"
#include "analyze/tagger.h"

namespace dyad::analyze {

class Ner {
 public:
  static constexpr int kMaxFeatures = 48;

  int num_labels() const { return static_cast<int>(labels_.size()); }
  const std::string& label(int l) const { return labels_[l]; }

  // Labels every word; `tags` are Tagger::tag_key values.
  void Tag(const std::vector<WordInfo>& words, const std::vector<std::uint64_t>& tags,
           std::vector<int>* labels) const;

  void Save(ByteWriter* w) const;
  bool Load(ByteReader* r);
  const LinearModel& model() const { return model_; }
  // Drops small weights (smaller, faster model; see docs/analysis.md).
  void Prune(float min_abs) { model_.Prune(min_abs); }

  static int Features(const std::vector<WordInfo>& w, const std::vector<std::uint64_t>& tags,
                      int i, int p1, int p2, std::uint64_t* out);
  // Whether label `l` may follow label `prev` (-1 = sentence start).
  bool Allowed(int prev, int l) const;

 private:
  friend class NerTrainer;
  void ComputeTypes();
  std::vector<std::string> labels_;
  std::vector<int> type_;    // entity type index per label; -1 for O
  std::vector<char> inside_; // label is I-
  LinearModel model_;
};

}  // namespace dyad::analyze

#endif  // DYAD_ANALYZE_NER_H_
