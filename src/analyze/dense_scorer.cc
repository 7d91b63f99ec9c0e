#include "analyze/dense_scorer.h"

#include <algorithm>
#include <cmath>

#include "analyze/features.h"
#include "analyze/kernels.h"
#include "analyze/parser.h"

namespace dyad::analyze {
namespace {

// y += a * x over n floats (vectorised by the compiler).
inline void Axpy(float a, const float* __restrict x, float* __restrict y, int n) {
  for (int i = 0; i < n; ++i) y[i] += a * x[i];
}

inline void Add(const float* __restrict x, float* __restrict y, int n) {
  for (int i = 0; i < n; ++i) y[i] += x[i];
}

// hidden += the sum of `count` rows of n floats (the table rows of a
// decision's atoms), for inference only (AVX2 clone where the CPU has it;
// the sums are taken in the same order). The other inference loops use
// AddProduct (kernels.h).
__attribute__((target_clones("avx2", "default"))) void SumRows(const float* const* rows,
                                                                int count, float* y, int n) {
  for (int r = 0; r < count; ++r) {
    const float* x = rows[r];
    for (int i = 0; i < n; ++i) y[i] += x[i];
  }
}

// A dot product with eight partial sums, so that the compiler vectorises
// it without reassociating floats itself (no -ffast-math).
inline float Dot(const float* a, const float* b, int n) {
  float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  int i = 0;
  for (; i + 8 <= n; i += 8) {
    for (int k = 0; k < 8; ++k) acc[k] += a[i + k] * b[i + k];
  }
  float tail = 0;
  for (; i < n; ++i) tail += a[i] * b[i];
  return ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7])) + tail;
}

// Uniform in [-limit, limit), from a splitmix64 stream.
float Uniform(std::uint64_t* rng, float limit) {
  const double u = static_cast<double>(Mix64((*rng)++) >> 11) * (1.0 / 9007199254740992.0);
  return static_cast<float>((2 * u - 1) * limit);
}

}  // namespace

void DenseNet::Layout() {
  int off = 0;
  for (int p = 0; p < kAtoms; ++p) {
    offset_[p] = off;
    off += Dim(GroupOf(p));
  }
  input_ = off;
}

void DenseNet::Init(const DenseConfig& config, const std::vector<std::uint64_t>& words,
                    const std::vector<std::uint64_t>& tags, int num_labels, int num_classes,
                    std::uint64_t seed) {
  config_ = config;
  num_classes_ = num_classes;
  vocab_[kWordGroup] = kFirstWord + static_cast<int>(words.size());
  vocab_[kTagGroup] = kFirstTag + static_cast<int>(tags.size());
  vocab_[kLabelGroup] = kFirstLabel + num_labels;
  vocab_[kMiscGroup] = kMiscValues;
  std::vector<std::pair<std::uint64_t, std::uint32_t>> pairs;
  for (std::size_t i = 0; i < words.size(); ++i) pairs.emplace_back(words[i], kFirstWord + i);
  word_ids_.Build(pairs);
  pairs.clear();
  for (std::size_t i = 0; i < tags.size(); ++i) pairs.emplace_back(tags[i], kFirstTag + i);
  tag_ids_.Build(pairs);
  Layout();
  std::uint64_t rng = seed * 0x9e3779b97f4a7c15ULL + 3;
  for (int g = 0; g < kGroups; ++g) {
    emb_[g].resize(static_cast<std::size_t>(vocab_[g]) * Dim(g));
    for (float& x : emb_[g]) x = Uniform(&rng, 0.1f);
  }
  const int h = config_.hidden;
  w1_.resize(static_cast<std::size_t>(input_) * h);
  const float lim1 = std::sqrt(6.0f / static_cast<float>(input_ + h));
  for (float& x : w1_) x = Uniform(&rng, lim1);
  b1_.assign(h, 0.0f);
  w2_.resize(static_cast<std::size_t>(h) * num_classes);
  const float lim2 = std::sqrt(6.0f / static_cast<float>(h + num_classes));
  for (float& x : w2_) x = Uniform(&rng, lim2);
  b2_.assign(num_classes, 0.0f);
  table_.clear();
}

