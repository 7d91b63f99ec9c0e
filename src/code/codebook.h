// The CAMEO codebook: facts about every CAMEO event code.
//
// One entry per code (319 codes): its name, root, Goldstein score, quad
// class and PLOVER event type / mode / contexts. The facts come from
// data/codebook/cameo.tsv, which scripts/gen_codebook.py derives from the
// shared CAMEO and PLOVER codebooks; the same script compiles the table into
// the library (cameo_table.inc), so lookups need no file and no locking.
//
// Thread safety: everything here is immutable after static initialization.
#ifndef DYAD_CODE_CODEBOOK_H_
#define DYAD_CODE_CODEBOOK_H_

#include <string_view>
#include <vector>

#include "dyad/event.h"

namespace dyad::code {

struct CameoInfo {
  std::string_view code;     // "1823"
  std::string_view root;     // "18"
  double goldstein = 0;      // -10 .. +10
  int quad = 0;              // GDELT quad class 1..4 (1 verbal coop .. 4 material conflict)
  int phoenix_quad = 0;      // Phoenix quad class 0..4
  std::string_view plover_event;    // "ASSAULT"; empty for 01/02 (dropped by PLOVER)
  std::string_view plover_mode;     // "arrest"; may be empty
  std::string_view plover_context;  // ";"-separated contexts; may be empty
  std::string_view name;     // "Kill by physical assault"
};

// Returns the entry for `code` ("173", "0253", "18"), or nullptr when the
// code is not in the codebook. Codes with a trailing letter or extra digits
// from old dictionaries ("075A") are not normalized here.
const CameoInfo* LookupCameo(std::string_view code);

// Every entry, in codebook order (roots first within each root block).
const std::vector<CameoInfo>& AllCameoCodes();

// Fills the codebook fields of `event` (cameo_name, root, goldstein, quad,
// plover event/mode/context) from event->cameo. Returns false, leaving those
// fields as they were except `root` (the first two digits), when the code is
// unknown.
bool FillFromCodebook(Event* event);

}  // namespace dyad::code

#endif  // DYAD_CODE_CODEBOOK_H_
