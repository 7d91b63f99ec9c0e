// Analyzer: the loaded analysis models (tagger + morphology, parser, NER)
// and the per-sentence driver that fills Token's analysis fields.
//
//   auto a = dyad::analyze::Analyzer::Load(data_dir + "/models");
//   if (!a.ok()) ...;
//   (*a)->Analyze(&sentence);   // upos, xpos, feats, lemma, head, deprel, ner
//
// Model files (written by `dyad train`, see docs/analysis.md):
//   tagger.bin  tagger and morphology     (required)
//   parser.bin  dependency parser         (required)
//   ner.bin     named entities            (required)
//   relabel.bin second-stage arc labeler  (optional: applied after parsing
//               when present, except with a parser ensemble; relabeler.h)
// With AnalyzerOptions::parser_models, several parser files make a
// reparsing ensemble (reparse.h) instead of the one parser (shipped for it:
// parser-beam.bin, parser-r2l-beam.bin, parser.bin, in that order). A
// stacked parser file (parser-guided.bin, `dyad train parser --guide`)
// embeds its guide parser and is used like any other parser file.
// Word clusters (clusters.h, `dyad train clusters`) are not loaded: no
// shipped model uses them (docs/analysis.md says why).
//
// Thread safety: immutable after Load(); Analyze() is const and may run on
// many threads at once (scratch buffers are thread-local).
#ifndef DYAD_ANALYZE_ANALYZER_H_
#define DYAD_ANALYZE_ANALYZER_H_

#include <memory>
#include <string>
#include <vector>

#include "analyze/clusters.h"
#include "analyze/morphology.h"
#include "analyze/ner.h"
#include "analyze/parser.h"
#include "analyze/relabeler.h"
#include "analyze/reparse.h"
#include "analyze/tagger.h"
#include "dyad/sentence.h"
#include "dyad/status.h"

namespace dyad::analyze {

inline constexpr char kTaggerMagic[] = "DYADTAG1";
inline constexpr char kParserMagic[] = "DYADPAR1";
inline constexpr char kNerMagic[] = "DYADNER1";
inline constexpr char kClustersMagic[] = "DYADCLU1";
inline constexpr std::uint32_t kModelVersion = 1;

// One parser of a reparsing ensemble: a file name in the model directory
// (or a path, with a '/') and its weight in the arc votes.
struct ParserModel {
  std::string file;
  double weight = 1.0;
};

struct AnalyzerOptions {
  bool parse = true;  // load and run the parser
  bool ner = true;    // load and run NER
  bool relabel = true;  // with parse: load and apply relabel.bin if present
  // Parser beam width (1 = greedy); 0 = the width the model was trained
  // for (1 for the shipped parser.bin).
  int beam = 0;
  // The parser model file in the model directory.
  std::string parser_file = "parser.bin";
  // Two or more: a reparsing ensemble of these parsers (reparse.h; the
  // first breaks ties) instead of parser_file; each decodes with the width
  // it was trained for (`beam` must be 0), and relabel.bin is not applied.
  // One: that parser alone, as parser_file. Empty: parser_file.
  std::vector<ParserModel> parser_models;
  // A beam wider than 1 on a parser trained greedily (width 1 in its file)
  // is refused by Load(): its weights parse far worse in a beam (EWT test
  // UAS 87 -> 69 at 8). Set this to measure that anyway (the benchmark does).
  bool beam_on_greedy = false;
  // AnalyzeDocument(): NER labels each sentence a second time, its history
  // the first pass's labels of the whole rest of the document (see there).
  bool ner_second_pass = true;
  // The weight of NER's window network (Ner::set_net_weight; 0 turns it
  // off); negative: the weight in the model.
  float ner_net_weight = -1;
  // The same for the tagger's window network (Tagger::set_net_weight), and
  // its margin (Tagger::set_net_margin).
  float tagger_net_weight = -1;
  float tagger_net_margin = -1;
  // false: parse without the dense network a parser model may carry
  // (Parser::net(); `--no-parser-net`, and the benchmark's measure of its cost).
  bool parser_net = true;
  // A dense parser (`dyad train parser --dense`) mixed into the greedy
  // parser's decisions with this weight and margin (Parser::set_net; `dyad
  // eval ud --parser-net`); empty: none. Not with an ensemble or a beam.
  std::string parser_net_file;
  float parser_net_weight = 0;
  float parser_net_margin = 1e30f;  // Parser::set_net_margin
  // Keep the UPOS and XPOS a token already has, where the tagger knows the
  // pair, instead of the tagger's (lemmas, parsing and NER then read them):
  // `dyad eval ud --gold-tags`, to measure what tagging errors cost.
  bool given_tags = false;
};

// Sets the parser(s) of `options` from a parser model list (--parser,
// PipelineOptions::parser_model): one file name ("parser-beam.bin", or a
// path) sets parser_file; a comma-separated list with optional weights
// ("parser.bin,parser-r2l.bin:1.5,parser-beam.bin") sets parser_models
// (weight 1 when none is given). A ':' is read as the start of a weight only
// when no '/' follows it ("/data/run:1/parser.bin" is one path). Fails on an
// empty name or a weight that is not a finite number in (0, 1e6].
Status SetParserSpec(const std::string& spec, AnalyzerOptions* options);

// The file `dyad train parser` writes: parser.bin (greedy, left to right),
// parser-beam.bin (beam > 1), parser-r2l.bin / parser-r2l-beam.bin (right to
// left), parser-guided.bin (a stacked parser with its guide, `--guide`),
// parser-dense.bin (the dense scorer, `--dense`), so that a variant never
// replaces another; with epoch > 0 the checkpoint after that epoch, e.g.
// parser-r2l-beam.epoch5.bin.
std::string ParserFileName(bool right_to_left, int beam, int epoch = 0, bool guided = false,
                           bool dense = false);

class Analyzer {
 public:
  // Loads the models from `model_dir`. Fails with the missing or corrupt
  // file's path.
  static StatusOr<std::unique_ptr<Analyzer>> Load(const std::string& model_dir,
                                                  const AnalyzerOptions& options = {});

