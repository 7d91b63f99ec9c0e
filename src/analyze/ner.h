// Named-entity recognition: greedy BIO tagging with an averaged perceptron.
//
// Method. The same left-to-right perceptron as the POS tagger, over BIO
// labels (B-PER, I-ORG, O, ...), with features of the word window (forms,
// lower-case forms, shapes, affixes, capitalisation), the POS tags from
// our tagger, the two previous predicted labels, and gazetteer matches.
// The gazetteer (names of countries and regions from Debian's iso-codes,
// organisations and people from our actor dictionaries in data/dict) is
// compiled into the model at training time: the longest case-sensitive
// match of up to kMaxGazLen tokens marks its words B/I with the set of
// types the name has, and those marks are features; the model learns how
// far to trust them. Decoding never starts
// an entity with I- (an I-X only follows B-X or I-X), so the output is
// always well-formed BIO.
//
// Thread safety: immutable after Load(); Tag() is const.
#ifndef DYAD_ANALYZE_NER_H_
#define DYAD_ANALYZE_NER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "analyze/flat_map.h"
#include "analyze/linear_model.h"
#include "analyze/tagger.h"

namespace dyad::analyze {

class Ner {
 public:
  static constexpr int kMaxFeatures = 48;

  int num_labels() const { return static_cast<int>(labels_.size()); }
  const std::string& label(int l) const { return labels_[l]; }

  static constexpr int kMaxGazLen = 5;

  // Labels every word; `tags` are Tagger::tag_key values.
  void Tag(const std::vector<WordInfo>& words, const std::vector<std::uint64_t>& tags,
           std::vector<int>* labels) const;

  void Save(ByteWriter* w) const;
  bool Load(ByteReader* r);
  const LinearModel& model() const { return model_; }
  // Drops small weights (smaller, faster model; see docs/analysis.md).
  void Prune(float min_abs) { model_.Prune(min_abs); }

  static int Features(const std::vector<WordInfo>& w, const std::vector<std::uint64_t>& tags,
                      const std::vector<std::uint32_t>& gaz, int i, int p1, int p2,
                      std::uint64_t* out);
  // Gazetteer marks per word: 0 = none, else (types << 1) | inside.
  void MatchGazetteer(const std::vector<WordInfo>& w, std::vector<std::uint32_t>* gaz) const;
  // The key of a token sequence in the gazetteer (form hashes).
  static std::uint64_t GazKey(const WordInfo* w, int len);
  // Whether label `l` may follow label `prev` (-1 = sentence start).
  bool Allowed(int prev, int l) const;

 private:
  friend class NerTrainer;
  void ComputeTypes();
  std::vector<std::string> labels_;
  std::vector<int> type_;    // entity type index per label; -1 for O
  std::vector<char> inside_; // label is I-
  FlatMap gaz_;              // GazKey -> type bits (1 PER, 2 ORG, 4 LOC)
  LinearModel model_;
};

}  // namespace dyad::analyze

#endif  // DYAD_ANALYZE_NER_H_
