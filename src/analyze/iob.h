// Reading IOB/BIO named-entity files and extracting entity spans.
//
// Accepted layouts, one token per line, blank lines between sentences,
// '#' comment lines ignored (but "# newdoc" sets IobSentence::newdoc):
//   <index> <form> <label> [...]   (Universal NER .iob2)
//   <form> [...] <label>           (CoNLL style: first and last columns)
// Columns are separated by tabs, or by spaces when a line has no tab.
// Labels are normalised to IOB2 over PER, ORG and LOC (WNUT17's person,
// location, corporation and group map to PER, LOC, ORG, ORG): an I-X that does
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
  bool newdoc = false;  // a "# newdoc" comment came before it (Universal NER)
};

StatusOr<std::vector<IobSentence>> ParseIob(std::string_view data, const std::string& name);
StatusOr<std::vector<IobSentence>> ReadIob(const std::string& path);

// Normalises a label sequence in place (see above).
void NormalizeIob(std::vector<std::string>* labels);

struct EntitySpan {
  int begin = 0, end = 0;  // word indices, [begin, end)
  std::string type;
  friend bool operator==(const EntitySpan&, const EntitySpan&) = default;
};

// The entities of a BIO label sequence (an I-X without a B-X opens one).
std::vector<EntitySpan> EntitySpans(const std::vector<std::string>& labels);

}  // namespace dyad::analyze

#endif  // DYAD_ANALYZE_IOB_H_
