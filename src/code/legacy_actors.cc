#include "code/legacy_actors.h"

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
  if (tabari) out.agent_prefix_ = "~";
  return out;
}

std::vector<LegacyActorMatch> LegacyActors::Match(const std::vector<std::string>& tokens,
                                                  int date) const {
  struct Hit {
    int begin, end;
    bool agent;
    std::string code;
  };
  std::vector<Hit> hits;
  int n = static_cast<int>(tokens.size());
  std::vector<std::string_view> views(tokens.begin(), tokens.end());
  for (const actors::DictMatch& m : dict_->Match(views)) {
    const actors::Form& f = dict_->form(m.forms.front());
    const actors::Entry& e = dict_->entry(f.entry);
    auto codes = dict_->CodesAt(f.entry, date);
    hits.push_back({static_cast<int>(m.begin), static_cast<int>(m.end),
                    e.kind == actors::EntryKind::kAgent, codes.empty() ? "" : codes.front()->code});
  }
  // Combine agents with adjacent actors.
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
      // "Arnorian ambassador", "Dagolath's first Deputy Prime Minister":
      // actor followed by an agent, directly or through "'s" and modifiers.
      bool poss = h.end < n && (tokens[h.end] == "'S" || tokens[h.end] == "'");
      if (i + 1 < hits.size() && hits[i + 1].agent &&
          hits[i + 1].begin <= h.end + (poss ? 4 : 1)) {
        std::string ac = hits[i + 1].code;
        if (!ac.empty() && ac != "---" && !m.code.ends_with(ac)) m.code += ac;
        m.end = hits[i + 1].end;
        used[i + 1] = true;
        // "Danish media and government": the country distributes over a
        // list of agents.
        for (std::size_t k = i + 2; k < hits.size() && hits[k].agent &&
                                    hits[k].begin == hits[k - 1].end + 1 &&
                                    (tokens[hits[k - 1].end] == "AND" || tokens[hits[k - 1].end] == ",");
             ++k) {
          std::string ak = hits[k].code;
          if (ak.empty() || ak == "---") break;
          pending.push_back({hits[k].begin, hits[k].end, code + ak});
          used[k] = true;
        }
        // "... Minister Telemar": the name after the title is the same actor.
        if (i + 2 < hits.size() && !hits[i + 2].agent && hits[i + 2].begin == m.end) {
          m.end = hits[i + 2].end;
          used[i + 2] = true;
        }
      }
    } else {
      // Title before a name: "Minister Telemar".
      if (i + 1 < hits.size() && !hits[i + 1].agent && hits[i + 1].begin == h.end) {
        std::string cc = hits[i + 1].code;
        if (!cc.empty() && cc != "---") m.code = cc + code;
        m.end = hits[i + 1].end;
        used[i + 1] = true;
      } else if (i + 1 < hits.size() && !hits[i + 1].agent && hits[i + 1].begin == h.end + 1 &&
          (tokens[h.end] == "OF" || tokens[h.end] == "FROM" || tokens[h.end] == "IN")) {
        std::string cc = hits[i + 1].code;
        if (!cc.empty() && cc != "---") m.code = cc + code;
        m.end = hits[i + 1].end;
        used[i + 1] = true;
        // "Lawmakers in Arnor and Gondor": the agent distributes over a list
        // of places.
        for (std::size_t k = i + 2; k < hits.size() && !hits[k].agent &&
                                    hits[k].begin == hits[k - 1].end + 1 &&
                                    (tokens[hits[k - 1].end] == "AND" || tokens[hits[k - 1].end] == ",");
             ++k) {
          std::string ck = hits[k].code;
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
