#include "analyze/ner.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <map>

#include "analyze/embeddings.h"
#include "analyze/features.h"

namespace dyad::analyze {

static_assert(Ner::kMaxEmbeddingKeys == 3 * kMaxEmbeddingLevels);

void Ner::ComputeTypes() {
  std::map<std::string, int> types;
  type_.clear();
  kind_.clear();
  bio_.clear();
  bilou_ = false;
  for (const auto& l : labels_) {
    const char k = l.size() > 2 && l[1] == '-' ? l[0] : 'O';
    if (k == 'B' || k == 'I' || k == 'L' || k == 'U') {
      auto it = types.emplace(l.substr(2), static_cast<int>(types.size())).first;
      type_.push_back(it->second);
      kind_.push_back(k);
      bilou_ |= k == 'L' || k == 'U';
      bio_.push_back((k == 'B' || k == 'U' ? "B-" : "I-") + l.substr(2));
    } else {
      type_.push_back(-1);
      kind_.push_back('O');
      bio_.push_back("O");
    }
  }
}

bool Ner::Allowed(int prev, int l) const {
  const bool open = prev >= 0 && (kind_[prev] == 'B' || kind_[prev] == 'I');
  if (kind_[l] == 'I' || kind_[l] == 'L') return open && type_[prev] == type_[l];
  // BILOU: an entity opened by B- or I- must go on with I- or end with L-.
  return !(bilou_ && open);
}

std::uint64_t Ner::GazKey(const WordInfo* w, int len) {
  std::uint64_t h = 0x6a09e667f3bcc909ULL;
  for (int i = 0; i < len; ++i) h = Mix64(h ^ w[i].form) + i + 1;
  return h ? h : 1;
}

std::uint64_t Ner::GazKeyLower(const WordInfo* w, int len) {
  std::uint64_t h = 0xbb67ae8584caa73bULL;
  for (int i = 0; i < len; ++i) h = Mix64(h ^ w[i].lower) + i + 1;
  return h ? h : 1;
}

std::uint64_t Ner::WordListKey(std::uint64_t lower) {
  const std::uint64_t h = Mix64(lower ^ 0x3c6ef372fe94f82bULL);
  return h ? h : 1;
}

std::uint64_t Ner::EmbeddingKey(std::uint64_t lower) {
  const std::uint64_t h = Mix64(lower ^ 0xa54ff53a5f1d36f1ULL);
  return h ? h : 1;
}

std::uint32_t Ner::WordListMark(std::uint32_t bits) {
  std::uint32_t mark = 0;
  for (int kind = 0; kind < 3; ++kind) {
    const std::uint32_t b = (bits >> (3 * kind)) & 7;
    if (b) mark |= static_cast<std::uint32_t>(1 + std::countr_zero(b)) << (2 * kind);
  }
  return mark;
}

void Ner::MatchGazetteer(const std::vector<WordInfo>& w, std::vector<std::uint32_t>* gaz) const {
  const int n = static_cast<int>(w.size());
  gaz->assign(n, 0);
  if (gaz_.size() == 0) return;
  for (int lower = 0; lower < 2; ++lower) {
    const int shift = lower ? 8 : 0;
    for (int i = 0; i < n;) {
      int len = 0;
      std::uint32_t types = 0;
      for (int l = std::min(kMaxGazLen, n - i); l >= 1; --l) {
        std::uint32_t t = gaz_.Get(lower ? GazKeyLower(&w[i], l) : GazKey(&w[i], l));
        if (t != FlatMap::kMissing) {
          len = l;
          types = t & 0x7f;
          break;
        }
      }
      if (!len) {
        ++i;
        continue;
      }
      for (int j = 0; j < len; ++j) (*gaz)[i + j] |= ((types << 1) | (j > 0 ? 1u : 0u)) << shift;
      i += len;
    }
  }
  if (!word_lists_) return;
  for (int i = 0; i < n; ++i) {
    const std::uint32_t bits = gaz_.Get(WordListKey(w[i].lower));
    if (bits != FlatMap::kMissing) (*gaz)[i] |= WordListMark(bits) << 16;
  }
}

std::uint32_t Ner::SentenceShape(const std::vector<WordInfo>& w) {
  int alpha = 0, cap = 0, allcap = 0;
  for (const WordInfo& x : w) {
    if (x.flags & kAllCap) ++allcap;
    if (x.flags & kCap) ++cap;
    // Words with a letter: a lower-case first letter or capitalised.
    if ((x.flags & kCap) || (x.flags & kLowerStart)) ++alpha;
  }
  if (alpha < 3) return 0;
  if (allcap * 10 >= alpha * 7) return 3;
  if (cap * 10 >= alpha * 7) return 1;
  if (cap == 0) return 2;
  return 0;
}

void NerHistory::Marks(const std::vector<WordInfo>& w, std::vector<std::uint32_t>* out) const {
  out->assign(w.size(), 0);
  if (counts_.empty()) return;
  for (std::size_t i = 0; i < w.size(); ++i) {
    auto it = counts_.find(w[i].lower);
    if (it == counts_.end()) continue;
    const auto& c = it->second;
    int n = 0, best = 0;
    for (int t = 0; t < kSlots; ++t) {
      n += c[t];
      if (c[t] > c[best]) best = t;
    }
    if (n == 0) continue;  // every label taken back by Remove(): as never seen
    const std::uint32_t agree = c[best] == n ? 2 : (2 * c[best] > n ? 1 : 0);
    (*out)[i] = 1 + 3 * static_cast<std::uint32_t>(best) + agree;
  }
}

void NerHistory::Add(const std::vector<WordInfo>& w, const std::vector<int>& labels,
                     const Ner& ner) {
  Count(w, labels, ner, true);
}

void NerHistory::Remove(const std::vector<WordInfo>& w, const std::vector<int>& labels,
                        const Ner& ner) {
  Count(w, labels, ner, false);
}

void NerHistory::ContextKeys(const std::vector<WordInfo>& w, const NerChars& base,
                             NerChars* out) const {
  out->keys.clear();
  out->begin.assign(1, 0);
  for (std::size_t i = 0; i < w.size(); ++i) {
    out->keys.insert(out->keys.end(), base.keys.begin() + base.begin[i],
                     base.keys.begin() + base.begin[i + 1]);
    if (w[i].flags & (kCap | kAllCap)) {
      auto it = contexts_.find(w[i].lower);
      if (it != contexts_.end()) {
        int added = 0;
        for (const Context& c : it->second) {
          if (c.count == 0) continue;
          out->keys.push_back(c.key);
          if (++added == kContextKeys) break;
        }
      }
    }
    out->begin.push_back(static_cast<std::uint32_t>(out->keys.size()));
  }
}

void NerHistory::Count(const std::vector<WordInfo>& w, const std::vector<int>& labels,
                       const Ner& ner, bool add) {
  if (ner.contexts()) {
    const int n = static_cast<int>(w.size());
    for (int i = 0; i < n; ++i) {
      if (!(w[i].flags & (kCap | kAllCap))) continue;
      auto it = contexts_.find(w[i].lower);
      if (it == contexts_.end()) {
        if (!add || contexts_.size() >= kMaxContextWords) continue;
        it = contexts_.emplace(w[i].lower, std::vector<Context>()).first;
      }
      for (int side = 0; side < 2; ++side) {
        const int j = side ? i + 1 : i - 1;
        const WordInfo& x = j < 0 ? StartWord() : (j >= n ? EndWord() : w[j]);
        const std::uint64_t key = FeatKey(170 + side, x.lower);
        auto c = std::find_if(it->second.begin(), it->second.end(),
                              [key](const Context& y) { return y.key == key; });
        if (c != it->second.end()) {
          if (add && c->count < 0xffff) ++c->count;
          if (!add && c->count > 0) --c->count;
        } else if (add && it->second.size() < kMaxContexts) {
          it->second.push_back({key, 1});
        }
      }
    }
  }
  for (std::size_t i = 0; i < w.size() && i < labels.size(); ++i) {
    if (!(w[i].flags & (kCap | kAllCap))) continue;
    const int t = ner.type(labels[i]) + 1;
    if (t < 0 || t >= kSlots) continue;
    auto it = counts_.find(w[i].lower);
    if (!add) {
      if (it == counts_.end() || it->second[t] == 0) continue;
      // The entry stays, at zero, so that Add() of the same labels finds its
      // slot again even when the history is full (kMaxWords).
      --it->second[t];
      --total_;
      continue;
    }
    if (it == counts_.end()) {
      // A bound on memory for very long documents: past kMaxWords distinct
      // capitalised words, new words get no history (earlier ones still do).
      if (counts_.size() >= kMaxWords) continue;
      it = counts_.emplace(w[i].lower, std::array<std::uint16_t, kSlots>{}).first;
    }
    auto& c = it->second;
    if (c[t] < 0xffff) ++c[t], ++total_;
  }
}

namespace {

struct Window {
  const std::vector<WordInfo>& w;
  const std::vector<std::uint64_t>& tags;
  const std::vector<std::uint32_t>& gaz;
  int n;
  const WordInfo& at(int j) const { return j < 0 ? StartWord() : (j >= n ? EndWord() : w[j]); }
  std::uint64_t tag(int j) const { return j < 0 ? 3 : (j >= n ? 4 : tags[j]); }
  std::uint64_t g(int j) const { return j < 0 || j >= n ? 0x100 : (gaz[j] & 0xff) + 1; }
  std::uint64_t gl(int j) const { return j < 0 || j >= n ? 0x100 : ((gaz[j] >> 8) & 0xff) + 1; }
  // The word-list mark (Ner::WordListMark; 0 none, 0x40 outside the sentence).
  std::uint64_t wl(int j) const { return j < 0 || j >= n ? 0x40 : (gaz[j] >> 16) & 0x3f; }
};

}  // namespace

int Ner::Emission(const std::vector<WordInfo>& w, const std::vector<std::uint64_t>& tags,
                  const std::vector<std::uint32_t>& gaz, std::uint32_t sentence_shape, int i,
                  const std::uint32_t* hist, const NerChars& chars, std::uint64_t* out) {
  const Window x{w, tags, gaz, static_cast<int>(w.size())};
  const WordInfo& c = w[i];
  const WordInfo& m1 = x.at(i - 1);
  const WordInfo& m2 = x.at(i - 2);
  const WordInfo& n1 = x.at(i + 1);
  const WordInfo& n2 = x.at(i + 2);
  std::uint64_t first = i == 0 ? 1 : 2;
  int k = 0;
  out[k++] = FeatKey(101, 1);
  out[k++] = FeatKey(102, c.form);
  out[k++] = FeatKey(103, c.lower);
  out[k++] = FeatKey(104, c.shape, first);
  out[k++] = FeatKey(105, c.suf[1]);
  out[k++] = FeatKey(106, c.suf[2]);
  out[k++] = FeatKey(107, c.suf[3]);
  out[k++] = FeatKey(108, c.pre[1]);
  out[k++] = FeatKey(109, c.pre[2]);
  out[k++] = FeatKey(110, c.flags, first);
  out[k++] = FeatKey(114, m1.form);
  out[k++] = FeatKey(115, n1.form);
  out[k++] = FeatKey(116, m1.lower, c.lower);
  out[k++] = FeatKey(117, c.lower, n1.lower);
  out[k++] = FeatKey(118, m2.lower);
  out[k++] = FeatKey(119, n2.lower);
  out[k++] = FeatKey(120, x.tag(i));
  out[k++] = FeatKey(121, x.tag(i - 1), x.tag(i));
  out[k++] = FeatKey(122, x.tag(i), x.tag(i + 1));
  out[k++] = FeatKey(124, m1.shape, c.shape, n1.shape);
  out[k++] = FeatKey(126, n1.shape, x.tag(i + 1));
  out[k++] = FeatKey(128, c.form, n1.form);
  out[k++] = FeatKey(129, m1.form, c.form);
  out[k++] = FeatKey(130, x.tag(i - 1), x.tag(i), x.tag(i + 1));
  out[k++] = FeatKey(131, n1.suf[2]);
  out[k++] = FeatKey(132, m1.suf[2]);
  out[k++] = FeatKey(133, c.amb);
  out[k++] = FeatKey(135, m1.lower, x.tag(i));
  out[k++] = FeatKey(136, n1.lower, x.tag(i));
  out[k++] = FeatKey(137, x.g(i));
  out[k++] = FeatKey(138, x.g(i), c.shape);
  out[k++] = FeatKey(139, x.g(i - 1), x.g(i));
  out[k++] = FeatKey(140, x.g(i), x.g(i + 1));
  out[k++] = FeatKey(142, x.g(i), x.tag(i));
  const std::uint64_t ss = sentence_shape + 1;
  out[k++] = FeatKey(143, x.gl(i));
  out[k++] = FeatKey(144, x.gl(i), c.shape);
  out[k++] = FeatKey(145, x.gl(i - 1), x.gl(i), x.gl(i + 1));
  out[k++] = FeatKey(146, ss, c.shape);
  out[k++] = FeatKey(147, ss, x.g(i));
  out[k++] = FeatKey(148, ss, x.tag(i));
  out[k++] = FeatKey(149, m1.lower, c.shape);
  out[k++] = FeatKey(150, c.shape, n1.lower);
  if (x.wl(i) || (x.wl(i - 1) & 0x3f) || (x.wl(i + 1) & 0x3f)) {
    out[k++] = FeatKey(154, x.wl(i));
    out[k++] = FeatKey(155, x.wl(i), c.shape);
    out[k++] = FeatKey(156, x.wl(i - 1), x.wl(i), x.wl(i + 1));
  }
  if (hist && hist[i]) {
    out[k++] = FeatKey(151, hist[i]);
    out[k++] = FeatKey(152, hist[i], c.shape);
    out[k++] = FeatKey(153, hist[i], x.g(i));
  }
  for (std::uint32_t j = chars.begin[i]; j < chars.begin[i + 1]; ++j) out[k++] = chars.keys[j];
  return k;
}

int Ner::Transition(const std::vector<WordInfo>& w, const std::vector<std::uint64_t>& tags,
                    const std::vector<std::uint32_t>& gaz, int i, int prev, std::uint64_t* out) {
  const Window x{w, tags, gaz, static_cast<int>(w.size())};
  const WordInfo& c = w[i];
  const WordInfo& m1 = x.at(i - 1);
  std::uint64_t t1 = static_cast<std::uint64_t>(prev + 2);
  int k = 0;
  out[k++] = FeatKey(111, t1);
  out[k++] = FeatKey(113, t1, c.form);
  out[k++] = FeatKey(123, t1, x.tag(i));
  out[k++] = FeatKey(125, t1, c.shape);
  out[k++] = FeatKey(127, m1.shape, t1);
  out[k++] = FeatKey(134, t1, c.amb);
  out[k++] = FeatKey(141, x.g(i), t1);
  return k;
}

void Ner::CharGrams(const std::vector<WordInfo>& w, const std::vector<std::string_view>& forms,
                    NerChars* out) const {
  out->keys.clear();
  out->begin.assign(1, 0);
  std::string s;
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (char_grams_ && (w[i].flags & (kCap | kAllCap))) {
      s.clear();
      s.push_back('^');
      for (char c : forms[i]) s.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
      s.push_back('$');
      int added = 0;
      for (std::size_t n = 3; n <= 4; ++n) {
        for (std::size_t p = 0; p + n <= s.size() && added < kMaxCharGrams; ++p, ++added) {
          out->keys.push_back(FeatKey(160 + static_cast<std::uint32_t>(n),
                                      HashStr(std::string_view(s).substr(p, n))));
        }
      }
    }
    out->begin.push_back(static_cast<std::uint32_t>(out->keys.size()));
  }
}

