// Named-entity recognition: BIO tagging with a structured perceptron and
// Viterbi decoding.
//
// Method. A first-order linear-chain model over BIO labels (B-PER, I-ORG,
// O, ...), trained as a structured averaged perceptron (Collins 2002):
// each sentence is decoded exactly (Viterbi) with the current weights and,
// where the best sequence differs from the gold one, the features of the
// gold labels gain and those of the predicted labels lose. Features are
// "emission" features of the word window (forms, lower-case forms, shapes,
// affixes, capitalisation, the POS tags from our tagger, gazetteer
// matches), scored once per word, and "transition" features that conjoin
// the previous label with a few of them, scored once per previous label.
// The gazetteer (names of countries and regions from Debian's iso-codes,
// organisations and people from our actor dictionaries in data/dict) is
// compiled into the model at training time: the longest case-sensitive
// match of up to kMaxGazLen tokens marks its words B/I with the set of
// types the name has, and those marks are features; the model learns how
// far to trust them. Within a document, three more emission features say
// how the word was labelled earlier in it (NerHistory: "extended
// prediction history", Ratinov & Roth 2009); training sees the labels its
// own model predicted for the earlier sentences, as at run time. Decoding
// never starts an entity with I- (an I-X only follows B-X or I-X), so the
// output is always well-formed BIO. A model may carry a window network
// (ner_net.h, `dyad train ner --window-net`): a small feed-forward network
// over word vectors whose log-probability of each label, times its weight,
// joins that label's emission score before Viterbi. A model trained on BILOU labels
// (`dyad train ner --bilou`) also decodes only well-formed sequences and
// reports BIO labels.
//
// Thread safety: immutable after Load(); Tag() is const (a NerHistory
// belongs to one caller).
#ifndef DYAD_ANALYZE_NER_H_
#define DYAD_ANALYZE_NER_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analyze/flat_map.h"
#include "analyze/linear_model.h"
#include "analyze/ner_net.h"
#include "analyze/tagger.h"

namespace dyad::analyze {

class Ner;
struct IobSentence;

// Further emission keys of each word of a sentence (Ner::CharGrams,
// NerHistory::ContextKeys): word i's are keys[begin[i]] .. keys[begin[i + 1]).
struct NerChars {
  std::vector<std::uint64_t> keys;
  std::vector<std::uint32_t> begin;
};

// What NER said earlier in a document about each word ("extended
// prediction history", Ratinov & Roth 2009): for every capitalised word
// (by its lower-case form) the labels' entity types so far. Marks() turns
// that into one feature value per word of the next sentence; Add() records
// the labels given to a sentence. One per document; not thread-safe.
class NerHistory {
 public:
  // Distinct capitalised words kept (about 40 MB at most); later new words
  // get no history.
  static constexpr std::size_t kMaxWords = 1 << 20;
  void Clear() {
    counts_.clear();
    contexts_.clear();
    total_ = 0;
  }
  // Context aggregation (Ratinov & Roth 2009), for a model with
  // Ner::contexts(): *out is `base` plus, for each capitalised word, the
  // words next to its occurrences that Add() recorded (at most
  // kContextKeys, each with its side).
  static constexpr int kContextKeys = 8;
  void ContextKeys(const std::vector<WordInfo>& w, const NerChars& base, NerChars* out) const;
  // Per word: 0 never labelled before; else 1 + 3 * t + agreement, where t
  // is the most frequent type (0 = O, 1 + entity type) and agreement is 2
  // when every earlier label had it, 1 for a majority, 0 otherwise.
  void Marks(const std::vector<WordInfo>& w, std::vector<std::uint32_t>* out) const;
  void Add(const std::vector<WordInfo>& w, const std::vector<int>& labels, const Ner& ner);
  // Takes back what Add() recorded for these labels.
  void Remove(const std::vector<WordInfo>& w, const std::vector<int>& labels, const Ner& ner);
  // No label recorded (every Add() taken back by Remove(), or none).
  bool empty() const { return total_ == 0; }

