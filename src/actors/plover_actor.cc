// CAMEO -> PLOVER actor codes. The rules are listed in plover_actor.h and
// docs/actors.md ("PLOVER country and sector").
#include "actors/plover_actor.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <vector>

#include "actors/words.h"

namespace dyad::actors {
namespace {

using Set = std::set<std::string, std::less<>>;

// CAMEO sector -> PLOVER sector, for the codes whose meaning does not
// depend on the mention. HRI, OPP and UAF also look at the head noun.
struct SectorRow {
  const char* cameo;
  const char* plover;
};
constexpr SectorRow kSectors[] = {
    {"GOV", "GOV"}, {"MIL", "MIL"}, {"COP", "COP"}, {"JUD", "JUD"}, {"LEG", "LEG"},
    {"SPY", "SPY"}, {"PTY", "PTY"}, {"REB", "REB"}, {"INS", "REB"}, {"SEP", "REB"},
    {"UAF", "UAF"}, {"OPP", "OPP"}, {"AGR", "AGR"}, {"BUS", "BUS"}, {"CRM", "CRM"},
    {"CVL", "CVL"}, {"SET", "CVL"}, {"EDU", "EDU"}, {"ELI", "ELI"}, {"MED", "JRN"},
    {"HLH", "MED"}, {"LAB", "LAB"}, {"REF", "REF"}, {"REL", "REL"}, {"ENV", "SOC"},
    {"DEV", "SOC"}, {"HRI", "SOC"}, {"PRM", "PRM"}, {"UNK", "UNK"},
};

// Religions: in CAMEO a qualifier ("RELCHR", "REBMOS"). Not a PLOVER
// sector; alone ("Christians") they make the actor REL.
const Set& Religions() {
  static const Set k = {"CHR", "CTH", "PRO", "ORT", "MOS", "SHI", "SUN", "ALE", "DRZ",
                        "JEW", "HIN", "BUD", "SIK", "ATH", "CON", "SPM", "MOD", "RAD"};
  return k;
}

// Heads that make an OPP or HRI actor a civilian: PLOVER's CVL names
// "protesters, activists".
const Set& CivilianActivistNouns() {
  static const Set k = {"protester", "protestor",  "demonstrator", "activist", "dissident",
                        "marcher",   "campaigner", "picketer",     "defender", "advocate",
                        "monitor",   "worker",     "lawyer",       "researcher",
                        "investigator"};
  return k;
}

// Heads of a state human-rights office (HRI in CAMEO): GOV in PLOVER.
const Set& StateRightsNouns() {
  static const Set k = {"ombudsman", "commissioner", "commission"};
  return k;
}

// Heads of media: an opposition newspaper is a newspaper (JRN) first.
const Set& MediaNouns() {
  static const Set k = {"newspaper", "paper",   "daily",       "weekly",     "magazine",
                        "radio",     "television", "station",  "broadcaster", "channel",
                        "journalist", "reporter", "editor",    "website",    "tabloid"};
  return k;
}

const Set& PartyNouns() {
  static const Set k = {"party", "bloc"};
  return k;
}

// CAMEO's UAF covers militias as well as unidentified gunmen. PLOVER keeps
// UAF for the unidentified ("unknown gunmen") and has PRM for paramilitary
// organisations.
const Set& ParamilitaryNouns() {
  static const Set k = {"paramilitary", "militia", "militiaman"};
  return k;
}

// The last word of the mention, case-folded and made singular ("Kurdish
// protesters" -> "protester", "militiamen" -> "militiaman", "parties" ->
// "party", "paramilitaries" -> "paramilitary").
std::string HeadNoun(std::string_view text) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = text.find(' ', i);
    if (j == std::string_view::npos) j = text.size();
    if (j > i) TokenWords(text.substr(i, j - i), &words, nullptr);
    i = j + 1;
  }
  std::string w;
  for (auto it = words.rbegin(); it != words.rend(); ++it) {
    bool letter = std::any_of(it->begin(), it->end(),
                              [](unsigned char c) { return std::isalpha(c) || c >= 0x80; });
    if (letter) {
      w = *it;
      break;
    }
  }
  auto ends = [&](std::string_view s) {
    return w.size() > s.size() && w.compare(w.size() - s.size(), s.size(), s) == 0;
  };
  if (ends("men")) {
    w.replace(w.size() - 3, 3, "man");
  } else if (ends("ies")) {
    w.replace(w.size() - 3, 3, "y");
  } else if (ends("s") && !ends("ss")) {
    w.pop_back();
  }
  return w;
}

}  // namespace

bool IsPartiallyRecognised(std::string_view entry_id) {
  static const Set k = {"Abkhazia",
                        "South Ossetia",
                        "Nagorno-Karabakh",
                        "Northern Cyprus",
                        "Transnistria",
                        "Somaliland",
                        "donetsk_peoples_republic",
                        "luhansk_peoples_republic"};
  return k.count(entry_id) > 0;
}

std::string PloverSector(std::string_view cameo) {
  for (const auto& row : kSectors) {
    if (cameo == row.cameo) return row.plover;
  }
  return "";
}