void Ner::ExtraKeys(const std::vector<WordInfo>& w, const std::vector<std::string_view>& forms,
                    NerChars* out) const {
  CharGrams(w, forms, out);
  if (embedding_levels_ == 0) return;
  const int n = static_cast<int>(w.size());
  // Per position j + 1 (0 and n + 1 outside the sentence): the packed
  // classes, 0 for a word without a vector.
  thread_local std::vector<std::uint32_t> packed;
  thread_local NerChars grams;
  packed.assign(n + 2, 0);
  for (int i = 0; i < n; ++i) {
    const std::uint32_t v = gaz_.Get(EmbeddingKey(w[i].lower));
    if (v != FlatMap::kMissing) packed[i + 1] = v;
  }
  std::swap(grams, *out);
  out->keys.clear();
  out->begin.assign(1, 0);
  for (int i = 0; i < n; ++i) {
    out->keys.insert(out->keys.end(), grams.keys.begin() + grams.begin[i],
                     grams.keys.begin() + grams.begin[i + 1]);
    for (int level = 0; level < embedding_levels_; ++level) {
      for (int side = 0; side < 3; ++side) {
        const int j = i + side;  // position of word i - 1 + side, plus one
        const std::uint64_t c = j == 0 || j == n + 1 ? 0x7ff
                                : packed[j] ? EmbeddingClass(packed[j], level) + 1
                                            : 0;
        out->keys.push_back(FeatKey(180 + 3 * static_cast<std::uint32_t>(level) + side, c));
      }
    }
    out->begin.push_back(static_cast<std::uint32_t>(out->keys.size()));
  }
}

