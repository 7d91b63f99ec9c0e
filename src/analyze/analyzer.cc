#include "analyze/analyzer.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <exception>
#include <future>
#include <map>
#include <sstream>
#include <string_view>
#include <unordered_map>

#include "analyze/iob.h"
#include "util/status_macros.h"

namespace dyad::analyze {
namespace {

template <typename Fn>
Status LoadModel(const std::string& path, const char* magic, Fn&& fn) {
  auto payload = ReadModelFile(path, magic, kModelVersion);
  if (!payload.ok()) {
    if (payload.status().code() == StatusCode::kNotFound) {
      return NotFoundError("analysis model not found: " + path +
                           " (train it with `dyad train`, see docs/analysis.md)");
    }
    return payload.status().WithContext(path);
  }
  ByteReader r(*payload);
  if (!fn(&r) || !r.ok()) return DataLossError(path + ": corrupt or incompatible model");
  return Status::OK();
}

}  // namespace

void PropagateEntities(std::vector<Sentence>* sentences) {
  // Name (forms joined by '\n') -> type -> count, over the document.
  std::map<std::string, std::map<std::string, int>> names;
  std::vector<std::string> labels;
  auto key_of = [](const Sentence& s, int b, int e) {
    std::string k;
    for (int i = b; i < e; ++i) (k += s.tokens[i].form) += '\n';
    return k;
  };
  for (const Sentence& s : *sentences) {
    labels.clear();
    for (const Token& t : s.tokens) labels.push_back(t.ner);
    for (const auto& e : EntitySpans(labels)) ++names[key_of(s, e.begin, e.end)][e.type];
  }
  struct Name {
    std::vector<std::string> words;
    std::string type;
  };
  std::vector<Name> list;
  for (const auto& [key, types] : names) {
    Name n;
    for (std::size_t a = 0, b; (b = key.find('\n', a)) != std::string::npos; a = b + 1) {
      n.words.push_back(key.substr(a, b - a));
    }
    bool capital = false;
    for (const auto& w : n.words) capital |= !w.empty() && w[0] >= 'A' && w[0] <= 'Z';
    if (!capital) continue;
    int best = 0;
    for (const auto& [type, c] : types) {
      if (c > best) best = c, n.type = type;
    }
    list.push_back(std::move(n));
  }
  std::stable_sort(list.begin(), list.end(),
                   [](const Name& a, const Name& b) { return a.words.size() > b.words.size(); });
  // The names by their first word, so that a sentence tries only the names
  // that can start in it, in the list's order (trying every name in every
  // sentence costs the document's length times its number of names).
  std::unordered_map<std::string_view, std::vector<std::uint32_t>> by_first;
  for (std::uint32_t k = 0; k < list.size(); ++k) by_first[list[k].words[0]].push_back(k);
  std::vector<std::uint32_t> tries;
  for (Sentence& s : *sentences) {
    auto& t = s.tokens;
    const std::size_t n = t.size();
    tries.clear();
    for (const Token& w : t) {
      auto it = by_first.find(w.form);
      if (it != by_first.end()) tries.insert(tries.end(), it->second.begin(), it->second.end());
    }
    std::sort(tries.begin(), tries.end());
    tries.erase(std::unique(tries.begin(), tries.end()), tries.end());
    for (std::uint32_t idx : tries) {
      const Name& name = list[idx];
      const std::size_t len = name.words.size();
      for (std::size_t i = 0; i + len <= n; ++i) {
        if (i > 0 && t[i - 1].ner != "O") continue;
        bool match = true;
        for (std::size_t k = 0; k < len && match; ++k) {
          match = t[i + k].ner == "O" && t[i + k].form == name.words[k];
        }
        if (!match) continue;
        for (std::size_t k = 0; k < len; ++k) t[i + k].ner = (k ? "I-" : "B-") + name.type;
        i += len - 1;
      }
    }
  }
}

void Analyzer::AnalyzeDocument(std::vector<Sentence>* sentences) const {
  NerHistory history;
  if (!options_.ner || !options_.ner_second_pass) {
    for (Sentence& s : *sentences) Analyze(&s, &history);
    if (options_.ner) PropagateEntities(sentences);
    return;
  }
  std::vector<NerPass> first(sentences->size());
  std::vector<std::string_view> forms;
  for (std::size_t k = 0; k < sentences->size(); ++k) {
    Analyze(&(*sentences)[k], &history, &first[k]);
  }
  for (std::size_t k = 0; k < sentences->size(); ++k) {
    std::vector<int> labels = first[k].labels;
    Sentence& s = (*sentences)[k];
    forms.clear();
    for (const Token& t : s.tokens) forms.push_back(t.form);
    if (!ner_.TagSecondPass(first[k].info, forms, first[k].keys, &history, &labels,
                            &first[k].net_logp)) {
      continue;
    }
    for (std::size_t i = 0; i < s.tokens.size(); ++i) s.tokens[i].ner = ner_.label(labels[i]);
  }
  PropagateEntities(sentences);
}

Status SaveTaggerModel(const std::string& path, const Tagger& tagger, const Morphology& morph) {
  ByteWriter w;
  tagger.Save(&w);
  morph.Save(&w);
  return WriteModelFile(path, kTaggerMagic, kModelVersion, w.data());
}

Status SaveParserModel(const std::string& path, const Parser& parser) {
  ByteWriter w;
  parser.Save(&w);
  return WriteModelFile(path, kParserMagic, kModelVersion, w.data());
}

Status SaveNerModel(const std::string& path, const Ner& ner) {
  ByteWriter w;
  ner.Save(&w);
  return WriteModelFile(path, kNerMagic, kModelVersion, w.data());
}

Status LoadTaggerModel(const std::string& path, Tagger* tagger, Morphology* morph) {
  return LoadModel(path, kTaggerMagic,
                   [&](ByteReader* r) { return tagger->Load(r) && morph->Load(r); });
}

Status LoadParserModel(const std::string& path, Parser* parser) {
  return LoadModel(path, kParserMagic, [&](ByteReader* r) { return parser->Load(r); });
}

Status SaveClustersModel(const std::string& path, const WordClusters& clusters) {
  ByteWriter w;
  clusters.Save(&w);
  return WriteModelFile(path, kClustersMagic, kModelVersion, w.data());
}

Status LoadClustersModel(const std::string& path, WordClusters* clusters) {
  return LoadModel(path, kClustersMagic, [&](ByteReader* r) { return clusters->Load(r); });
}

Status LoadNerModel(const std::string& path, Ner* ner) {
  return LoadModel(path, kNerMagic, [&](ByteReader* r) { return ner->Load(r); });
}

std::string ParserFileName(bool right_to_left, int beam, int epoch, bool guided, bool dense) {
  return std::string("parser") + (right_to_left ? "-r2l" : "") + (beam > 1 ? "-beam" : "") +
         (guided ? "-guided" : "") + (dense ? "-dense" : "") + (epoch > 0 ? ".epoch" + std::to_string(epoch) : "") + ".bin";
}

namespace {

// An ensemble weight: finite, positive and at most kMaxParserWeight (a
// huge weight would make one member outvote the rest without bound).
constexpr double kMaxParserWeight = 1e6;
bool IsParserWeight(double w) { return std::isfinite(w) && w > 0 && w <= kMaxParserWeight; }

}  // namespace

Status SetParserSpec(const std::string& spec, AnalyzerOptions* options) {
  const std::string what = "parser model list '" + spec + "': ";
  std::vector<ParserModel> models;
  bool weighted = false;
  for (std::size_t a = 0; a <= spec.size();) {
    std::size_t b = spec.find(',', a);
    if (b == std::string::npos) b = spec.size();
    std::string item = spec.substr(a, b - a);
    ParserModel m;
    // A ':' followed by a '/' belongs to a directory of the path
    // ("/data/run:1/parser.bin"), not to a weight.
    if (const auto colon = item.rfind(':');
        colon != std::string::npos && item.find('/', colon) == std::string::npos) {
      const std::string w = item.substr(colon + 1);
      char* end = nullptr;
      m.weight = std::strtod(w.c_str(), &end);
      if (w.empty() || end != w.c_str() + w.size() || !IsParserWeight(m.weight)) {
        return InvalidArgumentError(what + "the weight '" + w + "' of " + item.substr(0, colon) +
                                    " is not a number greater than 0 and at most 1e6");
      }
      item.resize(colon);
      weighted = true;
    }
    if (item.empty()) return InvalidArgumentError(what + "an empty parser model name");
    m.file = std::move(item);
    models.push_back(std::move(m));
    a = b + 1;
  }
  if (models.size() == 1 && !weighted) {
    options->parser_file = std::move(models[0].file);
    options->parser_models.clear();
    return Status::OK();
  }
  options->parser_models = std::move(models);
  return Status::OK();
}

void Analyzer::ParseWords(const std::vector<WordInfo>& words,
                          const std::vector<std::uint64_t>& tags, std::vector<int>* heads,
                          std::vector<int>* labels) const {
  if (ensemble_.size() > 0) {
    ensemble_.Parse(words, tags, heads, labels);
  } else {
    parser_.Parse(words, tags, heads, labels);
  }
}

StatusOr<std::unique_ptr<Analyzer>> Analyzer::Load(const std::string& model_dir,
                                                   const AnalyzerOptions& options) {
  auto a = std::unique_ptr<Analyzer>(new Analyzer());
  a->options_ = options;
  const bool ensemble = options.parse && options.parser_models.size() >= 2;
  if (options.parse) {
    if (options.beam < 0 || options.beam > Parser::kMaxBeam) {
      return InvalidArgumentError("parser beam width " + std::to_string(options.beam) +
                                  " is out of range: give 1 (greedy) to " +
                                  std::to_string(Parser::kMaxBeam) +
                                  ", or 0 for the width the model was trained for");
    }
    if (ensemble && options.beam != 0) {
      return InvalidArgumentError(
          "a parser beam width cannot be given for a parser ensemble: each of its parsers "
          "decodes with the width it was trained for");
    }
    for (const ParserModel& m : options.parser_models) {
      if (ensemble && !IsParserWeight(m.weight)) {
        std::ostringstream w;
        w << m.weight;
        return InvalidArgumentError("parser " + m.file + ": its ensemble weight " + w.str() +
                                    " is not a number greater than 0 and at most 1e6");
      }
    }
  }
  // A bare file name is looked up among the models; a path (with a '/')
  // is taken as it is.
  auto path_of = [&model_dir](const std::string& file) {
    return file.find('/') == std::string::npos ? model_dir + "/" + file : file;
  };
  // The model files are independent: each is read, inflated and indexed on
  // a thread of its own (the load time of the three-parser ensemble, 30 MB
  // of models, is mostly that work); where no thread can be started, the
  // load runs on this one when its result is asked for. Errors are reported
  // in the order of the files: tagger, parsers, NER. Everything the loads
  // use is declared before `loads`, whose futures wait for their threads
  // when destroyed.
  std::vector<Parser> members(ensemble ? options.parser_models.size() : 0);
  const std::string parser_path =
      options.parse && !ensemble
          ? path_of(options.parser_models.empty() ? options.parser_file
                                                  : options.parser_models[0].file)
          : std::string();
  auto guarded = [](const std::string& path, auto load) {
    return [path, load]() -> Status {
      try {
        return load();
      } catch (const std::exception& e) {
        return ResourceExhaustedError(path + ": " + e.what());
      }
    };
  };
  const std::string tagger_path = model_dir + "/tagger.bin";
  const std::string ner_path = model_dir + "/ner.bin";
  Analyzer* out = a.get();
  std::vector<std::future<Status>> loads;
  auto start = [&loads](auto fn) {
    loads.push_back(std::async(std::launch::async | std::launch::deferred, std::move(fn)));
  };
  start(guarded(tagger_path,
                [&] { return LoadTaggerModel(tagger_path, &out->tagger_, &out->morph_); }));
  for (std::size_t i = 0; i < members.size(); ++i) {
    const std::string path = path_of(options.parser_models[i].file);
    start(guarded(path, [path, &members, i] { return LoadParserModel(path, &members[i]); }));
  }
  if (!parser_path.empty()) {
    start(guarded(parser_path, [&] { return LoadParserModel(parser_path, &out->parser_); }));
  }
  if (options.ner) {
    start(guarded(ner_path, [&] { return LoadNerModel(ner_path, &out->ner_); }));
  }
  Status first = Status::OK();
  for (auto& load : loads) {
    Status s = load.get();  // every load finishes before `a` can go away
    if (first.ok() && !s.ok()) first = std::move(s);
  }
  RETURN_IF_ERROR(first);
  if (options.tagger_net_weight >= 0 || options.tagger_net_margin >= 0) {
    if (!a->tagger_.net()) {
      return InvalidArgumentError(tagger_path +
                                  " has no window network whose weight or margin could be set");
    }
    if (!(options.tagger_net_weight <= 1e6f) || !(options.tagger_net_margin <= 1e9f)) {
      return InvalidArgumentError(tagger_path +
                                  ": the window network's weight must be at most 1e6 and its "
                                  "margin at most 1e9");
    }
    a->tagger_.set_net_weight(options.tagger_net_weight);
    a->tagger_.set_net_margin(options.tagger_net_margin);
  }
  if (options.ner && options.ner_net_weight >= 0) {
    if (a->ner_.net().empty()) {
      return InvalidArgumentError(ner_path + " has no window network whose weight could be set");
    }
    a->ner_.set_net_weight(options.ner_net_weight);
  }
  for (std::size_t i = 0; i < members.size(); ++i) {
    a->ensemble_.Add(std::move(members[i]), options.parser_models[i].weight);
  }
  if (options.parse && !ensemble) {
    if (options.beam > 1 && a->parser_.beam_width() == 1 && !options.beam_on_greedy) {
      return InvalidArgumentError(
          parser_path + " was trained for greedy decoding, and a beam of " +
          std::to_string(options.beam) +
          " makes its parses much worse; use the beam-trained parser "
          "(--parser parser-beam.bin) or leave the width to the model");
    }
    if (options.beam > 0) a->parser_.set_beam_width(options.beam);
    if (!options.parser_net) a->parser_.set_net(nullptr, 0);
  }
  if (options.parse && !options.parser_net_file.empty()) {
    const std::string net_path = path_of(options.parser_net_file);
    if (ensemble || a->parser_.beam_width() > 1 || a->parser_.dense() || a->parser_.guided()) {
      return InvalidArgumentError(net_path +
                                  ": a dense parser mixes only into a single greedy, "
                                  "unguided perceptron parser");
    }
    if (!(options.parser_net_margin >= 0)) {
      return InvalidArgumentError(net_path + ": the network's margin must be a number >= 0");
    }
    auto net = std::make_shared<Parser>();
    RETURN_IF_ERROR(LoadParserModel(net_path, net.get()));
    if (!a->parser_.set_net(net, options.parser_net_weight)) {
      return InvalidArgumentError(net_path + " does not match " + parser_path +
                                  " (a dense parser of the same labels and transition system, "
                                  "and a weight in [0, 1e6])");
    }
    a->parser_.set_net_margin(options.parser_net_margin);
  }
  if (options.parse && options.relabel && !ensemble) {
    const std::string path = model_dir + "/relabel.bin";
    if (Status s = LoadRelabelModel(path, &a->relabeler_); s.ok()) {
      a->relabeler_.Bind(a->parser_);
    } else if (s.code() != StatusCode::kNotFound) {
      return s;
    }
  }
  return a;
}

namespace {

bool IsDash(std::string_view f) { return f == "-" || f == "--" || f == "\u2013" || f == "\u2014"; }
bool IsUpper(std::string_view f) { return !f.empty() && std::isupper(static_cast<unsigned char>(f[0])); }
bool IsPunct(const Token& t) { return t.upos == "PUNCT" || t.form == "(" || t.form == ")"; }

bool AllCaps(std::string_view f) {
  bool letter = false;
  for (char ch : f) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (std::islower(c)) return false;
    letter = letter || std::isupper(c);
  }
  return letter;
}

bool MonthWord(std::string_view f) {
  static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (std::string_view m : kMonths) {
    if (f.substr(0, 3) == m) return true;
  }
  return false;
}

// The length of a dateline opening the sentence: "(Moscow) –", "KABUL
// (Reuters) -", "GENEVA, Jan. 9 (AP) --". Up to nine tokens: an upper-case
// place, a date and commas, then "(" a capitalised word ... ")" and a dash,
// with a sentence after it. 0 when there is none, and for a title-case name
// before the bracket ("Free Press Unit (FPU) –"): that is an abbreviation.
std::size_t DatelineLength(const Sentence& s) {
  const auto& t = s.tokens;
  const std::size_t limit = std::min<std::size_t>(t.size(), 9);
  std::size_t i = 0;
  while (i < limit && t[i].form != "(") {
    const std::string& f = t[i].form;
    bool ok = AllCaps(f) || f == "," || std::isdigit(static_cast<unsigned char>(f[0])) ||
              (i > 0 && MonthWord(f));
    if (!ok) return 0;
    ++i;
  }
  if (i + 1 >= limit || !IsUpper(t[i + 1].form)) return 0;
  for (std::size_t j = i + 2; j + 1 < limit; ++j) {
    if (t[j].form == ")") return IsDash(t[j + 1].form) && j + 3 < t.size() ? j + 2 : 0;
    if (!IsUpper(t[j].form)) return 0;
  }
  return 0;
}

// Hangs the dateline's tokens [0, k) off the root of the sentence after it:
// its first word as `dep` of the root, the words after it `flat`, brackets
// and commas `punct`, the closing dash `punct` of the root.
void AttachDateline(std::size_t k, int root, Sentence* s) {
  int first = -1;
  for (std::size_t i = 0; i + 1 < k; ++i) {
    Token& t = s->tokens[i];
    if (IsPunct(t)) continue;
    if (first < 0) {
      first = static_cast<int>(i);
      t.head = root;
      t.deprel = "dep";
    } else {
      t.head = first;
      t.deprel = "flat";
    }
  }
  for (std::size_t i = 0; i + 1 < k; ++i) {
    Token& t = s->tokens[i];
    if (!IsPunct(t)) continue;
    t.head = first >= 0 ? first : root;
    t.deprel = "punct";
  }
  s->tokens[k - 1].head = root;
  s->tokens[k - 1].deprel = "punct";
}

}  // namespace

