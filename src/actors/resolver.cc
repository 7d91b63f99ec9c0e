// The method is described in resolver.h. Per sentence, in this order:
//   1. dictionary phrases (ActorDictionary::CodeText);
//   2. definite descriptions of earlier groups ("the groups");
//   3. capitalised name spans: titles, appositions, surnames, NER;
//   4. sort, append, detect compounds, register persons and organisations;
//   5. he/she/they in subject position.
// Then, once per document, agent-only mentions take the dominant country.
#include "actors/resolver.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <set>

#include "actors/plover_actor.h"
#include "actors/words.h"
#include "enrich/temporal.h"

namespace dyad::actors {
namespace {

using Set = std::set<std::string, std::less<>>;

const Set& NameStopWords() {
  static const Set kWords = {
      "the", "a", "an", "in", "on", "at", "for", "of", "and", "but", "or", "he", "she", "it",
      "they", "we", "i", "you", "this", "that", "these", "those", "his", "her", "their", "its",
      "our", "after", "before", "when", "while", "if", "as", "by", "with", "from", "to", "mr",
      "mrs", "ms", "dr", "said", "says", "according", "january", "february", "march", "april",
      "may", "june", "july", "august", "september", "october", "november", "december",
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
      "yesterday", "there", "here", "what", "who", "why", "how", "however", "meanwhile", "also",
      "our", "my", "your", "one", "two", "three", "no", "not", "all", "both", "some", "many",
      "last", "next", "since", "during", "under", "over", "into", "about", "against"};
  return kWords;
}

const Set& NameParticles() {
  static const Set kWords = {"bin", "al", "de", "van", "von", "da", "ibn", "el", "la", "du",
                             "der", "di", "dos", "del", "abu", "ben"};
  return kWords;
}

const Set& Prepositions() {
  static const Set kWords = {"of", "at", "for", "with", "from"};
  return kWords;
}

const Set& Boundaries() {
  static const Set kWords = {",", ".", ";", ":", "(", ")", "\"", "\xE2\x80\x9C", "\xE2\x80\x9D",
                             "\xE2\x80\x94", "\xE2\x80\x93", "!", "?", "[", "]"};
  return kWords;
}

const Set& Partitives() {
  static const Set kWords = {"group",  "groups",   "members",   "member", "dozens",
                             "hundreds", "thousands", "number", "crowd", "band"};
  return kWords;
}

// Heads of a title that make the name after it an organisation, not a
// person ("the opposition newspaper Nova Gazeta", "the rights group X").
const Set& OrganisationNouns() {
  static const Set kWords = {
      "newspaper", "paper",    "daily",     "weekly",   "magazine",     "radio",
      "television", "station", "broadcaster", "channel", "agency",      "party",
      "bloc",      "group",    "movement",  "organisation", "organization", "association",
      "union",     "federation", "front",   "alliance", "coalition",    "network",
      "militia",   "committee", "council",  "commission", "company",   "firm"};
  return kWords;
}

// Nouns for a city, town or village (CVL agents in agents.dyad): their
// mentions are places.
const Set& SettlementNouns() {
  static const Set kWords = {"town",     "towns",         "city",          "cities",
                             "village",  "villages",      "hamlet",        "hamlets",
                             "township", "townships",     "neighbourhood", "neighbourhoods",
                             "suburb",   "suburbs",       "neighborhood",  "neighborhoods"};
  return kWords;
}

// Cities of this many people or more are matched by name alone.
constexpr std::uint32_t kMajorCity = 100000;

const Set& NonCountrySectors() {
  static const Set kWords = {"IGO", "NGO", "NGM", "MNC", "UAF"};
  return kWords;
}

std::string Lower(std::string_view s) { return Fold(s); }

// One sector for a pile of agents: the modifier's, unless it is GOV.
std::string ChooseSector(const std::vector<std::string>& s) {
  if (s.empty()) return "";
  if (s.size() == 1 || s[0] != "GOV") return s[0];
  return s.back();
}

ActorCode MakeCode(const ActorDictionary& dict, const std::string& country,
                   const std::string& sector) {
  return dict.SplitCode(country + sector);
}

struct Cand {
  std::uint32_t b = 0, e = 0;
  ActorCode code;
  Resolution how = Resolution::kDictionary;
  int ante = -1;  // Global mention index.
  bool place = false, person = false, org = false, plural = false;
  bool adjective = false;
  bool city = false;  // A city, town or village (see PloverHint::settlement).
  // Whether its country counts as one the document names (for namesakes
  // and the dominant country). A bare city name outside a locative phrase
  // may be a person's or a company's name: it does not.
  bool names_country = true;
  std::vector<std::string> sectors;  // Agent sectors, for distribution.
  int compound = -1;  // For "the groups": the compound it stands for.
  std::vector<std::string> name_words;  // Persons: folded words of the name.
  int entry = -1;  // The dictionary actor, if any.
  // The description whose head noun the PLOVER rules read, when it is not
  // the mention's own text: the title of "the opposition newspaper X".
  std::string head_text;
};

struct Info {
  bool person = false, org = false, plural = false;
  std::string head_text;  // See Cand::head_text.
  bool pre = false;       // Names a partially recognised entity.
  bool city = false;      // See Cand::city.
  bool names_country = true;  // See Cand::names_country.
};

struct Person {
  std::vector<std::string> words;
  ActorCode code;
  int mention = -1;
};

class DocResolver {
 public:
  DocResolver(const ActorDictionary& dict, const geo::Gazetteer* gaz, AnalyzedDocument* doc)
      : dict_(dict), gaz_(gaz), doc_(doc), date_(EventDate(doc->document.date)) {}

  void Run() {
    doc_->mentions.clear();
    if (date_ == kUnknownDate) FindReferenceDates();
    for (std::uint32_t s = 0; s < doc_->sentences.size(); ++s) Sentence(s);
    FillCountries();
  }

  // Per mention, what the PLOVER rules need beyond the code.
  std::vector<PloverHint> PloverHints() const {
    std::vector<PloverHint> out;
    out.reserve(info_.size());
    for (const Info& i : info_) out.push_back({i.head_text, i.pre, i.city});
    return out;
  }

 private:
  struct Ctx {
    std::uint32_t index;
    const dyad::Sentence* sent;
    std::vector<std::string_view> forms;
    std::vector<std::string> lower;
    WordText text;
    bool have_pos = false, have_ner = false, have_parse = false;
    std::vector<bool> pre;  // Per token: part of a partially recognised entity's name.
  };

  std::vector<std::string> NameWords(const Ctx& c, std::uint32_t b, std::uint32_t e) const {
    std::vector<std::string> w;
    for (std::uint32_t i = b; i < e; ++i) {
      if (c.text.clitic[i]) continue;
      TokenWords(c.forms[i], &w, nullptr);
    }
    return w;
  }

  bool NameToken(const Ctx& c, std::uint32_t i) const {
    const Token& t = c.sent->tokens[i];
    if (!StartsUpper(t.form)) return false;
    if (NameStopWords().count(c.lower[i])) return false;
    if (c.have_ner && !t.ner.empty() && t.ner != "O") return true;
    if (c.have_pos) return t.upos == "PROPN";
    return true;
  }

  // Description coder for appositions: tokens [b, e).
  bool CodeDescription(const Ctx& c, const std::vector<CodedActor>& phrases, std::uint32_t b,
                       std::uint32_t e, ActorCode* out) const {
    std::uint32_t prep = e;
    for (std::uint32_t i = b; i < e; ++i) {
      if (Prepositions().count(c.lower[i])) {
        prep = i;
        break;
      }
    }
    bool any_agent = false;
    // 1. An organisation (or organisation-like agent phrase) after a preposition.
    for (const auto& p : phrases) {
      if (p.begin < b || p.end > e) continue;
      any_agent |= p.has_agent;
      if (p.begin <= prep || p.code.code.empty() || p.place_only) continue;
      bool named_org = p.actor_entry >= 0 &&
                       dict_.entry(p.actor_entry).actor_kind != ActorKind::kPerson;
      bool agent_org = p.actor_entry < 0 && p.has_agent &&
                       (!p.code.country.empty() ||
                        (!p.code.sectors.empty() && NonCountrySectors().count(p.code.sectors[0])));
      if (named_org || agent_org) {
        *out = p.code;
        return true;
      }
    }
    // 2. An agent phrase that has a country of its own.
    for (const auto& p : phrases) {
      if (p.begin < b || p.end > e) continue;
      if (p.has_agent && !p.code.country.empty() && p.actor_entry < 0) {
        *out = MakeCode(dict_, p.code.country, ChooseSector(p.agent_sectors));
        return true;
      }
    }
    // 3. An agent's sector plus the first place.
    std::string sector, country;
    bool sectorless_agent = false;
    for (const auto& m : dict_.Match(c.text)) {
      if (m.begin < b || m.end > e) continue;
      const Form& f = dict_.form(m.forms[0]);
      const Entry& en = dict_.entry(f.entry);
      if (en.kind == EntryKind::kAgent) {
        if (en.id.empty()) {
          sectorless_agent = true;
        } else if (sector.empty()) {
          sector = en.id;
        }
      } else if (country.empty() && !en.country.empty()) {
        country = en.country;
      }
    }
    // 4. An agent's sector alone ("a lawyer"); the document gives the
    // country later.
    if (!sector.empty()) {
      *out = MakeCode(dict_, country, sector);
      return true;
    }
    (void)any_agent;
    (void)sectorless_agent;
    return false;
  }

