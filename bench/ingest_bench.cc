// Ingest: decoding and validating bytes into a Document, against a plain
// memcpy of the same bytes as the baseline.
#include <benchmark/benchmark.h>

#include <cstring>
#include <string>

#include "dyad/input.h"
#include "util/utf8.h"

namespace {

std::string MakeText(std::size_t bytes) {
  const std::string para =
      "On August 20, 2018, a group of young men attacked police officers in Grozny, "
      "officials said. The groups urged the authorities \xE2\x80\x9Cto act now.\xE2\x80\x9D\n\n";
  std::string s;
  while (s.size() < bytes) s += para;
  return s;
}

void BM_Baseline_Memcpy(benchmark::State& state) {
  std::string src = MakeText(1 << 20), dst(src.size(), '\0');
  for (auto _ : state) {
    std::memcpy(dst.data(), src.data(), src.size());
    benchmark::DoNotOptimize(dst.data());
  }
  state.SetBytesProcessed(state.iterations() * src.size());
}
BENCHMARK(BM_Baseline_Memcpy);

void BM_Utf8Validate(benchmark::State& state) {
  std::string src = MakeText(1 << 20);
  for (auto _ : state) benchmark::DoNotOptimize(dyad::utf8::FindInvalid(src));
  state.SetBytesProcessed(state.iterations() * src.size());
}
BENCHMARK(BM_Utf8Validate);

void BM_DocumentFromBytes(benchmark::State& state) {
  std::string src = MakeText(1 << 20);
  dyad::InputOptions opts;
  for (auto _ : state) {
    auto doc = dyad::DocumentFromBytes("d", src, dyad::InputFormat::kText, opts);
    benchmark::DoNotOptimize(doc);
  }
  state.SetBytesProcessed(state.iterations() * src.size());
}
BENCHMARK(BM_DocumentFromBytes);

}  // namespace
