#include "code/legacy_actors.h"

#include <algorithm>
#include <cctype>

#include "code/pattern_syntax.h"
#include "util/files.h"
#include "util/status_macros.h"
#include "util/strings.h"

namespace dyad::code {
namespace {


// "950101" -> 19950101; "20090120" -> 20090120.
int ParseDate(std::string_view d) {
  std::string digits;
  for (char c : d) {
    if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
  }
  if (digits.size() == 6) {
    int yy = std::stoi(digits.substr(0, 2));
    return (yy >= 30 ? 19000000 : 20000000) + std::stoi(digits);
  }
  if (digits.size() == 8) return std::stoi(digits);
  return -1;
}

}  // namespace

Status LegacyActors::Load(const std::string& path, bool agents, bool stems) {
  const WordMode mode = stems ? WordMode::kStem : WordMode::kInflect;
  ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  int line_no = 0;
  int last = -1;  // Last actor item, for PETRARCH "+SYNONYM" and "[CODE]" lines.
  bool in_comment = false;
  bool in_section = false;  // TABARI <NOUN> / <ADJECTIVE> lists.
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string_view line(text.data() + pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    std::string where = path + ":" + std::to_string(line_no);
    if (in_comment) {
      if (line.find("-->") != std::string_view::npos) in_comment = false;
      continue;
    }
    line = Trim(line);
    if (line.starts_with("<!--")) {
      if (line.find("-->") == std::string_view::npos) in_comment = true;
      continue;
    }
    // TABARI word lists (<NOUN> ... </NOUN>) are sections; any other line
    // starting with '<' (stray markup, "<! -- ... -->") is skipped alone.
    if (line.starts_with("</")) { in_section = false; continue; }
    if (line.starts_with("<")) {
      bool tag = line.size() > 2 && line.back() == '>';
      for (std::size_t k = 1; tag && k + 1 < line.size(); ++k) {
        if (!std::isupper(static_cast<unsigned char>(line[k])) && line[k] != '_') tag = false;
      }
      if (tag) in_section = true;
      continue;
    }
    if (in_section) continue;
    if (std::size_t c = line.find_first_of(";#"); c != std::string_view::npos) line = Trim(line.substr(0, c));
    if (line.empty() || line[0] == '!') continue;

    // Codes in brackets.
    std::vector<Code> codes;
    bool agent = agents;
    std::string_view rest = line;
    std::string name;
    std::size_t lb = rest.find('[');
    name = std::string(Trim(rest.substr(0, lb)));
    while (lb != std::string_view::npos) {
      std::size_t rb = rest.find(']', lb);
      if (rb == std::string_view::npos) {
        warnings_.push_back(where + ": unclosed '['");
        break;
      }
      std::string_view inside = Trim(rest.substr(lb + 1, rb - lb - 1));
      Code c;
      std::size_t sp = inside.find_first_of(" \t");
      std::string code(Trim(inside.substr(0, sp)));
      if (sp != std::string_view::npos) {
        std::string_view d = Trim(inside.substr(sp));
        if (d.starts_with("<")) {
          c.to = ParseDate(d.substr(1));
        } else if (d.starts_with(">")) {
          c.from = ParseDate(d.substr(1));
        } else if (std::size_t dash = d.find('-'); dash != std::string_view::npos) {
          c.from = ParseDate(d.substr(0, dash));
          c.to = ParseDate(d.substr(dash + 1));
        }
        if (c.from < 0 || c.to < 0) {
          warnings_.push_back(where + ": bad date in code");
          c.from = 0;
          c.to = 99999999;
        }
      }
      if (!code.empty() && code[0] == '~') {
        agent = true;
        code.erase(0, 1);
      } else if (!code.empty() && code.back() == '~') {
        agent = true;
        code.pop_back();
      }
      c.code = code;
      codes.push_back(c);
      lb = rest.find('[', rb);
    }
    // Plural / extra forms in "{...}" are separate names for the same codes.
    std::vector<std::string> names;
    if (std::size_t ob = name.find('{'); ob != std::string::npos) {
      std::size_t cb = name.find('}', ob);
      std::string forms = name.substr(ob + 1, (cb == std::string::npos ? name.size() : cb) - ob - 1);
      name = std::string(Trim(name.substr(0, ob)));
      std::string cur;
      for (char ch : forms + " ") {
        if (std::isspace(static_cast<unsigned char>(ch))) {
          if (!cur.empty()) names.push_back(cur);
          cur.clear();
        } else {
          cur += ch;
        }
      }
    }
    if (name.empty() && !codes.empty()) {
      // PETRARCH: a bare code line belongs to the last name.
      if (last >= 0) {
        for (auto& c : codes) groups_[entries_[last].group].push_back(c);
      }
      continue;
    }
    if (name.empty()) continue;
    if (name[0] == '+') {
      // PETRARCH synonym of the last actor.
      if (last < 0) {
        warnings_.push_back(where + ": synonym before any actor");
        continue;
      }
      Item it;
      it.words = ParsePhraseWords(name.substr(1), mode);
      it.agent = entries_[last].agent;
      it.group = entries_[last].group;
      if (it.words.empty()) continue;
      entries_.push_back(std::move(it));
      Index(static_cast<int>(entries_.size()) - 1);
      continue;
    }
    names.insert(names.begin(), name);
    int first = -1;
    for (const auto& n : names) {
      Item it;
      it.words = ParsePhraseWords(n, mode);
      // Words inside a multi-word name are matched in full except the last.
      if (it.words.empty()) continue;
      if (first < 0) {
        groups_.push_back(codes);
        it.group = static_cast<int>(groups_.size()) - 1;
      } else {
        it.group = entries_[first].group;
      }
      it.agent = agent;
      entries_.push_back(std::move(it));
      Index(static_cast<int>(entries_.size()) - 1);
      if (first < 0) first = static_cast<int>(entries_.size()) - 1;
    }
    last = first;
  }
  return Status::OK();
}

void LegacyActors::Index(int i) {
  const DictWord& w = entries_[i].words[0];
  if (w.mode == WordMode::kStem && entries_[i].words.size() == 1) {
    by_stem_[w.text].push_back(i);
    max_stem_ = std::max(max_stem_, w.text.size());
  } else {
    by_first_[w.text].push_back(i);
    if (w.mode == WordMode::kStem) {
      by_stem_[w.text].push_back(i);
      max_stem_ = std::max(max_stem_, w.text.size());
    }
  }
}

// A dated code that holds on `date` wins over an undated default; the first
// code is the answer when nothing holds or the date is unknown.
std::string LegacyActors::CodeOn(const Item& it, int date) const {
  const std::vector<Code>& codes = groups_[it.group];
  if (codes.empty()) return "";
  if (date == 0) return codes.front().code;
  const Code* undated = nullptr;
  for (const Code& c : codes) {
    bool dated = c.from != 0 || c.to != 99999999;
    if (!dated) {
      if (!undated) undated = &c;
      continue;
    }
    if (c.from <= date && date <= c.to) return c.code;
  }
  return undated ? undated->code : codes.front().code;
}

std::vector<LegacyActorMatch> LegacyActors::Match(const std::vector<std::string>& tokens,
                                                  int date) const {
  struct Hit {
    int begin, end;
    const Item* item;
  };
  std::vector<Hit> hits;
  int n = static_cast<int>(tokens.size());
  std::vector<int> cands;
  for (int t = 0; t < n;) {
    cands.clear();
    // The token, and its singular when it looks plural (PETRARCH words
    // match their regular plurals).
    const std::string& tok = tokens[t];
    std::string keys[4] = {tok, "", "", ""};
    if (tok.size() > 3 && tok.back() == 'S') {
      keys[1] = tok.substr(0, tok.size() - 1);
      if (tok.ends_with("ES")) keys[2] = tok.substr(0, tok.size() - 2);
      if (tok.ends_with("IES")) keys[3] = tok.substr(0, tok.size() - 3) + "Y";
    }
    for (const std::string& k : keys) {
      if (k.empty()) continue;
      if (auto it = by_first_.find(k); it != by_first_.end()) {
        for (int c : it->second) {
          if (std::find(cands.begin(), cands.end(), c) == cands.end()) cands.push_back(c);
        }
      }
    }
    for (std::size_t len = std::min(tokens[t].size(), max_stem_); len >= 2; --len) {
      if (auto it = by_stem_.find(tokens[t].substr(0, len)); it != by_stem_.end()) {
        cands.insert(cands.end(), it->second.begin(), it->second.end());
      }
    }
    int best_end = -1;
    const Item* best = nullptr;
    for (int c : cands) {
      const Item& item = entries_[c];
      int k = 0;
      bool ok = true;
      for (const DictWord& w : item.words) {
        if (t + k >= n || !WordMatches(w, tokens[t + k], "")) {
          ok = false;
          break;
        }
        ++k;
      }
      if (ok && t + k > best_end) {
        best_end = t + k;
        best = &item;
      }
    }
    if (best) {
      hits.push_back({t, best_end, best});
      t = best_end;
    } else {
      ++t;
    }
  }
  // Combine agents with adjacent actors.
  std::vector<LegacyActorMatch> out, pending;
  std::vector<bool> used(hits.size(), false);
  for (std::size_t i = 0; i < hits.size(); ++i) {
    if (used[i]) continue;
    const Hit& h = hits[i];
    std::string code = CodeOn(*h.item, date);
    if (code == "---" || code.empty()) {
      // A null-coded name blocks its words from other matches.
      continue;
    }
    LegacyActorMatch m{h.begin, h.end, h.item->agent ? agent_prefix_ + code : code};
    if (!h.item->agent) {
      // "Arnorian ambassador", "Dagolath's first Deputy Prime Minister":
      // actor followed by an agent, directly or through "'s" and modifiers.
      bool poss = h.end < n && (tokens[h.end] == "'S" || tokens[h.end] == "'");
      if (i + 1 < hits.size() && hits[i + 1].item->agent &&
          hits[i + 1].begin <= h.end + (poss ? 4 : 1)) {
        std::string ac = CodeOn(*hits[i + 1].item, date);
        if (!ac.empty() && ac != "---" && !m.code.ends_with(ac)) m.code += ac;
        m.end = hits[i + 1].end;
        used[i + 1] = true;
        // "Danish media and government": the country distributes over a
        // list of agents.
        for (std::size_t k = i + 2; k < hits.size() && hits[k].item->agent &&
                                    hits[k].begin == hits[k - 1].end + 1 &&
                                    (tokens[hits[k - 1].end] == "AND" || tokens[hits[k - 1].end] == ",");
             ++k) {
          std::string ak = CodeOn(*hits[k].item, date);
          if (ak.empty() || ak == "---") break;
          pending.push_back({hits[k].begin, hits[k].end, code + ak});
          used[k] = true;
        }
        // "... Minister Telemar": the name after the title is the same actor.
        if (i + 2 < hits.size() && !hits[i + 2].item->agent && hits[i + 2].begin == m.end) {
          m.end = hits[i + 2].end;
          used[i + 2] = true;
        }
      }
    } else {
      // Title before a name: "Minister Telemar".
      if (i + 1 < hits.size() && !hits[i + 1].item->agent && hits[i + 1].begin == h.end) {
        std::string cc = CodeOn(*hits[i + 1].item, date);
        if (!cc.empty() && cc != "---") m.code = cc + code;
        m.end = hits[i + 1].end;
        used[i + 1] = true;
      } else if (i + 1 < hits.size() && !hits[i + 1].item->agent && hits[i + 1].begin == h.end + 1 &&
          (tokens[h.end] == "OF" || tokens[h.end] == "FROM" || tokens[h.end] == "IN")) {
        std::string cc = CodeOn(*hits[i + 1].item, date);
        if (!cc.empty() && cc != "---") m.code = cc + code;
        m.end = hits[i + 1].end;
        used[i + 1] = true;
        // "Lawmakers in Arnor and Gondor": the agent distributes over a list
        // of places.
        for (std::size_t k = i + 2; k < hits.size() && !hits[k].item->agent &&
                                    hits[k].begin == hits[k - 1].end + 1 &&
                                    (tokens[hits[k - 1].end] == "AND" || tokens[hits[k - 1].end] == ",");
             ++k) {
          std::string ck = CodeOn(*hits[k].item, date);
          if (ck.empty() || ck == "---") break;
          pending.push_back({hits[k].begin, hits[k].end, ck + code});
          used[k] = true;
        }
      }
    }
    out.push_back(m);
    for (auto& p : pending) out.push_back(std::move(p));
    pending.clear();
  }
  return out;
}

}  // namespace dyad::code