 private:
  // Add() (add) or Remove().
  void Count(const std::vector<WordInfo>& w, const std::vector<int>& labels, const Ner& ner,
             bool add);
  static constexpr int kSlots = 5;  // O and up to four entity types
  std::unordered_map<std::uint64_t, std::array<std::uint16_t, kSlots>> counts_;
  struct Context {
    std::uint64_t key;
    std::uint16_t count;
  };
  static constexpr std::size_t kMaxContexts = 16;  // distinct neighbours kept per word
  // Words whose neighbours are kept (about 20 MB at most); later new words
  // get no context keys.
  static constexpr std::size_t kMaxContextWords = 1 << 16;
  std::unordered_map<std::uint64_t, std::vector<Context>> contexts_;
  std::size_t total_ = 0;  // labels recorded, less those taken back
};

class Ner {
 public:
  static constexpr int kMaxCharGrams = 48;   // character n-grams per word at most
  // Embedding class features per word at most (EmbeddingKeys).
  static constexpr int kMaxEmbeddingKeys = 9;
  // Emission features per word.
  static constexpr int kMaxFeatures =
      48 + kMaxCharGrams + kMaxEmbeddingKeys + NerHistory::kContextKeys;
  static constexpr int kMaxTransition = 8;   // transition features per previous label

  int num_labels() const { return static_cast<int>(labels_.size()); }
  // The BIO label of label `l` (a BILOU model's U-X is B-X, L-X is I-X).
  const std::string& label(int l) const { return bio_[l]; }

  static constexpr int kMaxGazLen = 5;

  // Labels every word; `tags` are Tagger::tag_key values. With `history`
  // (the document so far), its marks are features and the labels are
  // added to it. With `net_logp`, the window network's log-probabilities
  // (NerNet::LogProbs; empty without a network) are kept there for
  // TagSecondPass, which would compute the same again.
  void Tag(const std::vector<WordInfo>& words, const std::vector<std::string_view>& forms,
           const std::vector<std::uint64_t>& tags, std::vector<int>* labels,
           NerHistory* history = nullptr, std::vector<float>* net_logp = nullptr) const;
  // The second pass over a document (Analyzer::AnalyzeDocument): after
  // Tag() with `history` has labelled every sentence of the document,
  // `history` holds all those labels, and a sentence whose first-pass labels
  // are *labels is labelled again, its history marks being what the first
  // pass said in every other sentence of the document, right context
  // included (`history` is left as it was). Returns false, leaving *labels
  // alone, when no word of the sentence has such a mark: the second pass
  // would see what the first saw and label it the same.
  // `net_logp`: what Tag() kept for this sentence, or null (computed again).
  bool TagSecondPass(const std::vector<WordInfo>& words, const std::vector<std::string_view>& forms,
                     const std::vector<std::uint64_t>& tags, NerHistory* history,
                     std::vector<int>* labels,
                     const std::vector<float>* net_logp = nullptr) const;
  // The entity type index of label l (-1 for O).
  int type(int l) const { return type_[l]; }

  void Save(ByteWriter* w) const;
  bool Load(ByteReader* r);
  const LinearModel& model() const { return model_; }
  // Drops small weights (smaller, faster model; see docs/analysis.md).
  void Prune(float min_abs) { model_.Prune(min_abs); }
  // The window network whose log-probabilities join the emissions (empty:
  // none; ner_net.h, `dyad train ner --window-net`). Its weight() is in the
  // perceptron's trained units.
  const NerNet& net() const { return net_; }
  void set_net(NerNet net) { net_ = std::move(net); }
  // Changes the network's weight (0: the perceptron alone), e.g. to compare
  // weights on dev (`dyad eval ner --net-weight`).
  void set_net_weight(float w) { net_.set_weight(w); }