void Ner::Tag(const std::vector<WordInfo>& words, const std::vector<std::string_view>& forms,
              const std::vector<std::uint64_t>& tags, std::vector<int>* labels,
              NerHistory* history, std::vector<float>* net_logp) const {
  thread_local std::vector<std::uint32_t> hist;
  thread_local NerChars base, extra;
  ExtraKeys(words, forms, &base);
  if (history) {
    history->Marks(words, &hist);
    if (contexts_) history->ContextKeys(words, base, &extra);
  }
  TagWithMarks(words, history && contexts_ ? extra : base, tags,
               history ? hist.data() : nullptr, labels, nullptr, net_logp);
  if (history) history->Add(words, *labels, *this);
}

bool Ner::TagSecondPass(const std::vector<WordInfo>& words,
                        const std::vector<std::string_view>& forms,
                        const std::vector<std::uint64_t>& tags, NerHistory* history,
                        std::vector<int>* labels, const std::vector<float>* net_logp) const {
  thread_local std::vector<std::uint32_t> marks;
  thread_local NerChars base, extra;
  history->Remove(words, *labels, *this);
  history->Marks(words, &marks);
  const bool any = std::any_of(marks.begin(), marks.end(), [](std::uint32_t m) { return m != 0; });
  if (any) {
    ExtraKeys(words, forms, &base);
    if (contexts_) history->ContextKeys(words, base, &extra);
  }
  history->Add(words, *labels, *this);
  if (!any) return false;
  TagWithMarks(words, contexts_ ? extra : base, tags, marks.data(), labels, net_logp);
  return true;
}

