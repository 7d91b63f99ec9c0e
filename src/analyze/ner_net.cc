#include "analyze/ner_net.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <numeric>

#include "analyze/features.h"
#include "analyze/kernels.h"

namespace dyad::analyze {
namespace {

// AddProduct (kernels.h) for training: no clone, no skipped zeros.
void AddProductPlain(const float* x, int dim, const float* w, int hidden, float* h) {
  for (int d = 0; d < dim; ++d) {
    const float xd = x[d];
    const float* row = w + static_cast<std::size_t>(d) * hidden;
    for (int o = 0; o < hidden; ++o) h[o] += xd * row[o];
  }
}

// xorshift64*: a tiny PRNG whose sequence is fixed across platforms.
struct Rng {
  std::uint64_t s;
  explicit Rng(std::uint64_t seed) : s(Mix64(seed + 0x6e65726e6574ULL) | 1) {}
  std::uint64_t Next() {
    s ^= s >> 12;
    s ^= s << 25;
    s ^= s >> 27;
    return s * 2685821657736338717ULL;
  }
  // Uniform in [0, 1).
  float Unit() { return static_cast<float>(Next() >> 40) / static_cast<float>(1 << 24); }
  float Uniform(float a) { return (2.0f * Unit() - 1.0f) * a; }
};

// out[l] = log softmax of logits (in place).
void LogSoftmax(float* v, int n) {
  float top = v[0];
  for (int l = 1; l < n; ++l) top = std::max(top, v[l]);
  double sum = 0;
  for (int l = 0; l < n; ++l) sum += std::exp(static_cast<double>(v[l] - top));
  const float log_sum = top + static_cast<float>(std::log(sum));
  for (int l = 0; l < n; ++l) v[l] -= log_sum;
}

bool AllFinite(const std::vector<float>& v) {
  return std::all_of(v.begin(), v.end(), [](float x) { return std::isfinite(x); });
}

}  // namespace

int NerNet::WordId(const WordInfo& w) const {
  const std::uint32_t id = vocab_.Get(w.lower);
  if (id != FlatMap::kMissing) return static_cast<int>(id);
  if (w.flags & kAllCap) return kUnknownAllCap;
  if (w.flags & kCap) return kUnknownCap;
  if (w.flags & kLowerStart) return kUnknownLower;
  return kUnknownOther;
}

int NerNet::TagId(std::uint64_t key) const {
  const std::uint32_t id = tag_ids_.Get(key);
  return id == FlatMap::kMissing ? 0 : static_cast<int>(id);
}

std::uint32_t NerNet::Bits(const std::vector<WordInfo>& w, const std::vector<std::uint32_t>& gaz,
                           int i) {
  const std::uint8_t f = w[i].flags;
  std::uint32_t b = 0;
  if (f & kCap) b |= 1;
  if (f & kAllCap) b |= 2;
  if (f & kDigit) b |= 4;
  if (f & kHyphen) b |= 8;
  if (f & kLowerStart) b |= 16;
  if (i == 0) b |= 32;
  const std::uint32_t g = static_cast<std::size_t>(i) < gaz.size() ? gaz[i] : 0;
  // Each mark: bit 0 a match's second or later word, bits 1-5 PER, ORG, LOC, nationality,
  // first name.
  b |= (g & 0x3f) << 6;
  b |= ((g >> 8) & 0x3f) << 12;
  return b;
}

void NerNet::Precompute() {
  tag_table_.assign(tag_rows_ * kPositions * hidden_, 0.0f);
  for (std::size_t t = 0; t < tag_rows_; ++t) {
    for (int k = 0; k < kPositions; ++k) {
      AddProductPlain(&tags_[t * tag_dim_], tag_dim_,
                      &w1_[static_cast<std::size_t>(tag_offset(k)) * hidden_], hidden_,
                      &tag_table_[(t * kPositions + k) * hidden_]);
    }
  }
  // The most frequent words (the vectors' file order is by frequency) with
  // AddProduct, as LogProbs computes the others, so that both give the same bits.
  word_table_rows_ = std::min(word_rows_, static_cast<std::size_t>(kSpecial + kPrecomputedWords));
  word_table_.assign(word_table_rows_ * kPositions * hidden_, 0.0f);
  std::vector<float> row(dim_);
  for (std::size_t id = 0; id < word_table_rows_; ++id) {
    WordRow(id, row.data());
    for (int k = 0; k < kPositions; ++k) {
      AddProduct(row.data(), dim_, &w1_[static_cast<std::size_t>(word_offset(k)) * hidden_],
                 hidden_, &word_table_[(id * kPositions + k) * hidden_]);
    }
  }
}

void NerNet::WordRow(std::size_t id, float* out) const {
  const std::int8_t* q = &word_values_[id * dim_];
  const float scale = word_scales_[id];
  for (int d = 0; d < dim_; ++d) out[d] = static_cast<float>(q[d]) * scale;
}

void NerNet::Quantize() {
  word_scales_.resize(word_rows_);
  word_values_.resize(words_.size());
  for (std::size_t r = 0; r < word_rows_; ++r) {
    float* v = &words_[r * dim_];
    float top = 0;
    for (int d = 0; d < dim_; ++d) top = std::max(top, std::fabs(v[d]));
    const float scale = top > 0 ? top / 127.0f : 1.0f;
    word_scales_[r] = scale;
    for (int d = 0; d < dim_; ++d) {
      const long q = std::clamp(std::lrint(v[d] / scale), -127L, 127L);
      word_values_[r * dim_ + d] = static_cast<std::int8_t>(q);
    }
  }
  // Inference reads the int8 values (WordRow), as after Load().
  words_.clear();
  words_.shrink_to_fit();
}

void NerNet::LogProbs(const std::vector<WordInfo>& w, const std::vector<std::uint64_t>& tags,
                      const std::vector<std::uint32_t>& gaz, std::vector<float>* out) const {
  const int n = static_cast<int>(w.size());
  out->assign(static_cast<std::size_t>(n) * num_labels_, 0.0f);
  if (empty() || n == 0) return;
  thread_local View view;
  Prepare(w, tags, gaz, &view);
  for (int i = 0; i < n; ++i) WordLogProbs(w, view, i, &(*out)[static_cast<std::size_t>(i) * num_labels_]);
}

void NerNet::Prepare(const std::vector<WordInfo>& w, const std::vector<std::uint64_t>& tags,
                     const std::vector<std::uint32_t>& gaz, View* view) const {
  const int n = static_cast<int>(w.size());
  view->ids.resize(n);
  view->tids.resize(n);
  view->bits.resize(n);
  for (int i = 0; i < n; ++i) {
    view->ids[i] = WordId(w[i]);
    view->tids[i] = TagId(static_cast<std::size_t>(i) < tags.size() ? tags[i] : 0);
    view->bits[i] = Bits(w, gaz, i);
  }
}

void NerNet::WordLogProbs(const std::vector<WordInfo>& w, const View& view, int i,
                          float* logits) const {
  const int n = static_cast<int>(w.size());
  const int L = num_labels_, H = hidden_;
  thread_local std::vector<float> h, product, row;
  h.resize(H);
  product.resize(H);
  row.resize(dim_);
  std::copy(b1_.begin(), b1_.end(), h.begin());
  for (int k = 0; k < kPositions; ++k) {
    const int j = i + k - kWindow;
    const bool inside = j >= 0 && j < n;
    const std::size_t id =
        static_cast<std::size_t>(inside ? view.ids[j] : (j < 0 ? kBefore : kAfter));
    const float* p;
    if (id < word_table_rows_) {
      p = &word_table_[(id * kPositions + k) * H];
    } else {
      std::fill(product.begin(), product.end(), 0.0f);
      WordRow(id, row.data());
      AddProduct(row.data(), dim_, &w1_[static_cast<std::size_t>(word_offset(k)) * H], H,
                 product.data());
      p = product.data();
    }
    for (int o = 0; o < H; ++o) h[o] += p[o];
    if (affix_dim_) {
      const std::size_t a = inside ? AffixId(w[j]) : affix_buckets_;
      AddProduct(&affixes_[a * affix_dim_], affix_dim_,
                 &w1_[static_cast<std::size_t>(affix_offset(k)) * H], H, h.data());
    }
    const float* t =
        &tag_table_[(static_cast<std::size_t>(inside ? view.tids[j] : 1) * kPositions + k) * H];
    for (int o = 0; o < H; ++o) h[o] += t[o];
    if (!inside) continue;
    for (std::uint32_t b = view.bits[j]; b; b &= b - 1) {
      const float* r = &w1_[static_cast<std::size_t>(bit_offset(k) + std::countr_zero(b)) * H];
      for (int o = 0; o < H; ++o) h[o] += r[o];
    }
  }
  // ReLU, then the output layer over the active units.
  for (int o = 0; o < H; ++o) h[o] = std::max(h[o], 0.0f);
  std::copy(b2_.begin(), b2_.end(), logits);
  AddProduct(h.data(), H, w2_.data(), L, logits);
  LogSoftmax(logits, L);
}

// The trainer: per-word cross-entropy with AdaGrad (see the header).
class NerNetTrainer {
 public:
  static StatusOr<NerNet> Train(const std::vector<NerNetSentence>& sentences,
                                const WordVectors& vectors, int num_labels,
                                const NerNetOptions& o) {
    if (vectors.dim <= 0 || vectors.words.empty()) {
      return InvalidArgumentError("the window network needs word vectors");
    }
    if (num_labels < 2 || num_labels > 256) {
      return InvalidArgumentError("the window network needs 2 to 256 labels");
    }
    if (o.affix_dim < 0 || o.affix_dim > 64 || (o.affix_dim && (o.affix_buckets < 1 || o.affix_buckets > (1 << 20)))) {
      return InvalidArgumentError("window network: affix dimension 0 to 64, 1 to 2^20 buckets");
    }
    // The limits Load() applies, and a sane learning rate and weight.
    if (vectors.dim > NerNet::kMaxDim || o.tag_dim < 1 || o.tag_dim > NerNet::kMaxTagDim ||
        o.hidden < 1 || o.hidden > NerNet::kMaxHidden || o.epochs < 1 || !(o.rate > 0) ||
        !(o.rate <= 1) || !(o.dropout >= 0 && o.dropout < 1) ||
        !(o.weight >= 0 && o.weight <= NerNet::kMaxWeight)) {
      return InvalidArgumentError(
          "window network: vectors of at most " + std::to_string(NerNet::kMaxDim) +
          " dimensions, a tag dimension of 1 to " + std::to_string(NerNet::kMaxTagDim) +
          ", 1 to " + std::to_string(NerNet::kMaxHidden) +
          " hidden units, epochs >= 1, a rate in (0, 1], the dropout in [0, 1), a weight in [0, " +
          std::to_string(static_cast<int>(NerNet::kMaxWeight)) + "]");
    }
    std::size_t words = 0;
    for (const auto& s : sentences) {
      if (s.words.size() != s.tags.size() || s.words.size() != s.gold.size()) {
        return InvalidArgumentError("window network: a sentence's words, tags and labels differ in number");
      }
      for (int g : s.gold) {
        if (g < 0 || g >= num_labels) {
          return InvalidArgumentError("window network: a gold label out of range");
        }
      }
      words += s.words.size();
    }
    if (words == 0) return InvalidArgumentError("window network: no training words");

    NerNet net;
    net.num_labels_ = num_labels;
    net.dim_ = vectors.dim;
    net.tag_dim_ = o.tag_dim;
    net.affix_dim_ = o.affix_dim;
    net.affix_buckets_ = o.affix_dim ? static_cast<std::uint32_t>(o.affix_buckets) : 0;
    net.hidden_ = o.hidden;
    net.weight_ = o.weight;
    Rng rng(o.seed);
    // Vocabulary: the vectors' words in file order (the first of duplicates).
    std::vector<std::pair<std::uint64_t, std::uint32_t>> vocab;
    std::vector<std::size_t> rows;  // vector row of each vocabulary word
    {
      std::vector<std::uint64_t> keys;
      std::size_t count = vectors.words.size();
      if (o.max_words > 0) count = std::min(count, static_cast<std::size_t>(o.max_words));
      for (std::size_t r = 0; r < count; ++r) keys.push_back(HashStr(vectors.words[r]));
      std::vector<std::size_t> order(keys.size());
      std::iota(order.begin(), order.end(), 0);
      std::stable_sort(order.begin(), order.end(),
                       [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
      std::vector<char> keep(keys.size(), 1);
      for (std::size_t i = 1; i < order.size(); ++i) {
        if (keys[order[i]] == keys[order[i - 1]]) keep[order[i]] = 0;
      }
      for (std::size_t r = 0; r < keys.size(); ++r) {
        if (!keep[r]) continue;
        vocab.emplace_back(keys[r], static_cast<std::uint32_t>(NerNet::kSpecial + rows.size()));
        rows.push_back(r);
      }
    }
    net.vocab_.Build(vocab);
    net.vocab_keys_.resize(vocab.size());
    for (std::size_t i = 0; i < vocab.size(); ++i) net.vocab_keys_[i] = vocab[i].first;
    net.word_rows_ = NerNet::kSpecial + rows.size();
    net.words_.assign(net.word_rows_ * net.dim_, 0.0f);
    const auto unit_row = [&](float* v) {
      double norm = 0;
      for (int d = 0; d < net.dim_; ++d) norm += static_cast<double>(v[d]) * v[d];
      if (norm > 0) {
        const float inv = static_cast<float>(1.0 / std::sqrt(norm));
        for (int d = 0; d < net.dim_; ++d) v[d] *= inv;
      }
    };
    for (int r = 0; r < NerNet::kSpecial; ++r) {
      float* v = &net.words_[static_cast<std::size_t>(r) * net.dim_];
      for (int d = 0; d < net.dim_; ++d) v[d] = rng.Uniform(1.0f);
      unit_row(v);
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
      float* v = &net.words_[(NerNet::kSpecial + i) * net.dim_];
      std::copy_n(vectors.row(rows[i]), net.dim_, v);
      unit_row(v);
    }
    // Tags: 0 unknown, 1 beyond the sentence, then the training data's tags in key order.
    std::vector<std::uint64_t> tag_keys;
    for (const auto& s : sentences) tag_keys.insert(tag_keys.end(), s.tags.begin(), s.tags.end());
    std::sort(tag_keys.begin(), tag_keys.end());
    tag_keys.erase(std::unique(tag_keys.begin(), tag_keys.end()), tag_keys.end());
    std::vector<std::pair<std::uint64_t, std::uint32_t>> tag_pairs;
    for (std::uint64_t k : tag_keys) {
      if (k != 0) tag_pairs.emplace_back(k, static_cast<std::uint32_t>(2 + tag_pairs.size()));
    }
    net.tag_ids_.Build(tag_pairs);
    net.tag_keys_.clear();
    for (const auto& [k, id] : tag_pairs) net.tag_keys_.push_back(k);
    if (tag_pairs.size() > NerNet::kMaxTags) {
      return InvalidArgumentError("window network: more than " +
                                  std::to_string(NerNet::kMaxTags) + " distinct POS tags");
    }
    net.tag_rows_ = 2 + tag_pairs.size();
    net.tags_.resize(net.tag_rows_ * net.tag_dim_);
    for (float& x : net.tags_) x = rng.Uniform(0.5f);
    net.affixes_.resize(static_cast<std::size_t>(net.affix_buckets_ + (net.affix_dim_ ? 1 : 0)) *
                        net.affix_dim_);
    for (float& x : net.affixes_) x = rng.Uniform(0.5f);
    const int in = net.input_size(), H = net.hidden_, L = num_labels;
    const float a1 = std::sqrt(6.0f / static_cast<float>(in + H));
    const float a2 = std::sqrt(6.0f / static_cast<float>(H + L));
    net.w1_.resize(static_cast<std::size_t>(in) * H);
    for (float& x : net.w1_) x = rng.Uniform(a1);
    net.b1_.assign(H, 0.0f);
    net.w2_.resize(static_cast<std::size_t>(H) * L);
    for (float& x : net.w2_) x = rng.Uniform(a2);
    net.b2_.assign(L, 0.0f);

    // AdaGrad's squared-gradient sums, one per parameter.
    std::vector<float> g_words(net.words_.size(), 0.0f), g_tags(net.tags_.size(), 0.0f),
        g_w1(net.w1_.size(), 0.0f), g_affixes(net.affixes_.size(), 0.0f), g_b1(H, 0.0f), g_w2(net.w2_.size(), 0.0f), g_b2(L, 0.0f);
    const float rate = o.rate;
    const auto step = [rate](float* w, float* g2, const float* g, int n) {
      for (int j = 0; j < n; ++j) {
        g2[j] += g[j] * g[j];
        w[j] -= rate * g[j] / (std::sqrt(g2[j]) + 1e-6f);
      }
    };
    const float keep = 1.0f - o.dropout;
    // grow: a row of W2's (L) or of W1's (H) gradient.
    std::vector<float> pre(H), h(H), mask(H), logits(L), dlogit(L), dh(H), grow(std::max(H, L));
    std::vector<float> dword(static_cast<std::size_t>(NerNet::kPositions) * net.dim_),
        dtag(static_cast<std::size_t>(NerNet::kPositions) * net.tag_dim_),
        daffix(static_cast<std::size_t>(NerNet::kPositions) * net.affix_dim_);
    std::vector<int> order(sentences.size());
    std::iota(order.begin(), order.end(), 0);
    int ids[NerNet::kPositions], tids[NerNet::kPositions];
    std::size_t aids[NerNet::kPositions];
    std::uint32_t bits[NerNet::kPositions];
    for (int epoch = 0; epoch < o.epochs; ++epoch) {
      for (std::size_t i = order.size(); i > 1; --i) {
        std::swap(order[i - 1], order[rng.Next() % i]);
      }
      double loss = 0;
      long correct = 0, total = 0;
      for (int si : order) {
        const NerNetSentence& s = sentences[si];
        const int n = static_cast<int>(s.words.size());
        for (int i = 0; i < n; ++i) {
          for (int k = 0; k < NerNet::kPositions; ++k) {
            const int j = i + k - NerNet::kWindow;
            const bool inside = j >= 0 && j < n;
            ids[k] = inside ? net.WordId(s.words[j]) : (j < 0 ? NerNet::kBefore : NerNet::kAfter);
            tids[k] = inside ? net.TagId(s.tags[j]) : 1;
            bits[k] = inside ? NerNet::Bits(s.words, s.gaz, j) : 0;
            aids[k] = !net.affix_dim_ ? 0 : inside ? net.AffixId(s.words[j]) : net.affix_buckets_;
          }
          // Forward.
          std::copy(net.b1_.begin(), net.b1_.end(), pre.begin());
          for (int k = 0; k < NerNet::kPositions; ++k) {
            AddProductPlain(&net.words_[static_cast<std::size_t>(ids[k]) * net.dim_], net.dim_,
                            &net.w1_[static_cast<std::size_t>(net.word_offset(k)) * H], H,
                            pre.data());
            AddProductPlain(&net.tags_[static_cast<std::size_t>(tids[k]) * net.tag_dim_],
                            net.tag_dim_,
                            &net.w1_[static_cast<std::size_t>(net.tag_offset(k)) * H], H,
                            pre.data());
            if (net.affix_dim_) {
              AddProductPlain(&net.affixes_[aids[k] * net.affix_dim_], net.affix_dim_,
                              &net.w1_[static_cast<std::size_t>(net.affix_offset(k)) * H], H,
                              pre.data());
            }
            for (std::uint32_t b = bits[k]; b; b &= b - 1) {
              const float* row =
                  &net.w1_[static_cast<std::size_t>(net.bit_offset(k) + std::countr_zero(b)) * H];
              for (int u = 0; u < H; ++u) pre[u] += row[u];
            }
          }
          for (int u = 0; u < H; ++u) {
            mask[u] = o.dropout > 0 ? (rng.Unit() < keep ? 1.0f / keep : 0.0f) : 1.0f;
            h[u] = pre[u] > 0 ? pre[u] * mask[u] : 0.0f;
          }
          std::copy(net.b2_.begin(), net.b2_.end(), logits.begin());
          for (int u = 0; u < H; ++u) {
            if (h[u] == 0) continue;
            const float* row = &net.w2_[static_cast<std::size_t>(u) * L];
            for (int l = 0; l < L; ++l) logits[l] += h[u] * row[l];
          }
          LogSoftmax(logits.data(), L);
          const int gold = s.gold[i];
          loss -= logits[gold];
          ++total;
          correct += std::max_element(logits.begin(), logits.end()) - logits.begin() == gold;
          for (int l = 0; l < L; ++l) dlogit[l] = std::exp(logits[l]) - (l == gold ? 1.0f : 0.0f);
          // Backward: the hidden layer's gradient (before W2 changes).
          for (int u = 0; u < H; ++u) {
            float g = 0;
            if (h[u] != 0) {
              const float* row = &net.w2_[static_cast<std::size_t>(u) * L];
              for (int l = 0; l < L; ++l) g += row[l] * dlogit[l];
              g *= mask[u];
            }
            dh[u] = g;
          }
          for (int u = 0; u < H; ++u) {
            if (h[u] == 0) continue;
            float* w2 = &net.w2_[static_cast<std::size_t>(u) * L];
            float* g2 = &g_w2[static_cast<std::size_t>(u) * L];
            for (int l = 0; l < L; ++l) grow[l] = h[u] * dlogit[l];
            step(w2, g2, grow.data(), L);
          }
          step(net.b2_.data(), g_b2.data(), dlogit.data(), L);
          // The inputs' gradients (before W1 changes).
          for (int k = 0; k < NerNet::kPositions; ++k) {
            const float* wb = &net.w1_[static_cast<std::size_t>(net.word_offset(k)) * H];
            for (int d = 0; d < net.dim_; ++d) {
              float g = 0;
              for (int u = 0; u < H; ++u) g += wb[static_cast<std::size_t>(d) * H + u] * dh[u];
              dword[static_cast<std::size_t>(k) * net.dim_ + d] = g;
            }
            const float* tb = &net.w1_[static_cast<std::size_t>(net.tag_offset(k)) * H];
            for (int d = 0; d < net.tag_dim_; ++d) {
              float g = 0;
              for (int u = 0; u < H; ++u) g += tb[static_cast<std::size_t>(d) * H + u] * dh[u];
              dtag[static_cast<std::size_t>(k) * net.tag_dim_ + d] = g;
            }
            const float* ab = &net.w1_[static_cast<std::size_t>(net.affix_offset(k)) * H];
            for (int d = 0; d < net.affix_dim_; ++d) {
              float g = 0;
              for (int u = 0; u < H; ++u) g += ab[static_cast<std::size_t>(d) * H + u] * dh[u];
              daffix[static_cast<std::size_t>(k) * net.affix_dim_ + d] = g;
            }
          }
          // W1's rows of the active inputs.
          for (int k = 0; k < NerNet::kPositions; ++k) {
            const float* x = &net.words_[static_cast<std::size_t>(ids[k]) * net.dim_];
            for (int d = 0; d < net.dim_; ++d) {
              const std::size_t r = static_cast<std::size_t>(net.word_offset(k) + d) * H;
              for (int u = 0; u < H; ++u) grow[u] = x[d] * dh[u];
              step(&net.w1_[r], &g_w1[r], grow.data(), H);
            }
            const float* t = &net.tags_[static_cast<std::size_t>(tids[k]) * net.tag_dim_];
            for (int d = 0; d < net.tag_dim_; ++d) {
              const std::size_t r = static_cast<std::size_t>(net.tag_offset(k) + d) * H;
              for (int u = 0; u < H; ++u) grow[u] = t[d] * dh[u];
              step(&net.w1_[r], &g_w1[r], grow.data(), H);
            }
            for (int d = 0; d < net.affix_dim_; ++d) {
              const float x = net.affixes_[aids[k] * net.affix_dim_ + d];
              const std::size_t r = static_cast<std::size_t>(net.affix_offset(k) + d) * H;
              for (int u = 0; u < H; ++u) grow[u] = x * dh[u];
              step(&net.w1_[r], &g_w1[r], grow.data(), H);
            }
            for (std::uint32_t b = bits[k]; b; b &= b - 1) {
              const std::size_t r =
                  static_cast<std::size_t>(net.bit_offset(k) + std::countr_zero(b)) * H;
              step(&net.w1_[r], &g_w1[r], dh.data(), H);
            }
          }
          step(net.b1_.data(), g_b1.data(), dh.data(), H);
          // The word and tag vectors (fine-tuned).
          for (int k = 0; k < NerNet::kPositions; ++k) {
            const std::size_t wr = static_cast<std::size_t>(ids[k]) * net.dim_;
            step(&net.words_[wr], &g_words[wr], &dword[static_cast<std::size_t>(k) * net.dim_],
                 net.dim_);
            const std::size_t tr = static_cast<std::size_t>(tids[k]) * net.tag_dim_;
            step(&net.tags_[tr], &g_tags[tr], &dtag[static_cast<std::size_t>(k) * net.tag_dim_],
                 net.tag_dim_);
            if (net.affix_dim_) {
              const std::size_t ar = aids[k] * net.affix_dim_;
              step(&net.affixes_[ar], &g_affixes[ar],
                   &daffix[static_cast<std::size_t>(k) * net.affix_dim_], net.affix_dim_);
            }
          }
        }
      }
      if (o.log) {
        o.log("window network epoch " + std::to_string(epoch + 1) + ": train label accuracy " +
              std::to_string(100.0 * correct / std::max<long>(total, 1)) + ", mean loss " +
              std::to_string(loss / std::max<long>(total, 1)));
      }
    }
    if (!AllFinite(net.words_) || !AllFinite(net.tags_) || !AllFinite(net.affixes_) ||
        !AllFinite(net.w1_) || !AllFinite(net.b1_) || !AllFinite(net.w2_) || !AllFinite(net.b2_)) {
      return InvalidArgumentError(
          "window network: training diverged (weights not finite); lower the learning rate");
    }
    net.Quantize();
    net.Precompute();
    return net;
  }
};

StatusOr<NerNet> NerNet::Train(const std::vector<NerNetSentence>& sentences,
                               const WordVectors& vectors, int num_labels,
                               const NerNetOptions& options) {
  return NerNetTrainer::Train(sentences, vectors, num_labels, options);
}

void NerNet::Save(ByteWriter* w) const {
  // Layout version 1; 2 with the affix embedding (its size, and its rows after the tags').
  w->Varint(affix_dim_ ? 2 : 1);
  w->Varint(static_cast<std::uint64_t>(num_labels_));
  w->Varint(static_cast<std::uint64_t>(dim_));
  w->Varint(static_cast<std::uint64_t>(tag_dim_));
  w->Varint(static_cast<std::uint64_t>(hidden_));
  if (affix_dim_) {
    w->Varint(static_cast<std::uint64_t>(affix_dim_));
    w->Varint(affix_buckets_);
  }
  w->Pod(weight_);
  w->PodVec(vocab_keys_);
  w->PodVec(tag_keys_);
  // Word vectors: a scale a row, then the int8 values (Quantize).
  w->PodVec(word_scales_);
  w->PodVec(word_values_);
  w->PodVec(tags_);
  if (affix_dim_) w->PodVec(affixes_);
  w->PodVec(w1_);
  w->PodVec(b1_);
  w->PodVec(w2_);
  w->PodVec(b2_);
}

bool NerNet::Load(ByteReader* r) {
  *this = NerNet();
  std::uint64_t version, labels, dim, tag_dim, hidden;
  if (!r->Varint(&version) || (version != 1 && version != 2) || !r->Varint(&labels) || !r->Varint(&dim) ||
      !r->Varint(&tag_dim) || !r->Varint(&hidden) || labels < 2 || labels > 256 || dim < 1 ||
      dim > kMaxDim || tag_dim < 1 || tag_dim > kMaxTagDim || hidden < 1 || hidden > kMaxHidden) {
    return false;
  }
  num_labels_ = static_cast<int>(labels);
  dim_ = static_cast<int>(dim);
  tag_dim_ = static_cast<int>(tag_dim);
  hidden_ = static_cast<int>(hidden);
  if (version == 2) {
    std::uint64_t affix_dim, buckets;
    if (!r->Varint(&affix_dim) || !r->Varint(&buckets) || affix_dim < 1 || affix_dim > 64 ||
        buckets < 1 || buckets > (1 << 20)) {
      *this = NerNet();
      return false;
    }
    affix_dim_ = static_cast<int>(affix_dim);
    affix_buckets_ = static_cast<std::uint32_t>(buckets);
  }
  std::vector<float>& scales = word_scales_;
  ModelArray<std::int8_t>& q = word_values_;
  if (!r->Pod(&weight_) || !(weight_ >= 0 && weight_ <= kMaxWeight) ||
      !r->PodVec(&vocab_keys_) || !r->PodVec(&tag_keys_) || tag_keys_.size() > kMaxTags || !r->PodVec(&scales) || !r->PodVec(&q) || !r->PodVec(&tags_) ||
      (affix_dim_ && !r->PodVec(&affixes_)) || !r->PodVec(&w1_) || !r->PodVec(&b1_) || !r->PodVec(&w2_) || !r->PodVec(&b2_)) {
    *this = NerNet();
    return false;
  }
  word_rows_ = kSpecial + vocab_keys_.size();
  tag_rows_ = 2 + tag_keys_.size();
  const bool sizes = scales.size() == word_rows_ && q.size() == word_rows_ * dim_ &&
                     tags_.size() == tag_rows_ * tag_dim_ &&
                     affixes_.size() == (affix_dim_ ? (affix_buckets_ + 1) * static_cast<std::size_t>(affix_dim_) : 0) &&
                     w1_.size() == static_cast<std::size_t>(input_size()) * hidden_ &&
                     b1_.size() == static_cast<std::size_t>(hidden_) &&
                     w2_.size() == static_cast<std::size_t>(hidden_) * num_labels_ &&
                     b2_.size() == static_cast<std::size_t>(num_labels_);
  if (!sizes || !AllFinite(scales) || !AllFinite(tags_) || !AllFinite(affixes_) || !AllFinite(w1_) || !AllFinite(b1_) ||
      !AllFinite(w2_) || !AllFinite(b2_)) {
    *this = NerNet();
    return false;
  }
  std::vector<std::pair<std::uint64_t, std::uint32_t>> pairs;
  pairs.reserve(vocab_keys_.size());
  for (std::size_t i = 0; i < vocab_keys_.size(); ++i) {
    pairs.emplace_back(vocab_keys_[i], static_cast<std::uint32_t>(kSpecial + i));
  }
  vocab_.Build(pairs);
  pairs.clear();
  for (std::size_t i = 0; i < tag_keys_.size(); ++i) {
    pairs.emplace_back(tag_keys_[i], static_cast<std::uint32_t>(2 + i));
  }
  tag_ids_.Build(pairs);
  Precompute();
  return true;
}

}  // namespace dyad::analyze
