// Compilation of DictionaryData into a PhraseMatcher, and the PETRARCH-like
// combination of adjacent matches into coded actor phrases.
//
// Combination. Adjacent matches (or ones joined by a possessive "'s") form a
// phrase. The last match is its head, as in English noun phrases.
// - A named actor as the head gives the actor's code on the date
//   ("Russian President Vladimir Putin" -> putin's code).
// - An agent as the head gives sectors. The country comes from the nearest
//   place or actor before it ("Russian police", "Chechnya's leader",
//   "Afghan police" with Phoenix's AFGHAN_ [AFG]). "~X" agents append
//   their sector and "X~" agents prepend it.
// - A place as the head codes its country. A demonym codes country + CVL.
//   A lone adjective codes nothing.
// Two names in a row (two actors or places, not adjectives) start separate
// phrases.
#include "actors/actor_dictionary.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <limits>

#include "actors/dyad_format.h"
#include "actors/legacy_import.h"
#include "actors/words.h"
#include "util/status_macros.h"

namespace dyad::actors {
namespace {

int KindRank(EntryKind k) {
  switch (k) {
    case EntryKind::kActor: return 0;
    case EntryKind::kCountry: return 1;
    case EntryKind::kRegion:
    case EntryKind::kCity: return 2;
    case EntryKind::kAgent: return 3;
  }
  return 4;
}

// CAMEO codes that begin a code but are not countries.
const std::set<std::string, std::less<>>& NonCountryCodes() {
  static const std::set<std::string, std::less<>> kCodes = {
      "AGR", "BUS", "CHR", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH",
      "HRI", "IGO", "IMG", "INS", "JUD", "LAB", "LEG", "MED", "MIL", "MNC", "MOD", "MOS",
      "NGM", "NGO", "OPP", "PTY", "RAD", "REB", "REF", "SEP", "SPY", "UAF", "UIS", "JEW",
      "HIN", "BUD", "ATH", "CON", "SPM", "REL", "PRM", "UNK", "SET", "CTH", "PRO", "ORT",
      "SHI", "ALE", "DRZ", "SIK"};
  return kCodes;
}

bool IsPlace(EntryKind k) {
  return k == EntryKind::kCountry || k == EntryKind::kRegion || k == EntryKind::kCity;
}

std::vector<std::string_view> TokenForms(std::span<const Token> tokens) {
  std::vector<std::string_view> out;
  out.reserve(tokens.size());
  for (const Token& t : tokens) out.push_back(t.form);
  return out;
}

double MsSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// CPU time of the calling thread, in ms (wall time is noisy on a busy machine).
double ThreadCpuMs() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

}  // namespace

StatusOr<DictFormat> ParseDictFormat(std::string_view name) {
  if (name == "dyad") return DictFormat::kDyad;
  if (name == "petrarch-actors") return DictFormat::kPetrarchActors;
  if (name == "petrarch-agents") return DictFormat::kPetrarchAgents;
  if (name == "tabari-actors") return DictFormat::kTabariActors;
  if (name == "tabari-agents") return DictFormat::kTabariAgents;
  return InvalidArgumentError("unknown dictionary format '" + std::string(name) +
                              "' (want dyad, petrarch-actors, petrarch-agents, tabari-actors "
                              "or tabari-agents)");
}

DictFormat GuessDictFormat(const std::string& path) {
  std::string base = std::filesystem::path(path).filename().string();
  std::string lower = base;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto ends = [&](std::string_view s) {
    return lower.size() >= s.size() && lower.compare(lower.size() - s.size(), s.size(), s) == 0;
  };
  if (ends(".dyad")) return DictFormat::kDyad;
  bool agents = lower.find("agent") != std::string::npos;
  bool tabari = lower.rfind("tabari", 0) == 0 || lower.rfind("validate.", 0) == 0 ||
                ends(".actors") || ends(".agents");
  if (tabari) return agents ? DictFormat::kTabariAgents : DictFormat::kTabariActors;
  return agents ? DictFormat::kPetrarchAgents : DictFormat::kPetrarchActors;
}

Status LoadDictFile(const DictFile& file, DictionaryData* data) {
  switch (file.format) {
    case DictFormat::kDyad: {
      std::error_code ec;
      if (std::filesystem::is_directory(file.path, ec)) return LoadDyadDirectory(file.path, data);
      return ParseDyadFile(file.path, data);
    }
    case DictFormat::kPetrarchActors:
      return ImportLegacyActors(file.path, LegacyDialect::kPetrarch, data);
    case DictFormat::kPetrarchAgents:
      return ImportLegacyAgents(file.path, LegacyDialect::kPetrarch, data);
    case DictFormat::kTabariActors:
      return ImportLegacyActors(file.path, LegacyDialect::kTabari, data);
    case DictFormat::kTabariAgents:
      return ImportLegacyAgents(file.path, LegacyDialect::kTabari, data);
  }
  return InvalidArgumentError("bad dictionary format");
}

StatusOr<std::unique_ptr<ActorDictionary>> ActorDictionary::Build(DictionaryData data) {
  auto t0 = std::chrono::steady_clock::now();
  double c0 = ThreadCpuMs();
  std::unique_ptr<ActorDictionary> dict(new ActorDictionary());
  dict->data_ = std::move(data);
  const auto& entries = dict->data_.entries;
  const auto& forms = dict->data_.forms;
  for (const Entry& e : entries) {
    if (e.kind == EntryKind::kCountry) dict->countries_.insert(e.id);
    if (e.kind == EntryKind::kActor && !e.codes.empty() && e.codes[0].code.size() == 3 &&
        IsCameoCode(e.codes[0].code) && !NonCountryCodes().count(e.codes[0].code)) {
      dict->countries_.insert(e.codes[0].code);
    }
  }
  std::vector<std::uint32_t> order(forms.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return KindRank(entries[forms[a].entry].kind) < KindRank(entries[forms[b].entry].kind);
  });
  std::vector<PhraseMatcher::Phrase> phrases;
  phrases.reserve(forms.size());
  for (std::uint32_t i : order) {
    PhraseMatcher::Phrase p;
    p.words = FormWords(forms[i].surface);
    if (p.words.empty()) continue;
    p.stem_last = forms[i].stem_last;
    p.payload = i;
    phrases.push_back(std::move(p));
  }
  ASSIGN_OR_RETURN(dict->matcher_, PhraseMatcher::Build(phrases));
  dict->build_ms_ = MsSince(t0);
  dict->build_cpu_ms_ = ThreadCpuMs() - c0;
  return dict;
}

