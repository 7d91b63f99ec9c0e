#include "analyze/parser.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <string_view>

#include "analyze/features.h"

namespace dyad::analyze {

void ParseState::Init(int words) {
  n = words;
  b = 0;
  steps = 0;
  stack.clear();
  rebuf.clear();
  loc.assign(n + 1, kInBuffer);
  unshiftable.assign(n + 1, 0);
  head.assign(n + 1, -1);
  label.assign(n + 1, -1);
  l1.assign(n + 1, -1);
  l2.assign(n + 1, -1);
  r1.assign(n + 1, -1);
  r2.assign(n + 1, -1);
  nl.assign(n + 1, 0);
  nr.assign(n + 1, 0);
  lset.assign(n + 1, 0);
  rset.assign(n + 1, 0);
}

void ParseState::AddArc(int h, int d, int lab) {
  head[d] = h;
  label[d] = lab;
  std::uint64_t bit = std::uint64_t{1} << (lab & 63);
  if (d < h) {
    if (l1[h] < 0 || d < l1[h]) {
      l2[h] = l1[h];
      l1[h] = d;
    } else if (l2[h] < 0 || d < l2[h]) {
      l2[h] = d;
    }
    ++nl[h];
    lset[h] |= bit;
  } else {
    if (r1[h] < 0 || d > r1[h]) {
      r2[h] = r1[h];
      r1[h] = d;
    } else if (r2[h] < 0 || d > r2[h]) {
      r2[h] = d;
    }
    ++nr[h];
    rset[h] |= bit;
  }
}

void ParseState::RemoveArc(int d) {
  const int h = head[d];
  head[d] = -1;
  label[d] = -1;
  if (h < 0) return;
  // Rare (a repair): rebuild the children of h on the side of d from the
  // heads, outermost first.
  const bool left = d < h;
  int& first = left ? l1[h] : r1[h];
  int& second = left ? l2[h] : r2[h];
  std::uint64_t& set = left ? lset[h] : rset[h];
  --(left ? nl[h] : nr[h]);
  first = second = -1;
  set = 0;
  for (int i = left ? 0 : n - 1; left ? i < h : i > h; i += left ? 1 : -1) {
    if (head[i] != h) continue;
    if (first < 0) {
      first = i;
    } else if (second < 0) {
      second = i;
    }
    set |= std::uint64_t{1} << (label[i] & 63);
  }
}

void GuideView::Build(const GuideTree& g, bool reverse) {
  n = static_cast<int>(g.head.size());
  head.resize(n);
  label.resize(n);
  kid_begin.assign(n + 2, 0);
  kids.resize(n);
  for (int i = 0; i < n; ++i) {
    const int src = reverse ? n - 1 - i : i;
    int h = g.head[src];
    if (h < 0 || h >= n) {
      h = n;
    } else if (reverse) {
      h = n - 1 - h;
    }
    head[i] = h;
    label[i] = g.label[src];
    ++kid_begin[h + 1];
  }
  for (int i = 0; i <= n; ++i) kid_begin[i + 1] += kid_begin[i];
  std::vector<int> fill(kid_begin.begin(), kid_begin.end() - 1);
  for (int i = 0; i < n; ++i) kids[fill[head[i]]++] = i;
}

bool Parser::Legal(const ParseState& s, int cls, int num_labels, bool non_monotonic) {
  const bool has_s0 = !s.stack.empty();
  const int n0 = s.B(0);
  const bool word_n0 = n0 >= 0 && n0 < s.n;
  const bool s0_headed = has_s0 && s.head[s.stack.back()] >= 0;
  if (!RepairsAllowed(s, non_monotonic)) {
    if (cls == kShift) return word_n0;
    if (cls == kReduce) return s0_headed;
    if (cls < kFirstArc + num_labels) return has_s0 && !s0_headed;  // LEFT
    return has_s0 && word_n0;                                        // RIGHT
  }
  if (cls == kShift) return word_n0 && (!has_s0 || !s.unshiftable[n0]);
  if (cls == kReduce) return s0_headed || s.stack.size() >= 2;
  if (cls < kFirstArc + num_labels) return has_s0;  // LEFT
  return has_s0 && word_n0;                         // RIGHT
}

void Parser::Apply(ParseState* s, int cls, int num_labels) {
  ++s->steps;
  // Takes the buffer's front word (an unshifted one first).
  auto take_n0 = [s]() {
    int x;
    if (!s->rebuf.empty()) {
      x = s->rebuf.back();
      s->rebuf.pop_back();
      s->unshiftable[x] = 0;
    } else {
      x = s->b++;
    }
    s->loc[x] = ParseState::kOnStack;
    s->stack.push_back(x);
  };
  if (cls == kShift) {
    take_n0();
  } else if (cls == kReduce) {
    const int s0 = s->stack.back();
    s->stack.pop_back();
    if (s->head[s0] >= 0) {
      s->loc[s0] = ParseState::kDone;
    } else {  // Unshift
      s->loc[s0] = ParseState::kInBuffer;
      s->unshiftable[s0] = 1;
      s->rebuf.push_back(s0);
    }
  } else if (cls < kFirstArc + num_labels) {
    const int s0 = s->stack.back(), n0 = s->B(0);
    if (s->head[s0] >= 0) s->RemoveArc(s0);
    s->AddArc(n0, s0, cls - kFirstArc);
    s->stack.pop_back();
    s->loc[s0] = ParseState::kDone;
    if (n0 < s->n) s->unshiftable[n0] = 0;
  } else {
    s->AddArc(s->stack.back(), s->B(0), cls - kFirstArc - num_labels);
    take_n0();
  }
}

int Parser::GuideFeatures(const ParseState& s, const std::vector<std::uint64_t>& tags,
                          const GuideView& g, std::uint64_t* out) {
  const int n = s.n;
  auto P = [&](int x) -> std::uint64_t { return x < 0 ? 0 : (x >= n ? 1 : tags[x]); };
  auto gh = [&](int x) { return x < 0 || x >= n ? -2 : g.head[x]; };
  auto gl = [&](int x) -> std::uint64_t { return x < 0 || x >= n ? 0 : g.label[x]; };
  const int s0 = s.stack.empty() ? -1 : s.stack.back();
  const int s1 = s.stack.size() >= 2 ? s.stack[s.stack.size() - 2] : -1;
  const int n0 = s.B(0), n1 = s.B(1);
  // Where x's guide head lies: 0 no word, 1 the root, 2 `other` (s0 or n0),
  // 3 on the stack, 4 in the buffer, 5 done (reduced).
  auto where = [&](int x, int other) -> std::uint64_t {
    const int h = gh(x);
    if (h == -2) return 0;
    if (h >= n) return 1;
    if (h == other) return 2;
    return s.loc[h] == ParseState::kOnStack ? 3 : (s.loc[h] == ParseState::kInBuffer ? 4 : 5);
  };
  // Guide dependents of x at `where` (capped at 2).
  auto kids_at = [&](int x, char where_loc, int skip) -> std::uint64_t {
    if (x < 0 || x >= n) return 3;
    int c = 0;
    for (int k = g.kid_begin[x]; k < g.kid_begin[x + 1] && c < 2; ++k) {
      const int d = g.kids[k];
      c += d != skip && s.loc[d] == where_loc;
    }
    return static_cast<std::uint64_t>(c);
  };
  const std::uint64_t s0p = P(s0), n0p = P(n0);
  // The guide's arc between s0 and n0: 1 s0 <- n0, 2 s0 -> n0, 0 none, 3 no pair.
  std::uint64_t rel = 3, rel_label = 0;
  if (s0 >= 0 && n0 >= 0) {
    if (gh(s0) == n0) {
      rel = 1, rel_label = gl(s0);
    } else if (gh(n0) == s0) {
      rel = 2, rel_label = gl(n0);
    } else {
      rel = 0;
    }
  }
  const std::uint64_t ws0 = where(s0, n0), wn0 = where(n0, s0);
  // s0's current head against its guide head: 0 none, 1 another, 2 the same.
  const std::uint64_t agree = s0 < 0 || s.head[s0] < 0 ? 0 : (s.head[s0] == gh(s0) ? 2 : 1);
  const std::uint64_t pending = kids_at(s0, ParseState::kInBuffer, n0) * 4 +
                                kids_at(n0, ParseState::kOnStack, s0);
  int k = 0;
  out[k++] = FeatKey(80, rel, rel_label);
  out[k++] = FeatKey(81, rel, s0p, n0p);
  out[k++] = FeatKey(82, wn0, n0p, gl(n0));
  out[k++] = FeatKey(83, ws0 * 3 + agree, s0p, gl(s0));
  out[k++] = FeatKey(84, (ws0 * 8 + wn0) * 3 + agree, pending, rel);
  out[k++] = FeatKey(85, gl(s0), gl(n0), rel);
  const std::uint64_t s1_code = s1 < 0 ? 0 : 1 + (gh(s1) == n0) + 2 * (gh(n0) == s1);
  out[k++] = FeatKey(86, s1_code, P(s1), n0p);
  const std::uint64_t n1_code = n1 < 0 || n1 >= n
                                    ? 0
                                    : 1 + (gh(n1) == s0) + 2 * (gh(s0) == n1) +
                                          4 * (gh(n1) == n0) + 8 * (gh(n0) == n1);
  out[k++] = FeatKey(87, n1_code, n0p, P(n1));
  return k;
}

int Parser::Features(const ParseState& s, const std::vector<WordInfo>& words,
                     const std::vector<std::uint64_t>& tags, std::uint64_t* out,
                     const GuideView* guide, bool lite) {
  static const std::uint64_t kNoneW = HashStr("<none>"), kRootW = HashStr("<root>");
  const int n = s.n;
  auto W = [&](int x) -> std::uint64_t { return x < 0 ? kNoneW : (x >= n ? kRootW : words[x].lower); };
  auto P = [&](int x) -> std::uint64_t {
    return x < 0 ? 0 : (x >= n ? 1 : tags[x]);
  };
  auto L = [&](int x) -> std::uint64_t {
    return x < 0 || x >= n ? 0 : static_cast<std::uint64_t>(s.label[x] + 2);
  };
  auto at = [&](const std::vector<int>& v, int x) { return x < 0 ? -1 : v[x]; };
  const int s0 = s.stack.empty() ? -1 : s.stack.back();
  const int s1 = s.stack.size() >= 2 ? s.stack[s.stack.size() - 2] : -1;
  const int n0 = s.B(0), n1 = s.B(1), n2 = s.B(2);
  const int s0h = s0 >= 0 && s.head[s0] < n ? s.head[s0] : -1;
  const int s0h2 = s0h >= 0 && s.head[s0h] < n ? s.head[s0h] : -1;
  const int s0l = at(s.l1, s0), s0l2 = at(s.l2, s0), s0r = at(s.r1, s0), s0r2 = at(s.r2, s0);
  const int n0l = at(s.l1, n0), n0l2 = at(s.l2, n0);
  const std::uint64_t s0w = W(s0), s0p = P(s0), n0w = W(n0), n0p = P(n0);
  const std::uint64_t n1w = W(n1), n1p = P(n1), n2w = W(n2), n2p = P(n2);
  std::uint64_t dist = 0;
  if (s0 >= 0 && n0 >= 0) dist = static_cast<std::uint64_t>(std::min(n0 - s0, 10)) + 1;
  int k = 0;
  // Single words.
  out[k++] = FeatKey(1, s0w, s0p);
  out[k++] = FeatKey(2, s0w);
  out[k++] = FeatKey(3, s0p);
  out[k++] = FeatKey(4, n0w, n0p);
  out[k++] = FeatKey(5, n0w);
  out[k++] = FeatKey(6, n0p);
  out[k++] = FeatKey(7, n1w, n1p);
  out[k++] = FeatKey(8, n1w);
  out[k++] = FeatKey(9, n1p);
  out[k++] = FeatKey(10, n2w, n2p);
  out[k++] = FeatKey(11, n2w);
  out[k++] = FeatKey(12, n2p);
  // Pairs.
  out[k++] = FeatKey(13, Mix64(s0w ^ s0p), n0w, n0p);
  out[k++] = FeatKey(14, Mix64(s0w ^ s0p), n0w);
  out[k++] = FeatKey(15, s0w, n0w, n0p);
  out[k++] = FeatKey(16, Mix64(s0w ^ s0p), n0p);
  out[k++] = FeatKey(17, s0p, n0w, n0p);
  out[k++] = FeatKey(18, s0w, n0w);
  out[k++] = FeatKey(19, s0p, n0p);
  out[k++] = FeatKey(20, n0p, n1p);
  // Three tags.
  out[k++] = FeatKey(21, n0p, n1p, n2p);
  out[k++] = FeatKey(22, s0p, n0p, n1p);
  out[k++] = FeatKey(23, P(s0h), s0p, n0p);
  out[k++] = FeatKey(24, s0p, P(s0l), n0p);
  out[k++] = FeatKey(25, s0p, P(s0r), n0p);
  out[k++] = FeatKey(26, s0p, n0p, P(n0l));
  // Distance.
  out[k++] = FeatKey(27, s0w, dist);
  out[k++] = FeatKey(28, s0p, dist);
  out[k++] = FeatKey(29, n0w, dist);
  out[k++] = FeatKey(30, n0p, dist);
  out[k++] = FeatKey(31, s0w, n0w, dist);
  out[k++] = FeatKey(32, s0p, n0p, dist);
  // Valency.
  const std::uint64_t s0vr = s0 >= 0 ? s.nr[s0] + 1 : 0, s0vl = s0 >= 0 ? s.nl[s0] + 1 : 0;
  const std::uint64_t n0vl = n0 >= 0 ? s.nl[n0] + 1 : 0;
  out[k++] = FeatKey(33, s0w, s0vr);
  out[k++] = FeatKey(34, s0p, s0vr);
  out[k++] = FeatKey(35, s0w, s0vl);
  out[k++] = FeatKey(36, s0p, s0vl);
  out[k++] = FeatKey(37, n0w, n0vl);
  out[k++] = FeatKey(38, n0p, n0vl);
  // Unigrams of heads and children.
  out[k++] = FeatKey(39, W(s0h));
  out[k++] = FeatKey(40, P(s0h));
  out[k++] = FeatKey(41, L(s0));
  out[k++] = FeatKey(42, W(s0l));
  out[k++] = FeatKey(43, P(s0l));
  out[k++] = FeatKey(44, L(s0l));
  out[k++] = FeatKey(45, W(s0r));
  out[k++] = FeatKey(46, P(s0r));
  out[k++] = FeatKey(47, L(s0r));
  out[k++] = FeatKey(48, W(n0l));
  out[k++] = FeatKey(49, P(n0l));
  out[k++] = FeatKey(50, L(n0l));
  // Third order.
  out[k++] = FeatKey(51, W(s0h2));
  out[k++] = FeatKey(52, P(s0h2));
  out[k++] = FeatKey(53, L(s0h));
  out[k++] = FeatKey(54, W(s0l2));
  out[k++] = FeatKey(55, P(s0l2));
  out[k++] = FeatKey(56, L(s0l2));
  out[k++] = FeatKey(57, W(s0r2));
  out[k++] = FeatKey(58, P(s0r2));
  out[k++] = FeatKey(59, L(s0r2));
  out[k++] = FeatKey(60, W(n0l2));
  out[k++] = FeatKey(61, P(n0l2));
  out[k++] = FeatKey(62, L(n0l2));
  out[k++] = FeatKey(63, s0p, P(s0l), P(s0l2));
  out[k++] = FeatKey(64, s0p, P(s0r), P(s0r2));
  out[k++] = FeatKey(65, s0p, P(s0h), P(s0h2));
  out[k++] = FeatKey(66, n0p, P(n0l), P(n0l2));
  // Label sets.
  const std::uint64_t s0sr = s0 >= 0 ? s.rset[s0] + 1 : 0, s0sl = s0 >= 0 ? s.lset[s0] + 1 : 0;
  const std::uint64_t n0sl = n0 >= 0 ? s.lset[n0] + 1 : 0;
  out[k++] = FeatKey(67, s0w, s0sr);
  out[k++] = FeatKey(68, s0p, s0sr);
  out[k++] = FeatKey(69, s0w, s0sl);
  out[k++] = FeatKey(70, s0p, s0sl);
  out[k++] = FeatKey(71, n0w, n0sl);
  out[k++] = FeatKey(72, n0p, n0sl);
  // The second stack item, and suffixes for unknown words.
  out[k++] = FeatKey(73, W(s1), P(s1));
  out[k++] = FeatKey(74, P(s1), s0p, n0p);
  out[k++] = FeatKey(75, P(s1), L(s1), s0p);
  out[k++] = FeatKey(76, n0 >= 0 && n0 < n ? words[n0].suf[2] : 0, n0p);
  out[k++] = FeatKey(77, s0 >= 0 ? words[s0].suf[2] : 0, s0p);
  out[k++] = FeatKey(78, s0 >= 0 ? static_cast<std::uint64_t>(s.head[s0] >= 0) + 1 : 0, s0p, n0p);
  if (lite) {
    k = 0;
    for (int t : kLiteTemplates) out[k++] = out[t - 1];
  }
  if (guide) k += GuideFeatures(s, tags, *guide, out + k);
  return k;
}

void Parser::SetLabelParts() {
  const int nl = num_labels();
  base_.assign(nl, 0);
  lifted_.assign(nl, -1);
  label_keys_.resize(nl);
  for (int l = 0; l < nl; ++l) label_keys_[l] = GuideLabelKey(labels_[l]);
  for (int l = 0; l < nl; ++l) {
    base_[l] = l;
    auto bar = labels_[l].find('|');
    if (bar == std::string::npos) continue;
    std::string_view base(labels_[l].data(), bar), head(labels_[l].data() + bar + 1);
    for (int m = 0; m < nl; ++m) {
      if (labels_[m] == base) base_[l] = m;
      if (labels_[m] == head) lifted_[l] = m;
    }
  }
}

void Parser::Deprojectivize(std::vector<int>* heads, const std::vector<int>& labels) const {
  thread_local std::vector<int> order, queue;
  thread_local std::vector<std::vector<int>> kids;
  const int n = static_cast<int>(heads->size());
  kids.resize(std::max<std::size_t>(kids.size(), n + 1));
  for (int i = 0; i <= n; ++i) kids[i].clear();
  for (int i = 0; i < n; ++i) kids[(*heads)[i] < 0 ? n : (*heads)[i]].push_back(i);
  // Top-down (breadth-first) order of the words.
  order.assign(1, n);
  for (std::size_t q = 0; q < order.size(); ++q) {
    for (int k : kids[order[q]]) order.push_back(k);
  }
  for (int d : order) {
    if (d == n || lifted_[labels[d]] < 0) continue;
    const int h = (*heads)[d];
    if (h < 0) continue;
    const int want = lifted_[labels[d]];
    queue.assign(1, h);
    int found = -1;
    for (std::size_t q = 0; q < queue.size() && found < 0; ++q) {
      for (int k : kids[queue[q]]) {
        if (k == d) continue;  // not into d's own subtree
        if (base_[labels[k]] == want) {
          found = k;
          break;
        }
        queue.push_back(k);
      }
    }
    if (found < 0) continue;
    auto& v = kids[h];
    v.erase(std::find(v.begin(), v.end(), d));
    kids[found].insert(std::lower_bound(kids[found].begin(), kids[found].end(), d), d);
    (*heads)[d] = found;
  }
}

void Parser::Finish(const ParseState& s, std::vector<int>* heads, std::vector<int>* labels) const {
  const int n = s.n;
  heads->assign(n, -1);
  labels->assign(n, root_label_);
  int root = -1;
  for (int i = 0; i < n; ++i) {
    if (s.head[i] < 0 || s.head[i] >= n) {
      if (root < 0 || (s.label[i] == root_label_ && (*labels)[root] != root_label_)) root = i;
    }
  }
  for (int i = 0; i < n; ++i) {
    int h = s.head[i];
    int lab = s.label[i] < 0 ? fallback_label_ : s.label[i];
    if (h < 0 || h >= n) {
      if (i == root) {
        (*heads)[i] = -1;
        (*labels)[i] = root_label_;
      } else {
        (*heads)[i] = root;
        (*labels)[i] = lab == root_label_ ? fallback_label_ : lab;
      }
    } else {
      (*heads)[i] = h;
      (*labels)[i] = lab == root_label_ ? fallback_label_ : lab;
    }
  }
  bool lifted = false;
  for (int i = 0; i < n; ++i) lifted |= lifted_[(*labels)[i]] >= 0;
  if (lifted) Deprojectivize(heads, *labels);
  for (int i = 0; i < n; ++i) (*labels)[i] = base_[(*labels)[i]];
}

void ReverseParse(std::vector<int>* heads, std::vector<int>* labels) {
  const int n = static_cast<int>(heads->size());
  std::reverse(heads->begin(), heads->end());
  std::reverse(labels->begin(), labels->end());
  for (int& h : *heads) {
    if (h >= 0) h = n - 1 - h;
  }
}

void Parser::Parse(const std::vector<WordInfo>& words, const std::vector<std::uint64_t>& tags,
                   std::vector<int>* heads, std::vector<int>* labels) const {
  if (guide_) {
    thread_local GuideTree g;
    guide_->GuideParse(words, tags, &g);
    ParseInOrder(words, tags, beam_ > 1 ? beam_ : 0, &g, heads, labels);
    return;
  }
  ParseInOrder(words, tags, beam_ > 1 ? beam_ : 0, nullptr, heads, labels);
}

void Parser::ParseBeam(const std::vector<WordInfo>& words, const std::vector<std::uint64_t>& tags,
                       int beam, std::vector<int>* heads, std::vector<int>* labels) const {
  const GuideTree* g = nullptr;
  if (guide_) {
    thread_local GuideTree own;
    guide_->GuideParse(words, tags, &own);
    g = &own;
  }
  ParseInOrder(words, tags, std::clamp(beam, 1, kMaxBeam), g, heads, labels);
}

void Parser::ParseWithGuide(const std::vector<WordInfo>& words,
                            const std::vector<std::uint64_t>& tags, const GuideTree& guide,
                            std::vector<int>* heads, std::vector<int>* labels) const {
  ParseInOrder(words, tags, beam_ > 1 ? beam_ : 0, guide_ ? &guide : nullptr, heads, labels);
}

void Parser::GuideParse(const std::vector<WordInfo>& words, const std::vector<std::uint64_t>& tags,
                        GuideTree* out) const {
  thread_local std::vector<int> labels;
  Parse(words, tags, &out->head, &labels);
  out->label.resize(labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i) out->label[i] = label_keys_[labels[i]];
}

void Parser::ParseInOrder(const std::vector<WordInfo>& words, const std::vector<std::uint64_t>& tags,
                          int beam, const GuideTree* guide, std::vector<int>* heads,
                          std::vector<int>* labels) const {
  const std::vector<WordInfo>* w = &words;
  const std::vector<std::uint64_t>* t = &tags;
  if (right_to_left_) {
    thread_local std::vector<WordInfo> rwords;
    thread_local std::vector<std::uint64_t> rtags;
    rwords.assign(words.rbegin(), words.rend());
    rtags.assign(tags.rbegin(), tags.rend());
    w = &rwords;
    t = &rtags;
  }
  const GuideView* view = nullptr;
  if (guide && guide->head.size() == words.size() && guide->label.size() == words.size()) {
    thread_local GuideView v;
    v.Build(*guide, right_to_left_);
    view = &v;
  }
  if (dense_) {
    ParseDense(*w, *t, heads, labels);
  } else if (beam > 0) {
    ParseBeamInOrder(*w, *t, beam, view, heads, labels);
  } else {
    ParseGreedy(*w, *t, view, heads, labels);
  }
  if (right_to_left_) ReverseParse(heads, labels);
}

bool Parser::set_net(std::shared_ptr<const Parser> net, float weight) {
  if (net && (!net->dense_ || dense_ || net->labels_ != labels_ ||
              net->non_monotonic_ != non_monotonic_ || net->right_to_left_ != right_to_left_ ||
              !(weight >= 0) || !(weight <= 1e6f))) {
    return false;
  }
  net_ = std::move(net);
  net_weight_ = net_ ? weight : 0;
  return true;
}

void Parser::QuantizeDense() {
  if (!dense_) return;
  auto net = std::make_shared<DenseNet>(*dense_);
  net->Quantize();
  dense_ = std::move(net);
}

void Parser::ParseGreedy(const std::vector<WordInfo>& words, const std::vector<std::uint64_t>& tags,
                         const GuideView* guide, std::vector<int>* heads,
                         std::vector<int>* labels) const {
  if (net_) {
    ParseMixed(words, tags, guide, heads, labels);
    return;
  }
  thread_local ParseState s;
  s.Init(static_cast<int>(words.size()));
  const int nl = num_labels(), nc = num_classes();
  std::uint64_t keys[kMaxFeatures];
  std::int32_t scores[2 * 256 + kFirstArc];
  while (!s.Terminal()) {
    int nk = Features(s, words, tags, keys, guide, lite_);
    std::fill(scores, scores + nc, 0);
    model_.Score(keys, nk, scores);
    Apply(&s, BestLegal(s, nl, non_monotonic_, scores), nl);
  }
  Finish(s, heads, labels);
}

void Parser::ParseMixed(const std::vector<WordInfo>& words, const std::vector<std::uint64_t>& tags,
                        const GuideView* guide, std::vector<int>* heads,
                        std::vector<int>* labels) const {
  thread_local ParseState s;
  thread_local std::vector<int> word_ids, tag_ids;
  thread_local std::vector<float> hidden;
  thread_local DenseSentenceCache cache;
  const DenseNet& net = *net_->dense_;
  const int n = static_cast<int>(words.size());
  s.Init(n);
  // The network's view of the sentence is prepared at its first consult
  // (most sentences need few, many none).
  bool prepared = false;
  const int nl = num_labels(), nc = num_classes();
  std::uint64_t keys[kMaxFeatures];
  std::int32_t scores[2 * 256 + kFirstArc];
  float net_scores[DenseNet::kMaxClasses];
  float mixed[DenseNet::kMaxClasses];
  int atoms[DenseNet::kAtoms];
  // The weight is in the perceptron's trained units; its integer scores are
  // in units of scale().
  const float unit = model_.scale() > 0 ? model_.scale() : 1.0f;
  const float w = net_weight_ / unit;
  const float margin = net_margin_ / unit;
  while (!s.Terminal()) {
    int nk = Features(s, words, tags, keys, guide, lite_);
    std::fill(scores, scores + nc, 0);
    model_.Score(keys, nk, scores);
    // A confident perceptron decides alone: its best legal class (the first
    // of equal scores, as BestLegal()) leads the second by the margin.
    int best = -1;
    std::int32_t second = INT32_MIN;
    ForEachLegal(s, nl, non_monotonic_, [&](int lo, int hi) {
      for (int c = lo; c < hi; ++c) {
        if (best < 0 || scores[c] > scores[best]) {
          if (best >= 0) second = scores[best];
          best = c;
        } else if (scores[c] > second) {
          second = scores[c];
        }
      }
    });
    if (second == INT32_MIN || static_cast<float>(scores[best] - second) >= margin) {
      Apply(&s, best, nl);
      continue;
    }
    if (!prepared) {
      word_ids.resize(n);
      tag_ids.resize(n);
      hidden.resize(net.config().hidden);
      net.SentenceIds(words, tags, word_ids.data(), tag_ids.data());
      cache.Reset(net, word_ids.data(), n);
      prepared = true;
    }
    DenseNet::Atoms(s, word_ids.data(), tag_ids.data(), nl, atoms);
    net.Score(atoms, hidden.data(), net_scores, &cache);
    // The network's log-probabilities up to the decision's normaliser,
    // which moves every class alike (so it is left out): its scores less
    // the best legal one, at least -30.
    float top = -1e30f;
    ForEachLegal(s, nl, non_monotonic_, [&](int lo, int hi) {
      for (int c = lo; c < hi; ++c) top = std::max(top, net_scores[c]);
    });
    ForEachLegal(s, nl, non_monotonic_, [&](int lo, int hi) {
      for (int c = lo; c < hi; ++c) {
        mixed[c] = static_cast<float>(scores[c]) + w * std::max(-30.0f, net_scores[c] - top);
      }
    });
    Apply(&s, BestLegal(s, nl, non_monotonic_, mixed), nl);
  }
  Finish(s, heads, labels);
}

void Parser::ParseDense(const std::vector<WordInfo>& words, const std::vector<std::uint64_t>& tags,
                        std::vector<int>* heads, std::vector<int>* labels) const {
  thread_local ParseState s;
  thread_local std::vector<int> word_ids, tag_ids;
  thread_local std::vector<float> hidden;
  thread_local DenseSentenceCache cache;
  const DenseNet& net = *dense_;
  const int n = static_cast<int>(words.size());
  s.Init(n);
  word_ids.resize(n);
  tag_ids.resize(n);
  hidden.resize(net.config().hidden);
  net.SentenceIds(words, tags, word_ids.data(), tag_ids.data());
  cache.Reset(net, word_ids.data(), n);
  const int nl = num_labels();
  int atoms[DenseNet::kAtoms];
  float scores[DenseNet::kMaxClasses];
  while (!s.Terminal()) {
    DenseNet::Atoms(s, word_ids.data(), tag_ids.data(), nl, atoms);
    net.Score(atoms, hidden.data(), scores, &cache);
    Apply(&s, BestLegal(s, nl, non_monotonic_, scores), nl);
  }
  Finish(s, heads, labels);
}

void Parser::Save(ByteWriter* w) const {
  w->Strings(labels_);
  w->Varint(root_label_);
  w->Varint(fallback_label_);
  model_.Save(w);
  // System flags: 1 non-monotonic, 2 right-to-left, 4 guided, 8 lite, 16
  // dense (absent in older files: monotonic, left to right; a left-to-right
  // file is as before).
  // 32: a greedy perceptron with a dense parser mixed in (set_net()).
  w->Varint((non_monotonic_ ? 1 : 0) | (right_to_left_ ? 2 : 0) | (guide_ ? 4 : 0) |
            (lite_ ? 8 : 0) | (dense_ ? 16 : 0) | (net_ ? 32 : 0));
  if (dense_) {  // greedy, never guided or lite: the network only
    dense_->Save(w);
    return;
  }
  if (net_) {  // greedy and unguided: the weight, the margin, the dense parser
    w->Pod(net_weight_);
    w->Pod(net_margin_);
    net_->Save(w);
    return;
  }
  if (guide_) {  // the width always, then the guide parser
    w->Varint(beam_);
    guide_->Save(w);
    return;
  }
  if (beam_ > 1) w->Varint(beam_);    // absent: greedy (files stay as before)
}

bool Parser::Load(ByteReader* r, bool allow_guide) {
  std::uint64_t root, fb;
  if (!r->Strings(&labels_) || labels_.empty() || labels_.size() > 256) return false;
  if (!r->Varint(&root) || !r->Varint(&fb) || root >= labels_.size() || fb >= labels_.size()) {
    return false;
  }
  root_label_ = static_cast<int>(root);
  fallback_label_ = static_cast<int>(fb);
  SetLabelParts();
  if (!model_.Load(r) || model_.num_classes() != num_classes()) return false;
  std::uint64_t system = 0;
  if (r->remaining() > 0 && (!r->Varint(&system) || system > 63)) return false;
  non_monotonic_ = (system & 1) != 0;
  right_to_left_ = (system & 2) != 0;
  lite_ = (system & 8) != 0;
  guide_.reset();
  dense_.reset();
  net_.reset();
  net_weight_ = 0;
  net_margin_ = 1e30f;
  std::uint64_t beam = 1;
  if (system & 32) {  // a dense parser mixed in: weight, margin, the parser
    float weight = 0, margin = 0;
    if ((system & (4 | 16)) || !allow_guide) return false;  // never nested
    if (!r->Pod(&weight) || !r->Pod(&margin) || !(margin >= 0)) return false;
    auto net = std::make_shared<Parser>();
    if (!net->Load(r, /*allow_guide=*/false) || r->remaining() > 0) return false;
    if (!set_net(std::move(net), weight)) return false;
    net_margin_ = margin;
  } else if (system & 16) {  // dense: the network, nothing after it
    if (system & (4 | 8)) return false;
    auto net = std::make_shared<DenseNet>();
    if (!net->Load(r, num_labels(), num_classes()) || r->remaining() > 0) return false;
    dense_ = std::move(net);
  } else if (system & 4) {  // guided: the width, then the guide (not itself guided)
    if (!allow_guide || !r->Varint(&beam) || beam < 1 || beam > kMaxBeam) return false;
    auto guide = std::make_shared<Parser>();
    if (!guide->Load(r, /*allow_guide=*/false)) return false;
    guide_ = std::move(guide);
  } else if (r->remaining() > 0 && (!r->Varint(&beam) || beam < 2 || beam > kMaxBeam)) {
    return false;
  }
  beam_ = static_cast<int>(beam);
  return true;
}

}  // namespace dyad::analyze
