// Analysis speed: tagging, tagging + parsing, and the full analyzer (with
// NER), against tokenization alone (text::Segment) over the same text in
// the same run; the time to load all models (BM_LoadModels) and that of a
// fresh process which loads them (BM_ProcessAnalyzeNothing). Counters
// report words per second on one thread; the ratio words/s(TagParse) :
// words/s(Tokenize) is the figure to compare across machines.
//
// Text: the sentences of UD English-EWT test, read from the shared data at
// run time, or, when it is absent, a paragraph written by us.
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "analyze/analyzer.h"
#include "analyze/gpe.h"
#include "geo/gazetteer.h"
#include "text/conllu.h"
#include "text/segmenter.h"
#include "util/files.h"

namespace {

const char kOwnText[] =
    "The delegation arrived in the capital on Monday for three days of talks. "
    "Officials said they hoped to agree on a schedule for the withdrawal of troops. "
    "Local groups, which have long criticised the process, were not invited. "
    "A spokesman for the ministry declined to comment on the reports. "
    "Several journalists who covered the protests were detained by police overnight. ";

dyad::Document BenchDoc() {
  static const dyad::Document doc = [] {
    dyad::Document d;
    d.id = "bench";
    auto gold = dyad::text::ReadConllu(std::string(DYAD_SHARED_DATA) +
                                       "/ud/UD_English-EWT/en_ewt-ud-test.conllu");
    if (gold.ok()) {
      for (const auto& s : *gold) {
        if (s.text.empty()) continue;
        d.text += s.text;
        d.text += s.newpar ? "\n\n" : " ";
      }
    } else {
      for (int i = 0; i < 200; ++i) d.text += kOwnText;
    }
    return d;
  }();
  return doc;
}

// beam: the parser's beam width (0 = the model's own); beam_model: load
// the opt-in parser-beam.bin instead of parser.bin.
const dyad::analyze::Analyzer* Get(bool parse, bool ner, int beam = 0, bool beam_model = false) {
  static std::unique_ptr<dyad::analyze::Analyzer> models[2 * 4 * 9];
  int i = (parse ? 1 : 0) + (ner ? 2 : 0) + 4 * std::min(beam, 8) + (beam_model ? 36 : 0);
  if (!models[i]) {
    dyad::analyze::AnalyzerOptions o;
    o.parse = parse;
    o.ner = ner;
    o.beam = beam;
    o.beam_on_greedy = true;  // BM_TagParseBeam: the greedy weights at width K
    if (beam_model) o.parser_file = "parser-beam.bin";
    auto a = dyad::analyze::Analyzer::Load(std::string(DYAD_SOURCE_DATA_DIR) + "/models", o);
    if (!a.ok()) return nullptr;
    models[i] = std::move(*a);
  }
  return models[i].get();
}

long CountWords(const std::vector<dyad::Sentence>& s) {
  long n = 0;
  for (const auto& x : s) n += static_cast<long>(x.tokens.size());
  return n;
}

void BM_Tokenize(benchmark::State& state) {
  const dyad::Document doc = BenchDoc();
  long words = 0;
  for (auto _ : state) {
    auto s = dyad::text::Segment(doc);
    words = CountWords(s);
    benchmark::DoNotOptimize(s.data());
  }
  state.counters["words/s"] =
      benchmark::Counter(static_cast<double>(words), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_Tokenize)->Unit(benchmark::kMillisecond);

// The opt-in reparsing ensemble of docs/analysis-log.md ("Issue 4, reparsing
// ensemble"), as `--parser` takes it.
const char kEnsembleSpec[] = "parser-beam.bin,parser-r2l-beam.bin,parser.bin";

const dyad::analyze::Analyzer* GetEnsemble() {
  static const std::unique_ptr<dyad::analyze::Analyzer> model =
      []() -> std::unique_ptr<dyad::analyze::Analyzer> {
    dyad::analyze::AnalyzerOptions o;
    o.ner = false;
    if (!dyad::analyze::SetParserSpec(kEnsembleSpec, &o).ok()) return nullptr;
    auto a = dyad::analyze::Analyzer::Load(std::string(DYAD_SOURCE_DATA_DIR) + "/models", o);
    return a.ok() ? std::move(*a) : nullptr;
  }();
  return model.get();
}

// An opt-in parser model, tag + parse only: the file named by the
// environment variable `env` (a path, or a name in the models folder), else
// `fallback` in the models folder; nullptr when it is missing or not of the
// kind `is_kind` accepts.
std::unique_ptr<dyad::analyze::Analyzer> LoadOptInParser(
    const char* env, const char* fallback, bool (*is_kind)(const dyad::analyze::Parser&)) {
  dyad::analyze::AnalyzerOptions o;
  o.ner = false;
  const char* value = std::getenv(env);
  o.parser_file = value && *value ? value : fallback;
  auto a = dyad::analyze::Analyzer::Load(std::string(DYAD_SOURCE_DATA_DIR) + "/models", o);
  return a.ok() && is_kind(*(*a)->parser()) ? std::move(*a) : nullptr;
}

// The stacked parser (a guided model with its guide embedded): the file
// named by $DYAD_BENCH_STACKED, else parser-guided.bin (none is shipped: the
// benchmark is skipped without one).
const dyad::analyze::Analyzer* GetStacked() {
  static const auto model =
      LoadOptInParser("DYAD_BENCH_STACKED", "parser-guided.bin",
                      [](const dyad::analyze::Parser& p) { return p.guided(); });
  return model.get();
}

// The dense parser (Parser::dense(), `dyad train parser --dense`): the file
// named by $DYAD_BENCH_DENSE, else parser-dense.bin (none is shipped: the
// benchmark is skipped without one).
const dyad::analyze::Analyzer* GetDense() {
  static const auto model =
      LoadOptInParser("DYAD_BENCH_DENSE", "parser-dense.bin",
                      [](const dyad::analyze::Parser& p) { return p.dense() != nullptr; });
  return model.get();
}

// The default models with NER's window network switched off (weight 0: the
// perceptron alone), to measure what the network costs.
const dyad::analyze::Analyzer* GetWithoutNerNet() {
  static const auto model = []() -> std::unique_ptr<dyad::analyze::Analyzer> {
    dyad::analyze::AnalyzerOptions o;
    o.ner_net_weight = 0;
    auto a = dyad::analyze::Analyzer::Load(std::string(DYAD_SOURCE_DATA_DIR) + "/models", o);
    if (!a.ok()) return nullptr;
    return std::move(*a);
  }();
  return model.get();
}

// Tag + parse with the shipped parser's dense network taken out
// (AnalyzerOptions::parser_net = false): what the network costs.
const dyad::analyze::Analyzer* GetWithoutParserNet() {
  static const auto model = []() -> std::unique_ptr<dyad::analyze::Analyzer> {
    dyad::analyze::AnalyzerOptions o;
    o.ner = false;
    o.parser_net = false;
    auto a = dyad::analyze::Analyzer::Load(std::string(DYAD_SOURCE_DATA_DIR) + "/models", o);
    if (!a.ok()) return nullptr;
    return std::move(*a);
  }();
  return model.get();
}

// The candidate greedy parser (`dyad train parser --mix-net` output, or any
// parser.bin-like file): the file named by $DYAD_BENCH_PARSER, to compare
// with BM_TagParse in the same run before shipping it (skipped without one).
const dyad::analyze::Analyzer* GetCandidate() {
  static const auto model =
      std::getenv("DYAD_BENCH_PARSER")
          ? LoadOptInParser("DYAD_BENCH_PARSER", "parser.bin",
                            [](const dyad::analyze::Parser&) { return true; })
          : nullptr;
  return model.get();
}

// Tags (and parses, ...) the bench text with `a` over and over; skipped
// with `missing` as the reason when `a` is null.
void Analyze(benchmark::State& state, const dyad::analyze::Analyzer* a,
             const char* missing = "models missing: run dyad train (docs/analysis.md)") {
  if (!a) {
    state.SkipWithError(missing);
    return;
  }
  const auto sentences = dyad::text::Segment(BenchDoc());
  const long words = CountWords(sentences);
  auto work = sentences;
  for (auto _ : state) {
    for (auto& s : work) a->Analyze(&s);
    benchmark::DoNotOptimize(work.data());
  }
  state.counters["words/s"] =
      benchmark::Counter(static_cast<double>(words), benchmark::Counter::kIsIterationInvariantRate);
}

// The full analyzer over the text as one document (AnalyzeDocument: NER's
// document history and consistency), with NER's second pass (the default)
// and without it: what the second pass costs; with `gpe`, also the analyze
// stage's GPE step (analyze/gpe.h) over its locations: what that costs.
void AnalyzeAsDocument(benchmark::State& state, bool second_pass, bool gpe = false) {
  static std::unique_ptr<dyad::analyze::Analyzer> models[2];
  if (!models[second_pass]) {
    dyad::analyze::AnalyzerOptions o;
    o.ner_second_pass = second_pass;
    auto a = dyad::analyze::Analyzer::Load(std::string(DYAD_SOURCE_DATA_DIR) + "/models", o);
    if (!a.ok()) {
      state.SkipWithError("models missing: run dyad train (docs/analysis.md)");
      return;
    }
    models[second_pass] = std::move(*a);
  }
  dyad::geo::DataGazetteer places;
  if (gpe) {
    places = dyad::geo::LoadDataGazetteer(DYAD_SOURCE_DATA_DIR);
    if (!places.gazetteer) {
      state.SkipWithError(places.problem.c_str());
      return;
    }
  }
  const auto sentences = dyad::text::Segment(BenchDoc());
  const long words = CountWords(sentences);
  auto work = sentences;
  int marked = 0;
  for (auto _ : state) {
    models[second_pass]->AnalyzeDocument(&work);
    if (gpe) marked = dyad::analyze::MarkGeopolitical(*places.gazetteer, {}, &work);
    benchmark::DoNotOptimize(work.data());
  }
  state.counters["words/s"] =
      benchmark::Counter(static_cast<double>(words), benchmark::Counter::kIsIterationInvariantRate);
  if (gpe) state.counters["gpe"] = marked;
}
void BM_TagParseNerDocument(benchmark::State& state) { AnalyzeAsDocument(state, true); }
void BM_TagParseNerDocumentGpe(benchmark::State& state) { AnalyzeAsDocument(state, true, true); }
void BM_TagParseNerDocumentOnePass(benchmark::State& state) { AnalyzeAsDocument(state, false); }
BENCHMARK(BM_TagParseNerDocument)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TagParseNerDocumentGpe)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TagParseNerDocumentOnePass)->Unit(benchmark::kMillisecond);

