#include "analyze/morphology.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "analyze/features.h"

namespace dyad::analyze {
namespace {

constexpr int kMaxSuffix = 6;

std::uint64_t ExactKey(std::string_view form, int tag) { return FeatKey(1, HashStr(form), tag + 1); }
std::uint64_t LowerKey(std::string_view lower, int tag) {
  return FeatKey(2, HashStr(lower), tag + 1);
}
std::uint64_t RuleKey(std::string_view suffix, int tag) {
  return FeatKey(3, HashStr(suffix), tag + 1, suffix.size() + 1);
}

std::uint64_t BaseKey(std::string_view lower, int word_class) {
  return FeatKey(4, HashStr(lower), word_class);
}
std::uint64_t IrregularKey(std::string_view lower, int word_class) {
  return FeatKey(5, HashStr(lower), word_class);
}

// WordNet's morphy detachment rules per class (suffix, replacement), in
// its order; `undouble` also tries dropping a doubled final consonant.
struct Detach {
  int word_class;
  const char* suffix;
  const char* add;
  bool undouble;
};
constexpr Detach kDetach[] = {
    {1, "s", "", false},   {1, "ses", "s", false}, {1, "xes", "x", false}, {1, "zes", "z", false},
    {1, "ches", "ch", false}, {1, "shes", "sh", false}, {1, "men", "man", false},
    {1, "ies", "y", false}, {2, "s", "", false},   {2, "ies", "y", false}, {2, "es", "e", false},
    {2, "es", "", false},  {2, "ed", "e", false},  {2, "ed", "", true},    {2, "ing", "e", false},
    {2, "ing", "", true},  {3, "er", "", true},    {3, "est", "", true},   {3, "er", "e", false},
    {3, "est", "e", false}, {4, "er", "", false},  {4, "est", "", false},
};

std::size_t CommonPrefix(std::string_view a, std::string_view b) {
  std::size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
  return n;
}

}  // namespace

std::uint32_t Morphology::Intern(const std::string& s) {
  auto [it, fresh] = intern_.emplace(s, static_cast<std::uint32_t>(strings_.size()));
  if (fresh) strings_.push_back(s);
  return it->second;
}

Morphology Morphology::Train(const std::vector<MorphExample>& examples, int num_tags) {
  Morphology m;
  m.Intern("");
  // (form, tag) -> (lemma, feats) -> count; ordered maps make ties deterministic.
  std::map<std::pair<std::string, int>, std::map<std::pair<std::string, std::string>, int>> exact,
      lower;
  std::vector<std::map<std::string, int>> tag_feats(num_tags);
  std::set<std::tuple<std::string, int, std::string>> types;
  std::string low;
  for (const auto& e : examples) {
    std::string f(e.feats == "_" ? "" : e.feats);
    exact[{std::string(e.form), e.tag}][{std::string(e.lemma), f}]++;
    LowerAscii(e.form, &low);
    lower[{low, e.tag}][{std::string(e.lemma), f}]++;
    tag_feats[e.tag][f]++;
    types.insert({std::string(e.form), e.tag, std::string(e.lemma)});
  }
  auto best_of = [](const std::map<std::pair<std::string, std::string>, int>& c) {
    const std::pair<std::string, std::string>* best = nullptr;
    int bc = -1;
    for (const auto& [k, v] : c) {
      if (v > bc) bc = v, best = &k;
    }
    return *best;
  };
  std::vector<std::pair<std::uint64_t, std::uint32_t>> pairs;
  auto add_entries = [&](const auto& table, bool is_lower) {
    pairs.clear();
    for (const auto& [key, counts] : table) {
      auto [lemma, feats] = best_of(counts);
      m.entries_.push_back({m.Intern(lemma), m.Intern(feats)});
      auto id = static_cast<std::uint32_t>(m.entries_.size() - 1);
      pairs.emplace_back(is_lower ? LowerKey(key.first, key.second) : ExactKey(key.first, key.second),
                         id);
    }
    (is_lower ? m.lower_ : m.exact_).Build(pairs);
  };
  add_entries(exact, false);
  add_entries(lower, true);
  for (int t = 0; t < num_tags; ++t) {
    std::string best;
    int bc = -1;
    for (const auto& [f, c] : tag_feats[t]) {
      if (c > bc) bc = c, best = f;
    }
    m.tag_feats_.push_back(m.Intern(best));
  }
  // Suffix rules over word types.
  std::map<std::pair<std::string, int>, std::map<std::tuple<int, int, std::string>, int>> rule_counts;
  for (const auto& [form, tag, lemma] : types) {
    LowerAscii(form, &low);
    std::size_t p_orig = CommonPrefix(form, lemma), p_low = CommonPrefix(low, lemma);
    bool use_lower = p_low > p_orig;
    std::size_t p = use_lower ? p_low : p_orig;
    if (form.size() - p > 255) continue;
    std::tuple<int, int, std::string> rule{static_cast<int>(form.size() - p), use_lower ? 1 : 0,
                                           lemma.substr(p)};
    for (int k = 0; k <= kMaxSuffix && k <= static_cast<int>(low.size()); ++k) {
      rule_counts[{low.substr(low.size() - k), tag}][rule]++;
    }
  }
  pairs.clear();
  std::map<std::tuple<int, int, std::string>, std::uint32_t> rule_ids;
  for (const auto& [key, counts] : rule_counts) {
    int total = 0, bc = -1;
    const std::tuple<int, int, std::string>* best = nullptr;
    for (const auto& [r, c] : counts) {
      total += c;
      if (c > bc) bc = c, best = &r;
    }
    if (total < 2 && !key.first.empty()) continue;
    auto it = rule_ids.find(*best);
    if (it == rule_ids.end()) {
      Rule r;
      r.strip = static_cast<std::uint8_t>(std::get<0>(*best));
      r.lower = static_cast<std::uint8_t>(std::get<1>(*best));
      r.append = m.Intern(std::get<2>(*best));
      m.rules_.push_back(r);
      it = rule_ids.emplace(*best, static_cast<std::uint32_t>(m.rules_.size() - 1)).first;
    }
    pairs.emplace_back(RuleKey(key.first, key.second), it->second);
  }
  m.rule_of_.Build(pairs);
  m.intern_.clear();
  return m;
}

void Morphology::SetBaseForms(const BaseForms& forms, const std::vector<std::string>& upos,
                              const std::vector<std::string>& xpos) {
  intern_.clear();
  for (std::size_t i = 0; i < strings_.size(); ++i) intern_.emplace(strings_[i], i);
  tag_class_.assign(upos.size(), 0);
  for (std::size_t t = 0; t < upos.size() && t < xpos.size(); ++t) {
    const std::string& u = upos[t];
    int c = u == "NOUN" ? 1 : u == "VERB" ? 2 : u == "ADJ" ? 3 : u == "ADV" ? 4 : 0;
    // Adjectives tagged NNP ("Israeli", "Random House") keep their case.
    if (!c || xpos[t] == "NNP" || xpos[t] == "NNPS") continue;
    static const char* kInflectedXpos[] = {"NNS", "VBD", "VBG", "VBN", "VBZ",
                                           "JJR", "JJS", "RBR", "RBS"};
    bool inflected = false;
    for (const char* x : kInflectedXpos) inflected |= xpos[t] == x;
    tag_class_[t] = static_cast<std::uint8_t>(c | (inflected ? kInflected : 0));
  }
  std::vector<std::pair<std::uint64_t, std::uint32_t>> pairs;
  for (const auto& [lemma, c] : forms.lemmas) pairs.emplace_back(BaseKey(lemma, c), 1);
  base_.Build(pairs);
  pairs.clear();
  for (const auto& x : forms.irregular) {
    pairs.emplace_back(IrregularKey(x.form, x.word_class), Intern(x.lemma));
  }
  irregular_.Build(pairs);
  intern_.clear();
}

bool Morphology::IsBase(std::string_view lower, int word_class) const {
  return !lower.empty() && base_.Get(BaseKey(lower, word_class)) != FlatMap::kMissing;
}

void Morphology::CheckBase(std::string_view form, int tag, std::string* lemma) const {
  if (tag < 0 || tag >= static_cast<int>(tag_class_.size()) || !tag_class_[tag]) return;
  const int c = tag_class_[tag] & (kInflected - 1);
  const bool inflected = tag_class_[tag] & kInflected;
  std::string low, cand;
  LowerAscii(form, &low);
  if (inflected) {
    std::uint32_t s = irregular_.Get(IrregularKey(low, c));
    if (s != FlatMap::kMissing && s < strings_.size()) {
      *lemma = strings_[s];
      return;
    }
  }
  LowerAscii(*lemma, &cand);
  if (IsBase(cand, c)) {
    *lemma = cand;
    return;
  }
  if (inflected) {
    for (const Detach& d : kDetach) {
      std::string_view suffix(d.suffix);
      if (d.word_class != c || low.size() <= suffix.size() ||
          low.compare(low.size() - suffix.size(), suffix.size(), suffix) != 0) {
        continue;
      }
      cand.assign(low, 0, low.size() - suffix.size());
      cand += d.add;
      if (IsBase(cand, c)) {
        *lemma = cand;
        return;
      }
      std::size_t n = cand.size();
      if (d.undouble && n >= 3 && cand[n - 1] == cand[n - 2] &&
          std::string_view("aeiou").find(cand[n - 1]) == std::string_view::npos) {
        cand.pop_back();
        if (IsBase(cand, c)) {
          *lemma = cand;
          return;
        }
      }
    }
  }
  if (IsBase(low, c)) *lemma = low;
}

void Morphology::ApplyRule(const Rule& r, std::string_view form, std::string* lemma) const {
  if (r.lower) {
    LowerAscii(form, lemma);
  } else {
    lemma->assign(form);
  }
  if (r.strip > lemma->size()) {
    lemma->assign(form);
    return;
  }
  std::size_t cut = lemma->size() - r.strip;
  // Never cut inside a UTF-8 sequence (rules count bytes).
  if (cut < lemma->size() && (static_cast<unsigned char>((*lemma)[cut]) & 0xC0) == 0x80) {
    lemma->assign(form);
    return;
  }
  lemma->resize(cut);
  *lemma += strings_[r.append];
  if (lemma->empty()) lemma->assign(form);
}

void Morphology::Analyze(std::string_view form, int tag, std::string* lemma,
                         std::string* feats) const {
  std::uint32_t e = exact_.Get(ExactKey(form, tag));
  std::string low;
  if (e == FlatMap::kMissing) {
    LowerAscii(form, &low);
    e = lower_.Get(LowerKey(low, tag));
  }
  if (e != FlatMap::kMissing && e < entries_.size()) {
    *lemma = strings_[entries_[e].first];
    *feats = strings_[entries_[e].second];
    return;
  }
  *feats = tag >= 0 && tag < static_cast<int>(tag_feats_.size()) ? strings_[tag_feats_[tag]] : "";
  std::string_view l(low);
  for (int k = std::min<int>(kMaxSuffix, static_cast<int>(l.size())); k >= 0; --k) {
    std::uint32_t r = rule_of_.Get(RuleKey(l.substr(l.size() - k), tag));
    if (r != FlatMap::kMissing && r < rules_.size()) {
      ApplyRule(rules_[r], form, lemma);
      CheckBase(form, tag, lemma);
      return;
    }
  }
  lemma->assign(form);
  CheckBase(form, tag, lemma);
}

void Morphology::Save(ByteWriter* w) const {
  w->Strings(strings_);
  w->Varint(entries_.size());
  for (const auto& [a, b] : entries_) {
    w->Varint(a);
    w->Varint(b);
  }
  exact_.Save(w);
  lower_.Save(w);
  w->Varint(rules_.size());
  for (const Rule& r : rules_) {
    w->Pod(r.strip);
    w->Pod(r.lower);
    w->Varint(r.append);
  }
  rule_of_.Save(w);
  w->Varint(tag_feats_.size());
  for (auto f : tag_feats_) w->Varint(f);
  w->Varint(tag_class_.size());
  for (auto c : tag_class_) w->Pod(c);
  base_.Save(w);
  irregular_.Save(w);
}

bool Morphology::Load(ByteReader* r) {
  std::uint64_t n;
  if (!r->Strings(&strings_) || !r->Varint(&n) || n > r->remaining()) return false;
  entries_.resize(n);
  for (auto& [a, b] : entries_) {
    std::uint64_t x, y;
    if (!r->Varint(&x) || !r->Varint(&y) || x >= strings_.size() || y >= strings_.size()) return false;
    a = static_cast<std::uint32_t>(x);
    b = static_cast<std::uint32_t>(y);
  }
  if (!exact_.Load(r) || !lower_.Load(r) || !r->Varint(&n) || n > r->remaining()) return false;
  rules_.resize(n);
  for (Rule& rule : rules_) {
    std::uint64_t a;
    if (!r->Pod(&rule.strip) || !r->Pod(&rule.lower) || !r->Varint(&a) || a >= strings_.size()) {
      return false;
    }
    rule.append = static_cast<std::uint32_t>(a);
  }
  if (!rule_of_.Load(r) || !r->Varint(&n) || n > r->remaining()) return false;
  tag_feats_.resize(n);
  for (auto& f : tag_feats_) {
    std::uint64_t x;
    if (!r->Varint(&x) || x >= strings_.size()) return false;
    f = static_cast<std::uint32_t>(x);
  }
  if (!r->Varint(&n) || n > r->remaining()) return false;
  tag_class_.resize(n);
  for (auto& c : tag_class_) {
    if (!r->Pod(&c)) return false;
  }
  if (!base_.Load(r) || !irregular_.Load(r)) return false;
  return r->ok();
}

}  // namespace dyad::analyze