  bool NamedCountry(std::string_view country) const {
    return std::find(named_countries_.begin(), named_countries_.end(), country) !=
           named_countries_.end();
  }

  // The text of tokens [b, e): the document's text under their spans, or,
  // when the spans do not fit it (tokens a caller made), their forms.
  std::string TokenText(const Ctx& c, std::uint32_t b, std::uint32_t e) const {
    const auto& toks = c.sent->tokens;
    const std::string& text = doc_->document.text;
    std::uint32_t sb = toks[b].span.begin, se = toks[e - 1].span.end;
    if (sb <= se && se <= text.size()) return text.substr(sb, se - sb);
    std::string out;
    for (std::uint32_t t = b; t < e; ++t) {
      if (!out.empty()) out += ' ';
      out += toks[t].form;
    }
    return out;
  }

  // The gazetteer's city named by tokens [b, e) with at least `min_people`
  // people: one in a country the document names, else the largest. With
  // `sure`, only when that is not a guess: a namesake in a named country,
  // or all of them in one country.
  std::optional<geo::PlaceEntry> FindCity(const Ctx& c, std::uint32_t b, std::uint32_t e,
                                          std::uint32_t min_people, bool sure = false) const {
    if (gaz_ == nullptr || b >= e) return std::nullopt;
    const std::string name = TokenText(c, b, e);
    std::optional<geo::PlaceEntry> best;
    bool best_known = false, one_country = true;
    std::vector<geo::PlaceEntry> found = gaz_->Lookup(name);
    // "St. Petersburg", "St Louis": GeoNames writes some of them "Saint".
    for (std::string_view st : {"St. ", "St "}) {
      if (name.starts_with(st)) {
        for (const auto& p : gaz_->Lookup("Saint " + std::string(name.substr(st.size())))) {
          found.push_back(p);
        }
      }
    }
    for (const geo::PlaceEntry& p : found) {
      if (p.kind != geo::PlaceKind::kCity || p.population < min_people) continue;
      bool in_known = NamedCountry(p.country);
      if (best && best->country != p.country) one_country = false;
      if (!best || (in_known && !best_known) ||
          (in_known == best_known && p.population > best->population)) {
        best = p;
        best_known = in_known;
      }
    }
    if (sure && best && !best_known && !one_country) return std::nullopt;
    return best;
  }

  // A dictionary region that the gazetteer also knows as a major city of
  // the same country (a city that is its own province): a bare mention of
  // it is the city.
  bool MajorCityRegion(const Ctx& c, const CodedActor& p) const {
    if (gaz_ == nullptr || p.place_entry < 0 || p.code.country.empty()) return false;
    if (dict_.entry(static_cast<std::uint32_t>(p.place_entry)).kind != EntryKind::kRegion) {
      return false;
    }
    auto city = FindCity(c, p.begin, p.end, kMajorCity);
    return city && city->country == p.code.country;
  }

  bool IsBoundary(const Ctx& c, std::uint32_t i) const {
    return i >= c.forms.size() || Boundaries().count(c.lower[i]);
  }

  // Whether the name [b, e) is the subject of an active verb. With a parse:
  // one of its tokens is nsubj of a head that has no copula ("X is a
  // port" says what X is). Without: it opens a clause (SubjectPosition)
  // and a lower-case word other than a form of "be" follows.
  bool ActiveSubject(const Ctx& c, std::uint32_t b, std::uint32_t e) const {
    if (c.have_parse) {
      const auto& toks = c.sent->tokens;
      for (std::uint32_t t = b; t < e; ++t) {
        if (toks[t].deprel != "nsubj") continue;
        const int head = toks[t].head;
        bool copula = std::any_of(toks.begin(), toks.end(), [&](const Token& o) {
          return head >= 0 && o.head == head && o.deprel == "cop";
        });
        if (!copula) return true;
      }
      return false;
    }
    static const Set kBe = {"is", "are", "was", "were", "be", "been", "being"};
    return SubjectPosition(c, b) && !IsBoundary(c, e) && !StartsUpper(c.forms[e]) &&
           !kBe.count(c.lower[e]);
  }

  // Whether tokens [b, e) follow a locative word ("in X", "near X") or
  // stand as a dateline ("(X)", "X -"), as for ActorDictionary::CodeText.
  bool LocativeOrDateline(const Ctx& c, std::uint32_t b, std::uint32_t e) const {
    if (b > 0 && (IsLocativeWord(c.lower[b - 1]) || c.lower[b - 1] == "(")) return true;
    if (e >= c.forms.size()) return false;
    const std::string& after = c.lower[e];
    return after == ")" || after == "-" || after == "\xE2\x80\x94" || after == "\xE2\x80\x93";
  }

  // Whether the common noun at token `i` heads its noun phrase rather than
  // modifying the next noun ("homes" in "homes were razed", not "home" in
  // "home owners"). With POS tags: the next token is no noun and the parse,
  // if any, does not make this one a compound. Without them: the next
  // token closes the phrase (a boundary, a preposition, an auxiliary).
  bool HeadsItsPhrase(const Ctx& c, std::uint32_t i) const {
    static const Set kAfterHead = {
        "in",  "on",   "at",    "near", "of",  "for",    "with",  "from", "to",  "by",
        "into", "along", "across", "around", "inside", "outside", "was", "were", "is",
        "are", "be", "been", "had", "have", "has", "that", "which", "who"};
    const std::uint32_t n = static_cast<std::uint32_t>(c.forms.size());
    if (c.have_parse && c.sent->tokens[i].deprel.starts_with("compound")) return false;
    if (i + 1 >= n || IsBoundary(c, i + 1)) return true;
    if (c.have_pos) {
      const std::string& u = c.sent->tokens[i + 1].upos;
      return u != "NOUN" && u != "PROPN" && u != "NUM";
    }
    return kAfterHead.count(c.lower[i + 1]) > 0;
  }

  // A verb that opens or carries a clause. With POS tags: a verb or
  // auxiliary, or (for `finite_only`) a finite one. Without tags nothing is
  // known, so nothing is a verb.
  bool ClauseVerb(const Ctx& c, std::uint32_t i, bool finite_only) const {
    if (!c.have_pos) return false;
    const Token& t = c.sent->tokens[i];
    if (t.upos != "VERB" && t.upos != "AUX") return false;
    // Inside a sentence a capitalised word is a name, whatever the tagger
    // says ("Human Rights Watch" tagged as a verb).
    if (StartsUpper(t.form)) return false;
    if (!finite_only) return true;
    return t.xpos == "VBD" || t.xpos == "VBZ" || t.xpos == "VBP" || t.xpos == "MD";
  }

  // The end of the description "X, <description>" that starts at `db` and
  // runs to `de`: a description is a noun phrase, so it stops before a
  // relative clause ("X, a lawyer who ...") and there is none when it opens
  // with a verb ("X, called on the president to ..."). Returns db for none.
  std::uint32_t AppositionAfterEnd(const Ctx& c, std::uint32_t db, std::uint32_t de) const {
    static const Set kRelative = {"who", "whom", "whose", "which", "that"};
    if (db < de && ClauseVerb(c, db, false)) return db;
    for (std::uint32_t i = db; i < de; ++i) {
      if (kRelative.count(c.lower[i]) || ClauseVerb(c, i, true)) return i;
    }
    return de;
  }

