// Document: one input text and everything dyad knows about it before analysis.
//
// Every offset anywhere in dyad (sentences, tokens, actor mentions, event
// evidence) is a byte offset into Document::text, which is always valid
// UTF-8 (ingest guarantees it: invalid input is repaired or rejected).
#ifndef DYAD_DOCUMENT_H_
#define DYAD_DOCUMENT_H_

#include <cstdint>
#include <string>
#include <vector>

namespace dyad {

// A half-open byte range [begin, end) into Document::text.
struct Span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::uint32_t size() const { return end - begin; }
  bool empty() const { return end <= begin; }
  friend bool operator==(const Span&, const Span&) = default;
};

// A block of text: a paragraph, heading, list item, quote, ...
enum class BlockKind : std::uint8_t {
  kParagraph = 0,
  kHeading,
  kListItem,
  kQuote,
  kCaption,  // kept only when extraction is asked to keep captions
  kOther,
};

// Returns "paragraph", "heading", "list_item", "quote", "caption" or "other".
const char* BlockKindName(BlockKind kind);

struct Block {
  Span span;  // into Document::text
  BlockKind kind = BlockKind::kParagraph;
};

// How the document's text was obtained from its bytes.
enum class SourceFormat : std::uint8_t { kText = 0, kHtml, kJsonl };

struct Document {
  std::string id;     // Unique within a run: file path, JSONL "id", or "stdin".
  std::string url;    // Source URL; may be empty.
  std::string date;   // Publication date, ISO 8601 ("2018-09-04"); may be empty.
  std::string title;  // May be empty.
  std::string author;         // Author name(s) from page metadata; may be empty.
  std::string canonical_url;  // The page's own canonical URL (HTML); may be empty.
  std::string language;  // ISO 639-1 code ("en"); empty when unknown.
  std::string text;   // Clean UTF-8 text. All offsets point into it.
  std::vector<Block> blocks;  // Paragraph structure; may be empty (one block).
  SourceFormat format = SourceFormat::kText;
  std::string encoding;  // Encoding detected for the input bytes ("UTF-8", "WINDOWS-1252").
  // Fields of a JSONL input line that dyad does not interpret, as a JSON
  // object text ("{...}"), copied to every output record of the document.
  // Empty when there are none.
  std::string passthrough;
  // Non-fatal problems met while reading (repaired bytes, stripped markup).
  std::vector<std::string> warnings;
};

}  // namespace dyad

#endif  // DYAD_DOCUMENT_H_
