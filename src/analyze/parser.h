// The dependency parser: greedy arc-eager transitions scored by an
// averaged perceptron, producing labelled UD trees.
//
// Method. The arc-eager system (Nivre 2003) with the root token placed at
// the END of the buffer (Ballesteros & Nivre 2013), so that the decision
// to attach a word to the root is taken last, with the whole sentence
// seen. Transitions: SHIFT, REDUCE, LEFT-ARC(label), RIGHT-ARC(label).
// Features are the rich templates of Zhang & Nivre (2011): words and tags
// of the stack top, the second stack item and three buffer words, their
// heads, leftmost/rightmost children and second children, arc labels,
// distance, valency and the label sets of each side (~75 hashed keys per
// decision). Training uses the dynamic oracle of Goldberg & Nivre (2012):
// after the first epoch the parser follows its own predictions, and each
// decision is updated toward the best-scoring transition that loses no
// more reachable gold arcs. Gold trees are projectivized first by lifting
// non-projective arcs (0.14% of the arcs of EWT dev); a lifted word's
// relation records its original head's relation when that pair is
// frequent in training, and the parser lowers such words back after
// parsing (pseudo-projective parsing, Nivre & Nilsson 2005), so crossing
// arcs can come out. Parsing is linear: at most 2n
// transitions (the non-monotonic variant below: at most 4n + 8 with its
// repairs, then only monotonic ones), with a fixed-size feature buffer and a
// reused state.
//
// Non-monotonic variant (a flag of the model, chosen at training time):
// the transitions of Honnibal, Goldberg & Johnson (2013) and Honnibal &
// Johnson (2015) let a greedy parser repair an earlier decision.
// LEFT-ARC may also take a stack top that already has a head, replacing
// that head (a RIGHT-ARC that should have been a SHIFT); REDUCE of a stack
// top without a head ("Unshift") puts the word back at the front of the
// buffer, from where the word below it can take it as a right dependent
// (a SHIFT that should have been a RIGHT-ARC); an unshifted word cannot be
// shifted again until the stack changes under it, so parsing still ends
// (and after 4n + 8 transitions only the monotonic ones stay legal).
//
// Beam search (Zhang & Clark 2008, Zhang & Nivre 2011): the same
// transitions and features, but the K best configurations by the sum of
// their transitions' scores are kept at each step, and the best complete
// one gives the tree. A model trained for it (globally, with the
// max-violation perceptron of Huang et al. 2012; train_parser.cc) records
// its width K and Parse() decodes with it; a width of 1 is the greedy
// parser. Beam decoding costs about K times the greedy time per sentence.
//
// Right-to-left variant (a flag of the model, chosen at training time,
// `dyad train parser --right-to-left`): the parser was trained on sentences
// with their words in reverse order, and Parse() reverses the words, parses
// and maps the tree back. Its errors differ from the left-to-right parser's
// (it decides the attachments of the sentence's end first), which is what a
// reparsing ensemble needs (reparse.h).
//
// Stacked ("guided") variant (Nivre & McDonald 2008; a model file with a
// guide, `dyad train parser --guide FILE`): the model embeds a second parser,
// the guide (the right-to-left greedy parser), and Parse() first lets the
// guide parse the sentence, then decodes with a few extra features that read
// the guide's tree: whether the guide has the arc s0 <- n0 or s0 -> n0 and
// its label, where the guide's heads of s0, n0, s1 and n1 lie in the
// configuration (stack, buffer, done, root), how many guide dependents s0
// still has in the buffer and n0 on the stack (GuideFeatures). In training
// the guide parses come from jackknifed guides (each trained on the other
// folds), so the features are as reliable as at run time.
//
// Mixed-in network (a flag of the model, `dyad train parser --mix-net`): a
// greedy perceptron model may carry a dense parser (dense_scorer.h) trained
// on the same data. Where the perceptron's best legal transition leads the
// second by less than a margin, the network scores the configuration too,
// and each legal transition gets the perceptron's score plus a weight times
// the network's log-probability (ParseMixed). About 7% of the decisions
// consult it; EWT test +0.47 UAS / +0.57 LAS (docs/analysis-log.md, thirteenth
// round).
//
// Thread safety: immutable after Load() (and set_beam_width(), set_net(),
// set_net_margin()); Parse() is const (its scratch is thread-local).
#ifndef DYAD_ANALYZE_PARSER_H_
#define DYAD_ANALYZE_PARSER_H_

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/dense_scorer.h"
#include "analyze/features.h"
#include "analyze/linear_model.h"
#include "analyze/tagger.h"

