// Names of the public enums.
#include "dyad/document.h"
#include "dyad/event.h"
#include "dyad/version.h"

namespace dyad {

const char* Version() { return "0.1.0"; }

const char* BlockKindName(BlockKind kind) {
  switch (kind) {
    case BlockKind::kParagraph: return "paragraph";
    case BlockKind::kHeading: return "heading";
    case BlockKind::kListItem: return "list_item";
    case BlockKind::kQuote: return "quote";
    case BlockKind::kCaption: return "caption";
    case BlockKind::kOther: return "other";
  }
  return "other";
}

const char* ResolutionName(Resolution r) {
  switch (r) {
    case Resolution::kNone: return "none";
    case Resolution::kDictionary: return "dictionary";
    case Resolution::kApposition: return "apposition";
    case Resolution::kTitle: return "title";
    case Resolution::kCoreference: return "coreference";
    case Resolution::kNer: return "ner";
    case Resolution::kAgent: return "agent";
    case Resolution::kGazetteer: return "gazetteer";
  }
  return "none";
}

const char* ModalityName(Modality m) {
  switch (m) {
    case Modality::kAsserted: return "asserted";
    case Modality::kNegated: return "negated";
    case Modality::kHypothetical: return "hypothetical";
    case Modality::kIntended: return "intended";
    case Modality::kAlleged: return "alleged";
    case Modality::kFuture: return "future";
    case Modality::kConditional: return "conditional";
  }
  return "asserted";
}

}  // namespace dyad
