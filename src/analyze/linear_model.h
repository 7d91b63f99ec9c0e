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
// addressing table (load <= 0.5, 8-byte slots) pointing into one flat array
// of rows, each a count then (class, int16 weight) pairs in 4 bytes; a row
// of one weight sits in its slot, and a row with weights for a quarter of
// the classes or more is stored dense (int16 per class, added by a vector
// loop). The weights are quantized with one scale per model, so scores are
// summed as integers and the argmax is unchanged by the scale. Scoring a decision is
// one probe per feature plus a short contiguous loop; nothing allocates.
// The memory footprint matters more than the arithmetic: a parser decision
// touches ~80 rows spread over tens of MB. Serialized form: sorted keys
// delta-coded as varints, classes as varints, weights as int16.
//
// Thread safety: LinearModel is immutable after loading; Score() is const.
// PerceptronTrainer is single-threaded.
#ifndef DYAD_ANALYZE_LINEAR_MODEL_H_
#define DYAD_ANALYZE_LINEAR_MODEL_H_

#include <algorithm>
#include <cstdint>
#include <vector>

#include "analyze/features.h"
#include "analyze/kernels.h"
#include "analyze/key_index.h"
#include "analyze/model_io.h"

namespace dyad::analyze {

class LinearModel {
 public:
  int num_classes() const { return num_classes_; }
  std::size_t num_features() const { return num_keys_; }
  std::size_t num_weights() const { return num_weights_; }
  // Rows stored dense (their weights are counted in num_weights()).
  std::size_t num_dense_rows() const { return num_dense_; }
  // The weight unit: a score of s means s * scale() in the trained model.
  float scale() const { return scale_; }

  // Adds the (quantized) weights of each feature to scores[0..num_classes).
  // Up to kMaxBatch keys are looked up at once: all table slots are
  // prefetched first, then all weight rows, so that cache misses overlap.
  static constexpr int kMaxBatch = 128;
  void Score(const std::uint64_t* keys, int n, std::int32_t* scores) const {
    for (int start = 0; start < n; start += kMaxBatch) {
      ScoreBatch(keys + start, std::min(n - start, kMaxBatch), scores);
    }
  }

  void Save(ByteWriter* w) const;
  bool Load(ByteReader* r);
  // Drops the weights with |w| < min_abs (and features left empty).
  void Prune(float min_abs);
  // The mean of models with the same classes (weights absent from a model
  // count as 0): an ensemble of perceptrons at the cost of one model.
  static LinearModel Mean(const std::vector<LinearModel>& models);
  // A model from dense float weights: weights[r * num_classes + c] is the
  // weight of class c for keys[r]; weights with |w| < prune are dropped and
  // rows whose fingerprints collide are summed.
  static LinearModel FromDense(int num_classes, const std::vector<std::uint64_t>& keys,
                               const std::vector<float>& weights, float prune);

  static std::uint32_t Fingerprint(std::uint64_t key) {
    auto k = static_cast<std::uint32_t>(key >> 32) ^ static_cast<std::uint32_t>(key);
    return k ? k : 1;
  }

 private:
  friend class PerceptronTrainer;
  struct Slot {
    std::uint32_t key = 0;    // fingerprint; 0 = empty
    // Index of the row's count in entries_, or, when the high bit is set, a
    // row of one weight stored inline: (class << 16 | int16 weight) with the
    // class below 2^15. Inline rows save a cache miss for the many features
    // (mostly word features) that keep a single weight.
    std::uint32_t begin = 0;
  };
  static constexpr std::uint32_t kInline = 0x80000000u;
  // Otherwise, when this bit is set, the row is dense: its offset in
  // dense_ (DenseStride() int16 weights, class c's at c). A row with
  // weights for at least a quarter of the classes is kept so (DenseRow):
  // one vector loop (AddRow16) instead of a scattered add per entry. The
  // parser's long rows (a decision reads most of its weights from rows of
  // 32-63 of its 114 classes) made tag + parse 1.07-1.18x as fast in
  // alternating runs (docs/analysis-log.md, seventeenth round).
  // (So entries_ and dense_ stay below 2^30 entries: far above any model.)
  static constexpr std::uint32_t kDense = 0x40000000u;
  int DenseStride() const { return (num_classes_ + 15) & ~15; }
  bool DenseRow(std::uint32_t count) const {
    return count >= 4 && 4 * count >= static_cast<std::uint32_t>(num_classes_);
  }
  // The slot value of the sparse row just appended to entries_ at `begin`
  // (count, then the entries): inline, dense (moved to dense_) or sparse.
  std::uint32_t FinishRow(std::size_t begin);
  // Fingerprints are uniform hashes, so their top bits are a good slot
  // index; it also keeps slots in key order, so loading the sorted keys
  // of a model file fills the table front to back, cache-friendly.
  std::size_t SlotOf(std::uint32_t key) const { return key >> shift_; }
  void SetCapacity(std::size_t rows) {
    std::size_t cap = 16;
    shift_ = 28;
    while (cap < rows * 2) cap <<= 1, --shift_;
    slots_.assign(cap, Slot());
    mask_ = cap - 1;
  }
  struct Row {
    std::uint32_t key;
    std::vector<std::pair<std::uint16_t, float>> weights;
  };
  // Quantizes rows (weights in model units) and builds the table.
  void Build(int num_classes, const std::vector<Row>& rows);
  std::vector<Row> Rows() const;
  static std::uint32_t Pack(int cls, int q) {
    return (static_cast<std::uint32_t>(cls) << 16) | static_cast<std::uint16_t>(static_cast<std::int16_t>(q));
  }