void Ner::TagWithMarks(const std::vector<WordInfo>& words, const NerChars& chars,
                       const std::vector<std::uint64_t>& tags, const std::uint32_t* h,
                       std::vector<int>* labels, const std::vector<float>* net_in,
                       std::vector<float>* net_out) const {
  if (net_out) net_out->clear();
  const int n = static_cast<int>(words.size());
  const int L = num_labels();
  std::uint64_t keys[kMaxFeatures];
  thread_local std::vector<std::uint32_t> gaz;
  thread_local std::vector<std::int32_t> em, tr, best;
  thread_local std::vector<int> back;
  MatchGazetteer(words, &gaz);
  const std::uint32_t sentence_shape = SentenceShape(words);
  em.assign(static_cast<std::size_t>(n) * L, 0);
  tr.assign(static_cast<std::size_t>(n) * (L + 1) * L, 0);
  for (int i = 0; i < n; ++i) {
    model_.Score(keys, Emission(words, tags, gaz, sentence_shape, i, h, chars, keys),
                 &em[static_cast<std::size_t>(i) * L]);
    for (int p = -1; p < (i == 0 ? 0 : L); ++p) {
      model_.Score(keys, Transition(words, tags, gaz, i, p, keys),
                   &tr[(static_cast<std::size_t>(i) * (L + 1) + p + 1) * L]);
    }
  }
  if (!net_.empty() && net_.weight() != 0 && n > 0) {
    // The network's log-probabilities in the perceptron's units, floored
    // (a NaN becomes the floor) and clamped so that a score, and Viterbi's
    // sums of them, stay far from int32's range whatever the weight and scale.
    thread_local std::vector<float> computed;
    const std::vector<float>* lp = net_in;
    if (!lp || lp->size() != em.size()) {
      net_.LogProbs(words, tags, gaz, &computed);
      lp = &computed;
    }
    if (net_out) *net_out = *lp;
    const std::vector<float>& logp = *lp;
    const double k = static_cast<double>(net_.weight()) /
                     (model_.scale() > 0 ? static_cast<double>(model_.scale()) : 1.0);
    constexpr double kLimit = 1 << 20;
    for (std::size_t j = 0; j < em.size(); ++j) {
      const double v = std::clamp(k * std::max(-30.0f, logp[j]), -kLimit, kLimit);
      em[j] += static_cast<std::int32_t>(std::lrint(v));
    }
  }
  Decode(n, em.data(), tr.data(), &best, &back, labels);
}