void DenseNet::SentenceIds(const std::vector<WordInfo>& words,
                           const std::vector<std::uint64_t>& tags, int* word_ids,
                           int* tag_ids) const {
  const std::size_t n = words.size();
  for (std::size_t i = 0; i < n; ++i) {
    const WordInfo& w = words[i];
    std::uint32_t id = word_ids_.Get(w.lower);
    if (id == FlatMap::kMissing) id = UnknownId(w);
    word_ids[i] = static_cast<int>(id);
    const std::uint32_t t = i < tags.size() ? tag_ids_.Get(tags[i]) : FlatMap::kMissing;
    tag_ids[i] = t == FlatMap::kMissing ? 2 : static_cast<int>(t);
  }
}

void DenseNet::Atoms(const ParseState& s, const int* word_ids, const int* tag_ids, int num_labels,
                     int* atoms) {
  const int n = s.n;
  auto at = [](const std::vector<int>& v, int x) { return x < 0 ? -1 : v[x]; };
  const int ns = static_cast<int>(s.stack.size());
  const int s0 = ns >= 1 ? s.stack[ns - 1] : -1;
  const int s1 = ns >= 2 ? s.stack[ns - 2] : -1;
  const int s2 = ns >= 3 ? s.stack[ns - 3] : -1;
  const int n0 = s.B(0), n1 = s.B(1), n2 = s.B(2);
  const int s0l1 = at(s.l1, s0), s0r1 = at(s.r1, s0), s1l1 = at(s.l1, s1), s1r1 = at(s.r1, s1);
  const int s0h = s0 >= 0 ? s.head[s0] : -1;
  const int pos[21] = {s0,           s1,           s2,           n0,
                       n1,           n2,           s0l1,         s0r1,
                       at(s.l2, s0), at(s.r2, s0), s1l1,         s1r1,
                       at(s.l2, s1), at(s.r2, s1), at(s.l1, s0l1), at(s.r1, s0r1),
                       at(s.l1, s1l1), at(s.r1, s1r1), s0h,      at(s.l1, n0),
                       at(s.l2, n0)};
  int* w = atoms + kFirst[kWordGroup];
  int* t = atoms + kFirst[kTagGroup];
  for (int i = 0; i < 21; ++i) {
    const int x = pos[i];
    w[i] = x < 0 ? 0 : (x >= n ? 1 : word_ids[x]);
    t[i] = x < 0 ? 0 : (x >= n ? 1 : tag_ids[x]);
  }
  int* l = atoms + kFirst[kLabelGroup];
  auto label = [&](int x) {
    if (x < 0 || x >= n) return 0;
    const int lab = s.label[x];
    return lab < 0 || lab >= num_labels ? 1 : kFirstLabel + lab;
  };
  for (int i = 0; i < 12; ++i) l[i] = label(pos[6 + i]);
  l[12] = label(s0);
  l[13] = label(pos[19]);
  l[14] = label(pos[20]);
  int* m = atoms + kFirst[kMiscGroup];
  int dist = 0;
  if (s0 >= 0 && n0 >= 0) dist = n0 >= n ? 11 : std::min(std::abs(n0 - s0), 10);
  m[0] = dist;
  m[1] = s0 < 0 ? 0 : 1 + std::min(s.nl[s0], 5);
  m[2] = s0 < 0 ? 0 : 1 + std::min(s.nr[s0], 5);
  m[3] = n0 < 0 ? 0 : 1 + std::min(s.nl[n0], 5);
}

const float* DenseNet::Embedding(int g, int v, float* buf) const {
  const int d = Dim(g);
  const std::size_t at = static_cast<std::size_t>(v) * d;
  if (g != kWordGroup || word_q_.empty()) return &emb_[g][at];
  const float scale = word_scale_[v];  // Quantize(): from the int8 row
  for (int k = 0; k < d; ++k) buf[k] = static_cast<float>(word_q_[at + k]) * scale;
  return buf;
}

