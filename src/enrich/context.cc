// The PLOVER context cue table and its matcher (see context.h).
//
// Matching lower-cases the text, splits it into words of letters, digits,
// '-' and '\'', and tries at every word the cues whose first word can start
// there (the cues are split once and bucketed by their first byte).
#include "enrich/context.h"

#include <algorithm>

namespace dyad::enrich {
namespace {

struct ContextCues {
  const char* context;
  std::vector<const char*> cues;
};

// Our own cue lists, one line per context, in the ontology's order.
const std::vector<ContextCues>& Table() {
  static const std::vector<ContextCues> kTable = {
      {"military",
       {"troops", "soldier*", "army", "armies", "military", "armed forces", "navy", "naval",
        "air force", "airstrike*", "air strike*", "warplane*", "missile*", "artillery", "shelling",
        "defence minist*", "defense minist*", "war", "wars", "battalion*", "combat"}},
      {"intelligence",
       {"intelligence", "spy", "spies", "espionage", "spying", "cia", "fsb", "kgb", "mossad"}},
      {"executive",
       {"cabinet", "decree*", "executive order*", "presidential", "impeach*", "presidency"}},
      {"legislative",
       {"parliament*", "legislat*", "lawmaker*", "congress", "senate", "senator*", "duma",
        "mps", "deputies"}},
      {"election",
       {"election*", "electoral", "vote", "votes", "voting", "voter*", "ballot*", "polls",
        "polling", "referendum*", "candidate*", "reelection", "re-election"}},
      {"political_institutions",
       {"political part*", "opposition part*", "ruling part*", "constitution*", "coalition"}},
      {"pro_democracy", {"democracy", "pro-democracy", "democratic reform*", "civilian rule"}},
      {"pro_autocracy",
       {"coup", "coups", "martial law", "state of emergency", "dictator*", "authoritarian*",
        "term limit*", "junta"}},
      {"economic",
       {"econom*", "trade", "trading", "tariff*", "invest*", "loan*", "debt*", "inflation", "gdp",
        "free-trade", "financ*", "budget*", "currency", "export*", "import*", "bank", "banks",
        "market*", "aid package*"}},
      {"legal",
       {"court*", "trial*", "judge*", "judicial", "lawsuit*", "prosecut*", "charges", "charged",
        "sentenc*", "convict*", "verdict*", "tribunal*", "indict*", "lawyer*", "extradit*",
        "legal", "law", "laws", "ruling", "jailed", "acquit*"}},
      {"reparations", {"reparation*", "compensation"}},
      {"human_rights",
       {"human rights", "rights group*", "rights defender*", "rights activist*",
        "rights watchdog*", "rights organi*", "rights abuse*", "abuses", "amnesty international",
        "human rights watch"}},
      {"rights_freedoms",
       {"freedom of", "free speech", "press freedom", "civil liberties", "civil rights",
        "censor*", "free expression", "right to protest", "freedoms"}},
      {"repression",
       {"crackdown*", "collective punishment", "tortur*", "enforced disappearance*",
        "riot police", "tear gas", "arbitrary detention*", "political prisoner*", "reprisal*",
        "retaliation", "repression", "persecut*"}},
      {"human_security",
       {"famine", "food shortage*", "drinking water", "clean water", "housing", "evict*",
        "land seizure*", "food insecurity", "malnutrition"}},
      {"gender",
       {"women", "woman", "gender", "abortion*", "reproductive", "sexual violence", "rape",
        "girls", "feminis*"}},
      {"lgbt", {"lgbt*", "gay", "gays", "lesbian*", "transgender", "same-sex", "homosexual*"}},
      {"religion_ethnicity",
       {"religio*", "muslim*", "christian*", "jewish", "jews", "mosque*", "church*",
        "synagogue*", "ethnic*", "sectarian", "sunni*", "shia", "shiite*", "hindu*",
        "buddhist*", "rohingya", "uighur*", "uyghur*", "minorit*", "caste"}},
      {"inequality", {"inequality", "inequalities", "poverty"}},
      {"diplomatic",
       {"diplomat*", "embass*", "ambassador*", "foreign minist*", "summit*", "envoy*",
        "bilateral", "talks", "negotiat*", "treaty", "treaties", "foreign affairs",
        "secretary of state", "foreign secretary", "state visit*", "consulate*"}},
      {"territory",
       {"territor*", "border dispute*", "annex*", "sovereignty", "occupied", "secession*",
        "separatis*", "disputed"}},
      {"peacekeeping", {"peacekeep*", "blue helmets"}},
      {"health",
       {"health", "disease*", "epidemic*", "pandemic*", "outbreak*", "covid*", "ebola",
        "cholera", "vaccin*", "hospital*", "virus*"}},
      {"asylum", {"asylum"}},
      {"migration",
       {"refugee*", "migrant*", "migration", "displaced", "displacement", "asylum seeker*",
        "immigra*", "emigra*", "idps"}},
      {"disasters",
       {"earthquake*", "flood*", "hurricane*", "cyclone*", "tsunami*", "drought*", "disaster*",
        "wildfire*", "landslide*", "oil spill*", "typhoon*"}},
      {"natural_resource",
       {"oil", "natural gas", "mining", "minerals", "pipeline*", "natural resource*", "timber",
        "diamond*", "oilfield*", "oil field*", "water resource*", "fishing rights"}},
      {"environment",
       {"environment*", "pollution", "polluted", "climate change", "emissions", "deforestation",
        "carbon"}},
      {"technology",
       {"technolog*", "semiconductor*", "artificial intelligence", "high-tech", "telecom*"}},
      {"terrorism",
       {"terror*", "militant*", "insurgen*", "jihad*", "suicide bomb*", "extremis*", "al-qaeda",
        "al qaeda", "islamic state", "isis", "taliban", "hijack*", "hostage*", "bombing*"}},
      {"cbrn",
       {"nuclear", "chemical weapon*", "biological weapon*", "sarin", "uranium", "radioactive",
        "chlorine gas", "atomic", "weapons of mass destruction"}},
      {"cyber", {"cyber*", "hacker*", "hacking", "hacked", "malware", "ransomware"}},
      {"misinformation", {"disinformation", "misinformation", "propaganda", "fake news"}},
      {"crime",
       {"crime*", "criminal*", "murder*", "robbery", "robberies", "theft*", "gang", "gangs",
        "kidnap*", "mafia"}},
      {"corruption",
       {"corrupt*", "brib*", "embezzl*", "graft", "kickback*", "nepotism", "money laundering"}},
      {"illegal_drugs",
       {"drug", "drugs", "narcotic*", "cocaine", "heroin", "cartel*", "marijuana", "cannabis",
        "opium"}},
      {"trafficking", {"traffick*", "smuggl*"}},
  };
  return kTable;
}

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '\'';
    if (word) {
      cur.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : ch);
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  // "refugees'" -> "refugees"
  for (auto& w : out) {
    while (!w.empty() && (w.back() == '\'' || w.back() == '-')) w.pop_back();
    if (w.size() > 2 && w.compare(w.size() - 2, 2, "'s") == 0) w.resize(w.size() - 2);
  }
  return out;
}

// A cue split into its words once; a word ending in '*' matches as a prefix.
struct CueWord {
  std::string_view text;
  bool prefix = false;
};
struct CompiledCue {
  std::vector<CueWord> words;
  std::size_t group;  // index of its row (context or mode) in the table
};

bool WordMatches(const std::string& word, const CueWord& cue) {
  if (cue.prefix) return word.compare(0, cue.text.size(), cue.text) == 0;
  return word == cue.text;
}

bool CueAt(const std::vector<std::string>& words, std::size_t i, const CompiledCue& cue) {
  if (i + cue.words.size() > words.size()) return false;
  for (const CueWord& w : cue.words) {
    if (!WordMatches(words[i++], w)) return false;
  }
  return true;
}

// Cues bucketed by the first byte of their first word, so that each word of
// a sentence is tried only against the cues that can start with it.
class CueIndex {
 public:
  void Add(std::string_view cue, std::size_t group) {
    CompiledCue c;
    c.group = group;
    std::size_t p = 0;
    while (p <= cue.size()) {
      std::size_t q = cue.find(' ', p);
      if (q == std::string_view::npos) q = cue.size();
      CueWord w{cue.substr(p, q - p), false};
      if (!w.text.empty() && w.text.back() == '*') {
        w.text.remove_suffix(1);
        w.prefix = true;
      }
      c.words.push_back(w);
      p = q + 1;
    }
    unsigned char first = c.words[0].text.empty() ? 0 : static_cast<unsigned char>(c.words[0].text[0]);
    buckets_[first].push_back(std::move(c));
  }
  // hit[g] is set for every group with a cue at some word of `words`.
  void Match(const std::vector<std::string>& words, std::vector<bool>* hit) const {
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (words[i].empty()) continue;
      for (const CompiledCue& c : buckets_[static_cast<unsigned char>(words[i][0])]) {
        if (!(*hit)[c.group] && CueAt(words, i, c)) (*hit)[c.group] = true;
      }
    }
  }

