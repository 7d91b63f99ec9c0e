// Importers for the verb dictionaries of TABARI and PETRARCH, so that dyad
// runs the reference suites with their own dictionaries and users can keep
// theirs.
//
// TABARI (.verbs; manual ch. 5): synonym sets between <SYNSETS> tags, a
// <TIME> section (ignored), then one entry per verb stem ("ACCUS [112]",
// "ACT_ [---]", "AIR_RAID [---]") followed by its patterns ("- * + OF_
// WAR_CRIMES [1124]"). Words without a trailing '_' are stems matched as
// prefixes of the token. Every verb is its own block.
//
// PETRARCH2 (CAMEO.2.0.txt, PETR.Validate.verbs.txt, UniversalPetrarch
// 2_02; petrarch2_dictionaries.rst): synonym sets ("&NAME" then "+PHRASE"
// lines), then synonym blocks opened by "--- DESCRIPTION [CODE] ---"; each
// block lists verbs ("CONDEMN [111]", "+CORDON_OFF {+CORDONED_OFF ...}",
// "WIRE_+TAP") and patterns. Regular forms are generated. Transformation
// lines ("~ ...") are counted but not used.
//
// Both readers continue past malformed lines, recording "file:line: reason"
// in VerbDictionary::warnings().
#ifndef DYAD_CODE_LEGACY_VERBS_H_
#define DYAD_CODE_LEGACY_VERBS_H_

#include <string>
#include <string_view>

#include "code/verb_dict.h"
#include "dyad/status.h"

namespace dyad::code {

Status ParseTabariVerbs(std::string_view text, const std::string& name, VerbDictionary* dict);
Status ParsePetrarchVerbs(std::string_view text, const std::string& name, VerbDictionary* dict);

// Reads a file, recognizing the format from its content ("--- ... ---"
// block headers mean PETRARCH, otherwise TABARI), and compiles it.
StatusOr<VerbDictionary> LoadLegacyVerbFile(const std::string& path);

}  // namespace dyad::code

#endif  // DYAD_CODE_LEGACY_VERBS_H_
