// KeyIndex: a growable open-addressing map from 64-bit feature keys to row
// numbers 0, 1, 2, ... in the order the keys were first inserted, for the
// trainers that keep one row of weights per feature (PerceptronTrainer, the
// NER's CRF). Lookups never allocate; the table doubles at half load. Key 0
// marks an empty slot and must not be inserted (feature keys are hashes).
#ifndef DYAD_ANALYZE_KEY_INDEX_H_
#define DYAD_ANALYZE_KEY_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "analyze/features.h"

namespace dyad::analyze {

class KeyIndex {
 public:
  KeyIndex() : table_(1 << 16, 0), row_(1 << 16, -1) {}

  // The key's row, or -1.
  int Find(std::uint64_t key) const {
    const std::size_t mask = table_.size() - 1;
    for (std::size_t s = Mix64(key) & mask;; s = (s + 1) & mask) {
      if (table_[s] == key) return row_[s];
      if (table_[s] == 0) return -1;
    }
  }
  // The key's row; a new key gets the next row number (size() before the
  // call), so a caller sees a new key as a returned row == its old size().
  int Insert(std::uint64_t key) {
    if ((keys_.size() + 1) * 2 > table_.size()) Grow();
    const std::size_t mask = table_.size() - 1;
    std::size_t s = Mix64(key) & mask;
    for (; table_[s] != 0; s = (s + 1) & mask) {
      if (table_[s] == key) return row_[s];
    }
    table_[s] = key;
    row_[s] = static_cast<std::int32_t>(keys_.size());
    keys_.push_back(key);
    return row_[s];
  }
  std::size_t size() const { return keys_.size(); }
  // The keys by row.
  const std::vector<std::uint64_t>& keys() const { return keys_; }

 private:
  void Grow() {
    std::vector<std::uint64_t> t(table_.size() * 2, 0);
    std::vector<std::int32_t> x(table_.size() * 2, -1);
    const std::size_t mask = t.size() - 1;
    for (std::size_t r = 0; r < keys_.size(); ++r) {
      std::size_t s = Mix64(keys_[r]) & mask;
      while (t[s] != 0) s = (s + 1) & mask;
      t[s] = keys_[r];
      x[s] = static_cast<std::int32_t>(r);
    }
    table_.swap(t);
    row_.swap(x);
  }

  std::vector<std::uint64_t> table_;  // open addressing; 0 = empty
  std::vector<std::int32_t> row_;     // per slot: the key's row
  std::vector<std::uint64_t> keys_;   // per row: its key
};

}  // namespace dyad::analyze

#endif  // DYAD_ANALYZE_KEY_INDEX_H_
