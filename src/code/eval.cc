#include "code/eval.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "code/legacy_actors.h"
#include "code/legacy_verbs.h"
#include "code/pattern_syntax.h"
#include "dyad/document.h"
#include "text/segmenter.h"
#include "util/files.h"
#include "util/status_macros.h"
#include "util/strings.h"

namespace dyad::code {
namespace {



std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> f;
  std::string cur;
  for (char c : line) {
    if (c == '\t') {
      f.push_back(cur);
      cur.clear();
    } else if (c != '\r') {
      cur += c;
    }
  }
  f.push_back(cur);
  return f;
}

std::vector<std::string> SplitCodes(const std::string& code) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    std::size_t slash = code.find('/', start);
    std::string part = code.substr(start, slash == std::string::npos ? slash : slash - start);
    if (!part.empty()) out.push_back(part);
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return out;
}

// TABARI's pronoun coreference (manual 7.7): HE / SHE / IT / HIM and
// ITS / HIS / HER take the first actor of the sentence before them; THEY / THEM / THEIR the first compound ("A and B", coded "A/B") or
// else the first actor. With FORWARD, a pronoun with no actor before it
// takes `forwarded` (the country of the previous record's first actor).
bool In(const std::string& w, std::initializer_list<std::string_view> set) {
  for (auto x : set) {
    if (w == x) return true;
  }
  return false;
}

// TABARI's elimination of comma-delimited nonrestrictive clauses (manual
// 7.8): returns per token whether it is kept. Commas between members of an
// actor list ("Arnor, Osgiliath and Gondor") do not delimit clauses.
std::vector<bool> TabariCommaKeep(const std::vector<std::string>& tokens,
                                  const std::vector<LegacyActorMatch>& actors,
                                  const TabariOptions& o) {
  int n = static_cast<int>(tokens.size());
  std::vector<bool> keep(n, true);
  if (!o.comma) return keep;
  std::vector<int> actor_end(n + 1, 0), actor_begin(n + 1, 0);
  for (const auto& a : actors) {
    actor_end[a.end] = 1;
    actor_begin[a.begin] = 1;
  }
  std::vector<int> commas;
  for (int t = 0; t < n; ++t) {
    if (tokens[t] != ",") continue;
    bool in_list = t > 0 && actor_end[t] && t + 1 < n &&
                   (actor_begin[t + 1] || (t + 2 < n && tokens[t + 1] == "THE" && actor_begin[t + 2]) ||
                    tokens[t + 1] == "AND");
    if (!in_list) commas.push_back(t);
  }
  if (commas.empty()) return keep;
  int last = n;
  while (last > 0 && (tokens[last - 1] == "." || tokens[last - 1] == "\"")) --last;
  auto words = [&](int a, int b) {
    int w = 0;
    for (int t = a; t < b; ++t) w += std::isalnum(static_cast<unsigned char>(tokens[t][0])) != 0;
    return w;
  };
  auto drop = [&](int a, int b) {
    for (int t = a; t < b; ++t) keep[t] = false;
  };
  int w = words(0, commas.front());
  if (w > o.comma_bmin && w <= o.comma_bmax) drop(0, commas.front() + 1);
  // Chained: a comma that closes a dropped clause opens no other.
  std::size_t i = 0;
  while (i + 1 < commas.size()) {
    w = words(commas[i] + 1, commas[i + 1]);
    if (w > o.comma_min && w <= o.comma_max) {
      drop(commas[i], commas[i + 1]);
      i += 2;
    } else {
      i += 1;
    }
  }
  if (i + 1 == commas.size()) {
    w = words(commas.back() + 1, last);
    if (w > o.comma_emin && w <= o.comma_emax) drop(commas.back(), last);
  }
  return keep;
}

void TabariPronouns(const std::vector<std::string>& tokens, const std::string& forwarded,
                    std::vector<LegacyActorMatch>* actors) {
  std::vector<LegacyActorMatch> out;
  std::size_t next = 0;
  auto joined = [&](std::size_t i) {
    // The compound starting at out[i]: actors joined by "," / "AND".
    std::string code = out[i].code;
    for (std::size_t k = i + 1; k < out.size(); ++k) {
      int gap_begin = out[k - 1].end, gap_end = out[k].begin;
      bool list = gap_end > gap_begin && gap_end - gap_begin <= 2;
      for (int t = gap_begin; t < gap_end && list; ++t) {
        list = tokens[t] == "AND" || tokens[t] == "," || tokens[t] == "THE";
      }
      if (!list) break;
      code += "/" + out[k].code;
    }
    return code;
  };
  for (int t = 0; t < static_cast<int>(tokens.size()); ++t) {
    while (next < actors->size() && (*actors)[next].begin <= t) out.push_back((*actors)[next++]);
    if (!out.empty() && out.back().end > t) continue;
    const std::string& w = tokens[t];
    std::string code;
    std::vector<std::size_t> real;  // Actors that are not pronouns.
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (out[i].end - out[i].begin >= 1 && !out[i].code.empty() && out[i].code[0] != '~') real.push_back(i);
    }
    if (In(w, {"HE", "SHE", "IT", "HIM", "ITS", "HIS", "HER"})) {
      if (!real.empty()) code = joined(real.front());
    } else if (w == "THEY" || w == "THEM" || w == "THEIR") {
      for (std::size_t i : real) {
        std::string c = joined(i);
        if (c.find('/') != std::string::npos) {
          code = c;
          break;
        }
      }
      if (code.empty() && !real.empty()) code = out[real.front()].code;
    } else {
      continue;
    }
    if (code.empty()) code = forwarded;
    if (code.empty()) continue;
    out.push_back({t, t + 1, code});
  }
  while (next < actors->size()) out.push_back((*actors)[next++]);
  *actors = std::move(out);
}

// TABARI's <NOUN> and <ADJECTIVE> lists in the actors files (manual 5.3.2,
// 7.5.1): words that are no verbs, and the members of compound noun and
// adjective phrases, whose conjunctions split no clause.
struct TabariWordLists {
  std::vector<std::vector<DictWord>> nouns, adjectives;