  // "<description>, X": the description in front of the name [b, e), as
  // [*db, *de), when it reads as a noun phrase in apposition: after a
  // boundary, not opened by a preposition, conjunction or adverb ("In
  // Damascus, X", "After talks with the president, X"), without a finite
  // verb ("Hours after police raided his home, X"), and with the name closed
  // by a boundary or a lower-case word.
  bool AppositionBefore(const Ctx& c, std::uint32_t b, std::uint32_t e, std::uint32_t* db,
                        std::uint32_t* de) const {
    static const Set kOpeners = {
        "in",     "on",      "at",      "for",   "of",     "after",  "before", "when",
        "while",  "if",      "as",      "by",    "with",   "from",   "to",     "but",
        "and",    "or",      "since",   "during", "under", "over",   "into",   "about",
        "against", "according", "however", "meanwhile", "also", "then", "now", "later",
        "earlier", "although", "though",  "because", "despite", "unlike", "like", "until"};
    std::uint32_t n = static_cast<std::uint32_t>(c.forms.size());
    if (b < 2 || c.lower[b - 1] != ",") return false;
    if (!(IsBoundary(c, e) || (e < n && !StartsUpper(c.forms[e])))) return false;
    *de = b - 1;
    *db = *de;
    while (*db > 0 && *de - *db < 12 && !IsBoundary(c, *db - 1)) --*db;
    if (*db == *de || kOpeners.count(c.lower[*db])) return false;
    if (c.have_pos) {
      const std::string& u = c.sent->tokens[*db].upos;
      if (u == "ADP" || u == "SCONJ" || u == "CCONJ" || u == "ADV" || u == "VERB" ||
          u == "AUX") {
        return false;
      }
    }
    for (std::uint32_t i = *db; i < *de; ++i) {
      if (ClauseVerb(c, i, true)) return false;
    }
    return true;
  }

  // With no document date, the dates the text itself writes rank the
  // date-bounded codes (ActorDictionary::CodesAt): a date in the sentence,
  // else the last one before it, else the dateline's, else the first one in
  // the document. Only dates with a year count ("in March 2001", "1985").
  void FindReferenceDates() {
    const std::string& text = doc_->document.text;
    auto as_date = [](int y, int m, int d) -> Date {
      return y * 10000 + (m > 0 ? m : 7) * 100 + (d > 0 ? d : 1);
    };
    Date dateline = kUnknownDate;
    if (auto d = enrich::FindDatelineDate(doc_->document)) {
      dateline = as_date(d->year, d->month, d->day);
    }
    std::vector<Date> own(doc_->sentences.size(), kUnknownDate);
    Date first = kUnknownDate;
    for (std::size_t si = 0; si < doc_->sentences.size(); ++si) {
      const Span& sp = doc_->sentences[si].span;
      if (sp.end > text.size() || sp.begin >= sp.end) continue;
      std::string_view st(text.data() + sp.begin, sp.end - sp.begin);
      for (const auto& t : enrich::FindTimexes(st)) {
        if (t.kind != enrich::TimexKind::kDate || t.year < 1900 || t.year > 2100) continue;
        own[si] = as_date(t.year, t.month, t.day);
        if (first == kUnknownDate) first = own[si];
      }
    }
    reference_.assign(doc_->sentences.size(), kUnknownDate);
    Date last = kUnknownDate;
    for (std::size_t si = 0; si < own.size(); ++si) {
      if (own[si] != kUnknownDate) last = own[si];
      reference_[si] = last != kUnknownDate ? last : dateline != kUnknownDate ? dateline : first;
    }
  }

