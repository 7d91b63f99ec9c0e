// The analyze stage: POS tags, lemmas, features, dependencies and named
// entities for every sentence, from the models in <data>/models/.
#include <filesystem>

#include "analyze/analyzer.h"
#include "pipeline/stages.h"

namespace dyad::internal {
namespace {

class AnalyzeStage : public Stage {
 public:
  explicit AnalyzeStage(std::unique_ptr<analyze::Analyzer> a) : analyzer_(std::move(a)) {}
  StageId id() const override { return StageId::kAnalyze; }
  Status Run(AnalyzedDocument* doc) const override {
    for (Sentence& s : doc->sentences) analyzer_->Analyze(&s);
    return Status::OK();
  }

 private:
  std::unique_ptr<analyze::Analyzer> analyzer_;
};

}  // namespace

StatusOr<std::unique_ptr<Stage>> MakeAnalyzeStage(const PipelineOptions& options) {
  // The parser and NER models join as they are trained; the tagger is
  // required.
  const std::string dir = ResolveDataDir(options) + "/models";
  std::error_code ec;
  analyze::AnalyzerOptions ao;
  ao.parse = std::filesystem::exists(dir + "/parser.bin", ec);
  ao.ner = std::filesystem::exists(dir + "/ner.bin", ec);
  auto a = analyze::Analyzer::Load(dir, ao);
  if (!a.ok()) return a.status();
  return std::unique_ptr<Stage>(new AnalyzeStage(std::move(*a)));
}

}  // namespace dyad::internal