namespace dyad::analyze {

// The arc-eager configuration. Token n (one past the last word) is ROOT.
// The buffer is the unshifted words (`rebuf`, front at the back) followed
// by b, b + 1, ..., n.
struct ParseState {
  enum : char { kInBuffer = 0, kOnStack = 1, kDone = 2 };
  int n = 0;
  int b = 0;                      // first word never shifted; n = only ROOT left
  int steps = 0;                  // transitions applied
  std::vector<int> stack;
  std::vector<int> rebuf;         // unshifted words, ascending from the back
  std::vector<char> loc;          // per word: kInBuffer, kOnStack or kDone
  std::vector<char> unshiftable;  // unshifted and not yet free to be shifted
  std::vector<int> head, label;   // -1 = none yet; size n
  std::vector<int> l1, l2, r1, r2;  // leftmost / second-leftmost, rightmost / second children
  std::vector<int> nl, nr;        // number of left / right children
  std::vector<std::uint64_t> lset, rset;  // label sets (bit masks) of left / right children
  void Init(int words);
  void AddArc(int h, int d, int lab);
  // Removes d's arc (non-monotonic LEFT-ARC), updating its head's children.
  void RemoveArc(int d);
  // The i-th buffer item: a word, n (ROOT) or -1 past ROOT.
  int B(int i) const {
    const int r = static_cast<int>(rebuf.size());
    if (i < r) return rebuf[r - 1 - i];
    const int x = b + i - r;
    return x <= n ? x : -1;
  }
  bool Terminal() const { return b >= n && stack.empty() && rebuf.empty(); }
};

// A guide parse of a sentence in its own word order: heads (-1 = root) and
// relation keys (Parser::GuideLabelKey of the plain relation name).
struct GuideTree {
  std::vector<int> head;
  std::vector<std::uint64_t> label;
};

// A guide parse in the parser's word order (reversed for a right-to-left
// parser), with each word's guide children, as the features read it.
struct GuideView {
  int n = 0;
  std::vector<int> head;  // n = root
  std::vector<std::uint64_t> label;
  std::vector<int> kid_begin, kids;  // children of word i: kids[kid_begin[i] .. kid_begin[i + 1])
  void Build(const GuideTree& g, bool reverse);
};

// One expansion in beam search: the item's score plus the class's, the
// item, and the class (-1: a finished item carried over as it is).
template <typename Score>
struct BeamCandidate {
  Score score;
  int item;
  int cls;
  // Best first; ties go to the lower item, then the lower class, as in
  // greedy decoding (so a beam of 1 decides as the greedy parser does).
  bool operator<(const BeamCandidate& o) const {
    if (score != o.score) return score > o.score;
    return item != o.item ? item < o.item : cls < o.cls;
  }
};

// Moves the best min(k, size) candidates to the front, best first.
template <typename Score>
int SelectBest(std::vector<BeamCandidate<Score>>* c, int k) {
  const int m = std::min(k, static_cast<int>(c->size()));
  if (m < static_cast<int>(c->size())) std::nth_element(c->begin(), c->begin() + m, c->end());
  std::sort(c->begin(), c->begin() + m);
  return m;
}

// Reverses a parse in place: word i becomes word n - 1 - i, and so does
// each head (-1, the root, stays). Applying it twice gives the parse back.
void ReverseParse(std::vector<int>* heads, std::vector<int>* labels);

class Parser {
 public:
  static constexpr int kMaxFeatures = 96;
  static constexpr int kMaxBeam = 64;
  enum : int { kShift = 0, kReduce = 1, kFirstArc = 2 };

  int num_labels() const { return static_cast<int>(labels_.size()); }
  int num_classes() const { return kFirstArc + 2 * num_labels(); }
  // The label names; Parse() outputs plain relations only (never the
  // "rel|headrel" labels of lifted arcs).
  const std::string& label(int l) const { return labels_[l]; }

  // Parses one sentence. `tags` are the tagger's tag keys (Tagger::tag_key),
  // so that a parser survives retraining the tagger. Writes
  // heads (-1 = root; exactly one root) and label ids. Decodes greedily
  // when beam_width() is 1, else with ParseBeam().
  void Parse(const std::vector<WordInfo>& words, const std::vector<std::uint64_t>& tags,
             std::vector<int>* heads, std::vector<int>* labels) const;
  // Beam-search decoding with `beam` configurations (1..kMaxBeam; a width
  // of 1 takes the same decisions as greedy decoding).
  void ParseBeam(const std::vector<WordInfo>& words, const std::vector<std::uint64_t>& tags,
                 int beam, std::vector<int>* heads, std::vector<int>* labels) const;
  // Parses with the given guide parse instead of the embedded guide's
  // (a guided model only; tests and training tools). The guide must have a
  // head and a label per word; a guide of another length is not read (the
  // sentence is parsed as by an unguided model with the same weights).
  void ParseWithGuide(const std::vector<WordInfo>& words, const std::vector<std::uint64_t>& tags,
                      const GuideTree& guide, std::vector<int>* heads,
                      std::vector<int>* labels) const;

