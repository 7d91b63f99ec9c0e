// The part-of-speech tagger: one greedy left-to-right pass of an averaged
// perceptron over joint UPOS+XPOS tags ("NOUN/NN", "PROPN/NNP", ...).
//
// Method (after Collins 2002 and Honnibal's "A good POS tagger in about
// 200 lines"): each word is scored with ~35 hashed features: the word and
// its lower-case form, prefixes and suffixes, shape, the two previous
// predicted tags, the words around it, and the *ambiguity class* of the
// current and next two words (the set of tags the training data gives each
// frequent word, a cheap stand-in for look-ahead). Frequent words seen with
// one tag only (>= 99.5% of >= 20 occurrences) skip scoring. Predicting
// the joint tag keeps UPOS and XPOS consistent with each other.
//
// Second pass (optional in the model file): a second perceptron re-tags,
// left to right, the words whose first-pass margin (best minus runner-up
// score) is below kSecondPassMargin, with the same features plus the
// first pass's tags of the next two words (a cheap bidirectional tagger).
// It is trained on right-context tags predicted by 2-fold jackknifing, so
// it learns how far to trust them. On EWT dev: UPOS +0.11, at about a
// third of the cost of re-tagging every word.
//
// Window network (optional in the model file; `dyad train tagger
// --window-net`): NER's window network class (ner_net.h) trained on the
// joint tags. Where the first pass's margin is below net_margin(), and at
// every word the second pass re-tags, its weighted log-probabilities are
// added to the perceptron's scores (docs/analysis-log.md, "Issue 4, fourteenth
// round": EWT dev UPOS +0.2 to +0.3).
//
// Thread safety: immutable after Load() (and set_net(), set_net_weight(),
// set_net_margin()); Tag() is const (its scratch is thread-local).
#ifndef DYAD_ANALYZE_TAGGER_H_
#define DYAD_ANALYZE_TAGGER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/flat_map.h"
#include "analyze/linear_model.h"

namespace dyad::analyze {

class NerNet;

// Per-word hashes computed once per sentence and shared by every model.
struct WordInfo {
  std::uint64_t form = 0, lower = 0, shape = 0;
  std::uint64_t pre[3] = {0, 0, 0};
  std::uint64_t suf[4] = {0, 0, 0, 0};
  std::uint64_t amb = 0;        // ambiguity class; 0 = unknown word
  std::uint32_t sure = FlatMap::kMissing;  // tag of a frequent unambiguous word
  std::uint8_t flags = 0;       // kCap | kAllCap | kDigit | kHyphen | kLowerStart
  std::uint64_t cluster = 0;    // marker-coded word cluster path (clusters.h); 0 = none
};
enum : std::uint8_t { kCap = 1, kAllCap = 2, kDigit = 4, kHyphen = 8, kLowerStart = 16 };

// Sentinel WordInfo for positions before/after the sentence.
const WordInfo& StartWord();
const WordInfo& EndWord();

class Tagger {
 public:
  static constexpr int kMaxFeatures = 48;
  // First-pass margin (in trained weight units) below which the second
  // pass re-tags a word (tuned on EWT dev).
  static constexpr float kSecondPassMargin = 10.0f;

  int num_tags() const { return static_cast<int>(upos_.size()); }
  const std::string& upos(int tag) const { return upos_[tag]; }
  const std::string& xpos(int tag) const { return xpos_[tag]; }
  // A stable key for the tag (a hash of "UPOS/XPOS"), for other models.
  std::uint64_t tag_key(int tag) const { return keys_[tag]; }
  // The tag with this UPOS and XPOS, or -1 when the model has none.
  int FindTag(std::string_view upos, std::string_view xpos) const {
    for (int t = 0; t < num_tags(); ++t) {
      if (upos_[t] == upos && xpos_[t] == xpos) return t;
    }
    return -1;
  }

  // Fills `info` (resized to forms.size()) with the word hashes.
  void Prepare(const std::vector<std::string_view>& forms, std::vector<WordInfo>* info) const;
  // Tags every word; tags->size() becomes info.size().
  void Tag(const std::vector<WordInfo>& info, std::vector<int>* tags) const;

  void Save(ByteWriter* w) const;
  bool Load(ByteReader* r);
  const LinearModel& model() const { return model_; }
  // Drops small weights (smaller, faster model; see docs/analysis.md).
  // Both passes (`dyad train tagger --prune`).
  void Prune(float min_abs) {
    model_.Prune(min_abs);
    second_.Prune(min_abs);
  }

  // A window network over the joint tags (ner_net.h; `dyad train tagger
  // --window-net`): at the first pass's words whose margin is below
  // net_margin(), and at every word the second pass re-tags, its
  // log-probabilities times its weight (in the perceptron's trained units)
  // are added to the perceptron's scores. It reads the words only (no tags).
  const NerNet* net() const { return net_.get(); }
  float net_margin() const { return net_margin_; }
  // Fails (false, nothing set) without a second pass, for a network of
  // other labels, or a margin that is not a number in [0, 1e9]. nullptr
  // removes it.
  bool set_net(std::shared_ptr<const NerNet> net, float margin);
  // Override the network's weight (0: tag as without it) and margin at
  // tagging; negative: the model's.
  void set_net_weight(float w) { net_weight_override_ = w; }
  void set_net_margin(float m) { net_margin_override_ = m; }

  // The feature keys of word i given the previous two tags (-1 = none).
  // Returns the number written to out (<= kMaxFeatures).
  static int Features(const std::vector<WordInfo>& w, int i, int p1, int p2, std::uint64_t* out);
  // The second pass's extra keys: the first pass's tags r1, r2 of words
  // i+1, i+2 (-1 = none). Returns the number written (<= kMaxRight).
  static constexpr int kMaxRight = 5;
  static int RightFeatures(const std::vector<WordInfo>& w, int i, int p1, int r1, int r2,
                           std::uint64_t* out);

 private:
  friend class TaggerTrainer;
  void ComputeKeys();
  std::vector<std::string> upos_, xpos_;
  std::vector<std::uint64_t> keys_;
  FlatMap amb_;   // lower-case word hash -> ambiguity class id
  FlatMap sure_;  // lower-case word hash -> tag id
  LinearModel model_;
  LinearModel second_;  // the second pass; empty = one pass only
  std::shared_ptr<const NerNet> net_;
  float net_margin_ = 0;
  float net_weight_override_ = -1, net_margin_override_ = -1;
};

// Fills the shape/affix/flag fields of a WordInfo from a form (no lexicon).
void FillWordInfo(std::string_view form, WordInfo* w);

}  // namespace dyad::analyze

#endif  // DYAD_ANALYZE_TAGGER_H_
