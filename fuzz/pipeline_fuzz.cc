// libFuzzer target for the whole pipeline on plain text: arbitrary bytes
// through DocumentFromBytes (BOM, encodings, UTF-8 repair, junk rejection),
// then segmentation, tagging, parsing (including the non-monotonic parser's
// repair moves and its step limit), NER with the document history, actors,
// the coder and enrichment, with the shipped models and dictionaries.
// Checks the invariants every later reader relies on: token, sentence,
// mention and event spans inside the text and ordered; heads inside their
// sentence and no token its own head; mention token ranges inside their
// sentence; events pointing at existing sentences.
//
// Build (clang), as html_fuzz: CC=clang CXX=clang++ cmake -S . -B build-fuzz
//   -DDYAD_BUILD_FUZZ=ON -DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link,address
//   && cmake --build build-fuzz --target pipeline_fuzz
// Run from the repository root (the models are found under ./data, the
// gazetteer in the build tree): DYAD_DATA_DIR=data build-fuzz/pipeline_fuzz
//   CORPUS -max_total_time=600 -max_len=4096 -timeout=10 -rss_limit_mb=2048
// (CORPUS: a directory seeded with examples/ and tests/fixtures text files).
// DYAD_FUZZ_PARSER sets PipelineOptions::parser_model, e.g. the opt-in
// ensemble "parser-beam.bin,parser-r2l-beam.bin,parser.bin" (beam search,
// right-to-left parsing and the reparsing combiner).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "dyad/input.h"
#include "dyad/pipeline.h"

namespace {

const dyad::Pipeline& SharedPipeline() {
  static std::unique_ptr<dyad::Pipeline> pipeline = [] {
    dyad::PipelineOptions options;
    if (const char* parser = std::getenv("DYAD_FUZZ_PARSER")) options.parser_model = parser;
    auto p = dyad::Pipeline::Create(options);
    if (!p.ok()) {
      std::fprintf(stderr, "pipeline_fuzz: %s\n", p.status().ToString().c_str());
      std::abort();
    }
    return std::move(p).value();
  }();
  return *pipeline;
}

void Check(bool ok) {
  if (!ok) std::abort();
}

bool Inside(const dyad::Span& s, std::size_t size) { return s.begin <= s.end && s.end <= size; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto doc = dyad::DocumentFromBytes("fuzz", bytes, dyad::InputFormat::kText, dyad::InputOptions{});
  if (!doc.ok()) return 0;
  auto out = SharedPipeline().Run(std::move(doc).value());
  if (!out.ok()) return 0;  // A stage's clear error is allowed; a crash is not.
  const std::size_t n = out->document.text.size();
  std::uint32_t last = 0;
  for (const dyad::Sentence& s : out->sentences) {
    Check(Inside(s.span, n) && s.span.begin >= last);
    last = s.span.end;
    const int count = static_cast<int>(s.tokens.size());
    int roots = 0;
    for (int i = 0; i < count; ++i) {
      const dyad::Token& t = s.tokens[i];
      Check(Inside(t.span, n));
      Check(t.head >= -1 && t.head < count && t.head != i);
      roots += t.head == -1;
    }
    Check(count == 0 || roots == 1);  // one root word a parsed sentence
  }
  for (const dyad::ActorMention& m : out->mentions) {
    Check(Inside(m.span, n) && m.sentence < out->sentences.size());
    Check(m.token_begin <= m.token_end &&
          m.token_end <= out->sentences[m.sentence].tokens.size());
  }
  for (const dyad::Event& e : out->events) {
    Check(e.sentence < out->sentences.size());
    Check(Inside(e.trigger, n) && Inside(e.evidence, n));
    Check(Inside(e.source.span, n) && Inside(e.target.span, n));
  }
  return 0;
}