  void Sentence(std::uint32_t si) {
    Ctx c;
    c.index = si;
    c.sent = &doc_->sentences[si];
    for (const Token& t : c.sent->tokens) {
      c.forms.push_back(t.form);
      c.lower.push_back(Lower(t.form));
      c.have_pos |= !t.upos.empty();
      c.have_ner |= !t.ner.empty();
      c.have_parse |= !t.deprel.empty();
    }
    c.text = WordText::FromTokens(c.forms);
    std::uint32_t n = static_cast<std::uint32_t>(c.forms.size());

    // 1. Dictionary phrases.
    Date reference = si < reference_.size() ? reference_[si] : kUnknownDate;
    std::vector<CodedActor> phrases = dict_.CodeText(c.text, date_, reference);
    c.pre.assign(n, false);
    for (const auto& p : phrases) {
      for (int en : {p.actor_entry, p.place_entry}) {
        if (en < 0 || !IsPartiallyRecognised(dict_.entry(static_cast<std::uint32_t>(en)).id)) continue;
        for (std::uint32_t t = p.begin; t < p.end && t < n; ++t) c.pre[t] = true;
      }
    }
    std::vector<Cand> cands;
    std::vector<bool> covered(n, false);
    for (const auto& p : phrases) {
      Cand k;
      k.b = p.begin;
      k.e = p.end;
      k.code = p.code;
      k.how = p.how;
      k.place = p.place_only;
      k.plural = p.plural;
      k.adjective = p.adjective;
      k.city = p.city || (p.place_only && !p.adjective && MajorCityRegion(c, p));
      k.sectors = p.agent_sectors;
      k.entry = p.actor_entry;
      if (p.actor_entry >= 0) {
        const Entry& en = dict_.entry(p.actor_entry);
        k.person = en.actor_kind == ActorKind::kPerson;
        k.org = !k.person;
        if (k.person) k.name_words = NameWords(c, p.begin, p.end);
      } else if (p.agent_sectors.size() >= 2) {
        k.code = MakeCode(dict_, p.code.country, ChooseSector(p.agent_sectors));
      }
      if (!k.person && !k.place && p.has_agent && p.actor_entry < 0) {
        // Extend over a partitive: "a group of Chechen youth".
        if (k.b >= 2 && c.lower[k.b - 1] == "of" && Partitives().count(c.lower[k.b - 2])) {
          k.b -= 2;
          if (k.b >= 1 && (c.lower[k.b - 1] == "a" || c.lower[k.b - 1] == "the")) k.b -= 1;
        }
      }
      cands.push_back(std::move(k));
    }
    Associations(c, &cands);
    AttributiveAgents(c, &cands);
    // "Ostmarkian homes": a people's homes stand for the civilians who live
    // in them (PLOVER CVL: "other unarmed domestic entities"; the NGEC
    // PLOVER agents code civilian airliners CVL the same way). Only after a
    // lone country adjective, which otherwise codes just the country, and
    // only when home/house heads its phrase ("Ostmarkian house prices" are
    // prices, see HeadsItsPhrase).
    for (Cand& k : cands) {
      static const Set kHomes = {"home", "homes", "house", "houses"};
      if (!k.adjective || !k.place || k.e >= n || !kHomes.count(c.forms[k.e]) ||
          k.code.country.empty() || !HeadsItsPhrase(c, k.e)) {
        continue;
      }
      bool taken = std::any_of(cands.begin(), cands.end(),
                               [&](const Cand& o) { return o.b <= k.e && k.e < o.e; });
      if (taken) continue;
      k.e += 1;
      k.code = MakeCode(dict_, k.code.country, "CVL");
      k.how = Resolution::kAgent;
      k.place = k.adjective = false;
      k.plural = c.lower[k.e - 1].back() == 's';
      k.sectors = {"CVL"};
    }
    // "the town", "villages": settlement nouns are places. "the city of X"
    // with X a known place is X: one mention, coded as X alone would be in
    // the phrase's place. So "the capital city of Ostgrad" is a place after
    // a locative ("near the capital city of Ostgrad", as "near Ostgrad") and
    // the government elsewhere ("the capital city of Ostgrad said").
    for (Cand& k : cands) {
      if (k.how == Resolution::kAgent && !k.person && SettlementNouns().count(c.lower[k.e - 1])) {
        k.place = k.city = true;
      }
    }
    for (size_t a = 0; a + 1 < cands.size(); ++a) {
      Cand& k = cands[a];
      const Cand& next = cands[a + 1];
      if (!(k.city && k.how == Resolution::kAgent) || k.e >= n || c.lower[k.e] != "of" ||
          next.b != k.e + 1 || !(next.place || (next.how == Resolution::kDictionary &&
                           next.code.sectors == std::vector<std::string>{"GOV"})) ||
          next.adjective || next.code.country.empty() || next.entry >= 0) {
        continue;
      }
      // Where a bare X would stand: before the settlement noun and its
      // modifiers ("capital", lower-case adjectives), after an article.
      std::uint32_t b = k.b;
      while (b > 0 && !StartsUpper(c.forms[b - 1]) &&
             (c.lower[b - 1] == "capital" ||
              (c.have_pos && c.sent->tokens[b - 1].upos == "ADJ"))) {
        --b;
      }
      std::uint32_t before = b;
      if (before > 0 && (c.lower[before - 1] == "the" || c.lower[before - 1] == "a")) --before;
      bool locative = before > 0 && IsLocativeWord(c.lower[before - 1]);
      Cand merged = next;
      merged.b = b;
      merged.city = next.place;
      if (!next.place && locative) {
        // A capital in a locative phrase is where it happened, not its
        // government (ActorDictionary::CodeText).
        merged.code = dict_.SplitCode(next.code.country);
        merged.place = merged.city = true;
      }
      k = std::move(merged);
      cands.erase(cands.begin() + a + 1);
    }
    if (date_ == kUnknownDate && reference == kUnknownDate) PreferSentenceCountries(&cands);

    // "president of Armenia", "police of Chechnya", "a group based in
    // Ostmark": an agent with no country takes the country of a place or
    // organisation right after it.
    for (size_t a = 0; a + 1 < cands.size(); ++a) {
      Cand& k = cands[a];
      if (k.how != Resolution::kAgent || !k.code.country.empty() || k.code.code.empty()) continue;
      std::uint32_t t = k.e;
      // Also "a terror group based in Ostmark". Not "from": "withdraw the
      // troops from Chad" names where they leave, not whose they are.
      if (t + 1 < n && c.lower[t] == "based" && c.lower[t + 1] == "in") ++t;
      if (t >= n || (c.lower[t] != "of" && c.lower[t] != "in")) continue;
      if (c.lower[t] == "in" && (t == 0 || c.lower[t - 1] != "based")) continue;
      ++t;
      if (t < n && c.lower[t] == "the") ++t;
      Cand& next = cands[a + 1];
      if (next.b != t || next.code.country.empty() || !(next.place || next.org)) continue;
      k.code = MakeCode(dict_, next.code.country, k.code.code);
      k.e = next.e;
      cands.erase(cands.begin() + a + 1);
    }

    // "a militia ally in southern Ostmark": an agent with no country that
    // is someone's ally or proxy in a place is an actor of that place (up to
    // two lower-case words between "in" and the place).
    for (size_t a = 0; a + 1 < cands.size(); ++a) {
      Cand& k = cands[a];
      if (k.how != Resolution::kAgent || !k.code.country.empty() ||
          k.code.code.empty())
        continue;
      std::uint32_t t = k.e;
      if (t + 1 >= n || !IsAllyNoun(c.lower[t]) || c.lower[t + 1] != "in")
        continue;
      t += 2;
      // The place may start with the lower-case words ("southern Ostmark").
      for (std::uint32_t p = t; p < n && p <= t + 2; ++p) {
        if (p > t && StartsUpper(c.forms[p - 1])) break;
        auto next =
            std::find_if(cands.begin(), cands.end(), [&](const Cand& o) {
              return o.b == p && !o.code.country.empty() && o.place;
            });
        if (next == cands.end()) continue;
        k.code = MakeCode(dict_, next->code.country, k.code.code);
        break;
      }
    }

    // "the Chechen leader", "the president": a definite singular agent phrase
    // refers to the latest person with the same code (or sector, when the
    // phrase has no country) in the last three sentences.
    for (Cand& k : cands) {
      if (k.how != Resolution::kAgent || k.plural || k.code.code.empty() || k.b == 0) continue;
      if (c.lower[k.b - 1] != "the") continue;
      for (int p = static_cast<int>(persons_.size()) - 1; p >= 0; --p) {
        const Person& per = persons_[p];
        if (si - Sent(per.mention) > 3) break;
        bool same = per.code.code == k.code.code ||
                    (k.code.country.empty() && !per.code.sectors.empty() &&
                     per.code.sectors == k.code.sectors);
        if (!same) continue;
        k.code = per.code;
        k.ante = per.mention;
        k.how = Resolution::kCoreference;
        k.person = true;
        break;
      }
    }

    // "Hungarian and Romanian officials": adjectives (or country names) joined by and/or/","
    // share the head agent of the last one.
    for (size_t a = cands.size(); a-- > 1;) {
      Cand& prev = cands[a - 1];
      const Cand& next = cands[a];
      // Country names too, before "and"/"or" and a modified agent: "U.S.
      // and Russian negotiators" (not "In Kestria, a group of youth").
      bool name = !prev.adjective && prev.place && prev.code.sectors.empty();
      if (!prev.adjective && !name) continue;
      if (next.how != Resolution::kAgent || next.sectors.empty()) continue;
      if (next.b != prev.e + 1) continue;
      const std::string& sep = c.lower[prev.e];
      if (sep != "and" && sep != "or" && (sep != "," || name)) continue;
      if (name && (next.code.country.empty() || c.forms[next.b].empty() ||
                   !std::isupper(static_cast<unsigned char>(c.forms[next.b][0])))) {
        continue;
      }
      prev.code = MakeCode(dict_, prev.code.country, ChooseSector(next.sectors));
      prev.how = Resolution::kAgent;
      prev.place = false;
      prev.adjective = false;
      prev.sectors = next.sectors;
      prev.plural = next.plural;
    }

    // 2. "the groups", "the organization".
    for (std::uint32_t i = 0; i + 1 < n; ++i) {
      static const Set kDet = {"the", "these", "those", "both", "all"};
      static const Set kPlural = {"groups", "organizations", "organisations", "ngos"};
      static const Set kSingular = {"group", "organization", "organisation"};
      if (!kDet.count(c.lower[i])) continue;
      std::uint32_t h = i + 1;
      if (h + 1 < n && (kPlural.count(c.lower[h + 1]) || kSingular.count(c.lower[h + 1])) &&
          !StartsUpper(c.forms[h])) {
        ++h;  // One modifier: "the rights groups".
      }
      bool plural = kPlural.count(c.lower[h]) > 0;
      bool singular = kSingular.count(c.lower[h]) > 0;
      if (!plural && !singular) continue;
      if (h + 1 < n && c.lower[h + 1] == "of") continue;  // "the group of ..."
      std::vector<int> targets;
      if (plural && last_compound_ >= 0 && si - Sent(last_compound_) <= 3) {
        targets = compound_members_;
      } else if (singular && last_org_ >= 0 && si - Sent(last_org_) <= 3) {
        targets = {last_org_};
      }
      if (targets.empty()) continue;
      std::uint32_t b = i, e = h + 1;
      cands.erase(std::remove_if(cands.begin(), cands.end(),
                                 [&](const Cand& k) { return k.b < e && b < k.e; }),
                  cands.end());
      for (int t : targets) {
        Cand k;
        k.b = b;
        k.e = e;
        k.code = doc_->mentions[t].code;
        k.how = Resolution::kCoreference;
        k.ante = t;
        k.org = true;
        k.plural = plural;
        k.compound = targets.size() > 1 ? targets[0] : -1;
        cands.push_back(std::move(k));
      }
      i = h;
    }
    for (const auto& k : cands) {
      for (std::uint32_t t = k.b; t < k.e && t < n; ++t) covered[t] = true;
    }
    // A place followed by more capitalised words is part of a longer proper
    // name, usually an organisation: "Helsinki Committee", "Kenya
    // Anti-Corruption Commission", "Russian Orthodox Church". It codes the
    // place's country.
    for (Cand& k : cands) {
      if (!k.place || k.e >= n || covered[k.e] || !NameToken(c, k.e)) continue;
      std::uint32_t e = k.e;
      while (e < n && !covered[e] && (NameToken(c, e) || c.lower[e] == "-")) ++e;
      while (e > k.e && c.lower[e - 1] == "-") --e;
      if (e == k.e) continue;
      for (std::uint32_t t = k.e; t < e; ++t) covered[t] = true;
      k.e = e;
      k.code = dict_.SplitCode(k.code.country);
      k.place = false;
      k.org = true;
    }

    // A military rank written with a capital before a known person is a
    // title ("General Michel Aoun", "Gen. X"). Lower-case "general" is a
    // common word, so the agents file cannot list it. Undated, it picks the
    // person's military role; dated, it codes them only when no role holds.
    for (Cand& k : cands) {
      static const Set kRanks = {"General", "Gen.", "Gen", "Lieutenant-General", "Lt.-Gen.",
                                 "Major-General", "Maj.-Gen.", "Brigadier", "Colonel", "Col.",
                                 "Admiral", "Adm.", "Marshal", "Field-Marshal"};
      if (!k.person || k.entry < 0 || k.b == 0 || covered[k.b - 1] ||
          !kRanks.count(c.forms[k.b - 1])) {
        continue;
      }
      std::string country = k.code.country;
      std::string mil;
      for (const CodeSpan* cs : dict_.CodesAt(static_cast<std::uint32_t>(k.entry), date_,
                                              reference)) {
        ActorCode ac = dict_.SplitCode(cs->code);
        if (country.empty()) country = ac.country;
        if (mil.empty() && std::find(ac.sectors.begin(), ac.sectors.end(), "MIL") != ac.sectors.end()) {
          mil = cs->code;
        }
      }
      if (country.empty()) {
        country = dict_.NearestCountry(static_cast<std::uint32_t>(k.entry),
                                       date_ != kUnknownDate ? date_ : reference)
                      .value_or("");
      }
      if (date_ == kUnknownDate && !mil.empty()) {
        k.code = dict_.SplitCode(mil);
      } else if (k.code.code.empty() && !country.empty()) {
        k.code = MakeCode(dict_, country, "MIL");
      } else {
        continue;
      }
      k.how = Resolution::kTitle;
      covered[--k.b] = true;
    }

    // 3. Name spans.
    std::uint32_t i = 0;
    while (i < n) {
      if (covered[i] || !NameToken(c, i)) {
        ++i;
        continue;
      }
      std::uint32_t b = i, e = i + 1;
      while (e < n && !covered[e]) {
        if (NameToken(c, e) || c.text.clitic[e]) {
          if (c.text.clitic[e]) {
            ++e;
            break;
          }
          ++e;
        } else if (NameParticles().count(c.lower[e]) && e + 1 < n && !covered[e + 1] &&
                   NameToken(c, e + 1)) {
          e += 2;
        } else {
          break;
        }
      }
      i = e;
      std::uint32_t name_end = e;
      while (name_end > b && c.text.clitic[name_end - 1]) --name_end;
      bool ambiguous = b == 0 && name_end - b == 1 && !c.have_pos && !c.have_ner;
      // Appositions need something that looks like a personal name: two or
      // more name tokens, or an NER person.
      const std::string& ner = c.sent->tokens[b].ner;
      bool personal = name_end - b >= 2 || (ner.size() > 2 && ner.substr(2) == "PER");
      // "the town of X", "the Ostmarkian village of X": the name is the
      // place the settlement noun names; one mention, the town's. With no
      // adjective, a town the gazetteer knows gives the country when that
      // is no guess: one in a country the document names, or a name found
      // in one country only (any size: towns are small).
      if (b >= 2 && c.lower[b - 1] == "of" && name_end == e) {
        auto town = std::find_if(cands.begin(), cands.end(), [&](const Cand& o) {
          return o.e + 1 == b && o.city && o.how == Resolution::kAgent;
        });
        if (town != cands.end()) {
          if (town->code.country.empty()) {
            if (auto city = FindCity(c, b, name_end, 0, /*sure=*/true)) {
              town->code = MakeCode(dict_, std::string(city->country), town->code.code);
            }
          }
          town->e = name_end;
          for (std::uint32_t t = b; t < name_end; ++t) covered[t] = true;
          continue;
        }
      }
      Cand k;
      k.b = b;
      k.e = name_end;
      k.name_words = NameWords(c, b, name_end);
      k.person = true;
      bool coded = false;
      // Title: an agent phrase right before the name.
      if (!ambiguous) {
        for (auto it = cands.begin(); it != cands.end(); ++it) {
          // A lower-case government title with no country ("Home Depot
          // president X") is usually a company or organisation role; other
          // lower-case titles ("the journalist X", "lawyer X") name the person.
          bool gov = std::find(it->code.sectors.begin(), it->code.sectors.end(), "GOV") !=
                     it->code.sectors.end();
          bool title_like =
              b > 0 && (StartsUpper(c.forms[b - 1]) || !it->code.country.empty() || !gov);
          if (it->e == b && it->how == Resolution::kAgent && !it->code.code.empty() &&
              !it->plural && title_like) {
            k.b = it->b;
            k.code = it->code;
            k.how = Resolution::kTitle;
            // "the opposition newspaper Nova Gazeta", "the rights group X":
            // a title whose head names an organisation makes the name one.
            if (OrganisationNouns().count(c.lower[it->e - 1])) {
              k.person = false;
              k.org = true;
              k.name_words.clear();
              for (std::uint32_t t = it->b; t < it->e; ++t) {
                if (!k.head_text.empty()) k.head_text += ' ';
                k.head_text += c.forms[t];
              }
            }
            cands.erase(it);
            coded = true;
            break;
          }
        }
      }
      // Apposition after: "X, description,".
      if (!coded && personal && name_end < n && c.lower[name_end] == ",") {
        std::uint32_t db = name_end + 1, de = db;
        while (de < n && de - db < 20 && !IsBoundary(c, de)) ++de;
        de = AppositionAfterEnd(c, db, de);
        ActorCode code;
        if (de > db && CodeDescription(c, phrases, db, de, &code)) {
          k.code = code;
          k.how = Resolution::kApposition;
          coded = true;
          DropAgentsIn(&cands, db, de);
        }
      }
      // Apposition before: "description, X".
      std::uint32_t pdb = 0, pde = 0;
      if (!coded && personal && AppositionBefore(c, b, name_end, &pdb, &pde)) {
        std::uint32_t db = pdb, de = pde;
        ActorCode code;
        if (CodeDescription(c, phrases, db, de, &code)) {
          k.code = code;
          k.how = Resolution::kApposition;
          coded = true;
          DropAgentsIn(&cands, db, de);
        }
      }
      // "X of the Helsinki Committee", "X at Watchful Eye": a personal name
      // attached to an organisation by of/at/from takes its code.
      if (!coded && personal && name_end + 1 < n && Prepositions().count(c.lower[name_end])) {
        std::uint32_t t = name_end + 1;
        if (t < n && c.lower[t] == "the") ++t;
        for (const Cand& o : cands) {
          if (o.b == t && o.org && !o.person && !o.code.code.empty()) {
            k.code = o.code;
            k.how = Resolution::kApposition;
            coded = true;
            break;
          }
        }
      }
      // Surname of a person already coded in the document.
      if (!coded) {
        int p = FindPerson(k.name_words);
        if (p >= 0) {
          k.code = persons_[p].code;
          k.how = Resolution::kCoreference;
          k.ante = persons_[p].mention;
          coded = true;
        }
      }
      // A major city that no dictionary lists ("Kisangani"). With NER, only
      // a name it tags as a location: many city names are also given names,
      // surnames or company names.
      if (!coded && !ambiguous && name_end == e) {
        const std::string& tag = c.sent->tokens[b].ner;
        bool other = c.have_ner && !(tag.size() > 2 && (tag.substr(2) == "LOC" ||
                                                         tag.substr(2) == "GPE"));
        // A name before a common noun modifies it ("Ostgrad province",
        // "Ostgrad airport"): no city mention of its own (agent nouns are
        // taken in below).
        bool modifier = c.have_pos && name_end < n && !StartsUpper(c.forms[name_end]) &&
                        c.sent->tokens[name_end].upos == "NOUN" &&
                        std::none_of(cands.begin(), cands.end(),
                                     [&](const Cand& o) { return o.b == name_end; });
        // Part of another name: after a capitalised word that is not a name
        // ("Quiet X", a title), after "the" ("the X" is a film, a ship, a
        // team: a city takes no article), or in a hyphenated name ("Ulla-X").
        bool part = b > 1 && StartsUpper(c.forms[b - 1]) && !NameStopWords().count(c.lower[b - 1]);
        part |= b > 0 && c.lower[b - 1] == "the";
        part |= (b > 0 && c.lower[b - 1] == "-") || (name_end < n && c.lower[name_end] == "-");
        std::optional<geo::PlaceEntry> city;
        if (modifier || part) other = true;
        if (!other) city = FindCity(c, b, name_end, kMajorCity);
        if (city) {
          // "Kisangani residents": the agent phrase takes the name in.
          auto agent = std::find_if(cands.begin(), cands.end(), [&](const Cand& o) {
            return o.b == name_end && o.how == Resolution::kAgent && !o.code.code.empty() &&
                   !o.person;
          });
          if (agent != cands.end()) {
            agent->b = b;
            if (agent->code.country.empty()) {
              agent->code = MakeCode(dict_, std::string(city->country), agent->code.code);
            }
            continue;
          }
          // "Ostgrad said", "Ostgrad beat the visitors": a bare city name
          // that acts is far more often a person, a team or a company of
          // that name than the town (whose people and council the agent
          // nouns code). Capitals are the dictionary's.
          if (ActiveSubject(c, b, name_end)) continue;
          k.code = dict_.SplitCode(std::string(city->country));
          k.how = Resolution::kGazetteer;
          k.person = false;
          k.name_words.clear();
          k.place = k.city = true;
          // Outside a locative phrase or a dateline the name may still be
          // someone's: its country does not become the document's.
          k.names_country = LocativeOrDateline(c, b, name_end);
          cands.push_back(std::move(k));
          continue;
        }
      }
      if (!coded && name_end == e) {
        // An unknown name right before an agent noun modifies it: "Karen
        // guerrillas", "Wagner mercenaries". The agent phrase takes it in.
        // But a capitalised "Union" after a name is the name's own word
        // ("Christian Democratic Union", "Homeland Union"): nothing says it
        // is a trade union, so the name stays an uncoded organisation.
        bool merged = false;
        for (auto it = cands.begin(); it != cands.end(); ++it) {
          Cand& o = *it;
          if (o.b == name_end && o.how == Resolution::kAgent && !o.code.code.empty() &&
              !o.person) {
            if (o.e == o.b + 1 && c.forms[o.b] == "Union" &&
                o.code.sectors == std::vector<std::string>{"LAB"}) {
              k.e = name_end = e = o.e;
              i = e;
              cands.erase(it);
              break;
            }
            o.b = b;
            merged = true;
            break;
          }
        }
        if (merged) continue;
      }
      if (!coded) {
        // NER: keep persons and organisations, uncoded.
        const std::string& tag = c.sent->tokens[b].ner;
        if (tag.size() > 2 && (tag.substr(2) == "PER" || tag.substr(2) == "ORG")) {
          k.how = Resolution::kNer;
          k.person = tag.substr(2) == "PER";
          k.org = !k.person;
          coded = true;
        }
      }
      if (coded) cands.push_back(std::move(k));
    }

    // Descriptions in apposition to a coded person are that person, not
    // actors of their own: "Ramzan Kadyrov, head of ...", "Chechnya's
    // leader, Ramzan Kadyrov". A description in front of the name is the
    // head of the noun phrase ("A member of parliament, X, said"), so the
    // person's mention takes it in; uncoded names inside it go too.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> drops;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> extend;  // (name begin, new begin)
    for (const auto& k : cands) {
      if (!k.person || k.code.code.empty()) continue;
      if (k.e < n && c.lower[k.e] == ",") {
        std::uint32_t db = k.e + 1, de = db;
        while (de < n && de - db < 20 && !IsBoundary(c, de)) ++de;
        de = AppositionAfterEnd(c, db, de);
        if (de > db) drops.emplace_back(db, de);
      }
      std::uint32_t db = 0, de = 0;
      if (AppositionBefore(c, k.b, k.e, &db, &de)) {
        bool agent = false;
        for (const Cand& o : cands) {
          agent |= o.b >= db && o.e <= de && o.how == Resolution::kAgent;
        }
        if (!agent && k.how != Resolution::kApposition) continue;
        drops.emplace_back(db, de);
        extend.emplace_back(k.b, db);
      }
    }
    for (const auto& [db, de] : drops) DropAgentsIn(&cands, db, de);
    for (const auto& [b, db] : extend) {
      // Plain copies: clang does not capture structured bindings in lambdas.
      const std::uint32_t from = db, de = b - 1;
      cands.erase(std::remove_if(cands.begin(), cands.end(),
                                 [&](const Cand& k) {
                                   return k.b >= from && k.e <= de && k.how == Resolution::kNer;
                                 }),
                  cands.end());
      for (Cand& k : cands) {
        if (k.b == b && k.person) k.b = db;
      }
    }

    Supporters(c, &cands);

    // 4. Sort, append, compounds, registries.
    std::sort(cands.begin(), cands.end(), [](const Cand& a, const Cand& b) {
      return a.b != b.b ? a.b < b.b : a.e > b.e;
    });
    std::uint32_t first = static_cast<std::uint32_t>(doc_->mentions.size());
    for (auto& k : cands) Append(c, k);
    Compounds(c, first);
    for (std::uint32_t m = first; m < doc_->mentions.size(); ++m) Register(c, m, cands[m - first]);

    // 5. Pronouns in subject position.
    Pronouns(c, first);
    SortBlock(first);
  }