  void Load(const std::string& path) {
    auto text = ReadFile(path);
    if (!text.ok()) return;
    std::istringstream in(*text);
    std::string line;
    std::vector<std::vector<DictWord>>* list = nullptr;
    while (std::getline(in, line)) {
      std::string_view t = Trim(std::string_view(line).substr(0, line.find(';')));
      if (t == "<NOUN>") list = &nouns;
      else if (t == "<ADJECTIVE>") list = &adjectives;
      else if (!t.empty() && t[0] == '<') list = nullptr;
      else if (list && !t.empty()) list->push_back(ParsePhraseWords(t, WordMode::kStem));
    }
  }

  // Tags the tokens of listed phrases NOUN or ADJ (outside actors).
  void Tag(std::vector<CoderToken>* tokens) const {
    int n = static_cast<int>(tokens->size());
    for (auto [list, tag] : {std::pair{&nouns, "NOUN"}, std::pair{&adjectives, "ADJ"}}) {
      for (const auto& phrase : *list) {
        int len = static_cast<int>(phrase.size());
        for (int t = 0; len > 0 && t + len <= n; ++t) {
          bool ok = true;
          for (int k = 0; k < len && ok; ++k) ok = WordMatches(phrase[k], (*tokens)[t + k].form, "");
          if (!ok) continue;
          for (int k = 0; k < len; ++k) (*tokens)[t + k].upos = tag;
        }
      }
    }
  }
};

std::string Actor(const std::string& s) { return s.empty() || s == "-" ? "---" : s; }

// gold.tsv: id, category, source, target, event[, plover]; "-" rows = no event.
struct GoldRows {
  std::vector<std::string> order;  // Record ids in file order.
  std::map<std::string, std::string> category;
  std::map<std::string, std::vector<GoldTriple>> events;
};

StatusOr<GoldRows> ReadGoldTsv(const std::string& path) {
  ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  GoldRows g;
  std::istringstream in(text);
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (header) {
      header = false;
      continue;
    }
    if (line.empty()) continue;
    auto f = SplitTabs(line);
    if (f.size() < 5) continue;
    const std::string& id = f[0];
    if (!g.category.count(id)) {
      g.order.push_back(id);
      g.category[id] = f[1];
      g.events[id];
    }
    if (f[4] == "-" || f[4].empty()) continue;
    g.events[id].push_back({Actor(f[2]), Actor(f[3]), f[4]});
  }
  return g;
}

std::string XmlUnescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&') {
      static const std::pair<const char*, char> kEnt[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
      bool done = false;
      for (auto [e, c] : kEnt) {
        if (s.substr(i).starts_with(e)) {
          out += c;
          i += std::string_view(e).size() - 1;
          done = true;
          break;
        }
      }
      if (!done) out += '&';
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string Attr(std::string_view tag, std::string_view name) {
  std::string key = " " + std::string(name) + "=\"";
  std::size_t p = tag.find(key);
  if (p == std::string_view::npos) return "";
  p += key.size();
  std::size_t e = tag.find('"', p);
  return std::string(tag.substr(p, e - p));
}

std::string Between(std::string_view s, std::string_view open, std::string_view close) {
  std::size_t a = s.find(open);
  if (a == std::string_view::npos) return "";
  a += open.size();
  std::size_t b = s.find(close, a);
  if (b == std::string_view::npos) return "";
  return std::string(s.substr(a, b - a));
}

std::vector<ParsedToken> ParseConllBlock(std::string_view block) {
  std::vector<ParsedToken> toks;
  std::istringstream in{std::string(block)};
  std::string line;
  while (std::getline(in, line)) {
    auto f = SplitTabs(line);
    if (f.size() < 8 || f[0].find_first_of("-.") != std::string::npos) continue;
    if (!std::isdigit(static_cast<unsigned char>(f[0][0]))) continue;
    ParsedToken t;
    t.form = f[1];
    t.lemma = f[2];
    t.upos = f[3];
    t.xpos = f[4];
    t.head = std::atoi(f[6].c_str()) - 1;
    t.deprel = f[7];
    toks.push_back(std::move(t));
  }
  return toks;
}

struct XmlSentence {
  std::string id, category, text;
  int date = 0;
  std::vector<ParsedToken> parse;
};

std::vector<XmlSentence> ReadXmlSentences(const std::string& text) {
  std::vector<XmlSentence> out;
  std::size_t start = text.find("<Sentences>");
  std::size_t p = start == std::string::npos ? 0 : start;
  while (true) {
    std::size_t a = text.find("<Sentence ", p);
    if (a == std::string::npos) break;
    std::size_t tag_end = text.find('>', a);
    std::size_t b = text.find("</Sentence>", a);
    if (tag_end == std::string::npos || b == std::string::npos) break;
    std::string_view tag(text.data() + a, tag_end - a);
    std::string_view body(text.data() + tag_end, b - tag_end);
    XmlSentence s;
    s.id = Attr(tag, "id");
    s.category = Attr(tag, "category");
    s.date = std::atoi(Attr(tag, "date").c_str());
    std::string t = XmlUnescape(Trim(Between(body, "<Text>", "</Text>")));
    for (char& c : t) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    s.text = t;
    std::string parse = Between(body, "<Parse>", "</Parse>");
    if (parse.find('\t') != std::string::npos) s.parse = ParseConllBlock(parse);
    out.push_back(std::move(s));
    p = b + 1;
  }
  return out;
}

std::string NormId(std::string id) {
  for (char& c : id) {
    if (c == '_') c = '-';
  }
  return id;
}

}  // namespace

