// dyad train relabel: trains the second-stage arc labeler (src/analyze/
// relabeler.h) on jackknifed parses; see docs/analysis.md for the command
// of the shipped model.
#include <chrono>
#include <cstdlib>
#include <iostream>

#include "analyze/analyzer.h"
#include "analyze/relabeler.h"
#include "analyze/train.h"
#include "pipeline/stages.h"
#include "tools/cli.h"
#include "tools/tags_cache.h"

namespace dyad::cli {
namespace {

int Fail(const Status& s) {
  PrintError(s);
  return kExitUsage;
}

int Run(int argc, char** argv) {
  Flags f("dyad train relabel [options]",
          "Trains the second-stage arc labeler on the parser's training data: "
          "the sentences are "
          "parsed by --folds jackknifed parsers (each trained on the other "
          "folds, on jackknifed "
          "tags), and every arc whose predicted head is right is trained "
          "towards its gold "
          "relation. Needs <out>/tagger.bin; writes <out>/relabel.bin, which "
          "the analyzer "
          "applies after parsing when it is present.");
  const char* env = std::getenv("DYAD_SHARED");
  std::string shared = env && *env ? env : "../shared/data";
  std::string out;  // required: a relabel.bin there is applied by the analyzer
  int seed = 2, epochs = 10, parser_epochs = 10, folds = 4, tag_folds = 4;
  bool no_gum = false, with_dev = false, non_monotonic = false,
       wrong_heads = false;
  std::string tags_cache, parses_cache, parser_prune = "1.5", prune = "0";
  f.String("shared", &shared,
           "the shared data folder (ud/); default $DYAD_SHARED");
  f.String("out", &out,
           "model directory, required (reads tagger.bin, writes "
           "relabel.bin)");
  f.Int("seed", &seed,
        "random seed of the jackknifed tags, the jackknifed parsers (fold f: "
        "seed + f) and the "
        "relabeler (training is deterministic given it)");
  f.Int("epochs", &epochs, "relabeler training epochs");
  f.Int("parser-epochs", &parser_epochs, "epochs of each jackknifed parser");
  f.Int("folds", &folds, "jackknifing folds of the parser");
  f.Int("tag-folds", &tag_folds,
        "jackknifing folds of the tags (as dyad train parser --folds)");
  f.Bool("no-gum", &no_gum, "train on EWT only (no GUM documents)");
  f.Bool("with-dev", &with_dev,
         "also train on EWT dev and the licensed GUM dev documents (with a "
         "parser trained "
         "--with-dev; dev figures are then meaningless)");
  f.Bool("non-monotonic", &non_monotonic,
         "the jackknifed parsers use the non-monotonic transitions (as the "
         "shipped parser)");
  f.String("parser-prune", &parser_prune,
           "prune each jackknifed parser at this weight");
  f.Bool("wrong-heads", &wrong_heads,
         "also train arcs whose predicted head is wrong, towards the gold "
         "relation");
  f.String("prune", &prune, "drop relabeler weights below this magnitude");
  bool no_parser_label = false;
  f.Bool(
      "no-parser-label", &no_parser_label,
      "no features of the parser's label of the arc (an independent labeler)");
  int ensemble = 1;
  f.Int("ensemble", &ensemble,
        "train this many relabelers (seeds --seed, --seed + 1, ...) and keep "
        "the mean of their weights");
  std::string min_margin = "0";
  f.String("min-margin", &min_margin,
           "keep the parser's label unless the relabeler's scores another this "
           "much higher");
  f.String("tags-cache", &tags_cache,
           "file keeping the jackknifed tags between runs (read if present, "
           "else written; the "
           "same file as dyad train parser --tags-cache)");
  f.String("parses-cache", &parses_cache,
           "file keeping the jackknifed parses between runs (read if present, "
           "else written)");
  int code = 0;
  if (!f.Parse(argc, argv, &code)) return code;
  if (out.empty()) {
    return Fail(InvalidArgumentError(
        "--out DIR is required (a directory holding tagger.bin; the analyzer "
        "applies a relabel.bin it finds beside the other models, so it is "
        "never written to data/models by default)"));
  }
  if (folds < 2)
    return Fail(InvalidArgumentError("--folds must be at least 2"));
  auto data = analyze::LoadTrainingTreebanks(shared + "/ud", !no_gum);
  if (!data.ok()) return Fail(data.status());
  if (with_dev) {
    auto dev =
        analyze::LoadTrainingTreebanks(shared + "/ud", !no_gum, /*dev=*/true);
    if (!dev.ok()) return Fail(dev.status());
    for (auto& s : *dev) data->push_back(std::move(s));
  }
  std::cerr << "training sentences: " << data->size() << "\n";
  analyze::Tagger tagger;
  analyze::Morphology morph;
  if (auto s = analyze::LoadTaggerModel(out + "/tagger.bin", &tagger, &morph);
      !s.ok())
    return Fail(s);
  analyze::TrainOptions opts;
  opts.seed = static_cast<std::uint64_t>(seed);
  auto t0 = std::chrono::steady_clock::now();
  opts.log = [t0](const std::string& m) {
    double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
            .count();
    std::cerr << "[" << static_cast<int>(s) << "s] " << m << "\n";
  };
  if (tag_folds > 1 && !tags_cache.empty() &&
      ReadTagsCache(tags_cache, &*data)) {
    std::cerr << "jackknifed tags read from " << tags_cache << "\n";
  } else if (tag_folds > 1) {
    auto topts = opts;
    topts.epochs = 12;
    if (auto s = analyze::JackknifeTags(&*data, tag_folds, topts); !s.ok())
      return Fail(s);
    if (!tags_cache.empty()) WriteTagsCache(tags_cache, *data);
  }
  std::vector<analyze::PredictedTree> parses;
  Status cached = parses_cache.empty()
                      ? NotFoundError("no cache")
                      : analyze::ReadParses(parses_cache, *data, &parses);
  if (cached.ok()) {
    std::cerr << "jackknifed parses read from " << parses_cache << "\n";
  } else {
    if (cached.code() != StatusCode::kNotFound) return Fail(cached);
    auto popts = opts;
    popts.epochs = parser_epochs;
    popts.non_monotonic = non_monotonic;
    if (auto s = analyze::JackknifeParses(
            *data, tagger, folds,
            static_cast<float>(std::atof(parser_prune.c_str())), popts,
            &parses);
        !s.ok()) {
      return Fail(s);
    }
    if (!parses_cache.empty()) {
      if (auto s = analyze::WriteParses(parses_cache, parses); !s.ok())
        return Fail(s);
    }
  }
  analyze::RelabelOptions ro;
  ro.seed = static_cast<std::uint64_t>(seed);
  ro.epochs = epochs;
  ro.wrong_heads = wrong_heads;
  ro.prune = static_cast<float>(std::atof(prune.c_str()));
  ro.parser_label = !no_parser_label;
  ro.ensemble = ensemble;
  ro.min_margin = static_cast<float>(std::atof(min_margin.c_str()));
  ro.log = opts.log;
  analyze::Relabeler relabeler;
  if (auto s = analyze::TrainRelabeler(*data, parses, tagger, ro, &relabeler);
      !s.ok())
    return Fail(s);
  if (auto s = analyze::SaveRelabelModel(out + "/relabel.bin", relabeler);
      !s.ok())
    return Fail(s);
  std::cerr << "wrote " << out << "/relabel.bin (" << relabeler.num_labels()
            << " labels, " << relabeler.model().num_features()
            << " features)\n";
  return 0;
}

const Registrar kRelabel({"train relabel", "train the second-stage arc labeler",
                          Run});

}  // namespace
}  // namespace dyad::cli