void DenseNet::AddAtom(int p, int v, float* hidden) const {
  const int h = config_.hidden, g = GroupOf(p), d = Dim(g);
  float buf[512];
  const float* e = Embedding(g, v, buf);
  for (int k = 0; k < d; ++k) {
    Axpy(e[k], &w1_[static_cast<std::size_t>(offset_[p] + k) * h], hidden, h);
  }
}

void DenseNet::AddAtomFast(int p, int v, float* hidden) const {
  const int h = config_.hidden, g = GroupOf(p);
  float buf[512];
  AddProduct(Embedding(g, v, buf), Dim(g), &w1_[static_cast<std::size_t>(offset_[p]) * h], h,
             hidden);
}

void DenseNet::Activate(float* hidden) const {
  const int h = config_.hidden;
  if (config_.activation == DenseConfig::kCube) {
    for (int j = 0; j < h; ++j) hidden[j] = hidden[j] * hidden[j] * hidden[j];
  } else {
    for (int j = 0; j < h; ++j) hidden[j] = std::max(hidden[j], 0.0f);
  }
}

void DenseNet::Output(const float* hidden, float* scores) const {
  const int h = config_.hidden, nc = num_classes_;
  std::copy(b2_.begin(), b2_.end(), scores);
  for (int j = 0; j < h; ++j) {
    if (hidden[j] != 0) Axpy(hidden[j], &w2_[static_cast<std::size_t>(j) * nc], scores, nc);
  }
}

void DenseNet::Forward(const int* atoms, float* hidden, float* scores) const {
  std::copy(b1_.begin(), b1_.end(), hidden);
  for (int p = 0; p < kAtoms; ++p) AddAtom(p, atoms[p], hidden);
  Activate(hidden);
  Output(hidden, scores);
}

void DenseNet::Precompute() {
  const int h = config_.hidden;
  std::size_t total = 0;
  for (int p = 0; p < kAtoms; ++p) {
    table_rows_[p] = TableRows(p);
    table_start_[p] = total;
    total += static_cast<std::size_t>(table_rows_[p]) * h;
  }
  table_.assign(total, 0.0f);
  for (int p = 0; p < kAtoms; ++p) {
    for (int v = 0; v < table_rows_[p]; ++v) {
      AddAtomFast(p, v, &table_[table_start_[p] + static_cast<std::size_t>(v) * h]);
    }
  }
}

void DenseSentenceCache::Reset(const DenseNet& net, const int* word_ids, int n) {
  ids_.clear();
  for (int i = 0; i < n; ++i) {
    const int v = word_ids[i];
    if (v >= net.TableRows(DenseNet::kPositions[DenseNet::kWordGroup] - 1) &&
        std::find(ids_.begin(), ids_.end(), v) == ids_.end()) {
      ids_.push_back(v);
    }
  }
  const std::size_t cells = ids_.size() * DenseNet::kPositions[DenseNet::kWordGroup];
  rows_.resize(cells * net.config_.hidden);
  done_.assign(cells, 0);
}

void DenseNet::Score(const int* atoms, float* hidden, float* scores,
                     DenseSentenceCache* cache) const {
  static_assert(kFirst[kWordGroup] == 0, "word atoms come first");
  const int h = config_.hidden;
  std::copy(b1_.begin(), b1_.end(), hidden);
  const float* rows[kAtoms];
  int count = 0;
  for (int p = 0; p < kAtoms; ++p) {
    const int v = atoms[p];
    if (v < table_rows_[p]) {
      rows[count++] = &table_[table_start_[p] + static_cast<std::size_t>(v) * h];
      continue;
    }
    int slot = -1;
    if (cache && p < kPositions[kWordGroup]) {
      const auto& ids = cache->ids_;
      slot = static_cast<int>(std::find(ids.begin(), ids.end(), v) - ids.begin());
      if (slot == static_cast<int>(ids.size())) slot = -1;  // not of this sentence
    }
    if (slot < 0) {
      AddAtomFast(p, v, hidden);
      continue;
    }
    const std::size_t cell = static_cast<std::size_t>(slot) * kPositions[kWordGroup] + p;
    float* row = &cache->rows_[cell * h];
    if (!cache->done_[cell]) {
      std::fill(row, row + h, 0.0f);
      AddAtomFast(p, v, row);
      cache->done_[cell] = 1;
    }
    rows[count++] = row;
  }
  SumRows(rows, count, hidden, h);
  Activate(hidden);
  std::copy(b2_.begin(), b2_.end(), scores);
  AddProduct(hidden, h, w2_.data(), num_classes_, scores);  // over the active units
}