  // The emission feature keys of word i; returns their number (<= kMaxFeatures).
  // `hist` is NerHistory::Marks() of the sentence, or null (no history).
  // `chars` is ExtraKeys() of the sentence (character n-grams, embedding classes).
  static int Emission(const std::vector<WordInfo>& w, const std::vector<std::uint64_t>& tags,
                      const std::vector<std::uint32_t>& gaz, std::uint32_t sentence_shape, int i,
                      const std::uint32_t* hist, const NerChars& chars, std::uint64_t* out);
  // With char_grams(): the character 3- and 4-grams of each capitalised
  // word's lower-case form with boundary marks ("^bre", "ort$"), hashed
  // (at most kMaxCharGrams a word); else none.
  void CharGrams(const std::vector<WordInfo>& w, const std::vector<std::string_view>& forms,
                 NerChars* out) const;
  // Whether the model has the character n-gram features (dyad train ner
  // --char-grams).
  bool char_grams() const { return char_grams_; }
  // CharGrams() and, with embedding_levels(), each word's embedding class
  // keys: for every granularity the classes of the word and of its two
  // neighbours (a word without a vector has class "none"; outside the
  // sentence "outside"). What Emission() takes as `chars`.
  void ExtraKeys(const std::vector<WordInfo>& w, const std::vector<std::string_view>& forms,
                 NerChars* out) const;
  // The number of embedding class granularities in the model (0 = none;
  // dyad train ner --embeddings; embeddings.h).
  int embedding_levels() const { return embedding_levels_; }
  // The gazetteer key of a word's embedding classes, by its lower-case
  // form's hash; the value is EmbeddingClassTable()'s packed classes.
  static std::uint64_t EmbeddingKey(std::uint64_t lower);
  // Whether the model has the context aggregation features
  // (NerHistory::ContextKeys; dyad train ner --contexts).
  bool contexts() const { return contexts_; }
  // Whether the gazetteer holds word-list marks (WordListKey; dyad train ner
  // --word-lists).
  bool word_lists() const { return word_lists_; }
  // The case pattern of a sentence: 1 mostly capitalised words (titles,
  // headings), 2 all lower-case, 3 mostly all-caps, 0 otherwise or short.
  static std::uint32_t SentenceShape(const std::vector<WordInfo>& w);
  // The transition feature keys of word i after label `prev` (-1 = start).
  static int Transition(const std::vector<WordInfo>& w, const std::vector<std::uint64_t>& tags,
                        const std::vector<std::uint32_t>& gaz, int i, int prev,
                        std::uint64_t* out);
  // Viterbi over n words and L labels: em[i * L + l] is the emission score
  // of label l at word i, tr[(i * (L + 1) + p + 1) * L + l] the transition
  // score of l after p (p = -1 at the start). Labels not Allowed() after
  // their predecessor are never chosen. `back` is scratch space.
  template <typename T>
  void Decode(int n, const T* em, const T* tr, std::vector<T>* best, std::vector<int>* back,
              std::vector<int>* out) const;
  // Gazetteer marks per word: bits 0-7 the longest case-sensitive match,
  // bits 8-15 the longest case-insensitive one; each 0 = none, else
  // (types << 1) | inside. With word_lists(), bits 16-21 the word's
  // word-list mark (WordListMark of its lower-case form's entry).
  void MatchGazetteer(const std::vector<WordInfo>& w, std::vector<std::uint32_t>* gaz) const;
  // Word lists (SCOWL's proper names, capitalised words, abbreviations): the
  // gazetteer key of a word's lower-case form hash, apart from GazKey's and
  // GazKeyLower's; its value has bit 3 * kind + bucket for each list the
  // word is in (kind 0 proper names, 1 capitalised non-names, 2
  // abbreviations; bucket 0, 1, 2 the list's size level, smallest first).
  static std::uint64_t WordListKey(std::uint64_t lower);
  // The per-word mark of such a value: for each kind, 2 bits (0 = not in a
  // list of that kind, else 1 + its smallest bucket).
  static std::uint32_t WordListMark(std::uint32_t bits);
  // The keys of a token sequence in the gazetteer (form hashes; lower-case
  // form hashes).
  static std::uint64_t GazKey(const WordInfo* w, int len);
  static std::uint64_t GazKeyLower(const WordInfo* w, int len);
  // Whether label `l` may follow label `prev` (-1 = sentence start).
  bool Allowed(int prev, int l) const;
  // Whether a sentence may end with label `l` (BILOU: not inside an entity).
  bool AllowedLast(int l) const { return !bilou_ || (kind_[l] != 'B' && kind_[l] != 'I'); }

