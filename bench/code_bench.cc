// The event coder, end to end: raw text -> segment -> analyze -> actors ->
// code -> enrich with the default (shipped) models and dictionaries, against
// segmentation alone in the same run. Also the code stage by itself over
// pre-segmented sentences. Counters report sentences per second (per thread
// with ->Threads(N): multiply by N for the aggregate).
//
// The text is written by us: news-style sentences about arrests, appeals,
// attacks and talks, repeated into documents of ~20 sentences.
#include <benchmark/benchmark.h>

#include <memory>
#include <mutex>
#include <string>

#include "code/coder.h"
#include "code/stage.h"
#include "code/verb_dict.h"
#include "dyad/pipeline.h"
#include "text/segmenter.h"

namespace {

const char* const kSentences[] = {
    "Police in the southern city detained at least 40 protesters on Saturday, a rights group said.",
    "The foreign minister urged the government to release the jailed journalists without delay.",
    "Rebels attacked an army convoy near the border, killing three soldiers, officials said.",
    "The two presidents met in the capital on Tuesday to discuss trade and security.",
    "Human rights groups condemned the arrests and called on the authorities to free the activists.",
    "The governor vowed to punish the families of the suspected insurgents.",
    "Opposition leaders rejected the proposal and threatened to boycott the elections.",
    "The United Nations sent humanitarian aid to the flooded region on Monday.",
    "Security forces fired tear gas at demonstrators who marched on the parliament.",
    "The court sentenced the blogger to five years in prison on charges of extremism.",
    "Germany and France praised the ceasefire agreement signed in Geneva.",
    "Troops shelled villages in the north overnight, according to local residents.",
    "The ministry accused the newspaper of spreading false information.",
    "Officials said the talks would resume next week after a two-month pause.",
    "Protesters gathered outside the embassy, demanding the release of the prisoners.",
    "The prime minister visited the refugee camp and promised more aid.",
    "Authorities banned the opposition party and closed two independent television stations.",
    "The army withdrew its forces from the disputed area under the agreement.",
    "Unidentified gunmen kidnapped two aid workers on the road to the airport.",
    "The activist has been held in pretrial detention since January.",
};
constexpr int kSentencesPerDoc = sizeof(kSentences) / sizeof(kSentences[0]);

dyad::Document MakeDoc(int i) {
  dyad::Document d;
  d.id = "bench-" + std::to_string(i);
  for (int k = 0; k < kSentencesPerDoc; ++k) {
    d.text += kSentences[(k + i) % kSentencesPerDoc];
    d.text += (k % 4 == 3) ? "\n\n" : " ";
  }
  return d;
}

std::unique_ptr<dyad::Pipeline> MakePipeline(dyad::StageId last) {
  dyad::PipelineOptions o;
  o.last_stage = last;
  o.data_dir = DYAD_SOURCE_DATA_DIR;
  auto p = dyad::Pipeline::Create(o);
  return p.ok() ? std::move(p).value() : nullptr;
}

void RunPipeline(benchmark::State& state, dyad::StageId last) {
  static std::unique_ptr<dyad::Pipeline> pipelines[5];
  static std::once_flag once[5];
  int idx = static_cast<int>(last);
  std::call_once(once[idx], [&] { pipelines[idx] = MakePipeline(last); });
  if (!pipelines[idx]) {
    state.SkipWithError("pipeline could not be created");
    return;
  }
  std::int64_t sentences = 0, events = 0;
  int i = 0;
  for (auto _ : state) {
    auto out = pipelines[idx]->Run(MakeDoc(i++));
    if (out.ok()) {
      sentences += static_cast<std::int64_t>(out->sentences.size());
      events += static_cast<std::int64_t>(out->events.size());
    }
    benchmark::DoNotOptimize(out);
  }
  state.counters["sentences/s"] = benchmark::Counter(static_cast<double>(sentences), benchmark::Counter::kIsRate);
  state.counters["events/sentence"] = sentences ? static_cast<double>(events) / sentences : 0;
}

// Baseline: segmentation only.
void BM_Code_Baseline_SegmentOnly(benchmark::State& state) { RunPipeline(state, dyad::StageId::kSegment); }
BENCHMARK(BM_Code_Baseline_SegmentOnly)->UseRealTime();

// Segment + analyze + actors (what the coder consumes).
void BM_Code_UpToActors(benchmark::State& state) { RunPipeline(state, dyad::StageId::kActors); }
BENCHMARK(BM_Code_UpToActors)->UseRealTime();

// Up to and including the code stage (no enrichment).
void BM_Code_UpToCode(benchmark::State& state) { RunPipeline(state, dyad::StageId::kCode); }
BENCHMARK(BM_Code_UpToCode)->UseRealTime();

// Raw text to events, every stage, default resources.
void BM_Code_EndToEnd(benchmark::State& state) { RunPipeline(state, dyad::StageId::kEnrich); }
BENCHMARK(BM_Code_EndToEnd)->UseRealTime()->Threads(1)->Threads(2);

// The code stage alone over segmented sentences (no actors: trigger lookup,
// pattern matching and roles are still exercised).
void BM_Code_CoderOnly(benchmark::State& state) {
  static const dyad::code::VerbDictionary* dict = [] {
    auto d = dyad::code::LoadDyadVerbDir(std::string(DYAD_SOURCE_DATA_DIR) + "/verbs");
    return new dyad::code::VerbDictionary(d.ok() ? std::move(d).value() : dyad::code::VerbDictionary());
  }();
  dyad::code::Coder coder(dict, {});
  dyad::AnalyzedDocument base;
  base.document = MakeDoc(0);
  base.sentences = dyad::text::Segment(base.document);
  std::int64_t sentences = 0;
  for (auto _ : state) {
    dyad::AnalyzedDocument doc = base;
    dyad::code::CodeDocument(coder, &doc);
    sentences += static_cast<std::int64_t>(doc.sentences.size());
    benchmark::DoNotOptimize(doc.events);
  }
  state.counters["sentences/s"] = benchmark::Counter(static_cast<double>(sentences), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Code_CoderOnly);

}  // namespace