  // "supporters of X", "loyalists of the X party": the people who back a
  // person or organisation are not that actor. They are an actor of their
  // own, with X's country: civilians (CVL) when X governs, else political
  // opposition (OPP; CAMEO's and PLOVER's opposition supporters). The
  // mention is the noun itself, so X keeps its own mention. Not for places:
  // "supporters of Ostmark" may be anyone's.
  void Supporters(const Ctx& c, std::vector<Cand>* cands) const {
    static const Set kNouns = {"supporters",   "supporter", "followers",
                               "loyalists",    "backers",   "sympathizers",
                               "sympathisers", "partisans", "adherents"};
    std::vector<Cand> add;
    for (const Cand& k : *cands) {
      if (!(k.person || k.org) || k.place || k.code.country.empty()) continue;
      std::uint32_t t = k.b;
      if (t >= 1 && c.lower[t - 1] == "the") --t;
      if (t < 2 || c.lower[t - 1] != "of" || !kNouns.count(c.lower[t - 2]))
        continue;
      const std::uint32_t s = t - 2;
      bool taken = false;
      for (const Cand& o : *cands) taken |= o.b <= s && s < o.e;
      if (taken) continue;
      const auto& sec = k.code.sectors;
      bool governs = std::find(sec.begin(), sec.end(), "GOV") != sec.end();
      Cand a;
      a.b = s;
      a.e = s + 1;
      a.how = Resolution::kAgent;
      a.plural = c.lower[s].back() == 's';
      a.sectors = {governs ? "CVL" : "OPP"};
      a.code = MakeCode(dict_, k.code.country, a.sectors[0]);
      add.push_back(std::move(a));
    }
    for (auto& a : add) cands->push_back(std::move(a));
  }

