// Beam-search decoding for the parser (parser.h). The beam is two arrays of
// configurations that swap roles each step. The candidates of a step are
// offered to a bounded heap that keeps the best K (most are turned away by
// one comparison with the worst kept); a kept configuration is moved into
// the next step's array when it is its parent's last kept child and copied
// otherwise. Every array keeps its capacity between sentences, so nothing
// is allocated once the longest sentence has been seen.
#include <algorithm>

#include "analyze/parser.h"

namespace dyad::analyze {

void Parser::ParseBeamInOrder(const std::vector<WordInfo>& words,
                              const std::vector<std::uint64_t>& tags, int beam,
                              const GuideView* guide, std::vector<int>* heads,
                              std::vector<int>* labels) const {
  using Candidate = BeamCandidate<std::int64_t>;
  const int k = std::clamp(beam, 1, kMaxBeam);
  thread_local std::vector<ParseState> cur, next;
  thread_local std::vector<std::int64_t> cur_score, next_score;
  thread_local std::vector<Candidate> kept;  // a heap: front() is the worst kept
  thread_local std::vector<int> children;
  if (static_cast<int>(cur.size()) < k) {
    cur.resize(k);
    next.resize(k);
    cur_score.resize(k);
    next_score.resize(k);
    children.resize(k);
  }
  auto offer = [&](const Candidate& c) {
    if (static_cast<int>(kept.size()) < k) {
      kept.push_back(c);
      std::push_heap(kept.begin(), kept.end());
    } else if (c < kept.front()) {
      std::pop_heap(kept.begin(), kept.end());
      kept.back() = c;
      std::push_heap(kept.begin(), kept.end());
    }
  };
  const int nl = num_labels(), nc = num_classes();
  std::uint64_t keys[kMaxFeatures];
  std::int32_t scores[2 * 256 + kFirstArc];
  cur[0].Init(static_cast<int>(words.size()));
  cur_score[0] = 0;
  int size = 1;
  while (true) {
    kept.clear();
    bool done = true;
    for (int i = 0; i < size; ++i) {
      const ParseState& s = cur[i];
      const std::int64_t base = cur_score[i];
      if (s.Terminal()) {
        offer({base, i, -1});
        continue;
      }
      done = false;
      const int nk = Features(s, words, tags, keys, guide, lite_);
      std::fill(scores, scores + nc, 0);
      model_.Score(keys, nk, scores);
      ForEachLegal(s, nl, non_monotonic_, [&](int lo, int hi) {
        for (int c = lo; c < hi; ++c) {
          // A lower score never enters a full beam (ties need offer()).
          if (static_cast<int>(kept.size()) == k && base + scores[c] < kept.front().score) continue;
          offer({base + scores[c], i, c});
        }
      });
    }
    if (done) break;
    std::sort_heap(kept.begin(), kept.end());  // best first
    std::fill(children.begin(), children.begin() + size, 0);
    for (const Candidate& c : kept) ++children[c.item];
    for (int j = 0; j < static_cast<int>(kept.size()); ++j) {
      const Candidate& c = kept[j];
      if (--children[c.item] == 0) {
        std::swap(next[j], cur[c.item]);  // its last use
      } else {
        next[j] = cur[c.item];
      }
      next_score[j] = c.score;
      if (c.cls >= 0) Apply(&next[j], c.cls, nl);
    }
    size = static_cast<int>(kept.size());
    cur.swap(next);
    cur_score.swap(next_score);
  }
  Finish(cur[0], heads, labels);
}

}  // namespace dyad::analyze
