// The enrich stage factory. Not built yet: returns nullptr, so the pipeline
// skips the stage. Replace with the real stage.
#include "pipeline/stages.h"

namespace dyad::internal {

StatusOr<std::unique_ptr<Stage>> MakeEnrichStage(const PipelineOptions& options) {
  return std::unique_ptr<Stage>();
}

}  // namespace dyad::internal
