// Enrichment against segmentation in the same run: the per-document facts
// (temporal expressions resolved in reading order, gazetteer place mentions,
// dateline) and the date/place choice for every sentence, over documents of
// ~16 sentences written by us. Also the gazetteer's load time.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>

#include "enrich/enricher.h"
#include "enrich/temporal.h"
#include "geo/gazetteer.h"
#include "text/segmenter.h"

namespace {

const char* const kSentences[] = {
    "On August 20, 2018, young men attacked a police checkpoint near Grozny.",
    "Two days later, police detained twenty men in the southern region of Chechnya.",
    "The governor said on Tuesday that the families would be punished.",
    "Rights groups condemned the threats and urged the president to intervene.",
    "In July, a court in Moscow fined the newspaper for its reporting.",
    "The activist, who was first detained in 2017, has been jailed for nearly eight months.",
    "Security forces fired tear gas at protesters in Tbilisi, Georgia, last night.",
    "The two ministers met in Geneva earlier this month to discuss a prisoner exchange.",
};

dyad::AnalyzedDocument MakeDoc() {
  dyad::AnalyzedDocument a;
  a.document.id = "bench";
  a.document.date = "2018-09-04";
  a.document.text = "(Moscow) \xE2\x80\x93 ";
  for (int rep = 0; rep < 2; ++rep) {
    for (const char* s : kSentences) {
      a.document.text += s;
      a.document.text += ' ';
    }
  }
  a.sentences = dyad::text::Segment(a.document);
  return a;
}

const dyad::geo::Gazetteer* Gaz() {
  static const dyad::geo::Gazetteer* g = [] {
    auto r = dyad::geo::Gazetteer::Load(dyad::geo::FindGazetteerFile(DYAD_SOURCE_DATA_DIR));
    return r.ok() ? new dyad::geo::Gazetteer(std::move(r).value()) : nullptr;
  }();
  return g;
}

void BM_Enrich_Baseline_Segment(benchmark::State& state) {
  dyad::AnalyzedDocument a = MakeDoc();
  for (auto _ : state) benchmark::DoNotOptimize(dyad::text::Segment(a.document));
  state.counters["sentences/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * a.sentences.size()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Enrich_Baseline_Segment);

void BM_Enrich_TimexesOnly(benchmark::State& state) {
  dyad::AnalyzedDocument a = MakeDoc();
  for (auto _ : state) benchmark::DoNotOptimize(dyad::enrich::FindTimexes(a.document.text));
  state.counters["sentences/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * a.sentences.size()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Enrich_TimexesOnly);

void BM_Enrich_DatesAndPlaces(benchmark::State& state) {
  dyad::AnalyzedDocument a = MakeDoc();
  const dyad::geo::Gazetteer* g = Gaz();
  if (!g) {
    state.SkipWithError("no compiled gazetteer (build the dyad_gazetteer target)");
    return;
  }
  dyad::enrich::Enricher e(g);
  for (auto _ : state) {
    dyad::enrich::DocumentFacts f = e.Prepare(a);
    for (std::uint32_t s = 0; s < a.sentences.size(); ++s) {
      dyad::Span t{a.sentences[s].span.begin, a.sentences[s].span.begin + 3};
      benchmark::DoNotOptimize(e.DateFor(a, f, s, t));
      benchmark::DoNotOptimize(e.PlaceFor(a, f, s, t, nullptr));
    }
  }
  state.counters["sentences/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * a.sentences.size()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Enrich_DatesAndPlaces);

void BM_Enrich_GazetteerLoad(benchmark::State& state) {
  std::string path = dyad::geo::FindGazetteerFile(DYAD_SOURCE_DATA_DIR);
  if (path.empty()) {
    state.SkipWithError("no compiled gazetteer");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(dyad::geo::Gazetteer::Load(path));
}
BENCHMARK(BM_Enrich_GazetteerLoad)->Unit(benchmark::kMillisecond);

}  // namespace
