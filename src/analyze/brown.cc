#include "analyze/brown.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <utility>

namespace dyad::analyze {
namespace {

// p * log(p / (l * r)) given log l and log r: the mutual-information term
// of a class bigram with probability p and class marginals l, r.
inline double Mi(double p, double log_l, double log_r) {
  return p > 0 ? p * (std::log(p) - log_l - log_r) : 0.0;
}

// The clusters of the window, in K slots. Every matrix is K x K, row-major;
// each is kept with its transpose so that every loop reads rows.
class Brown {
 public:
  explicit Brown(int slots)
      : k_(slots), sz_(static_cast<std::size_t>(slots) * slots), p_(sz_, 0.0), pt_(sz_, 0.0),
        q_(sz_, 0.0), qt_(sz_, 0.0), lsl_(sz_, 0.0), lsr_(sz_, 0.0), loss_(sz_, 0.0),
        pl_(slots, 0.0), pr_(slots, 0.0), lpl_(slots, 0.0), lpr_(slots, 0.0) {}

  // Adds a new cluster in a free slot with bigram probabilities to the
  // active clusters given by `row`/`col` (slot -> probability) and
  // marginals l, r (>= 0: a word never followed by a clustered word has r = 0;
  // Mi() skips zero terms); `self` is its bigram with itself. Returns the slot.
  int Add(const std::vector<std::pair<int, double>>& row,
          const std::vector<std::pair<int, double>>& col, double self, double l, double r) {
    int s = 0;
    while (std::binary_search(active_.begin(), active_.end(), s)) ++s;
    ClearSlot(s);
    for (const auto& [t, p] : row) SetP(s, t, P(s, t) + p);
    for (const auto& [t, p] : col) SetP(t, s, P(t, s) + p);
    SetP(s, s, self);
    pl_[s] = l;
    pr_[s] = r;
    lpl_[s] = std::log(l);
    lpr_[s] = std::log(r);
    active_.insert(std::upper_bound(active_.begin(), active_.end(), s), s);
    RefreshSlot(s);
    // Every other pair's loss gains the new cluster's term.
    const Rows k = RowsOf(s);
    ForPairsWithout(s, [&](int i, int j, std::size_t ij) {
      loss_[ij] += Term(k, i, j, lsl_[ij], lsr_[ij]);
    });
    for (int t : active_) {
      if (t != s) loss_[static_cast<std::size_t>(std::min(s, t)) * k_ + std::max(s, t)] = FullLoss(s, t);
    }
    return s;
  }

  // The active pair whose merge loses the least mutual information.
  std::pair<int, int> Best() const {
    std::pair<int, int> best{-1, -1};
    double top = 0;
    for (std::size_t x = 0; x < active_.size(); ++x) {
      const std::size_t ri = static_cast<std::size_t>(active_[x]) * k_;
      for (std::size_t y = x + 1; y < active_.size(); ++y) {
        const double v = loss_[ri + active_[y]];
        if (best.first < 0 || v < top) top = v, best = {active_[x], active_[y]};
      }
    }
    return best;
  }

  // Merges slot b into slot a (a < b).
  void Merge(int a, int b) {
    // The old rows of a and b, for the terms that leave every pair's loss.
    old_a_.assign(&p_[Row(a)], &p_[Row(a)] + k_);
    old_a_.insert(old_a_.end(), &pt_[Row(a)], &pt_[Row(a)] + k_);
    old_a_.insert(old_a_.end(), &q_[Row(a)], &q_[Row(a)] + k_);
    old_a_.insert(old_a_.end(), &qt_[Row(a)], &qt_[Row(a)] + k_);
    old_b_.assign(&p_[Row(b)], &p_[Row(b)] + k_);
    old_b_.insert(old_b_.end(), &pt_[Row(b)], &pt_[Row(b)] + k_);
    old_b_.insert(old_b_.end(), &q_[Row(b)], &q_[Row(b)] + k_);
    old_b_.insert(old_b_.end(), &qt_[Row(b)], &qt_[Row(b)] + k_);
    const Rows ka{&old_a_[0], &old_a_[k_], &old_a_[2 * k_], &old_a_[3 * k_], lpl_[a], lpr_[a]};
    const Rows kb{&old_b_[0], &old_b_[k_], &old_b_[2 * k_], &old_b_[3 * k_], lpl_[b], lpr_[b]};
    const double self = P(a, a) + P(a, b) + P(b, a) + P(b, b);
    for (int k : active_) {
      if (k == a || k == b) continue;
      SetP(a, k, P(a, k) + P(b, k));
      SetP(k, a, P(k, a) + P(k, b));
    }
    SetP(a, a, self);
    pl_[a] += pl_[b];
    pr_[a] += pr_[b];
    lpl_[a] = std::log(pl_[a]);
    lpr_[a] = std::log(pr_[a]);
    active_.erase(std::find(active_.begin(), active_.end(), b));
    ClearSlot(b);
    RefreshSlot(a);
    const Rows kc = RowsOf(a);
    ForPairsWithout(a, [&](int i, int j, std::size_t ij) {
      const double ll = lsl_[ij], lr = lsr_[ij];
      loss_[ij] += Term(kc, i, j, ll, lr) - Term(ka, i, j, ll, lr) - Term(kb, i, j, ll, lr);
    });
    for (int t : active_) {
      if (t != a) loss_[static_cast<std::size_t>(std::min(a, t)) * k_ + std::max(a, t)] = FullLoss(a, t);
    }
  }

