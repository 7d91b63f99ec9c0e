// Sparse multi-class linear models: the averaged perceptron trainer and the
// compact runtime model it produces.
//
// Method. Each feature key owns a short list of (class, weight) entries:
// the perceptron only ever touches the weights of the gold and the
// predicted class, so most features end up with a handful of non-zero
// classes, and a sparse row is both smaller and faster to score than a
// dense one. Training keeps, per entry, the weight, its running sum and the
// step of its last change (the lazy averaging trick of Daume III); Average()
// returns the averaged weights, pruned of entries below a threshold.
//
// The runtime LinearModel stores 32-bit key fingerprints in an open
// addressing table (load <= 0.5) pointing into flat arrays of classes and
// weights. Scoring a decision is one probe per feature plus a short
// contiguous loop; nothing allocates. Serialized form: sorted keys delta-
// coded as varints, classes as bytes/uint16, weights as int16 with one
// scale per model.
//
// Thread safety: LinearModel is immutable after loading; Score() is const.
// PerceptronTrainer is single-threaded.
#ifndef DYAD_ANALYZE_LINEAR_MODEL_H_
#define DYAD_ANALYZE_LINEAR_MODEL_H_

#include <algorithm>
#include <cstdint>
#include <vector>

#include "analyze/features.h"
#include "analyze/model_io.h"

namespace dyad::analyze {

class LinearModel {
 public:
  int num_classes() const { return num_classes_; }
  std::size_t num_features() const { return num_keys_; }
  std::size_t num_weights() const { return entries_.size(); }

  // Adds the weights of each feature to scores[0..num_classes). Up to
  // kMaxBatch keys are looked up at once: all table slots are prefetched
  // first, then all weight rows, so that the cache misses overlap.
  static constexpr int kMaxBatch = 128;
  void Score(const std::uint64_t* keys, int n, float* scores) const {
    for (int start = 0; start < n; start += kMaxBatch) {
      ScoreBatch(keys + start, std::min(n - start, kMaxBatch), scores);
    }
  }

  void Save(ByteWriter* w) const;
  bool Load(ByteReader* r);
  // Drops the weights with |w| < min_abs (and features left empty).
  void Prune(float min_abs);

  static std::uint32_t Fingerprint(std::uint64_t key) {
    auto k = static_cast<std::uint32_t>(key >> 32) ^ static_cast<std::uint32_t>(key);
    return k ? k : 1;
  }

 private:
  friend class PerceptronTrainer;
  struct Slot {
    std::uint32_t key = 0;
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
  };
  struct Entry {
    std::uint16_t cls;
    float w;
  };
  // Builds the table from (fingerprint, begin, end) rows over entries_.
  void BuildTable(const std::vector<Slot>& rows);
  void ScoreBatch(const std::uint64_t* keys, int n, float* scores) const {
    std::uint32_t fp[kMaxBatch];
    std::size_t slot[kMaxBatch];
    for (int i = 0; i < n; ++i) {
      fp[i] = Fingerprint(keys[i]);
      slot[i] = (fp[i] * 0x9E3779B1u) & mask_;
      __builtin_prefetch(&slots_[slot[i]]);
    }
    const Slot* found[kMaxBatch];
    int nf = 0;
    for (int i = 0; i < n; ++i) {
      std::size_t s = slot[i];
      while (true) {
        const Slot& x = slots_[s];
        if (x.key == fp[i]) {
          __builtin_prefetch(&entries_[x.begin]);
          found[nf++] = &x;
          break;
        }
        if (x.key == 0) break;
        s = (s + 1) & mask_;
      }
    }
    for (int i = 0; i < nf; ++i) {
      for (std::uint32_t e = found[i]->begin; e < found[i]->end; ++e) {
        scores[entries_[e].cls] += entries_[e].w;
      }
    }
  }

  int num_classes_ = 0;
  std::size_t num_keys_ = 0;
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::vector<Entry> entries_;
};

class PerceptronTrainer {
 public:
  explicit PerceptronTrainer(int num_classes);

  int num_classes() const { return num_classes_; }
  // Adds the current (not averaged) weights to scores.
  void Score(const std::uint64_t* keys, int n, float* scores) const;
  // Moves weight `amount` from class `guess` to class `truth` on each key.
  void Update(const std::uint64_t* keys, int n, int truth, int guess, float amount = 1.0f);
  // Advances the averaging clock; call once per training decision.
  void Tick() { ++now_; }
  // The averaged model, dropping weights with |w| < prune.
  LinearModel Average(float prune) const;

 private:
  struct Entry {
    std::uint16_t cls;
    float w;
    double total;
    std::int64_t stamp;
  };
  int Find(std::uint64_t key) const;
  int Insert(std::uint64_t key);

  int num_classes_;
  std::int64_t now_ = 0;
  std::vector<std::uint64_t> keys_;   // open addressing; 0 = empty
  std::vector<std::int32_t> index_;   // into rows_
  std::size_t used_ = 0;
  std::vector<std::uint64_t> row_keys_;
  std::vector<std::vector<Entry>> rows_;
};

}  // namespace dyad::analyze

#endif  // DYAD_ANALYZE_LINEAR_MODEL_H_
