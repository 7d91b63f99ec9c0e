// Reading documents: plain text, HTML and JSONL files, directories and stdin.
//
//   dyad::InputOptions opts;
//   auto reader = dyad::InputReader::Open({"news/", "-"}, opts);
//   dyad::InputItem item;
//   while ((*reader)->Next(&item)) {
//     if (!item.status.ok()) { /* item.id names the bad document */ continue; }
//     Use(item.document);
//   }
//
// A bad document (unreadable file, binary junk, a JSONL line that is not
// JSON) is returned as an item with a non-OK status and the document's id;
// reading then goes on with the next one. Only Open() fails as a whole.
//
// Thread safety: an InputReader is used from one thread at a time.
#ifndef DYAD_INPUT_H_
#define DYAD_INPUT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad {

enum class InputFormat : std::uint8_t {
  kAuto = 0,  // By extension (.jsonl/.ndjson, .html/.htm), then by sniffing.
  kText,
  kHtml,
  kJsonl,
};

// Parses "auto", "text", "html" or "jsonl".
StatusOr<InputFormat> ParseInputFormat(const std::string& name);

enum class InvalidUtf8Policy : std::uint8_t {
  kRepair = 0,  // Replace bad bytes with U+FFFD and add a warning.
  kReject,      // The document fails with kDataLoss.
};

struct InputOptions {
  // Format of every input. Default: kAuto.
  InputFormat format = InputFormat::kAuto;
  // For directories: only files whose path relative to the directory (or
  // whose base name) matches one of these globs are read. Default: all.
  std::vector<std::string> include;
  // For directories: files matching one of these are skipped. Default: none.
  std::vector<std::string> exclude;
  // What to do with bytes that are neither UTF-8 nor a detectable legacy
  // encoding. Default: kRepair.
  InvalidUtf8Policy invalid_utf8 = InvalidUtf8Policy::kRepair;
  // Documents larger than this fail with kResourceExhausted.
  // Default: 256 MiB.
  std::uint64_t max_document_bytes = 256ull << 20;
  // Whether HTML inputs keep photo captions as text. Default: false.
  bool keep_captions = false;
};

// One document, or the error that stopped it from being read.
struct InputItem {
  std::string id;      // Always set, also on error: path, "path:line" or JSONL id.
  Status status;       // OK when `document` is valid.
  Document document;
  std::uint64_t bytes = 0;  // Input bytes this item consumed.
};

class InputReader {
 public:
  virtual ~InputReader() = default;

  // Opens paths in order. "-" is standard input. A directory is walked
  // recursively in sorted order. Fails when a path does not exist; an
  // unreadable file inside a directory becomes an error item instead.
  static StatusOr<std::unique_ptr<InputReader>> Open(
      const std::vector<std::string>& paths, const InputOptions& options);

  // Fills *item with the next document or error. Returns false at the end.
  virtual bool Next(InputItem* item) = 0;

  // Sum of the sizes of all regular input files (0 for stdin), for ETAs.
  virtual std::uint64_t total_bytes() const = 0;
};

// Turns the raw bytes of one document into a Document: strips a BOM,
// detects and converts legacy encodings, repairs or rejects invalid UTF-8,
// rejects binary junk, and extracts the text of HTML.
// `format` must not be kJsonl (use ParseJsonlLine).
StatusOr<Document> DocumentFromBytes(std::string id, std::string_view bytes,
                                     InputFormat format,
                                     const InputOptions& options);

// Parses one JSONL line: {"id":..., "text"|"html":..., "date":..., "url":...}.
// Other fields go to Document::passthrough. `fallback_id` names the document
// when the line has no "id".
StatusOr<Document> ParseJsonlLine(std::string_view line,
                                  const std::string& fallback_id,
                                  const InputOptions& options);

}  // namespace dyad

#endif  // DYAD_INPUT_H_
