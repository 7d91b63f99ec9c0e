// Evaluations that run the whole pipeline with dyad's shipped models and
// dictionaries (no reference dictionaries):
//   plover  PLOVER GSR dev (events/gold/plover-gsr-dev/PLOVER_GSR_dev.json):
//           per record, the gold PLOVER event type against the set of types
//           of the coded events; micro event-type P/R/F1. The GSR uses the
//           PLOVER 0.5 vocabulary, so codebook types are renamed for the
//           comparison: REQUEST -> DEMAND, ACCUSE -> INVESTIGATE for CAMEO
//           09 and DISAPPROVE otherwise, ASSAULT -> FIGHT for CAMEO 19.
//   seed    the hand-coded HRW release (seed/hrw-chechnya-2018.*): every
//           required event found, no forbidden one produced, with the
//           matching rules of the file's header.
#ifndef DYAD_CODE_EVAL_PIPELINE_H_
#define DYAD_CODE_EVAL_PIPELINE_H_

#include <string>
#include <vector>

#include "code/eval.h"
#include "dyad/pipeline.h"

namespace dyad::code {

// The GSR-era PLOVER type of a CAMEO code ("" when PLOVER drops it).
std::string GsrPloverType(const std::string& cameo);

// PLOVER GSR dev: `report.triples` holds the event-type counts and
// `report.categories` one row per gold type.
StatusOr<EvalReport> RunPloverGsr(const std::string& shared, const PipelineOptions& options,
                                  bool verbose);

struct SeedReport {
  int required = 0, required_found = 0;
  int forbidden = 0, forbidden_produced = 0;
  int optional = 0, optional_found = 0;
  int events = 0;                  // Events the pipeline produced.
  std::vector<std::string> lines;  // One line per expectation: status, id, result.
};

StatusOr<SeedReport> RunSeed(const std::string& shared, const PipelineOptions& options);

std::string FormatSeedReport(const SeedReport& r);

}  // namespace dyad::code

#endif  // DYAD_CODE_EVAL_PIPELINE_H_