  const std::vector<int>& active() const { return active_; }

 private:
  // Row and column k of P and Q (p_row[i] = P(k, i), p_col[i] = P(i, k),
  // likewise Q) and the logs of k's marginals.
  struct Rows {
    const double *p_row, *p_col, *q_row, *q_col;
    double lpl, lpr;
  };

  std::size_t Row(int a) const { return static_cast<std::size_t>(a) * k_; }
  // Calls f(i, j, i * K + j) for every active pair i < j without slot s.
  template <typename F>
  void ForPairsWithout(int s, F&& f) const {
    for (std::size_t x = 0; x < active_.size(); ++x) {
      const int i = active_[x];
      if (i == s) continue;
      for (std::size_t y = x + 1; y < active_.size(); ++y) {
        const int j = active_[y];
        if (j != s) f(i, j, Row(i) + j);
      }
    }
  }
  double P(int a, int b) const { return p_[Row(a) + b]; }
  void SetP(int a, int b, double v) { p_[Row(a) + b] = pt_[Row(b) + a] = v; }
  void SetQ(int a, int b, double v) { q_[Row(a) + b] = qt_[Row(b) + a] = v; }
  Rows RowsOf(int k) const {
    return {&p_[Row(k)], &pt_[Row(k)], &q_[Row(k)], &qt_[Row(k)], lpl_[k], lpr_[k]};
  }

  void ClearSlot(int s) {
    for (int t = 0; t < k_; ++t) {
      SetP(s, t, 0);
      SetP(t, s, 0);
      SetQ(s, t, 0);
      SetQ(t, s, 0);
    }
    pl_[s] = pr_[s] = 0;
  }

  // Recomputes slot s's Q row and column and its pair marginal logs.
  void RefreshSlot(int s) {
    for (int t : active_) {
      SetQ(s, t, Mi(P(s, t), lpl_[s], lpr_[t]));
      SetQ(t, s, Mi(P(t, s), lpl_[t], lpr_[s]));
      if (t == s) continue;
      const double ll = std::log(pl_[s] + pl_[t]), lr = std::log(pr_[s] + pr_[t]);
      lsl_[Row(s) + t] = lsl_[Row(t) + s] = ll;
      lsr_[Row(s) + t] = lsr_[Row(t) + s] = lr;
    }
  }

  // The change that merging i and j makes to the terms with cluster k;
  // ll, lr are the logs of the merged cluster's marginals.
  static double Term(const Rows& k, int i, int j, double ll, double lr) {
    return k.q_col[i] + k.q_row[i] + k.q_col[j] + k.q_row[j] -
           Mi(k.p_col[i] + k.p_col[j], ll, k.lpr) - Mi(k.p_row[i] + k.p_row[j], k.lpl, lr);
  }

  // The mutual information lost by merging i and j.
  double FullLoss(int i, int j) const {
    const double ll = lsl_[Row(i) + j], lr = lsr_[Row(i) + j];
    double s = q_[Row(i) + i] + q_[Row(i) + j] + q_[Row(j) + i] + q_[Row(j) + j] -
               Mi(P(i, i) + P(i, j) + P(j, i) + P(j, j), ll, lr);
    const double *pi = &p_[Row(i)], *pj = &p_[Row(j)], *pti = &pt_[Row(i)], *ptj = &pt_[Row(j)];
    const double *qi = &q_[Row(i)], *qj = &q_[Row(j)], *qti = &qt_[Row(i)], *qtj = &qt_[Row(j)];
    for (int k : active_) {
      if (k == i || k == j) continue;
      s += qi[k] + qti[k] + qj[k] + qtj[k] - Mi(pi[k] + pj[k], ll, lpr_[k]) -
           Mi(pti[k] + ptj[k], lpl_[k], lr);
    }
    return s;
  }

