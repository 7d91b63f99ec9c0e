// dyad eval events: runs the event-coding reference suites.
#include <cstdio>
#include <string>
#include <vector>

#include "code/eval.h"
#include "code/eval_pipeline.h"
#include "tools/cli.h"

namespace dyad::cli {
namespace {

int Run(int argc, char** argv) {
  std::string shared = "../shared/data";
  bool no_parse = false, verbose = false, warnings = false, default_modalities = false;
  Flags flags("dyad eval events [options] SUITE...",
              "Runs event-coding gold suites in their native formats and reports sentence-level "
              "exact match, (source, target, code) triple P/R/F1, root-code F1, a per-category "
              "table and a root confusion table. SUITE is one of: tabari (TABARI Validate.text "
              "with its own dictionaries, expectations read from its validation fields; a second "
              "line gives the same run against the third-party gold.tsv), tabari-gold (that run "
              "alone), petrarch (PETRARCH unit tests, PETR.Validate.*), "
              "udpetrarch (UniversalPetrarch 2_02), plover (PLOVER GSR dev, event-type F1 with the "
              "shipped models and dictionaries), seed (the hand-coded HRW release: required "
              "events found, forbidden ones absent), all. See docs/coder.md.");
  flags.String("shared", &shared, "the shared data folder (holds events/gold)");
  std::string data_dir;
  flags.String("data-dir", &data_dir, "dyad's models and dictionaries (plover, seed)");
  flags.Bool("no-parse", &no_parse, "ignore the suites' dependency parses (shallow coding only)");
  flags.Bool("verbose", &verbose, "list every record that is not an exact match");
  flags.Bool("warnings", &warnings, "list dictionary lines that could not be read");
  flags.Bool("default-modalities", &default_modalities,
             "drop negated/hypothetical/future events as the pipeline does by default");
  int code = 0;
  if (!flags.Parse(argc, argv, &code)) return code;
  std::vector<std::string> suites = flags.positional();
  if (suites.empty() || (suites.size() == 1 && suites[0] == "all")) {
    suites = {"tabari", "petrarch", "udpetrarch", "plover", "seed"};
  }
  code::EvalOptions opts;
  opts.use_parse = !no_parse;
  opts.verbose = verbose;
  opts.all_modalities = !default_modalities;
  int exit_code = kExitOk;
  PipelineOptions popts;
  popts.data_dir = data_dir;
  for (const auto& s : suites) {
    if (s == "seed") {
      auto r = code::RunSeed(shared, popts);
      if (!r.ok()) {
        PrintError(s, r.status());
        exit_code = kExitUsage;
        continue;
      }
      std::printf("%s", code::FormatSeedReport(*r).c_str());
      continue;
    }
    auto r = s == "plover" ? code::RunPloverGsr(shared, popts, verbose)
                           : code::RunLegacySuite(s, shared + "/events/gold", opts);
    if (!r.ok()) {
      PrintError(s, r.status());
      exit_code = kExitUsage;
      continue;
    }
    std::printf("%s", code::FormatReport(*r).c_str());
    if (s == "tabari") {
      code::TabariReadCounts counts;
      if (code::ReadTabariSuite(shared + "/events/gold/tabari-validate", &counts).ok()) {
        std::printf("  not scored: %d records with only a \"-{\" field, %d from the first record "
                    "without fields (FINAL-01) on\n",
                    counts.unchecked, counts.after_stop);
      }
      auto g = code::RunLegacySuite("tabari-gold", shared + "/events/gold", opts);
      if (g.ok()) {
        std::printf("  against gold.tsv: %d records, exact %.1f%% (%d), triples P %.3f R %.3f F1 %.3f\n",
                    g->records, 100 * g->exact_rate(), g->exact, g->triples.Precision(),
                    g->triples.Recall(), g->triples.F1());
      }
    }
    if (warnings) {
      for (const auto& w : r->warnings) std::printf("  warning: %s\n", w.c_str());
    } else if (!r->warnings.empty()) {
      std::printf("  (%zu dictionary lines skipped; --warnings lists them)\n", r->warnings.size());
    }
    for (const auto& m : r->misses) std::printf("  miss %s\n", m.c_str());
  }
  return exit_code;
}

const Registrar kRegister({"eval events", "score the event coder on the TABARI/PETRARCH suites", Run});

}  // namespace
}  // namespace dyad::cli
