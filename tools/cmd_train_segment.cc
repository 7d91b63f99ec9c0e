// dyad train segment: learns the sentence splitter's model from treebanks.
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <unordered_set>

#include "text/conllu.h"
#include "text/segment_eval.h"
#include "text/segment_train.h"
#include "tools/cli.h"
#include "tools/unlabelled_text.h"
#include "util/files.h"

namespace dyad::cli {
namespace {

std::vector<std::string> SplitCommas(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

// Reads --dev (nothing if no path is given); false after printing the error.
bool ReadDev(const std::string& path, std::vector<text::ConlluSentence>* dev) {
  if (path.empty()) return true;
  auto d = text::ReadConllu(path);
  if (!d.ok()) {
    PrintError(path, d.status());
    return false;
  }
  *dev = std::move(*d);
  return true;
}

// --orthography: the counts of the unlabelled text (the main content of the
// English HTML pages under `shared`, each distinct line once, and WordNet's
// glosses if `wordnet` is not empty). False after printing the error.
bool ReadOrthography(const std::string& shared, const std::string& wordnet,
                     text::OrthoCounts* counts) {
  int pages = 0, kept = 0;
  std::unordered_set<std::uint64_t> seen;
  for (const char* dir : kUnlabelledHtmlDirs) {
    ForEachEnglishHtmlPage(shared + "/" + dir, &pages, &kept,
                           [&](const Document& doc, const std::vector<Sentence>&) {
                             std::string_view text = doc.text;
                             std::size_t at = 0;
                             while (at < text.size()) {
                               std::size_t nl = text.find('\n', at);
                               if (nl == std::string_view::npos) nl = text.size();
                               std::string_view line = text.substr(at, nl - at);
                               at = nl + 1;
                               if (seen.insert(text::HashLower(line) ^ line.size()).second) {
                                 text::AddOrthoCounts(line, counts);
                               }
                             }
                           });
  }
  std::fprintf(stderr, "orthography: %d of %d HTML pages English, %zu words\n", kept, pages,
               counts->tokens);
  if (pages == 0) {
    std::fprintf(stderr, "dyad train segment: --orthography %s: no HTML pages under %s/html\n",
                 shared.c_str(), shared.c_str());
    return false;
  }
  if (wordnet.empty()) return true;
  for (const char* pos : {"noun", "verb", "adj", "adv"}) {
    auto gloss = WordNetGlossText(wordnet, pos);
    if (!gloss.ok()) {
      PrintError(wordnet, gloss.status());
      return false;
    }
    text::AddOrthoCounts(*gloss, counts);
  }
  std::fprintf(stderr, "orthography: with WordNet glosses %zu words, %zu capitalized words counted\n",
               counts->tokens, counts->words.size());
  return true;
}

// With --cv --curve: the threshold picked on dev alone (per fold, as the
// pooled "cv sentence F1" uses) against the one picked on the pooled folds
// plus dev (--tune-cv), in-sample and nested (each fold scored at the step
// chosen without it), and dev at each pick (the mean over the folds' models).
void PrintThresholdChoice(const text::SplitCrossValidation& cv) {
  auto at = [](const std::vector<text::EvalScore>& curve, int step) {
    return curve[static_cast<std::size_t>(step + text::kBiasSteps)];
  };
  auto mean_dev = [&](int step) {
    double sum = 0;
    for (const auto& c : cv.dev_curves) sum += at(c, step).F1();
    return cv.dev_curves.empty() ? 0.0 : 100 * sum / static_cast<double>(cv.dev_curves.size());
  };
  const bool dev = !cv.dev_curves.empty();
  if (dev) {
    std::printf("dev-tuned steps:");
    for (const auto& c : cv.dev_curves) {
      std::vector<double> f1;
      for (const text::EvalScore& p : c) f1.push_back(p.F1());
      std::printf(" %+d", text::SmoothedBestStep(f1));
    }
    std::printf("\n");
  }
  const int pooled = text::PooledThresholdStep(cv, -1, dev);
  const text::EvalScore nested = text::NestedThresholdScore(cv, dev);
  std::printf("pooled pick (folds%s): step %+d, cv F1 %.2f (in-sample), nested cv F1 %.2f "
              "(P %.2f R %.2f)",
              dev ? " + dev" : "", pooled, 100 * at(cv.curve, pooled).F1(), 100 * nested.F1(),
              100 * nested.Precision(), 100 * nested.Recall());
  if (dev) {
    const int folds_only = text::PooledThresholdStep(cv, -1, false);
    std::printf(", dev F1 %.2f; folds-only pick: step %+d, dev F1 %.2f (held out)",
                mean_dev(pooled), folds_only, mean_dev(folds_only));
  }
  std::printf("\n");
}

// --cv: prints the cross-validation figures instead of writing a model.
int CrossValidate(const std::vector<std::vector<text::ConlluSentence>>& corpora,
                  const text::SplitTrainOptions& options, const std::string& dev_path, int k,
                  bool list_errors, bool curve) {
  std::vector<text::ConlluSentence> dev;
  if (!ReadDev(dev_path, &dev)) return kExitUsage;
  auto cv = text::CrossValidateSplitModel(corpora, options, dev, k, list_errors, curve);
  if (!cv.ok()) {
    PrintError("--cv", cv.status());
    return kExitUsage;
  }
  for (const std::string& line : cv->errors) std::printf("%s\n", line.c_str());
  for (std::size_t f = 0; f < cv->folds.size(); ++f) {
    std::printf("fold %zu: sentence F1 %.2f\n", f, 100 * cv->folds[f].F1());
  }
  for (std::size_t i = 0; i < cv->curve.size(); ++i) {
    const text::EvalScore& p = cv->curve[i];
    std::printf("threshold step %+d: sentence F1 %.2f (P %.2f R %.2f)\n",
                static_cast<int>(i) - text::kBiasSteps, 100 * p.F1(), 100 * p.Precision(),
                100 * p.Recall());
  }
  if (curve) PrintThresholdChoice(*cv);
  std::printf("cv sentence F1 %.2f (P %.2f R %.2f)", 100 * cv->pooled.F1(),
              100 * cv->pooled.Precision(), 100 * cv->pooled.Recall());
  if (!dev.empty()) std::printf(", mean tuned dev F1 %.2f", 100 * cv->mean_dev_f1);
  std::printf("\n");
  return kExitOk;
}

int Run(int argc, char** argv) {
  std::string out_path, dev_path, genres =
      "academic,bio,court,interview,news,textbook,voyage,speech";
  std::vector<std::string> evals;
  int epochs = 10;
  int seed = 1, bags = 1;
  std::string prune = "0.03";
  bool paragraphs = false, no_lexicons = false, add_dev = false;
  std::string learner = "perceptron";
  std::string rate = "0.1";
  std::string gate = "0";
  Flags flags("dyad train segment [options] TRAIN.conllu...",
              "Trains the sentence splitter (an averaged perceptron over hashed features) on "
              "CoNLL-U treebanks and writes it as src/text/segment_model_data.inc, which the "
              "library compiles in. GUM documents are kept only for the --genres given "
              "(the CC BY / CC BY-SA genres by default).");
  flags.String("out", &out_path, "where to write the model include file (required)");
  flags.String("dev", &dev_path, "CoNLL-U file on which the decision threshold is tuned");
  flags.String("genres", &genres, "comma-separated GUM genres to train on");
  flags.Int("epochs", &epochs, "perceptron passes");
  flags.Int("seed", &seed, "shuffling seed");
  flags.Int("bags", &bags, "models to average, each trained with its own shuffling");
  flags.String("prune", &prune, "drop weights below this fraction of the largest");
  flags.Bool("paragraph-examples", &paragraphs, "also learn from paragraph ends");
  flags.String("learner", &learner, "perceptron or logistic");
  flags.Bool("no-lexicons", &no_lexicons, "do not build the word-case lexicons");
  flags.Bool("add-dev", &add_dev,
             "after tuning the threshold on --dev, retrain on the training files plus --dev "
             "and keep that threshold");
  flags.String("rate", &rate, "learning rate of the logistic learner");
  bool no_gate = false;
  flags.Bool("no-gate", &no_gate,
             "do not train the gate (a model over the base features that settles clear "
             "ends and non-ends before the pair features are computed)");
  flags.String("gate-quantile", &gate,
               "fraction of the training sentence ends that the gate may reject, and of the "
               "other gaps that it may take for ends");
  std::string orthography, wordnet = "/usr/share/wordnet";
  flags.String("orthography", &orthography,
               "shared data folder whose HTML pages' main content (html/, with --wordnet's "
               "glosses) is read as unlabelled text: words capitalized there mostly where a "
               "sentence clearly begins form the sentence-starter lexicon (\"\" = none)");
  flags.String("wordnet", &wordnet, "with --orthography: WordNet database folder (Debian "
                                    "wordnet-base) whose glosses join the text (\"\" = none)");
  flags.List("eval", &evals, "CoNLL-U file to score the trained model on (repeatable)");
  bool errors = false;
  int cv = 0;
  flags.Int("cv", &cv,
            "instead of writing a model: K-fold cross-validation over the documents of the "
            "first training file (each fold's model trained on the rest and the other files, "
            "its threshold tuned on --dev); prints the pooled sentence F1 on the folds and "
            "the mean tuned F1 on --dev");
  int tune_cv = 0;
  flags.Int("tune-cv", &tune_cv,
            "choose the decision threshold on K-fold cross-validation (as --cv) instead of "
            "on --dev alone: the grid step with the best smoothed sentence F1 on the folds' "
            "pooled curve plus --dev's; the model is then trained on all training files "
            "(plus --dev with --add-dev) and given that step of its own threshold grid");
  bool curve = false;
  flags.Bool("curve", &curve, "with --cv, also print the pooled sentence scores over the "
                              "threshold grid");
  flags.Bool("errors", &errors,
             "with --eval or --cv, also list sentence ends missed (-) and added (+), with "
             "context");
  int code = 0;
  if (!flags.Parse(argc, argv, &code)) return code;
  if ((out_path.empty() && cv == 0) || flags.positional().empty()) {
    std::fprintf(stderr, "error: --out (or --cv) and at least one training file are required\n%s",
                 flags.Help().c_str());
    return kExitUsage;
  }
  std::vector<std::vector<text::ConlluSentence>> corpora;
  for (const std::string& path : flags.positional()) {
    auto gold = text::ReadConllu(path);
    if (!gold.ok()) {
      PrintError(path, gold.status());
      return kExitUsage;
    }
    corpora.push_back(text::FilterGumGenres(std::move(*gold), SplitCommas(genres)));
    std::fprintf(stderr, "%s: %zu sentences\n", path.c_str(), corpora.back().size());
  }
  // Numbers given as text: a clear error for "abc" or an out-of-range value.
  auto number = [](const char* flag, const std::string& v, double lo, double hi, double* out) {
    char* end = nullptr;
    errno = 0;
    double d = std::strtod(v.c_str(), &end);
    if (v.empty() || end != v.c_str() + v.size() || errno != 0 || !(d >= lo && d <= hi)) {
      std::fprintf(stderr, "dyad train segment: --%s must be a number from %g to %g, not '%s'\n",
                   flag, lo, hi, v.c_str());
      return false;
    }
    *out = d;
    return true;
  };
  text::SplitTrainOptions options;
  if (!number("prune", prune, 0, 1, &options.prune) ||
      !number("rate", rate, 1e-9, 1e9, &options.learning_rate) ||
      !number("gate-quantile", gate, 0, 1, &options.gate_quantile)) {
    return 2;
  }
  options.epochs = epochs;
  options.seed = static_cast<unsigned>(seed);
  options.bags = bags;
  options.paragraph_examples = paragraphs;
  options.learner = learner;
  options.lexicons = !no_lexicons;
  options.gate = !no_gate;
  text::OrthoCounts ortho;
  if (!orthography.empty() && no_lexicons) {
    // The sentence-starter lexicon is one of the lexicons.
    std::fprintf(stderr, "dyad train segment: --orthography needs the lexicons; drop --no-lexicons\n");
    return kExitUsage;
  }
  if (!orthography.empty()) {
    if (!ReadOrthography(orthography, wordnet, &ortho)) return kExitUsage;
    options.ortho = &ortho;
  }
  if (cv > 0) return CrossValidate(corpora, options, dev_path, cv, errors, curve);
  text::SplitModel model;
  if (tune_cv > 0) {
    std::vector<text::ConlluSentence> dev;
    if (!ReadDev(dev_path, &dev)) return kExitUsage;
    auto folds = text::CrossValidateSplitModel(corpora, options, dev, tune_cv, false, true);
    if (!folds.ok()) {
      PrintError("--tune-cv", folds.status());
      return kExitUsage;
    }
    const int step = text::PooledThresholdStep(*folds, -1, !dev.empty());
    const text::EvalScore nested = text::NestedThresholdScore(*folds, !dev.empty());
    std::fprintf(stderr, "threshold step %+d: cv sentence F1 %.2f (in-sample), nested %.2f\n",
                 step, 100 * folds->curve[static_cast<std::size_t>(step + text::kBiasSteps)].F1(),
                 100 * nested.F1());
    if (add_dev && !dev.empty()) {
      corpora.push_back(std::move(dev));
      std::fprintf(stderr, "training on the training files plus %s\n", dev_path.c_str());
    }
    model = text::TrainSplitModel(corpora, options);
    text::PruneSplitModel(options.prune, &model);
    model.bias = static_cast<float>(step * text::BiasStep(model));
  } else {
    model = text::TrainSplitModel(corpora, options);
    text::PruneSplitModel(options.prune, &model);
  }
  if (!dev_path.empty() && tune_cv == 0) {
    auto dev = text::ReadConllu(dev_path);
    if (!dev.ok()) {
      PrintError(dev_path, dev.status());
      return kExitUsage;
    }
    double f1 = text::TuneSplitBias(*dev, &model);
    const double unit = text::BiasStep(model);
    std::fprintf(stderr, "dev sentence F1 %.2f at bias %.4f (threshold step %+ld)\n", 100 * f1,
                 model.bias, unit > 0 ? std::lround(model.bias / unit) : 0L);
    if (add_dev) {
      float bias = model.bias;
      corpora.push_back(std::move(*dev));
      model = text::TrainSplitModel(corpora, options);
      text::PruneSplitModel(options.prune, &model);
      model.bias = bias;
      std::fprintf(stderr, "retrained on the training files plus %s\n", dev_path.c_str());
    }
  }
  std::string command = "dyad train segment";
  for (int i = 1; i < argc; ++i) command += std::string(" ") + argv[i];
  std::size_t entries = 0;
  std::string source = text::SplitModelSource(model, options, command, &entries);
  if (Status s = WriteFile(out_path, source); !s.ok()) {
    PrintError(out_path, s);
    return kExitUsage;
  }
  std::fprintf(stderr, "wrote %s: %zu weights, %zu bytes\n", out_path.c_str(), entries,
               source.size());
  for (const std::string& path : evals) {
    auto gold = text::ReadConllu(path);
    if (!gold.ok()) {
      PrintError(path, gold.status());
      continue;
    }
    auto e = text::EvaluateSegmenter(*gold, &model, errors);
    if (!e.ok()) {
      PrintError(path, e.status());
      continue;
    }
    std::printf("%s\n%s\n", path.c_str(), text::FormatSegmentEval(*e).c_str());
    for (const std::string& line : e->boundary_errors) std::printf("%s\n", line.c_str());
  }
  return kExitOk;
}

const Registrar kRegister({"train segment", "train the sentence splitter on CoNLL-U treebanks",
                           Run});

}  // namespace
}  // namespace dyad::cli
