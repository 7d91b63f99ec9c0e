// The enrich stage: dates, places, PLOVER contexts and event keys for every
// event the code stage produced (enricher.h has the rules).
#include <memory>

#include "enrich/enricher.h"
#include "geo/gazetteer.h"
#include "pipeline/stages.h"

namespace dyad::internal {
namespace {

class EnrichStage : public Stage {
 public:
  EnrichStage(std::shared_ptr<const geo::Gazetteer> gazetteer, std::string problem)
      : gazetteer_(std::move(gazetteer)),
        problem_(std::move(problem)),
        enricher_(gazetteer_.get()) {}
  StageId id() const override { return StageId::kEnrich; }
  Status Run(AnalyzedDocument* doc) const override {
    enricher_.EnrichAll(doc);
    if (!gazetteer_ && !doc->events.empty()) {
      doc->document.warnings.push_back("enrich: " + problem_ + "; places come from actors only");
    }
    return Status::OK();
  }

 private:
  std::shared_ptr<const geo::Gazetteer> gazetteer_;
  std::string problem_;  // Why there is no gazetteer.
  enrich::Enricher enricher_;
};

}  // namespace

StatusOr<std::unique_ptr<Stage>> MakeEnrichStage(const PipelineOptions& options) {
  // A missing or unreadable gazetteer is a warning on each document with
  // events, not a failure: dates and actor places still work.
  geo::DataGazetteer g = geo::LoadDataGazetteer(ResolveDataDir(options));
  return std::unique_ptr<Stage>(new EnrichStage(std::move(g.gazetteer), std::move(g.problem)));
}

}  // namespace dyad::internal