void Analyzer::Analyze(Sentence* s) const { Analyze(s, nullptr); }

void Analyzer::Analyze(Sentence* s, NerHistory* history, NerPass* keep) const {
  thread_local std::vector<std::string_view> forms;
  thread_local std::vector<WordInfo> info;
  thread_local std::vector<int> tags, heads, labels, ents;
  thread_local std::vector<std::uint64_t> keys;
  const std::size_t n = s->tokens.size();
  if (n == 0) return;
  forms.clear();
  for (const Token& t : s->tokens) forms.push_back(t.form);
  tagger_.Prepare(forms, &info);
  tagger_.Tag(info, &tags);
  if (options_.given_tags) {
    for (std::size_t i = 0; i < n; ++i) {
      const Token& t = s->tokens[i];
      if (t.upos.empty() || t.xpos.empty()) continue;
      if (const int given = tagger_.FindTag(t.upos, t.xpos); given >= 0) tags[i] = given;
    }
  }
  keys.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    Token& t = s->tokens[i];
    t.upos = tagger_.upos(tags[i]);
    t.xpos = tagger_.xpos(tags[i]);
    morph_.Analyze(t.form, tags[i], &t.lemma, &t.feats);
    keys[i] = tagger_.tag_key(tags[i]);
  }
  if (options_.parse) {
    // The segmenter keeps a dateline with its story's first sentence; the
    // parser (trained on treebanks where a dateline is a sentence of its
    // own) parses the sentence after it, and the dateline hangs off its root.
    const std::size_t k = DatelineLength(*s);
    if (k == 0) {
      ParseWords(info, keys, &heads, &labels);
      if (relabeler_.bound()) relabeler_.Relabel(info, keys, heads, &labels);
      for (std::size_t i = 0; i < n; ++i) {
        s->tokens[i].head = heads[i];
        s->tokens[i].deprel = ParserLabel(labels[i]);
      }
    } else {
      thread_local std::vector<WordInfo> rest_info;
      thread_local std::vector<std::uint64_t> rest_keys;
      rest_info.assign(info.begin() + static_cast<std::ptrdiff_t>(k), info.end());
      rest_keys.assign(keys.begin() + static_cast<std::ptrdiff_t>(k), keys.end());
      ParseWords(rest_info, rest_keys, &heads, &labels);
      if (relabeler_.bound()) relabeler_.Relabel(rest_info, rest_keys, heads, &labels);
      int root = -1;
      for (std::size_t i = k; i < n; ++i) {
        int h = heads[i - k];
        s->tokens[i].head = h < 0 ? -1 : h + static_cast<int>(k);
        s->tokens[i].deprel = ParserLabel(labels[i - k]);
        if (h < 0 && root < 0) root = static_cast<int>(i);
      }
      AttachDateline(k, root, s);
    }
  }
  if (options_.ner) {
    std::vector<float> net_logp;
    ner_.Tag(info, forms, keys, &ents, history, keep ? &net_logp : nullptr);
    for (std::size_t i = 0; i < n; ++i) s->tokens[i].ner = ner_.label(ents[i]);
    if (keep) *keep = {info, keys, ents, std::move(net_logp)};
  }
}

}  // namespace dyad::analyze
