#include "analyze/ner.h"

#include <algorithm>
#include <map>

#include "analyze/features.h"

namespace dyad::analyze {

void Ner::ComputeTypes() {
  std::map<std::string, int> types;
  type_.clear();
  inside_.clear();
  for (const auto& l : labels_) {
    if (l.size() > 2 && (l[0] == 'B' || l[0] == 'I') && l[1] == '-') {
      auto it = types.emplace(l.substr(2), static_cast<int>(types.size())).first;
      type_.push_back(it->second);
      inside_.push_back(l[0] == 'I');
    } else {
      type_.push_back(-1);
      inside_.push_back(0);
    }
  }
}

bool Ner::Allowed(int prev, int l) const {
  if (!inside_[l]) return true;
  return prev >= 0 && type_[prev] == type_[l];
}

std::uint64_t Ner::GazKey(const WordInfo* w, int len) {
  std::uint64_t h = 0x6a09e667f3bcc909ULL;
  for (int i = 0; i < len; ++i) h = Mix64(h ^ w[i].form) + i + 1;
  return h ? h : 1;
}

void Ner::MatchGazetteer(const std::vector<WordInfo>& w, std::vector<std::uint32_t>* gaz) const {
  const int n = static_cast<int>(w.size());
  gaz->assign(n, 0);
  if (gaz_.size() == 0) return;
  for (int i = 0; i < n;) {
    int len = 0;
    std::uint32_t types = 0;
    for (int l = std::min(kMaxGazLen, n - i); l >= 1; --l) {
      std::uint32_t t = gaz_.Get(GazKey(&w[i], l));
      if (t != FlatMap::kMissing) {
        len = l;
        types = t;
        break;
      }
    }
    if (!len) {
      ++i;
      continue;
    }
    for (int j = 0; j < len; ++j) (*gaz)[i + j] = (types << 1) | (j > 0 ? 1u : 0u);
    i += len;
  }
}

int Ner::Features(const std::vector<WordInfo>& w, const std::vector<std::uint64_t>& tags,
                  const std::vector<std::uint32_t>& gaz, int i, int p1, int p2,
                  std::uint64_t* out) {
  const int n = static_cast<int>(w.size());
  auto at = [&](int j) -> const WordInfo& {
    return j < 0 ? StartWord() : (j >= n ? EndWord() : w[j]);
  };
  auto tag = [&](int j) -> std::uint64_t { return j < 0 ? 3 : (j >= n ? 4 : tags[j]); };
  const WordInfo& c = w[i];
  const WordInfo& m1 = at(i - 1);
  const WordInfo& m2 = at(i - 2);
  const WordInfo& n1 = at(i + 1);
  const WordInfo& n2 = at(i + 2);
  std::uint64_t t1 = static_cast<std::uint64_t>(p1 + 2), t2 = static_cast<std::uint64_t>(p2 + 2);
  std::uint64_t first = i == 0 ? 1 : 2;
  int k = 0;
  out[k++] = FeatKey(101, 1);
  out[k++] = FeatKey(102, c.form);
  out[k++] = FeatKey(103, c.lower);
  out[k++] = FeatKey(104, c.shape, first);
  out[k++] = FeatKey(105, c.suf[1]);
  out[k++] = FeatKey(106, c.suf[2]);
  out[k++] = FeatKey(107, c.suf[3]);
  out[k++] = FeatKey(108, c.pre[1]);
  out[k++] = FeatKey(109, c.pre[2]);
  out[k++] = FeatKey(110, c.flags, first);
  out[k++] = FeatKey(111, t1);
  out[k++] = FeatKey(112, t1, t2);
  out[k++] = FeatKey(113, t1, c.form);
  out[k++] = FeatKey(114, m1.form);
  out[k++] = FeatKey(115, n1.form);
  out[k++] = FeatKey(116, m1.lower, c.lower);
  out[k++] = FeatKey(117, c.lower, n1.lower);
  out[k++] = FeatKey(118, m2.lower);
  out[k++] = FeatKey(119, n2.lower);
  out[k++] = FeatKey(120, tag(i));
  out[k++] = FeatKey(121, tag(i - 1), tag(i));
  out[k++] = FeatKey(122, tag(i), tag(i + 1));
  out[k++] = FeatKey(123, t1, tag(i));
  out[k++] = FeatKey(124, m1.shape, c.shape, n1.shape);
  out[k++] = FeatKey(125, t1, c.shape);
  out[k++] = FeatKey(126, n1.shape, tag(i + 1));
  out[k++] = FeatKey(127, m1.shape, t1);
  out[k++] = FeatKey(128, c.form, n1.form);
  out[k++] = FeatKey(129, m1.form, c.form);
  out[k++] = FeatKey(130, tag(i - 1), tag(i), tag(i + 1));
  out[k++] = FeatKey(131, n1.suf[2]);
  out[k++] = FeatKey(132, m1.suf[2]);
  out[k++] = FeatKey(133, c.amb);
  out[k++] = FeatKey(134, t1, c.amb);
  out[k++] = FeatKey(135, m1.lower, tag(i));
  out[k++] = FeatKey(136, n1.lower, tag(i));
  auto g = [&](int j) -> std::uint64_t { return j < 0 || j >= n ? 0x100 : gaz[j] + 1; };
  out[k++] = FeatKey(137, g(i));
  out[k++] = FeatKey(138, g(i), c.shape);
  out[k++] = FeatKey(139, g(i - 1), g(i));
  out[k++] = FeatKey(140, g(i), g(i + 1));
  out[k++] = FeatKey(141, g(i), t1);
  out[k++] = FeatKey(142, g(i), tag(i));
  return k;
}

void Ner::Tag(const std::vector<WordInfo>& words, const std::vector<std::uint64_t>& tags,
              std::vector<int>* labels) const {
  const int n = static_cast<int>(words.size());
  labels->resize(n);
  std::uint64_t keys[kMaxFeatures];
  std::int32_t scores[256];
  const int nl = num_labels();
  thread_local std::vector<std::uint32_t> gaz;
  MatchGazetteer(words, &gaz);
  int p1 = -1, p2 = -1;
  for (int i = 0; i < n; ++i) {
    int nk = Features(words, tags, gaz, i, p1, p2, keys);
    std::fill(scores, scores + nl, 0);
    model_.Score(keys, nk, scores);
    int best = -1;
    for (int l = 0; l < nl; ++l) {
      if ((best < 0 || scores[l] > scores[best]) && Allowed(p1, l)) best = l;
    }
    (*labels)[i] = best;
    p2 = p1;
    p1 = best;
  }
}

void Ner::Save(ByteWriter* w) const {
  w->Strings(labels_);
  gaz_.Save(w);
  model_.Save(w);
}

bool Ner::Load(ByteReader* r) {
  if (!r->Strings(&labels_) || labels_.empty() || labels_.size() > 256) return false;
  ComputeTypes();
  bool has_o = false;
  for (int t : type_) has_o |= t < 0;
  return has_o && gaz_.Load(r) && model_.Load(r) && model_.num_classes() == num_labels();
}

}  // namespace dyad::analyze
