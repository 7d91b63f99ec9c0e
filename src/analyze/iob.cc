#include "analyze/iob.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "analyze/features.h"
#include "util/files.h"

namespace dyad::analyze {
namespace {

std::vector<std::string_view> SplitCols(std::string_view line) {
  char sep = line.find('\t') != std::string_view::npos ? '\t' : ' ';
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= line.size()) {
    std::size_t e = line.find(sep, start);
    if (e == std::string_view::npos) e = line.size();
    if (e > start || sep == '\t') out.push_back(line.substr(start, e - start));
    start = e + 1;
  }
  return out;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

void NormalizeIob(std::vector<std::string>* labels) {
  std::string prev_type;
  for (auto& l : *labels) {
    std::string type = l.size() > 2 && l[1] == '-' ? l.substr(2) : "";
    if (type == "PERSON" || type == "person" || type == "Person") type = "PER";
    if (type == "LOCATION" || type == "location" || type == "Location" || type == "GPE") {
      type = "LOC";
    }
    if (type == "ORGANIZATION" || type == "organization" || type == "Organisation" ||
        type == "corporation" || type == "group") {
      type = "ORG";
    }
    if (type != "PER" && type != "ORG" && type != "LOC") {
      l = "O";
      prev_type.clear();
      continue;
    }
    bool inside = l[0] == 'I' && type == prev_type;
    l = (inside ? "I-" : "B-") + type;
    prev_type = type;
  }
}

bool KeepNamesOnly(const std::vector<std::string>& forms, std::vector<std::string>* labels) {
  static const std::set<std::string, std::less<>> kInside = {
      "of", "and", "for", "the", "de", "du", "la", "le", "al", "el", "bin", "ibn", "von", "van",
      "der", "on", "in", "'s", "’s", "s"};
  auto cap = [](const std::string& w) { return !w.empty() && w[0] >= 'A' && w[0] <= 'Z'; };
  auto alpha = [](const std::string& w) {
    return !w.empty() && ((w[0] | 0x20) >= 'a' && (w[0] | 0x20) <= 'z');
  };
  if (forms.size() != labels->size()) return false;
  bool keep = true;
  for (const auto& e : EntitySpans(*labels)) {
    int b = e.begin;
    if (forms[b] == "the" || forms[b] == "The") {
      (*labels)[b] = "O";
      if (++b == e.end) continue;
      (*labels)[b] = "B-" + e.type;
    }
    bool any_cap = false, name = cap(forms[b]);
    for (int i = b; i < e.end; ++i) {
      any_cap |= cap(forms[i]);
      name &= cap(forms[i]) || !alpha(forms[i]) || kInside.count(forms[i]) > 0;
    }
    if (!any_cap) {
      for (int i = b; i < e.end; ++i) (*labels)[i] = "O";
    } else if (!name) {
      keep = false;
    }
  }
  return keep;
}

int UnlabelWords(const std::set<std::string, std::less<>>& words, IobSentence* s) {
  int n = 0;
  for (const auto& e : EntitySpans(s->labels)) {
    if (e.end == e.begin + 1 && e.end <= static_cast<int>(s->forms.size()) &&
        words.count(s->forms[e.begin])) {
      s->labels[e.begin] = "O";
      ++n;
    }
  }
  return n;
}

void BioToBilou(std::vector<std::string>* labels) {
  auto& l = *labels;
  for (std::size_t i = 0; i < l.size(); ++i) {
    if (l[i].size() < 3 || l[i][1] != '-') continue;
    const bool goes_on = i + 1 < l.size() && l[i + 1].size() > 2 && l[i + 1][0] == 'I' &&
                         l[i + 1].compare(1, std::string::npos, l[i], 1) == 0;
    if (goes_on) continue;
    l[i][0] = l[i][0] == 'B' ? 'U' : 'L';
  }
}

namespace {

struct GumMention {
  int begin = 0, end = 0;  // word indices, [begin, end)
  std::string type;        // GUM's etype: person, organization, place, ...
};

// The value of `key` in a MISC field ("A=1|Entity=(3-person...|B=2"), or "".
std::string_view MiscValue(std::string_view misc, std::string_view key) {
  std::size_t pos = 0;
  while (pos < misc.size()) {
    std::size_t bar = misc.find('|', pos);
    if (bar == std::string_view::npos) bar = misc.size();
    std::string_view kv = misc.substr(pos, bar - pos);
    if (kv.size() > key.size() && kv.starts_with(key) && kv[key.size()] == '=') {
      return kv.substr(key.size() + 1);
    }
    pos = bar + 1;
  }
  return {};
}

// The mentions of a sentence; false on malformed or unbalanced annotation.
bool GumMentions(const text::ConlluSentence& s, std::vector<GumMention>* out) {
  std::map<std::string, std::vector<std::pair<int, std::string>>, std::less<>> open;
  for (int i = 0; i < static_cast<int>(s.words.size()); ++i) {
    std::string_view e = MiscValue(s.words[i].misc, "Entity");
    std::size_t j = 0;
    while (j < e.size()) {
      if (e[j] == '(') {
        std::size_t k = e.find_first_of("()", j + 1);
        if (k == std::string_view::npos) k = e.size();
        std::string_view body = e.substr(j + 1, k - j - 1);
        std::size_t d1 = body.find('-');
        if (d1 == std::string_view::npos || d1 == 0) return false;
        std::size_t d2 = body.find('-', d1 + 1);
        std::string id(body.substr(0, d1));
        std::string type(body.substr(d1 + 1, d2 == std::string_view::npos ? std::string_view::npos
                                                                             : d2 - d1 - 1));
        if (k < e.size() && e[k] == ')') {
          out->push_back({i, i + 1, type});
          j = k + 1;
        } else {
          open[id].emplace_back(i, type);
          j = k;
        }
      } else {
        std::size_t k = e.find(')', j);
        if (k == std::string_view::npos) return false;
        auto it = open.find(e.substr(j, k - j));
        if (it == open.end() || it->second.empty()) return false;
        out->push_back({it->second.back().first, i + 1, it->second.back().second});
        it->second.pop_back();
        j = k + 1;
      }
    }
  }
  for (const auto& [id, v] : open) {
    if (!v.empty()) return false;  // a mention that does not close in the sentence
  }
  return true;
}

bool HasUpper(const std::string& w) {
  for (char c : w) {
    if (c >= 'A' && c <= 'Z') return true;
  }
  return false;
}

}  // namespace

bool GumEntitiesToIob(const text::ConlluSentence& s, IobSentence* out) {
  // Particles inside a name of any type ("Lucia de Varga") and further words
  // that join proper nouns inside names of organisations and places ("Bank
  // of the North"; "Ana of the Guild" is a person and an organisation).
  static const std::set<std::string, std::less<>> kParticles = {
      "de", "du", "des", "del", "della", "la", "le", "da", "von", "van", "der", "den", "al",
      "el", "bin", "ibn", "-"};
  static const std::set<std::string, std::less<>> kJoin = {"of", "and", "&", "for", "the", "on",
                                                           "'s", "’s"};
  // Titles before a person's name, which UNER leaves outside the name.
  static const std::set<std::string, std::less<>> kTitles = {
      "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
      "president", "king", "queen", "prince", "princess", "emperor", "empress", "pope", "bishop",
      "archbishop", "cardinal", "rev", "reverend", "father", "sister", "brother", "saint", "st",
      "general", "gen", "colonel", "col", "captain", "capt", "lt", "lieutenant", "sgt",
      "sergeant", "major", "admiral", "senator", "sen", "rep", "representative", "governor", "gov",
      "mayor", "minister", "premier", "chancellor", "secretary", "ambassador", "judge", "justice",
      "chief", "chairman", "sheikh", "imam", "rabbi", "mother", "uncle", "aunt",
      "coach", "officer", "agent", "detective", "inspector", "doctor", "vice", "deputy", "prime",
      "first", "grand", "duke", "duchess", "count", "countess", "baron", "earl", "congressman",
      "congresswoman", "commissioner", "commander", "director", "pastor", "elder"};
  auto is_title = [](const std::string& w) {
    std::string l;
    for (char c : w) {
      if (c != '.') l += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    return kTitles.count(l) > 0;
  };
  const auto& w = s.words;
  const int n = static_cast<int>(w.size());
  std::vector<GumMention> mentions;
  if (!GumMentions(s, &mentions)) return false;
  struct Name {
    int begin, end;
    const char* type;
  };
  std::vector<Name> names;
  for (const auto& m : mentions) {
    const char* type = m.type == "person"         ? "PER"
                       : m.type == "organization" ? "ORG"
                       : m.type == "place"        ? "LOC"
                                                  : nullptr;
    if (!type) continue;
    std::vector<int> heads;
    for (int i = m.begin; i < m.end; ++i) {
      const int h = w[i].head - 1;  // -1: the root
      if (h < m.begin || h >= m.end) heads.push_back(i);
    }
    bool propn_head = false;
    for (int h : heads) propn_head |= w[h].upos == "PROPN";
    if (!propn_head) continue;                  // a description or pronoun
    if (heads.size() != 1) return false;        // e.g. a coordination: which is the name?
    const int h = heads[0];
    if (m.type == "person" && w[h].xpos == "NNPS") continue;  // a group ("the Icelanders")
    // Name words: proper nouns, and capitalised adjectives, nouns, verbs and
    // numbers inside a name ("New", "United", "Red"), but not at the start of
    // a sentence, where any word is capitalised.
    auto namey = [&w](int i) {
      if (w[i].upos == "PROPN") return true;
      const auto& u = w[i].upos;
      return i > 0 && !w[i].form.empty() && w[i].form[0] >= 'A' && w[i].form[0] <= 'Z' &&
             (u == "ADJ" || u == "NOUN" || u == "VERB" || u == "NUM");
    };
    int b = h, e = h + 1;
    while (b > m.begin && namey(b - 1)) --b;
    while (e < m.end) {
      if (namey(e)) {
        ++e;
        continue;
      }
      // Up to two joining words followed by a proper noun.
      int j = e;
      while (j < m.end && j < e + 2 && !namey(j) &&
             (kParticles.count(w[j].form) || (m.type != "person" && kJoin.count(w[j].form)))) {
        ++j;
      }
      if (j == e || j >= m.end || !namey(j)) break;
      e = j + 1;
    }
    if (m.type == "person") {
      while (b < e && b < h && is_title(w[b].form)) ++b;
      if (b == h && e == h + 1 && is_title(w[h].form)) continue;  // "Mr. President"
    }
    bool upper = false;
    for (int i = b; i < e; ++i) upper |= HasUpper(w[i].form);
    if (!upper) continue;
    names.push_back({b, e, type});
  }
  // Longer names first: a name inside another is part of it (UNER is flat).
  std::stable_sort(names.begin(), names.end(), [](const Name& x, const Name& y) {
    return x.end - x.begin > y.end - y.begin;
  });
  out->forms.clear();
  out->labels.assign(n, "O");
  out->newdoc = s.newdoc;
  for (const auto& word : w) out->forms.push_back(word.form);
  std::vector<Name> kept;
  for (const auto& nm : names) {
    int taken = 0;
    for (int i = nm.begin; i < nm.end; ++i) taken += out->labels[i] != "O";
    for (const auto& k : kept) {
      // The same words as two types (a country as place and as organisation).
      if (k.begin == nm.begin && k.end == nm.end && std::string_view(k.type) != nm.type) {
        return false;
      }
    }
    if (taken == nm.end - nm.begin) continue;  // inside a longer name
    if (taken > 0) return false;               // two names cross
    kept.push_back(nm);
    out->labels[nm.begin] = std::string("B-") + nm.type;
    for (int i = nm.begin + 1; i < nm.end; ++i) out->labels[i] = std::string("I-") + nm.type;
  }
  return true;
}

StatusOr<std::vector<IobSentence>> ParseIob(std::string_view data, const std::string& name) {
  std::vector<IobSentence> out;
  IobSentence cur;
  std::size_t pos = 0, line_no = 0;
  auto flush = [&] {
    if (cur.forms.empty()) return;  // keeps a pending newdoc
    NormalizeIob(&cur.labels);
    out.push_back(std::move(cur));
    cur = IobSentence();
  };
  while (pos <= data.size()) {
    std::size_t nl = data.find('\n', pos);
    std::string_view line = data.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? data.size() + 1 : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.find_first_not_of(" \t") == std::string_view::npos) {
      flush();
      continue;
    }
    if (line[0] == '#' && (line.size() == 1 || line[1] == ' ')) {
      if (line.starts_with("# newdoc")) cur.newdoc = true;
      if (line.starts_with("# sent_id = ")) cur.sent_id = line.substr(12);
      continue;
    }
    auto cols = SplitCols(line);
    if (!cols.empty() && cols[0] == "-DOCSTART-") {  // CoNLL 2003 document break
      flush();
      cur.newdoc = true;
      continue;
    }
    if (cols.size() < 2) {
      return InvalidArgumentError(name + ":" + std::to_string(line_no) + ": expected a form and a label");
    }
    if (cols.size() >= 3 && AllDigits(cols[0])) {
      cur.forms.emplace_back(cols[1]);
      cur.labels.emplace_back(cols[2]);
    } else {
      cur.forms.emplace_back(cols[0]);
      cur.labels.emplace_back(cols.back());
    }
  }
  flush();
  return out;
}

StatusOr<std::vector<IobSentence>> ReadIob(const std::string& path) {
  auto data = ReadFile(path);
  if (!data.ok()) return data.status().WithContext(path);
  return ParseIob(*data, path);
}

std::vector<EntitySpan> EntitySpans(const std::vector<std::string>& labels) {
  std::vector<EntitySpan> out;
  for (int i = 0; i < static_cast<int>(labels.size()); ++i) {
    const std::string& l = labels[i];
    if (l.size() < 3 || l[1] != '-') continue;
    std::string type = l.substr(2);
    bool cont = l[0] == 'I' && !out.empty() && out.back().end == i && out.back().type == type;
    if (cont) {
      out.back().end = i + 1;
    } else {
      out.push_back({i, i + 1, type});
    }
  }
  return out;
}

void CollectMentions(const std::vector<IobSentence>& sentences, MentionPool* pool) {
  std::map<std::string, std::set<std::vector<std::string>>, std::less<>> sets;
  for (const auto& [type, mentions] : *pool) sets[type].insert(mentions.begin(), mentions.end());
  for (const auto& s : sentences) {
    for (const auto& e : EntitySpans(s.labels)) {
      if (e.end > static_cast<int>(s.forms.size())) continue;
      sets[e.type].emplace(s.forms.begin() + e.begin, s.forms.begin() + e.end);
    }
  }
  pool->clear();
  for (auto& [type, mentions] : sets) (*pool)[type].assign(mentions.begin(), mentions.end());
}

namespace {

// The case of a mention: 1 every letter lower-case, 2 every letter upper-case
// (and more than one letter), 0 otherwise.
int MentionCase(const std::vector<std::string>& words) {
  int lower = 0, upper = 0;
  for (const auto& w : words) {
    for (char c : w) {
      lower += c >= 'a' && c <= 'z';
      upper += c >= 'A' && c <= 'Z';
    }
  }
  if (upper == 0 && lower > 0) return 1;
  if (lower == 0 && upper > 1) return 2;
  return 0;
}

}  // namespace

std::vector<IobSentence> ReplaceMentions(const std::vector<IobSentence>& sentences,
                                         const MentionPool& pool,
                                         const std::set<std::string, std::less<>>& types,
                                         std::uint64_t seed) {
  std::vector<IobSentence> out;
  out.reserve(sentences.size());
  std::map<std::pair<std::string, std::vector<std::string>>, const std::vector<std::string>*>
      chosen;  // this document's replacements
  std::uint64_t draws = 0;
  for (const auto& s : sentences) {
    if (s.newdoc) chosen.clear();
    if (s.labels.size() != s.forms.size()) {  // not from ParseIob: copied as it is
      out.push_back(s);
      out.back().newdoc |= out.size() == 1;
      continue;
    }
    IobSentence c;
    c.newdoc = s.newdoc || out.empty();
    int next = 0;  // the first word of s not yet copied
    auto copy_to = [&](int end) {
      for (; next < end; ++next) {
        c.forms.push_back(s.forms[next]);
        c.labels.push_back(s.labels[next]);
      }
    };
    for (const auto& e : EntitySpans(s.labels)) {
      auto it = pool.find(e.type);
      if (!types.count(e.type) || it == pool.end() || it->second.empty()) continue;
      copy_to(e.begin);
      std::vector<std::string> words(s.forms.begin() + e.begin, s.forms.begin() + e.end);
      const std::vector<std::string>*& pick = chosen[{e.type, words}];
      if (pick == nullptr) {
        const auto& mentions = it->second;
        for (int attempt = 0; attempt < 4; ++attempt) {
          pick = &mentions[Mix64(seed * 0x9e3779b97f4a7c15ULL + ++draws) % mentions.size()];
          if (*pick != words) break;
        }
      }
      const int case_of = MentionCase(words);
      for (std::size_t k = 0; k < pick->size(); ++k) {
        std::string w = (*pick)[k];
        if (case_of != 0) {
          std::transform(w.begin(), w.end(), w.begin(), [case_of](unsigned char ch) {
            return static_cast<char>(case_of == 1 ? std::tolower(ch) : std::toupper(ch));
          });
        }
        c.forms.push_back(std::move(w));
        c.labels.push_back((k == 0 ? "B-" : "I-") + e.type);
      }
      next = e.end;
    }
    copy_to(static_cast<int>(s.forms.size()));
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<IobSentence> CaseAugment(const std::vector<IobSentence>& sentences,
                                     const CaseAugmentOptions& options, std::uint64_t seed) {
  std::vector<IobSentence> out;
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    const IobSentence& s = sentences[i];
    if (s.labels.size() != s.forms.size()) continue;  // not from ParseIob
    const auto spans = EntitySpans(s.labels);
    if ((options.entity_sentences_only || options.known_names) && spans.empty()) continue;
    if (options.known_names) {
      bool known = true;
      for (const auto& e : spans) {
        known = known && options.known_names->contains(LowerJoined(s.forms, e.begin, e.end));
      }
      if (!known) continue;
    }
    // A uniform draw in [0, 1) from the sentence's index and the seed.
    const double u = static_cast<double>(Mix64(seed * 0x9e3779b97f4a7c15ULL + i) >> 11) /
                     static_cast<double>(1ULL << 53);
    const bool lower = u < options.lower;
    if (!lower && (options.entity_words_only || u >= options.lower + options.upper)) continue;
    IobSentence c = s;
    c.newdoc = true;
    auto change = [lower](std::string* w) {
      for (char& ch : *w) {
        if (lower && ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
        if (!lower && ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
      }
    };
    if (options.entity_words_only) {
      for (const auto& e : spans) {
        for (int k = e.begin; k < e.end; ++k) change(&c.forms[k]);
      }
    } else {
      for (auto& w : c.forms) change(&w);
    }
    if (c.forms != s.forms) out.push_back(std::move(c));
  }
  return out;
}

}  // namespace dyad::analyze
