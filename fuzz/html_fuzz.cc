// libFuzzer target for HTML ingestion: arbitrary bytes through charset
// detection, the prefilter and nesting guard, MyHTML, extraction and metadata
// (ingest::HtmlToDocument), with and without captions. Checks the
// Document invariants: valid UTF-8 text and in-bounds, ordered block spans.
//
// Build (clang): CC=clang CXX=clang++ cmake -S . -B build-fuzz -DDYAD_BUILD_FUZZ=ON
//   -DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link,address && cmake --build build-fuzz
//   --target html_fuzz
// Run: ASAN_OPTIONS=suppressions=fuzz/html_fuzz_asan.supp build-fuzz/html_fuzz CORPUS
//   -max_total_time=600 -max_len=16384 -timeout=10 -rss_limit_mb=2048
// (the suppression file names one overlapping memcpy inside MyHTML, see there;
// CORPUS: a directory seeded with tests/fixtures/html).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "dyad/input.h"
#include "ingest/html.h"
#include "util/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  dyad::InputOptions options;
  options.keep_captions = size > 0 && (data[0] & 1);
  auto doc = dyad::ingest::HtmlToDocument("fuzz", bytes, options);
  if (!doc.ok()) return 0;
  if (!dyad::utf8::IsValid(doc->text)) std::abort();
  std::uint32_t last = 0;
  for (const dyad::Block& b : doc->blocks) {
    if (b.span.begin > b.span.end || b.span.end > doc->text.size() || b.span.begin < last) {
      std::abort();
    }
    last = b.span.end;
  }
  (void)dyad::ingest::SniffHtml(bytes);
  return 0;
}
