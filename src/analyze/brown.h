// Brown clustering (training only; the runtime table is clusters.h).
//
// Method: Brown et al. (1992), "Class-based n-gram models of natural
// language", in the windowed form of Liang (2005, "Semi-supervised
// learning for natural language", the wcluster program). Words are taken in
// order of decreasing frequency. The C most frequent start as C
// clusters; each further word enters as cluster C+1, and then the pair of
// clusters whose merge loses the least average mutual information between
// adjacent clusters (class bigram model) is merged, which brings the count
// back to C. After the last word, the C clusters are merged the same way
// down to one, and that merge tree gives every cluster its bit-string path
// (left branch 0, right 1).
//
// Cost: keeping the merge loss of every pair up to date (Liang's
// incremental update) makes each step O(C^2) with a few logarithms per pair,
// so O(V C^2) in all for V words; the bigram counts are read once per word.
//
// Deterministic: words are ordered by count then bytes, ties between
// merges go to the first pair in slot order, one thread.
#ifndef DYAD_ANALYZE_BROWN_H_
#define DYAD_ANALYZE_BROWN_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace dyad::analyze {

struct BrownOptions {
  int clusters = 256;   // C
  int min_count = 3;    // words seen fewer times are not clustered
  std::function<void(const std::string&)> log;  // progress; may be empty
};

struct BrownWord {
  std::string word;
  std::string path;  // '0'/'1' bits from the root
  std::uint64_t count = 0;
};

// Clusters the words of `sentences` (bigrams are counted inside sentences
// only). Returns the clustered words by decreasing count.
std::vector<BrownWord> BrownCluster(const std::vector<std::vector<std::string>>& sentences,
                                    const BrownOptions& options);

}  // namespace dyad::analyze

#endif  // DYAD_ANALYZE_BROWN_H_