  // An agent word used as an adjective before a noun that names no actor
  // ("the country's military policies", "civilian areas") is no actor: with
  // POS tags, an agent phrase that ends in an adjective followed by an
  // uncoded common noun keeps only its country (or goes, with none).
  void AttributiveAgents(const Ctx& c, std::vector<Cand>* cands) const {
    if (!c.have_pos) return;
    const std::uint32_t n = static_cast<std::uint32_t>(c.forms.size());
    std::vector<bool> in_phrase(n, false);
    for (const Cand& k : *cands) {
      for (std::uint32_t t = k.b; t < k.e && t < n; ++t) in_phrase[t] = true;
    }
    std::vector<Cand> kept;
    for (Cand& k : *cands) {
      bool attributive = k.how == Resolution::kAgent && !k.person && k.e < n &&
                         c.sent->tokens[k.e - 1].upos == "ADJ" &&
                         c.sent->tokens[k.e].upos == "NOUN" && !in_phrase[k.e] &&
                         !StartsUpper(c.forms[k.e]);
      if (attributive) {
        if (k.code.country.empty()) continue;
        k.code = dict_.SplitCode(k.code.country);
        k.how = Resolution::kDictionary;
        k.sectors.clear();
        k.adjective = true;
      }
      kept.push_back(std::move(k));
    }
    *cands = std::move(kept);
  }

