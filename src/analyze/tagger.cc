#include "analyze/tagger.h"

#include <algorithm>
#include <climits>
#include <string>

#include "analyze/features.h"
#include "analyze/ner_net.h"

namespace dyad::analyze {
namespace {

WordInfo MakeSentinel(std::string_view name) {
  WordInfo w;
  std::uint64_t h = HashStr(name);
  w.form = w.lower = w.shape = w.amb = h;
  for (auto& p : w.pre) p = h;
  for (auto& s : w.suf) s = h;
  return w;
}

}  // namespace

const WordInfo& StartWord() {
  static const WordInfo w = MakeSentinel("<s>");
  return w;
}
const WordInfo& EndWord() {
  static const WordInfo w = MakeSentinel("</s>");
  return w;
}

void FillWordInfo(std::string_view form, WordInfo* w) {
  std::string lower;
  LowerAscii(form, &lower);
  w->form = HashStr(form);
  w->lower = HashStr(lower);
  w->shape = HashStr(WordShape(form));
  std::string_view l(lower);
  for (int k = 0; k < 3; ++k) {
    w->pre[k] = HashStr(l.substr(0, std::min<std::size_t>(l.size(), k + 1))) + 11 * (k + 1);
  }
  for (int k = 0; k < 4; ++k) {
    std::size_t n = std::min<std::size_t>(l.size(), k + 1);
    w->suf[k] = HashStr(l.substr(l.size() - n)) + 101 * (k + 1);
  }
  std::uint8_t f = 0;
  bool any_lower = false, any_upper = false;
  for (unsigned char c : form) {
    if (c >= 'A' && c <= 'Z') any_upper = true;
    if (c >= 'a' && c <= 'z') any_lower = true;
    if (c >= '0' && c <= '9') f |= kDigit;
    if (c == '-') f |= kHyphen;
  }
  if (!form.empty() && form[0] >= 'A' && form[0] <= 'Z') f |= kCap;
  if (!form.empty() && form[0] >= 'a' && form[0] <= 'z') f |= kLowerStart;
  if (any_upper && !any_lower) f |= kAllCap;
  w->flags = f;
}

void Tagger::Prepare(const std::vector<std::string_view>& forms,
                     std::vector<WordInfo>* info) const {
  info->resize(forms.size());
  for (std::size_t i = 0; i < forms.size(); ++i) {
    WordInfo& w = (*info)[i];
    FillWordInfo(forms[i], &w);
    std::uint32_t a = amb_.Get(w.lower);
    w.amb = a == FlatMap::kMissing ? 0 : Mix64(a + 7);
    w.sure = sure_.Get(w.lower);
  }
}

int Tagger::Features(const std::vector<WordInfo>& w, int i, int p1, int p2, std::uint64_t* out) {
  const int n = static_cast<int>(w.size());
  auto at = [&](int j) -> const WordInfo& {
    return j < 0 ? StartWord() : (j >= n ? EndWord() : w[j]);
  };
  const WordInfo& c = w[i];
  const WordInfo& m1 = at(i - 1);
  const WordInfo& m2 = at(i - 2);
  const WordInfo& n1 = at(i + 1);
  const WordInfo& n2 = at(i + 2);
  std::uint64_t t1 = static_cast<std::uint64_t>(p1 + 2), t2 = static_cast<std::uint64_t>(p2 + 2);
  int k = 0;
  out[k++] = FeatKey(1, 1);
  out[k++] = FeatKey(2, c.lower);
  out[k++] = FeatKey(3, c.form);
  for (int s = 0; s < 4; ++s) out[k++] = FeatKey(4 + s, c.suf[s]);
  for (int s = 0; s < 3; ++s) out[k++] = FeatKey(8 + s, c.pre[s]);
  out[k++] = FeatKey(11, c.shape);
  out[k++] = FeatKey(12, t1);
  out[k++] = FeatKey(13, t1, t2);
  out[k++] = FeatKey(14, t1, c.lower);
  out[k++] = FeatKey(15, m1.lower);
  out[k++] = FeatKey(16, m2.lower);
  out[k++] = FeatKey(17, n1.lower);
  out[k++] = FeatKey(18, n2.lower);
  out[k++] = FeatKey(19, m1.suf[2]);
  out[k++] = FeatKey(20, n1.suf[2]);
  out[k++] = FeatKey(21, c.amb);
  out[k++] = FeatKey(22, n1.amb);
  out[k++] = FeatKey(23, n2.amb);
  out[k++] = FeatKey(24, c.lower, n1.lower);
  out[k++] = FeatKey(25, m1.lower, c.lower);
  out[k++] = FeatKey(26, t1, n1.amb);
  out[k++] = FeatKey(27, t1, c.suf[2]);
  out[k++] = FeatKey(28, c.amb, n1.amb);
  out[k++] = FeatKey(29, c.shape, i == 0 ? 1 : 2);
  out[k++] = FeatKey(30, n1.shape);
  out[k++] = FeatKey(31, m1.shape);
  out[k++] = FeatKey(32, t1, c.amb);
  out[k++] = FeatKey(33, c.amb, n1.lower);
  out[k++] = FeatKey(34, t1, c.shape);
  out[k++] = FeatKey(35, c.flags & 15, i == 0 ? 1 : 2);
  out[k++] = FeatKey(36, t1, t2, c.amb);
  out[k++] = FeatKey(37, c.suf[1], n1.amb);
  out[k++] = FeatKey(38, m1.lower, c.suf[2]);
  out[k++] = FeatKey(39, c.lower, n1.amb);
  out[k++] = FeatKey(40, t1, c.lower, n1.lower);
  out[k++] = FeatKey(41, c.suf[3], n1.shape);
  out[k++] = FeatKey(42, m1.amb, c.amb, n1.amb);
  return k;
}

int Tagger::RightFeatures(const std::vector<WordInfo>& w, int i, int p1, int r1, int r2,
                          std::uint64_t* out) {
  const WordInfo& c = w[i];
  std::uint64_t t1 = static_cast<std::uint64_t>(p1 + 2);
  std::uint64_t q1 = static_cast<std::uint64_t>(r1 + 2), q2 = static_cast<std::uint64_t>(r2 + 2);
  int k = 0;
  out[k++] = FeatKey(50, q1);
  out[k++] = FeatKey(51, q1, q2);
  out[k++] = FeatKey(52, q1, c.lower);
  out[k++] = FeatKey(53, t1, q1);
  out[k++] = FeatKey(54, q1, c.suf[2]);
  return k;
}

void Tagger::Tag(const std::vector<WordInfo>& info, std::vector<int>* tags) const {
  const int n = static_cast<int>(info.size());
  tags->resize(n);
  std::uint64_t keys[kMaxFeatures];
  std::int32_t scores[1024];
  const int nt = num_tags();
  auto argmax = [&]() {
    int best = 0;
    for (int t = 1; t < nt; ++t) {
      if (scores[t] > scores[best]) best = t;
    }
    return best;
  };
  const bool two_pass = second_.num_classes() == nt;
  thread_local std::vector<std::uint8_t> unsure, have;
  thread_local std::vector<float> logp;
  thread_local NerNet::View view;
  thread_local std::vector<std::uint64_t> no_tags;
  thread_local std::vector<std::uint32_t> no_gaz;
  unsure.assign(n, 0);
  // The window network (weight 0: off) is consulted at the first pass's
  // words whose margin is below its margin, and at every word the second
  // pass re-tags.
  const float weight = !two_pass || !net_ ? 0
                       : (net_weight_override_ >= 0 ? net_weight_override_ : net_->weight());
  const float net_margin =
      weight <= 0 ? -1 : (net_margin_override_ >= 0 ? net_margin_override_ : net_margin_);
  const auto max_margin = static_cast<std::int32_t>(kSecondPassMargin / model_.scale());
  const auto max_net_margin =
      static_cast<std::int32_t>(std::min(net_margin / model_.scale(), 2e9f));
  bool prepared = false;
  // The network's log-probabilities of word i (computed once).
  auto net_logp = [&](int i) {
    if (!prepared) {
      no_tags.assign(n, 0);
      no_gaz.assign(n, 0);
      net_->Prepare(info, no_tags, no_gaz, &view);  // it reads no tags
      have.assign(n, 0);
      logp.resize(static_cast<std::size_t>(n) * nt);
      prepared = true;
    }
    float* lp = &logp[static_cast<std::size_t>(i) * nt];
    if (!have[i]) {
      net_->WordLogProbs(info, view, i, lp);
      have[i] = 1;
    }
    return lp;
  };
  // The best of scores plus the network's weighted log-probabilities.
  auto mixed_argmax = [&](const float* lp, float unit) {
    int best = 0;
    float top = -1e30f;
    for (int t = 0; t < nt; ++t) {
      const float m = static_cast<float>(scores[t]) + unit * std::max(-30.0f, lp[t]);
      if (m > top) top = m, best = t;
    }
    return best;
  };
  int p1 = -1, p2 = -1;
  for (int i = 0; i < n; ++i) {
    int best = 0;
    if (info[i].sure != FlatMap::kMissing) {
      best = static_cast<int>(info[i].sure);
    } else {
      int nk = Features(info, i, p1, p2, keys);
      std::fill(scores, scores + nt, 0);
      model_.Score(keys, nk, scores);
      best = argmax();
      if (two_pass) {
        std::int32_t second = INT32_MIN;
        for (int t = 0; t < nt; ++t) {
          if (t != best && scores[t] > second) second = scores[t];
        }
        unsure[i] = scores[best] - second < max_margin;
        if (scores[best] - second < max_net_margin) {
          best = mixed_argmax(net_logp(i), weight / model_.scale());
        }
      }
    }
    (*tags)[i] = best;
    p2 = p1;
    p1 = best;
  }
  if (!two_pass) return;
  // Second pass over the unsure words: the first pass's tags are the right
  // context.
  thread_local std::vector<int> first;
  first.assign(tags->begin(), tags->end());
  p1 = p2 = -1;
  for (int i = 0; i < n; ++i) {
    int best = first[i];
    if (unsure[i]) {
      int nk = Features(info, i, p1, p2, keys);
      nk += RightFeatures(info, i, p1, i + 1 < n ? first[i + 1] : -1, i + 2 < n ? first[i + 2] : -1,
                          keys + nk);
      std::fill(scores, scores + nt, 0);
      second_.Score(keys, nk, scores);
      best = weight > 0 ? mixed_argmax(net_logp(i), weight / second_.scale()) : argmax();
    }
    (*tags)[i] = best;
    p2 = p1;
    p1 = best;
  }
}

void Tagger::Save(ByteWriter* w) const {
  w->Strings(upos_);
  w->Strings(xpos_);
  amb_.Save(w);
  sure_.Save(w);
  model_.Save(w);
  // Bit 1: the second pass follows; bit 2: then the window network's margin
  // and the network.
  const std::uint8_t two_pass = second_.num_classes() > 0;
  const std::uint8_t flags = two_pass | (net_ && two_pass ? 2 : 0);
  w->Pod(flags);
  if (two_pass) second_.Save(w);
  if (flags & 2) {
    w->Pod(net_margin_);
    net_->Save(w);
  }
}

bool Tagger::set_net(std::shared_ptr<const NerNet> net, float margin) {
  if (net && (second_.num_classes() != num_tags() || net->num_labels() != num_tags() ||
              !(margin >= 0) || !(margin <= 1e9f))) {
    return false;
  }
  net_ = std::move(net);
  net_margin_ = net_ ? margin : 0;
  return true;
}

void Tagger::ComputeKeys() {
  keys_.clear();
  for (std::size_t t = 0; t < upos_.size(); ++t) keys_.push_back(HashStr(upos_[t] + "/" + xpos_[t]) | 2);
}

bool Tagger::Load(ByteReader* r) {
  if (!r->Strings(&upos_) || !r->Strings(&xpos_) || upos_.size() != xpos_.size()) return false;
  if (upos_.empty() || upos_.size() > 1024) return false;
  ComputeKeys();
  if (!amb_.Load(r) || !sure_.Load(r) || !model_.Load(r) || model_.num_classes() != num_tags()) {
    return false;
  }
  std::uint8_t flags = 0;
  if (!r->Pod(&flags) || (flags != 0 && flags != 1 && flags != 3)) return false;
  second_ = LinearModel();
  net_.reset();
  net_margin_ = 0;
  if ((flags & 1) && !(second_.Load(r) && second_.num_classes() == num_tags())) return false;
  if (flags & 2) {
    float margin = 0;
    auto net = std::make_shared<NerNet>();
    if (!r->Pod(&margin) || !net->Load(r)) return false;
    return set_net(std::move(net), margin);
  }
  return true;
}

}  // namespace dyad::analyze
