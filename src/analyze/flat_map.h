// FlatMap: an immutable-after-build open-addressing map from 64-bit hashes
// to 32-bit values, for the lexicons of the tagger, lemmatizer and NER.
// Lookups never allocate. Serialized as its (key, value) pairs.
#ifndef DYAD_ANALYZE_FLAT_MAP_H_
#define DYAD_ANALYZE_FLAT_MAP_H_

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "analyze/features.h"
#include "analyze/model_io.h"

namespace dyad::analyze {

class FlatMap {
 public:
  static constexpr std::uint32_t kMissing = 0xffffffffu;

  // Builds from pairs; a later duplicate key overwrites an earlier one.
  void Build(const std::vector<std::pair<std::uint64_t, std::uint32_t>>& pairs) {
    std::size_t cap = 16;
    while (cap < pairs.size() * 2) cap <<= 1;
    keys_.assign(cap, 0);
    vals_.assign(cap, kMissing);
    mask_ = cap - 1;
    size_ = 0;
    for (const auto& [k0, v] : pairs) {
      std::uint64_t k = k0 ? k0 : 1;
      std::size_t s = Mix64(k) & mask_;
      while (keys_[s] != 0 && keys_[s] != k) s = (s + 1) & mask_;
      if (keys_[s] == 0) ++size_;
      keys_[s] = k;
      vals_[s] = v;
    }
  }

  std::uint32_t Get(std::uint64_t k) const {
    if (keys_.empty()) return kMissing;
    if (!k) k = 1;
    std::size_t s = Mix64(k) & mask_;
    while (true) {
      if (keys_[s] == k) return vals_[s];
      if (keys_[s] == 0) return kMissing;
      s = (s + 1) & mask_;
    }
  }

  std::size_t size() const { return size_; }
  // Whether every stored value is below `n` (to validate loaded indices).
  bool AllValuesBelow(std::uint32_t n) const {
    for (std::size_t i = 0; i < keys_.size(); ++i) {
      if (keys_[i] && vals_[i] >= n) return false;
    }
    return true;
  }

  void Save(ByteWriter* w) const {
    std::vector<std::pair<std::uint64_t, std::uint32_t>> pairs;
    for (std::size_t i = 0; i < keys_.size(); ++i) {
      if (keys_[i]) pairs.emplace_back(keys_[i], vals_[i]);
    }
    std::sort(pairs.begin(), pairs.end());
    w->Varint(pairs.size());
    for (const auto& [k, v] : pairs) {
      w->Pod(k);
      w->Varint(v);
    }
  }
  bool Load(ByteReader* r) {
    std::uint64_t n;
    if (!r->Varint(&n) || n > r->remaining()) return false;
    std::vector<std::pair<std::uint64_t, std::uint32_t>> pairs(n);
    for (auto& [k, v] : pairs) {
      std::uint64_t x;
      if (!r->Pod(&k) || !r->Varint(&x)) return false;
      v = static_cast<std::uint32_t>(x);
    }
    Build(pairs);
    return true;
  }

 private:
  ModelArray<std::uint64_t> keys_;
  ModelArray<std::uint32_t> vals_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace dyad::analyze

#endif  // DYAD_ANALYZE_FLAT_MAP_H_
