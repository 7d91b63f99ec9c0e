#include "analyze/linear_model.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace dyad::analyze {

void LinearModel::BuildTable(const std::vector<Slot>& rows) {
  num_keys_ = rows.size();
  std::size_t cap = 16;
  while (cap < rows.size() * 2) cap <<= 1;
  slots_.assign(cap, Slot());
  mask_ = cap - 1;
  for (const Slot& r : rows) {
    std::size_t slot = (r.key * 0x9E3779B1u) & mask_;
    while (slots_[slot].key != 0) slot = (slot + 1) & mask_;
    slots_[slot] = r;
  }
}

void LinearModel::Save(ByteWriter* w) const {
  std::vector<Slot> rows;
  for (const Slot& s : slots_) {
    if (s.key) rows.push_back(s);
  }
  std::sort(rows.begin(), rows.end(), [](const Slot& a, const Slot& b) { return a.key < b.key; });
  float maxw = 0;
  for (const Entry& e : entries_) maxw = std::max(maxw, std::fabs(e.w));
  float scale = maxw > 0 ? maxw / 32767.0f : 1.0f;
  w->Varint(num_classes_);
  w->Pod<float>(scale);
  w->Varint(rows.size());
  std::uint32_t prev = 0;
  for (const Slot& s : rows) {
    w->Varint(s.key - prev);
    prev = s.key;
    w->Varint(s.end - s.begin);
    for (std::uint32_t e = s.begin; e < s.end; ++e) {
      w->Varint(entries_[e].cls);
      w->Pod<std::int16_t>(static_cast<std::int16_t>(std::lround(entries_[e].w / scale)));
    }
  }
}

bool LinearModel::Load(ByteReader* r) {
  std::uint64_t nc = 0, n = 0;
  float scale = 1;
  if (!r->Varint(&nc) || !r->Pod(&scale) || !r->Varint(&n)) return false;
  if (nc == 0 || nc > 65535 || n > r->remaining()) return false;
  num_classes_ = static_cast<int>(nc);
  std::vector<Slot> rows(n);
  entries_.clear();
  std::uint64_t key = 0;
  for (auto& s : rows) {
    std::uint64_t d, cnt;
    if (!r->Varint(&d) || !r->Varint(&cnt) || cnt > nc) return false;
    key += d;
    s.key = static_cast<std::uint32_t>(key);
    s.begin = static_cast<std::uint32_t>(entries_.size());
    for (std::uint64_t i = 0; i < cnt; ++i) {
      std::uint64_t c;
      std::int16_t q;
      if (!r->Varint(&c) || !r->Pod(&q) || c >= nc) return false;
      entries_.push_back({static_cast<std::uint16_t>(c), q * scale});
    }
    s.end = static_cast<std::uint32_t>(entries_.size());
  }
  BuildTable(rows);
  return r->ok();
}

void LinearModel::Prune(float min_abs) {
  std::vector<Slot> rows;
  std::vector<Entry> kept;
  for (const Slot& s : slots_) {
    if (!s.key) continue;
    Slot r{s.key, static_cast<std::uint32_t>(kept.size()), 0};
    for (std::uint32_t e = s.begin; e < s.end; ++e) {
      if (std::fabs(entries_[e].w) >= min_abs) kept.push_back(entries_[e]);
    }
    r.end = static_cast<std::uint32_t>(kept.size());
    if (r.end > r.begin) rows.push_back(r);
  }
  entries_.swap(kept);
  BuildTable(rows);
}

PerceptronTrainer::PerceptronTrainer(int num_classes) : num_classes_(num_classes) {
  keys_.assign(1 << 16, 0);
  index_.assign(1 << 16, -1);
}

int PerceptronTrainer::Find(std::uint64_t key) const {
  std::size_t mask = keys_.size() - 1;
  std::size_t slot = Mix64(key) & mask;
  while (true) {
    if (keys_[slot] == key) return index_[slot];
    if (keys_[slot] == 0) return -1;
    slot = (slot + 1) & mask;
  }
}

int PerceptronTrainer::Insert(std::uint64_t key) {
  if ((used_ + 1) * 2 > keys_.size()) {
    std::vector<std::uint64_t> old_keys;
    std::vector<std::int32_t> old_index;
    old_keys.swap(keys_);
    old_index.swap(index_);
    keys_.assign(old_keys.size() * 2, 0);
    index_.assign(old_keys.size() * 2, -1);
    std::size_t mask = keys_.size() - 1;
    for (std::size_t i = 0; i < old_keys.size(); ++i) {
      if (!old_keys[i]) continue;
      std::size_t slot = Mix64(old_keys[i]) & mask;
      while (keys_[slot]) slot = (slot + 1) & mask;
      keys_[slot] = old_keys[i];
      index_[slot] = old_index[i];
    }
  }
  std::size_t mask = keys_.size() - 1;
  std::size_t slot = Mix64(key) & mask;
  while (keys_[slot] != 0) {
    if (keys_[slot] == key) return index_[slot];
    slot = (slot + 1) & mask;
  }
  keys_[slot] = key;
  index_[slot] = static_cast<std::int32_t>(rows_.size());
  ++used_;
  rows_.emplace_back();
  row_keys_.push_back(key);
  return index_[slot];
}

void PerceptronTrainer::Score(const std::uint64_t* keys, int n, float* scores) const {
  for (int i = 0; i < n; ++i) {
    int r = Find(keys[i]);
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
  for (std::size_t i = 0; i < rows_.size(); ++i) fp[i] = LinearModel::Fingerprint(row_keys_[i]);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return fp[a] != fp[b] ? fp[a] < fp[b] : a < b;
  });
  LinearModel m;
  m.num_classes_ = num_classes_;
  std::vector<LinearModel::Slot> out;
  std::vector<float> dense(num_classes_, 0.0f);
  std::vector<int> touched;
  const double steps = std::max<std::int64_t>(now_, 1);
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    touched.clear();
    for (; j < order.size() && fp[order[j]] == fp[order[i]]; ++j) {
      for (const Entry& e : rows_[order[j]]) {
        double total = e.total + static_cast<double>(now_ - e.stamp) * e.w;
        if (dense[e.cls] == 0.0f) touched.push_back(e.cls);
        dense[e.cls] += static_cast<float>(total / steps);
        if (dense[e.cls] == 0.0f) dense[e.cls] = 1e-30f;  // keep it "touched"
      }
    }
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    LinearModel::Slot s;
    s.key = fp[order[i]];
    s.begin = static_cast<std::uint32_t>(m.entries_.size());
    for (int c : touched) {
      if (std::fabs(dense[c]) >= prune) {
        m.entries_.push_back({static_cast<std::uint16_t>(c), dense[c]});
      }
      dense[c] = 0.0f;
    }
    s.end = static_cast<std::uint32_t>(m.entries_.size());
    if (s.end > s.begin) out.push_back(s);
    i = j;
  }
  m.BuildTable(out);
  return m;
}

}  // namespace dyad::analyze