void ApplyTabariOption(std::string_view command, TabariOptions* o) {
  std::string c = Upper(command);
  auto bracket_after = [&](std::string_view key) -> std::string {
    std::size_t k = c.find(key);
    if (k == std::string::npos) return "";
    std::size_t lb = c.find('[', k), rb = c.find(']', k);
    if (lb == std::string::npos || rb == std::string::npos || rb < lb) return "";
    return std::string(Trim(std::string_view(c).substr(lb + 1, rb - lb - 1)));
  };
  if (c.find("DEFAULT:") != std::string::npos) {
    if (c.find("OFF") != std::string::npos) {
      o->default_source.clear();
      o->default_target.clear();
      o->source_prior = o->target_after = false;
      return;
    }
    o->default_source = bracket_after("SOURCE");
    o->default_target = bracket_after("TARGET");
    o->source_prior = c.find("PRIOR") != std::string::npos;
    o->target_after = c.find("AFTER") != std::string::npos;
  } else if (c.find("CODE BY SENTENCE") != std::string::npos) {
    o->code_by = TabariOptions::CodeBy::kSentence;
  } else if (c.find("CODE BY CLAUSE") != std::string::npos) {
    o->code_by = TabariOptions::CodeBy::kClause;
  } else if (c.find("CODE ALL") != std::string::npos) {
    o->code_by = TabariOptions::CodeBy::kAll;
  } else if (std::size_t k = c.find("COMMA:"); k != std::string::npos) {
    std::string_view rest = std::string_view(c).substr(k + 6);
    if (Trim(rest).starts_with("OFF")) {
      o->comma = false;
      return;
    }
    o->comma = true;
    // "MIN = 4 MAX = 6 EMIN = 3 EMAX = 6 BMIN = 3 BMAX = 8".
    std::string name;
    for (std::size_t i = 0; i < rest.size(); ++i) {
      char ch = rest[i];
      if (std::isalpha(static_cast<unsigned char>(ch))) {
        name += ch;
      } else if (std::isdigit(static_cast<unsigned char>(ch))) {
        int v = std::atoi(std::string(rest.substr(i)).c_str());
        while (i + 1 < rest.size() && std::isdigit(static_cast<unsigned char>(rest[i + 1]))) ++i;
        if (name == "MIN") o->comma_min = v;
        if (name == "MAX") o->comma_max = v;
        if (name == "EMIN") o->comma_emin = v;
        if (name == "EMAX") o->comma_emax = v;
        if (name == "BMIN") o->comma_bmin = v;
        if (name == "BMAX") o->comma_bmax = v;
        name.clear();
      } else if (ch != '=' && ch != ' ') {
        name.clear();
      }
    }
  } else if (std::size_t k = c.find("MINIMUM WORDS"); k != std::string::npos) {
    std::size_t eq = c.find('=', k);
    if (eq != std::string::npos) o->minimum_words = std::atoi(c.c_str() + eq + 1);
  } else if (c.find("CONVERT AGENT") != std::string::npos) {
    o->convert_agents = c.find("TRUE") != std::string::npos;
  } else if (std::size_t k = c.find("COMPLEX:"); k != std::string::npos) {
    // "COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR": each command sets them all.
    auto count = [&](std::string_view key) {
      std::size_t at = c.find(std::string(key) + "[", k);
      return at == std::string::npos ? 0 : std::atoi(c.c_str() + at + key.size() + 1);
    };
    o->complex_verbs = count("VERBS");
    o->complex_conj = count("CONJ");
    o->complex_noactprior = c.find("NOACTPRIOR", k) != std::string::npos;
  } else if (c.find("FORWARD:") != std::string::npos) {
    o->forward = c.find(" OFF") == std::string::npos;
  } else if (std::size_t k = c.find("YYYY"); k != std::string::npos && c.find("SET:") != std::string::npos) {
    o->yyyy = c.find("TRUE", k) != std::string::npos;
  }
}

namespace {

// The date field of a record's first line: YYMMDD (years 00-29 are 20xx,
// manual 6.5.2) or, under SET: YYYY = TRUE, YYYYMMDD; longer runs of digits
// are read by the field's width. 0 when too short.
int TabariDate(std::string_view digits, bool yyyy) {
  if (yyyy) return digits.size() >= 8 ? std::atoi(std::string(digits.substr(0, 8)).c_str()) : 0;
  if (digits.size() < 6) return 0;
  int yymmdd = std::atoi(std::string(digits.substr(0, 6)).c_str());
  return (yymmdd / 10000 >= 30 ? 19000000 : 20000000) + yymmdd;
}

// The record id: the first word of the id field that has a letter ("950101
// AGENTS-11" is AGENTS-11); its category is the id up to the first '-'.
std::string TabariRecordId(std::string_view idinfo) {
  std::istringstream words{std::string(idinfo)};
  std::string w, first;
  while (words >> w) {
    if (first.empty()) first = w;
    if (std::any_of(w.begin(), w.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); })) {
      return w;
    }
  }
  return first;
}

}  // namespace

TabariOptions ReadTabariOptionsFile(const std::string& path) {
  TabariOptions options;
  auto text = ReadFile(path);
  if (!text.ok()) return options;
  std::istringstream in(*text);
  std::string line;
  while (std::getline(in, line)) {
    std::string_view t = Trim(line);
    if (t.starts_with("COMPLEX:") || t.starts_with("DEFAULT:") || t.starts_with("COMMA:") ||
        t.starts_with("SET:") || t.starts_with("FORWARD:")) {
      ApplyTabariOption(t, &options);
    }
  }
  return options;
}

