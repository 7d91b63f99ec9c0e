// dyad eval contexts: PLOVER context F1 on the PLOVER GSR dev set.
#include <cstdio>
#include <string>

#include "enrich/context_eval.h"
#include "tools/cli.h"

namespace dyad::cli {
namespace {

int Run(int argc, char** argv) {
  std::string shared = "../shared/data";
  bool no_pipeline = false;
  Flags flags("dyad eval contexts [--shared DIR] [--no-pipeline]",
              "Scores PLOVER contexts against the PLOVER GSR dev set "
              "(events/gold/plover-gsr-dev): the cue table on each sentence, and the whole "
              "pipeline's event contexts, as micro P/R/F1 in the GSR's vocabulary "
              "(src/enrich/context_eval.h).");
  flags.String("shared", &shared, "the shared data folder");
  flags.Bool("no-pipeline", &no_pipeline, "score the cue table only");
  int code = 0;
  if (!flags.Parse(argc, argv, &code)) return code;
  std::unique_ptr<Pipeline> pipeline;
  if (!no_pipeline) {
    auto p = Pipeline::Create(PipelineOptions{});
    if (!p.ok()) {
      PrintError("eval contexts", p.status());
      return kExitUsage;
    }
    pipeline = std::move(p).value();
  }
  auto ev = enrich::EvaluateGsrContexts(shared, pipeline.get());
  if (!ev.ok()) {
    PrintError("eval contexts", ev.status());
    return kExitUsage;
  }
  std::printf("PLOVER GSR dev contexts: %d records with a context label\n", ev->records);
  std::printf("%-10s %7s %7s %7s %5s %5s %5s\n", "label", "P", "R", "F1", "tp", "fp", "fn");
  for (const auto& [label, s] : ev->cues_by_label) {
    std::printf("%-10s %7.3f %7.3f %7.3f %5d %5d %5d\n", label.c_str(), s.Precision(),
                s.Recall(), s.F1(), s.tp, s.fp, s.fn);
  }
  const auto& c = ev->cues;
  std::printf("cues      P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d)\n", c.Precision(),
              c.Recall(), c.F1(), c.tp, c.fp, c.fn);
  if (ev->pipeline_run) {
    const auto& p = ev->pipeline;
    std::printf("pipeline  P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d)\n", p.Precision(),
                p.Recall(), p.F1(), p.tp, p.fp, p.fn);
  }
  return kExitOk;
}

const Registrar kRegister({"eval contexts", "score PLOVER contexts on the PLOVER GSR dev set",
                           Run});

}  // namespace
}  // namespace dyad::cli
