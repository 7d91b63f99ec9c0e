// Word embeddings turned into discrete word classes for the linear NER
// model (docs/analysis-log.md, "NER, issue 4 eleventh round: embeddings").
//
// Method. The vectors are trained outside dyad by fastText's skip-gram
// (Debian `fasttext`, Bojanowski et al. 2017) on the lower-cased
// unlabelled-text corpus that `dyad train clusters --corpus-out` writes.
// A linear model gains from real-valued embeddings mainly when they are
// discretised (Guo et al. 2014): every vector is scaled to unit length and
// the words are clustered by spherical k-means (Lloyd's iterations on the
// cosine, k-means++ seeding from a fixed seed) at up to three
// granularities (e.g. 64, 256, 1024 classes). NER stores the word -> class
// table in its gazetteer map (Ner::EmbeddingKey) and uses the classes of
// the word and its neighbours as emission features, so a model carries
// what it needs and the vectors are not read at run time.
//
// k-means is our own code (a few dozen lines): the Debian libraries that
// have it (mlpack, with armadillo) would be a heavy dependency for it.
#ifndef DYAD_ANALYZE_EMBEDDINGS_H_
#define DYAD_ANALYZE_EMBEDDINGS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dyad/status.h"

namespace dyad::analyze {

struct WordVectors {
  int dim = 0;
  std::vector<std::string> words;
  std::vector<float> values;  // words.size() * dim, row-major
  const float* row(std::size_t i) const { return values.data() + i * dim; }
};

// Parses fastText's text format (.vec): a header line "<words> <dim>", then
// one line a word: the word and `dim` numbers. `name` names the input in
// errors.
StatusOr<WordVectors> ParseWordVectors(std::string_view data, const std::string& name);
StatusOr<WordVectors> ReadWordVectors(const std::string& path);

// Spherical k-means of the vectors (each scaled to unit length; a zero
// vector stays zero): the class (0..k-1) of every word after at most
// `iterations` Lloyd iterations (fewer when no word changes class).
// Deterministic given `seed`. Requires 1 <= k <= number of words.
std::vector<int> SphericalKMeans(const WordVectors& v, int k, std::uint64_t seed,
                                 int iterations = 25);

// At most this many granularities, each of at most kMaxEmbeddingClasses
// classes, packed into one 32-bit value.
inline constexpr int kMaxEmbeddingLevels = 3;
inline constexpr int kMaxEmbeddingClasses = 1024;

// The class of granularity `level` in a packed value (PackEmbeddingClasses).
inline std::uint32_t EmbeddingClass(std::uint32_t packed, int level) {
  return (packed >> (10 * level)) & 0x3ff;
}

// The word table for NER: per word, the hash of its form (HashStr; the
// vectors are trained on lower-cased text, so this is WordInfo::lower) and
// its classes at each granularity of `ks` (SphericalKMeans with `seed`),
// packed 10 bits a level with bit 30 set (never 0, never FlatMap::kMissing).
StatusOr<std::vector<std::pair<std::uint64_t, std::uint32_t>>> EmbeddingClassTable(
    const WordVectors& v, const std::vector<int>& ks, std::uint64_t seed);

}  // namespace dyad::analyze

#endif  // DYAD_ANALYZE_EMBEDDINGS_H_
