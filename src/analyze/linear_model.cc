#include "analyze/linear_model.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace dyad::analyze {

void LinearModel::Build(int num_classes, const std::vector<Row>& rows) {
  num_classes_ = num_classes;
  float maxw = 0;
  for (const Row& r : rows) {
    for (const auto& [c, w] : r.weights) maxw = std::max(maxw, std::fabs(w));
  }
  scale_ = maxw > 0 ? maxw / 32767.0f : 1.0f;
  SetCapacity(rows.size());
  entries_.clear();
  dense_.clear();
  num_dense_ = 0;
  num_keys_ = 0;
  num_weights_ = 0;
  for (const Row& r : rows) {
    std::size_t begin = entries_.size();
    entries_.push_back(0);
    for (const auto& [c, w] : r.weights) {
      long q = std::lround(w / scale_);
      if (q != 0) entries_.push_back(Pack(c, static_cast<int>(q)));
    }
    entries_[begin] = static_cast<std::uint32_t>(entries_.size() - begin - 1);
    num_weights_ += entries_[begin];
    if (entries_[begin] == 0) {
      entries_.resize(begin);
      continue;
    }
    const std::uint32_t value = FinishRow(begin);
    std::size_t slot = SlotOf(r.key);
    while (slots_[slot].key != 0) slot = (slot + 1) & mask_;
    slots_[slot] = {r.key, value};
    ++num_keys_;
  }
}

std::uint32_t LinearModel::FinishRow(std::size_t begin) {
  const std::uint32_t count = entries_[begin];
  if (count == 1 && (entries_[begin + 1] >> 16) < 0x8000) {
    const std::uint32_t value = kInline | entries_[begin + 1];
    entries_.resize(begin);
    return value;
  }
  if (!DenseRow(count)) return static_cast<std::uint32_t>(begin);
  ++num_dense_;
  const std::size_t at = dense_.size();
  dense_.resize(at + static_cast<std::size_t>(DenseStride()), 0);
  for (std::uint32_t j = 1; j <= count; ++j) {
    const std::uint32_t e = entries_[begin + j];
    dense_[at + (e >> 16)] = static_cast<std::int16_t>(dense_[at + (e >> 16)] +
                                                       static_cast<std::int16_t>(e & 0xffff));
  }
  entries_.resize(begin);
  return kDense | static_cast<std::uint32_t>(at);
}

std::vector<LinearModel::Row> LinearModel::Rows() const {
  std::vector<Row> rows;
  for (const Slot& s : slots_) {
    if (!s.key) continue;
    Row r{s.key, {}};
    if (s.begin & kInline) {
      r.weights.push_back({static_cast<std::uint16_t>((s.begin >> 16) & 0x7fff),
                           static_cast<std::int16_t>(s.begin & 0xffff) * scale_});
    } else if (s.begin & kDense) {
      const std::int16_t* d = &dense_[s.begin & ~kDense];
      for (int c = 0; c < num_classes_; ++c) {
        if (d[c] != 0) r.weights.push_back({static_cast<std::uint16_t>(c), d[c] * scale_});
      }
    } else {
      const std::uint32_t* e = &entries_[s.begin];
      for (std::uint32_t j = 1; j <= e[0]; ++j) {
        r.weights.push_back({static_cast<std::uint16_t>(e[j] >> 16),
                             static_cast<std::int16_t>(e[j] & 0xffff) * scale_});
      }
    }
    rows.push_back(std::move(r));
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.key < b.key; });
  return rows;
}

void LinearModel::Save(ByteWriter* w) const {
  std::vector<Row> rows = Rows();
  w->Varint(num_classes_);
  w->Pod<float>(scale_);
  w->Varint(rows.size());
  std::uint32_t prev = 0;
  for (const Row& r : rows) {
    w->Varint(r.key - prev);
    prev = r.key;
    w->Varint(r.weights.size());
    for (const auto& [c, x] : r.weights) {
      w->Varint(c);
      w->Pod<std::int16_t>(static_cast<std::int16_t>(std::lround(x / scale_)));
    }
  }
}

