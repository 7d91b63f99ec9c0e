#include "analyze/relabeler.h"

#include <algorithm>

#include "analyze/features.h"

namespace dyad::analyze {
namespace {

void SetBit(Relabeler::LabelSet* s, int l) {
  (*s)[l >> 6] |= std::uint64_t{1} << (l & 63);
}

// A key for a set of labels.
std::uint64_t SetKey(const Relabeler::LabelSet& s) {
  return Mix64(s[0] + 1) ^ (s[1] * 0x9e3779b97f4a7c15ULL);
}

std::uint64_t DistBucket(int dist) {
  if (dist <= 3) return static_cast<std::uint64_t>(dist);
  if (dist <= 5) return 4;
  if (dist <= 10) return 5;
  return 6;
}

}  // namespace

int Relabeler::LabelId(std::string_view name) const {
  for (int l = 0; l < num_labels(); ++l) {
    if (labels_[l] == name) return l;
  }
  return -1;
}

void Relabeler::BuildTree(const std::vector<WordInfo>& words,
                          const std::vector<std::uint64_t>& tags,
                          const std::vector<int>& heads, Tree* t) const {
  const int n = static_cast<int>(heads.size());
  t->words = &words;
  t->tags = &tags;
  t->heads = &heads;
  t->kid_begin.assign(n + 2, 0);
  for (int i = 0; i < n; ++i) {
    if (heads[i] >= 0) ++t->kid_begin[heads[i] + 2];
  }
  for (int i = 0; i < n; ++i) t->kid_begin[i + 2] += t->kid_begin[i + 1];
  t->kids.resize(static_cast<std::size_t>(t->kid_begin[n + 1]));
  for (int i = 0; i < n; ++i) {
    if (heads[i] >= 0) t->kids[t->kid_begin[heads[i] + 1]++] = i;
  }
  t->kid_begin.pop_back();  // now kid_begin[h] .. kid_begin[h + 1], ascending
  t->upos.resize(n);
  t->punct_before.resize(n + 1);
  t->punct_before[0] = 0;
  for (int i = 0; i < n; ++i) {
    const std::uint32_t u = upos_of_tag_.Get(tags[i]);
    t->upos[i] = u == FlatMap::kMissing ? 0 : static_cast<int>(u);
    t->punct_before[i + 1] =
        t->punct_before[i] + (punct_upos_ > 0 && t->upos[i] == punct_upos_);
  }
}

int Relabeler::Features(const Tree& t, int d, bool parser_label,
                        std::uint64_t* out) {
  const auto& W = *t.words;
  const auto& T = *t.tags;
  const auto& heads = *t.heads;
  const int n = static_cast<int>(heads.size());
  const int h = heads[d];
  auto L = [&](int x) { return static_cast<std::uint64_t>(t.labels[x] + 2); };
  // Without the parser's label, its features still exist (constant key
  // parts), so the feature layout is the same.
  const std::uint64_t pl = parser_label ? L(d) : 0, dp = T[d], hp = T[h],
                      dw = W[d].lower, hw = W[h].lower;
  const std::uint64_t dir = d < h ? 1 : 2;
  const std::uint64_t dist = DistBucket(d < h ? h - d : d - h);
  const int hh = heads[h];
  const std::uint64_t hl = L(h), hhp = hh >= 0 ? T[hh] : 1;
  const std::uint64_t du = static_cast<std::uint64_t>(t.upos[d]),
                      hu = static_cast<std::uint64_t>(t.upos[h]);
  int k = 0;
  out[k++] = FeatKey(1, pl);
  out[k++] = FeatKey(2, pl, dp);
  out[k++] = FeatKey(3, pl, dp, hp);
  out[k++] = FeatKey(4, pl, dw);
  out[k++] = FeatKey(5, dw, dp);
  out[k++] = FeatKey(6, hw, hp);
  out[k++] = FeatKey(7, dp, hp, dir);
  out[k++] = FeatKey(8, dp, hp, dist * 4 + dir);
  out[k++] = FeatKey(9, dw, hp, dir);
  out[k++] = FeatKey(10, dp, hw, dir);
  out[k++] = FeatKey(11, dw, hw, dir);
  out[k++] = FeatKey(12, pl, hw);
  out[k++] = FeatKey(13, W[d].suf[2], dp);
  out[k++] = FeatKey(14, hl, dp, hp);
  out[k++] = FeatKey(15, hhp, hp, dp);
  out[k++] = FeatKey(16, hl, pl);
  out[k++] = FeatKey(17, du, hu, pl);
  out[k++] = FeatKey(18, du, hu, dir * 16 + dist);
  const int lo = std::min(d, h), hi = std::max(d, h);
  const int np = std::min(t.punct_before[hi] - t.punct_before[lo + 1], 3);
  out[k++] = FeatKey(19, static_cast<std::uint64_t>(np) * 4 + dir, dp, hp);
  // The words around the dependent and the head.
  auto tag_at = [&](int x) -> std::uint64_t {
    return x < 0 ? 2 : (x >= n ? 3 : T[x]);
  };
  out[k++] = FeatKey(30, tag_at(d - 1), dp, hp);
  out[k++] = FeatKey(31, dp, tag_at(d + 1), hp);
  out[k++] = FeatKey(32, d + 1 < n ? W[d + 1].lower : 3, dp);
  out[k++] = FeatKey(33, tag_at(h - 1), hp, tag_at(h + 1));
  // The dependent's children.
  const int kb = t.kid_begin[d], ke = t.kid_begin[d + 1];
  LabelSet kset{0, 0};
  for (int i = kb; i < ke; ++i) {
    if (t.labels[t.kids[i]] >= 0) SetBit(&kset, t.labels[t.kids[i]]);
  }
  out[k++] =
      FeatKey(20, static_cast<std::uint64_t>(std::min(ke - kb, 5)) + 1, dp, pl);
  out[k++] = FeatKey(21, SetKey(kset), dp);
  out[k++] = FeatKey(22, SetKey(kset), pl);
  for (int i = kb; i < std::min(ke, kb + kMaxKids); ++i) {
    const int c = t.kids[i];
    const std::uint64_t lc = L(c), side = c < d ? 1 : 2, cw = W[c].lower;
    out[k++] = FeatKey(23, lc, dp, side);
    out[k++] = FeatKey(24, lc, cw, hp);
    out[k++] = FeatKey(25, lc, cw, pl);
    out[k++] = FeatKey(34, lc, T[c], dp);
  }
  // The head's other children: the nearest kMaxSiblings around d.
  const int sb = t.kid_begin[h], se = t.kid_begin[h + 1];
  int r = sb;
  while (r < se && t.kids[r] != d) ++r;
  int from = std::max(sb, r - kMaxSiblings / 2),
      to = std::min(se, r + kMaxSiblings / 2 + 1);
  LabelSet sset{0, 0};
  for (int i = sb; i < se; ++i) {
    const int s = t.kids[i];
    if (s != d && t.labels[s] >= 0) SetBit(&sset, t.labels[s]);
  }
  for (int i = from; i < to; ++i) {
    const int s = t.kids[i];
    if (s == d) continue;
    const std::uint64_t ls = L(s), side = s < d ? 1 : 2;
    out[k++] = FeatKey(26, ls, dp, side);
    out[k++] = FeatKey(27, ls, pl, side);
  }
  out[k++] = FeatKey(28, SetKey(sset), dp, hp);
  // Rank: the head's children between d and the head.
  int between = 0;
  for (int i = sb; i < se; ++i) between += t.kids[i] > lo && t.kids[i] < hi;
  out[k++] = FeatKey(
      29, static_cast<std::uint64_t>(std::min(between, 3)) * 4 + dir, dp, hp);
  return k;
}

Relabeler::LabelSet Relabeler::Allowed(const Tree& t, int d) const {
  LabelSet s{0, 0};
  const int h = (*t.heads)[d];
  const std::uint32_t idx = allowed_index_.Get(PairKey(t.upos[d], t.upos[h]));
  if (idx == FlatMap::kMissing) {
    for (int l = 0; l < num_labels(); ++l) SetBit(&s, l);
  } else {
    s = allowed_[idx];
  }
  if (t.labels[d] >= 0) SetBit(&s, t.labels[d]);
  s[root_label_ >> 6] &= ~(std::uint64_t{1} << (root_label_ & 63));
  return s;
}

int Relabeler::Best(const Tree& t, int d, const std::int32_t* scores) const {
  const LabelSet s = Allowed(t, d);
  int best = -1;
  for (int w = 0; w < 2; ++w) {
    for (std::uint64_t m = s[w]; m; m &= m - 1) {
      const int l = w * 64 + __builtin_ctzll(m);
      if (best < 0 || scores[l] > scores[best]) best = l;
    }
  }
  const int in = t.labels[d];
  if (best < 0) return in;
  if (in >= 0 && in != best && in != root_label_ &&
      static_cast<float>(scores[best] - scores[in]) * model_.scale() <=
          min_margin_) {
    return in;
  }
  return best;
}

void Relabeler::Bind(const Parser& parser) {
  from_parser_.assign(parser.num_labels(), -1);
  for (int l = 0; l < parser.num_labels(); ++l)
    from_parser_[l] = LabelId(parser.label(l));
  to_parser_.assign(num_labels(), -1);
  for (int l = 0; l < parser.num_labels(); ++l) {
    if (from_parser_[l] >= 0 && to_parser_[from_parser_[l]] < 0)
      to_parser_[from_parser_[l]] = l;
  }
}

void Relabeler::Relabel(const std::vector<WordInfo>& words,
                        const std::vector<std::uint64_t>& tags,
                        const std::vector<int>& heads,
                        std::vector<int>* parser_labels) const {
  thread_local Tree t;
  thread_local std::vector<int> out;
  const int n = static_cast<int>(heads.size());
  t.labels.resize(n);
  for (int i = 0; i < n; ++i) t.labels[i] = from_parser_[(*parser_labels)[i]];
  BuildTree(words, tags, heads, &t);
  out.assign(n, -1);
  std::uint64_t keys[kMaxFeatures];
  std::int32_t scores[kMaxLabels];
  const int nl = num_labels();
  for (int d = 0; d < n; ++d) {
    if (heads[d] < 0) continue;
    const int nk = Features(t, d, parser_label_, keys);
    std::fill(scores, scores + nl, 0);
    model_.Score(keys, nk, scores);
    const int best = Best(t, d, scores);
    if (best >= 0) out[d] = to_parser_[best];
  }
  for (int d = 0; d < n; ++d) {
    if (out[d] >= 0) (*parser_labels)[d] = out[d];
  }
}

void Relabeler::Save(ByteWriter* w) const {
  w->Strings(labels_);
  w->Varint(static_cast<std::uint64_t>(root_label_));
  w->Varint(static_cast<std::uint64_t>(num_upos_));
  w->Varint(static_cast<std::uint64_t>(punct_upos_));
  upos_of_tag_.Save(w);
  // Allowed sets in pair-key order (deterministic files).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  for (int du = 0; du <= num_upos_; ++du) {
    for (int hu = 0; hu <= num_upos_; ++hu) {
      const std::uint32_t idx = allowed_index_.Get(PairKey(du, hu));
      if (idx != FlatMap::kMissing) pairs.emplace_back(PairKey(du, hu), idx);
    }
  }
  w->Varint(pairs.size());
  for (const auto& [key, idx] : pairs) {
    w->Varint(key);
    w->Pod(allowed_[idx][0]);
    w->Pod(allowed_[idx][1]);
  }
  model_.Save(w);
  w->Varint(parser_label_ ? 1 : 0);
  w->Pod<float>(min_margin_);
}

