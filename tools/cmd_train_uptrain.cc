// dyad train uptrain: parses unlabelled English text with a parser or
// the reparsing ensemble and writes the trees as CoNLL-U, the extra training
// data of `dyad train parser --extra-conllu` (uptraining, Petrov et al. 2010;
// docs/analysis-log.md, "Issue 4, uptraining").
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <unordered_set>
#include <vector>

#include "analyze/analyzer.h"
#include "analyze/features.h"
#include "analyze/train.h"
#include "dyad/pipeline.h"
#include "pipeline/stages.h"
#include "tools/cli.h"
#include "tools/unlabelled_text.h"

namespace dyad::cli {
namespace {

// Whether a token is a word: it has an ASCII letter.
bool IsWord(const std::string& form) {
  for (unsigned char ch : form) {
    if ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') return true;
  }
  return false;
}

int RunUptrain(int argc, char** argv) {
  Flags f("dyad train uptrain --out FILE.conllu [options]",
          "Parses unlabelled English text with the tagger and a parser or reparsing ensemble "
          "(--parser) and writes the trees as CoNLL-U for `dyad train parser --extra-conllu` "
          "(uptraining). The text: the main content of the English pages of the HTML "
          "benchmarks, the text of the NER training corpora (wikigold, WNUT17 train, BTC) and "
          "WordNet's glosses and examples (tools/unlabelled_text), split and tokenized by our "
          "segmenter; sentences of --min-words to --max-words tokens, at "
          "least half of them words (an ASCII letter), each distinct sentence once, in an "
          "order shuffled by --seed. Each sentence's \"# agree = K\" comment counts the "
          "ensemble members whose own unlabelled tree is the written one.");
  const char* env = std::getenv("DYAD_SHARED");
  std::string shared = env && *env ? env : "../shared/data";
  std::string models = internal::ResolveDataDir(PipelineOptions{}) + "/models";
  std::string parser_spec = "parser-beam.bin,parser-r2l-beam.bin,parser.bin";
  std::string out, wordnet;
  int seed = 1, min_words = 5, max_words = 60, max_sentences = 0;
  bool no_html = false, no_ner = false;
  f.String("shared", &shared, "the shared data folder (html/, ner/); default $DYAD_SHARED");
  f.String("models", &models, "model directory with tagger.bin and the parser files");
  f.String("parser", &parser_spec,
           "the parser, or a comma-separated reparsing ensemble (as dyad analyze --parser)");
  f.String("out", &out, "the CoNLL-U file to write");
  f.String("wordnet", &wordnet, "WordNet database folder (Debian wordnet-base: /usr/share/wordnet) whose glosses "
           "join the text; default none (they did not help, docs/analysis-log.md)");
  f.Bool("no-html", &no_html, "leave out the HTML pages");
  f.Bool("no-ner", &no_ner, "leave out the NER corpora's text");
  f.Int("seed", &seed, "seed of the sentence order");
  f.Int("min-words", &min_words, "shortest sentence kept (tokens)");
  f.Int("max-words", &max_words, "longest sentence kept (tokens)");
  f.Int("max-sentences", &max_sentences, "write at most this many sentences (0 = all)");
  int code = 0;
  if (!f.Parse(argc, argv, &code)) return code;
  if (out.empty()) {
    PrintError(InvalidArgumentError("--out FILE.conllu is required"));
    return kExitUsage;
  }
  analyze::AnalyzerOptions ao;
  ao.ner = false;
  ao.relabel = false;
  if (auto s = analyze::SetParserSpec(parser_spec, &ao); !s.ok()) {
    PrintError(s);
    return kExitUsage;
  }
  auto analyzer = analyze::Analyzer::Load(models, ao);
  if (!analyzer.ok()) {
    PrintError(analyzer.status());
    return kExitUsage;
  }
  const analyze::Analyzer& a = **analyzer;

  std::vector<std::vector<std::string>> corpus;
  if (!no_html) {
    int pages = 0, kept = 0;
    for (const char* dir : kUnlabelledHtmlDirs) {
      const std::string path = shared + "/" + dir;
      if (!std::filesystem::is_directory(path)) {
        PrintError(NotFoundError(path + ": no such folder of HTML pages (--shared; --no-html "
                                        "leaves the pages out)"));
        return kExitUsage;
      }
      AddHtmlText(path, &corpus, &pages, &kept);
    }
    std::cerr << "HTML pages: " << pages << ", English: " << kept
              << ", sentences: " << corpus.size() << "\n";
  }
  if (!no_ner) {
    std::vector<std::string> files;
    for (const char* file : kUnlabelledNerFiles) files.push_back(shared + "/" + file);
    const std::size_t before = corpus.size();
    if (auto s = AddNerText(files, &corpus); !s.ok()) {
      PrintError(s);
      return kExitUsage;
    }
    std::cerr << "NER corpora sentences: " << corpus.size() - before << "\n";
  }
  if (!wordnet.empty()) {
    const std::size_t before = corpus.size();
    if (auto s = AddWordNetGlosses(wordnet, &corpus); !s.ok()) {
      PrintError(s);
      return kExitUsage;
    }
    std::cerr << "WordNet gloss sentences: " << corpus.size() - before << "\n";
  }
  if (corpus.empty()) {
    PrintError(InvalidArgumentError("no text to parse: every source is left out or empty"));
    return kExitUsage;
  }
  std::vector<int> order;
  std::unordered_set<std::uint64_t> seen;
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    const auto& s = corpus[i];
    const int n = static_cast<int>(s.size());
    if (n < min_words || n > max_words) continue;
    int words = 0;
    std::uint64_t h = 1;
    for (const auto& w : s) {
      words += IsWord(w);
      h = analyze::Mix64(h ^ analyze::HashStr(w));
    }
    if (2 * words < n || !seen.insert(h).second) continue;
    order.push_back(static_cast<int>(i));
  }
  std::uint64_t rng = static_cast<std::uint64_t>(seed) * 7919 + 17;
  analyze::Shuffle(&order, &rng);
  if (max_sentences > 0 && order.size() > static_cast<std::size_t>(max_sentences)) {
    order.resize(static_cast<std::size_t>(max_sentences));
  }
  std::cerr << "sentences kept: " << order.size() << " of " << corpus.size() << "\n";

