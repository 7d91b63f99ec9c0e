// The internal interface every pipeline stage implements.
#ifndef DYAD_PIPELINE_STAGE_H_
#define DYAD_PIPELINE_STAGE_H_

#include "dyad/pipeline.h"
#include "dyad/status.h"

namespace dyad::internal {

// A stage reads what earlier stages wrote into the AnalyzedDocument and adds
// its own results. Run() is const and thread-safe: a stage's resources are
// loaded once, when it is built, and are immutable afterwards.
class Stage {
 public:
  virtual ~Stage() = default;
  virtual StageId id() const = 0;
  virtual Status Run(AnalyzedDocument* doc) const = 0;
};

}  // namespace dyad::internal

#endif  // DYAD_PIPELINE_STAGE_H_