bool LinearModel::Load(ByteReader* r) {
  // Reads straight into the flat layout (no per-row allocation): loading
  // time matters (every process that analyzes text loads the models).
  std::uint64_t nc = 0, n = 0;
  float scale = 1;
  if (!r->Varint(&nc) || !r->Pod(&scale) || !r->Varint(&n)) return false;
  if (nc == 0 || nc > 0x7fff || n > r->remaining() || !(scale > 0)) return false;
  num_classes_ = static_cast<int>(nc);
  scale_ = scale;
  SetCapacity(n);
  entries_.clear();
  entries_.reserve(n * 2);
  dense_.clear();
  num_dense_ = 0;
  num_keys_ = 0;
  num_weights_ = 0;
  std::uint64_t key = 0;
  for (std::uint64_t i = 0; i < n; ++i) {
    std::uint64_t d, cnt;
    if (!r->Varint(&d) || !r->Varint(&cnt) || cnt > nc) return false;
    key += d;
    const std::size_t begin = entries_.size();
    entries_.push_back(0);
    for (std::uint64_t j = 0; j < cnt; ++j) {
      std::uint64_t cls;
      std::int16_t q;
      if (!r->Varint(&cls) || !r->Pod(&q) || cls >= nc) return false;
      if (q != 0) entries_.push_back(Pack(static_cast<int>(cls), q));
    }
    const auto count = static_cast<std::uint32_t>(entries_.size() - begin - 1);
    entries_[begin] = count;
    if (count == 0 || key == 0 || key > 0xffffffffu) {
      entries_.resize(begin);
      continue;
    }
    num_weights_ += count;
    const std::uint32_t value = FinishRow(begin);
    const auto k32 = static_cast<std::uint32_t>(key);
    std::size_t slot = SlotOf(k32);
    while (slots_[slot].key != 0 && slots_[slot].key != k32) slot = (slot + 1) & mask_;
    if (slots_[slot].key == k32) return false;  // duplicate key: corrupt
    slots_[slot] = {k32, value};
    ++num_keys_;
  }
  entries_.shrink_to_fit();
  dense_.shrink_to_fit();
  return r->ok();
}

void LinearModel::Prune(float min_abs) {
  std::vector<Row> rows = Rows();
  for (Row& r : rows) {
    std::erase_if(r.weights, [&](const auto& cw) { return std::fabs(cw.second) < min_abs; });
  }
  Build(num_classes_, rows);
}

LinearModel LinearModel::Mean(const std::vector<LinearModel>& models) {
  struct Weight {
    std::uint32_t key;
    std::uint16_t cls;
    float w;
  };
  std::vector<Weight> all;
  for (const LinearModel& m : models) {
    for (const Row& r : m.Rows()) {
      for (const auto& [c, w] : r.weights) all.push_back({r.key, c, w});
    }
  }
  std::stable_sort(all.begin(), all.end(), [](const Weight& a, const Weight& b) {
    return a.key != b.key ? a.key < b.key : a.cls < b.cls;
  });
  const float k = static_cast<float>(std::max<std::size_t>(models.size(), 1));
  std::vector<Row> rows;
  for (std::size_t i = 0; i < all.size();) {
    Row row{all[i].key, {}};
    for (; i < all.size() && all[i].key == row.key;) {
      const std::uint16_t cls = all[i].cls;
      double sum = 0;
      for (; i < all.size() && all[i].key == row.key && all[i].cls == cls; ++i) sum += all[i].w;
      row.weights.push_back({cls, static_cast<float>(sum / k)});
    }
    rows.push_back(std::move(row));
  }
  LinearModel out;
  out.Build(models.empty() ? 0 : models[0].num_classes_, rows);
  return out;
}

LinearModel LinearModel::FromDense(int num_classes, const std::vector<std::uint64_t>& keys,
                                   const std::vector<float>& weights, float prune) {
  std::vector<std::size_t> order(keys.size());
  std::iota(order.begin(), order.end(), 0);
  std::vector<std::uint32_t> fp(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) fp[i] = Fingerprint(keys[i]);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return fp[a] != fp[b] ? fp[a] < fp[b] : a < b;
  });
  std::vector<Row> rows;
  std::vector<double> dense(num_classes);
  for (std::size_t i = 0; i < order.size();) {
    std::fill(dense.begin(), dense.end(), 0.0);
    std::size_t j = i;
    for (; j < order.size() && fp[order[j]] == fp[order[i]]; ++j) {
      const float* w = &weights[order[j] * static_cast<std::size_t>(num_classes)];
      for (int c = 0; c < num_classes; ++c) dense[c] += w[c];
    }
    Row row{fp[order[i]], {}};
    for (int c = 0; c < num_classes; ++c) {
      if (std::fabs(dense[c]) >= prune && dense[c] != 0) {
        row.weights.push_back({static_cast<std::uint16_t>(c), static_cast<float>(dense[c])});
      }
    }
    if (!row.weights.empty()) rows.push_back(std::move(row));
    i = j;
  }
  LinearModel m;
  m.Build(num_classes, rows);
  return m;
}