  std::ofstream os(out, std::ios::binary);
  if (!os) {
    PrintError(IoError(out + ": cannot write"));
    return kExitUsage;
  }
  const analyze::Tagger& tagger = a.tagger();
  std::vector<std::string_view> forms;
  std::vector<analyze::WordInfo> info;
  std::vector<int> tags, heads, labels;
  std::vector<std::uint64_t> keys;
  std::size_t total_words = 0;
  std::vector<std::size_t> by_agree(a.ensemble().size() + 1);
  for (std::size_t k = 0; k < order.size(); ++k) {
    const auto& s = corpus[order[k]];
    forms.assign(s.begin(), s.end());
    tagger.Prepare(forms, &info);
    tagger.Tag(info, &tags);
    keys.clear();
    for (int t : tags) keys.push_back(tagger.tag_key(t));
    int agree = 1;
    if (a.ensemble().size() > 0) {
      a.ensemble().Parse(info, keys, &heads, &labels, &agree);
      ++by_agree[agree];
    } else {
      a.parser()->Parse(info, keys, &heads, &labels);
    }
    os << "# sent_id = teacher-" << k + 1 << "\n# " << analyze::kAgreeComment << " = " << agree
       << "\n";
    for (std::size_t i = 0; i < s.size(); ++i) {
      const std::string& label =
          a.ensemble().size() > 0 ? a.ensemble().label(labels[i]) : a.parser()->label(labels[i]);
      os << i + 1 << "\t" << s[i] << "\t_\t" << tagger.upos(tags[i]) << "\t" << tagger.xpos(tags[i])
         << "\t_\t" << heads[i] + 1 << "\t" << label << "\t_\t_\n";
    }
    os << "\n";
    total_words += s.size();
  }
  os.close();
  if (!os) {
    PrintError(IoError(out + ": write failed"));
    return kExitUsage;
  }
  std::cerr << "wrote " << out << ": " << order.size() << " sentences, " << total_words
            << " words";
  for (std::size_t k = 0; k < by_agree.size() && a.ensemble().size() > 0; ++k) {
    std::cerr << (k == 0 ? "; members agreeing: " : ", ") << k << ": " << by_agree[k];
  }
  std::cerr << "\n";
  return 0;
}

const Registrar kUptrain({"train uptrain", "parse unlabelled text for the parser's uptraining",
                          RunUptrain});

}  // namespace
}  // namespace dyad::cli