PloverActorCode ToPlover(const ActorCode& code, std::string_view mention_text,
                         PloverMention kind, bool partially_recognised, bool settlement) {
  PloverActorCode out;
  if (code.code.empty()) return out;
  size_t k = 0;
  const auto& s = code.sectors;
  if (!code.country.empty()) {
    out.country = code.country == "KSV" ? "KOS" : code.country;
    // Western Sahara: coded as Morocco, the state that claims it, with the
    // PRE sector (PLOVER manual, sector notes).
    if (code.country == "ESH") {
      out.country = "MAR";
      partially_recognised = true;
    }
  } else if (!s.empty()) {
    // International non-state "countries". IGO is followed by the body's
    // identifier; UN and EU bodies are countries of their own in PLOVER.
    const std::string& org = s[0];
    if (org == "IGO") {
      out.country = "IGO";
      if (s.size() > 1 && s[1] == "UNO") out.country = "UNO";
      if (s.size() > 1 && (s[1] == "EUR" || s[1] == "EEC")) out.country = "EUR";
    } else if (org == "NGO" || org == "IMG" || org == "MNC") {
      out.country = org;
    } else if (org == "NGM") {
      out.country = "ISM";
    }
    if (!out.country.empty()) k = 1;
  }
  const bool international = out.country == "IGO" || out.country == "UNO" ||
                             out.country == "EUR" || out.country == "NGO";
  const bool person = kind == PloverMention::kPerson || !code.person.empty();
  const std::string head = kind == PloverMention::kNoun ? HeadNoun(mention_text) : "";
  std::vector<std::string> sectors;
  auto add = [&](const std::string& sec) {
    if (!sec.empty() && std::find(sectors.begin(), sectors.end(), sec) == sectors.end()) {
      sectors.push_back(sec);
    }
  };
  bool religion = false, opp = false;
  for (; k < s.size(); ++k) {
    const std::string& c = s[k];
    if (Religions().count(c)) {
      religion = true;
    } else if (c == "OPP") {
      opp = true;
      if (CivilianActivistNouns().count(head)) {
        add("CVL");
      } else if (PartyNouns().count(head)) {
        add("PTY");
      } else if (MediaNouns().count(head)) {
        add("JRN");
      }
      add("OPP");
    } else if (c == "HRI") {
      // An international organisation, or one of its people: the country
      // (NGO, UNO, ...) is the whole code.
      if (international) continue;
      if (person || CivilianActivistNouns().count(head)) {
        add("CVL");
      } else if (!international && StateRightsNouns().count(head)) {
        add("GOV");
      } else {
        add("SOC");
      }
    } else if (c == "UAF" && ParamilitaryNouns().count(head)) {
      add("PRM");
    } else {
      add(PloverSector(c));  // "" for identifiers such as UNO, HCR, AMN.
    }
  }
  // SOC is domestic civil society; for an international organisation the
  // country (NGO, IGO, UNO, EUR) already says what it is.
  if (international) std::erase(sectors, std::string("SOC"));
  if (sectors.empty() && religion) add("REL");
  // Note 1: a party is PTY first, with GOV/OPP as its secondary labels.
  auto pty = std::find(sectors.begin(), sectors.end(), "PTY");
  if (pty != sectors.end()) std::rotate(sectors.begin(), pty, pty + 1);
  // The manual makes OPP a secondary label as a rule.
  if (opp && sectors.size() > 1 && sectors[0] == "OPP") {
    std::rotate(sectors.begin(), sectors.begin() + 1, sectors.end());
  }
  // A city, town or village as an actor is its population.
  if (sectors.empty() && settlement && !out.country.empty() && !international) add("CVL");
  // PRE comes on top of the actor's other sectors (manual, sector notes);
  // alone (the entity as a whole) it is the primary sector.
  if (partially_recognised) add("PRE");
  if (!sectors.empty()) {
    out.sector = sectors[0];
    out.other_sectors.assign(sectors.begin() + 1, sectors.end());
  } else if (out.country.empty()) {
    out.sector = "UNK";  // Coded, but neither a country nor a sector is known.
  }
  return out;
}

void AssignPlover(AnalyzedDocument* doc, const std::vector<PloverHint>& hints) {
  auto& ms = doc->mentions;
  for (size_t i = 0; i < ms.size(); ++i) {
    ActorMention& m = ms[i];
    if (m.code.code.empty()) {
      m.code.plover = {};
      continue;
    }
    // The antecedent's own text names the sector; "they" or "Kadyrov" does
    // not. Antecedents come first, so theirs is already set.
    if (m.how == Resolution::kCoreference && m.antecedent >= 0 &&
        static_cast<size_t>(m.antecedent) < i && ms[m.antecedent].code.code == m.code.code) {
      m.code.plover = ms[m.antecedent].code.plover;
      continue;
    }
    const bool pre = i < hints.size() && hints[i].partially_recognised;
    const bool settlement = i < hints.size() && hints[i].settlement;
    if (i < hints.size() && !hints[i].head_text.empty()) {
      m.code.plover = ToPlover(m.code, hints[i].head_text, PloverMention::kNoun, pre, settlement);
      continue;
    }
    PloverMention kind = PloverMention::kNoun;
    if (!m.code.person.empty() || m.how == Resolution::kApposition ||
        m.how == Resolution::kTitle) {
      kind = PloverMention::kPerson;
    } else if (m.how == Resolution::kDictionary) {
      kind = PloverMention::kName;
    }
    m.code.plover = ToPlover(m.code, m.text, kind, pre, settlement);
  }
}

}  // namespace dyad::actors