namespace {

// Rows of `d` floats as int8 with a scale each (the row's largest
// magnitude / 127).
template <typename Q>
void QuantizeRows(const std::vector<float>& x, int d, Q* q, std::vector<float>* scales) {
  const std::size_t rows = x.size() / d;
  q->assign(rows * d, 0);
  scales->assign(rows, 0.0f);
  for (std::size_t r = 0; r < rows; ++r) {
    const float* e = &x[r * d];
    float top = 0;
    for (int k = 0; k < d; ++k) top = std::max(top, std::fabs(e[k]));
    const float scale = top / 127.0f;
    (*scales)[r] = scale;
    for (int k = 0; k < d; ++k) {
      const float v = scale > 0 ? std::nearbyint(e[k] / scale) : 0.0f;
      (*q)[r * d + k] = static_cast<std::int8_t>(std::clamp(v, -127.0f, 127.0f));
    }
  }
}

template <typename Q>
void DequantizeRows(const Q& q, const std::vector<float>& scales, int d, std::vector<float>* x) {
  x->resize(scales.size() * d);
  for (std::size_t r = 0; r < scales.size(); ++r) {
    for (int k = 0; k < d; ++k) (*x)[r * d + k] = static_cast<float>(q[r * d + k]) * scales[r];
  }
}

}  // namespace

void DenseNet::Quantize() {
  QuantizeRows(emb_[kWordGroup], config_.word_dim, &word_q_, &word_scale_);
  QuantizeRows(w1_, config_.hidden, &w1_q_, &w1_scale_);
  Dequantize();
  if (precomputed()) Precompute();
}

void DenseNet::Dequantize() {
  // The word rows stay int8 (Embedding() reads them); W1 is read often.
  emb_[kWordGroup] = std::vector<float>();
  DequantizeRows(w1_q_, w1_scale_, config_.hidden, &w1_);
}

void DenseNet::Save(ByteWriter* w) const {
  w->Varint(config_.word_dim);
  w->Varint(config_.tag_dim);
  w->Varint(config_.label_dim);
  w->Varint(config_.misc_dim);
  w->Varint(config_.hidden);
  w->Varint(num_classes_);
  for (int g = 0; g < kGroups; ++g) w->Varint(vocab_[g]);
  word_ids_.Save(w);
  tag_ids_.Save(w);
  for (int g = 0; g < kGroups; ++g) {
    if (g == kWordGroup && !word_q_.empty()) {
      // Quantize(): no floats, then the int8 rows and their scales.
      w->PodVec(std::vector<float>());
      w->PodVec(word_q_);
      w->PodVec(word_scale_);
      continue;
    }
    w->PodVec(emb_[g]);
  }
  if (!word_q_.empty()) {  // Quantize(): W1 as int8 rows too
    w->PodVec(std::vector<float>());
    w->PodVec(w1_q_);
    w->PodVec(w1_scale_);
  } else {
    w->PodVec(w1_);
  }
  w->PodVec(b1_);
  w->PodVec(w2_);
  w->PodVec(b2_);
  if (config_.activation != DenseConfig::kRelu) w->Varint(config_.activation);  // absent: ReLU
}

