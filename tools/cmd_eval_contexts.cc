// dyad eval contexts: PLOVER context F1 on the PLOVER GSR dev set.
#include <cstdio>
#include <string>

#include "enrich/context_eval.h"
#include "enrich/enricher.h"
#include "geo/gazetteer.h"
#include "pipeline/stages.h"
#include "tools/cli.h"

namespace dyad::cli {
namespace {

int Run(int argc, char** argv) {
  std::string shared = "../shared/data";
  bool no_pipeline = false, verbose = false;
  Flags flags("dyad eval contexts [--shared DIR] [--no-pipeline]",
              "Scores PLOVER contexts against the PLOVER GSR dev set "
              "(events/gold/plover-gsr-dev): the cue table on each sentence, and the whole "
              "pipeline's event contexts, as micro P/R/F1 in the GSR's vocabulary "
              "(src/enrich/context_eval.h).");
  flags.String("shared", &shared, "the shared data folder");
  flags.Bool("no-pipeline", &no_pipeline, "score the cue table only");
  flags.Bool("verbose", &verbose, "list every eventLoc record with the place found");
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
  std::printf("modes     %d of %d GSR records whose mode our cues can name\n", ev->mode_right,
              ev->mode_records);
  if (ev->pipeline_run) {
    const auto& p = ev->pipeline;
    std::printf("pipeline  P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d)\n", p.Precision(),
                p.Recall(), p.F1(), p.tp, p.fp, p.fn);
  }
  // Places on the records that carry an event location.
  std::unique_ptr<geo::Gazetteer> gaz;
  std::string gpath = geo::FindGazetteerFile(internal::ResolveDataDir(PipelineOptions{}));
  if (!gpath.empty()) {
    auto g = geo::Gazetteer::Load(gpath);
    if (g.ok()) gaz = std::make_unique<geo::Gazetteer>(std::move(g).value());
  }
  enrich::Enricher enricher(gaz.get());
  auto places = enrich::EvaluateGsrPlaces(shared, enricher, gaz.get());
  if (!places.ok()) {
    PrintError("eval contexts", places.status());
    return kExitUsage;
  }
  if (verbose) {
    for (const auto& l : places->lines) std::printf("  %s\n", l.c_str());
  }
  std::printf("places (eventLoc): %d records, %d placed, %d right (%.1f%%)\n", places->records,
              places->placed, places->right,
              places->records ? 100.0 * places->right / places->records : 0.0);
  return kExitOk;
}

const Registrar kRegister({"eval contexts", "score PLOVER contexts on the PLOVER GSR dev set",
                           Run});

}  // namespace
}  // namespace dyad::cli
