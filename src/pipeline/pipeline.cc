#include "dyad/pipeline.h"

#include <cstdlib>
#include <filesystem>

#include "pipeline/stage.h"
#include "pipeline/stages.h"
#include "text/segmenter.h"

namespace dyad {

const char* StageName(StageId id) {
  switch (id) {
    case StageId::kIngest: return "ingest";
    case StageId::kSegment: return "segment";
    case StageId::kAnalyze: return "analyze";
    case StageId::kActors: return "actors";
    case StageId::kCode: return "code";
    case StageId::kEnrich: return "enrich";
  }
  return "unknown";
}

StatusOr<StageId> ParseStageName(const std::string& name) {
  for (int i = static_cast<int>(StageId::kIngest); i <= static_cast<int>(StageId::kEnrich); ++i) {
    if (name == StageName(static_cast<StageId>(i))) return static_cast<StageId>(i);
  }
  return InvalidArgumentError("unknown stage '" + name +
                              "' (expected ingest, segment, analyze, actors, code or enrich)");
}

namespace {

class SegmentStage : public internal::Stage {
 public:
  StageId id() const override { return StageId::kSegment; }
  Status Run(AnalyzedDocument* doc) const override {
    doc->sentences = text::Segment(doc->document);
    return Status::OK();
  }
};

}  // namespace

namespace internal {

std::string ResolveDataDir(const PipelineOptions& options) {
  if (!options.data_dir.empty()) return options.data_dir;
  if (const char* env = std::getenv("DYAD_DATA_DIR"); env && *env) return env;
  std::error_code ec;
  if (std::filesystem::exists(DYAD_SOURCE_DATA_DIR, ec)) return DYAD_SOURCE_DATA_DIR;
  return DYAD_INSTALL_DATA_DIR;
}

}  // namespace internal

Pipeline::Pipeline(PipelineOptions options) : options_(std::move(options)) {}
Pipeline::~Pipeline() = default;

StatusOr<std::unique_ptr<Pipeline>> Pipeline::Create(const PipelineOptions& options) {
  std::unique_ptr<Pipeline> p(new Pipeline(options));
  p->stages_.push_back(std::make_unique<SegmentStage>());
  using Factory = StatusOr<std::unique_ptr<internal::Stage>> (*)(const PipelineOptions&);
  const std::pair<StageId, Factory> factories[] = {
      {StageId::kAnalyze, internal::MakeAnalyzeStage},
      {StageId::kActors, internal::MakeActorsStage},
      {StageId::kCode, internal::MakeCodeStage},
      {StageId::kEnrich, internal::MakeEnrichStage},
  };
  for (const auto& [id, make] : factories) {
    if (static_cast<int>(id) > static_cast<int>(options.last_stage)) break;
    auto stage = make(options);
    if (!stage.ok()) return stage.status().WithContext(StageName(id));
    if (*stage) p->stages_.push_back(std::move(stage).value());
  }
  return p;
}

StatusOr<AnalyzedDocument> Pipeline::Run(Document doc, StageId* failed) const {
  AnalyzedDocument out;
  out.document = std::move(doc);
  for (const auto& stage : stages_) {
    if (static_cast<int>(stage->id()) > static_cast<int>(options_.last_stage)) break;
    Status s = stage->Run(&out);
    if (!s.ok()) {
      if (failed) *failed = stage->id();
      return Status(s.code(), std::string(StageName(stage->id())) + ": " + std::string(s.message()),
                    std::string(s.where()));
    }
  }
  return out;
}

}  // namespace dyad