std::vector<GoldRecord> ParseTabariValidation(std::string_view text, TabariReadCounts* counts,
                                              TabariOptions options) {
  std::vector<GoldRecord> out;
  TabariReadCounts local;
  if (counts == nullptr) counts = &local;
  *counts = {};
  // One record: its first line and the lines up to the next blank line.
  std::vector<std::string_view> lines;
  for (std::size_t p = 0; p <= text.size();) {
    std::size_t e = text.find('\n', p);
    if (e == std::string_view::npos) e = text.size();
    std::string_view l = text.substr(p, e - p);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    lines.push_back(l);
    p = e + 1;
  }
  std::size_t i = 0;
  while (i < lines.size()) {
    if (lines[i].empty() || !std::isdigit(static_cast<unsigned char>(lines[i][0]))) {
      ++i;  // Blank lines and comment blocks between records.
      continue;
    }
    std::string_view head = lines[i++];
    std::string body;
    while (i < lines.size() && !Trim(lines[i]).empty()) {
      body += lines[i++];
      body += '\n';
    }
    std::size_t digits = 0;
    while (digits < head.size() && std::isdigit(static_cast<unsigned char>(head[digits]))) ++digits;
    GoldRecord r;
    r.id = TabariRecordId(head.substr(digits));
    r.category = r.id.substr(0, r.id.find('-'));
    r.date = TabariDate(head.substr(0, digits), options.yyyy);
    r.tabari = options;
    // Text up to the comment; the fields from there to the record's end (a
    // few records close the comment early and list more fields after it).
    std::size_t open_comment = body.find("/*");
    std::string_view record_text = std::string_view(body).substr(0, open_comment);
    std::string_view comment;
    if (open_comment != std::string::npos) comment = std::string_view(body).substr(open_comment + 2);
    for (std::size_t a = 0; a < record_text.size();) {
      while (a < record_text.size() && std::isspace(static_cast<unsigned char>(record_text[a]))) ++a;
      std::size_t b = a;
      while (b < record_text.size() && !std::isspace(static_cast<unsigned char>(record_text[b]))) ++b;
      if (b > a) {
        if (!r.text.empty()) r.text += ' ';
        r.text += record_text.substr(a, b - a);
      }
      a = b;
    }
    // Validation fields; a field without its "}" runs to the end of its line.
    int fields = 0;
    bool special = false, stop = false;
    for (std::size_t a = comment.find('{'); a != std::string_view::npos && !stop;
         a = comment.find('{', a + 1)) {
      ++fields;
      std::size_t b = comment.find_first_of("}\n", a);
      std::string_view field = comment.substr(a + 1, b == std::string_view::npos ? b : b - a - 1);
      if (std::size_t close = field.find("*/"); close != std::string_view::npos) field = field.substr(0, close);
      field = Trim(field);
      if (a > 0 && comment[a - 1] == '-') {
        r.open = stop = true;
        break;
      }
      std::string squeezed;
      for (char c : field) {
        if (!std::isspace(static_cast<unsigned char>(c))) squeezed += c;
      }
      if (Upper(field.substr(0, 7)) == "OPTION:") {
        ApplyTabariOption(field.substr(7), &options);
      } else if (squeezed == "---" || squeezed == "###" || squeezed == "+++") {
        special = true;
      } else if (std::count(field.begin(), field.end(), '/') == 2) {
        std::size_t s1 = field.find('/'), s2 = field.find('/', s1 + 1);
        r.events.push_back({std::string(Trim(field.substr(0, s1))),
                            std::string(Trim(field.substr(s1 + 1, s2 - s1 - 1))),
                            std::string(Trim(field.substr(s2 + 1)))});
      }
      if (b == std::string_view::npos) break;
      a = b;
    }
    if (fields == 0) {  // Validation stops at a record without fields.
      counts->after_stop = 1;
      for (; i < lines.size(); ++i) {
        bool head = !lines[i].empty() && std::isdigit(static_cast<unsigned char>(lines[i][0]));
        if (head && Trim(lines[i - 1]).empty()) ++counts->after_stop;
      }
      break;
    }
    r.none_ok = special && !r.events.empty();
    if (r.open && r.events.empty()) {
      ++counts->unchecked;
      continue;
    }
    out.push_back(std::move(r));
  }
  return out;
}

StatusOr<std::vector<GoldRecord>> ReadTabariSuite(const std::string& dir,
                                                   TabariReadCounts* counts) {
  ASSIGN_OR_RETURN(std::string text, ReadFile(dir + "/Validate.text"));
  std::vector<GoldRecord> out =
      ParseTabariValidation(text, counts, ReadTabariOptionsFile(dir + "/Validate.options"));
  if (out.empty()) return NotFoundError("no TABARI validation records in " + dir + "/Validate.text");
  return out;
}

StatusOr<std::vector<GoldRecord>> ReadTabariGoldTsv(const std::string& dir) {
  ASSIGN_OR_RETURN(GoldRows gold, ReadGoldTsv(dir + "/gold.tsv"));
  ASSIGN_OR_RETURN(std::string text, ReadFile(dir + "/Validate.text"));
  // Records: "YYMMDD  ID" then text lines up to the "/*" comment, whose
  // "OPTION:" commands change the options of the records after it.
  std::map<std::string, GoldRecord> by_id;
  std::istringstream in(text);
  std::string line;
  GoldRecord* cur = nullptr;
  bool in_text = false;
  TabariOptions options = ReadTabariOptionsFile(dir + "/Validate.options");
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.size() > 7 && std::all_of(line.begin(), line.begin() + 6, ::isdigit) &&
        std::isspace(static_cast<unsigned char>(line[6]))) {
      std::string id(Trim(std::string_view(line).substr(6)));
      GoldRecord r;
      r.id = id;
      int yy = std::atoi(line.substr(0, 2).c_str());
      r.date = (yy >= 30 ? 19000000 : 20000000) + std::atoi(line.substr(0, 6).c_str());
      r.tabari = options;
      cur = &by_id[id];
      *cur = r;
      in_text = true;
      continue;
    }
    if (std::size_t opt = line.find("OPTION:"); opt != std::string::npos) {
      ApplyTabariOption(std::string_view(line).substr(opt + 7), &options);
    }
    if (!cur || !in_text) continue;
    std::string_view body = line;
    if (std::size_t c = body.find("/*"); c != std::string_view::npos) {
      body = body.substr(0, c);
      in_text = false;
    }
    body = Trim(body);
    if (body.empty()) continue;
    if (!cur->text.empty()) cur->text += ' ';
    cur->text += std::string(body);
  }
  std::vector<GoldRecord> out;
  for (const auto& id : gold.order) {
    auto it = by_id.find(id);
    if (it == by_id.end()) continue;
    GoldRecord r = it->second;
    r.category = gold.category[id];
    r.events = gold.events[id];
    out.push_back(std::move(r));
  }
  if (out.empty()) return NotFoundError("no TABARI records matched " + dir + "/gold.tsv");
  return out;
}