  // The embedded guide parser of a stacked model (nullptr: not guided).
  const Parser* guide() const { return guide_.get(); }
  bool guided() const { return guide_ != nullptr; }
  // The guide features' key of a relation name ("nsubj"; "rel|headrel" is
  // read as "rel").
  static std::uint64_t GuideLabelKey(std::string_view relation) {
    return HashStr(relation.substr(0, relation.find('|')));
  }
  // The guide parse of a sentence by this parser: Parse() with the labels as
  // GuideLabelKey()s.
  void GuideParse(const std::vector<WordInfo>& words, const std::vector<std::uint64_t>& tags,
                  GuideTree* out) const;

  // The beam width Parse() decodes with: the one the model was trained for
  // (1 = greedy), unless overridden.
  int beam_width() const { return beam_; }
  // Overrides the decoding width (clamped to 1..kMaxBeam).
  void set_beam_width(int beam) { beam_ = beam < 1 ? 1 : (beam > kMaxBeam ? kMaxBeam : beam); }

  // Whether the model uses the non-monotonic transitions (see above).
  bool non_monotonic() const { return non_monotonic_; }
  // Whether the model parses the words in reverse order (see above).
  bool right_to_left() const { return right_to_left_; }
  // Whether the model uses only kLiteTemplates (system flag 8; `dyad train
  // parser --lite`): about a quarter of the lookups per decision, less
  // accurate; meant as a cheap guide of a stacked parser.
  bool lite() const { return lite_; }
  // The dense feed-forward scorer of an opt-in dense model (system flag
  // 16, `dyad train parser --dense`; dense_scorer.h), nullptr for the
  // perceptron. A dense model decodes greedily only (a beam width is
  // ignored) and is neither guided nor lite.
  const DenseNet* dense() const { return dense_.get(); }
  // A dense parser (dense() set; same labels and transition system) whose
  // log-probabilities, times `weight` in this perceptron's trained units,
  // are added to this parser's scores at the greedy decisions where the
  // perceptron is unsure (set_net_margin). Fails (false, nothing set) when
  // the two do not match. nullptr removes it.
  bool set_net(std::shared_ptr<const Parser> net, float weight);
  const Parser* net() const { return net_.get(); }
  // A dense parser's word embeddings and W1 as int8 rows (DenseNet::Quantize;
  // a smaller file); nothing for a perceptron.
  void QuantizeDense();
  float net_weight() const { return net_weight_; }
  // Only decisions whose best legal class leads the second by less than
  // this (in the perceptron's trained units) consult the network; the
  // default, infinity, consults it at every decision.
  void set_net_margin(float margin) { net_margin_ = margin; }
  float net_margin() const { return net_margin_; }

  void Save(ByteWriter* w) const;
  bool Load(ByteReader* r) { return Load(r, /*allow_guide=*/true); }
  const LinearModel& model() const { return model_; }
  // Drops small weights (smaller, faster model; see docs/analysis.md).
  void Prune(float min_abs) { model_.Prune(min_abs); }

