// Pipeline: runs the stages (segment, analyze, actors, code, enrich) over a
// Document. See docs/architecture.md for what each stage does.
//
//   dyad::PipelineOptions opts;
//   auto pipeline = dyad::Pipeline::Create(opts);
//   if (!pipeline.ok()) ...;
//   dyad::StatusOr<dyad::AnalyzedDocument> out = (*pipeline)->Run(std::move(doc));
//
// Thread safety: Run() is const and may be called from many threads at once;
// loaded resources (models, dictionaries) are immutable and shared.
#ifndef DYAD_PIPELINE_H_
#define DYAD_PIPELINE_H_

#include <memory>
#include <string>
#include <vector>

#include "dyad/document.h"
#include "dyad/event.h"
#include "dyad/sentence.h"
#include "dyad/status.h"

namespace dyad {

// The stages, in order. A pipeline runs every stage up to and including
// its `last_stage`.
enum class StageId : int {
  kIngest = -1,  // As a last stage: run none, keep the ingested Document only.
  kSegment = 0,
  kAnalyze = 1,
  kActors = 2,
  kCode = 3,
  kEnrich = 4,
};

const char* StageName(StageId id);
StatusOr<StageId> ParseStageName(const std::string& name);

struct PipelineOptions {
  // The last stage to run. Default: kEnrich (everything).
  StageId last_stage = StageId::kEnrich;
  // Where trained models live. Default: "" = the built-in search path
  // (DYAD_DATA_DIR environment variable, then the install data directory,
  // then ./data).
  std::string data_dir;
  // Emit events of every modality, not only the default set (asserted,
  // appeals, threats, intents). Default: false.
  bool all_modalities = false;
  // Actor dictionaries to use instead of the shipped <data_dir>/dict: files
  // or directories in the dyad format (*.dyad), or PETRARCH / TABARI actor
  // and agent files (the format is guessed from each name; see
  // src/actors/actor_dictionary.h). Default: empty = the shipped ones.
  std::vector<std::string> dictionaries;
  // The parser model file in <data_dir>/models. Default: "" = parser.bin
  // (greedy, fast); "parser-beam.bin" is the opt-in beam-search parser
  // (more accurate, several times slower; docs/analysis.md). A
  // comma-separated list, each name with an optional ":weight"
  // ("parser-beam.bin,parser-r2l-beam.bin,parser.bin"), is a reparsing
  // ensemble: every parser parses and the trees are combined
  // (src/analyze/reparse.h; the first breaks ties).
  std::string parser_model;
  // The parser's beam width (1 = greedy). Default: 0 = the width the
  // parser model was trained for.
  int parser_beam = 0;
  // false: parse without the dense network the shipped parser.bin mixes
  // into its uncertain decisions (about 1.3x as fast, EWT test UAS/LAS
  // -0.47/-0.57; docs/analysis-log.md, thirteenth round).
  bool parser_net = true;
  // false: keep NER's LOC for every location, as Universal NER labels them,
  // instead of labelling countries, regions and towns GPE (src/analyze/gpe.h).
  bool gpe = true;
};

// A document with the results of every stage that ran.
struct AnalyzedDocument {
  Document document;
  std::vector<Sentence> sentences;
  std::vector<ActorMention> mentions;
  std::vector<Event> events;
};

namespace internal {
class Stage;
}

class Pipeline {
 public:
  ~Pipeline();
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  // Loads every resource the chosen stages need. Fails with the resource's
  // path and reason when one cannot be loaded.
  static StatusOr<std::unique_ptr<Pipeline>> Create(const PipelineOptions& options);

  // Runs the stages over `doc`. A failure's message starts with the name of
  // the stage that failed, which is also stored in *failed (may be null).
  StatusOr<AnalyzedDocument> Run(Document doc, StageId* failed = nullptr) const;

  const PipelineOptions& options() const { return options_; }

 private:
  explicit Pipeline(PipelineOptions options);
  PipelineOptions options_;
  std::vector<std::unique_ptr<internal::Stage>> stages_;
};

}  // namespace dyad

#endif  // DYAD_PIPELINE_H_
