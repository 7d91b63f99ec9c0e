// The actors stage: loads the shipped dictionaries (<data>/dict), or those
// in PipelineOptions::dictionaries, once, and resolves each document's actor
// mentions (see resolver.h). Dictionary syntax errors do not stop the stage;
// `dyad dict check` reports them. With the shipped dictionaries it also loads
// the gazetteer the build compiles (geo::LoadDataGazetteer), whose cities are part
// of the default actors. Without one, or when it cannot be read, the stage
// goes on without cities and says so in each document's warnings (`dyad
// dict check` says whether the cities are on). With the user's own
// dictionaries names are not looked up as cities.
#include <memory>

#include "actors/actor_dictionary.h"
#include "actors/resolver.h"
#include "geo/gazetteer.h"
#include "pipeline/stages.h"

namespace dyad::internal {
namespace {

class ActorsStage : public Stage {
 public:
  ActorsStage(std::unique_ptr<actors::ActorDictionary> dict,
              std::shared_ptr<const geo::Gazetteer> gazetteer, std::string warning)
      : dict_(std::move(dict)),
        gazetteer_(std::move(gazetteer)),
        warning_(std::move(warning)),
        resolver_(dict_.get(), gazetteer_.get()) {}
  StageId id() const override { return StageId::kActors; }
  Status Run(AnalyzedDocument* doc) const override {
    if (!warning_.empty()) doc->document.warnings.push_back(warning_);
    return resolver_.Resolve(doc);
  }

 private:
  std::unique_ptr<actors::ActorDictionary> dict_;
  std::shared_ptr<const geo::Gazetteer> gazetteer_;
  std::string warning_;  // Why there are no cities, if there are none.
  actors::Resolver resolver_;
};

}  // namespace

StatusOr<std::unique_ptr<Stage>> MakeActorsStage(const PipelineOptions& options) {
  auto load = [&]() -> StatusOr<std::unique_ptr<actors::ActorDictionary>> {
    if (options.dictionaries.empty()) {
      return actors::ActorDictionary::LoadShipped(ResolveDataDir(options));
    }
    std::vector<actors::DictFile> files;
    for (const auto& p : options.dictionaries) files.push_back({p, actors::GuessDictFormat(p)});
    return actors::ActorDictionary::LoadFiles(files);
  };
  auto dict = load();
  if (!dict.ok()) {
    return Status(dict.status().code(),
                  "cannot load dictionaries: " + std::string(dict.status().message()));
  }
  std::shared_ptr<const geo::Gazetteer> gazetteer;
  std::string warning;
  if (options.dictionaries.empty()) {
    geo::DataGazetteer cities = geo::LoadDataGazetteer(ResolveDataDir(options));
    gazetteer = std::move(cities.gazetteer);
    if (!cities.problem.empty()) warning = "actors: " + cities.problem + "; cities are not coded";
  }
  return std::unique_ptr<Stage>(
      new ActorsStage(std::move(dict).value(), std::move(gazetteer), std::move(warning)));
}

}  // namespace dyad::internal
