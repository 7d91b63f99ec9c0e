// PLOVER context F1 on the PLOVER GSR dev set, behind `dyad eval contexts`.
//
// The GSR (PLOVER 0.5) labels contexts in an older, smaller vocabulary
// ("rights", "refugee", "political", "resource", "government", ...), so each
// of our ontology contexts is renamed for the comparison (GsrContextName);
// ours that the GSR cannot express (health, disasters, crime, ...) are left
// out. Scores are micro precision/recall/F1 over (record, label) pairs.
// Two predictors are scored: the cue table alone on the record's sentence
// (what the enrich stage adds), and the full pipeline (the contexts of the
// events coded in the record: CAMEO codebook contexts plus cues).
#ifndef DYAD_ENRICH_CONTEXT_EVAL_H_
#define DYAD_ENRICH_CONTEXT_EVAL_H_

#include <map>
#include <string>
#include <vector>

#include "dyad/pipeline.h"
#include "dyad/status.h"
#include "geo/gazetteer.h"

namespace dyad::enrich {

// The GSR label for one of our contexts, or "" when the GSR has none.
std::string GsrContextName(const std::string& context);

struct PRF {
  int tp = 0, fp = 0, fn = 0;
  double Precision() const { return tp + fp ? double(tp) / (tp + fp) : 0; }
  double Recall() const { return tp + fn ? double(tp) / (tp + fn) : 0; }
  double F1() const {
    double p = Precision(), r = Recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

struct ContextEval {
  int records = 0;
  // Modes: GSR records with a mode our cue table can name (GSR modes renamed:
  // strike-gen -> strike, strike-hun -> hunger, riot-spon -> riot,
  // demo-org/demo-spon -> demo, detain -> arrest; FIGHT -> ASSAULT), scored by
  // FindMode on the sentence given the gold type.
  int mode_records = 0, mode_right = 0;
  PRF cues;                          // Cue table on the sentence.
  PRF pipeline;                      // Full pipeline (when run).
  bool pipeline_run = false;
  std::map<std::string, PRF> cues_by_label;
};

// Places on the GSR records that carry an eventLoc (22 in dev): the first
// word of the record's eventText is taken as the trigger and placed by
// `enricher` after segmentation; right when the produced name is the gold
// name, one of its gazetteer aliases, or a word sequence inside it
// ("province of Herat" -> Herat).
struct PlaceEval {
  int records = 0, placed = 0, right = 0;
  std::vector<std::string> lines;  // One per record: gold, produced, right or wrong.
};
class Enricher;
StatusOr<PlaceEval> EvaluateGsrPlaces(const std::string& shared, const Enricher& enricher,
                                      const geo::Gazetteer* gazetteer);

// Reads <shared>/events/gold/plover-gsr-dev/PLOVER_GSR_dev.json. When
// `pipeline` is non-null, also runs it over every record's text.
StatusOr<ContextEval> EvaluateGsrContexts(const std::string& shared, const Pipeline* pipeline);

}  // namespace dyad::enrich

#endif  // DYAD_ENRICH_CONTEXT_EVAL_H_
