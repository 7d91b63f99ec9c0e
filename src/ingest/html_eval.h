// The two published main-content extraction metrics, reimplemented exactly.
//
// ScrapingHub article-extraction-benchmark (evaluate.py):
//   tokens are the matches of Python's \w+ (Unicode letters, digits and
//   numbers, and '_'; case kept); shingles are the 4-token windows (a text
//   of fewer than 4 tokens gives one shorter shingle; no tokens, none). Per
//   document, TP/FP/FN are multiset overlaps of the shingle counts,
//   normalised to sum to 1. precision(doc) = 1 if FP = FN = 0, 0 if
//   TP = FP = 0, else TP/(TP+FP) (recall alike). Precision is averaged over
//   the documents with TP+FP > 0, recall over those with TP+FN > 0, and F1
//   is their harmonic mean.
//
// trafilatura evaluation (tests/eval_gate.py, tests/eval_common.py):
//   each page has "with" snippets (must appear) and "without" snippets
//   (must not). Both the snippet and the extracted text are whitespace-
//   normalised (re.sub(r"\s+", " ", s).strip()); a snippet counts when it
//   is a substring. TP = found "with", FN = missing "with", FP = found
//   "without", TN = missing "without"; an extraction failure finds nothing.
//   Counts are pooled over all pages: P = TP/(TP+FP), R = TP/(TP+FN),
//   F1 = 2TP/(2TP+FP+FN). Pages are read from cache/ before eval/.
#ifndef DYAD_INGEST_HTML_EVAL_H_
#define DYAD_INGEST_HTML_EVAL_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/input.h"
#include "dyad/status.h"

namespace dyad::ingest::html_eval {

// Python's re.findall(r"\w+", text) on a str.
std::vector<std::string> WordTokens(std::string_view utf8);

struct ShingleScore {
  double tp = 0, fp = 0, fn = 0;  // Normalised to sum to 1 (or all 0).
};
ShingleScore ShingleMatch(std::string_view truth, std::string_view pred, int n = 4);

struct Prf {
  double precision = 0, recall = 0, f1 = 0;
};
// Macro averages as evaluate.py's metrics_from_tp_fp_fns.
Prf MacroAverage(const std::vector<ShingleScore>& docs);

// Python's re.sub(r"\s+", " ", s).strip() for a str.
std::string NormalizeWhitespace(std::string_view utf8);

struct SnippetCounts {
  long tp = 0, fp = 0, fn = 0, tn = 0;
  void Add(const SnippetCounts& o) { tp += o.tp; fp += o.fp; fn += o.fn; tn += o.tn; }
  Prf Scores() const;
};
// `result` is nullptr for an extraction failure.
SnippetCounts CountSnippets(const std::string* result, const std::vector<std::string>& with,
                            const std::vector<std::string>& without);

// Reads a gzip (or plain) file whole.
StatusOr<std::string> ReadMaybeGzip(const std::string& path);

// One page of a benchmark, loaded.
struct Page {
  std::string id;    // ScrapingHub hash or trafilatura file name.
  std::string html;  // Raw bytes.
  std::string truth;                 // ScrapingHub articleBody.
  std::vector<std::string> with, without;  // trafilatura snippets.
};

// Loads <dir>/ground-truth.json and <dir>/html/<id>.html.gz.
StatusOr<std::vector<Page>> LoadScrapinghub(const std::string& dir);
// Loads <dir>/evaldata.json and the pages it names (cache/ then eval/);
// entries whose file is missing are skipped, as eval_gate.py does.
StatusOr<std::vector<Page>> LoadTrafilatura(const std::string& dir);

// A function from page bytes to extracted text (or an error).
using Extract = std::function<StatusOr<std::string>(const Page&)>;

struct PageResult {
  std::string id;
  bool ok = true;
  ShingleScore shingles;   // ScrapingHub.
  SnippetCounts snippets;  // trafilatura.
  double seconds = 0;
};

struct SetResult {
  Prf prf;
  SnippetCounts pooled;  // trafilatura only.
  std::vector<PageResult> pages;
  double seconds = 0;    // Extraction time only.
  int failures = 0;
};

SetResult ScoreScrapinghub(const std::vector<Page>& pages, const Extract& extract);
SetResult ScoreTrafilatura(const std::vector<Page>& pages, const Extract& extract);

// Extraction by dyad (HtmlToDocument's text).
StatusOr<std::string> DyadExtract(const Page& page, const InputOptions& options);

}  // namespace dyad::ingest::html_eval

#endif  // DYAD_INGEST_HTML_EVAL_H_
