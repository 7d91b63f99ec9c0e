#include "code/eval_pipeline.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "code/codebook.h"
#include "dyad/input.h"
#include "util/files.h"
#include "util/status_macros.h"

namespace dyad::code {
namespace {

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else if (c != '\r') {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

}  // namespace

std::string GsrPloverType(const std::string& cameo) {
  const CameoInfo* info = LookupCameo(cameo);
  if (!info || info->plover_event.empty()) return "";
  std::string t(info->plover_event);
  // The GSR predates the 2021 table's moves of 163 / 171x codes.
  if (info->root == "16") return "SANCTION";
  if (info->root == "17") return "COERCE";
  if (t == "REQUEST") return "DEMAND";
  if (t == "ACCUSE") return info->root == "09" ? "INVESTIGATE" : "DISAPPROVE";
  if (t == "ASSAULT" && info->root == "19") return "FIGHT";
  return t;
}

StatusOr<EvalReport> RunPloverGsr(const std::string& shared, const PipelineOptions& options,
                                  bool verbose) {
  std::string path = shared + "/events/gold/plover-gsr-dev/PLOVER_GSR_dev.json";
  ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_array()) return DataLossError(path + ": not a JSON array");
  ASSIGN_OR_RETURN(auto pipeline, Pipeline::Create(options));
  EvalReport report;
  report.suite = "plover-gsr-dev";
  for (const auto& rec : j) {
    if (!rec.contains("text") || !rec["text"].is_string()) continue;
    std::string gold = rec.value("event", "");
    if (gold.empty() || gold == "DOCUMENT") continue;
    Document doc;
    doc.id = rec.value("id", "");
    doc.text = rec["text"].get<std::string>();
    doc.date = rec.value("date", "");
    auto out = pipeline->Run(std::move(doc));
    std::set<std::string> predicted;
    if (out.ok()) {
      for (const Event& e : out->events) {
        std::string t = GsrPloverType(e.cameo);
        if (!t.empty()) predicted.insert(t);
      }
    }
    bool hit = predicted.count(gold) > 0;
    ++report.records;
    if (hit && predicted.size() == 1) ++report.exact;
    report.triples.tp += hit;
    report.triples.fn += !hit;
    report.triples.fp += static_cast<long>(predicted.size()) - hit;
    CategoryFigures& cat = report.categories[gold];
    ++cat.records;
    if (hit && predicted.size() == 1) ++cat.exact;
    cat.triples.tp += hit;
    cat.triples.fn += !hit;
    cat.triples.fp += static_cast<long>(predicted.size()) - hit;
    if (predicted.empty()) ++report.confusion[{gold, "none"}];
    for (const auto& p : predicted) ++report.confusion[{gold, p}];
    if (verbose && !(hit && predicted.size() == 1)) {
      std::string pr;
      for (const auto& p : predicted) pr += " " + p;
      report.misses.push_back(rec.value("id", "") + "\tgold: " + gold + "\tpred:" + pr + "\t" +
                              rec["text"].get<std::string>().substr(0, 140));
    }
  }
  report.roots = report.triples;
  return report;
}

namespace {

bool CodeMatches(const std::string& alts, const std::string& code) {
  for (const auto& a : Split(alts, '|')) {
    if (a == "*") return true;
    if (a == code) return true;
    if (a.size() == 2 && code.size() >= 2 && code.substr(0, 2) == a) return true;
  }
  return false;
}

bool ActorMatches(const std::string& alts, const EventActor& a) {
  if (alts.empty()) return true;  // No constraint (boilerplate rows).
  for (const auto& x : Split(alts, '|')) {
    if (x == "---" && !a.present) return true;
    if (a.present && x == a.code.code) return true;
  }
  return false;
}

// Lower-case words of an actor text, without a parenthetical note
// ("Hugh Williamson (Human Rights Watch)") and with curly apostrophes
// straightened.
std::vector<std::string> Words(std::string t) {
  if (auto p = t.find('('); p != std::string::npos) t.resize(p);
  std::vector<std::string> out;
  std::string cur;
  for (std::size_t i = 0; i <= t.size(); ++i) {
    if (i + 2 < t.size() && t.compare(i, 3, "\xE2\x80\x99") == 0) {
      cur += '\'';
      i += 2;
      continue;
    }
    unsigned char c = i < t.size() ? static_cast<unsigned char>(t[i]) : ' ';
    if (std::isalnum(c) || c == '\'' || c >= 0x80) {
      cur += static_cast<char>(std::tolower(c));
    } else if (!cur.empty()) {
      out.push_back(cur);
      cur.clear();
    }
  }
  return out;
}

// Whether a predicted actor is the one the row names: the head (last) word
// of one text is a word of the other ("Kadyrov" / "Ramzan Kadyrov",
// "relatives" / "relatives of the attackers"). An anaphor is compared by
// its own text and by the text it refers to. Rows without a text, and empty
// slots, are judged by the codes alone.
bool TextAgrees(const std::string& gold, const EventActor& a) {
  if (gold.empty() || gold == "---" || !a.present) return true;
  auto g = Words(gold);
  if (g.empty()) return true;
  for (const std::string& text : {a.text, a.refers_to}) {
    auto p = Words(text);
    if (p.empty()) continue;
    if (std::find(g.begin(), g.end(), p.back()) != g.end()) return true;
    if (std::find(p.begin(), p.end(), g.back()) != p.end()) return true;
  }
  return false;
}

// The words of a row's "sentence" cue that can be searched in the text:
// the longest run without "..." or quotes.
std::string Cue(const std::string& s) {
  std::string best, cur;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    bool stop = i == s.size() || s.compare(i, 3, "...") == 0 || s[i] == '"';
    if (stop) {
      std::string t = cur;
      while (!t.empty() && (t.back() == ' ' || t.back() == ',')) t.pop_back();
      while (!t.empty() && t.front() == ' ') t.erase(0, 1);
      if (t.size() > best.size()) best = t;
      cur.clear();
      if (i < s.size() && s[i] == '.') i += 2;
    } else {
      cur += s[i];
    }
  }
  if (best.size() > 40) best = best.substr(0, 40);
  return best;
}

}  // namespace