  int k_;
  std::size_t sz_;
  std::vector<double> p_, pt_, q_, qt_, lsl_, lsr_, loss_;
  std::vector<double> pl_, pr_, lpl_, lpr_;
  std::vector<double> old_a_, old_b_;
  std::vector<int> active_;  // sorted
};

}  // namespace

std::vector<BrownWord> BrownCluster(const std::vector<std::vector<std::string>>& sentences,
                                    const BrownOptions& options) {
  // The text is one stream with a boundary word between sentences, so that
  // sentence-initial and sentence-final words have context on both sides.
  if (sentences.empty()) return {};
  const std::string kBoundary("\x01</s>");
  std::unordered_map<std::string, std::uint64_t> counts;
  for (const auto& s : sentences) {
    for (const auto& w : s) ++counts[w];
  }
  counts[kBoundary] = sentences.size() + 1;
  std::vector<std::pair<std::uint64_t, std::string>> vocab;
  for (const auto& [w, c] : counts) {
    if (c >= static_cast<std::uint64_t>(std::max(1, options.min_count)) || w == kBoundary) {
      vocab.emplace_back(c, w);
    }
  }
  std::sort(vocab.begin(), vocab.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first > y.first : x.second < y.second;
  });
  const int v = static_cast<int>(vocab.size());
  if (v <= 1) return {};
  std::unordered_map<std::string, int> id;
  for (int i = 0; i < v; ++i) id[vocab[i].second] = i;
  // Bigram counts inside sentences, between clustered words.
  std::unordered_map<std::uint64_t, std::uint64_t> bigrams;
  std::uint64_t total = 0;
  const int boundary = id[kBoundary];
  auto count = [&](int prev, int cur) {
    if (prev >= 0 && cur >= 0) {
      ++bigrams[(static_cast<std::uint64_t>(prev) << 32) | static_cast<std::uint32_t>(cur)];
      ++total;
    }
  };
  for (const auto& s : sentences) {
    int prev = boundary;
    for (const auto& w : s) {
      auto it = id.find(w);
      const int cur = it == id.end() ? -1 : it->second;
      count(prev, cur);
      prev = cur;
    }
    count(prev, boundary);
  }
  std::vector<std::vector<std::pair<int, std::uint64_t>>> right(v), left(v);
  std::vector<double> nl(v, 0), nr(v, 0);
  for (const auto& [key, c] : bigrams) {
    const int a = static_cast<int>(key >> 32), b = static_cast<int>(key & 0xffffffffu);
    right[a].emplace_back(b, c);
    left[b].emplace_back(a, c);
    nl[a] += c;
    nr[b] += c;
  }
  for (int i = 0; i < v; ++i) {
    std::sort(right[i].begin(), right[i].end());
    std::sort(left[i].begin(), left[i].end());
  }
  if (options.log) {
    options.log("brown: " + std::to_string(v) + " words, " + std::to_string(total) + " bigrams");
  }
  const double n = std::max<double>(1.0, static_cast<double>(total));
  const int c = std::max(1, std::min(options.clusters, v));
  Brown brown(c + 1);
  std::vector<int> slot(v, -1);
  std::vector<std::vector<int>> members(c + 1);
  std::vector<std::pair<int, double>> row, col;
  auto add = [&](int w) {
    row.clear();
    col.clear();
    double self = 0;
    for (const auto& [u, k] : right[w]) {
      if (u == w) self = k / n;
      else if (slot[u] >= 0) row.emplace_back(slot[u], k / n);
    }
    for (const auto& [u, k] : left[w]) {
      if (u != w && slot[u] >= 0) col.emplace_back(slot[u], k / n);
    }
    const int s = brown.Add(row, col, self, nl[w] / n, nr[w] / n);
    slot[w] = s;
    members[s] = {w};
  };
  // Phase 1: a window of C clusters over the words by frequency.
  for (int w = 0; w < v; ++w) {
    add(w);
    if (static_cast<int>(brown.active().size()) > c) {
      auto [a, b] = brown.Best();
      brown.Merge(a, b);
      for (int u : members[b]) slot[u] = a;
      members[a].insert(members[a].end(), members[b].begin(), members[b].end());
      members[b].clear();
    }
    if (options.log && (w + 1) % 2000 == 0) {
      options.log("brown: " + std::to_string(w + 1) + " of " + std::to_string(v) + " words");
    }
  }
  // Phase 2: merge the C clusters down to one; the merges form the tree.
  std::vector<std::pair<int, int>> children;  // per node; leaves (-1, -1)
  std::vector<int> leaf_slot;
  std::vector<int> slot_node(c + 1, -1);
  for (int s : brown.active()) {
    slot_node[s] = static_cast<int>(children.size());
    children.emplace_back(-1, -1);
    leaf_slot.push_back(s);
  }
  while (brown.active().size() > 1) {
    auto [a, b] = brown.Best();
    const int node = static_cast<int>(children.size());
    children.emplace_back(slot_node[a], slot_node[b]);
    brown.Merge(a, b);
    slot_node[a] = node;
    slot_node[b] = -1;
  }
  // Paths by depth-first walk from the root (the last node).
  std::vector<std::string> path(children.size());
  std::vector<int> stack{static_cast<int>(children.size()) - 1};
  while (!stack.empty()) {
    const int x = stack.back();
    stack.pop_back();
    if (children[x].first < 0) continue;
    path[children[x].first] = path[x] + "0";
    path[children[x].second] = path[x] + "1";
    stack.push_back(children[x].first);
    stack.push_back(children[x].second);
  }
  std::vector<BrownWord> out(v);
  for (int w = 0; w < v; ++w) {
    out[w].word = vocab[w].second;
    out[w].count = vocab[w].first;
  }
  for (std::size_t leaf = 0; leaf < leaf_slot.size(); ++leaf) {
    for (int w : members[leaf_slot[leaf]]) out[w].path = path[leaf];
  }
  out.erase(out.begin() + boundary);
  return out;
}

}  // namespace dyad::analyze