// Loading every model from data/models (target: under 200 ms).
// Load times are wall-clock (UseRealTime): Analyzer::Load reads the model
// files on threads of their own. Baseline: BM_ReadModelFiles, which only
// reads the bytes of every shipped model file.
void BM_ReadModelFiles(benchmark::State& state) {
  const std::string dir = std::string(DYAD_SOURCE_DATA_DIR) + "/models";
  for (auto _ : state) {
    std::size_t bytes = 0;
    for (const char* f : {"tagger.bin", "parser.bin", "parser-beam.bin", "parser-r2l-beam.bin",
                          "ner.bin"}) {
      auto data = dyad::ReadFile(dir + "/" + f);
      if (!data.ok()) {
        state.SkipWithError("models missing: run dyad train (docs/analysis.md)");
        return;
      }
      bytes += data->size();
    }
    benchmark::DoNotOptimize(bytes);
  }
}
BENCHMARK(BM_ReadModelFiles)->Unit(benchmark::kMillisecond)->UseRealTime();

// Frees the loaded models outside the timed region: loading ends when the
// models are usable, and a process that analyzes text frees them at exit,
// if at all (freeing took about 8% of the measured time).
template <typename Ptr>
void FreeUntimed(benchmark::State* state, Ptr* models) {
  state->PauseTiming();
  models->reset();
  state->ResumeTiming();
}

