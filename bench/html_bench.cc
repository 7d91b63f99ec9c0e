// HTML main-content extraction speed, per page, over the two benchmark sets
// (ScrapingHub, trafilatura-eval) read from the shared data at run time.
// One iteration extracts every STRIDE-th page of a set (environment variable
// DYAD_BENCH_STRIDE, default 1) in the same order as
// scripts/bench_readability.py, which times readability-lxml on the same
// pages; scripts/bench_html.sh runs both and prints the ratio. The counter
// "ms_per_page" is the figure to compare.
//
// BM_Html50MB extracts a generated 50 MB page (parsed in slices, see
// ingest/html.cc) and reports the process's peak resident memory, which
// must stay a small multiple of the page size.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "dyad/input.h"
#include "ingest/html.h"
#include "ingest/html_eval.h"

namespace {

using dyad::ingest::html_eval::Page;

int Stride() {
  const char* s = std::getenv("DYAD_BENCH_STRIDE");
  int v = s ? std::atoi(s) : 1;
  return v > 0 ? v : 1;
}

std::string HtmlDir() {
  const char* shared = std::getenv("DYAD_SHARED");
  return (shared && *shared ? std::string(shared) : std::string(DYAD_SHARED_DATA)) + "/html";
}

std::vector<Page> Sample(std::vector<Page> all) {
  std::vector<Page> out;
  int stride = Stride();
  for (std::size_t i = 0; i < all.size(); i += stride) out.push_back(std::move(all[i]));
  return out;
}

const std::vector<Page>& Scrapinghub() {
  static const std::vector<Page> pages = [] {
    auto p = dyad::ingest::html_eval::LoadScrapinghub(HtmlDir() + "/scrapinghub");
    return p.ok() ? Sample(std::move(*p)) : std::vector<Page>{};
  }();
  return pages;
}

const std::vector<Page>& Trafilatura() {
  static const std::vector<Page> pages = [] {
    auto p = dyad::ingest::html_eval::LoadTrafilatura(HtmlDir() + "/trafilatura-eval");
    return p.ok() ? Sample(std::move(*p)) : std::vector<Page>{};
  }();
  return pages;
}

void Run(benchmark::State& state, const std::vector<Page>& pages) {
  if (pages.empty()) {
    state.SkipWithError("shared data html/ not found");
    return;
  }
  dyad::InputOptions options;
  std::size_t bytes = 0;
  for (const Page& p : pages) bytes += p.html.size();
  for (auto _ : state) {
    for (const Page& p : pages) {
      auto doc = dyad::ingest::HtmlToDocument(p.id, p.html, options);
      benchmark::DoNotOptimize(doc);
    }
  }
  state.counters["pages"] = static_cast<double>(pages.size());
  state.counters["ms_per_page"] = benchmark::Counter(
      static_cast<double>(pages.size()) * 1e-3,
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * pages.size()));
}

void BM_HtmlScrapinghub(benchmark::State& state) { Run(state, Scrapinghub()); }
BENCHMARK(BM_HtmlScrapinghub)->Unit(benchmark::kMillisecond);

void BM_HtmlTrafilatura(benchmark::State& state) { Run(state, Trafilatura()); }
BENCHMARK(BM_HtmlTrafilatura)->Unit(benchmark::kMillisecond);

// A 50 MB news-like page written by the generator below: a nav bar, then
// paragraphs in <div>s with a link each, then a footer.
std::string BigPage(std::size_t bytes) {
  std::string s =
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Big</title></head><body>"
      "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav><div class=\"story\">";
  static const char* kWords[] = {"the", "council", "said", "on", "Monday", "that", "troops",
                                 "would", "leave", "villages", "near", "border", "after",
                                 "talks", "with", "local", "leaders", "and", "officials"};
  unsigned x = 12345;
  std::size_t i = 0;
  while (s.size() < bytes) {
    s += "<div class=\"block\"><p>";
    for (int w = 0; w < 60; ++w) {
      x = x * 1103515245u + 12345u;
      s += kWords[(x >> 16) % (sizeof kWords / sizeof *kWords)];
      s += w % 12 == 11 ? ", " : " ";
    }
    s += "end.</p><p><a href=\"/x" + std::to_string(i) + "\">more</a> and a short line.</p></div>\n";
    ++i;
  }
  s += "</div><footer>Footer</footer></body></html>";
  return s;
}

void BM_Html50MB(benchmark::State& state) {
  std::string page = BigPage(50u << 20);
  dyad::InputOptions options;
  std::size_t text = 0;
  for (auto _ : state) {
    auto doc = dyad::ingest::HtmlToDocument("big", page, options);
    text = doc.ok() ? doc->text.size() : 0;
    benchmark::DoNotOptimize(doc);
  }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  state.counters["peak_rss_mb"] = static_cast<double>(ru.ru_maxrss) / 1024;
  state.counters["page_mb"] = static_cast<double>(page.size()) / (1 << 20);
  state.counters["text_mb"] = static_cast<double>(text) / (1 << 20);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * page.size()));
}
BENCHMARK(BM_Html50MB)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
