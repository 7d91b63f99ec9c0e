// Serializers for the JSONL and CoNLL-U records. Each appends complete
// lines (ending in '\n') to *out. The field order is part of the format and
// documented in docs/schema.md.
#ifndef DYAD_EMIT_EVENT_JSON_H_
#define DYAD_EMIT_EVENT_JSON_H_

#include <string>
#include <string_view>

#include "dyad/pipeline.h"
#include "dyad/status.h"

namespace dyad {

// {"doc": id, "error": {"stage": ..., "message": ..., "code": ...}}
void AppendErrorRecord(std::string_view doc_id, std::string_view stage,
                       const Status& error, std::string* out);

// One event record (docs/schema.md).
void AppendEventRecord(const AnalyzedDocument& doc, const Event& e, std::string* out);

// {"doc", "sent", "span", "text", "tokens": [{"form","span",...}]}
void AppendSentenceRecord(const AnalyzedDocument& doc, std::uint32_t sent, std::string* out);

// {"doc", "url", "date", "title", "language", "encoding", "text", "blocks", "warnings"}
void AppendDocumentRecord(const AnalyzedDocument& doc, std::string* out);

// The document as CoNLL-U, with "# newdoc id", "# sent_id", "# text".
void AppendConllu(const AnalyzedDocument& doc, std::string* out);

// The record id of an event: "<doc>:<sent>:<index>".
std::string EventId(const AnalyzedDocument& doc, const Event& e);

}  // namespace dyad

#endif  // DYAD_EMIT_EVENT_JSON_H_