// Loads the models of `options` from data/models once per iteration.
void LoadModelsLoop(benchmark::State& state, const dyad::analyze::AnalyzerOptions& options) {
  for (auto _ : state) {
    auto a = dyad::analyze::Analyzer::Load(std::string(DYAD_SOURCE_DATA_DIR) + "/models", options);
    if (!a.ok()) {
      state.SkipWithError("models missing: run dyad train (docs/analysis.md)");
      return;
    }
    benchmark::DoNotOptimize(a->get());
    FreeUntimed(&state, &*a);
  }
}

// The default models: tagger, greedy parser, NER.
void BM_LoadModels(benchmark::State& state) { LoadModelsLoop(state, {}); }
BENCHMARK(BM_LoadModels)->Unit(benchmark::kMillisecond)->UseRealTime();

// Every shipped model: tagger, the three parsers of the opt-in ensemble, NER.
void BM_LoadModelsEnsemble(benchmark::State& state) {
  dyad::analyze::AnalyzerOptions o;
  if (!dyad::analyze::SetParserSpec(kEnsembleSpec, &o).ok()) {
    state.SkipWithError("bad ensemble spec");
    return;
  }
  LoadModelsLoop(state, o);
}
BENCHMARK(BM_LoadModelsEnsemble)->Unit(benchmark::kMillisecond)->UseRealTime();