bool Relabeler::Load(ByteReader* r) {
  std::uint64_t root = 0, nu = 0, punct = 0, np = 0;
  if (!r->Strings(&labels_) || labels_.empty() || labels_.size() > kMaxLabels)
    return false;
  if (!r->Varint(&root) || root >= labels_.size()) return false;
  if (!r->Varint(&nu) || nu >= 1024 || !r->Varint(&punct) || punct > nu)
    return false;
  root_label_ = static_cast<int>(root);
  num_upos_ = static_cast<int>(nu);
  punct_upos_ = static_cast<int>(punct);
  if (!upos_of_tag_.Load(r) ||
      !upos_of_tag_.AllValuesBelow(static_cast<std::uint32_t>(nu) + 1)) {
    return false;
  }
  if (!r->Varint(&np) || np > r->remaining()) return false;
  std::vector<std::pair<std::uint64_t, std::uint32_t>> index;
  allowed_.clear();
  LabelSet valid{0, 0};
  for (int l = 0; l < num_labels(); ++l) SetBit(&valid, l);
  for (std::uint64_t i = 0; i < np; ++i) {
    std::uint64_t key = 0;
    LabelSet s{0, 0};
    if (!r->Varint(&key) || !r->Pod(&s[0]) || !r->Pod(&s[1])) return false;
    if ((s[0] & ~valid[0]) || (s[1] & ~valid[1])) return false;
    index.emplace_back(key, static_cast<std::uint32_t>(allowed_.size()));
    allowed_.push_back(s);
  }
  allowed_index_.Build(index);
  if (!model_.Load(r) || model_.num_classes() != num_labels()) return false;
  std::uint64_t pl = 0;
  if (!r->Varint(&pl) || pl > 1 || !r->Pod(&min_margin_) || !(min_margin_ >= 0))
    return false;
  parser_label_ = pl == 1;
  return r->ok() && r->remaining() == 0;
}

Status SaveRelabelModel(const std::string& path, const Relabeler& relabeler) {
  ByteWriter w;
  relabeler.Save(&w);
  return WriteModelFile(path, kRelabelMagic, 1, w.data());
}

Status LoadRelabelModel(const std::string& path, Relabeler* relabeler) {
  auto payload = ReadModelFile(path, kRelabelMagic, 1);
  if (!payload.ok()) return payload.status().WithContext(path);
  ByteReader r(*payload);
  if (!relabeler->Load(&r) || !r.ok()) {
    return DataLossError(path + ": corrupt or incompatible relabel model");
  }
  return Status::OK();
}

}  // namespace dyad::analyze