 private:
  friend class NerTrainer;
  friend Status TrainNerWindowNet(const std::vector<IobSentence>& sentences, const Tagger& tagger,
                                  const WordVectors& vectors, const NerNetOptions& options,
                                  Ner* ner);
  void ComputeTypes();
  // `net_in`: the network's log-probabilities if already computed (else
  // null); `net_out`: where to keep them (may be null).
  void TagWithMarks(const std::vector<WordInfo>& words, const NerChars& extra,
                    const std::vector<std::uint64_t>& tags, const std::uint32_t* marks,
                    std::vector<int>* labels, const std::vector<float>* net_in = nullptr,
                    std::vector<float>* net_out = nullptr) const;
  std::vector<std::string> labels_;
  std::vector<std::string> bio_;  // the BIO label of each label
  std::vector<int> type_;    // entity type index per label; -1 for O
  std::vector<char> kind_;   // 'B', 'I', 'L', 'U' or 'O'
  bool bilou_ = false;       // the labels are BILOU (Ratinov & Roth 2009), not BIO
  bool char_grams_ = false;  // CharGrams() features
  bool contexts_ = false;    // NerHistory::ContextKeys() features
  bool word_lists_ = false;  // WordListKey() entries in gaz_ and their features
  int embedding_levels_ = 0;  // EmbeddingKey() entries in gaz_ and their granularities
  NerNet net_;
  FlatMap gaz_;  // GazKey, GazKeyLower -> type bits (1 PER, 2 ORG, 4 LOC, 8 nationality,
                 // 16 first name); WordListKey -> word-list bits; EmbeddingKey -> classes
  LinearModel model_;
};

template <typename T>
void Ner::Decode(int n, const T* em, const T* tr, std::vector<T>* best, std::vector<int>* back,
                 std::vector<int>* out) const {
  const int L = num_labels();
  out->assign(n, 0);
  if (n == 0) return;
  best->assign(static_cast<std::size_t>(n) * L, T());
  back->assign(static_cast<std::size_t>(n) * L, -1);
  T* b = best->data();
  int* bk = back->data();
  for (int i = 0; i < n; ++i) {
    for (int l = 0; l < L; ++l) {
      int arg = -1;
      T top = T();
      if (i == 0) {
        if (Allowed(-1, l)) arg = -2, top = tr[l];
      } else {
        for (int p = 0; p < L; ++p) {
          if (bk[(i - 1) * L + p] == -1 || !Allowed(p, l)) continue;
          T v = b[(i - 1) * L + p] + tr[(static_cast<std::size_t>(i) * (L + 1) + p + 1) * L + l];
          if (arg == -1 || v > top) top = v, arg = p;
        }
      }
      if (arg == -1) continue;  // unreachable label: back stays -1
      b[i * L + l] = top + em[i * L + l];
      bk[i * L + l] = arg;
    }
  }
  int last = -1;
  for (int l = 0; l < L; ++l) {
    if (bk[(n - 1) * L + l] != -1 && AllowedLast(l) &&
        (last < 0 || b[(n - 1) * L + l] > b[(n - 1) * L + last])) {
      last = l;
    }
  }
  for (int i = n - 1; i >= 0; --i) {
    (*out)[i] = last;
    last = bk[i * L + last];
  }
}

}  // namespace dyad::analyze

#endif  // DYAD_ANALYZE_NER_H_