  // Fills the analysis fields of every token of `s` from the token forms.
  void Analyze(Sentence* s) const;
  // Analyze() for every sentence of one document, NER seeing what it said
  // earlier in the document (NerHistory); then (AnalyzerOptions::
  // ner_second_pass) NER labels each sentence again seeing what the first
  // pass said in the whole rest of the document (Ner::TagSecondPass: the
  // history features see the right context too); then (with NER)
  // PropagateEntities() over the document.
  void AnalyzeDocument(std::vector<Sentence>* sentences) const;

  const Tagger& tagger() const { return tagger_; }
  const Morphology& morphology() const { return morph_; }
  // The parser (with an ensemble: its first member).
  const Parser* parser() const {
    return !options_.parse ? nullptr : (ensemble_.size() > 0 ? &ensemble_.member(0) : &parser_);
  }
  // The parser ensemble; size() 0 when one parser parses.
  const ParserEnsemble& ensemble() const { return ensemble_; }
  const Ner* ner() const { return options_.ner ? &ner_ : nullptr; }
  const Relabeler* relabeler() const { return relabeler_.bound() ? &relabeler_ : nullptr; }

 private:
  // What NER's first pass saw and said of a sentence (for the second pass).
  struct NerPass {
    std::vector<WordInfo> info;
    std::vector<std::uint64_t> keys;
    std::vector<int> labels;
    std::vector<float> net_logp;  // NER's window network's output, for the second pass
  };
  void Analyze(Sentence* s, NerHistory* history, NerPass* keep = nullptr) const;
  AnalyzerOptions options_;
  Tagger tagger_;
  Morphology morph_;
  // Parses with the parser or the ensemble; labels index ParserLabel().
  void ParseWords(const std::vector<WordInfo>& words, const std::vector<std::uint64_t>& tags,
                  std::vector<int>* heads, std::vector<int>* labels) const;
  const std::string& ParserLabel(int l) const {
    return ensemble_.size() > 0 ? ensemble_.label(l) : parser_.label(l);
  }
  Parser parser_;
  ParserEnsemble ensemble_;  // empty unless options_.parser_models has 2+
  Relabeler relabeler_;  // bound to parser_ when loaded
  Ner ner_;
};

// Document-level consistency of the NER labels: a name (token sequence
// with a capitalised word) that NER labelled as an entity somewhere in the
// document is labelled, with its most frequent type there, wherever else it
// occurs unlabelled (all its words O, the word before it O or the sentence
// start); longer names first. The sentence model misses later mentions
// that lack the context of the first ("the Kelmora Shipping Company said"
// labels "Kelmora Shipping Company", a later "Kelmora Shipping Company
// staff" may not be).
void PropagateEntities(std::vector<Sentence>* sentences);

// Save helpers for the trainers.
Status SaveTaggerModel(const std::string& path, const Tagger& tagger, const Morphology& morph);
Status SaveParserModel(const std::string& path, const Parser& parser);
Status SaveNerModel(const std::string& path, const Ner& ner);
Status LoadTaggerModel(const std::string& path, Tagger* tagger, Morphology* morph);
Status LoadParserModel(const std::string& path, Parser* parser);
Status LoadNerModel(const std::string& path, Ner* ner);
Status SaveClustersModel(const std::string& path, const WordClusters& clusters);
Status LoadClustersModel(const std::string& path, WordClusters* clusters);

}  // namespace dyad::analyze

#endif  // DYAD_ANALYZE_ANALYZER_H_