StatusOr<std::unique_ptr<ActorDictionary>> ActorDictionary::LoadFiles(
    const std::vector<DictFile>& files) {
  auto t0 = std::chrono::steady_clock::now();
  double c0 = ThreadCpuMs();
  DictionaryData data;
  for (const DictFile& f : files) {
    Status s = LoadDictFile(f, &data);
    if (!s.ok()) return s.message().find(f.path) == std::string_view::npos ? s.WithContext(f.path) : s;
  }
  double parse_ms = MsSince(t0);
  double parse_cpu_ms = ThreadCpuMs() - c0;
  ASSIGN_OR_RETURN(auto dict, Build(std::move(data)));
  dict->parse_ms_ = parse_ms;
  dict->parse_cpu_ms_ = parse_cpu_ms;
  return dict;
}

StatusOr<std::unique_ptr<ActorDictionary>> ActorDictionary::LoadShipped(
    const std::string& data_dir) {
  return LoadFiles({{data_dir + "/dict", DictFormat::kDyad}});
}

std::vector<DictMatch> ActorDictionary::Match(const WordText& text) const {
  std::vector<DictMatch> out;
  std::uint32_t t = 0;
  while (t < text.num_tokens()) {
    std::vector<DictMatch> at = MatchesAt(text, t);
    if (at.empty()) {
      if (auto part = HyphenPlace(text, t)) out.push_back(std::move(*part));
      ++t;
      continue;
    }
    // Longest; among equal ends MatchesAt lists the exact match first.
    size_t best = 0;
    for (size_t k = 1; k < at.size(); ++k) {
      if (at[k].end > at[best].end) best = k;
    }
    t = at[best].end;
    out.push_back(std::move(at[best]));
  }
  return out;
}

