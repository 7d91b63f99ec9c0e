// Segmentation throughput: the tokenizer + sentence splitter (streaming), and
// the full Segment() that materializes Sentence/Token values, against the
// baseline of copying ("reading") and UTF-8-validating the same bytes.
// The ratio of MB/s between BM_Segment* and BM_SegmentBaseline is the figure
// quoted in docs/segmentation.md.
#include <benchmark/benchmark.h>

#include <cstring>
#include <string>
#include <vector>

#include "dyad/document.h"
#include "text/conllu.h"
#include "text/segment_eval.h"
#include "text/segmenter.h"
#include "text/sentence_splitter.h"
#include "util/utf8.h"

namespace {

// Invented news text (written for this benchmark) with the cases the
// splitter has to handle: titles, initialisms, times, quotes, datelines,
// clitics, numbers, URLs.
std::string SyntheticText(std::size_t bytes) {
  const std::string para =
      "GENEVA (Reuters) \xE2\x80\x93 Gen. Ahmed Salim told U.N. envoys on Jan. 9 that the "
      "army didn't shell the town, officials said. \xE2\x80\x9CWe will not leave,\xE2\x80\x9D "
      "the mayor's aide said at 4 p.m. local time. Aid groups reported 1,250 displaced "
      "people and a 31-year-old nurse who was wounded; details are at "
      "https://example.org/report?id=7. Mr. J. R. Okafor can't confirm the figures yet...\n\n"
      "Talks resume Monday\nThe delegations met for three hours. No agreement was reached "
      "on prisoner exchanges, the U.S. State Department said in a statement.\n\n";
  std::string s;
  while (s.size() < bytes) s += para;
  return s;
}

// The raw text of a UD treebank when the shared data is there (realistic
// vocabulary); the synthetic text otherwise.
const std::string& BenchText() {
  static const std::string* text = [] {
    auto gold = dyad::text::ReadConllu(std::string(DYAD_SHARED_DATA) +
                                       "/ud/UD_English-EWT/en_ewt-ud-train.conllu");
    if (gold.ok()) {
      auto* s = new std::string(dyad::text::BuildRawText(*gold).text);
      s->resize(std::min<std::size_t>(s->size(), 4u << 20));
      return s;
    }
    return new std::string(SyntheticText(4u << 20));
  }();
  return *text;
}

const std::string& Synthetic() {
  static const std::string* text = new std::string(SyntheticText(4u << 20));
  return *text;
}

void Baseline(benchmark::State& state, const std::string& src) {
  std::string dst(src.size(), '\0');
  for (auto _ : state) {
    std::memcpy(dst.data(), src.data(), src.size());
    benchmark::DoNotOptimize(dyad::utf8::FindInvalid(dst));
  }
  state.SetBytesProcessed(state.iterations() * src.size());
}

void Splitter(benchmark::State& state, const std::string& src) {
  dyad::text::SentenceSplitter splitter;
  std::size_t words = 0;
  for (auto _ : state) {
    splitter.Run(src, 0, static_cast<std::uint32_t>(src.size()),
                 [&](std::span<const dyad::text::RawToken> w) { words += w.size(); });
    benchmark::DoNotOptimize(words);
  }
  state.SetBytesProcessed(state.iterations() * src.size());
}

void Full(benchmark::State& state, const std::string& src) {
  dyad::Document doc;
  doc.text = src;
  for (auto _ : state) {
    auto sents = dyad::text::Segment(doc);
    benchmark::DoNotOptimize(sents.data());
  }
  state.SetBytesProcessed(state.iterations() * src.size());
}

// The same bytes as a stream of news-sized documents (paragraphs cut at
// blank lines, about 4 KiB each), segmented one after the other as a batch
// run does: each document's sentences are built, used and dropped.
void Stream(benchmark::State& state, const std::string& src) {
  std::vector<dyad::Document> docs;
  std::size_t start = 0;
  while (start < src.size()) {
    std::size_t cut = src.find("\n\n", std::min(src.size(), start + 4096));
    std::size_t end = cut == std::string::npos ? src.size() : cut + 2;
    dyad::Document d;
    d.text = src.substr(start, end - start);
    docs.push_back(std::move(d));
    start = end;
  }
  for (auto _ : state) {
    for (const auto& d : docs) {
      auto sents = dyad::text::Segment(d);
      benchmark::DoNotOptimize(sents.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * src.size());
  state.counters["docs"] = static_cast<double>(docs.size());
}

void BM_SegmentBaseline_ReadValidate(benchmark::State& s) { Baseline(s, BenchText()); }
void BM_SegmentStream_Treebank(benchmark::State& s) { Stream(s, BenchText()); }
void BM_SegmentStream_Synthetic(benchmark::State& s) { Stream(s, Synthetic()); }
void BM_SegmentSplitter_Treebank(benchmark::State& s) { Splitter(s, BenchText()); }
void BM_Segment_Treebank(benchmark::State& s) { Full(s, BenchText()); }
void BM_SegmentBaseline_ReadValidateSynthetic(benchmark::State& s) { Baseline(s, Synthetic()); }
void BM_SegmentSplitter_Synthetic(benchmark::State& s) { Splitter(s, Synthetic()); }
void BM_Segment_Synthetic(benchmark::State& s) { Full(s, Synthetic()); }

BENCHMARK(BM_SegmentBaseline_ReadValidate)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SegmentSplitter_Treebank)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Segment_Treebank)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SegmentStream_Treebank)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SegmentStream_Synthetic)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SegmentBaseline_ReadValidateSynthetic)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SegmentSplitter_Synthetic)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Segment_Synthetic)->Unit(benchmark::kMillisecond);

}  // namespace
