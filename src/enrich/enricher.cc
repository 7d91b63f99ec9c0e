// Event dates, places, contexts and identities; the rules are in enricher.h.
#include "enrich/enricher.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <tuple>

#include "code/codebook.h"
#include "enrich/attach.h"
#include "enrich/context.h"

namespace dyad::enrich {
namespace {

std::string_view Slice(const std::string& text, Span s) {
  if (s.end > text.size() || s.end < s.begin) return {};
  return std::string_view(text).substr(s.begin, s.size());
}

bool IsCapWord(std::string_view w) {
  if (w.empty()) return false;
  unsigned char c = static_cast<unsigned char>(w[0]);
  // ASCII capitals, or a non-ASCII letter start (Á, Ö, ...), taken as capital.
  return (c >= 'A' && c <= 'Z') || (c >= 0xC3 && c <= 0xC5);
}

std::string Lower(std::string_view w) {
  std::string s(w);
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

bool In(std::string_view w, std::initializer_list<const char*> set) {
  for (const char* s : set) {
    if (w == s) return true;
  }
  return false;
}

constexpr std::uint32_t kRestatementWindow = 2;

// Region adjectives: facts about names, written for dyad.
struct RegionAdjective {
  const char* adjective;
  const char* country;  // alpha-3
  const char* admin1;   // GeoNames admin1 code
};
constexpr RegionAdjective kRegionAdjectives[] = {
    {"Chechen", "RUS", "12"},  {"Dagestani", "RUS", "17"}, {"Ingush", "RUS", "19"},
    {"Crimean", "UKR", "11"},  {"Tibetan", "CHN", "14"},   {"Catalan", "ESP", "56"},
    {"Kashmiri", "IND", "12"}, {"Texan", "USA", "TX"},     {"Californian", "USA", "CA"},
    {"Scottish", "GBR", "SCT"}, {"Welsh", "GBR", "WLS"},   {"Xinjiang", "CHN", "13"},
};

Place ToPlace(const geo::PlaceEntry& e, const char* from) {
  Place p;
  p.name = std::string(e.name);
  p.country = std::string(e.country);
  p.geonames_id = e.geonames_id;
  p.lat = e.lat;
  p.lon = e.lon;
  p.from = from;
  return p;
}

// The place of a dateline at the start of a block: "(Moscow) –",
// "MOSCOW, Sept. 4 (Reuters) -", "Grozny —". Returns the name, or "".
std::string DatelineName(std::string_view block) {
  std::size_t i = 0;
  bool paren = !block.empty() && block[0] == '(';
  if (paren) i = 1;
  std::size_t start = i;
  while (i < block.size() && i - start < 40 && block[i] != ')' && block[i] != ',' &&
         block[i] != '\n' && !(block[i] == ' ' && i + 1 < block.size() &&
                               (block[i + 1] == '-' || block[i + 1] == '\xE2')))
    ++i;
  if (i == start || i >= block.size()) return "";
  std::string name(block.substr(start, i - start));
  std::string_view rest = block.substr(i);
  if (paren) {
    if (rest[0] != ')') return "";
    rest.remove_prefix(1);
  } else if (rest[0] == ',') {
    // "MOSCOW, Sept. 4 (Reuters) -": a date or agency must follow soon.
    std::string_view head = rest.substr(0, 40);
    if (head.find('(') == std::string_view::npos && head.find(" - ") == std::string_view::npos &&
        head.find("\xE2\x80\x93") == std::string_view::npos &&
        head.find("\xE2\x80\x94") == std::string_view::npos)
      return "";
    return IsCapWord(name) ? name : "";
  }
  while (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
  bool dash = rest.rfind("-", 0) == 0 || rest.rfind("\xE2\x80\x93", 0) == 0 ||
              rest.rfind("\xE2\x80\x94", 0) == 0;
  if (!dash || !IsCapWord(name)) return "";
  return name;
}

}  // namespace

std::vector<PlaceMention> Enricher::FindPlaces(const AnalyzedDocument& doc, const Sentence& s,
                                               const std::vector<std::string>& countries,
                                               const std::vector<Span>& timexes) const {
  std::vector<PlaceMention> out;
  if (!gaz_) return out;
  const std::string& text = doc.document.text;
  const auto& tok = s.tokens;
  const std::size_t n = tok.size();
  auto form = [&](std::size_t i) { return i < n ? Slice(text, tok[i].span) : std::string_view(); };
  geo::ResolveContext base;
  base.countries = countries;
  // Longest run of capitalised words at j (up to 4) that names a place.
  auto name_at = [&](std::size_t j, std::size_t* end, geo::PlaceEntry* entry,
                     const geo::ResolveContext& ctx) {
    std::size_t run = j;
    while (run < n && run - j < 4 && IsCapWord(form(run))) ++run;
    // "Gulf of Oman", "Bay of Bengal": a name going on with "of" + a
    // capitalised word is one name; known whole, or not a place of ours.
    if (run < n && form(run) == "of" && run + 1 < n && IsCapWord(form(run + 1))) {
      std::size_t e = run + 1;
      while (e < n && e - run < 4 && IsCapWord(form(e))) ++e;
      std::string_view whole = Slice(text, Span{tok[j].span.begin, tok[e - 1].span.end});
      if (auto p = gaz_->Resolve(whole, ctx)) {
        *end = e;
        *entry = *p;
        return true;
      }
      return false;
    }
    for (std::size_t e = run; e > j; --e) {
      Span sp{tok[j].span.begin, tok[e - 1].span.end};
      std::string_view name = Slice(text, sp);
      if (auto p = gaz_->Resolve(name, ctx)) {
        *end = e;
        *entry = *p;
        return true;
      }
    }
    return false;
  };
  // Words inside temporal expressions are never places ("in March").
  std::vector<bool> used(n, false);
  for (std::size_t k = 0; k < n; ++k) {
    for (const Span& t : timexes) {
      if (tok[k].span.begin < t.end && t.begin < tok[k].span.end) used[k] = true;
    }
  }
  for (std::size_t i = 0; i + 1 < n; ++i) {
    std::string low = Lower(form(i));
    if (!In(low, {"in", "at", "near", "outside", "inside", "across", "throughout", "around",
                  "within"}))
      continue;
    std::size_t j = i + 1;
    if (form(j) == "the") ++j;
    // "in northern Mali", "in the occupied West Bank".
    while (j < n && In(Lower(form(j)), {"northern", "southern", "eastern", "western", "central",
                                        "northeastern", "northwestern", "southeastern",
                                        "southwestern", "north-eastern", "north-western",
                                        "south-eastern", "south-western", "north", "south", "east",
                                        "west", "northeast", "northwest", "southeast",
                                        "southwest", "rural", "occupied",
                                        "downtown", "neighbouring", "neighboring", "war-torn"}))
      ++j;
    // "the southern Russian region of Chechnya", "the city of Aleppo".
    for (std::size_t k = j; k < n && k < j + 5; ++k) {
      if (form(k) == "of" && k > j &&
          In(Lower(form(k - 1)), {"city", "town", "village", "region", "province", "republic",
                                  "state", "district", "capital", "area", "territory", "enclave",
                                  "governorate", "county", "municipality", "outskirts",
                                  "suburbs", "centre", "center", "regions", "provinces",
                                  "parts", "areas", "cities", "towns", "villages", "part"})) {
        j = k + 1;
        break;
      }
      if (!std::all_of(form(k).begin(), form(k).end(),
                       [](char c) { return std::isalpha(static_cast<unsigned char>(c)); }))
        break;
    }
    std::size_t end = 0;
    geo::PlaceEntry entry;
    if (j >= n || used[j] || !IsCapWord(form(j))) continue;
    // The qualifier first: "Paris, Texas" needs "Texas" to choose Paris.
    std::size_t run = j;
    while (run < n && run - j < 4 && IsCapWord(form(run))) ++run;
    geo::ResolveContext ctx = base;
    std::size_t qual_end = 0;
    if (run < n && form(run) == ",") {
      std::size_t q = run + 1, qe = q;
      while (qe < n && qe - q < 3 && IsCapWord(form(qe))) ++qe;
      if (qe > q) {
        std::string qual(Slice(text, Span{tok[q].span.begin, tok[qe - 1].span.end}));
        auto qp = gaz_->Resolve(qual, base);
        if (qp && qp->kind != geo::PlaceKind::kCity) {
          ctx.qualifier = qual;
          qual_end = qe;
        }
      }
    }
    if (!name_at(j, &end, &entry, ctx)) continue;
    PlaceMention m;
    m.locative = true;
    m.entry = entry;
    std::size_t last = (qual_end && end == run) ? qual_end : end;
    m.span = {tok[j].span.begin, tok[last - 1].span.end};
    for (std::size_t k = j; k < last; ++k) used[k] = true;
    out.push_back(m);
    i = last - 1;
  }
  // Other sub-national places in the sentence: regions and large cities by
  // name (never the sentence's first word), and region adjectives.
  for (std::size_t j = 0; j < n; ++j) {
    if (used[j] || !IsCapWord(form(j))) continue;
    std::string_view w = form(j);
    bool adjective = false;
    for (const RegionAdjective& a : kRegionAdjectives) {
      if (w == a.adjective) {
        if (auto r = gaz_->Region(a.country, a.admin1)) {
          out.push_back({tok[j].span, false, *r});
          adjective = true;
        }
      }
    }
    if (adjective || j == 0 || IsCapWord(form(j - 1))) continue;
    std::size_t end = 0;
    geo::PlaceEntry entry;
    if (!name_at(j, &end, &entry, base)) continue;
    bool sub_national = entry.kind == geo::PlaceKind::kRegion ||
                        (entry.kind == geo::PlaceKind::kCity && entry.population >= 100000);
    // A name that goes on with more capitalised words is something else
    // ("Moscow Times").
    if (!sub_national || (end < n && IsCapWord(form(end)))) continue;
    out.push_back({{tok[j].span.begin, tok[end - 1].span.end}, false, entry});
    j = end - 1;
  }
  std::sort(out.begin(), out.end(), [](const PlaceMention& a, const PlaceMention& b) {
    return a.span.begin < b.span.begin;
  });
  return out;
}

DocumentFacts Enricher::Prepare(const AnalyzedDocument& doc) const {
  DocumentFacts f;
  const std::string& text = doc.document.text;
  // Dates of the dateline are the document's, not an event's.
  std::vector<DatelineTimex> dateline_dates = FindDatelineTimexes(doc.document);
  if (auto d = ParseIsoDate(doc.document.date)) {
    f.document_date = *d;
  } else {
    for (const DatelineTimex& dl : dateline_dates) {
      if (!dl.date.valid()) continue;
      f.document_date = dl.date;  // as FindDatelineDate, without a second scan
      break;
    }
  }
  // Document countries: the actors'.
  auto add_country = [&](const std::string& c) {
    if (c.size() == 3 && std::find(f.countries.begin(), f.countries.end(), c) == f.countries.end())
      f.countries.push_back(c);
  };
  for (const ActorMention& m : doc.mentions) add_country(m.code.country);
  for (const Event& e : doc.events) {
    add_country(e.source.code.country);
    add_country(e.target.code.country);
  }
  // Dateline place: a block near the top that starts with one.
  Span dateline_span;
  if (gaz_) {
    std::vector<Span> blocks = HeadLines(doc.document, 6);
    for (std::size_t b = 0; b < blocks.size(); ++b) {
      std::string name = DatelineName(Slice(text, blocks[b]));
      if (name.empty()) continue;
      geo::ResolveContext ctx;
      ctx.countries = f.countries;
      if (auto p = gaz_->Resolve(name, ctx)) {
        f.dateline_place = *p;
        f.dateline_name = name;
        dateline_span = {blocks[b].begin, blocks[b].begin + static_cast<std::uint32_t>(
                                                                name.size() + 2)};
        add_country(std::string(p->country));
        break;
      }
    }
  }
  // Timexes in reading order, each resolved against the document date and
  // the last date resolved before it.
  Anchors anchors{f.document_date, CivilDate{}};
  f.timexes.resize(doc.sentences.size());
  f.places.resize(doc.sentences.size());
  // Expressions are found per block, not per sentence, so that a sentence
  // split inside one ("on Jan. | 4.") cannot break it; each belongs to the
  // sentence where it starts.
  std::vector<Span> blocks;
  for (const Block& b : doc.document.blocks) blocks.push_back(b.span);
  if (blocks.empty()) blocks.push_back({0, static_cast<std::uint32_t>(text.size())});
  std::size_t si = 0;
  for (const Span& b : blocks) {
    for (const Timex& t : FindTimexes(Slice(text, b), b.begin)) {
      bool in_dateline = false;
      for (const DatelineTimex& d : dateline_dates) {
        in_dateline = in_dateline || (t.span.begin < d.span.end && d.span.begin < t.span.end);
      }
      if (in_dateline) continue;
      while (si < doc.sentences.size() && doc.sentences[si].span.end <= t.span.begin) ++si;
      if (si >= doc.sentences.size()) break;
      if (t.span.begin < doc.sentences[si].span.begin) continue;  // between sentences
      ResolvedTimex rt{t, Resolve(t, anchors)};
      if (rt.date) anchors.narrative = rt.date->date;
      f.timexes[si].push_back(rt);
    }
  }
  for (std::size_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& s = doc.sentences[si];
    std::vector<Span> tspans;
    for (const ResolvedTimex& rt : f.timexes[si]) tspans.push_back(rt.timex.span);
    for (PlaceMention& m : FindPlaces(doc, s, f.countries, tspans)) {
      bool in_dateline = m.span.begin < dateline_span.end && dateline_span.begin < m.span.end;
      if (!in_dateline) f.places[si].push_back(m);
    }
  }
  return f;
}

DateChoice Enricher::DateFor(const AnalyzedDocument& doc, const DocumentFacts& facts,
                             std::uint32_t sentence, Span trigger) const {
  DateChoice out;
  if (sentence < doc.sentences.size() && sentence < facts.timexes.size()) {
    std::vector<Span> spans;
    std::vector<const ResolvedTimex*> dated;
    for (const ResolvedTimex& rt : facts.timexes[sentence]) {
      if (!rt.date) continue;
      spans.push_back(rt.timex.span);
      dated.push_back(&rt);
    }
    int g = GoverningModifier(doc.sentences[sentence], doc.document.text, spans, trigger);
    if (g >= 0) {
      out.date = dated[g]->date->date;
      out.from = dated[g]->date->from_narrative ? "inferred" : "sentence";
      out.evidence = spans[g];
      return out;
    }
  }
  if (facts.document_date.valid()) {
    out.date = facts.document_date;
    out.from = "document";
  }
  return out;
}

std::optional<Place> Enricher::PlaceFor(const AnalyzedDocument& doc, const DocumentFacts& facts,
                                        std::uint32_t sentence, Span trigger,
                                        const Event* event) const {
  if (sentence < doc.sentences.size() && sentence < facts.places.size()) {
    const Sentence& s = doc.sentences[sentence];
    for (bool locative : {true, false}) {
      std::vector<Span> spans;
      std::vector<const PlaceMention*> ms;
      for (const PlaceMention& m : facts.places[sentence]) {
        if (m.locative != locative) continue;
        if (!locative && m.entry.kind == geo::PlaceKind::kCountry) continue;
        spans.push_back(m.span);
        ms.push_back(&m);
      }
      // Clause mentions are not syntactic modifiers of the verb: use the
      // token window for them.
      int g = GoverningModifier(s, doc.document.text, spans, trigger, /*use_parse=*/locative);
      if (g >= 0) return ToPlace(ms[g]->entry, locative ? "locative" : "clause");
    }
  }
  if (facts.dateline_place) return ToPlace(*facts.dateline_place, "dateline");
  if (event) {
    for (const EventActor* a : {&event->source, &event->target}) {
      const std::string& c = a->code.country;
      if (!a->present || c.size() != 3) continue;
      if (gaz_) {
        if (auto p = gaz_->Country(c)) return ToPlace(*p, "actor_country");
      }
      Place p;
      p.name = c;
      p.country = c;
      p.from = "actor_country";
      return p;
    }
  }
  return std::nullopt;
}

void Enricher::EnrichAll(AnalyzedDocument* doc) const {
  if (doc->events.empty()) return;
  DocumentFacts facts = Prepare(*doc);
  for (Event& e : doc->events) {
    DateChoice d = DateFor(*doc, facts, e.sentence, e.trigger);
    e.date = d.date.ToIso();
    e.date_from = d.from;
    e.date_precision = PrecisionName(d.date.precision);
    e.place = PlaceFor(*doc, facts, e.sentence, e.trigger, &e);
    if (const code::CameoInfo* info = code::LookupCameo(e.cameo)) {
      if (e.plover.event.empty()) e.plover.event = std::string(info->plover_event);
      if (e.plover.mode.empty()) e.plover.mode = std::string(info->plover_mode);
      std::string_view ctx = info->plover_context;
      for (std::size_t p = 0; p < ctx.size();) {
        std::size_t q = ctx.find(';', p);
        if (q == std::string_view::npos) q = ctx.size();
        std::string c(ctx.substr(p, q - p));
        if (!c.empty() && std::find(e.plover.context.begin(), e.plover.context.end(), c) ==
                              e.plover.context.end())
          e.plover.context.push_back(c);
        p = q + 1;
      }
    }
    if (e.sentence < doc->sentences.size() && e.plover.mode.empty() && !e.plover.event.empty()) {
      e.plover.mode =
          FindMode(e.plover.event, Slice(doc->document.text, doc->sentences[e.sentence].span));
    }
    if (e.sentence < doc->sentences.size()) {
      for (std::string& c :
           FindContexts(Slice(doc->document.text, doc->sentences[e.sentence].span))) {
        if (std::find(e.plover.context.begin(), e.plover.context.end(), c) ==
            e.plover.context.end())
          e.plover.context.push_back(std::move(c));
      }
    }
  }
  AssignEventKeys(doc);
}

void AssignEventKeys(AnalyzedDocument* doc) {
  // An actor: its code and who it is (the person id, else the head word of
  // its text, so that "Human Rights Watch" and "Front Line Defenders", both
  // NGOHRI, stay apart while "Ramzan Kadyrov" and "Kadyrov" meet). An
  // anaphor ("them", "the groups") is who it refers to.
  auto actor_key = [](const EventActor& a) {
    if (!a.present) return std::string("-");
    if (!a.code.person.empty()) return a.code.code + "/" + a.code.person;
    std::string t = Lower(a.refers_to.empty() ? a.text : a.refers_to);
    while (!t.empty() && !std::isalnum(static_cast<unsigned char>(t.back()))) t.pop_back();
    std::size_t sp = t.find_last_of(" \t\n");
    std::string head = sp == std::string::npos ? t : t.substr(sp + 1);
    return a.code.code + "/" + head;
  };
  // What the act is: its PLOVER type (a threat stated as 130 once and 1321
  // the next time is one threat), or the CAMEO code when PLOVER drops it
  // (statements and appeals).
  using Key = std::tuple<std::string, std::string, std::string, int, bool, std::string>;
  struct Group {
    std::string key;
    std::uint32_t last_sentence;
  };
  std::map<Key, Group> groups;
  for (Event& e : doc->events) {
    std::string what = e.plover.event.empty() ? e.cameo : e.plover.event;
    Key k{actor_key(e.source), actor_key(e.target), what, static_cast<int>(e.modality),
          e.negated, e.date};
    std::string id = doc->document.id + ":" + std::to_string(e.sentence) + ":" +
                     std::to_string(e.index);
    auto it = groups.find(k);
    // A restatement follows closely: at most kRestatementWindow sentences
    // after the group's last mention; farther on, it is a new act.
    if (it == groups.end() || e.sentence > it->second.last_sentence + kRestatementWindow) {
      groups[k] = Group{id, e.sentence};
      e.event_key = id;
    } else {
      it->second.last_sentence = std::max(it->second.last_sentence, e.sentence);
      e.event_key = it->second.key;
    }
  }
}

}  // namespace dyad::enrich