std::optional<DictMatch> ActorDictionary::HyphenPlace(const WordText& text, std::uint32_t t) const {
  std::uint32_t wb = text.first_word[t], we = text.first_word[t + 1];
  if (we - wb < 2) return std::nullopt;
  // The token's words as tokens of their own: "Greek-Cypriot" -> Greek, Cypriot.
  WordText sub;
  for (std::uint32_t w = wb; w < we; ++w) {
    sub.first_word.push_back(static_cast<std::uint32_t>(sub.words.size()));
    sub.words.push_back(text.words[w]);
    sub.possessive.push_back(false);
    sub.clitic.push_back(false);
    sub.all_caps.push_back(text.all_caps[t]);
  }
  sub.first_word.push_back(static_cast<std::uint32_t>(sub.words.size()));
  std::vector<DictMatch> at = MatchesAt(sub, 0);
  for (auto it = at.rbegin(); it != at.rend(); ++it) {
    if (it->end >= sub.num_tokens()) continue;  // The whole token would have matched.
    std::vector<std::uint32_t> places;
    for (std::uint32_t f : it->forms) {
      if (IsPlace(data_.entries[data_.forms[f].entry].kind)) places.push_back(f);
    }
    if (places.empty()) continue;
    // The part stands for the whole token, as a modifier ("Vietnamese-led").
    std::sort(places.begin(), places.end(), [&](std::uint32_t a, std::uint32_t b) {
      return (data_.forms[a].kind == FormKind::kAdjective) > (data_.forms[b].kind == FormKind::kAdjective);
    });
    return DictMatch{t, t + 1, std::move(places)};
  }
  return std::nullopt;
}

std::vector<DictMatch> ActorDictionary::Match(std::span<const Token> tokens) const {
  auto forms = TokenForms(tokens);
  return Match(std::span<const std::string_view>(forms));
}

std::vector<DictMatch> ActorDictionary::Match(std::span<const std::string_view> tokens) const {
  return Match(WordText::FromTokens(tokens));
}

std::vector<DictMatch> ActorDictionary::MatchesAt(const WordText& text, std::uint32_t begin) const {
  std::vector<PhraseMatcher::Match> raw;
  matcher_.MatchesAt(text, begin, &raw);
  std::vector<DictMatch> out;
  for (const auto& m : raw) {
    bool caps = true;
    for (std::uint32_t t = m.begin; t < m.end; ++t) {
      if (!text.clitic[t] && !text.all_caps[t]) caps = false;
    }
    DictMatch dm{m.begin, m.end, {}};
    for (std::uint32_t f : matcher_.payloads(m.node)) {
      if (caps || !data_.forms[f].acronym) dm.forms.push_back(f);
    }
    if (!dm.forms.empty()) out.push_back(std::move(dm));
  }
  return out;
}

namespace {

// Days-ish distance from `d` to the span of `c` (0 inside it). Dates are
// YYYYMMDD numbers, and the end of a partial range is stored as month or
// day 99; the distance only ranks spans, so month lengths do not matter.
long GapTo(const CodeSpan& c, Date d) {
  auto days = [](Date x) {
    return (x / 10000) * 372L + std::min((x / 100) % 100, 12) * 31L + std::min(x % 100, 31);
  };
  if (d < c.from) return days(c.from) - days(d);
  if (d > c.to) return days(d) - days(c.to);
  return 0;
}

}  // namespace

