// dyad eval actors: measures actor coding against hand-coded gold data.
//
//   seed    shared/data/seed/hrw-chechnya-2018.{txt,events.tsv}: every actor
//           of a "required" row must resolve to one of its allowed codes.
//   plover  shared/data/events/gold/plover-gsr-dev/PLOVER_GSR_dev.json:
//           country and sector agreement with the gold, per field, pooled
//           and per role (source, target): our PLOVER fields (code.plover)
//           against the gold's, and, for comparison, our CAMEO code
//           strings as they are (pooled).
// In both, the gold actor text is found in the text, and the first mention
// of ours that overlaps it is its coding. No overlapping mention counts as
// a disagreement on every field. In the PLOVER records the span markup picks
// the occurrence of a text that occurs twice (FindGoldActor).
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "actors/dyad_format.h"
#include "dyad/pipeline.h"
#include "pipeline/stages.h"
#include "tools/cli.h"
#include "util/files.h"

namespace dyad::cli {
namespace {

// CAMEO sector codes, for the comparison of code strings as they are.
const std::set<std::string> kSectors = {
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL",
    "ELI", "HLH", "HRI", "LAB", "LEG", "REF", "SET", "UAF", "AGR", "ENV", "MOD", "RAD", "INS",
    "SEP", "DEV", "IMG", "REL", "CHR", "MOS", "JEW", "HIN", "BUD", "NGO", "IGO"};

// The gold's sector field is in PLOVER's vocabulary, with a group tag
// ("CVLalb", "REBkur") or a second code ("RELCHR", "GOVMOS") after the
// primary sector; its first three letters are the primary sector.
std::string GoldSector(const std::string& gold) {
  if (gold.size() > 3 && gold.compare(0, 3, "***") != 0) return gold.substr(0, 3);
  return gold;
}

// The GSR gold (PLOVER 0.5b1) codes the UN and the EU as IGO; the manual's
// current country list gives them their own codes, UNO and EUR, which our
// PLOVER fields follow.
std::string GoldVersionCountry(const std::string& plover_country) {
  if (plover_country == "UNO" || plover_country == "EUR") return "IGO";
  return plover_country;
}

std::string DefaultShared() {
  const char* env = std::getenv("DYAD_SHARED");
  return env && *env ? env : "../shared/data";
}

// Text with typographic apostrophes and quotes made ASCII, plus a map back
// to byte offsets of the original.
struct Normalized {
  std::string text;
  std::vector<std::uint32_t> offset;  // Per normalized byte.
};

Normalized Normalize(const std::string& s) {
  Normalized n;
  for (std::uint32_t i = 0; i < s.size();) {
    auto three = [&](const char* seq) { return s.compare(i, 3, seq) == 0; };
    char repl = 0;
    if (three("\xE2\x80\x99") || three("\xE2\x80\x98")) repl = '\'';
    if (three("\xE2\x80\x9C") || three("\xE2\x80\x9D")) repl = '"';
    if (repl) {
      n.text += repl;
      n.offset.push_back(i);
      i += 3;
    } else {
      n.text += s[i];
      n.offset.push_back(i);
      ++i;
    }
  }
  n.offset.push_back(static_cast<std::uint32_t>(s.size()));
  return n;
}

std::vector<std::string> SplitOn(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(s);
  while (std::getline(in, cur, sep)) out.push_back(cur);
  return out;
}

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.pop_back();
  size_t b = 0;
  while (b < s.size() && s[b] == ' ') ++b;
  return s.substr(b);
}

// The first mention overlapping [b, e), or null.
// A possessor is a modifier, not the head: in "Ostmark's militia ally" the
// actor is the militia, so a mention followed by a possessive ("'s", "’s")
// yields to a later mention inside the span.
const ActorMention* Overlapping(const AnalyzedDocument& doc, std::uint32_t b, std::uint32_t e) {
  const std::string& text = doc.document.text;
  auto possessor = [&](const ActorMention& m) {
    std::string_view rest = std::string_view(text).substr(
        std::min<size_t>(m.span.end, text.size()));
    return rest.starts_with("'s") || rest.starts_with("\u2019s");
  };
  const ActorMention* first = nullptr;
  for (const auto& m : doc.mentions) {
    if (!(m.span.begin < e && b < m.span.end)) continue;
    if (!first) first = &m;
    if (!possessor(m)) return &m;
  }
  return first;
}

// Finds `needle` in `hay` at or after `from`; case-insensitive fallback.
size_t FindText(const std::string& hay, const std::string& needle, size_t from) {
  size_t p = hay.find(needle, from);
  if (p != std::string::npos) return p;
  auto lower = [](std::string s) {
    for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
  };
  return lower(hay).find(lower(needle), from);
}

// Where the gold actor `text` of an event is in its sentence `hay`. The
// record's markup ("the (SRC: Ostmarkian army) shelled (TAR: Ostmarkian)
// villages") says which occurrence is meant when the text occurs more than
// once: the one after as many occurrences as precede the annotation in the
// markup. A text that is no span of the sentence ("Ostmarkian forces" for
// "(TAR: Ostmarkian) and (TAR: Valdorian forces)") is looked up by its first
// word when an annotation starts with that word. Returns the offset and sets
// *len, or npos.
size_t FindGoldActor(const std::string& hay, const std::string& markup, const std::string& text,
                     size_t* len) {
  auto lower = [](std::string s) {
    for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
  };
  const std::string lmarkup = lower(markup);
  // The start of the annotation "(ROLE: <t>)" in the markup, else of one
  // that starts with t, or npos.
  auto annotation = [&](const std::string& t) -> size_t {
    const std::string lt = lower(t);
    for (const char* close : {")", ""}) {
      for (const char* role : {"(src: ", "(tar: ", "(src/tar: "}) {
        size_t a = lmarkup.find(role + lt + close);
        if (a != std::string::npos) return a;
      }
    }
    return std::string::npos;
  };
  auto occurrence = [&](const std::string& t, size_t ann) -> size_t {
    size_t k = 0;
    if (ann != std::string::npos) {
      const std::string lt = lower(t);
      for (size_t q = lmarkup.find(lt); q != std::string::npos && q < ann;
           q = lmarkup.find(lt, q + 1)) {
        ++k;
      }
    }
    size_t pos = FindText(hay, t, 0);
    for (; k > 0 && pos != std::string::npos; --k) {
      size_t next = FindText(hay, t, pos + 1);
      if (next == std::string::npos) break;  // Keep the last one found.
      pos = next;
    }
    return pos;
  };
  size_t pos = FindText(hay, text, 0);
  if (pos != std::string::npos) {
    *len = text.size();
    return occurrence(text, annotation(text));
  }
  size_t cut = text.find_first_of(" -");
  if (cut == std::string::npos || cut == 0) return std::string::npos;
  std::string first = text.substr(0, cut);
  size_t ann = annotation(first);
  if (ann == std::string::npos) return std::string::npos;
  *len = first.size();
  return occurrence(first, ann);
}

int RunSeed(const Pipeline& pipeline, const std::string& shared, const std::string& date,
            bool verbose) {
  std::string base = shared + "/seed/hrw-chechnya-2018";
  auto text = ReadFile(base + ".txt");
  auto tsv = ReadFile(base + ".events.tsv");
  if (!text.ok() || !tsv.ok()) {
    PrintError(base, text.ok() ? tsv.status() : text.status());
    return kExitUsage;
  }
  Document doc;
  doc.id = "hrw-chechnya-2018";
  doc.text = *text;
  doc.date = date;
  auto out = pipeline.Run(std::move(doc));
  if (!out.ok()) {
    PrintError(out.status());
    return kExitUsage;
  }
  Normalized norm = Normalize(out->document.text);
  int total = 0, ok = 0;
  std::string anchor_text;
  for (const std::string& line : SplitOn(*tsv, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    auto f = SplitOn(line, '\t');
    if (f.size() < 7 || f[0] == "id" || f[1] != "required") continue;
    std::string sentence = Normalize(f[2]).text;
    if (sentence != "(same)") {
      size_t dots = sentence.find("...");
      anchor_text = Trim(dots == 0 ? sentence.substr(3, sentence.find("...", 3) - 3)
                                   : sentence.substr(0, dots));
    }
    size_t anchor = norm.text.find(anchor_text);
    if (anchor == std::string::npos) anchor = 0;
    for (int side = 0; side < 2; ++side) {
      std::string actor = Normalize(f[3 + 2 * side]).text;
      std::string codes = f[4 + 2 * side];
      if (actor.empty() || actor == "---") continue;
      size_t paren = actor.find(" (");
      if (paren != std::string::npos) actor = actor.substr(0, paren);
      ++total;
      size_t pos = FindText(norm.text, actor, anchor);
      const ActorMention* m = nullptr;
      if (pos != std::string::npos) {
        m = Overlapping(*out, norm.offset[pos], norm.offset[pos + actor.size()]);
      }
      std::string got = m ? m->code.code : "(none)";
      bool good = false;
      for (const auto& alt : SplitOn(codes, '|')) good |= alt == got;
      ok += good;
      if (verbose || !good) {
        std::printf("  %s %s %-34s want %-32s got %s%s\n", good ? "ok  " : "FAIL", f[0].c_str(),
                    actor.c_str(), codes.c_str(), got.c_str(),
                    m ? (std::string(" (") + ResolutionName(m->how) + ")").c_str() : "");
      }
    }
  }
  std::printf("seed hrw-chechnya-2018: %d/%d required actors resolve to an allowed code (%.1f%%)\n",
              ok, total, total ? 100.0 * ok / total : 0.0);
  return ok == total ? kExitOk : kExitSomeFailed;
}

int RunPlover(const Pipeline& pipeline, const std::string& shared, bool verbose) {
  std::string path = shared + "/events/gold/plover-gsr-dev/PLOVER_GSR_dev.json";
  auto raw = ReadFile(path);
  if (!raw.ok()) {
    PrintError(path, raw.status());
    return kExitUsage;
  }
  auto json = nlohmann::json::parse(*raw, nullptr, false);
  if (json.is_discarded() || !json.is_array()) {
    std::fprintf(stderr, "error: %s is not a JSON array\n", path.c_str());
    return kExitUsage;
  }
  int actors = 0, found = 0, country_ok = 0, sector_ok = 0, both_ok = 0;
  int plover_country_ok = 0, plover_sector_ok = 0, plover_both_ok = 0, un_eu = 0;
  // Per role (0 source, 1 target): gold actors, PLOVER country and sector
  // agreements (the issue asks for each field of each role).
  struct RoleCounts {
    int actors = 0, country_ok = 0, sector_ok = 0, both_ok = 0;
  };
  RoleCounts by_role[2];
  std::map<std::string, int> how;
  for (const auto& ev : json) {
    if (!ev.contains("text") || !ev["text"].is_string()) continue;
    Document doc;
    doc.id = ev.value("id", "");
    doc.text = ev["text"].get<std::string>();
    // The GSR readme: "All date fields are set to '2000-01-01'" (a
    // placeholder; the texts are from the 1980s to the 2000s), so the
    // event date is unknown.
    doc.date = "";
    const std::string id = doc.id;
    auto out = pipeline.Run(std::move(doc));
    if (!out.ok()) continue;
    for (int r = 0; r < 2; ++r) {
      const char* role = r == 0 ? "source" : "target";
      if (!ev.contains(role) || !ev[role].is_array()) continue;
      for (const auto& a : ev[role]) {
        if (!a.is_object() || !a.contains("actorText")) continue;
        std::string text = Trim(a.value("actorText", ""));
        std::string gold_country = a.value("code", "");
        std::string gold_sector = a.value("sector", "");
        if (text.empty()) continue;
        ++actors;
        ++by_role[r].actors;
        // "U.S. ... negotiators", "people .. in Hong Kong": look for the
        // first fragment, which holds the head in these gold files.
        size_t dots = text.find("..");
        if (dots != std::string::npos) text = Trim(text.substr(0, dots));
        if (text.size() > 2 && text.compare(text.size() - 2, 2, "'s") == 0) {
          text.resize(text.size() - 2);
        }
        // The gold sometimes doubles a space ("Hizbollah  (Party of God)").
        for (size_t sp; (sp = text.find("  ")) != std::string::npos;) text.erase(sp, 1);
        std::string markup;
        if (ev.contains("textInfo") && ev["textInfo"].is_object() &&
            ev["textInfo"].contains("markup") && ev["textInfo"]["markup"].is_string()) {
          markup = ev["textInfo"]["markup"].get<std::string>();
        }
        size_t len = 0;
        size_t pos = FindGoldActor(out->document.text, markup, text, &len);
        const ActorMention* m = nullptr;
        if (pos != std::string::npos) {
          m = Overlapping(*out, static_cast<std::uint32_t>(pos),
                          static_cast<std::uint32_t>(pos + len));
        }
        std::string country, sector;
        if (m && !m->code.code.empty()) {
          ++found;
          how[ResolutionName(m->how)]++;
          size_t first = 0;
          if (!m->code.country.empty()) {
            country = m->code.country;
          } else if (!m->code.sectors.empty()) {
            country = m->code.sectors[0];  // IGO, NGO, ...
            first = 1;
          }
          // The first CAMEO sector; organisation identifiers after IGO/NGO
          // (UNO, EUR, AMN, ...) are not sectors.
          for (size_t k = first; k < m->code.sectors.size(); ++k) {
            if (kSectors.count(m->code.sectors[k])) {
              sector = m->code.sectors[k];
              break;
            }
          }
        }
        // CAMEO strings as they are.
        bool c_ok = m && country == gold_country;
        bool s_ok = m && sector == gold_sector;
        country_ok += c_ok;
        sector_ok += s_ok;
        both_ok += c_ok && s_ok;
        // Our PLOVER fields against the gold's (primary sector only).
        // An uncoded mention agrees on nothing.
        const bool coded = m && !m->code.code.empty();
        PloverActorCode pl = coded ? m->code.plover : PloverActorCode{};
        std::string pc = GoldVersionCountry(pl.country);
        un_eu += coded && pc != pl.country && pc == gold_country;
        bool pc_ok = coded && pc == gold_country;
        bool ps_ok = coded && pl.sector == GoldSector(gold_sector);
        plover_country_ok += pc_ok;
        plover_sector_ok += ps_ok;
        plover_both_ok += pc_ok && ps_ok;
        by_role[r].country_ok += pc_ok;
        by_role[r].sector_ok += ps_ok;
        by_role[r].both_ok += pc_ok && ps_ok;
        if (verbose && !(pc_ok && ps_ok)) {
          std::string other;
          for (const auto& o : pl.other_sectors) other += "+" + o;
          std::printf("  %-30s %-6s %-40s gold %s/%s got %s/%s%s (CAMEO %s)%s\n", id.c_str(),
                      role, text.c_str(), gold_country.c_str(), gold_sector.c_str(), pl.country.c_str(),
                      pl.sector.c_str(), other.c_str(), m ? m->code.code.c_str() : "",
                      m ? "" : " (no mention)");
        }
      }
    }
  }
  auto pct = [&](int n) { return actors ? 100.0 * n / actors : 0.0; };
  std::printf("plover-gsr-dev: %d gold actors, coded mention found for %d (%.1f%%)\n", actors,
              found, pct(found));
  std::printf("plover-gsr-dev: PLOVER fields (actors::ToPlover) against the gold:\n");
  std::printf("plover-gsr-dev: country agreement %d/%d = %.1f%% (UN/EU as the gold's IGO: %d)\n",
              plover_country_ok, actors, pct(plover_country_ok), un_eu);
  std::printf("plover-gsr-dev: sector agreement  %d/%d = %.1f%% (primary sector)\n",
              plover_sector_ok, actors, pct(plover_sector_ok));
  std::printf("plover-gsr-dev: both fields       %d/%d = %.1f%%\n", plover_both_ok, actors,
              pct(plover_both_ok));
  for (int r = 0; r < 2; ++r) {
    const RoleCounts& c = by_role[r];
    auto rp = [&](int n) { return c.actors ? 100.0 * n / c.actors : 0.0; };
    const char* role = r == 0 ? "source" : "target";
    std::printf(
        "plover-gsr-dev: %s country %d/%d = %.1f%%, %s sector %d/%d = %.1f%%, "
        "both %d/%d = %.1f%%\n",
        role, c.country_ok, c.actors, rp(c.country_ok), role, c.sector_ok,
        c.actors, rp(c.sector_ok), c.both_ok, c.actors, rp(c.both_ok));
  }
  std::printf("plover-gsr-dev: CAMEO code strings as they are (country, first sector):\n");
  std::printf("plover-gsr-dev: country agreement %d/%d = %.1f%%\n", country_ok, actors,
              pct(country_ok));
  std::printf("plover-gsr-dev: sector agreement  %d/%d = %.1f%%\n", sector_ok, actors,
              pct(sector_ok));
  std::printf("plover-gsr-dev: both fields       %d/%d = %.1f%%\n", both_ok, actors, pct(both_ok));
  std::printf("plover-gsr-dev: resolved by:");
  for (const auto& [k, v] : how) std::printf(" %s=%d", k.c_str(), v);
  std::printf("\n");
  return kExitOk;
}

int Run(int argc, char** argv) {
  std::string shared = DefaultShared(), data_dir, only, seed_date = "2018-09-04";
  bool verbose = false;
  Flags flags("dyad eval actors [options]",
              "Measures actor coding with the shipped dictionaries: the seed release's required "
              "actors (all must resolve to an allowed code) and PLOVER GSR dev country/sector "
              "agreement per field. Exits 1 when a required seed actor fails.");
  flags.String("shared", &shared, "the shared data folder (default: $DYAD_SHARED, else ../shared/data)");
  flags.String("data", &data_dir, "data directory (default: the built-in search path)");
  flags.String("only", &only, "run only 'seed' or 'plover'");
  flags.String("seed-date", &seed_date, "publication date of the seed release");
  flags.Bool("verbose", &verbose, "list every actor (seed) and every disagreement (plover)");
  std::vector<std::string> without;
  flags.List("without", &without,
             "ablation: drop this actor id from the shipped dictionaries (e.g. kadyrov_ramzan), "
             "to measure resolution from context alone");
  int code = 0;
  if (!flags.Parse(argc, argv, &code)) return code;
  PipelineOptions opts;
  opts.data_dir = data_dir;
  opts.last_stage = StageId::kActors;
  std::string ablated;
  if (!without.empty()) {
    // The shipped dictionaries minus the named actors, as one temporary file.
    actors::DictionaryData data;
    Status s = actors::LoadDyadDirectory(internal::ResolveDataDir(opts) + "/dict", &data);
    if (!s.ok()) {
      PrintError(s);
      return kExitUsage;
    }
    std::set<std::uint32_t> drop;
    for (const auto& id : without) {
      auto it = data.actor_ids.find(id);
      if (it == data.actor_ids.end()) {
        std::fprintf(stderr, "error: no actor '%s' in the shipped dictionaries\n", id.c_str());
        return kExitUsage;
      }
      drop.insert(it->second);
    }
    std::erase_if(data.forms, [&](const actors::Form& f) { return drop.count(f.entry) > 0; });
    ablated = (std::filesystem::temp_directory_path() /
               ("dyad-ablated-" + std::to_string(::getpid()) + ".dyad")).string();
    s = WriteFile(ablated, actors::WriteDyad(data));
    if (!s.ok()) {
      PrintError(s);
      return kExitUsage;
    }
    opts.dictionaries = {ablated};
    std::printf("ablation: without");
    for (const auto& id : without) std::printf(" %s", id.c_str());
    std::printf("\n");
  }
  auto pipeline = Pipeline::Create(opts);
  if (!ablated.empty()) std::filesystem::remove(ablated);
  if (!pipeline.ok()) {
    PrintError(pipeline.status());
    return kExitUsage;
  }
  int rc = kExitOk;
  if (only.empty() || only == "seed") rc = std::max(rc, RunSeed(**pipeline, shared, seed_date, verbose));
  if (only.empty() || only == "plover") rc = std::max(rc, RunPlover(**pipeline, shared, verbose));
  return rc;
}

const Registrar kRegister({"eval actors", "actor coding vs the seed release and PLOVER GSR dev",
                           Run});

}  // namespace
}  // namespace dyad::cli
