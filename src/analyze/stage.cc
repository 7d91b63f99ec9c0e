// The analyze stage: POS tags, lemmas, features, dependencies and named
// entities for every sentence, from the models in <data>/models/ (loaded
// once, when the pipeline is built; a missing model fails the build of the
// pipeline with the model's path).
#include "analyze/analyzer.h"
#include "pipeline/stages.h"
#include "util/status_macros.h"

namespace dyad::internal {
namespace {

class AnalyzeStage : public Stage {
 public:
  explicit AnalyzeStage(std::unique_ptr<analyze::Analyzer> a) : analyzer_(std::move(a)) {}
  StageId id() const override { return StageId::kAnalyze; }
  Status Run(AnalyzedDocument* doc) const override {
    analyzer_->AnalyzeDocument(&doc->sentences);
    return Status::OK();
  }

 private:
  std::unique_ptr<analyze::Analyzer> analyzer_;
};

}  // namespace

StatusOr<std::unique_ptr<Stage>> MakeAnalyzeStage(const PipelineOptions& options) {
  analyze::AnalyzerOptions ao;
  if (!options.parser_model.empty()) {
    RETURN_IF_ERROR(analyze::SetParserSpec(options.parser_model, &ao));
  }
  ao.beam = options.parser_beam;
  ao.parser_net = options.parser_net;
  auto a = analyze::Analyzer::Load(ResolveDataDir(options) + "/models", ao);
  if (!a.ok()) return a.status();
  return std::unique_ptr<Stage>(new AnalyzeStage(std::move(*a)));
}

}  // namespace dyad::internal
