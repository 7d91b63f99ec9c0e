// Factories for the pipeline stages after segmentation. Each stage's own
// directory defines its factory (src/analyze/stage.cc, src/actors/stage.cc,
// src/code/stage.cc, src/enrich/stage.cc). A factory returns nullptr when its
// stage has nothing to do yet, and an error when a resource cannot be loaded.
#ifndef DYAD_PIPELINE_STAGES_H_
#define DYAD_PIPELINE_STAGES_H_

#include <memory>

#include "dyad/pipeline.h"
#include "dyad/status.h"
#include "pipeline/stage.h"

namespace dyad::internal {

// Directory holding models/ and dictionaries: options.data_dir, else
// $DYAD_DATA_DIR, else the source tree's data/ (for builds run in place),
// else the install prefix's share/dyad.
std::string ResolveDataDir(const PipelineOptions& options);

StatusOr<std::unique_ptr<Stage>> MakeAnalyzeStage(const PipelineOptions& options);
StatusOr<std::unique_ptr<Stage>> MakeActorsStage(const PipelineOptions& options);
StatusOr<std::unique_ptr<Stage>> MakeCodeStage(const PipelineOptions& options);
StatusOr<std::unique_ptr<Stage>> MakeEnrichStage(const PipelineOptions& options);

}  // namespace dyad::internal

#endif  // DYAD_PIPELINE_STAGES_H_