 private:
  std::vector<CompiledCue> buckets_[256];
};

const CueIndex& ContextIndex() {
  static const CueIndex* kIndex = [] {
    auto* index = new CueIndex;
    for (std::size_t g = 0; g < Table().size(); ++g) {
      for (const char* cue : Table()[g].cues) index->Add(cue, g);
    }
    return index;
  }();
  return *kIndex;
}

struct ModeCues {
  const char* event;
  const char* mode;
  std::vector<const char*> cues;
};

// Our own cues for the modes of the ontology's event types, most specific
// first within each type (a suicide bombing is a suicide attack before it is
// an explosive one).
const std::vector<ModeCues>& ModeTable() {
  static const std::vector<ModeCues> kTable = {
      {"ASSAULT", "suicide-attack", {"suicide bomb*", "suicide attack*", "suicide car bomb*"}},
      {"ASSAULT", "drone", {"drone*"}},
      {"ASSAULT", "aerial", {"airstrike*", "air strike*", "air raid*", "warplane*", "bombed from"}},
      {"ASSAULT", "explosives", {"bomb", "bombs", "bombing*", "explosive*", "ied", "ieds",
                                 "grenade*", "landmine*", "car bomb*", "blast", "explosion*"}},
      {"ASSAULT", "heavy-weapons", {"shelling", "shelled", "artillery", "mortar*", "rocket*",
                                    "tank", "tanks", "missile*"}},
      {"ASSAULT", "firearms", {"shot", "shooting*", "gunfire", "gunmen", "gunman", "opened fire",
                               "fired on", "fired at", "live ammunition", "rifle*", "sniper*"}},
      {"ASSAULT", "sexual", {"rape*", "raped", "sexual assault*", "sexual violence"}},
      {"ASSAULT", "torture", {"tortur*"}},
      {"ASSAULT", "abduct", {"abduct*", "kidnap*", "hostage*"}},
      {"ASSAULT", "beat", {"beat", "beaten", "beating*", "clubbed"}},
      {"ASSAULT", "crowd-control", {"tear gas", "teargas", "water cannon*", "rubber bullet*"}},
      {"PROTEST", "hunger", {"hunger strike*", "hunger-strike*"}},
      {"PROTEST", "strike", {"strike", "strikes", "walkout*", "general strike*"}},
      {"PROTEST", "riot", {"riot*"}},
      {"PROTEST", "boycott", {"boycott*"}},
      {"PROTEST", "obstruct", {"blockade*", "blocked road*", "blocked the road*", "sit-in*",
                               "blocked roads", "barricade*"}},
      {"PROTEST", "demo", {"demonstrat*", "rally", "rallies", "rallied", "march", "marched",
                           "marches", "protest*"}},
      {"COERCE", "curfew", {"curfew*"}},
      {"COERCE", "martial-law", {"martial law"}},
      {"COERCE", "censor", {"censor*", "blocked access", "banned the newspaper", "shut down the"}},
      {"COERCE", "deport", {"deport*", "expelled"}},
      {"COERCE", "arrest", {"arrest*", "detain*", "detention", "jailed", "imprison*",
                            "taken into custody"}},
      {"COERCE", "seize", {"seiz*", "confiscat*"}},
      {"CONSULT", "phone", {"by phone", "by telephone", "phone call*", "telephone call*",
                            "video call*", "videoconference"}},
      {"CONSULT", "visit", {"visit*", "arrived in", "trip to", "hosted"}},
      {"MOBILIZE", "troops", {"troops", "soldiers"}},
      {"MOBILIZE", "police", {"police"}},
  };
  return kTable;
}