StatusOr<std::vector<GoldRecord>> ReadPetrarchXmlSuite(const std::string& xml_path,
                                                       const std::string& gold_tsv) {
  ASSIGN_OR_RETURN(GoldRows gold, ReadGoldTsv(gold_tsv));
  ASSIGN_OR_RETURN(std::string text, ReadFile(xml_path));
  std::vector<XmlSentence> sents = ReadXmlSentences(text);
  std::map<std::string, const XmlSentence*> by_id;
  for (const auto& s : sents) by_id[NormId(s.id)] = &s;
  std::vector<GoldRecord> out;
  for (const auto& id : gold.order) {
    const XmlSentence* s = nullptr;
    if (auto it = by_id.find(NormId(id)); it != by_id.end()) {
      s = it->second;
    } else if (id.size() > 1 && id[0] == 'X' && std::isdigit(static_cast<unsigned char>(id[1]))) {
      // Records the flattening could not name are "X<index>".
      std::size_t k = std::atoi(id.c_str() + 1);
      if (k < sents.size()) s = &sents[k];
    }
    if (!s) continue;
    GoldRecord r;
    r.id = id;
    r.category = gold.category[id].empty() ? s->category : gold.category[id];
    r.date = s->date;
    r.text = s->text;
    r.parse = s->parse;
    r.events = gold.events[id];
    out.push_back(std::move(r));
  }
  if (out.empty()) return NotFoundError("no records matched " + gold_tsv);
  return out;
}

void ScoreRecord(const GoldRecord& rec, const std::vector<GoldTriple>& all_predicted,
                 EvalReport* report, bool verbose) {
  auto key = [](const GoldTriple& t) { return t.source + "|" + t.target + "|" + t.code; };
  // TABARI validation: with a special field beside the codings, coding
  // nothing passes; after "-{", codings beyond the listed ones are not
  // checked.
  static const std::vector<GoldTriple> kNone;
  const std::vector<GoldTriple>& expected = rec.none_ok && all_predicted.empty() ? kNone : rec.events;
  std::vector<GoldTriple> predicted;
  if (rec.open) {
    std::multiset<std::string> listed;
    for (const auto& t : expected) listed.insert(key(t));
    for (const auto& t : all_predicted) {
      if (auto it = listed.find(key(t)); it != listed.end()) {
        listed.erase(it);
        predicted.push_back(t);
      }
    }
  } else {
    predicted = all_predicted;
  }
  auto rkey = [](const GoldTriple& t) {
    return t.source + "|" + t.target + "|" + t.code.substr(0, std::min<std::size_t>(2, t.code.size()));
  };
  auto count = [](const std::vector<GoldTriple>& g, const std::vector<GoldTriple>& p, auto k,
                   Counts* c) {
    std::multiset<std::string> gs, ps;
    for (const auto& t : g) gs.insert(k(t));
    for (const auto& t : p) ps.insert(k(t));
    long tp = 0;
    for (const auto& x : ps) {
      auto it = gs.find(x);
      if (it != gs.end()) {
        ++tp;
        gs.erase(it);
      }
    }
    c->tp += tp;
    c->fp += static_cast<long>(p.size()) - tp;
    c->fn += static_cast<long>(g.size()) - tp;
    return tp == static_cast<long>(p.size()) && tp == static_cast<long>(g.size());
  };
  Counts local;
  bool exact = count(expected, predicted, key, &local);
  report->triples.tp += local.tp;
  report->triples.fp += local.fp;
  report->triples.fn += local.fn;
  count(expected, predicted, rkey, &report->roots);
  ++report->records;
  if (exact) ++report->exact;
  CategoryFigures& cat = report->categories[rec.category.empty() ? "-" : rec.category];
  ++cat.records;
  if (exact) ++cat.exact;
  cat.triples.tp += local.tp;
  cat.triples.fp += local.fp;
  cat.triples.fn += local.fn;
  // Confusion over source-target pairs.
  std::vector<bool> used(predicted.size(), false);
  for (const auto& g : expected) {
    std::string pr = "none";
    for (std::size_t i = 0; i < predicted.size(); ++i) {
      if (!used[i] && predicted[i].source == g.source && predicted[i].target == g.target) {
        used[i] = true;
        pr = predicted[i].code.substr(0, 2);
        break;
      }
    }
    ++report->confusion[{g.code.substr(0, 2), pr}];
  }
  for (std::size_t i = 0; i < predicted.size(); ++i) {
    if (!used[i]) ++report->confusion[{"none", predicted[i].code.substr(0, 2)}];
  }
  if (verbose && !exact) {
    std::string s = rec.id + "\tgold:";
    for (const auto& g : expected) s += " " + key(g);
    if (rec.open) s += " (further codings unchecked)";
    if (rec.none_ok) s += " (or none)";
    s += "\tpred:";
    for (const auto& p : all_predicted) s += " " + key(p);
    s += "\t" + rec.text.substr(0, 160);
    report->misses.push_back(s);
  }
}

