// PLOVER GSR context scoring (see context_eval.h).
#include "enrich/context_eval.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <set>
#include <sstream>

#include "enrich/context.h"
#include "enrich/enricher.h"
#include "text/segmenter.h"

namespace dyad::enrich {
namespace {

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return s.substr(i);
}

std::set<std::string> GoldLabels(const std::string& field) {
  std::set<std::string> out;
  std::stringstream ss(field);
  std::string part;
  while (std::getline(ss, part, ',')) {
    part = Trim(part);
    for (char& c : part) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (part == "refugees") part = "refugee";
    if (!part.empty() && part != "none") out.insert(part);
  }
  return out;
}

std::set<std::string> ToGsr(const std::vector<std::string>& contexts) {
  std::set<std::string> out;
  for (const auto& c : contexts) {
    std::string g = GsrContextName(c);
    if (!g.empty()) out.insert(g);
  }
  return out;
}

void Score(const std::set<std::string>& gold, const std::set<std::string>& pred, PRF* prf,
           std::map<std::string, PRF>* by_label) {
  for (const auto& g : gold) {
    bool hit = pred.count(g) > 0;
    (hit ? prf->tp : prf->fn)++;
    if (by_label) ((*by_label)[g].*(hit ? &PRF::tp : &PRF::fn))++;
  }
  for (const auto& p : pred) {
    if (gold.count(p)) continue;
    prf->fp++;
    if (by_label) (*by_label)[p].fp++;
  }
}

}  // namespace

std::string GsrContextName(const std::string& c) {
  static const std::map<std::string, std::string> kMap = {
      {"military", "military"},
      {"diplomatic", "diplomatic"},
      {"peacekeeping", "military"},
      {"legal", "legal"},
      {"economic", "economic"},
      {"political_institutions", "political"},
      {"legislative", "political"},
      {"pro_democracy", "political"},
      {"pro_autocracy", "political"},
      {"executive", "government"},
      {"migration", "refugee"},
      {"asylum", "refugee"},
      {"election", "election"},
      {"terrorism", "terrorism"},
      {"human_rights", "rights"},
      {"rights_freedoms", "rights"},
      {"repression", "rights"},
      {"natural_resource", "resource"},
      {"cbrn", "cbrn"},
      {"religion_ethnicity", "religion"},
      {"cyber", "cyber"},
  };
  auto it = kMap.find(c);
  return it == kMap.end() ? "" : it->second;
}

StatusOr<ContextEval> EvaluateGsrContexts(const std::string& shared, const Pipeline* pipeline) {
  std::string path = shared + "/events/gold/plover-gsr-dev/PLOVER_GSR_dev.json";
  std::ifstream in(path);
  if (!in) return NotFoundError("cannot open " + path);
  nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_array()) return DataLossError(path + ": not a JSON array");
  ContextEval ev;
  ev.pipeline_run = pipeline != nullptr;
  for (const auto& rec : j) {
    if (!rec.contains("text") || !rec["text"].is_string()) continue;
    if (!rec.contains("context") || !rec["context"].is_string()) continue;
    std::string text = rec["text"].get<std::string>();
    std::set<std::string> gold = GoldLabels(rec["context"].get<std::string>());
    ++ev.records;
    Score(gold, ToGsr(FindContexts(text)), &ev.cues, &ev.cues_by_label);
    if (rec.contains("mode") && rec["mode"].is_string() && rec.contains("event")) {
      static const std::map<std::string, std::string> kModes = {
          {"strike-gen", "strike"}, {"strike-hun", "hunger"}, {"riot-spon", "riot"},
          {"demo-org", "demo"},     {"demo-spon", "demo"},    {"detain", "arrest"}};
      std::string type = rec["event"].get<std::string>();
      if (type == "FIGHT") type = "ASSAULT";
      std::string mode = rec["mode"].get<std::string>();
      if (auto it = kModes.find(mode); it != kModes.end()) mode = it->second;
      if (!mode.empty() && ModeKnown(type, mode)) {
        ++ev.mode_records;
        ev.mode_right += FindMode(type, text) == mode;
      }
    }
    if (pipeline) {
      Document doc;
      doc.id = rec.value("id", "gsr");
      doc.text = text;
      if (rec.contains("date") && rec["date"].is_string()) doc.date = rec["date"];
      std::set<std::string> pred;
      auto out = pipeline->Run(std::move(doc));
      if (out.ok()) {
        for (const Event& e : out->events) {
          for (const auto& g : ToGsr(e.plover.context)) pred.insert(g);
        }
      }
      Score(gold, pred, &ev.pipeline, nullptr);
    }
  }
  return ev;
}

StatusOr<PlaceEval> EvaluateGsrPlaces(const std::string& shared, const Enricher& enricher,
                                      const geo::Gazetteer* gazetteer) {
  std::string path = shared + "/events/gold/plover-gsr-dev/PLOVER_GSR_dev.json";
  std::ifstream in(path);
  if (!in) return NotFoundError("cannot open " + path);
  nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_array()) return DataLossError(path + ": not a JSON array");
  PlaceEval ev;
  for (const auto& rec : j) {
    if (!rec.contains("eventLoc") || !rec.contains("text") || !rec.contains("eventText")) continue;
    std::string gold = rec["eventLoc"].value("name", "");
    std::string text = rec["text"].get<std::string>();
    std::string ev_text = rec["eventText"].get<std::string>();
    std::string first = ev_text.substr(0, ev_text.find(' '));
    std::size_t at = text.find(first);
    if (gold.empty() || first.empty() || at == std::string::npos) continue;
    ++ev.records;
    AnalyzedDocument a;
    a.document.id = rec.value("id", "gsr");
    a.document.text = text;
    a.sentences = text::Segment(a.document);
    Span trigger{static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + first.size())};
    std::uint32_t sent = 0;
    for (std::uint32_t i = 0; i < a.sentences.size(); ++i) {
      if (a.sentences[i].span.begin <= at && at < a.sentences[i].span.end) sent = i;
    }
    DocumentFacts facts = enricher.Prepare(a);
    auto place = enricher.PlaceFor(a, facts, sent, trigger, nullptr);
    std::string got = place ? place->name : "-";
    bool right = false;
    if (place) {
      ++ev.placed;
      std::string g = geo::NormalizeName(gold), o = geo::NormalizeName(got);
      right = g == o || (" " + g + " ").find(" " + o + " ") != std::string::npos;
      if (!right && gazetteer) {
        for (const auto& e : gazetteer->Lookup(gold)) right = right || e.name == got;
      }
    }
    ev.right += right;
    ev.lines.push_back((right ? "right  " : "wrong  ") + gold + " -> " + got +
                       (place ? " (" + place->from + ")" : ""));
  }
  return ev;
}

}  // namespace dyad::enrich
