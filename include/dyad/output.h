// Writing results: record writers (JSONL, CSV, CoNLL-U, ...) and atomic files.
//
// Every writer writes one document's records at a time, in a stable field
// order, and flushes after each document so that a consumer reading the
// stream sees whole documents.
//
// Error records have the shape
//   {"doc": "<id>", "error": {"stage": "<stage>", "message": "<reason>"}}
// in every JSONL format.
#ifndef DYAD_OUTPUT_H_
#define DYAD_OUTPUT_H_

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/pipeline.h"
#include "dyad/status.h"

namespace dyad {

class RecordWriter {
 public:
  virtual ~RecordWriter() = default;
  // Writes the records of one document and flushes.
  virtual Status Write(const AnalyzedDocument& doc) = 0;
  // Writes an error record for a document that failed in `stage`.
  virtual Status WriteError(std::string_view doc_id, std::string_view stage,
                            const Status& error) = 0;
  // Writes any trailer. Call once, after the last document.
  virtual Status Finish() { return Status::OK(); }
};

// The names MakeRecordWriter accepts, e.g. {"events", "sentences", "conllu"}; it also
// takes "jsonl" for "events".
std::vector<std::string> RecordWriterNames();

// Creates the writer named `format` over `out` (not owned; must outlive the
// writer). Formats:
//   events     one JSON object per event (the record of docs/schema.md)
//   sentences  one JSON object per sentence, with its tokens
//   conllu     CoNLL-U, one block per sentence, "# newdoc id" per document
//   text       the document's clean text (what offsets point into)
//   document   one JSON object per document: metadata, text, blocks
//   csv        one CSV row per event, with a header row (emit/event_tables.h)
//   phoenix    the Phoenix 26-column tab-separated event format
//   petrarch   PETRARCH-style tab-separated events (date, source, target, code, id, url)
StatusOr<std::unique_ptr<RecordWriter>> MakeRecordWriter(std::string_view format,
                                                         std::FILE* out);

// The formats a run that stops after `last_stage` can write, for help and
// errors: {"sentences", "conllu", "text", "document", "jsonl (sentences)"}
// for a run that stops after kAnalyze.
std::vector<std::string> RecordFormatsFor(StageId last_stage);
// The same, comma-separated ("sentences, conllu, ...").
std::string RecordFormatList(StageId last_stage);

// The format a run that stops after `last_stage` writes when asked for
// `format`: "jsonl" names the run's own JSON lines (events when it codes
// events, else sentences when it segments, else the document). A format
// whose records the run never makes is an error saying which formats it can
// write: `dyad analyze --format csv` would write a header and no event.
StatusOr<std::string> ResolveRecordFormat(std::string_view format, StageId last_stage);

// A file written atomically: data goes to a temporary file beside `path`,
// which Commit() renames over `path`. If Commit() is never called (error,
// interruption), the destructor removes the temporary file, and `path` is
// left as it was. Path "-" writes straight to stdout.
class OutputFile {
 public:
  static StatusOr<std::unique_ptr<OutputFile>> Create(const std::string& path);
  ~OutputFile();
  std::FILE* file() const { return file_; }
  // Flushes, closes and renames into place.
  Status Commit();

 private:
  OutputFile() = default;
  std::string path_;
  std::string temp_path_;
  std::FILE* file_ = nullptr;
  bool committed_ = false;
};

}  // namespace dyad

#endif  // DYAD_OUTPUT_H_
