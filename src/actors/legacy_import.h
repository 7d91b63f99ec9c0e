// Importers for PETRARCH / Phoenix and TABARI actor and agent dictionaries.
//
// The goal is to load every line that PETRARCH2 (PETRreader.py) accepts,
// with the meaning PETRARCH's documentation gives it, and to report the
// rest as Diagnostics with file:line.
//
// Actors (PETRARCH). A record is a primary phrase line, optional synonym
// lines starting with "+", and optional date-restriction lines starting
// with "[" (often indented with a tab):
//     AFGHANISTAN_  [AFG]
//     +AFGHAN_
//     MOHAMMAD_ZAHIR_SHAH_
//         [AFGELI 320101-331108]
//         [AFGGOV 331108-730717]
// A restriction is "[CODE]" (always), "[CODE >date]" (from date on),
// "[CODE <date]" (up to date) or "[CODE date-date]". Dates are YYMMDD
// (YY <= 30 is 20YY, else 19YY) or YYYYMMDD, inclusive. Every phrase of a
// record shares its codes. Codes written on the primary line are read like
// restriction lines. (PETRARCH2 itself splits such a line on blanks, which
// garbles "[CODE date-date]" on a primary line. We read it as intended.)
// Underscores and blanks both join words. Dated codes rank before undated
// ones, so an undated code is the fallback when no dated one holds.
// Comments are "#" to the end of the line (also a line starting with
// "<!"), and "<!-- ... -->" spans several lines.
//
// Agents (PETRARCH): "PHRASE {PLURAL} [~CODE]". "~CODE" appends the sector
// to the actor's code, and "CODE~" puts it before. "{}" means no plural. A
// missing {...} means the regular plural (Y -> IES, S -> SES, else +S).
// "!NAME! = A, B, C" defines a substitution set. "X!NAME!Y" expands to one
// phrase per member, with no plurals.
//
// TABARI is the same, except that ";" also starts a comment, "<TAG>" ...
// "</TAG>" blocks (TABARI's noun/adjective lists) are skipped, and a last
// word without a trailing "_" is a stem: "ARGENTIN" matches "Argentina".
#ifndef DYAD_ACTORS_LEGACY_IMPORT_H_
#define DYAD_ACTORS_LEGACY_IMPORT_H_

#include <optional>
#include <string>
#include <string_view>

#include "actors/dictionary.h"
#include "dyad/status.h"

namespace dyad::actors {

enum class LegacyDialect : std::uint8_t { kPetrarch = 0, kTabari };

// Each reads a file (or text, with `name` used in diagnostics) into `data`.
// The file functions fail only when the file cannot be read.
Status ImportLegacyActors(const std::string& path, LegacyDialect dialect, DictionaryData* data);
void ImportLegacyActorsText(std::string_view text, const std::string& name,
                            LegacyDialect dialect, DictionaryData* data);
Status ImportLegacyAgents(const std::string& path, LegacyDialect dialect, DictionaryData* data);
void ImportLegacyAgentsText(std::string_view text, const std::string& name,
                            LegacyDialect dialect, DictionaryData* data);

// Parses a PETRARCH/TABARI date: YYYYMMDD (8+ characters, extra ignored)
// or YYMMDD. Returns nullopt for an invalid date.
std::optional<Date> ParseLegacyDate(std::string_view s);

}  // namespace dyad::actors

#endif  // DYAD_ACTORS_LEGACY_IMPORT_H_