void Ner::Save(ByteWriter* w) const {
  w->Strings(labels_);
  gaz_.Save(w);
  model_.Save(w);
  // The feature set after the weights, only when it is not the first one,
  // so that models without it keep their bytes and older files load.
  const std::uint64_t features = (char_grams_ ? 1 : 0) | (contexts_ ? 2 : 0) |
                                 (word_lists_ ? 4 : 0) |
                                 (static_cast<std::uint64_t>(embedding_levels_) << 3) |
                                 (net_.empty() ? 0 : 32);
  if (features) w->Varint(features);
  if (!net_.empty()) net_.Save(w);
}

bool Ner::Load(ByteReader* r) {
  if (!r->Strings(&labels_) || labels_.empty() || labels_.size() > 256) return false;
  ComputeTypes();
  bool has_o = false;
  for (int t : type_) has_o |= t < 0;
  if (!has_o || !gaz_.Load(r) || !model_.Load(r) || model_.num_classes() != num_labels()) {
    return false;
  }
  std::uint64_t features = 0;
  if (r->remaining() > 0 && (!r->Varint(&features) || features == 0 || features > 63)) {
    return false;
  }
  net_ = NerNet();
  if ((features & 32) && (!net_.Load(r) || net_.num_labels() != num_labels())) return false;
  embedding_levels_ = static_cast<int>((features >> 3) & 3);
  char_grams_ = (features & 1) != 0;
  contexts_ = (features & 2) != 0;
  word_lists_ = (features & 4) != 0;
  return true;
}

}  // namespace dyad::analyze
