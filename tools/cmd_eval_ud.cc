// dyad eval ud: scores the analysis models on CoNLL-U treebanks with the
// CoNLL 2018 shared-task metrics.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <utility>

#include "analyze/ud_eval.h"
#include "pipeline/stages.h"
#include "tools/cli.h"

namespace dyad::cli {
namespace {

void Line(const char* name, const analyze::UdMetric& m) {
  std::printf("%-10s %8.2f %8.2f %8.2f\n", name, m.precision(), m.recall(), m.f1());
}

int Run(int argc, char** argv) {
  Flags f("dyad eval ud [options] FILE.conllu...",
          "Analyzes each treebank and prints precision, recall and F1 of sentences, tokens, "
          "words, UPOS, XPOS, UFeats, lemmas, UAS and LAS (CoNLL 2018 definitions: LAS "
          "compares universal relations; LAS-full whole labels). By default the gold "
          "tokenization is analyzed; --raw segments the text with our segmenter first.");
  bool raw = false;
  std::string data_dir;
  f.Bool("raw", &raw, "start from raw text (our segmenter) instead of gold tokens");
  f.String("data-dir", &data_dir, "where models/ lives");
  std::string output;
  f.String("output", &output, "write the system analysis here as CoNLL-U (gold tokenization)");
  bool no_parse = false;
  f.Bool("no-parse", &no_parse, "tag and lemmatize only (UAS/LAS are then 0)");
  int beam = 0;
  f.Int("beam", &beam,
        "parser beam width (1 = greedy; 0 = the model's own, as dyad analyze); refused with a "
        "--parser list, whose parsers each decode with their own width");
  std::string parser_file = "parser.bin";
  f.String("parser", &parser_file,
           "the parser model: a file name in models/ (e.g. parser-beam.bin) or a path; a "
           "comma-separated list (optional :weight each, the first breaks ties) is a reparsing "
           "ensemble");
  bool gold_tags = false;
  f.Bool("gold-tags", &gold_tags,
         "give the analyzer the gold UPOS and XPOS (where the tagger knows the pair) instead of "
         "its own tags, to measure what tagging errors cost the lemmas and the parser; gold "
         "tokenization only (UPOS/XPOS are then near 100 by construction)");
  std::string parser_net, parser_net_weight = "12";
  f.String("parser-net", &parser_net,
           "experimental: a dense parser (dyad train parser --dense) mixed into the greedy "
           "parser's decisions");
  f.String("parser-net-weight", &parser_net_weight,
           "--parser-net: the weight of its log-probabilities, in the perceptron's units");
  std::string parser_net_margin = "20";
  f.String("parser-net-margin", &parser_net_margin,
           "--parser-net: consult the network only when the perceptron's best transition leads "
           "by less than this (1e30: at every decision)");
  std::string tagger_net_weight, tagger_net_margin;
  f.String("tagger-net-weight", &tagger_net_weight,
           "the weight of the tagger's window network (0 = off; default: the model's)");
  f.String("tagger-net-margin", &tagger_net_margin,
           "the tagger's first pass consults its window network where its margin is below this "
           "(default: the model's)");
  int code = 0;
  if (!f.Parse(argc, argv, &code)) return code;
  if (gold_tags && raw) {
    std::cerr << "error: --gold-tags needs the gold tokenization (not --raw)\n";
    return kExitUsage;
  }
  if (f.positional().empty()) {
    std::cerr << f.Help();
    return kExitUsage;
  }
  PipelineOptions po;
  po.data_dir = data_dir;
  analyze::AnalyzerOptions ao;
  ao.parse = !no_parse;
  ao.ner = false;
  ao.beam = beam;
  ao.given_tags = gold_tags;
  ao.parser_net_file = parser_net;
  // Numbers >= 0 (their upper bounds: checked by Analyzer::Load); an empty
  // optional value keeps the model's.
  struct NumberFlag {
    const char* name;
    const std::string& text;
    float* out;
    bool optional;
  };
  for (const NumberFlag& n :
       {NumberFlag{"--parser-net-weight", parser_net_weight, &ao.parser_net_weight, false},
        NumberFlag{"--parser-net-margin", parser_net_margin, &ao.parser_net_margin, false},
        NumberFlag{"--tagger-net-weight", tagger_net_weight, &ao.tagger_net_weight, true},
        NumberFlag{"--tagger-net-margin", tagger_net_margin, &ao.tagger_net_margin, true}}) {
    if (n.optional && n.text.empty()) continue;
    char* end = nullptr;
    const double v = std::strtod(n.text.c_str(), &end);
    if (n.text.empty() || *end != '\0' || !(v >= 0)) {
      std::cerr << "error: " << n.name << " takes a number >= 0, not '" << n.text << "'\n";
      return kExitUsage;
    }
    *n.out = static_cast<float>(v);
  }
  if (auto st = analyze::SetParserSpec(parser_file, &ao); !st.ok()) {
    PrintError(st);
    return kExitUsage;
  }
  auto analyzer = analyze::Analyzer::Load(internal::ResolveDataDir(po) + "/models", ao);
  if (!analyzer.ok()) {
    PrintError(analyzer.status());
    return kExitUsage;
  }
  for (const auto& path : f.positional()) {
    auto gold = text::ReadConllu(path);
    if (!gold.ok()) {
      PrintError(gold.status());
      return kExitUsage;
    }
    std::vector<Sentence> system;
    analyze::UdScores s = raw ? analyze::EvaluateRawText(*gold, **analyzer)
                              : analyze::EvaluateGoldTokenization(*gold, **analyzer, &system,
                                                                  gold_tags);
    if (!output.empty() && !raw) {
      std::ofstream out(output);
      for (std::size_t i = 0; i < system.size(); ++i) {
        out << "# sent_id = " << (*gold)[i].sent_id << "\n";
        for (std::size_t k = 0; k < system[i].tokens.size(); ++k) {
          const Token& t = system[i].tokens[k];
          auto f = [](const std::string& x) { return x.empty() ? std::string("_") : x; };
          out << k + 1 << "\t" << t.form << "\t" << f(t.lemma) << "\t" << f(t.upos) << "\t"
              << f(t.xpos) << "\t" << f(t.feats) << "\t" << (t.deprel.empty() ? 0 : t.head + 1)
              << "\t" << f(t.deprel) << "\t_\t_\n";
        }
        out << "\n";
      }
    }
    std::printf("%s (%s%s)\n", path.c_str(), raw ? "raw text" : "gold tokenization",
                gold_tags ? ", gold tags" : "");
    std::printf("%-10s %8s %8s %8s\n", "metric", "P", "R", "F1");
    Line("Sentences", s.sentences);
    Line("Tokens", s.tokens);
    Line("Words", s.words);
    Line("UPOS", s.upos);
    Line("XPOS", s.xpos);
    Line("UFeats", s.ufeats);
    Line("Lemmas", s.lemma);
    Line("UAS", s.uas);
    Line("LAS", s.las);
    Line("LAS-full", s.las_full);
    std::printf("speed      %ld words/s (analysis only, one thread, CPU time)\n\n", s.words_per_second);
  }
  return 0;
}

const Registrar kRegister({"eval ud", "score tagging, lemmas and parsing on CoNLL-U", Run});

}  // namespace
}  // namespace dyad::cli