bool DenseNet::Load(ByteReader* r, int num_labels, int num_classes) {
  std::uint64_t v[10];
  for (auto& x : v) {
    if (!r->Varint(&x)) return false;
  }
  for (int i = 0; i < 4; ++i) {
    if (v[i] < 1 || v[i] > 512) return false;
  }
  if (v[4] < 8 || v[4] > 4096 || v[4] % 8 != 0) return false;
  if (v[5] != static_cast<std::uint64_t>(num_classes)) return false;
  if (v[6] < kFirstWord || v[6] > (1u << 24) || v[7] < kFirstTag || v[7] > (1u << 12) ||
      v[8] != static_cast<std::uint64_t>(kFirstLabel + num_labels) || v[9] != kMiscValues) {
    return false;
  }
  config_ = {static_cast<int>(v[0]), static_cast<int>(v[1]), static_cast<int>(v[2]),
             static_cast<int>(v[3]), static_cast<int>(v[4]), DenseConfig::kRelu};
  num_classes_ = num_classes;
  for (int g = 0; g < kGroups; ++g) vocab_[g] = static_cast<int>(v[6 + g]);
  if (!word_ids_.Load(r) || !tag_ids_.Load(r)) return false;
  if (!word_ids_.AllValuesBelow(vocab_[kWordGroup]) || !tag_ids_.AllValuesBelow(vocab_[kTagGroup])) {
    return false;
  }
  Layout();
  const std::size_t h = config_.hidden;
  word_q_.clear();
  word_scale_.clear();
  for (int g = 0; g < kGroups; ++g) {
    const std::size_t size = static_cast<std::size_t>(vocab_[g]) * Dim(g);
    if (!r->PodVec(&emb_[g])) return false;
    if (g == kWordGroup && emb_[g].empty()) {  // int8 rows (Quantize)
      if (!r->PodVec(&word_q_) || word_q_.size() != size || !r->PodVec(&word_scale_) ||
          word_scale_.size() != static_cast<std::size_t>(vocab_[g])) {
        return false;
      }
      for (float x : word_scale_) {
        if (!(x >= 0) || !(x < 1e6f)) return false;
      }
    } else if (emb_[g].size() != size) {
      return false;
    }
  }
  w1_q_.clear();
  w1_scale_.clear();
  if (!r->PodVec(&w1_)) return false;
  if (!word_q_.empty()) {  // quantized: W1 as int8 rows too
    if (!w1_.empty() || !r->PodVec(&w1_q_) || w1_q_.size() != static_cast<std::size_t>(input_) * h ||
        !r->PodVec(&w1_scale_) || w1_scale_.size() != static_cast<std::size_t>(input_)) {
      return false;
    }
    for (float x : w1_scale_) {
      if (!(x >= 0) || !(x < 1e6f)) return false;
    }
    DequantizeRows(w1_q_, w1_scale_, config_.hidden, &w1_);
  }
  if (w1_.size() != static_cast<std::size_t>(input_) * h) return false;
  if (!r->PodVec(&b1_) || b1_.size() != h) return false;
  if (!r->PodVec(&w2_) || w2_.size() != h * num_classes) return false;
  if (!r->PodVec(&b2_) || b2_.size() != static_cast<std::size_t>(num_classes)) return false;
  std::uint64_t activation = DenseConfig::kRelu;
  if (r->remaining() > 0 && (!r->Varint(&activation) || activation > DenseConfig::kCube)) {
    return false;
  }
  config_.activation = static_cast<int>(activation);
  // The precomputed tables are not backed by bytes of the file: a crafted file must not make
  // them huge (at most 64M floats, 256 MB; a trained model's are about 5M).
  std::size_t table_floats = 0;
  for (int p = 0; p < kAtoms; ++p) {
    table_floats += static_cast<std::size_t>(TableRows(p)) * h;
  }
  if (table_floats > (std::size_t{1} << 26)) return false;
  Precompute();
  return true;
}