  // With no date at all, a named actor whose codes lie in different
  // countries over time (a movement that became another state's government)
  // takes the code of the one country among them that the sentence also
  // names: "Sudanese officials met the SPLM" is the Sudanese rebel
  // movement, not South Sudan's later government. With none or several of
  // them named, the undated ranking (CodesAt) stands.
  void PreferSentenceCountries(std::vector<Cand>* cands) const {
    for (Cand& k : *cands) {
      if (k.entry < 0 || k.how != Resolution::kDictionary || k.code.code.empty()) continue;
      auto codes = dict_.CodesAt(static_cast<std::uint32_t>(k.entry), kUnknownDate, kUnknownDate);
      if (codes.size() < 2 || codes[0]->code != k.code.code) continue;
      Set own;
      for (const CodeSpan* cs : codes) {
        std::string country = dict_.SplitCode(cs->code).country;
        if (!country.empty()) own.insert(country);
      }
      if (own.size() < 2) continue;
      Set named;
      for (const Cand& o : *cands) {
        if (&o != &k && own.count(o.code.country)) named.insert(o.code.country);
      }
      if (named.size() != 1 || *named.begin() == k.code.country) continue;
      for (const CodeSpan* cs : codes) {
        if (dict_.SplitCode(cs->code).country == *named.begin()) {
          k.code = dict_.SplitCode(cs->code);
          break;
        }
      }
    }
  }

  // "the Union of Ostmarkian Journalists", "International Association
  // of Jurists": a capitalised association of people of one civil sector is an
  // organisation of that sector. The agent phrase after "of" gives the
  // sector, and its country or that of a name word in front ("Nigerian
  // Union of Journalists"). With neither, an international qualifier in the
  // name ("International", "African", ...) makes it an NGO; otherwise the
  // document gives the country, as for any agent. Armed and state sectors
  // are left alone: "Union of Right Forces" is a party, not an army.
  void Associations(const Ctx& c, std::vector<Cand>* cands) const {
    static const Set kAssociations = {
        "association",  "union",     "federation", "confederation",
        "society",      "league",    "syndicate",  "guild",
        "chamber",      "order",     "council",    "congress",
        "alliance",     "forum",     "network",    "organisation",
        "organization", "institute", "foundation", "committee"};
    static const Set kCivil = {"JUD", "MED", "HLH", "LAB", "EDU", "BUS", "AGR",
                               "REL", "HRI", "ENV", "CVL", "REF", "DEV"};
    static const Set kInternational = {"international", "world", "global", "african", "asian",
                                       "european", "arab", "pan", "commonwealth"};
    for (size_t a = 0; a < cands->size(); ++a) {
      Cand& k = (*cands)[a];
      if (k.how != Resolution::kAgent || k.person || k.code.code.empty() || k.b < 2) continue;
      if (k.code.sectors.size() != 1 || !kCivil.count(k.code.sectors[0])) continue;
      // "of", then capitalised words up to the agent ("of Ostmarkian Jurists").
      std::uint32_t of = k.b;
      while (of > 0 && StartsUpper(c.forms[of - 1]) && !NameStopWords().count(c.lower[of - 1])) {
        --of;
      }
      if (!StartsUpper(c.forms[k.b]) || of < 2 || c.lower[of - 1] != "of" ||
          !StartsUpper(c.forms[of - 2]) || !kAssociations.count(c.lower[of - 2])) {
        continue;
      }
      std::uint32_t b = of - 2;
      while (b > 0 && (StartsUpper(c.forms[b - 1]) || c.lower[b - 1] == "-") &&
             !NameStopWords().count(c.lower[b - 1])) {
        --b;
      }
      std::string country = k.code.country;
      bool international = false;
      for (std::uint32_t t = b; t < k.e; ++t) {
        for (const auto& w : NameWords(c, t, t + 1)) international |= kInternational.count(w) > 0;
      }
      for (const Cand& o : *cands) {
        if (&o != &k && o.b >= b && o.e <= of && country.empty() && !o.code.country.empty()) {
          country = o.code.country;
        }
      }
      if (country.empty() && international) country = "NGO";
      k.code = MakeCode(dict_, country, k.code.sectors[0]);
      k.b = b;
      k.org = true;
      k.plural = false;
      const std::uint32_t kb = k.b, ke = k.e;
      std::vector<Cand> kept;
      for (size_t o = 0; o < cands->size(); ++o) {
        const Cand& x = (*cands)[o];
        if (o != a && x.b >= kb && x.e <= ke) continue;
        kept.push_back(std::move((*cands)[o]));
      }
      *cands = std::move(kept);
      // Indices moved: start over. An association no longer follows "of",
      // so each one is extended once.
      a = static_cast<size_t>(-1);
    }
    // "World Peace Forum", "Global Farmers Network": an uncoded capitalised
    // name headed by an association noun and qualified as world-wide is a
    // non-governmental organisation (NGO). Coded IGOs are in the
    // dictionaries; a name with a country word stays with the rules above.
    static const Set kWorldWide = {"international", "world", "global"};
    const std::uint32_t n = static_cast<std::uint32_t>(c.forms.size());
    std::vector<bool> covered(n, false);
    for (const Cand& k : *cands) {
      for (std::uint32_t t = k.b; t < k.e && t < n; ++t) covered[t] = true;
    }
    for (std::uint32_t b = 0; b < n;) {
      std::uint32_t e = b;
      while (e < n && StartsUpper(c.forms[e]) &&
             !NameStopWords().count(c.lower[e]))
        ++e;
      if (e == b) {
        ++b;
        continue;
      }
      // The whole capitalised run, none of it coded ("Ostmark World Forum"
      // is the place's, above).
      bool world = false, coded = false;
      for (std::uint32_t t = b; t < e; ++t) {
        world |= kWorldWide.count(c.lower[t]) > 0;
        coded |= covered[t];
      }
      if (e - b >= 2 && world && !coded &&
          kAssociations.count(c.lower[e - 1])) {
        Cand k;
        k.b = b;
        k.e = e;
        k.code = dict_.SplitCode("NGO");
        k.how = Resolution::kAgent;
        k.org = true;
        cands->push_back(std::move(k));
      }
      b = e;
    }
    // What is left of a capitalised "Union of <Name>" is the head of a
    // proper name ("Union of Right Forces" is a party), not a trade union.
    std::erase_if(*cands, [&](const Cand& k) {
      return k.how == Resolution::kAgent && k.e == k.b + 1 && k.e + 1 < c.forms.size() &&
             c.forms[k.b] == "Union" && k.code.sectors == std::vector<std::string>{"LAB"} &&
             c.lower[k.e] == "of" && StartsUpper(c.forms[k.e + 1]);
    });
  }

  void DropAgentsIn(std::vector<Cand>* cands, std::uint32_t b, std::uint32_t e) const {
    cands->erase(std::remove_if(cands->begin(), cands->end(),
                                [&](const Cand& k) {
                                  return k.b >= b && k.e <= e && k.how == Resolution::kAgent;
                                }),
                 cands->end());
  }

  std::uint32_t Sent(int m) const { return doc_->mentions[m].sentence; }

  int FindPerson(const std::vector<std::string>& words) const {
    if (words.empty()) return -1;
    for (int p = static_cast<int>(persons_.size()) - 1; p >= 0; --p) {
      const auto& pw = persons_[p].words;
      if (pw.size() < words.size()) continue;
      if (std::equal(words.begin(), words.end(), pw.end() - words.size())) return p;
    }
    return -1;
  }

  void Append(const Ctx& c, const Cand& k) {
    const auto& toks = c.sent->tokens;
    ActorMention m;
    m.span = {toks[k.b].span.begin, toks[k.e - 1].span.end};
    m.text = TokenText(c, k.b, k.e);
    m.code = k.code;
    m.how = k.how;
    m.sentence = c.index;
    m.antecedent = k.ante;
    m.token_begin = k.b;
    m.token_end = k.e;
    m.place = k.place;
    m.compound = k.compound;
    doc_->mentions.push_back(std::move(m));
    bool pre = false;
    for (std::uint32_t t = k.b; t < k.e && t < c.pre.size(); ++t) pre |= c.pre[t];
    info_.push_back({k.person, k.org, k.plural, k.head_text, pre, k.city, k.names_country});
    const std::string& country = doc_->mentions.back().code.country;
    if (k.names_country && !country.empty() && !NamedCountry(country)) {
      named_countries_.push_back(country);
    }
  }

  void Register(const Ctx& c, std::uint32_t m, const Cand& k) {
    const ActorMention& am = doc_->mentions[m];
    if (k.person && !am.code.code.empty() && k.how != Resolution::kCoreference &&
        !k.name_words.empty()) {
      persons_.push_back({k.name_words, am.code, static_cast<int>(m)});
    }
    if (!am.code.code.empty()) {
      if (k.person) last_person_ = static_cast<int>(m);
      if (k.org && !k.plural) last_org_ = static_cast<int>(m);
      if (k.plural || am.compound >= 0) last_plural_ = static_cast<int>(m);
    }
  }