  void ScoreBatch(const std::uint64_t* keys, int n, std::int32_t* scores) const {
    std::uint32_t fp[kMaxBatch];
    std::size_t slot[kMaxBatch];
    for (int i = 0; i < n; ++i) {
      fp[i] = Fingerprint(keys[i]);
      slot[i] = SlotOf(fp[i]);
      __builtin_prefetch(&slots_[slot[i]]);
    }
    std::uint32_t found[kMaxBatch], dense[kMaxBatch];
    int nf = 0, nd = 0;
    for (int i = 0; i < n; ++i) {
      std::size_t s = slot[i];
      while (true) {
        const Slot& x = slots_[s];
        if (x.key == fp[i]) {
          if (x.begin & kInline) {
            scores[(x.begin >> 16) & 0x7fff] += static_cast<std::int16_t>(x.begin & 0xffff);
          } else if (x.begin & kDense) {
            const std::int16_t* row = &dense_[x.begin & ~kDense];
            for (int b = 0; b < num_classes_; b += 32) __builtin_prefetch(row + b);
            dense[nd++] = x.begin & ~kDense;
          } else {
            __builtin_prefetch(&entries_[x.begin]);
            found[nf++] = x.begin;
          }
          break;
        }
        if (x.key == 0) break;
        s = (s + 1) & mask_;
      }
    }
    for (int i = 0; i < nf; ++i) {
      const std::uint32_t* e = &entries_[found[i]];
      const std::uint32_t count = e[0];
      for (std::uint32_t j = 1; j <= count; ++j) {
        scores[e[j] >> 16] += static_cast<std::int16_t>(e[j] & 0xffff);
      }
    }
    for (int i = 0; i < nd; ++i) AddRow16(&dense_[dense[i]], num_classes_, scores);
  }

  int num_classes_ = 0;
  std::size_t num_keys_ = 0;
  std::size_t num_weights_ = 0;
  std::size_t num_dense_ = 0;
  float scale_ = 1.0f;
  ModelArray<Slot> slots_;
  std::size_t mask_ = 0;
  int shift_ = 28;
  ModelArray<std::uint32_t> entries_;  // per row: count, then (cls << 16 | int16 weight)
  ModelArray<std::int16_t> dense_;     // dense rows, DenseStride() weights each
};

class PerceptronTrainer {
 public:
  explicit PerceptronTrainer(int num_classes);

  int num_classes() const { return num_classes_; }
  // Adds the current (not averaged) weights to scores.
  void Score(const std::uint64_t* keys, int n, float* scores) const;
  // Starts from the weights of a trained model (fine-tuning): they are
  // added to every score, and Average() returns them plus the averaged
  // updates. Call before the first update.
  void SetBase(LinearModel base);
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
  // The key's row in rows_, a new empty row for a new key.
  int Insert(std::uint64_t key);

  int num_classes_;
  std::int64_t now_ = 0;
  bool has_base_ = false;
  LinearModel base_;
  mutable std::vector<std::int32_t> base_scores_;
  KeyIndex index_;  // key -> its row in rows_
  std::vector<std::vector<Entry>> rows_;
};

}  // namespace dyad::analyze

#endif  // DYAD_ANALYZE_LINEAR_MODEL_H_
