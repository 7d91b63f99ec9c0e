// The analyze stage: POS tags, lemmas, features, dependencies and named
// entities for every sentence, from the models in <data>/models/ (loaded
// once, when the pipeline is built; a missing model fails the build of the
// pipeline with the model's path). Locations that the gazetteer knows as
// countries, regions or towns become GPE (analyze/gpe.h); without a gazetteer
// each document with a location gets a warning saying so.
#include <mutex>
#include <string>
#include <vector>

#include "analyze/analyzer.h"
#include "analyze/gpe.h"
#include "geo/gazetteer.h"
#include "pipeline/stages.h"
#include "util/status_macros.h"

namespace dyad::internal {
namespace {

class AnalyzeStage : public Stage {
 public:
  // `gpe` false: NER's LOC stays (PipelineOptions::gpe).
  AnalyzeStage(std::unique_ptr<analyze::Analyzer> a, std::string data_dir, bool gpe)
      : analyzer_(std::move(a)), data_dir_(std::move(data_dir)), gpe_(gpe) {}
  StageId id() const override { return StageId::kAnalyze; }
  Status Run(AnalyzedDocument* doc) const override {
    analyzer_->AnalyzeDocument(&doc->sentences);
    if (gpe_ && analyzer_->ner() && HasLocation(doc->sentences)) {
      const geo::DataGazetteer& places = Places();
      if (places.gazetteer) {
        analyze::MarkGeopolitical(*places.gazetteer, {}, &doc->sentences);
      } else {
        doc->document.warnings.push_back("analyze: " + places.problem +
                                         "; no location is labelled GPE");
      }
    }
    return Status::OK();
  }

 private:
  static bool HasLocation(const std::vector<Sentence>& sentences) {
    for (const Sentence& s : sentences) {
      for (const Token& t : s.tokens) {
        if (t.ner == "B-LOC") return true;
      }
    }
    return false;
  }
  // The gazetteer, loaded when a first location needs it (about 30 ms that
  // a run without one, or `dyad analyze` of nothing, does not pay); shared
  // with the actors and enrich stages, which load it when they are built.
  const geo::DataGazetteer& Places() const {
    std::call_once(places_once_, [this] { places_ = geo::LoadDataGazetteer(data_dir_); });
    return places_;
  }

  std::unique_ptr<analyze::Analyzer> analyzer_;
  std::string data_dir_;
  bool gpe_;
  mutable std::once_flag places_once_;
  mutable geo::DataGazetteer places_;
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
  return std::unique_ptr<Stage>(
      new AnalyzeStage(std::move(*a), ResolveDataDir(options), options.gpe));
}

}  // namespace dyad::internal
