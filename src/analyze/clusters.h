// Word clusters: a word -> hierarchical cluster path table, for features of
// the NER (and any other model) that generalize from seen words to unseen
// ones that occur in the same contexts.
//
// The clusters are Brown clusters (Brown et al. 1992, Liang 2005; see
// brown.h) trained by `dyad train clusters` on unlabelled text
// (docs/analysis.md); no shipped model uses them yet, so none is shipped
// and the analyzer does not load them. Each cluster
// is a leaf of a binary merge tree; its path from the root is a bit string,
// and prefixes of the path are coarser clusters (Koo et al. 2008, Ratinov &
// Roth 2009 use prefixes of 4, 6, 10 and 20 bits as features).
//
// A path is stored as a 64-bit "marker" code: a leading 1 bit followed by
// the path bits, so that 0 means "no cluster", 1 the root (empty path), and
// prefixes of different lengths never collide (ClusterPrefix).
//
//   WordClusters c;
//   LoadClustersModel("data/models/clusters.bin", &c);   // analyzer.h
//   c.Annotate(&info);            // sets WordInfo::cluster of every word
//   ClusterPrefix(info[i].cluster, 4)
//
// Lookup is by the form's hash, then by the lower-case form's hash (the
// table holds the cluster of the most frequent cased variant under each
// lower-case form that is not itself a clustered word).
//
// Thread safety: immutable after Load(); Annotate() is const.
#ifndef DYAD_ANALYZE_CLUSTERS_H_
#define DYAD_ANALYZE_CLUSTERS_H_

#include <bit>
#include <cstdint>
#include <string>
#include <vector>

#include "analyze/flat_map.h"
#include "analyze/model_io.h"
#include "analyze/tagger.h"

namespace dyad::analyze {

// The first `len` bits of a marker-coded path (the whole path when it is
// shorter), still marker-coded; 0 stays 0.
inline std::uint64_t ClusterPrefix(std::uint64_t path, int len) {
  if (path == 0) return 0;
  const int depth = 63 - std::countl_zero(path);
  return depth <= len ? path : path >> (depth - len);
}

// Marker-coded path of a bit string of '0'/'1' (at most 63 bits; longer
// strings are cut).
std::uint64_t PathCode(const std::string& bits);
// The bit string of a marker-coded path ("" for the root or 0).
std::string PathBits(std::uint64_t path);

class WordClusters {
 public:
  struct Entry {
    std::string word;
    std::uint64_t path = 0;  // marker-coded
    std::uint64_t count = 0;
  };
  // Builds the table from clustered words (any order; ties in the
  // lower-case fallback go to the higher count, then the smaller word).
  void Build(const std::vector<Entry>& entries);

  // The marker-coded path of a word by its form and lower-case form hashes
  // (WordInfo::form, WordInfo::lower); 0 when unknown.
  std::uint64_t Get(std::uint64_t form, std::uint64_t lower) const {
    std::uint32_t c = table_.Get(form);
    if (c == FlatMap::kMissing) c = table_.Get(lower);
    return c == FlatMap::kMissing ? 0 : paths_[c];
  }
  // Sets WordInfo::cluster of every word.
  void Annotate(std::vector<WordInfo>* words) const {
    for (WordInfo& w : *words) w.cluster = Get(w.form, w.lower);
  }
  bool empty() const { return paths_.empty(); }
  std::size_t num_clusters() const { return paths_.size(); }
  std::size_t num_words() const { return table_.size(); }

  void Save(ByteWriter* w) const;
  bool Load(ByteReader* r);

 private:
  std::vector<std::uint64_t> paths_;  // distinct marker-coded paths, sorted
  FlatMap table_;                     // word hash -> index into paths_
};

// SaveClustersModel / LoadClustersModel: in analyzer.h, with the other models.

}  // namespace dyad::analyze

#endif  // DYAD_ANALYZE_CLUSTERS_H_