DenseTrainer::DenseTrainer(DenseNet* net, const DenseTrainOptions& o)
    : net_(net), o_(o), rng_(o.seed * 0x632be59bd9b4e019ULL + 11) {
  for (int g = 0; g < DenseNet::kGroups; ++g) {
    g_emb_[g].assign(net->emb_[g].size(), 0.0f);
    h2_emb_[g].assign(net->emb_[g].size(), 0.0f);
    touched_[g].assign(net->vocab_[g], 0);
  }
  g_w1_.assign(net->w1_.size(), 0.0f);
  h2_w1_.assign(net->w1_.size(), 0.0f);
  g_b1_.assign(net->b1_.size(), 0.0f);
  h2_b1_.assign(net->b1_.size(), 0.0f);
  g_w2_.assign(net->w2_.size(), 0.0f);
  h2_w2_.assign(net->w2_.size(), 0.0f);
  g_b2_.assign(net->b2_.size(), 0.0f);
  h2_b2_.assign(net->b2_.size(), 0.0f);
  if (o_.average > 0) {
    for (int k = 0; k < 8; ++k) avg_[k] = *net->mutable_params(k);
  }
  const int h = net->config_.hidden, nc = net->num_classes_;
  hidden_.resize(h);
  mask_.resize(h);
  dh_.resize(h);
  dscores_.resize(nc);
  dplain_.resize(nc);
}

float DenseTrainer::LossGrad(const float* scores, const int* cost, int nc, float* dscores) {
  // -log of the summed probability of the zero-cost classes, in log space on both sides (a
  // diverging run with every zero-cost class far below the top must not give inf / NaN).
  float top = -1e30f, top_gold = -1e30f;
  int min_cost = 1 << 30;
  for (int c = 0; c < nc; ++c) {
    if (cost[c] < 0) continue;
    top = std::max(top, scores[c]);
    min_cost = std::min(min_cost, cost[c]);
  }
  for (int c = 0; c < nc; ++c) {
    if (cost[c] == min_cost) top_gold = std::max(top_gold, scores[c]);
  }
  double z = 0, gold = 0;
  for (int c = 0; c < nc; ++c) {
    if (cost[c] < 0) continue;
    z += std::exp(static_cast<double>(scores[c] - top));
    if (cost[c] == min_cost) gold += std::exp(static_cast<double>(scores[c] - top_gold));
  }
  const double log_z = top + std::log(z), log_gold = top_gold + std::log(gold);
  for (int c = 0; c < nc; ++c) {
    if (cost[c] < 0) {
      dscores[c] = 0;
      continue;
    }
    const double p = std::exp(static_cast<double>(scores[c]) - log_z);
    dscores[c] = static_cast<float>(
        cost[c] == min_cost ? p - std::exp(static_cast<double>(scores[c]) - log_gold) : p);
  }
  return static_cast<float>(log_z - log_gold);
}

float DenseTrainer::Loss(const int* atoms, const int* cost) const {
  std::vector<float> h(net_->config_.hidden), s(net_->num_classes_), ds(net_->num_classes_);
  net_->Forward(atoms, h.data(), s.data());
  return LossGrad(s.data(), cost, net_->num_classes_, ds.data());
}

