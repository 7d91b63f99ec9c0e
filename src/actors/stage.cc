// The actors stage: loads the shipped dictionaries (<data>/dict), or those
// in PipelineOptions::dictionaries, once, and resolves each document's actor
// mentions (see resolver.h). Dictionary syntax errors do not stop the stage;
// `dyad dict check` reports them.
#include <memory>

#include "actors/actor_dictionary.h"
#include "actors/resolver.h"
#include "pipeline/stages.h"

namespace dyad::internal {
namespace {

class ActorsStage : public Stage {
 public:
  explicit ActorsStage(std::unique_ptr<actors::ActorDictionary> dict)
      : dict_(std::move(dict)), resolver_(dict_.get()) {}
  StageId id() const override { return StageId::kActors; }
  Status Run(AnalyzedDocument* doc) const override { return resolver_.Resolve(doc); }

 private:
  std::unique_ptr<actors::ActorDictionary> dict_;
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
  return std::unique_ptr<Stage>(new ActorsStage(std::move(dict).value()));
}

}  // namespace dyad::internal