namespace {

// Calls fn(line) for each line of a file; a file that cannot be read has
// none (the suites' optional files).
template <typename Fn>
void ForEachFileLine(const std::string& path, Fn fn) {
  auto text = ReadFile(path);
  if (!text.ok()) return;
  std::istringstream in(*text);
  std::string line;
  while (std::getline(in, line)) fn(line);
}

// Sentence discard phrases (TABARI / PETRARCH discard files): a record that
// contains one codes nothing.
struct Discards {
  std::vector<std::vector<DictWord>> phrases;
  void Load(const std::string& path) {
    ForEachFileLine(path, [&](const std::string& line) {
      std::string_view l = line;
      if (std::size_t c = l.find_first_of("#;"); c != std::string_view::npos) l = l.substr(0, c);
      if (std::size_t c = l.find('['); c != std::string_view::npos) l = l.substr(0, c);
      l = Trim(l);
      if (l.empty() || l[0] == '<') return;
      if (l[0] == '+') l.remove_prefix(1);
      auto words = ParsePhraseWords(l, WordMode::kStem);
      // Single short stems ("ESPN") would discard too much as prefixes.
      for (auto& w : words) {
        if (w.text.size() <= 3) w.mode = WordMode::kExact;
      }
      if (!words.empty()) phrases.push_back(std::move(words));
    });
  }
  bool Hit(const std::vector<std::string>& toks) const {
    for (const auto& ph : phrases) {
      for (std::size_t t = 0; t + ph.size() <= toks.size(); ++t) {
        bool ok = true;
        for (std::size_t k = 0; k < ph.size() && ok; ++k) ok = WordMatches(ph[k], toks[t + k], "");
        if (ok) return true;
      }
    }
    return false;
  }
};

// UniversalPetrarch's internal coding ontology (PICO): "CODE:VALUE#..."
// lines giving each CAMEO code a number; a negation is the value that
// differs by 0xFFFF ("110:0x1007f" is 0xFFFF + 050's 0x0080, so "did not
// disapprove" codes 050 and "did not cooperate" 110).
struct Ontology {
  std::map<std::string, long> value;
  std::map<long, std::string> code;  // First code of each value.
  void Load(const std::string& path) {
    ForEachFileLine(path, [&](const std::string& line) {
      if (line.empty() || line[0] == '#') return;
      std::size_t colon = line.find(':');
      if (colon == std::string::npos) return;
      std::string c(Trim(std::string_view(line).substr(0, colon)));
      std::string expr(Trim(std::string_view(line).substr(colon + 1, line.find('#') - colon - 1)));
      // A sum of signed hex terms: "0x1000-0xFFFF", "-0xFFFF+0x0070".
      long v = 0;
      bool ok = !expr.empty();
      std::size_t i = 0;
      while (i < expr.size() && ok) {
        int sign = 1;
        if (expr[i] == '+' || expr[i] == '-') {
          sign = expr[i] == '-' ? -1 : 1;
          ++i;
        }
        std::size_t used = 0;
        try {
          v += sign * std::stol(expr.substr(i), &used, 16);
        } catch (...) {
          ok = false;
        }
        if (used == 0) ok = false;
        i += used;
      }
      if (!ok || c.empty()) return;
      value[c] = v;
      code.emplace(v, c);
    });
  }
  // The code of the negated act, or "" when the ontology has none.
  std::string Negated(const std::string& c) const {
    auto it = value.find(c);
    if (it == value.end()) return "";
    long v = it->second;
    long n = v >= 0xFFFF ? v - 0xFFFF : v < 0 ? v + 0xFFFF : v + 0xFFFF;
    auto jt = code.find(n);
    return jt == code.end() ? "" : jt->second;
  }
};

}  // namespace