StatusOr<SeedReport> RunSeed(const std::string& shared, const PipelineOptions& options) {
  std::string base = shared + "/seed/hrw-chechnya-2018";
  ASSIGN_OR_RETURN(std::string raw, ReadFile(base + ".txt"));
  ASSIGN_OR_RETURN(std::string tsv, ReadFile(base + ".events.tsv"));
  InputOptions in;
  ASSIGN_OR_RETURN(Document doc, DocumentFromBytes("hrw-chechnya-2018", raw, InputFormat::kText, in));
  ASSIGN_OR_RETURN(auto pipeline, Pipeline::Create(options));
  // Forbidden rows concern asserted events: judge them on every modality.
  PipelineOptions all = options;
  all.all_modalities = true;
  ASSIGN_OR_RETURN(auto pipeline_all, Pipeline::Create(all));
  ASSIGN_OR_RETURN(AnalyzedDocument out, pipeline->Run(doc));
  ASSIGN_OR_RETURN(AnalyzedDocument out_all, pipeline_all->Run(doc));
  const std::string& text = out.document.text;
  SeedReport r;
  r.events = static_cast<int>(out.events.size());
  std::istringstream lines(tsv);
  std::string line, last_cue;
  bool header = true;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    auto f = Split(line, '\t');
    if (f.size() < 8) continue;
    const std::string& id = f[0];
    const std::string& status = f[1];
    std::string cue = f[2] == "(same)" ? last_cue : Cue(f[2]);
    last_cue = cue;
    std::size_t at = cue.empty() ? std::string::npos : text.find(cue);
    auto in_sentence = [&](const Event& e) {
      return at != std::string::npos && e.evidence.begin <= at + cue.size() && at < e.evidence.end;
    };
    const std::string& src = f[4];
    const std::string& tgt = f[6];
    const std::string& codes = f[7];
    std::string found;
    const auto& events = status == "forbidden" ? out_all.events : out.events;
    // Boilerplate rows ("*"): an event counts only when its trigger lies in
    // the boilerplate text itself (a caption credit may share a sentence
    // with the story's first line).
    bool boilerplate = codes == "*";
    for (const Event& e : events) {
      if (!in_sentence(e)) continue;
      if (boilerplate && !(e.trigger.begin >= at && e.trigger.begin < at + f[2].size())) continue;
      if (status == "forbidden" && e.modality != Modality::kAsserted) continue;
      if (!CodeMatches(codes, e.cameo)) continue;
      if (!ActorMatches(src, e.source) || !ActorMatches(tgt, e.target)) continue;
      // A found event must be about the actors the row names; a forbidden
      // one is refused on its codes alone.
      if (status != "forbidden" && (!TextAgrees(f[3], e.source) || !TextAgrees(f[5], e.target))) {
        continue;
      }
      found = (e.source.present ? e.source.code.code : "---") + ">" +
              (e.target.present ? e.target.code.code : "---") + " " + e.cameo;
      break;
    }
    std::string result;
    if (status == "required") {
      ++r.required;
      if (!found.empty()) ++r.required_found;
      result = found.empty() ? "MISSING" : "found " + found;
    } else if (status == "forbidden") {
      ++r.forbidden;
      if (!found.empty()) ++r.forbidden_produced;
      result = found.empty() ? "absent (ok)" : "PRODUCED " + found;
    } else {
      ++r.optional;
      if (!found.empty()) ++r.optional_found;
      result = found.empty() ? "not found" : "found " + found;
    }
    if (at == std::string::npos) result += " [sentence cue not located]";
    r.lines.push_back(status + "\t" + id + "\t" + result);
  }
  return r;
}

std::string FormatSeedReport(const SeedReport& r) {
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "suite seed: required %d/%d found, forbidden %d/%d produced, optional %d/%d, "
                "%d events coded\n",
                r.required_found, r.required, r.forbidden_produced, r.forbidden, r.optional_found,
                r.optional, r.events);
  std::string out = buf;
  for (const auto& l : r.lines) out += "  " + l + "\n";
  return out;
}

}  // namespace dyad::code
