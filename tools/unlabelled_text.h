// Unlabelled English text read at training time by the models that learn
// from running text: `dyad train clusters` (Brown clusters) and
// `dyad train segment --orthography` (the splitter's case lexicons). None of
// it is stored in the repository; see docs/analysis.md, "Training data and
// licences".
#ifndef DYAD_TOOLS_UNLABELLED_TEXT_H_
#define DYAD_TOOLS_UNLABELLED_TEXT_H_

#include <functional>
#include <string>
#include <vector>

#include "dyad/document.h"
#include "dyad/sentence.h"
#include "dyad/status.h"

namespace dyad::cli {

// The HTML page folders of the shared data whose main content is read,
// relative to the shared data folder.
extern const char* const kUnlabelledHtmlDirs[3];

// Whether a page's words look English: the share of a few very frequent
// English function words (other languages' pages stay out of the corpus).
bool LooksEnglish(const std::vector<Sentence>& sentences);

// Calls fn(document, sentences) for every HTML page under `dir` (sorted,
// *.html or *.html.gz) whose main content, by our extractor and segmenter,
// looks English. Pages that cannot be read are reported and skipped.
void ForEachEnglishHtmlPage(
    const std::string& dir, int* pages, int* kept,
    const std::function<void(const Document&, const std::vector<Sentence>&)>& fn);

// The glosses and usage examples of WordNet's data.<pos> in `dir` (the text
// after " | " on each synset line; ';' separates the parts, each a
// paragraph of the result; examples lose their quotes).
StatusOr<std::string> WordNetGlossText(const std::string& dir, const std::string& pos);

}  // namespace dyad::cli

#endif  // DYAD_TOOLS_UNLABELLED_TEXT_H_