const CueIndex& ModeIndex() {
  static const CueIndex* kIndex = [] {
    auto* index = new CueIndex;
    for (std::size_t g = 0; g < ModeTable().size(); ++g) {
      for (const char* cue : ModeTable()[g].cues) index->Add(cue, g);
    }
    return index;
  }();
  return *kIndex;
}

}  // namespace

std::string FindMode(std::string_view plover_event, std::string_view text) {
  const auto& table = ModeTable();
  bool known = false;
  for (const ModeCues& m : table) known |= plover_event == m.event;
  if (!known) return "";
  std::vector<bool> hit(table.size(), false);
  ModeIndex().Match(Words(text), &hit);
  // The first row of the type with a cue anywhere in the text.
  for (std::size_t g = 0; g < table.size(); ++g) {
    if (hit[g] && plover_event == table[g].event) return table[g].mode;
  }
  return "";
}

bool ModeKnown(std::string_view plover_event, std::string_view mode) {
  for (const ModeCues& m : ModeTable()) {
    if (plover_event == m.event && mode == m.mode) return true;
  }
  return false;
}

std::vector<std::string> FindContexts(std::string_view text) {
  const auto& table = Table();
  std::vector<bool> hit(table.size(), false);
  ContextIndex().Match(Words(text), &hit);
  std::vector<std::string> out;
  for (std::size_t g = 0; g < table.size(); ++g) {
    if (hit[g]) out.emplace_back(table[g].context);
  }
  return out;
}

const std::vector<std::string>& KnownContexts() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> v;
    for (const ContextCues& c : Table()) v.emplace_back(c.context);
    return v;
  }();
  return kNames;
}

}  // namespace dyad::enrich
