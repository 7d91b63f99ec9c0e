// Reading IOB/BIO named-entity files and extracting entity spans.
//
// Accepted layouts, one token per line, blank lines between sentences,
// '#' comment lines ignored (but "# newdoc" sets IobSentence::newdoc, as
// does a CoNLL 2003 "-DOCSTART-" line):
//   <index> <form> <label> [...]   (Universal NER .iob2)
//   <form> [...] <label>           (CoNLL style: first and last columns)
// Columns are separated by tabs, or by spaces when a line has no tab.
// Labels are normalised to IOB2 over PER, ORG and LOC (WNUT17's person,
// location, corporation and group map to PER, LOC, ORG, ORG; re3d's Person,
// Organisation and Location to PER, ORG, LOC): an I-X that does
// not continue an X entity becomes B-X (IOB1 input), and every other type
// (MISC, OTH, the spurious B-O) becomes O.
#ifndef DYAD_ANALYZE_IOB_H_
#define DYAD_ANALYZE_IOB_H_

#include <string>
#include <string_view>
#include <vector>

#include "dyad/status.h"

namespace dyad::analyze {

struct IobSentence {
  std::vector<std::string> forms;
  std::vector<std::string> labels;
  bool newdoc = false;  // a "# newdoc" comment or "-DOCSTART-" line came before it
};

StatusOr<std::vector<IobSentence>> ParseIob(std::string_view data, const std::string& name);
StatusOr<std::vector<IobSentence>> ReadIob(const std::string& path);

// Normalises a label sequence in place (see above).
void NormalizeIob(std::vector<std::string>* labels);

// For corpora that also mark common-noun and pronoun mentions (re3d: "the
// city", "they", "ground forces"), keeps the names only: a leading "the"
// leaves its entity, an entity without a capitalised word becomes O, and
// one whose words are all capitalised (or "of", "and", "al", ... or
// punctuation inside) stays. Returns false when an entity is neither, a
// description around a name ("the old quarter of Tulsa"): such a sentence
// teaches nothing reliable about the name and is best left out.
bool KeepNamesOnly(const std::vector<std::string>& forms, std::vector<std::string>* labels);

// Rewrites normalised BIO labels as BILOU (Ratinov & Roth 2009): a
// one-word entity is U-X, the last word of a longer one L-X.
void BioToBilou(std::vector<std::string>* labels);

struct EntitySpan {
  int begin = 0, end = 0;  // word indices, [begin, end)
  std::string type;
  friend bool operator==(const EntitySpan&, const EntitySpan&) = default;
};

// The entities of a BIO label sequence (an I-X without a B-X opens one).
std::vector<EntitySpan> EntitySpans(const std::vector<std::string>& labels);

}  // namespace dyad::analyze

#endif  // DYAD_ANALYZE_IOB_H_
