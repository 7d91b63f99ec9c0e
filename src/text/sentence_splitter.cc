#include "text/sentence_splitter.h"

#include <cctype>
#include <mutex>

#include "text/abbreviations.h"

namespace dyad::text {
namespace {

// The compiled model: kSegModelIndex[i] has weight kSegModelWeight[i] *
// kSegModelScale. Regenerate with `dyad train segment` (see
// docs/segmentation.md).
#include "text/segment_model_data.inc"

inline std::uint64_t Mix(std::uint64_t h, std::uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  return h;
}

inline std::uint32_t Index(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return static_cast<std::uint32_t>(h) & (kModelSize - 1);
}

// The weight index of a pair of salted atoms (of one atom: b = 0).
inline std::uint32_t PairIndex(std::uint64_t a, std::uint64_t b) {
  return static_cast<std::uint32_t>(((a + b) * 0xC2B2AE3D27D4EB4Full) >> (64 - kModelBits));
}

constexpr std::uint64_t kNone = 0x5bd1e9955bd1e995ull;  // word id of a missing token

// The identity of a word for features: its lower-cased hash, except for
// numbers and URLs, which are their shape and length class.
inline std::uint64_t WordId(const RawToken* t) {
  if (t == nullptr) return kNone;
  if (t->shape == kShapeNumber || t->shape == kShapeUrl) {
    std::uint32_t len = t->end - t->begin;
    return 0x1000 + t->shape * 8 + (len > 4 ? 4 : len);
  }
  return t->hash;
}

inline std::uint64_t ShapeId(const RawToken* t) {
  return t ? static_cast<std::uint64_t>(t->shape) : static_cast<std::uint64_t>(kShapeCount);
}

inline std::uint64_t LengthBucket(std::uint32_t n) {
  return n <= 3 ? n : n <= 5 ? 4 : n <= 9 ? 5 : n <= 19 ? 6 : n <= 39 ? 7 : 8;
}

// The last three bytes of a word, lower-cased (a crude morphology).
std::uint64_t Suffix(std::string_view text, const RawToken& t) {
  std::uint32_t b = t.end - t.begin > 3 ? t.end - 3 : t.begin;
  return HashLower(text.substr(b, t.end - b));
}

// The first two bytes of a word, lower-cased.
std::uint64_t Prefix(std::string_view text, const RawToken* t) {
  if (t == nullptr) return kNone;
  std::uint32_t e = t->end - t->begin > 2 ? t->begin + 2 : t->end;
  return HashLower(text.substr(t->begin, e - t->begin));
}

bool IsStop(const RawToken* t) {
  return t && (t->shape == kShapePeriod || t->shape == kShapeStop || t->shape == kShapeEllipsis);
}

// A dateline opens the line at buf[k]: "(" one to three words, the first
// capitalised, ")" and a dash: "(Moscow) –", "(New York) --".
bool DatelineAt(std::string_view text, const std::vector<RawToken>& buf, std::size_t k) {
  if (k + 3 >= buf.size() || text[buf[k].begin] != '(') return false;
  if (!std::isupper(static_cast<unsigned char>(text[buf[k + 1].begin]))) return false;
  for (std::size_t j = k + 2; j < buf.size() && j <= k + 4; ++j) {
    if (text[buf[j].begin] == ')' && buf[j].end - buf[j].begin == 1) {
      return j + 1 < buf.size() && buf[j + 1].shape == kShapeDash;
    }
  }
  return false;
}

}  // namespace

const SplitModel& DefaultSplitModel() {
  static const SplitModel* model = [] {
    auto* m = new SplitModel;
    m->quantized.assign(kModelSize, 0);
    m->scale = kSegModelScale;
    for (std::size_t i = 0; i < std::size(kSegModelIndex); ++i) {
      m->quantized[kSegModelIndex[i] & (kModelSize - 1)] = kSegModelWeight[i];
    }
    m->bias = kSegModelBias;
    if (std::size(kSegGateIndex) > 1) {
      m->gate_quantized.assign(kModelSize, 0);
      for (std::size_t i = 0; i < std::size(kSegGateIndex); ++i) {
        m->gate_quantized[kSegGateIndex[i] & (kModelSize - 1)] = kSegGateWeight[i];
      }
      m->gate_scale = kSegGateScale;
      m->gate_cut = kSegGateCut;
      m->gate_end = kSegGateEnd;
    }
    // A lexicon compiled with another kLexiconBits would be read out of
    // bounds by InLexicon(): regenerate the .inc when the constant changes.
    constexpr std::size_t kLexiconWords = (std::size_t{1} << kLexiconBits) / 64;
    static_assert(std::size(kSegLowerWords) <= 1 || std::size(kSegLowerWords) == kLexiconWords);
    static_assert(std::size(kSegProperWords) <= 1 || std::size(kSegProperWords) == kLexiconWords);
    static_assert(std::size(kSegStarterWords) <= 1 ||
                  std::size(kSegStarterWords) == kLexiconWords);
    if (std::size(kSegLowerWords) > 1) m->lower_words.assign(std::begin(kSegLowerWords), std::end(kSegLowerWords));
    if (std::size(kSegProperWords) > 1) m->proper_words.assign(std::begin(kSegProperWords), std::end(kSegProperWords));
    if (std::size(kSegStarterWords) > 1) m->starter_words.assign(std::begin(kSegStarterWords), std::end(kSegStarterWords));
    return m;
  }();
  return *model;
}

void SplitState::Add(std::string_view text, const RawToken& t) {
  ++words;
  char c = text[t.begin];
  if (t.end - t.begin == 1) {
    if (c == '(' || c == '[' || c == '{') ++open;
    if ((c == ')' || c == ']' || c == '}') && open > 0) --open;
    if (c == '"') ++quotes;
  }
}

GapKind ClassifyGap(std::string_view text, const SplitState& st, const RawToken* p,
                    const RawToken& c, const RawToken* n) {
  if (n == nullptr || c.gap == 3) return GapKind::kAlways;
  if (c.gap == 0 || n->mwt == 2) return GapKind::kNever;
  if (st.words >= kMaxSentenceWords) return GapKind::kAlways;
  if (n->shape == kShapeBullet) return GapKind::kAlways;
  // Datelines ("WASHINGTON (Reuters) --", "(Moscow) –") stay with the first
  // sentence, so that its place is in the sentence for the later stages
  // (UD EWT would make the dateline a sentence of its own).
  if (c.shape == kShapeDash && p != nullptr && text[p->begin] == ')' && st.words <= 12) {
    return GapKind::kNever;
  }
  // ... and the gap before that dash, which the learned model should not
  // decide: a treebank's dateline is a sentence of its own.
  if (n->shape == kShapeDash && text[c.begin] == ')' && c.end - c.begin == 1 && st.words <= 12) {
    return GapKind::kNever;
  }
  if (c.gap == 2) {  // a line break inside a block
    if (IsStop(&c) || c.shape == kShapeColon) return GapKind::kAlways;
    if ((c.shape == kShapeClose || c.shape == kShapeQuote) && IsStop(p)) return GapKind::kAlways;
    bool short_line = c.end - st.line_begin < 60;
    if (short_line && n->shape != kShapeLower && c.shape != kShapeComma &&
        c.shape != kShapeOpen && c.shape != kShapeSemicolon && c.shape != kShapeDash) {
      return GapKind::kAlways;
    }
  }
  switch (c.shape) {
    case kShapePeriod: case kShapeStop: case kShapeEllipsis: case kShapeAbbrev:
    case kShapeClose: case kShapeQuote: case kShapeColon: case kShapeSemicolon:
    case kShapeDash: case kShapeSymbol: case kShapeInitial:
      return GapKind::kCandidate;
    default: break;
  }
  switch (n->shape) {
    case kShapeLower: case kShapeComma: case kShapePeriod: case kShapeStop:
    case kShapeEllipsis: case kShapeColon: case kShapeSemicolon: case kShapeClose:
      return GapKind::kSkip;
    default: return GapKind::kCandidate;
  }
}

bool InLexicon(const std::vector<std::uint64_t>& set, std::uint64_t hash) {
  if (set.empty()) return false;
  std::uint32_t bit = static_cast<std::uint32_t>(hash >> 20) & ((1u << kLexiconBits) - 1);
  return (set[bit >> 6] >> (bit & 63)) & 1;
}

void AddToLexicon(std::vector<std::uint64_t>* set, std::uint64_t hash) {
  if (set->empty()) set->assign((1u << kLexiconBits) / 64, 0);
  std::uint32_t bit = static_cast<std::uint32_t>(hash >> 20) & ((1u << kLexiconBits) - 1);
  (*set)[bit >> 6] |= std::uint64_t{1} << (bit & 63);
}

namespace {

// A word's case lexicons as bits: 1 mostly lower-case, 2 mostly
// capitalized, 8 a sentence starter; 4: no word.
std::uint64_t LexiconClass(const SplitModel& model, const RawToken* t) {
  if (t == nullptr) return 4;
  return (InLexicon(model.lower_words, t->hash) ? 1 : 0) |
         (InLexicon(model.proper_words, t->hash) ? 2 : 0) |
         (InLexicon(model.starter_words, t->hash) ? 8 : 0);
}

}  // namespace

int BaseFeatures(const SplitModel& model, std::string_view text, const SplitState& st,
                 const RawToken* p2, const RawToken* p, const RawToken& c, const RawToken* n,
                 const RawToken* nn, std::uint32_t* out) {
  auto lex = [&](const RawToken* t) { return LexiconClass(model, t); };
  const std::uint64_t ln = lex(n), lc = lex(&c);
  const std::uint64_t wp = WordId(p), wc = WordId(&c), wn = WordId(n);
  const std::uint64_t sp2 = ShapeId(p2), sp = ShapeId(p), sc = ShapeId(&c), sn = ShapeId(n),
                      snn = ShapeId(nn);
  int k = 0;
  auto add = [&](std::uint64_t h) { out[k++] = Index(h); };
  add(Mix(1, 0));
  add(Mix(2, wc));
  add(Mix(3, wn));
  add(Mix(Mix(4, wp), wc));
  add(Mix(Mix(5, wc), sn));
  add(Mix(Mix(6, sc), wn));
  add(Mix(Mix(Mix(7, sp), sc), sn));
  add(Mix(Mix(Mix(8, sc), sn), snn));
  add(Mix(Mix(Mix(9, sc), sn), c.gap));
  add(Mix(Mix(Mix(10, LengthBucket(st.words)), sc), sn));
  add(Mix(Mix(Mix(11, c.abbrev_class), sn), wn == kNone ? 0 : 1));
  add(Mix(Mix(12, wn), snn));
  add(Mix(Mix(Mix(Mix(13, sp2), sp), sc), sn));
  add(Mix(Mix(Mix(14, st.open > 2 ? 2 : st.open), sc), sn));
  add(Mix(Mix(Mix(Mix(15, st.quotes & 1), sp), sc), sn));
  add(Mix(Mix(Mix(16, wp), sc), sn));
  add(Mix(Mix(Mix(17, LengthBucket(c.end - c.begin)), sc), sn));
  add(Mix(Mix(18, wc), wn));
  add(Mix(Mix(Mix(19, sc), wn), snn));
  add(Mix(Mix(Mix(20, wc), sn), snn));
  add(Mix(Mix(Mix(21, wp), wc), sn));
  add(Mix(Mix(22, Suffix(text, c)), sn));
  add(Mix(Mix(Mix(23, sc), Prefix(text, n)), sn));
  add(Mix(Mix(Mix(Mix(24, st.prev_shape), LengthBucket(st.prev_words)), sc), sn));
  add(Mix(Mix(Mix(Mix(25, st.prev_shape), LengthBucket(st.words)), sc), sn));
  add(Mix(Mix(Mix(26, ln), sc), sn));
  add(Mix(Mix(Mix(27, lc), sc), sn));
  add(Mix(Mix(Mix(Mix(28, ln), lc), sp), sc));
  return k;
}

int PairFeatures(const SplitModel& model, std::string_view text, const SplitState& st,
                 const RawToken* p2, const RawToken* p, const RawToken& c, const RawToken* n,
                 const RawToken* nn, std::uint32_t* out) {
  auto lex = [&](const RawToken* t) { return LexiconClass(model, t); };
  // Every pair of these single facts about the gap is a feature: the
  // hand-written conjunctions of BaseFeatures cover few of them, and the
  // pairs let the linear model weigh, say, the word before the gap by the
  // case of the word after it or by the sentence length.
  const std::uint64_t atoms[kPairAtoms] = {
      WordId(p), WordId(&c), WordId(n), WordId(nn), ShapeId(p2), ShapeId(p), ShapeId(&c),
      ShapeId(n), ShapeId(nn), lex(n), lex(&c), lex(p), LengthBucket(st.words), st.prev_shape,
      c.abbrev_class, Suffix(text, c), Prefix(text, n),
      (st.quotes & 1) | (st.open > 0 ? 2u : 0u), c.gap};
  // Pairs are most of the features: each is hashed by one multiplication.
  std::uint64_t salted[kPairAtoms];
  int k = 0;
  for (int a = 0; a < kPairAtoms; ++a) {
    salted[a] = atoms[a] + static_cast<std::uint64_t>(a + 1) * 0x9E3779B97F4A7C15ull;
    out[k++] = PairIndex(salted[a], 0);
  }
  for (int a = 0; a < kPairAtoms; ++a) {
    const std::uint64_t left = salted[a] * 0xD6E8FEB86659FD93ull;
    for (int b = a + 1; b < kPairAtoms; ++b) out[k++] = PairIndex(left, salted[b]);
  }
  return k;
}

int Features(const SplitModel& model, std::string_view text, const SplitState& st,
             const RawToken* p2, const RawToken* p, const RawToken& c, const RawToken* n,
             const RawToken* nn, std::uint32_t* out) {
  int k = BaseFeatures(model, text, st, p2, p, c, n, nn, out);
  return k + PairFeatures(model, text, st, p2, p, c, n, nn, out + k);
}

float SplitScore(const std::vector<float>& weights, const std::vector<std::int16_t>& quantized,
                 float scale, const std::uint32_t* feats, int k) {
  if (!weights.empty()) {
    float score = 0;
    for (int f = 0; f < k; ++f) score += weights[feats[f]];
    return score;
  }
  if (quantized.empty()) return 0;
  std::int32_t sum = 0;
  for (int f = 0; f < k; ++f) sum += quantized[feats[f]];
  return static_cast<float>(sum) * scale;
}

void SentenceSplitter::Run(std::string_view text, std::uint32_t begin, std::uint32_t end,
                           const std::function<void(std::span<const RawToken>)>& sink) {
  Tokenizer tok(text, begin, end);
  buf_.clear();
  bool more = true;
  SplitState st;
  st.line_begin = begin;
  bool new_line = false;
  std::size_t i = 0;
  std::uint32_t feats[kMaxFeatures];
  const bool has_model = !model_.weights.empty() || !model_.quantized.empty();
  const bool has_gate = !model_.gate_weights.empty() || !model_.gate_quantized.empty();
  while (true) {
    while (more && buf_.size() < i + 3) more = tok.Next(&buf_);
    if (i >= buf_.size()) break;
    if (buf_[i].gap == 2 && i + 1 < buf_.size() && text[buf_[i + 1].begin] == '(') {
      // Enough lookahead for DatelineAt below (before any reference into buf_).
      while (more && buf_.size() < i + 7) more = tok.Next(&buf_);
    }
    RawToken& c = buf_[i];
    if (new_line) st.line_begin = c.begin;
    new_line = c.gap >= 2;
    const RawToken* p = i >= 1 ? &buf_[i - 1] : nullptr;
    const RawToken* p2 = i >= 2 ? &buf_[i - 2] : nullptr;
    const RawToken* n = i + 1 < buf_.size() ? &buf_[i + 1] : nullptr;
    const RawToken* nn = i + 2 < buf_.size() ? &buf_[i + 2] : nullptr;
    st.Add(text, c);
    GapKind kind = ClassifyGap(text, st, p, c, n);
    if (c.gap == 2 && kind != GapKind::kAlways && n != nullptr && text[n->begin] == '(') {
      // A line that a dateline follows ends its sentence, punctuated or
      // not: a photo credit before the story's first line.
      if (DatelineAt(text, buf_, i + 1)) kind = GapKind::kAlways;
    }
    bool end_here = kind == GapKind::kAlways;
    if (kind == GapKind::kCandidate && has_model) {
      // The model learnt from text in which every candidate gap is a space
      // (the treebank text has no line break inside a paragraph), so a line
      // break that the rules above leave to it, such as a hard-wrapped long
      // line, is scored as the space it stands for.
      RawToken cs = c;
      if (cs.gap == 2) cs.gap = 1;
      int k = BaseFeatures(model_, text, st, p2, p, cs, n, nn, feats);
      // The gate settles the clear cases (most candidates: the words of a
      // name, ". The") from the base features alone.
      float gate = has_gate ? SplitScore(model_.gate_weights, model_.gate_quantized,
                                         model_.gate_scale, feats, k)
                            : 0;
      if (has_gate && gate >= model_.gate_end) {
        end_here = true;
      } else if (!has_gate || gate >= model_.gate_cut) {
        k += PairFeatures(model_, text, st, p2, p, cs, n, nn, feats + k);
        end_here = model_.bias + SplitScore(model_.weights, model_.quantized, model_.scale,
                                            feats, k) > 0;
      }
    }
    if (!end_here) {
      ++i;
      continue;
    }
    if (c.shape == kShapeAbbrev) {
      // The sentence's full stop is also the abbreviation's period.
      RawToken dot = c;
      dot.begin = c.end - 1;
      dot.shape = kShapePeriod;
      dot.abbrev_class = kAbbrevNone;
      dot.hash = HashLower(".");
      c.end -= 1;
      c.gap = 0;
      c.hash = HashLower(text.substr(c.begin, c.end - c.begin));
      c.shape = WordShape(text, c.begin, c.end);
      buf_.insert(buf_.begin() + static_cast<std::ptrdiff_t>(i) + 1, dot);
      ++i;
    }
    sink(std::span<const RawToken>(buf_.data(), i + 1));
    st.Reset(buf_[i]);
    buf_.erase(buf_.begin(), buf_.begin() + static_cast<std::ptrdiff_t>(i) + 1);
    i = 0;
  }
}

}  // namespace dyad::text