StatusOr<EvalReport> RunLegacySuite(const std::string& suite, const std::string& gold_root,
                                    const EvalOptions& options) {
  std::vector<GoldRecord> records;
  std::vector<std::string> verb_files, actor_files, agent_files, discard_files;
  std::string ontology_file;
  if (suite == "tabari" || suite == "tabari-gold") {
    std::string d = gold_root + "/tabari-validate";
    if (suite == "tabari") {
      ASSIGN_OR_RETURN(records, ReadTabariSuite(d));
    } else {
      ASSIGN_OR_RETURN(records, ReadTabariGoldTsv(d));
    }
    verb_files = {d + "/TABARI.Demo.verbs"};
    actor_files = {d + "/TABARI.Demo.actors"};
    agent_files = {d + "/Validate.agents"};
  } else if (suite == "petrarch") {
    std::string d = gold_root + "/petrarch-unittest";
    ASSIGN_OR_RETURN(records, ReadPetrarchXmlSuite(d + "/PETR.UnitTest.records.xml", d + "/gold.tsv"));
    // The parse comes from the UDPipe-parsed copy (same records).
    if (options.use_parse) {
      auto ud = ReadFile(d + "/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml");
      if (ud.ok()) {
        std::map<std::string, std::vector<ParsedToken>> parses;
        for (auto& s : ReadXmlSentences(*ud)) parses[NormId(s.id)] = std::move(s.parse);
        // The parsed copy was made from an older edition of some records:
        // use a parse only when its words spell the record's text.
        auto squash = [](std::string_view x) {
          std::string o;
          for (char c : x) {
            if (std::isalnum(static_cast<unsigned char>(c))) o += static_cast<char>(std::tolower(c));
          }
          return o;
        };
        for (auto& r : records) {
          auto it = parses.find(NormId(r.id));
          if (it == parses.end()) continue;
          std::string words;
          for (const auto& t : it->second) words += t.form;
          if (squash(words) == squash(r.text)) r.parse = it->second;
        }
      }
    }
    verb_files = {d + "/PETR.Validate.verbs.txt"};
    actor_files = {d + "/PETR.Validate.actors.txt"};
    agent_files = {d + "/PETR.Validate.agents.txt"};
    discard_files = {d + "/PETR.Validate.discards.txt"};
  } else if (suite == "udpetrarch") {
    std::string d = gold_root + "/udpetrarch-functional";
    ASSIGN_OR_RETURN(records, ReadPetrarchXmlSuite(d + "/PETR_Validate_records_2_02.xml", d + "/gold.tsv"));
    verb_files = {d + "/PETR_Validate_verbs_2_02.txt"};
    actor_files = {d + "/PETR_Validate_actors_2_02.txt"};
    agent_files = {d + "/PETR_Validate_agents_2_02.txt"};
    discard_files = {d + "/PETR_Validate_discards_2_02.txt"};
    ontology_file = d + "/PETR_Validate_Internal_Coding_Ontology_1_01.txt";
  } else {
    return InvalidArgumentError("unknown suite '" + suite +
                                "' (expected tabari, tabari-gold, petrarch, udpetrarch)");
  }

  EvalReport report;
  report.suite = suite;
  VerbDictionary verbs;
  for (const auto& f : verb_files) {
    ASSIGN_OR_RETURN(VerbDictionary v, LoadLegacyVerbFile(f));
    verbs.Merge(v);
  }
  verbs.Compile();
  for (const auto& w : verbs.warnings()) report.warnings.push_back(w);
  const bool tabari = suite.starts_with("tabari");
  ASSIGN_OR_RETURN(LegacyActors actors, LegacyActors::Load(actor_files, agent_files, tabari));
  TabariWordLists word_lists;
  if (tabari) {
    for (const auto& f : actor_files) word_lists.Load(f);
  }
  for (const auto& w : actors.warnings()) report.warnings.push_back(w);
  // TABARI and PETRARCH2 read a coded compound ("EAST_AND_WEST_GERMANY
  // [GME/GMW]") as one actor per code; UniversalPetrarch keeps it whole.
  const bool split_compounds = suite != "udpetrarch";
  Discards discards;
  Ontology ontology;
  if (!ontology_file.empty()) ontology.Load(ontology_file);
  for (const auto& f : discard_files) discards.Load(f);

  CoderOptions copts;
  copts.require_dyad = false;
  copts.all_modalities = options.all_modalities;
  copts.future_as_intent = false;
  copts.one_per_clause = tabari;
  copts.tabari_reading = tabari;
  copts.reported_modals = false;
  copts.compose = false;  // Neither TABARI nor PETRARCH composes control verbs.
  copts.target_distinct_code = true;
  copts.negated_agreement_as_rejection = false;
  copts.locatives = false;
  copts.agentless_passive = suite == "petrarch" ? CoderOptions::AgentlessPassive::kActive
                                                : CoderOptions::AgentlessPassive::kNoSource;
  CoderOptions default_target_opts = copts;
  // DEFAULT (manual 8.5) codes a verb phrase with no actor at all: the
  // defaults fill both roles (an event left without a source is dropped
  // below when no default source is set).
  default_target_opts.keep_actorless = tabari;
  copts.clause_event_needs_target = tabari;
  Coder coder(&verbs, copts);
  // With a DEFAULT TARGET every clause's first trigger makes an event.
  Coder coder_default_target(&verbs, default_target_opts);
  CoderOptions all_opts = copts;
  all_opts.one_per_clause = false;
  Coder coder_all(&verbs, all_opts);  // TABARI "CODE ALL".
  std::string previous_first_actor;    // TABARI FORWARD.

  for (const GoldRecord& rec : records) {
    CoderSentence s;
    std::vector<std::string> raw_forms;
    if (options.use_parse && !rec.parse.empty()) {
      s.parsed = true;
      for (const auto& p : rec.parse) {
        CoderToken t;
        t.form = Upper(p.form);
        t.lemma = Upper(p.lemma);
        t.upos = p.upos;
        t.xpos = p.xpos;
        t.head = p.head;
        t.deprel = p.deprel;
        raw_forms.push_back(p.form);
        s.tokens.push_back(std::move(t));
      }
    } else {
      Document doc;
      doc.text = rec.text;
      for (const Sentence& sent : text::Segment(doc)) {
        for (const Token& tok : sent.tokens) {
          std::string up = Upper(tok.form);
          // TABARI and PETRARCH read "didn't" as one word: rejoin n't.
          if ((up == "N'T" || up == "N’T") && !s.tokens.empty()) {
            s.tokens.back().form += "N'T";
            raw_forms.back() += tok.form;
            continue;
          }
          CoderToken t;
          t.form = up;
          raw_forms.push_back(tok.form);
          s.tokens.push_back(std::move(t));
        }
      }
    }
    std::vector<std::string> upper;
    for (const auto& t : s.tokens) upper.push_back(t.form);
    // Capitals tell names from verbs only in mixed-case text.
    bool mixed_case = std::any_of(rec.text.begin(), rec.text.end(),
                                  [](char c) { return std::islower(static_cast<unsigned char>(c)); });
    for (std::size_t i = 0; i < raw_forms.size(); ++i) {
      s.tokens[i].capitalized = mixed_case && !raw_forms[i].empty() &&
                                std::isupper(static_cast<unsigned char>(raw_forms[i][0]));
    }
    std::vector<LegacyActorMatch> found = actors.Match(upper, rec.date);
    bool too_short = false;
    if (tabari && s.tokens.size() == upper.size() && !s.parsed) {
      int words = 0;
      for (const auto& u : upper) words += std::isalnum(static_cast<unsigned char>(u[0])) != 0 || u == ",";
      too_short = words < rec.tabari.minimum_words;
      // Nonrestrictive clauses go before coding.
      std::vector<bool> keep = TabariCommaKeep(upper, found, rec.tabari);
      if (std::find(keep.begin(), keep.end(), false) != keep.end()) {
        std::vector<CoderToken> kept;
        std::vector<std::string> kept_upper;
        for (std::size_t i = 0; i < keep.size(); ++i) {
          if (!keep[i]) continue;
          kept.push_back(s.tokens[i]);
          kept_upper.push_back(upper[i]);
        }
        s.tokens = std::move(kept);
        upper = std::move(kept_upper);
        found = actors.Match(upper, rec.date);
      }
    }
    if (tabari && !s.parsed) word_lists.Tag(&s.tokens);
    if (tabari) {
      // An agent with no actor is not an actor unless CONVERT AGENTS is on.
      if (!rec.tabari.convert_agents) {
        std::erase_if(found, [](const LegacyActorMatch& m) { return m.code.starts_with("~"); });
      }
      std::string first = found.empty() ? "" : found.front().code;
      TabariPronouns(upper, rec.tabari.forward ? previous_first_actor : "", &found);
      previous_first_actor = first.substr(0, 3);
    }
    std::vector<std::string> codes;
    for (const auto& m : found) {
      s.actors.push_back({m.begin, m.end, static_cast<int>(codes.size()), m.code});
      codes.push_back(m.code);
    }
    std::vector<GoldTriple> predicted;
    // TABARI's discard ([###]) and complex ([+++]) actor codes set the
    // record aside: it codes nothing.
    bool set_aside = false;
    for (const auto& m : found) set_aside |= tabari && (m.code == "###" || m.code == "+++");
    set_aside |= too_short;
    if (tabari && !set_aside) {
      // COMPLEX (manual 8.7): too many verbs or clauses, or no actor before
      // the first verb.
      const TabariOptions& to = rec.tabari;
      Complexity cx = coder.Measure(s);
      set_aside = (to.complex_verbs > 0 && cx.verbs >= to.complex_verbs) ||
                  (to.complex_conj > 0 && cx.conjunctions >= to.complex_conj) ||
                  (to.complex_noactprior && cx.verbs > 0 && !cx.actor_before_first_verb);
    }
    if (!set_aside && !discards.Hit(upper)) {
      std::vector<CodedEvent> events;
      const TabariOptions& to = rec.tabari;
      const Coder& by_clause = tabari && !to.default_target.empty() ? coder_default_target : coder;
      (tabari && to.code_by == TabariOptions::CodeBy::kAll ? coder_all : by_clause).Code(s, &events);
      if (tabari && to.code_by == TabariOptions::CodeBy::kSentence && !events.empty()) {
        // CODE BY SENTENCE: the first event found only.
        int first = events.front().trigger_begin;
        for (const auto& e : events) first = std::min(first, e.trigger_begin);
        std::erase_if(events, [&](const CodedEvent& e) { return e.trigger_begin != first; });
      }
      // TABARI: a discard or complex verb or pattern sets the record aside.
      if (tabari && std::any_of(events.begin(), events.end(), [](const CodedEvent& e) {
            return e.code == "###" || e.code == "+++";
          })) {
        events.clear();
      }
      if (tabari && !(to.source_prior && !to.default_source.empty())) {
        // TABARI is greedy: with no source before the verb, the first actor
        // after it is the source and the next one the target.
        std::vector<CodedEvent> greedy;
        std::set<std::pair<int, std::string>> done;
        for (const auto& e : events) {
          if (e.source >= 0 || e.target < 0) {
            greedy.push_back(e);
            continue;
          }
          if (!done.insert({e.trigger_begin, e.code}).second) continue;
          int first = e.target;
          for (const auto& o : events) {
            if (o.source < 0 && o.target >= 0 && o.trigger_begin == e.trigger_begin && o.code == e.code &&
                s.actors[o.target].begin < s.actors[first].begin) {
              first = o.target;
            }
          }
          CodedEvent g = e;
          g.source = first;
          g.target = -1;
          for (int a = first + 1; a < static_cast<int>(s.actors.size()); ++a) {
            if (s.actors[a].code != s.actors[first].code) {
              g.target = a;
              break;
            }
          }
          greedy.push_back(g);
        }
        events = std::move(greedy);
      }
      // UniversalPetrarch codes a negated act as its opposite.
      for (auto& e : events) {
        if (!e.negated || ontology.value.empty()) continue;
        std::string opposite = ontology.Negated(e.code);
        if (!opposite.empty()) e.code = opposite;
      }
      for (const auto& e : events) {
        std::string sc = e.source >= 0 ? codes[s.actors[e.source].id] : "";
        std::string tc = e.target >= 0 ? codes[s.actors[e.target].id] : "";
        if (tabari) {
          // DEFAULT: SOURCE [X] PRIOR / TARGET [Y] AFTER.
          bool src_prior = e.source >= 0 && s.actors[e.source].end <= e.trigger_begin;
          bool tgt_after = e.target >= 0 && s.actors[e.target].begin >= e.trigger_end;
          if (!to.default_source.empty() && (sc.empty() || (to.source_prior && !src_prior))) {
            sc = to.default_source;
          }
          if (!to.default_target.empty() && (tc.empty() || (to.target_after && !tgt_after))) {
            tc = to.default_target;
          }
        }
        if (sc.empty() || tc.empty()) continue;  // The suites code dyads.
        if (sc == tc) continue;  // Nor do they code an actor acting on itself.
        for (const auto& a : split_compounds ? SplitCodes(sc) : std::vector<std::string>{sc}) {
          for (const auto& b : split_compounds ? SplitCodes(tc) : std::vector<std::string>{tc}) {
            if (a != b) predicted.push_back({a, b, e.code});
          }
        }
      }
    }
    std::size_t misses_before = report.misses.size();
    ScoreRecord(rec, predicted, &report, options.verbose);
    if (report.misses.size() > misses_before) {
      std::string a = "\tactors:";
      for (const auto& m : found) {
        a += " [";
        for (int t = m.begin; t < m.end; ++t) a += (t > m.begin ? " " : "") + upper[t];
        a += "]=" + m.code;
      }
      report.misses.back() += a;
    }
  }
  return report;
}

