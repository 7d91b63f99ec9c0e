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
  explicit EnrichStage(std::shared_ptr<const geo::Gazetteer> gazetteer)
      : gazetteer_(std::move(gazetteer)), enricher_(gazetteer_.get()) {}
  StageId id() const override { return StageId::kEnrich; }
  Status Run(AnalyzedDocument* doc) const override {
    enricher_.EnrichAll(doc);
    if (!gazetteer_ && !doc->events.empty()) {
      doc->document.warnings.push_back(
          "enrich: no gazetteer (geo/gazetteer.bin) found; places come from actors only");
    }
    return Status::OK();
  }

 private:
  std::shared_ptr<const geo::Gazetteer> gazetteer_;
  enrich::Enricher enricher_;
};

}  // namespace

StatusOr<std::unique_ptr<Stage>> MakeEnrichStage(const PipelineOptions& options) {
  std::shared_ptr<const geo::Gazetteer> gazetteer;
  std::string path = geo::FindGazetteerFile(ResolveDataDir(options));
  if (!path.empty()) {
    auto g = geo::Gazetteer::LoadShared(path);
    if (!g.ok()) return g.status();
    gazetteer = std::move(g).value();
  }
  return std::unique_ptr<Stage>(new EnrichStage(std::move(gazetteer)));
}

}  // namespace dyad::internal