std::vector<const CodeSpan*> ActorDictionary::CodesAt(std::uint32_t entry, Date date,
                                                      Date reference) const {
  std::vector<const CodeSpan*> out;
  if (entry >= data_.entries.size()) return out;
  for (const CodeSpan& c : data_.entries[entry].codes) {
    if (c.Holds(date)) out.push_back(&c);
  }
  if (date != kUnknownDate) return out;
  auto eli = [](const CodeSpan* c) {
    return c->code.size() >= 3 && c->code.compare(c->code.size() - 3, 3, "ELI") == 0;
  };
  if (reference != kUnknownDate) {
    // No event date, but the text says when it is: the codes nearest that
    // date first (those that hold on it, office codes before ELI ones, then
    // the others).
    std::stable_sort(out.begin(), out.end(), [&](const CodeSpan* a, const CodeSpan* b) {
      long ga = GapTo(*a, reference), gb = GapTo(*b, reference);
      if (ga != gb) return ga < gb;
      return eli(a) < eli(b);
    });
  } else {
    // No date at all: office codes before ELI (former official) ones, since
    // people are mostly in the news while in office; among them open-ended
    // codes first, then the most recent.
    std::stable_sort(out.begin(), out.end(), [&](const CodeSpan* a, const CodeSpan* b) {
      if (eli(a) != eli(b)) return eli(b);
      return a->to > b->to;
    });
  }
  return out;
}

ActorCode ActorDictionary::SplitCode(std::string_view code) const {
  ActorCode out;
  out.code = std::string(code);
  if (IsNullCode(code)) {
    out.code.clear();
    return out;
  }
  size_t i = 0;
  if (code.size() >= 3) {
    std::string_view first = code.substr(0, 3);
    if (countries_.count(first) || !NonCountryCodes().count(first)) {
      out.country = std::string(first);
      i = 3;
    }
  }
  for (; i + 3 <= code.size(); i += 3) out.sectors.emplace_back(code.substr(i, 3));
  if (i < code.size()) out.sectors.emplace_back(code.substr(i));
  return out;
}

std::string ActorDictionary::CountryOf(std::uint32_t entry) const {
  if (entry >= data_.entries.size()) return "";
  const Entry& e = data_.entries[entry];
  if (IsPlace(e.kind)) return e.country;
  return "";
}

std::vector<CodedActor> ActorDictionary::CodeTokens(std::span<const Token> tokens, Date date) const {
  auto forms = TokenForms(tokens);
  return CodeTokens(std::span<const std::string_view>(forms), date);
}

std::vector<CodedActor> ActorDictionary::CodeTokens(std::span<const std::string_view> tokens,
                                                    Date date) const {
  return CodeText(WordText::FromTokens(tokens), date);
}

namespace {

// Words that may not sit between a modifier and an agent head ("Romania's
// new government" joins; "Russia said police" does not).
const std::set<std::string, std::less<>>& GapStopWords() {
  static const std::set<std::string, std::less<>> kWords = {
      "said", "says", "say", "saying", "told", "and", "or", "but", "to", "of", "in", "on",
      "at", "for", "with", "by", "from", "has", "have", "had", "was", "were", "is", "are",
      "be", "been", "will", "would", "could", "should", "may", "might", "must", "can", "that",
      "which", "who", "whom", "the", "a", "an", "this", "these", "those", "it", "its", "not",
      "no", "as", "than", "then", "after", "before", "when", "while", "if", "because", "he",
      "she", "they", "we", "i", "you", "his", "her", "their", "our", "did", "do", "does"};
  return kWords;
}

// Before a title, these make the title a past one ("former President X").
const std::set<std::string, std::less<>>& FormerWords() {
  static const std::set<std::string, std::less<>> kWords = {"former", "ex", "late", "onetime",
                                                            "erstwhile"};
  return kWords;
}

// Whether the words before token `t` count people: "100", "three",
// "thousands of", "some 800,000", "more than 100".
bool Counted(const WordText& text, std::uint32_t t) {
  static const std::set<std::string, std::less<>> kNumbers = {
      "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
      "fifteen", "twenty", "thirty", "forty", "fifty", "hundred", "hundreds", "thousand",
      "thousands", "million", "millions", "dozen", "dozens", "scores", "tens", "several", "many",
      "some", "few", "numerous", "countless"};
  auto word = [&](std::uint32_t k) -> std::string_view {
    if (text.first_word[k] == text.first_word[k + 1]) return "";
    return text.words[text.first_word[k + 1] - 1];
  };
  if (t == 0) return false;
  std::string_view w = word(t - 1);
  if (w == "of" && t >= 2) w = word(t - 2);
  if (kNumbers.count(w)) return true;
  return !w.empty() && std::isdigit(static_cast<unsigned char>(w[0]));
}

}  // namespace

