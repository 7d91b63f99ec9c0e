// dyad eval ner: entity-level precision, recall and F1 (exact span and
// type) of our NER on BIO files.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include "analyze/analyzer.h"
#include "analyze/gpe.h"
#include "analyze/iob.h"
#include "geo/gazetteer.h"
#include "pipeline/stages.h"
#include "tools/cli.h"

namespace dyad::cli {
namespace {

struct Counts {
  long tp = 0, gold = 0, sys = 0;
};

void Line(const std::string& name, const Counts& c) {
  double p = c.sys ? 100.0 * c.tp / c.sys : 0, r = c.gold ? 100.0 * c.tp / c.gold : 0;
  double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
  std::printf("%-8s %8.2f %8.2f %8.2f   (gold %ld, system %ld)\n", name.c_str(), p, r, f, c.gold,
              c.sys);
}

int Run(int argc, char** argv) {
  Flags f("dyad eval ner [options] FILE...",
          "Tags the tokens of each BIO file (Universal NER .iob2 or CoNLL columns) and prints "
          "entity-level precision, recall and F1, overall and per type. An entity counts "
          "only when its span and type both match. Sentences are grouped into documents by "
          "\"# newdoc\" comments, and NER labels are made consistent within a document "
          "(docs/analysis.md).");
  std::string data_dir;
  f.String("data-dir", &data_dir, "where models/ lives");
  std::string output;
  f.String("output", &output, "write \"form gold system\" per token here (blank line between sentences)");
  bool one_pass = false;
  f.Bool("one-pass", &one_pass,
         "label each document once, without NER's second pass (to measure what it adds)");
  std::string net_weight;
  f.String("net-weight", &net_weight,
           "the weight of NER's window network instead of the model's (0: the perceptron alone; "
           "to compare weights on dev)");
  bool gpe = false;
  f.Bool("gpe", &gpe,
         "relabel the LOC entities that name countries, regions and towns GPE, as dyad analyze "
         "does (analyze/gpe.h); they are scored as LOC, the only place type of Universal NER, and "
         "--output shows them as GPE");
  int code = 0;
  if (!f.Parse(argc, argv, &code)) return code;
  if (f.positional().empty()) {
    std::cerr << f.Help();
    return kExitUsage;
  }
  PipelineOptions po;
  po.data_dir = data_dir;
  analyze::AnalyzerOptions ao;
  ao.parse = false;
  ao.ner_second_pass = !one_pass;
  if (!net_weight.empty()) {
    char* end = nullptr;
    const double w = std::strtod(net_weight.c_str(), &end);
    if (end == net_weight.c_str() || *end != '\0' || !(w >= 0 && w <= 1e6)) {
      std::cerr << "error: --net-weight takes a number from 0 to 1e6, not " << net_weight << "\n";
      return kExitUsage;
    }
    ao.ner_net_weight = static_cast<float>(w);
  }
  auto analyzer = analyze::Analyzer::Load(internal::ResolveDataDir(po) + "/models", ao);
  if (!analyzer.ok()) {
    PrintError(analyzer.status());
    return kExitUsage;
  }
  geo::DataGazetteer places;
  if (gpe) {
    places = geo::LoadDataGazetteer(internal::ResolveDataDir(po));
    if (!places.gazetteer) {
      std::cerr << "error: --gpe: " << places.problem << "\n";
      return kExitUsage;
    }
  }
  std::ofstream out;
  if (!output.empty()) {
    out.open(output);
    if (!out) {
      std::cerr << "error: cannot write " << output << "\n";
      return kExitUsage;
    }
  }
  for (const auto& path : f.positional()) {
    auto gold = analyze::ReadIob(path);
    if (!gold.ok()) {
      PrintError(gold.status());
      return kExitUsage;
    }
    std::map<std::string, Counts> by_type;
    Counts all;
    // Documents: from one "# newdoc" to the next (each sentence alone when
    // the file marks none); NER labels are made consistent per document.
    bool docs = false;
    for (const auto& gs : *gold) docs |= gs.newdoc;
    std::vector<Sentence> analyzed;
    int gpe_count = 0;
    for (std::size_t i = 0; i < gold->size();) {
      std::size_t end = i + 1;
      while (docs && end < gold->size() && !(*gold)[end].newdoc) ++end;
      std::vector<Sentence> doc(end - i);
      for (std::size_t k = i; k < end; ++k) {
        for (const auto& form : (*gold)[k].forms) {
          Token t;
          t.form = form;
          doc[k - i].tokens.push_back(std::move(t));
        }
      }
      (*analyzer)->AnalyzeDocument(&doc);
      if (gpe) gpe_count += analyze::MarkGeopolitical(*places.gazetteer, {}, &doc);
      for (auto& s : doc) analyzed.push_back(std::move(s));
      i = end;
    }
    for (std::size_t si = 0; si < gold->size(); ++si) {
      const auto& gs = (*gold)[si];
      std::vector<std::string> sys;
      for (const auto& t : analyzed[si].tokens) sys.push_back(t.ner);
      if (out.is_open()) {
        for (std::size_t i = 0; i < sys.size(); ++i) {
          out << gs.forms[i] << "\t" << gs.labels[i] << "\t" << sys[i] << "\n";
        }
        out << "\n";
      }
      for (auto& l : sys) {
        if (l.size() > 2 && l.compare(2, std::string::npos, "GPE") == 0) l.replace(2, 3, "LOC");
      }
      auto g = analyze::EntitySpans(gs.labels), p = analyze::EntitySpans(sys);
      std::set<std::tuple<int, int, std::string>> gset;
      for (const auto& e : g) {
        gset.insert({e.begin, e.end, e.type});
        ++by_type[e.type].gold;
        ++all.gold;
      }
      for (const auto& e : p) {
        ++by_type[e.type].sys;
        ++all.sys;
        if (gset.count({e.begin, e.end, e.type})) {
          ++by_type[e.type].tp;
          ++all.tp;
        }
      }
    }
    std::printf("%s\n%-8s %8s %8s %8s\n", path.c_str(), "type", "P", "R", "F1");
    for (const auto& [type, c] : by_type) Line(type, c);
    Line("ALL", all);
    if (gpe) std::printf("GPE: %d of the %ld LOC entities (scored as LOC)\n", gpe_count, static_cast<long>(by_type["LOC"].sys));
    std::printf("\n");
  }
  return 0;
}

const Registrar kRegister({"eval ner", "score named-entity recognition on BIO files", Run});

}  // namespace
}  // namespace dyad::cli