PerceptronTrainer::PerceptronTrainer(int num_classes) : num_classes_(num_classes) {}

int PerceptronTrainer::Insert(std::uint64_t key) {
  const int r = index_.Insert(key);
  if (static_cast<std::size_t>(r) == rows_.size()) rows_.emplace_back();
  return r;
}

void PerceptronTrainer::SetBase(LinearModel base) {
  base_ = std::move(base);
  has_base_ = true;
  base_scores_.assign(num_classes_, 0);
}

void PerceptronTrainer::Score(const std::uint64_t* keys, int n, float* scores) const {
  if (has_base_) {
    std::fill(base_scores_.begin(), base_scores_.end(), 0);
    base_.Score(keys, n, base_scores_.data());
    for (int c = 0; c < num_classes_; ++c) scores[c] += static_cast<float>(base_scores_[c]) * base_.scale();
  }
  for (int i = 0; i < n; ++i) {
    int r = index_.Find(keys[i]);
    if (r < 0) continue;
    for (const Entry& e : rows_[r]) scores[e.cls] += e.w;
  }
}

void PerceptronTrainer::Update(const std::uint64_t* keys, int n, int truth, int guess,
                               float amount) {
  if (truth == guess) return;
  auto bump = [&](std::vector<Entry>& row, int cls, float d) {
    for (Entry& e : row) {
      if (e.cls == cls) {
        e.total += static_cast<double>(now_ - e.stamp) * e.w;
        e.stamp = now_;
        e.w += d;
        return;
      }
    }
    row.push_back(Entry{static_cast<std::uint16_t>(cls), d, 0.0, now_});
  };
  for (int i = 0; i < n; ++i) {
    auto& row = rows_[Insert(keys[i])];
    bump(row, truth, amount);
    if (guess >= 0) bump(row, guess, -amount);
  }
}

LinearModel PerceptronTrainer::Average(float prune) const {
  // Merge rows whose 32-bit fingerprints collide.
  std::vector<std::size_t> order(rows_.size());
  std::iota(order.begin(), order.end(), 0);
  std::vector<std::uint32_t> fp(rows_.size());
  for (std::size_t i = 0; i < rows_.size(); ++i) fp[i] = LinearModel::Fingerprint(index_.keys()[i]);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return fp[a] != fp[b] ? fp[a] < fp[b] : a < b;
  });
  std::vector<LinearModel::Row> out;
  std::vector<double> dense(num_classes_, 0.0);
  std::vector<char> seen(num_classes_, 0);
  std::vector<int> touched;
  const double steps = static_cast<double>(std::max<std::int64_t>(now_, 1));
  const std::vector<LinearModel::Row> base_rows = has_base_ ? base_.Rows() : std::vector<LinearModel::Row>();
  std::size_t b = 0;
  auto keep = [&](LinearModel::Row r) {
    std::erase_if(r.weights, [&](const auto& cw) { return std::fabs(cw.second) < prune; });
    if (!r.weights.empty()) out.push_back(std::move(r));
  };
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    touched.clear();
    for (; j < order.size() && fp[order[j]] == fp[order[i]]; ++j) {
      for (const Entry& e : rows_[order[j]]) {
        double total = e.total + static_cast<double>(now_ - e.stamp) * e.w;
        if (!seen[e.cls]) {
          seen[e.cls] = 1;
          touched.push_back(e.cls);
        }
        dense[e.cls] += total / steps;
      }
    }
    const std::uint32_t key = fp[order[i]];
    // The base model's rows with smaller keys come first, unchanged; the
    // one with this key joins the averaged updates.
    for (; b < base_rows.size() && base_rows[b].key <= key; ++b) {
      if (base_rows[b].key < key) {
        keep(base_rows[b]);
        continue;
      }
      for (const auto& [c, w] : base_rows[b].weights) {
        if (!seen[c]) {
          seen[c] = 1;
          touched.push_back(c);
        }
        dense[c] += w;
      }
    }
    std::sort(touched.begin(), touched.end());
    LinearModel::Row row{key, {}};
    for (int c : touched) {
      if (std::fabs(dense[c]) >= prune) {
        row.weights.push_back({static_cast<std::uint16_t>(c), static_cast<float>(dense[c])});
      }
      dense[c] = 0.0;
      seen[c] = 0;
    }
    if (!row.weights.empty()) out.push_back(std::move(row));
    i = j;
  }
  for (; b < base_rows.size(); ++b) keep(base_rows[b]);
  LinearModel m;
  m.Build(num_classes_, out);
  return m;
}

}  // namespace dyad::analyze