  // Transition helpers shared with the trainer. `non_monotonic` is the
  // system's flag; Legal() applies the step limit itself.
  static bool Legal(const ParseState& s, int cls, int num_labels, bool non_monotonic);
  static void Apply(ParseState* s, int cls, int num_labels);
  // Whether the non-monotonic transitions are still allowed in s.
  static bool RepairsAllowed(const ParseState& s, bool non_monotonic) {
    return non_monotonic && s.steps < 4 * s.n + 8;
  }
  // `guide`: a stacked parser's guide parse (GuideFeatures() are added);
  // `lite`: only the kLiteTemplates (a cheap guide, see lite()).
  static int Features(const ParseState& s, const std::vector<WordInfo>& words,
                      const std::vector<std::uint64_t>& tags, std::uint64_t* out,
                      const GuideView* guide = nullptr, bool lite = false);
  // The templates (1-based, in Features() order) of a lite parser: 22 of
  // the 78, the tags, words and pairs of s0, n0, n1 and the child tags.
  static constexpr int kLiteTemplates[] = {1,  3,  4,  6,  7,  13, 19, 20, 21, 22, 23,
                                           24, 25, 26, 32, 34, 36, 41, 74, 75, 76, 78};
  // The guide features (kGuideFeatures keys) of s.
  static constexpr int kGuideFeatures = 8;
  static_assert(78 + kGuideFeatures <= kMaxFeatures, "Features() writes up to 78 + guide keys");
  static int GuideFeatures(const ParseState& s, const std::vector<std::uint64_t>& tags,
                           const GuideView& g, std::uint64_t* out);
  // Calls f(lo, hi) for the ranges of classes legal in the non-terminal
  // state s, in increasing class order (Legal() for all classes at once).
  template <typename F>
  static void ForEachLegal(const ParseState& s, int num_labels, bool non_monotonic, F&& f) {
    const bool has_s0 = !s.stack.empty();
    const bool s0_headed = has_s0 && s.head[s.stack.back()] >= 0;
    const int n0 = s.B(0);
    const bool word_n0 = n0 < s.n;  // n0 >= 0 while not terminal
    const bool repairs = RepairsAllowed(s, non_monotonic);
    if (word_n0 && (!has_s0 || !repairs || !s.unshiftable[n0])) f(kShift, kShift + 1);
    if (s0_headed || (repairs && s.stack.size() >= 2)) f(kReduce, kReduce + 1);
    if (has_s0 && (!s0_headed || repairs)) f(kFirstArc, kFirstArc + num_labels);
    if (has_s0 && word_n0) f(kFirstArc + num_labels, kFirstArc + 2 * num_labels);
  }
  // The best-scoring class legal in s (the first of equal scores).
  template <typename Score>
  static int BestLegal(const ParseState& s, int num_labels, bool non_monotonic,
                       const Score* scores) {
    int best = -1;
    ForEachLegal(s, num_labels, non_monotonic, [&](int lo, int hi) {
      for (int c = lo; c < hi; ++c) {
        if (best < 0 || scores[c] > scores[best]) best = c;
      }
    });
    return best;
  }
  // Turns the final state into heads/labels with a single root.
  void Finish(const ParseState& s, std::vector<int>* heads, std::vector<int>* labels) const;

 private:
  friend class ParserTrainer;
  // A guide is loaded with allow_guide false, so a guided guide is refused
  // before it is read (no recursion on a crafted file).
  bool Load(ByteReader* r, bool allow_guide);
  // Fills base_/lifted_ from the label names ("rel" or "rel|headrel").
  void SetLabelParts();
  // Parse() / ParseBeam() on the words in the parser's order: `beam` 0
  // decodes greedily, 1..kMaxBeam with the beam decoder.
  // `guide`: the guide parse in the sentence's order (a guided model only).
  void ParseInOrder(const std::vector<WordInfo>& words, const std::vector<std::uint64_t>& tags,
                    int beam, const GuideTree* guide, std::vector<int>* heads,
                    std::vector<int>* labels) const;
  void ParseGreedy(const std::vector<WordInfo>& words, const std::vector<std::uint64_t>& tags,
                   const GuideView* guide, std::vector<int>* heads, std::vector<int>* labels) const;
  void ParseDense(const std::vector<WordInfo>& words, const std::vector<std::uint64_t>& tags,
                  std::vector<int>* heads, std::vector<int>* labels) const;
  // ParseGreedy() with net_ mixed in (set_net()).
  void ParseMixed(const std::vector<WordInfo>& words, const std::vector<std::uint64_t>& tags,
                  const GuideView* guide, std::vector<int>* heads, std::vector<int>* labels) const;
  void ParseBeamInOrder(const std::vector<WordInfo>& words, const std::vector<std::uint64_t>& tags,
                        int beam, const GuideView* guide, std::vector<int>* heads,
                        std::vector<int>* labels) const;
  // Undoes the lifts marked by "rel|headrel" labels: the word moves down
  // to the first word labelled headrel (breadth-first, left to right) in
  // its head's subtree (Nivre & Nilsson 2005, the "head" encoding).
  void Deprojectivize(std::vector<int>* heads, const std::vector<int>& labels) const;
  std::vector<int> base_;    // label -> its plain relation
  std::vector<int> lifted_;  // label -> plain relation of the original head, or -1
  std::vector<std::string> labels_;
  int root_label_ = 0;
  int fallback_label_ = 0;  // for extra roots
  bool non_monotonic_ = false;
  bool right_to_left_ = false;  // stored in the model file's system flags
  bool lite_ = false;           // likewise
  int beam_ = 1;  // decoding width; stored in the model file when > 1
  std::vector<std::uint64_t> label_keys_;  // label -> GuideLabelKey of its plain relation
  std::shared_ptr<const Parser> guide_;  // a stacked parser's guide (system flag 4)
  std::shared_ptr<const DenseNet> dense_;  // the dense scorer (system flag 16)
  std::shared_ptr<const Parser> net_;      // set_net(): a dense parser mixed in
  float net_weight_ = 0;
  float net_margin_ = 1e30f;
  LinearModel model_;
};

}  // namespace dyad::analyze

#endif  // DYAD_ANALYZE_PARSER_H_
