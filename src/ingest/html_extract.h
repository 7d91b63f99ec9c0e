// Main-content extraction: from a parsed page to the blocks of its story.
//
// The method is described at the top of html_extract.cc. In short: prune
// markup that is never content, cut the page into inline text runs, score
// containers by the runs they hold (Readability), prefer semantic
// containers (trafilatura), gather sibling blocks, then keep or drop each
// run by its own features and its neighbours' (boilerpipe, jusText).
#ifndef DYAD_INGEST_HTML_EXTRACT_H_
#define DYAD_INGEST_HTML_EXTRACT_H_

#include <string>
#include <vector>

#include "dyad/document.h"
#include "ingest/html_dom.h"

namespace dyad::ingest::html {

struct ExtractOptions {
  // Keep photo captions and credits (as BlockKind::kCaption). Default: false.
  bool keep_captions = false;
  // Text of the page title, used to drop a repeated headline. May be empty.
  std::string title;
  // Record pruning decisions and the chosen container in Extraction::trace.
  // Default: false.
  bool trace = false;
};

struct ExtractedBlock {
  std::string text;  // Whitespace-collapsed UTF-8; '\n' only from <br> (or <pre>).
  BlockKind kind = BlockKind::kParagraph;
};

struct Extraction {
  std::vector<ExtractedBlock> blocks;
  // How the text was found: "container", "container+siblings", "fallback"
  // (whole-page run filter) or "none".
  std::string method;
  std::vector<std::string> warnings;
  std::string trace;  // Only with ExtractOptions::trace: one decision a line.
};

// Extracts the main content of a page. Never fails: a page without content
// gives no blocks and a warning.
Extraction ExtractMainContent(const HtmlDom& dom, const ExtractOptions& options);

}  // namespace dyad::ingest::html

#endif  // DYAD_INGEST_HTML_EXTRACT_H_
