// dyad eval segment: scores the segmenter against CoNLL-U gold files.
#include <cstdio>
#include <string>

#include "text/conllu.h"
#include "text/segment_eval.h"
#include "tools/cli.h"
#include "util/json_writer.h"

namespace dyad::cli {
namespace {

int Run(int argc, char** argv) {
  bool json = false;
  Flags flags("dyad eval segment [--json] [--errors] FILE.conllu...",
              "Rebuilds the raw text of each CoNLL-U file from its '# text' lines (sentences "
              "joined by a space, '# newpar'/'# newdoc' as blank lines), segments it and "
              "reports token, sentence, word and multi-word-token precision, recall and F1 "
              "with the CoNLL 2018 shared-task definitions (docs/segmentation.md).");
  flags.Bool("json", &json, "print one JSON object per file instead of tables");
  bool errors = false;
  flags.Bool("errors", &errors,
             "also list sentence ends missed (-) and added (+), with context");
  int code = 0;
  if (!flags.Parse(argc, argv, &code)) return code;
  if (flags.positional().empty()) {
    std::fprintf(stderr, "error: no CoNLL-U file given\n%s", flags.Help().c_str());
    return kExitUsage;
  }
  int exit_code = kExitOk;
  for (const std::string& path : flags.positional()) {
    auto gold = text::ReadConllu(path);
    if (!gold.ok()) {
      PrintError(path, gold.status());
      exit_code = kExitUsage;
      continue;
    }
    auto e = text::EvaluateSegmenter(*gold, nullptr, errors);
    if (!e.ok()) {
      PrintError(path, e.status());
      exit_code = kExitSomeFailed;
      continue;
    }
    if (json) {
      std::string out;
      JsonWriter w(&out);
      w.BeginObject();
      w.Field("file", path);
      w.Key("scores");
      w.Raw(text::SegmentEvalJson(*e));
      w.EndObject();
      std::printf("%s\n", out.c_str());
    } else {
      std::printf("%s\n%s\n", path.c_str(), text::FormatSegmentEval(*e).c_str());
      for (const std::string& line : e->boundary_errors) std::printf("%s\n", line.c_str());
    }
  }
  return exit_code;
}

const Registrar kRegister({"eval segment", "score sentence splitting and tokenization on CoNLL-U",
                           Run});

}  // namespace
}  // namespace dyad::cli
