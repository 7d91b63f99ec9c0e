// Actor dictionaries and resolution.
//
// Load time: BM_DictLoadShipped parses and compiles data/dict. Its baseline,
// BM_DictReadShipped, only reads the same files' bytes. BM_DictLoadPhoenix
// loads the four Phoenix dictionaries from shared/data (skipped without it).
// The target is a shipped load under 200 ms.
//
// Resolution: BM_ActorsResolve segments and resolves documents of
// news-style sentences written by us. Its baseline, BM_ActorsSegmentOnly,
// only segments them. The text names cities and other capitalised names
// that no dictionary lists, so that Arg(1) against Arg(0) measures the
// gazetteer lookups.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>
#include <string>

#include "actors/actor_dictionary.h"
#include "actors/resolver.h"
#include "text/segmenter.h"
#include "util/files.h"

namespace {

using dyad::actors::ActorDictionary;

const std::string kData = DYAD_SOURCE_DATA_DIR;
const std::string kShared = DYAD_SHARED_DATA;

void BM_DictReadShipped(benchmark::State& state) {
  auto files = dyad::ListFiles(kData + "/dict", {"*.dyad"}, {});
  if (!files.ok() || files->empty()) {
    state.SkipWithError("no data/dict");
    return;
  }
  std::int64_t bytes = 0;
  for (auto _ : state) {
    for (const auto& f : *files) {
      auto text = dyad::ReadFile(f.path);
      if (text.ok()) bytes += static_cast<std::int64_t>(text->size());
    }
  }
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_DictReadShipped)->Unit(benchmark::kMillisecond);

void BM_DictLoadShipped(benchmark::State& state) {
  std::size_t forms = 0;
  for (auto _ : state) {
    auto dict = ActorDictionary::LoadShipped(kData);
    if (!dict.ok()) {
      state.SkipWithError("shipped dictionaries do not load");
      return;
    }
    forms = (*dict)->stats().forms;
  }
  state.counters["forms"] = static_cast<double>(forms);
}
BENCHMARK(BM_DictLoadShipped)->Unit(benchmark::kMillisecond);

void BM_DictLoadPhoenix(benchmark::State& state) {
  std::string dir = kShared + "/events/dictionaries/petrarch2";
  if (!std::filesystem::exists(dir)) {
    state.SkipWithError("no shared data");
    return;
  }
  using dyad::actors::DictFormat;
  std::vector<dyad::actors::DictFile> files = {
      {dir + "/Phoenix.Countries.actors.txt", DictFormat::kPetrarchActors},
      {dir + "/Phoenix.International.actors.txt", DictFormat::kPetrarchActors},
      {dir + "/Phoenix.MilNonState.actors.txt", DictFormat::kPetrarchActors},
      {dir + "/Phoenix.agents.txt", DictFormat::kPetrarchAgents}};
  std::size_t forms = 0;
  for (auto _ : state) {
    auto dict = ActorDictionary::LoadFiles(files);
    if (!dict.ok()) {
      state.SkipWithError("Phoenix dictionaries do not load");
      return;
    }
    forms = (*dict)->stats().forms;
  }
  state.counters["forms"] = static_cast<double>(forms);
}
BENCHMARK(BM_DictLoadPhoenix)->Unit(benchmark::kMillisecond);

const char* const kText =
    "Russian President Vladimir Putin met the German chancellor in Moscow on Monday. "
    "Police in the southern city detained at least 40 protesters, a rights group said. "
    "The foreign minister urged the government to release the jailed journalists. "
    "Rebels attacked an army convoy near the border, killing three soldiers, officials said. "
    "Amnesty International, Human Rights Watch and the United Nations condemned the arrests. "
    "The groups called on the authorities to free the activists. "
    "Anna Lindqvist, head of the northern region of Kainuu, said she would resign. "
    "Lindqvist said the local police had not been told. "
    "Iranian and Iraqi officials discussed border security in Baghdad. "
    "He said the talks would resume next week. "
    "Shelling hit Kisangani and Mariupol overnight, Karin Solberg told the Tarnvik Herald. "
    "Aid workers in Bukavu and the town of Orsavik said Yellowknife Fisheries had closed.\n\n";

dyad::Document MakeDoc() {
  dyad::Document d;
  d.id = "bench";
  d.date = "2018-09-04";
  for (int i = 0; i < 4; ++i) d.text += kText;
  return d;
}

void BM_ActorsSegmentOnly(benchmark::State& state) {
  dyad::Document doc = MakeDoc();
  std::int64_t sentences = 0;
  for (auto _ : state) {
    auto s = dyad::text::Segment(doc);
    sentences += static_cast<std::int64_t>(s.size());
  }
  state.counters["sentences/s"] =
      benchmark::Counter(static_cast<double>(sentences), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ActorsSegmentOnly)->Unit(benchmark::kMicrosecond);

void BM_ActorsResolve(benchmark::State& state) {
  static auto dict = ActorDictionary::LoadShipped(kData);
  if (!dict.ok()) {
    state.SkipWithError("shipped dictionaries do not load");
    return;
  }
  // As the actors stage runs it: with the gazetteer's cities when the build
  // has compiled one.
  static std::unique_ptr<dyad::geo::Gazetteer> gaz = [] {
    std::unique_ptr<dyad::geo::Gazetteer> g;
    std::string path = dyad::geo::FindGazetteerFile(kData);
    if (!path.empty()) {
      auto loaded = dyad::geo::Gazetteer::Load(path);
      if (loaded.ok()) g = std::make_unique<dyad::geo::Gazetteer>(std::move(loaded).value());
    }
    return g;
  }();
  // Arg 1: with the gazetteer (the stage's configuration); 0: without.
  const bool with_gaz = state.range(0) != 0 && gaz != nullptr;
  dyad::actors::Resolver resolver(dict->get(), with_gaz ? gaz.get() : nullptr);
  state.SetLabel(with_gaz ? "with gazetteer" : "no gazetteer");
  dyad::Document doc = MakeDoc();
  std::int64_t sentences = 0, mentions = 0;
  for (auto _ : state) {
    dyad::AnalyzedDocument a;
    a.document = doc;
    a.sentences = dyad::text::Segment(a.document);
    if (!resolver.Resolve(&a).ok()) {
      state.SkipWithError("resolve failed");
      return;
    }
    sentences += static_cast<std::int64_t>(a.sentences.size());
    mentions += static_cast<std::int64_t>(a.mentions.size());
  }
  state.counters["sentences/s"] =
      benchmark::Counter(static_cast<double>(sentences), benchmark::Counter::kIsRate);
  state.counters["mentions"] = static_cast<double>(mentions) / state.iterations();
}
BENCHMARK(BM_ActorsResolve)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

}  // namespace
