// Tabular event writers for drop-in use with existing tools:
//   csv       RFC 4180 CSV, one row per event, header first (columns below).
//   phoenix   the Phoenix 26-column tab-separated event format.
//   petrarch  PETRARCH-style tab-separated events: date, source, target,
//             code, record id, url.
#ifndef DYAD_EMIT_EVENT_TABLES_H_
#define DYAD_EMIT_EVENT_TABLES_H_

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "dyad/output.h"

namespace dyad {

// CSV columns: doc, sent, id, date, source_text, source, target_text,
// target, cameo, cameo_name, root, quad, goldstein, plover_event,
// plover_mode, source_plover_country, source_plover_sector,
// source_plover_other, target_plover_country, target_plover_sector,
// target_plover_other (the actors' PLOVER codes, ActorCode::plover; other
// sectors joined by ";"), trigger, modality, negated, alleged, attribution,
// evidence_begin, evidence_end, text.
void AppendEventCsvHeader(std::string* out);
void AppendEventCsvRow(const AnalyzedDocument& doc, const Event& e, std::string* out);

// Phoenix columns: EventID, Date (YYYYMMDD), Year, Month, Day,
// SourceActorFull, SourceActorEntity, SourceActorRole, SourceActorAttribute,
// TargetActorFull, TargetActorEntity, TargetActorRole, TargetActorAttribute,
// EventCode, EventRootCode, PentaClass, GoldsteinScore, Issues, Lat, Lon,
// LocationName, StateName, CountryCode, SentenceID, URLs, NewsSources.
// The columns are fixed and read by position, so the actors' PLOVER codes
// (in the JSONL and CSV output) have no place here; nor in the PETRARCH rows.
void AppendEventPhoenixRow(const AnalyzedDocument& doc, const Event& e, std::string* out);

// date \t source \t target \t code \t id \t url
void AppendEventPetrarchRow(const AnalyzedDocument& doc, const Event& e, std::string* out);

// Writers for "csv", "phoenix", "petrarch"; nullptr for other names.
std::unique_ptr<RecordWriter> MakeEventTableWriter(std::string_view format, std::FILE* out);

}  // namespace dyad

#endif  // DYAD_EMIT_EVENT_TABLES_H_