// A whole process that loads the default models and analyzes nothing
// (`dyad analyze --data-dir data /dev/null`): what a user waits for before
// the first sentence, the page faults of fresh memory included
// (BM_LoadModels reuses the memory its earlier iterations freed, so it
// takes far fewer). Baseline: the same binary starting and printing its
// version (BM_ProcessVersion).
int RunCli(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t io;
  posix_spawn_file_actions_init(&io);
  posix_spawn_file_actions_addopen(&io, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&io, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argv[0], &io, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&io);
  if (rc != 0) return -1;
  int status = 0;
  if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

void ProcessLoop(benchmark::State& state, const std::vector<std::string>& args) {
  for (auto _ : state) {
    if (RunCli(args) != 0) {
      state.SkipWithError("the dyad binary failed (built? models present?)");
      return;
    }
  }
}
void BM_ProcessVersion(benchmark::State& state) { ProcessLoop(state, {DYAD_CLI, "--version"}); }
void BM_ProcessAnalyzeNothing(benchmark::State& state) {
  ProcessLoop(state, {DYAD_CLI, "analyze", "--data-dir", DYAD_SOURCE_DATA_DIR, "/dev/null"});
}
BENCHMARK(BM_ProcessVersion)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ProcessAnalyzeNothing)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Tag(benchmark::State& state) { Analyze(state, Get(false, false)); }
void BM_TagParse(benchmark::State& state) { Analyze(state, Get(true, false)); }
void BM_TagParseNer(benchmark::State& state) { Analyze(state, Get(true, true)); }
BENCHMARK(BM_Tag)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TagParse)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TagParseNer)->Unit(benchmark::kMillisecond);
// The same with NER's window network off: what it costs.
void BM_TagParseNerWithoutNet(benchmark::State& state) {
  Analyze(state, GetWithoutNerNet());
}
BENCHMARK(BM_TagParseNerWithoutNet)->Unit(benchmark::kMillisecond);
// Tag + parse with the parser's dense network out ("Issue 4, thirteenth
// round" in docs/analysis-log.md): compare with BM_TagParse in the same run.
void BM_TagParseWithoutNet(benchmark::State& state) {
  Analyze(state, GetWithoutParserNet());
}
BENCHMARK(BM_TagParseWithoutNet)->Unit(benchmark::kMillisecond);

// Tagging + parsing with the shipped parser decoding with a beam of K
// (the run-time override; docs/analysis-log.md, beam search).
void BM_TagParseBeam(benchmark::State& state) {
  Analyze(state, Get(true, false, static_cast<int>(state.range(0))));
}
BENCHMARK(BM_TagParseBeam)->Arg(2)->Arg(4)->Arg(8)->Unit(benchmark::kMillisecond);
// Tagging + parsing with the opt-in beam-trained parser-beam.bin at its
// own width.
void BM_TagParseBeamModel(benchmark::State& state) { Analyze(state, Get(true, false, 0, true)); }
BENCHMARK(BM_TagParseBeamModel)->Unit(benchmark::kMillisecond);
// Tagging + parsing with the reparsing ensemble (kEnsembleSpec): every
// member parses, then the trees are combined.
void BM_TagParseEnsemble(benchmark::State& state) { Analyze(state, GetEnsemble()); }
BENCHMARK(BM_TagParseEnsemble)->Unit(benchmark::kMillisecond);
// Tagging + parsing with a stacked parser (GetStacked): its guide parses
// first, then the guided parser; compare with BM_TagParse in the same run.
void BM_TagParseStacked(benchmark::State& state) {
  Analyze(state, GetStacked(),
          "no stacked parser: parser-guided.bin or $DYAD_BENCH_STACKED "
          "(none is shipped; docs/analysis-log.md, stacked parsing)");
}
BENCHMARK(BM_TagParseStacked)->Unit(benchmark::kMillisecond);
// Tagging + parsing with a dense parser (GetDense); compare with
// BM_TagParse in the same run.
void BM_TagParseDense(benchmark::State& state) {
  Analyze(state, GetDense(),
          "no dense parser: parser-dense.bin or $DYAD_BENCH_DENSE "
          "(none is shipped; docs/analysis-log.md, dense scorer)");
}
BENCHMARK(BM_TagParseDense)->Unit(benchmark::kMillisecond);
// Tagging + parsing with a candidate parser (GetCandidate); compare with
// BM_TagParse in the same run.
void BM_TagParseCandidate(benchmark::State& state) {
  Analyze(state, GetCandidate(),
          "no candidate parser: $DYAD_BENCH_PARSER is unset or names no loadable parser file");
}
BENCHMARK(BM_TagParseCandidate)->Unit(benchmark::kMillisecond);

}  // namespace