std::string FormatReport(const EvalReport& r) {
  std::string out;
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "suite %s: %d records, exact %.1f%% (%d)\n"
                "  triples: P %.3f R %.3f F1 %.3f (tp %ld fp %ld fn %ld)\n"
                "  roots:   P %.3f R %.3f F1 %.3f\n",
                r.suite.c_str(), r.records, 100 * r.exact_rate(), r.exact, r.triples.Precision(),
                r.triples.Recall(), r.triples.F1(), r.triples.tp, r.triples.fp, r.triples.fn,
                r.roots.Precision(), r.roots.Recall(), r.roots.F1());
  out += buf;
  out += "  per category (records, exact, triple F1):\n";
  for (const auto& [cat, f] : r.categories) {
    std::snprintf(buf, sizeof buf, "    %-12s %4d %5.1f%% %.3f\n", cat.c_str(), f.records,
                  f.records ? 100.0 * f.exact / f.records : 0.0, f.triples.F1());
    out += buf;
  }
  out += "  root confusion (gold -> predicted: count), off-diagonal:\n";
  std::vector<std::pair<int, std::pair<std::string, std::string>>> cells;
  for (const auto& [k, v] : r.confusion) {
    if (k.first != k.second) cells.push_back({v, k});
  }
  std::sort(cells.rbegin(), cells.rend());
  for (std::size_t i = 0; i < cells.size() && i < 15; ++i) {
    std::snprintf(buf, sizeof buf, "    %s -> %s: %d\n", cells[i].second.first.c_str(),
                  cells[i].second.second.c_str(), cells[i].first);
    out += buf;
  }
  return out;
}

}  // namespace dyad::code
