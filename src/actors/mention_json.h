// JSONL records for actor mentions (the output of `dyad actors`).
//
// One object per mention:
//   {"doc": "<id>", "sent": 3, "mention": 7, "text": "Russian police",
//    "span": [120, 134], "tokens": [4, 6], "code": "RUSCOP", "country": "RUS",
//    "sectors": ["COP"], "person": "",
//    "plover": {"country": "RUS", "sector": "COP", "other_sectors": []},
//    "how": "agent", "antecedent": -1, "compound": -1, "place": false}
#ifndef DYAD_ACTORS_MENTION_JSON_H_
#define DYAD_ACTORS_MENTION_JSON_H_

#include <string>

#include "dyad/pipeline.h"
#include "util/json_writer.h"

namespace dyad::actors {

// Appends one JSON line per mention of `doc` to *out.
void AppendMentionRecords(const AnalyzedDocument& doc, std::string* out);

// Writes the value {"country", "sector", "other_sectors"} of a "plover" key
// (also used by the event records in src/emit/).
void WritePloverActorCode(JsonWriter& w, const PloverActorCode& p);

}  // namespace dyad::actors

#endif  // DYAD_ACTORS_MENTION_JSON_H_
