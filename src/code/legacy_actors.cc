#include "code/legacy_actors.h"

#include <algorithm>

#include "actors/words.h"
#include "util/status_macros.h"

namespace dyad::code {

StatusOr<LegacyActors> LegacyActors::Load(const std::vector<std::string>& actor_files,
                                          const std::vector<std::string>& agent_files,
                                          bool tabari) {
  using actors::DictFormat;
  std::vector<actors::DictFile> files;
  for (const auto& f : actor_files) {
    files.push_back({f, tabari ? DictFormat::kTabariActors : DictFormat::kPetrarchActors});
  }
  for (const auto& f : agent_files) {
    files.push_back({f, tabari ? DictFormat::kTabariAgents : DictFormat::kPetrarchAgents});
  }
  LegacyActors out;
  ASSIGN_OR_RETURN(out.dict_, actors::ActorDictionary::LoadFiles(files));
  for (const auto& d : out.dict_->diagnostics()) out.warnings_.push_back(d.ToString());
  if (tabari) out.agent_prefix_.assign(1, '~');  // not = "~": GCC 12 -Wrestrict false positive
  out.tabari_ = tabari;
  for (std::uint32_t i = 0; tabari && i < out.dict_->num_forms(); ++i) {
    const actors::Form& f = out.dict_->form(i);
    if (f.gaps == 0) continue;
    GappedForm g{i, {}};
    for (std::size_t a = 0; a <= f.surface.size();) {
      std::size_t b = std::min(f.surface.find(' ', a), f.surface.size());
      if (b > a) g.words.push_back(f.surface.substr(a, b - a));
      a = b + 1;
    }
    out.gapped_.push_back(std::move(g));
  }
  return out;
}

// TABARI manual 5.2, 5.5.3: dictionary phrases skip intermediate words
// between words joined by a blank ("_" joins consecutive words), and phrase
// matching stops at a comma or a conjunction. The last word follows the
// form's ending rules: a stem matches any word it begins, an "=" word only
// itself, otherwise the word or the word plus "S".
std::vector<actors::DictMatch> LegacyActors::MatchGapped(
    const std::vector<std::string>& tokens) const {
  std::vector<actors::DictMatch> out;
  // The text's words: a token joined by "_" or "-" ("NORTH_EAST") is as many
  // consecutive words; a match begins and ends on token boundaries.
  std::vector<std::string> words;
  std::vector<int> token_of;
  std::vector<bool> starts, ends;
  for (int t = 0; t < static_cast<int>(tokens.size()); ++t) {
    const std::string& tok = tokens[t];
    std::size_t first = words.size();
    for (std::size_t a = 0; a <= tok.size();) {
      std::size_t b = tok.find_first_of("_-", a);
      if (b == std::string::npos) b = tok.size();
      if (b > a || tok.size() == 0) {
        words.push_back(tok.substr(a, b - a));
        token_of.push_back(t);
        starts.push_back(words.size() - 1 == first);
        ends.push_back(false);
      }
      a = b + 1;
    }
    if (words.size() == first) {  // A token of only connectors.
      words.push_back(tok);
      token_of.push_back(t);
      starts.push_back(true);
      ends.push_back(false);
    }
    ends.back() = true;
  }
  int n = static_cast<int>(words.size());
  const std::vector<std::string>& text = words;
  auto stop = [](const std::string& t) {
    return t == "," || t == "." || t == ";" || t == "AND" || t == "BUT" || t == "OR" || t == "NOR";
  };
  for (const GappedForm& g : gapped_) {
    const actors::Form& f = dict_->form(g.form);
    int last = static_cast<int>(g.words.size()) - 1;
    auto same = [&](const std::string& t, int w) {
      const std::string& word = g.words[w];
      if (t == word) return true;
      if (w != last) return false;
      if (f.stem_last) return t.compare(0, word.size(), word) == 0;
      return !f.exact_last && t.size() == word.size() + 1 && t.back() == 'S' &&
             t.compare(0, word.size(), word) == 0;
    };
    for (int b = 0; b < n; ++b) {
      if (!starts[b] || !same(text[b], 0)) continue;
      int t = b + 1;
      bool ok = true;
      for (int w = 1; w <= last && ok; ++w) {
        if (f.gaps & (1u << (w - 1))) {
          while (t < n && !stop(text[t]) && !same(text[t], w)) ++t;
        }
        ok = t < n && same(text[t], w);
        ++t;
      }
      if (ok && ends[t - 1]) {
        out.push_back({static_cast<std::uint32_t>(token_of[b]),
                       static_cast<std::uint32_t>(token_of[t - 1] + 1),
                       {g.form}});
      }
    }
  }
  return out;
}

std::vector<LegacyActorMatch> LegacyActors::Match(const std::vector<std::string>& tokens,
                                                  int date) const {
  struct Hit {
    int begin, end;
    bool agent;
    std::string code;
    bool prefix = false;  // An "NGM~" agent: the sector goes before the actor.
  };
  std::vector<Hit> hits;
  int n = static_cast<int>(tokens.size());
  std::vector<std::string_view> views(tokens.begin(), tokens.end());
  // TABARI (manual 5.2.3): "'S" is an ending of a phrase's last word only,
  // so no phrase runs through one ("X'S GOVERNMENT RADIO" is not the phrase
  // X_GOVERNMENT_RADIO_). A token without words stops the matcher there.
  constexpr std::string_view kBlock = "\x01";
  auto block_clitics = [&](std::vector<std::string_view>* v) {
    for (auto& t : *v) {
      if (actors::IsPossessiveClitic(t)) t = kBlock;
    }
  };
  if (tabari_) block_clitics(&views);
  std::vector<actors::DictMatch> matches = dict_->Match(views);
  if (tabari_) {
    // TABARI: the last word of a name also takes a plural "S" ("LIBYA_"
    // matches "Libyas", "ITHILEN_GOVERNMENT_RADIO_" "... radios"). Match
    // again without the S and keep what is longer than the first reading.
    std::vector<std::string> bare(tokens.begin(), tokens.end());
    std::vector<bool> stripped(n, false);
    for (int t = 0; t < n; ++t) {
      if (bare[t].size() > 3 && bare[t].back() == 'S' && bare[t][bare[t].size() - 2] != 'S') {
        bare[t].pop_back();
        stripped[t] = true;
      }
    }
    std::vector<std::string_view> bare_views(bare.begin(), bare.end());
    block_clitics(&bare_views);
    std::vector<actors::DictMatch> merged;
    std::vector<actors::DictMatch> extra;
    for (auto& m : dict_->Match(bare_views)) {
      // "MOUSE=" takes no ending.
      bool ok = stripped[m.end - 1] && !dict_->form(m.forms.front()).exact_last;
      for (auto t = m.begin; t + 1 < m.end && ok; ++t) ok = !stripped[t];
      if (ok) extra.push_back(std::move(m));
    }
    for (auto& m : MatchGapped(tokens)) extra.push_back(std::move(m));
    // Leftmost-longest over both readings.
    std::vector<actors::DictMatch> all = matches;
    all.insert(all.end(), extra.begin(), extra.end());
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
      return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
    });
    std::uint32_t covered = 0;
    for (auto& m : all) {
      if (m.begin < covered) continue;
      covered = m.end;
      merged.push_back(std::move(m));
    }
    matches = std::move(merged);
  }
  for (const actors::DictMatch& m : matches) {
    const actors::Form& f = dict_->form(m.forms.front());
    const actors::Entry& e = dict_->entry(f.entry);
    auto codes = dict_->CodesAt(f.entry, date);
    hits.push_back({static_cast<int>(m.begin), static_cast<int>(m.end),
                    e.kind == actors::EntryKind::kAgent, codes.empty() ? "" : codes.front()->code,
                    e.agent_prefix});
  }
  // Combine agents with adjacent actors.
  // The actor's code with the agent's sector after it ("~GOV") or before it
  // ("NGM~"); a sector the actor's code already has (on a 3-letter
  // boundary) is not added again.
  auto join = [](const std::string& actor, const Hit& agent, bool former) {
    std::string sector = former ? "ELI" : agent.code;
    if (sector.empty() || sector == "---") return actor;
    for (std::size_t p = 0; p + sector.size() <= actor.size(); p += 3) {
      if (actor.compare(p, sector.size(), sector) == 0) return actor;
    }
    return agent.prefix ? sector + actor : actor + sector;
  };
  // TABARI: "FORMER" before the actor or the agent makes the agent an elite.
  auto former = [&](const Hit& actor, const Hit& agent) {
    return tabari_ && ((actor.begin > 0 && tokens[actor.begin - 1] == "FORMER") ||
                       (agent.begin > 0 && tokens[agent.begin - 1] == "FORMER"));
  };
  std::vector<LegacyActorMatch> out, pending;
  std::vector<bool> used(hits.size(), false);
  for (std::size_t i = 0; i < hits.size(); ++i) {
    if (used[i]) continue;
    const Hit& h = hits[i];
    std::string code = h.code;
    if (code == "---" || code.empty()) {
      // A null-coded name blocks its words from other matches.
      continue;
    }
    LegacyActorMatch m{h.begin, h.end, h.agent ? agent_prefix_ + code : code};
    if (!h.agent) {
      // "Arnorian ambassador", "Ithilen's president": an actor followed by an
      // agent, directly or through "'s" (PETRARCH also through up to three
      // modifiers: "Dagolath's first Deputy Prime Minister").
      bool poss = h.end < n && (tokens[h.end] == "'S" || tokens[h.end] == "'");
      int reach = h.end + (poss ? (tabari_ ? 1 : 4) : (tabari_ ? 0 : 1));
      // TABARI: "Arnor former officials" is the actor-agent pair with
      // "former" before the agent (manual 5.4.1).
      if (tabari_ && !poss && h.end < n && tokens[h.end] == "FORMER") ++reach;
      if (i + 1 < hits.size() && hits[i + 1].agent && hits[i + 1].begin <= reach) {
        m.code = join(code, hits[i + 1], former(h, hits[i + 1]));
        m.end = hits[i + 1].end;
        used[i + 1] = true;
        // PETRARCH: "Danish media and government": the country distributes
        // over a list of agents.
        for (std::size_t k = i + 2; !tabari_ && k < hits.size() && hits[k].agent &&
                                    hits[k].begin == hits[k - 1].end + 1 &&
                                    (tokens[hits[k - 1].end] == "AND" || tokens[hits[k - 1].end] == ",");
             ++k) {
          if (hits[k].code.empty() || hits[k].code == "---") break;
          pending.push_back({hits[k].begin, hits[k].end, join(code, hits[k], false)});
          used[k] = true;
        }
        // "... Minister Telemar": the name after the title is the same actor.
        if (i + 2 < hits.size() && !hits[i + 2].agent && hits[i + 2].begin == m.end) {
          m.end = hits[i + 2].end;
          used[i + 2] = true;
        }
      }
    } else {
      // Title before a name: "Minister Telemar"; agent + of / in + actor
      // ("ambassadors of Arnor"; PETRARCH also "from").
      bool direct = i + 1 < hits.size() && !hits[i + 1].agent && hits[i + 1].begin == h.end;
      bool prep = i + 1 < hits.size() && !hits[i + 1].agent && hits[i + 1].begin == h.end + 1 &&
                  (tokens[h.end] == "OF" || tokens[h.end] == "IN" ||
                   (!tabari_ && tokens[h.end] == "FROM"));
      if (direct || prep) {
        const std::string& cc = hits[i + 1].code;
        if (!cc.empty() && cc != "---") m.code = join(cc, h, former(hits[i + 1], h));
        m.end = hits[i + 1].end;
        used[i + 1] = true;
        // PETRARCH: "Lawmakers in Arnor and Gondor": the agent distributes
        // over a list of places.
        for (std::size_t k = i + 2; prep && !tabari_ && k < hits.size() && !hits[k].agent &&
                                    hits[k].begin == hits[k - 1].end + 1 &&
                                    (tokens[hits[k - 1].end] == "AND" || tokens[hits[k - 1].end] == ",");
             ++k) {
          const std::string& ck = hits[k].code;
          if (ck.empty() || ck == "---") break;
          pending.push_back({hits[k].begin, hits[k].end, join(ck, h, false)});
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
