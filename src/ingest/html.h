// HTML to Document: the entry point every HTML input goes through.
#ifndef DYAD_INGEST_HTML_H_
#define DYAD_INGEST_HTML_H_

#include <string>
#include <string_view>

#include "dyad/document.h"
#include "dyad/input.h"
#include "dyad/status.h"

namespace dyad::ingest {

// Decodes the raw bytes of an HTML page (charset from BOM, meta, sniffing)
// and fills Document text, blocks and metadata from its main content.
StatusOr<Document> HtmlToDocument(std::string id, std::string_view bytes,
                                  const InputOptions& options);

// True when the bytes look like HTML (a doctype or <html near the start).
bool SniffHtml(std::string_view bytes);

}  // namespace dyad::ingest

#endif  // DYAD_INGEST_HTML_H_
