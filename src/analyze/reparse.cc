#include "analyze/reparse.h"

#include <algorithm>
#include <utility>

namespace dyad::analyze {
namespace {

struct Edge {
  int from, to;
  double score;
  int orig;  // index into the caller's arcs
};

// Chu-Liu-Edmonds, recursive contraction. Nodes 0..v-1, `root` has no head.
// Writes for every node the index (into `edges`) of its chosen incoming
// edge (-1 for the root).
void Cle(int v, int root, const std::vector<Edge>& edges, std::vector<int>* chosen) {
  std::vector<int> best(v, -1);
  for (int e = 0; e < static_cast<int>(edges.size()); ++e) {
    const Edge& x = edges[e];
    if (x.to == root || x.from == x.to) continue;
    if (best[x.to] < 0 || x.score > edges[best[x.to]].score) best[x.to] = e;
  }
  // Find a cycle among the best incoming edges.
  std::vector<int> mark(v, -1);  // the walk that reached the node
  std::vector<char> in_cycle(v, 0);
  bool cycle = false;
  for (int s = 0; s < v && !cycle; ++s) {
    int x = s;
    while (x != root && mark[x] < 0 && best[x] >= 0) {
      mark[x] = s;
      x = edges[best[x]].from;
    }
    if (x != root && best[x] >= 0 && mark[x] == s) {  // back on this walk: a cycle
      for (int y = x;;) {
        in_cycle[y] = 1;
        y = edges[best[y]].from;
        if (y == x) break;
      }
      cycle = true;
    }
  }
  if (!cycle) {
    *chosen = std::move(best);
    return;
  }
  // Contract the cycle into one node c.
  std::vector<int> id(v, -1);
  int nv = 0;
  for (int x = 0; x < v; ++x) {
    if (!in_cycle[x]) id[x] = nv++;
  }
  const int c = nv++;
  std::vector<Edge> sub;
  sub.reserve(edges.size());
  for (int e = 0; e < static_cast<int>(edges.size()); ++e) {
    const Edge& x = edges[e];
    const bool f = in_cycle[x.from], t = in_cycle[x.to];
    if (f && t) continue;
    if (t) {
      sub.push_back({id[x.from], c, x.score - edges[best[x.to]].score, e});
    } else {
      sub.push_back({f ? c : id[x.from], id[x.to], x.score, e});
    }
  }
  std::vector<int> sub_chosen;
  Cle(nv, id[root], sub, &sub_chosen);
  chosen->assign(v, -1);
  for (int x = 0; x < v; ++x) {
    if (in_cycle[x]) {
      (*chosen)[x] = best[x];
    } else if (sub_chosen[id[x]] >= 0) {
      (*chosen)[x] = sub[sub_chosen[id[x]]].orig;
    }
  }
  // The edge entering the cycle replaces the cycle edge into its node.
  const int enter = sub[sub_chosen[c]].orig;
  (*chosen)[edges[enter].to] = enter;
}

}  // namespace

void MaxSpanningTree(int n, const std::vector<ScoredArc>& arcs, std::vector<int>* heads) {
  std::vector<Edge> edges;
  edges.reserve(arcs.size());
  for (int e = 0; e < static_cast<int>(arcs.size()); ++e) {
    edges.push_back({arcs[e].head, arcs[e].dep, arcs[e].score, e});
  }
  std::vector<int> chosen;
  Cle(n + 1, n, edges, &chosen);
  heads->assign(n, n);
  for (int d = 0; d < n; ++d) {
    if (chosen[d] >= 0) (*heads)[d] = edges[chosen[d]].from;
  }
}

void CombineParses(const std::vector<MemberParse>& members, std::vector<int>* heads,
                   std::vector<int>* labels) {
  const int m = static_cast<int>(members.size());
  const int n = m == 0 ? 0 : static_cast<int>(members[0].heads->size());
  heads->assign(n, -1);
  labels->assign(n, 0);
  if (n == 0) return;
  // The heads: copied when every member agrees, else the maximum spanning
  // tree over the proposed arcs.
  bool agree = true;
  for (int k = 1; k < m && agree; ++k) agree = *members[k].heads == *members[0].heads;
  if (agree) {
    *heads = *members[0].heads;
  } else {
    double total = 0;
    for (const auto& mp : members) total += mp.weight;
    // Root arcs pay more than any tree can score, so the tree has as few
    // root words as the proposals allow: one (each member's tree has one).
    const double root_penalty = 2.0 * (n + 1) * (total + 1.0);
    const double tie = 1e-6 * (total + 1.0);
    thread_local std::vector<ScoredArc> arcs;
    thread_local std::vector<int> tree;
    arcs.clear();
    for (int d = 0; d < n; ++d) {
      const std::size_t first = arcs.size();
      for (int k = 0; k < m; ++k) {
        const int h0 = (*members[k].heads)[d];
        const int h = h0 < 0 ? n : h0;
        bool seen = false;
        for (std::size_t a = first; a < arcs.size() && !seen; ++a) {
          if (arcs[a].head == h) {
            arcs[a].score += members[k].weight;
            seen = true;
          }
        }
        if (!seen) {
          arcs.push_back({h, d, members[k].weight + (k == 0 ? tie : 0.0) -
                                    (h == n ? root_penalty : 0.0)});
        }
      }
    }
    MaxSpanningTree(n, arcs, &tree);
    for (int d = 0; d < n; ++d) (*heads)[d] = tree[d] == n ? -1 : tree[d];
  }
  // The labels: the weighted vote of the members that proposed the arc;
  // between labels of equal votes, the highest-weighted proposer's (of
  // equal weights, the earlier member's).
  for (int d = 0; d < n; ++d) {
    int best = -1, best_by = -1;
    double best_votes = -1;
    for (int k = 0; k < m; ++k) {
      if ((*members[k].heads)[d] != (*heads)[d]) continue;
      const int lab = (*members[k].labels)[d];
      double votes = 0;
      int by = -1;  // the label's highest-weighted proposer
      for (int j = 0; j < m; ++j) {
        if ((*members[j].heads)[d] != (*heads)[d] || (*members[j].labels)[d] != lab) continue;
        votes += members[j].weight;
        if (by < 0 || members[j].weight > members[by].weight) by = j;
      }
      const bool better = votes > best_votes ||
                          (votes == best_votes && members[by].weight > members[best_by].weight);
      if (best < 0 || better) {
        best = lab;
        best_votes = votes;
        best_by = by;
      }
    }
    // Every chosen arc was proposed by some member (the tree uses proposed
    // arcs only), so best >= 0.
    (*labels)[d] = best < 0 ? (*members[0].labels)[d] : best;
  }
}

void ParserEnsemble::Add(Parser parser, double weight) {
  std::vector<int> map(parser.num_labels(), -1);
  for (int l = 0; l < parser.num_labels(); ++l) {
    const std::string& name = parser.label(l);
    auto it = std::find(labels_.begin(), labels_.end(), name);
    if (it == labels_.end()) {
      labels_.push_back(name);
      it = labels_.end() - 1;
    }
    map[l] = static_cast<int>(it - labels_.begin());
  }
  label_map_.push_back(std::move(map));
  members_.push_back(std::move(parser));
  weights_.push_back(weight);
}

void ParserEnsemble::Parse(const std::vector<WordInfo>& words,
                           const std::vector<std::uint64_t>& tags, std::vector<int>* heads,
                           std::vector<int>* labels, int* agreeing) const {
  const int m = size();
  thread_local std::vector<std::vector<int>> mh, ml;
  thread_local std::vector<MemberParse> parses;
  if (static_cast<int>(mh.size()) < m) {
    mh.resize(m);
    ml.resize(m);
  }
  parses.clear();
  for (int k = 0; k < m; ++k) {
    members_[k].Parse(words, tags, &mh[k], &ml[k]);
    for (int& l : ml[k]) l = label_map_[k][l];
    parses.push_back({&mh[k], &ml[k], weights_[k]});
  }
  CombineParses(parses, heads, labels);
  if (agreeing) {
    *agreeing = 0;
    for (int k = 0; k < m; ++k) *agreeing += mh[k] == *heads;
  }
}

}  // namespace dyad::analyze