std::optional<std::string> ActorDictionary::NearestCountry(std::uint32_t entry, Date date) const {
  const auto& codes = data_.entries[entry].codes;
  const CodeSpan* best = nullptr;
  long best_gap = 0;
  for (const auto& c : codes) {
    if (IsNullCode(c.code)) continue;
    long gap = date == kUnknownDate ? 0 : GapTo(c, date);
    if (!best || gap < best_gap) {
      best = &c;
      best_gap = gap;
    }
  }
  if (!best) return std::nullopt;
  ActorCode code = SplitCode(best->code);
  if (code.country.empty()) return std::nullopt;
  return code.country;
}

std::vector<CodedActor> ActorDictionary::CodeText(const WordText& text, Date date,
                                                  Date reference) const {
  std::vector<DictMatch> matches = Match(text);
  // Namesakes ("Andris Berzins", PM 2000-2002 and president 2011-2015): the
  // one whose roles hold on the date (or lie nearest the text's date) first.
  if (date != kUnknownDate || reference != kUnknownDate) {
    for (DictMatch& m : matches) {
      if (m.forms.size() < 2) continue;
      auto is_actor = [&](std::uint32_t f) {
        return data_.entries[data_.forms[f].entry].kind == EntryKind::kActor;
      };
      if (!is_actor(m.forms[0])) continue;
      // (distance, former-only): an office that holds beats an ELI one.
      auto score = [&](std::uint32_t f) {
        const Entry& e = data_.entries[data_.forms[f].entry];
        std::pair<long, bool> best{std::numeric_limits<long>::max(), true};
        for (const CodeSpan& c : e.codes) {
          if (IsNullCode(c.code)) continue;
          bool eli = c.code.size() >= 3 && c.code.compare(c.code.size() - 3, 3, "ELI") == 0;
          best = std::min(best, {GapTo(c, date != kUnknownDate ? date : reference), eli});
        }
        return best;
      };
      size_t n_actors = 0;
      while (n_actors < m.forms.size() && is_actor(m.forms[n_actors])) ++n_actors;
      std::stable_sort(m.forms.begin(), m.forms.begin() + static_cast<long>(n_actors),
                       [&](std::uint32_t a, std::uint32_t b) { return score(a) < score(b); });
    }
  }
  std::vector<CodedActor> out;
  auto top = [&](const DictMatch& m) -> const Form& { return data_.forms[m.forms[0]]; };
  auto kind = [&](const DictMatch& m) { return data_.entries[top(m).entry].kind; };
  auto is_name = [&](const DictMatch& m) {
    const Form& f = top(m);
    EntryKind k = data_.entries[f.entry].kind;
    return (k == EntryKind::kActor || IsPlace(k)) && f.kind != FormKind::kAdjective;
  };
  // Whether the tokens [b, e) may sit between a modifier and an agent head.
  // Hyphens do not count ("Vietnamese-led forces" as Vietnamese - led forces).
  auto gap_ok = [&](std::uint32_t b, std::uint32_t e) {
    int words = 0;
    for (std::uint32_t t = b; t < e; ++t) {
      std::uint32_t wb = text.first_word[t], we = text.first_word[t + 1];
      if (we == wb) continue;  // A hyphen or clitic: no words.
      if (we - wb != 1) return false;
      const std::string& w = text.words[wb];
      if (w == "-") continue;
      if (++words > 2) return false;
      if (GapStopWords().count(w)) return false;
      for (unsigned char ch : w) {
        if (!std::isalpha(ch) && ch < 0x80) return false;
      }
    }
    return true;
  };
  size_t i = 0;
  while (i < matches.size()) {
    size_t j = i + 1;
    while (j < matches.size()) {
      const DictMatch& prev = matches[j - 1];
      const DictMatch& next = matches[j];
      bool poss = text.possessive[prev.end - 1] || (prev.end < text.num_tokens() && text.clitic[prev.end]);
      std::uint32_t gap_begin = prev.end + (prev.end < text.num_tokens() && text.clitic[prev.end] ? 1 : 0);
      bool adjacent = next.begin == prev.end || (next.begin == gap_begin && gap_begin > prev.end);
      // "Ostmark's militia ally": the possessor's partner, not its own
      // agent, so the possessive gives no country.
      if (poss && kind(next) == EntryKind::kAgent &&
          next.end < text.num_tokens()) {
        std::uint32_t wb = text.first_word[next.end],
                      we = text.first_word[next.end + 1];
        if (we - wb == 1 && IsAllyNoun(text.words[wb])) break;
      }
      if (!adjacent) {
        // "Romania's new government", "Russian security forces".
        bool modifier = poss || top(prev).kind == FormKind::kAdjective;
        adjacent = modifier && kind(next) == EntryKind::kAgent && next.begin > gap_begin &&
                   gap_ok(gap_begin, next.begin);
      }
      if (!adjacent) break;
      if (is_name(prev) && is_name(next) && !poss) break;
      ++j;
    }
    // Phrase = matches[i, j).
    CodedActor a;
    a.begin = matches[i].begin;
    a.end = matches[j - 1].end;
    const Form& head_form = top(matches[j - 1]);
    const Entry& head = data_.entries[head_form.entry];
    a.entry = static_cast<int>(head_form.entry);
    a.plural = head_form.kind == FormKind::kPlural || head_form.kind == FormKind::kDemonym;
    std::string base;            // Country or full actor code giving the phrase its country.
    std::string first_place;     // Country of the first place modifier.
    std::vector<std::pair<std::string, bool>> sectors;  // sector, prefix
    for (size_t k = i; k < j; ++k) {
      const Form& f = top(matches[k]);
      const Entry& e = data_.entries[f.entry];
      if (e.kind == EntryKind::kActor) {
        a.actor_entry = static_cast<int>(f.entry);
        auto codes = CodesAt(f.entry, date, reference);
        if (!codes.empty() && !IsNullCode(codes[0]->code)) base = codes[0]->code;
      } else if (IsPlace(e.kind)) {
        if (a.place_entry < 0) a.place_entry = static_cast<int>(f.entry);
        if (first_place.empty()) first_place = e.country;
        if (base.empty() || k + 1 < j) base = e.country;
      } else if (e.kind == EntryKind::kAgent) {
        a.has_agent = true;
        if (!e.id.empty()) {
          sectors.emplace_back(e.id, e.agent_prefix);
          a.agent_sectors.push_back(e.id);
        }
      }
    }
    // A civilian qualifier yields to the noun it qualifies: "civilian
    // refugees" are refugees, "civilian police" police.
    for (size_t k = 0; sectors.size() > 1 && k + 1 < sectors.size();) {
      if (sectors[k].first == "CVL") {
        sectors.erase(sectors.begin() + static_cast<long>(k));
      } else {
        ++k;
      }
    }
    auto word_before = [&](std::uint32_t t) -> std::string_view {
      if (t == 0 || text.first_word[t - 1] == text.first_word[t]) return "";
      return text.words[text.first_word[t] - 1];
    };
    // "an official Syrian newspaper", "state-run Ostmarkian television": the
    // state's own media (the agents file lists the forms without a country).
    {
      // The three words before the phrase, nearest first ("state - run").
      std::uint32_t fw = text.first_word[a.begin];
      auto back = [&](std::uint32_t k) -> std::string_view {
        return fw >= k ? std::string_view(text.words[fw - k]) : std::string_view();
      };
      std::string_view w = back(1);
      // A hyphen token has no words (WordText), so "state - run" reads as
      // "state run", like the single token "state-run".
      std::string_view w0 = back(2) == "-" ? back(3) : back(2);
      bool state = w == "official" || ((w == "run" || w == "owned" || w == "controlled") &&
                                       (w0 == "state" || w0 == "government"));
      bool media = false, gov = false;
      for (const auto& sp : sectors) {
        media |= sp.first == "MED";
        gov |= sp.first == "GOV";
      }
      if (media && (state || gov)) {  // Also "official (Syrian) newspaper" read as GOV + MED.
        if (!gov) sectors.insert(sectors.begin(), {"GOV", false});
        a.agent_sectors = {"GOVMED"};  // One sector pair; see resolver's ChooseSector.
      } else if (sectors.size() < a.agent_sectors.size()) {
        a.agent_sectors.clear();
        for (const auto& sp : sectors) a.agent_sectors.push_back(sp.first);
      }
    }
    // "ethnic Albanian guerrillas": an ethnic group's adjective does not say
    // which state they belong to; the context does.
    if (word_before(a.begin) == "ethnic" && top(matches[i]).kind == FormKind::kAdjective &&
        head.kind == EntryKind::kAgent && j - i == 2) {
      base.clear();
      a.begin -= 1;
    }
    // "Zoran Djindjic's opposition coalition", "Kagame's army": a person's
    // possessive gives the country, not the person's own sector.
    if (head.kind == EntryKind::kAgent && a.actor_entry >= 0 && !base.empty() &&
        data_.entries[a.actor_entry].actor_kind == ActorKind::kPerson) {
      ActorCode pc = SplitCode(base);
      if (!pc.country.empty()) base = pc.country;
    }
    auto append_sectors = [&](std::string code) {
      for (const auto& [s, prefix] : sectors) {
        bool present = false;
        for (size_t p = 0; p + s.size() <= code.size(); p += 3) {
          if (code.compare(p, s.size(), s) == 0) present = true;
        }
        if (!present) code = prefix ? s + code : code + s;
      }
      return code;
    };
    if (head.kind == EntryKind::kActor) {
      auto codes = CodesAt(head_form.entry, date, reference);
      bool former = a.begin > 0 && text.first_word[a.begin - 1] + 1 == text.first_word[a.begin] &&
                    FormerWords().count(text.words[text.first_word[a.begin - 1]]);
      if (date == kUnknownDate && !sectors.empty() && codes.size() > 1) {
        // Undated "Foreign Minister X": the code that agrees with the title.
        auto agrees = [&](const CodeSpan* c) {
          ActorCode ac = SplitCode(c->code);
          for (const auto& sp : sectors) {
            if (std::find(ac.sectors.begin(), ac.sectors.end(), sp.first) != ac.sectors.end()) {
              return true;
            }
          }
          return false;
        };
        std::stable_partition(codes.begin(), codes.end(), agrees);
      }
      bool elite = !codes.empty() && SplitCode(codes[0]->code).sectors == std::vector<std::string>{"ELI"};
      // Undated "former President X": the title says they no longer hold
      // the office. (With a date, the dictionary knows better: a former
      // president may be prime minister now.)
      bool ex_title = false;
      if (date == kUnknownDate) {
        ex_title = former && !sectors.empty();
        for (const auto& sp : sectors) ex_title |= sp.first == "ELI";
      }
      if (!codes.empty() && !IsNullCode(codes[0]->code) && !(elite && !sectors.empty() && !former) &&
          !(ex_title && !elite)) {
        a.code = SplitCode(codes[0]->code);
      } else if (!sectors.empty()) {
        // A known person outside their dated roles: the title gives the
        // sector (ELI for a former one, as CAMEO codes ex-leaders); the
        // country is the title's, else the person's own.
        std::string country = first_place;
        if (country.empty()) {
          country = NearestCountry(head_form.entry, date != kUnknownDate ? date : reference)
                        .value_or("");
        }
        a.code = SplitCode(former || ex_title ? country + "ELI" : append_sectors(country));
        a.how = Resolution::kTitle;
      }
    } else if (head.kind == EntryKind::kAgent) {
      a.code = SplitCode(append_sectors(base));
      a.how = Resolution::kAgent;
    } else {  // Place head: its country, or that of a place modifier ("Bosnian Serbs").
      std::string country = first_place.empty() ? head.country : first_place;
      std::string code = country;
      bool locative = a.begin > 0 && text.first_word[a.begin - 1] + 1 == text.first_word[a.begin] &&
                      IsLocativeWord(text.words[text.first_word[a.begin - 1]]);
      // Datelines are places too: "(Moscow) -", "MOSCOW -".
      auto word_at = [&](std::uint32_t t) -> std::string_view {
        if (t >= text.num_tokens() || text.first_word[t] == text.first_word[t + 1]) return "";
        return text.words[text.first_word[t]];
      };
      std::string_view before = a.begin > 0 ? word_at(a.begin - 1) : "";
      std::string_view after = word_at(a.end);
      bool dateline = before == "(" || after == ")" || after == "-" ||
                      after == "\xE2\x80\x94" || after == "\xE2\x80\x93";
      bool metonym = head_form.kind == FormKind::kCapital && j - i == 1 && !locative && !dateline;
      if (metonym) code += "GOV";  // "Moscow said": the capital stands for the government.
      // A people's plural names the nation ("The Palestinians rejected the
      // plan") unless it counts individuals ("100 Palestinians", "thousands
      // of Nigerians"), names residents ("Palestinians in Gaza"), an ethnic
      // group ("ethnic Albanians") or a group within a country ("Iraqi
      // Kurds"): those are civilians. An ethnic
      // group's name does not say which state they live in, so "ethnic X"
      // leaves the country to the context.
      bool people = false;
      if (head_form.kind == FormKind::kDemonym) {
        std::uint32_t b = a.begin;
        bool ethnic = b > 0 && word_at(b - 1) == "ethnic";
        if (ethnic) --b;
        // "Palestinians in Gaza", "Kurds of northern Iraq": residents.
        bool resident = false;
        if ((after == "in" || after == "of") && j < matches.size()) {
          std::uint32_t t = a.end + 1;
          if (word_at(t) == "the") ++t;
          resident = matches[j].begin == t && IsPlace(kind(matches[j]));
        }
        people = ethnic || j - i > 1 || resident || Counted(text, b);
        if (ethnic) {
          code.clear();
          a.begin = b;
          a.how = Resolution::kAgent;  // The country comes from the context.
        }
      }
      if (people) code += "CVL";
      a.code = SplitCode(code);
      a.place_only = !metonym && !people;
      a.city = a.place_only && j - i == 1 &&
               (head_form.kind == FormKind::kCapital || head.kind == EntryKind::kCity);
      a.adjective = head_form.kind == FormKind::kAdjective && j - i == 1;
    }
    if (a.code.code.empty() && a.actor_entry < 0) {
      i = j;
      continue;  // Sector-less agent nouns alone ("director").
    }
    if (a.actor_entry >= 0) {
      const Entry& ae = data_.entries[a.actor_entry];
      if (ae.actor_kind == ActorKind::kPerson) a.code.person = ae.id;
    }
    out.push_back(std::move(a));
    i = j;
  }
  return out;
}

DictionaryStats ActorDictionary::stats() const {
  DictionaryStats s;
  s.files = data_.files;
  s.lines = data_.lines;
  for (const Entry& e : data_.entries) {
    switch (e.kind) {
      case EntryKind::kActor: s.actors++; break;
      case EntryKind::kAgent: s.agents++; break;
      case EntryKind::kCountry: s.countries++; break;
      case EntryKind::kRegion: s.regions++; break;
      case EntryKind::kCity: s.cities++; break;
    }
    if (e.kind == EntryKind::kActor) s.codes += e.codes.size();
  }
  s.forms = data_.forms.size();
  s.lexicon_words = matcher_.num_words();
  s.lexicon_stems = matcher_.num_stems();
  s.trie_nodes = matcher_.num_nodes();
  s.errors = data_.num_errors();
  s.parse_ms = parse_ms_;
  s.build_ms = build_ms_;
  s.parse_cpu_ms = parse_cpu_ms_;
  s.build_cpu_ms = build_cpu_ms_;
  return s;
}

}  // namespace dyad::actors
