#include "tools/unlabelled_text.h"

#include <algorithm>
#include <filesystem>
#include <string_view>
#include <unordered_set>

#include "analyze/iob.h"
#include "dyad/input.h"
#include "ingest/html.h"
#include "ingest/html_eval.h"
#include "text/segmenter.h"
#include "tools/cli.h"
#include "util/files.h"
#include "util/status_macros.h"

namespace dyad::cli {

const char* const kUnlabelledHtmlDirs[3] = {
    "html/trafilatura-eval/eval", "html/trafilatura-eval/cache", "html/scrapinghub/html"};

const char* const kUnlabelledNerFiles[8] = {
    "ner/wikigold/CONLL-format/data/wikigold.conll.txt",
    "ner/WNUT17/CONLL-format/data/train/wnut17train.conll",
    "ner/BTC/CONLL-format/data/a.conll", "ner/BTC/CONLL-format/data/b.conll",
    "ner/BTC/CONLL-format/data/e.conll", "ner/BTC/CONLL-format/data/f.conll",
    "ner/BTC/CONLL-format/data/g.conll", "ner/BTC/CONLL-format/data/h.conll",
};

bool LooksEnglish(const std::vector<Sentence>& sentences) {
  static const std::unordered_set<std::string> kWords = {
      "the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "with", "on", "was", "are"};
  std::size_t hits = 0, words = 0;
  for (const auto& s : sentences) {
    for (const auto& t : s.tokens) {
      ++words;
      hits += kWords.count(t.form);
    }
  }
  return words > 0 && hits * 100 >= words * 12;
}

void ForEachEnglishHtmlPage(
    const std::string& dir, int* pages, int* kept,
    const std::function<void(const Document&, const std::vector<Sentence>&)>& fn) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    const std::string p = e.path().string();
    if (p.ends_with(".html") || p.ends_with(".html.gz")) files.push_back(p);
  }
  std::sort(files.begin(), files.end());
  for (const auto& p : files) {
    ++*pages;
    auto bytes = ingest::html_eval::ReadMaybeGzip(p);
    if (!bytes.ok()) {
      PrintError(bytes.status());
      continue;
    }
    auto doc = ingest::HtmlToDocument(p, *bytes, InputOptions{});
    if (!doc.ok()) {
      PrintError(doc.status());
      continue;
    }
    auto sentences = text::Segment(*doc);
    if (!LooksEnglish(sentences)) continue;
    ++*kept;
    fn(*doc, sentences);
  }
}

StatusOr<std::string> WordNetGlossText(const std::string& dir, const std::string& pos) {
  const std::string path = dir + "/data." + pos;
  auto read = ReadFile(path);
  if (!read.ok()) return read.status().WithContext(path);
  std::string data = std::move(*read);
  std::string text;
  std::size_t at = 0;
  while (at < data.size()) {
    std::size_t nl = data.find('\n', at);
    if (nl == std::string::npos) nl = data.size();
    std::string_view line(data.data() + at, nl - at);
    at = nl + 1;
    if (line.starts_with("  ")) continue;  // the licence header
    const std::size_t bar = line.find(" | ");
    if (bar == std::string_view::npos) continue;
    std::string_view gloss = line.substr(bar + 3);
    while (!gloss.empty()) {
      std::size_t semi = gloss.find(';');
      std::string_view part = gloss.substr(0, semi);
      gloss = semi == std::string_view::npos ? std::string_view() : gloss.substr(semi + 1);
      for (char ch : part) {
        if (ch != '"') text.push_back(ch);
      }
      text += "\n\n";
    }
  }
  return text;
}

namespace {

// Appends the word forms of each sentence.
void AddSentences(const std::vector<Sentence>& sentences,
                  std::vector<std::vector<std::string>>* out) {
  for (const auto& s : sentences) {
    std::vector<std::string> words;
    for (const auto& t : s.tokens) words.push_back(t.form);
    out->push_back(std::move(words));
  }
}

// Appends the sentences of plain `text` (named `path`) by our segmenter.
Status AddSegmentedText(const std::string& path, const std::string& text,
                        std::vector<std::vector<std::string>>* out) {
  ASSIGN_OR_RETURN(Document doc, DocumentFromBytes(path, text, InputFormat::kText, InputOptions{}));
  AddSentences(text::Segment(doc), out);
  return Status::OK();
}

}  // namespace

void AddHtmlText(const std::string& dir, std::vector<std::vector<std::string>>* out, int* pages,
                 int* kept) {
  ForEachEnglishHtmlPage(dir, pages, kept,
                         [&](const Document&, const std::vector<Sentence>& sentences) {
                           AddSentences(sentences, out);
                         });
}

Status AddWordNetGlosses(const std::string& dir, std::vector<std::vector<std::string>>* out) {
  for (const char* pos : {"noun", "verb", "adj", "adv"}) {
    ASSIGN_OR_RETURN(std::string text, WordNetGlossText(dir, pos));
    RETURN_IF_ERROR(AddSegmentedText(dir + "/data." + pos, text, out));
  }
  return Status::OK();
}

Status AddNerText(const std::vector<std::string>& paths,
                  std::vector<std::vector<std::string>>* out) {
  for (const std::string& path : paths) {
    ASSIGN_OR_RETURN(std::vector<analyze::IobSentence> iob, analyze::ReadIob(path));
    std::string text;
    for (const auto& s : iob) {
      for (std::size_t i = 0; i < s.forms.size(); ++i) text += (i ? " " : "") + s.forms[i];
      text += "\n\n";
    }
    RETURN_IF_ERROR(AddSegmentedText(path, text, out));
  }
  return Status::OK();
}

}  // namespace dyad::cli