float DenseTrainer::Example(const int* atoms, const int* cost, float* scores,
                            const float* offset, bool plain) {
  DenseNet& n = *net_;
  const int h = n.config_.hidden, nc = n.num_classes_;
  float* hid = hidden_.data();
  std::copy(n.b1_.begin(), n.b1_.end(), hid);
  for (int p = 0; p < DenseNet::kAtoms; ++p) n.AddAtom(p, atoms[p], hid);
  const float keep = 1.0f - o_.dropout;
  for (int j = 0; j < h; ++j) {
    float m = 1.0f;
    if (o_.dropout > 0) {
      const float u = static_cast<float>(Mix64(rng_++) >> 40) * (1.0f / 16777216.0f);
      m = u < keep ? 1.0f / keep : 0.0f;
    }
    // mask_: the derivative of the unit's output by its input.
    const float a = hid[j];
    if (n.config_.activation == DenseConfig::kCube) {
      hid[j] = a * a * a * m;
      mask_[j] = 3 * a * a * m;
    } else {
      hid[j] = a > 0 ? a * m : 0.0f;
      mask_[j] = a > 0 ? m : 0.0f;
    }
  }
  n.Output(hid, scores);
  float plain_loss = 0;
  if (offset && plain) {
    // The network's own loss too: the gradients of both are summed.
    plain_loss = LossGrad(scores, cost, nc, dplain_.data());
  }
  if (offset) {
    for (int c = 0; c < nc; ++c) scores[c] += offset[c];
  }
  const float loss = LossGrad(scores, cost, nc, dscores_.data()) + plain_loss;
  if (offset && plain) {
    for (int c = 0; c < nc; ++c) dscores_[c] += dplain_[c];
  }
  Add(dscores_.data(), g_b2_.data(), nc);
  for (int j = 0; j < h; ++j) {
    if (hid[j] != 0 || mask_[j] != 0) {
      Axpy(hid[j], dscores_.data(), &g_w2_[static_cast<std::size_t>(j) * nc], nc);
      dh_[j] = Dot(&n.w2_[static_cast<std::size_t>(j) * nc], dscores_.data(), nc) * mask_[j];
    } else {
      dh_[j] = 0;
    }
  }
  Add(dh_.data(), g_b1_.data(), h);
  for (int p = 0; p < DenseNet::kAtoms; ++p) {
    const int g = DenseNet::GroupOf(p), d = n.Dim(g), v = atoms[p];
    const float* e = &n.emb_[g][static_cast<std::size_t>(v) * d];
    float* ge = &g_emb_[g][static_cast<std::size_t>(v) * d];
    for (int k = 0; k < d; ++k) {
      const std::size_t row = static_cast<std::size_t>(n.offset_[p] + k) * h;
      Axpy(e[k], dh_.data(), &g_w1_[row], h);
      ge[k] += Dot(&n.w1_[row], dh_.data(), h);
    }
    if (!touched_[g][v]) {
      touched_[g][v] = 1;
      touched_rows_[g].push_back(v);
    }
  }
  if (++pending_ >= o_.batch) Step();
  return loss;
}

void DenseTrainer::Step() {
  if (pending_ == 0) return;
  const float scale = 1.0f / static_cast<float>(pending_);
  const float lr = o_.learning_rate, l2 = o_.l2;
  auto update = [&](float* w, float* g, float* h2, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
      const float gi = g[i] * scale + l2 * w[i];
      h2[i] += gi * gi;
      w[i] -= lr * gi / (std::sqrt(h2[i]) + 1e-6f);
      g[i] = 0;
    }
  };
  DenseNet& n = *net_;
  update(n.w1_.data(), g_w1_.data(), h2_w1_.data(), n.w1_.size());
  update(n.b1_.data(), g_b1_.data(), h2_b1_.data(), n.b1_.size());
  update(n.w2_.data(), g_w2_.data(), h2_w2_.data(), n.w2_.size());
  update(n.b2_.data(), g_b2_.data(), h2_b2_.data(), n.b2_.size());
  for (int g = 0; g < DenseNet::kGroups; ++g) {
    const std::size_t d = n.Dim(g);
    std::sort(touched_rows_[g].begin(), touched_rows_[g].end());
    for (int v : touched_rows_[g]) {
      update(&n.emb_[g][v * d], &g_emb_[g][v * d], &h2_emb_[g][v * d], d);
      touched_[g][v] = 0;
    }
    touched_rows_[g].clear();
  }
  pending_ = 0;
  n.table_.clear();  // stale
  if (o_.average > 0) {
    // The usual warm-up: early steps weigh more while few have been seen.
    ++steps_;
    const float d = std::min(o_.average, static_cast<float>(1 + steps_) / (10 + steps_));
    for (int k = 0; k < 8; ++k) {
      const std::vector<float>& w = *n.mutable_params(k);
      float* a = avg_[k].data();
      for (std::size_t i = 0; i < w.size(); ++i) a[i] = d * a[i] + (1 - d) * w[i];
    }
  }
}

DenseNet DenseTrainer::Averaged() const {
  DenseNet out = *net_;
  if (o_.average > 0) {
    for (int k = 0; k < 8; ++k) *out.mutable_params(k) = avg_[k];
  }
  out.Precompute();
  return out;
}

}  // namespace dyad::analyze
