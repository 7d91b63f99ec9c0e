// Unlabelled English text read at training time by the models that learn
// from running text: `dyad train clusters` (Brown clusters),
// `dyad train segment --orthography` (the splitter's case lexicons) and
// `dyad train uptrain` (the parser's uptraining sentences). None of
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

// The NER training corpora besides UNER EWT (whose text is EWT train's),
// relative to the shared data folder: wikigold, WNUT17 train, BTC (the
// training files of docs/analysis.md; not re3d).
extern const char* const kUnlabelledNerFiles[8];

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

// Appends the sentences (word forms) of every English HTML page under `dir`
// (ForEachEnglishHtmlPage): main content by our extractor, tokens by our
// segmenter.
void AddHtmlText(const std::string& dir, std::vector<std::vector<std::string>>* out, int* pages,
                 int* kept);

// Appends the glosses and usage examples of WordNet's data.noun|verb|adj|adv
// in `dir` (WordNetGlossText), tokenized by our segmenter.
Status AddWordNetGlosses(const std::string& dir, std::vector<std::vector<std::string>>* out);

// Appends the sentences of the IOB files `paths` (ReadIob), each sentence's
// words joined by spaces and split and tokenized again by our segmenter.
Status AddNerText(const std::vector<std::string>& paths,
                  std::vector<std::vector<std::string>>* out);

}  // namespace dyad::cli

#endif  // DYAD_TOOLS_UNLABELLED_TEXT_H_