  // "A, B and C", "A and B", "A or B": links separated by "," and a last
  // link by "and"/"or" (", and" too).
  void Compounds(const Ctx& c, std::uint32_t first) {
    std::uint32_t end = static_cast<std::uint32_t>(doc_->mentions.size());
    std::uint32_t i = first;
    while (i < end) {
      std::uint32_t j = i, last_conj = i;
      while (j + 1 < end) {
        const auto& a = doc_->mentions[j];
        const auto& b = doc_->mentions[j + 1];
        if (a.how == Resolution::kCoreference || b.how == Resolution::kCoreference) break;
        if (a.code.code.empty() || b.code.code.empty()) break;
        std::string sep;
        // An article after the separator is part of the next name: "A, B
        // and the Committee to Protect Journalists".
        for (std::uint32_t t = a.token_end; t < b.token_begin; ++t) {
          if (t + 1 == b.token_begin && c.lower[t] == "the" && t > a.token_end) continue;
          sep += c.lower[t] + " ";
        }
        bool conj = sep == "and " || sep == ", and " || sep == "or " || sep == ", or ";
        if (!conj && sep != ", ") break;
        ++j;
        if (conj) {
          last_conj = j;
          break;  // The conjunction closes the list.
        }
      }
      if (last_conj > i) {
        // A list that is mostly places is a list of places: "Colorado,
        // Washington, Alaska and Oregon" (no Washington = USAGOV).
        std::uint32_t places = 0;
        for (std::uint32_t m = i; m <= last_conj; ++m) places += doc_->mentions[m].place;
        if (2 * places > last_conj - i + 1) {
          for (std::uint32_t m = i; m <= last_conj; ++m) {
            ActorMention& am = doc_->mentions[m];
            if (am.place || am.code.country.empty()) continue;
            if (am.how == Resolution::kDictionary && am.code.sectors == std::vector<std::string>{"GOV"}) {
              am.code = dict_.SplitCode(am.code.country);
              am.place = true;
            }
          }
        }
        compound_members_.clear();
        for (std::uint32_t m = i; m <= last_conj; ++m) {
          doc_->mentions[m].compound = static_cast<int>(i);
          compound_members_.push_back(static_cast<int>(m));
        }
        last_compound_ = static_cast<int>(i);
        i = last_conj + 1;
      } else {
        ++i;
      }
    }
  }

  bool SubjectPosition(const Ctx& c, std::uint32_t i) const {
    const Token& t = c.sent->tokens[i];
    if (c.have_parse) return t.deprel == "nsubj" || t.deprel == "nsubj:pass";
    if (i == 0) return true;
    static const Set kBefore = {",", "and", "but", "that", "because", "when", "while", "after",
                                "before", "as", "since", "\"", "\xE2\x80\x9C", "said", "says",
                                ";", "so", "if", "although", "though", "where"};
    return kBefore.count(c.lower[i - 1]) > 0;
  }

  void Pronouns(const Ctx& c, std::uint32_t first) {
    std::uint32_t n = static_cast<std::uint32_t>(c.forms.size());
    std::uint32_t block_end = static_cast<std::uint32_t>(doc_->mentions.size());
    for (std::uint32_t i = 0; i < n; ++i) {
      const std::string& w = c.lower[i];
      bool singular = w == "he" || w == "she";
      bool plural = w == "they";
      if (!singular && !plural) continue;
      if (!SubjectPosition(c, i)) continue;
      // The latest qualifying mention before the pronoun.
      int ante = -1;
      for (int m = static_cast<int>(block_end) - 1; m >= 0; --m) {
        const ActorMention& am = doc_->mentions[m];
        if (am.sentence == c.index && am.token_begin >= i) continue;
        if (c.index - am.sentence > 2) break;
        if (am.code.code.empty()) continue;
        if (singular && info_[m].person) {
          ante = m;
          break;
        }
        if (plural && !am.place && (info_[m].plural || am.compound >= 0)) {
          ante = m;
          break;
        }
      }
      if (ante < 0) continue;
      std::vector<int> targets = {ante};
      int compound = doc_->mentions[ante].compound;
      if (plural && compound >= 0) {
        targets.clear();
        for (std::uint32_t m = compound; m < block_end; ++m) {
          if (doc_->mentions[m].compound == compound && !doc_->mentions[m].place &&
              doc_->mentions[m].how != Resolution::kCoreference) {
            targets.push_back(static_cast<int>(m));
          }
        }
      }
      for (int t : targets) {
        Cand k;
        k.b = i;
        k.e = i + 1;
        k.code = doc_->mentions[t].code;
        k.how = Resolution::kCoreference;
        k.ante = t;
        k.person = singular;
        k.plural = plural;
        k.compound = targets.size() > 1 ? compound : -1;
        Append(c, k);
      }
    }
    (void)first;
  }

  // Sorts the mentions of the current sentence by token and remaps indices.
  void SortBlock(std::uint32_t first) {
    std::uint32_t end = static_cast<std::uint32_t>(doc_->mentions.size());
    std::vector<std::uint32_t> order(end - first);
    std::iota(order.begin(), order.end(), first);
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return doc_->mentions[a].token_begin < doc_->mentions[b].token_begin;
    });
    std::vector<int> remap(end - first);
    for (std::uint32_t k = 0; k < order.size(); ++k) remap[order[k] - first] = first + k;
    auto fix = [&](int idx) {
      return idx >= static_cast<int>(first) ? remap[idx - first] : idx;
    };
    std::vector<ActorMention> ms;
    std::vector<Info> is;
    for (std::uint32_t o : order) {
      ms.push_back(std::move(doc_->mentions[o]));
      is.push_back(info_[o]);
    }
    for (std::uint32_t k = 0; k < ms.size(); ++k) {
      ms[k].antecedent = fix(ms[k].antecedent);
      ms[k].compound = fix(ms[k].compound);
      doc_->mentions[first + k] = std::move(ms[k]);
      info_[first + k] = is[k];
    }
    for (auto& p : persons_) p.mention = fix(p.mention);
    for (auto& m : compound_members_) m = fix(m);
    last_compound_ = fix(last_compound_);
    last_org_ = fix(last_org_);
    last_person_ = fix(last_person_);
    last_plural_ = fix(last_plural_);
  }

  void FillCountries() {
    std::map<std::string, int> counts;
    for (std::size_t i = 0; i < doc_->mentions.size(); ++i) {
      const ActorMention& m = doc_->mentions[i];
      if (!m.code.country.empty() && m.how != Resolution::kCoreference &&
          info_[i].names_country) {
        counts[m.code.country]++;
      }
    }
    std::string best;
    int best_n = 0;
    for (const auto& [country, cnt] : counts) {
      if (cnt > best_n) {
        best = country;
        best_n = cnt;
      }
    }
    if (best.empty()) return;
    for (auto& m : doc_->mentions) {
      if (!m.code.country.empty() || m.code.code.empty() || m.code.sectors.empty()) continue;
      if (m.how != Resolution::kAgent && m.how != Resolution::kTitle &&
          m.how != Resolution::kApposition) {
        continue;
      }
      if (NonCountrySectors().count(m.code.sectors[0])) continue;
      m.code = dict_.SplitCode(best + m.code.code);
    }
    // Coreferent mentions copy their antecedent's (possibly filled) code.
    for (auto& m : doc_->mentions) {
      if (m.how == Resolution::kCoreference && m.antecedent >= 0) {
        m.code = doc_->mentions[m.antecedent].code;
      }
    }
  }

  const ActorDictionary& dict_;
  const geo::Gazetteer* gaz_;
  AnalyzedDocument* doc_;
  Date date_;
  std::vector<Date> reference_;  // Per sentence, when date_ is unknown.
  std::vector<Info> info_;
  std::vector<std::string> named_countries_;  // See Cand::names_country.
  std::vector<Person> persons_;
  std::vector<int> compound_members_;
  int last_compound_ = -1, last_org_ = -1, last_person_ = -1, last_plural_ = -1;
};

}  // namespace

Status Resolver::Resolve(AnalyzedDocument* doc) const {
  if (dict_ == nullptr) return InvalidArgumentError("resolver has no dictionary");
  DocResolver resolver(*dict_, gaz_, doc);
  resolver.Run();
  AssignPlover(doc, resolver.PloverHints());
  return Status::OK();
}

}  // namespace dyad::actors
