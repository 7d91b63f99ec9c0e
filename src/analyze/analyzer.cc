#include "analyze/analyzer.h"

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

Status LoadNerModel(const std::string& path, Ner* ner) {
  return LoadModel(path, kNerMagic, [&](ByteReader* r) { return ner->Load(r); });
}

StatusOr<std::unique_ptr<Analyzer>> Analyzer::Load(const std::string& model_dir,
                                                   const AnalyzerOptions& options) {
  auto a = std::unique_ptr<Analyzer>(new Analyzer());
  a->options_ = options;
  RETURN_IF_ERROR(LoadTaggerModel(model_dir + "/tagger.bin", &a->tagger_, &a->morph_));
  if (options.parse) RETURN_IF_ERROR(LoadParserModel(model_dir + "/parser.bin", &a->parser_));
  if (options.ner) RETURN_IF_ERROR(LoadNerModel(model_dir + "/ner.bin", &a->ner_));
  return a;
}

void Analyzer::Analyze(Sentence* s) const {
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
  keys.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    Token& t = s->tokens[i];
    t.upos = tagger_.upos(tags[i]);
    t.xpos = tagger_.xpos(tags[i]);
    morph_.Analyze(t.form, tags[i], &t.lemma, &t.feats);
    keys[i] = tagger_.tag_key(tags[i]);
  }
  if (options_.parse) {
    parser_.Parse(info, keys, &heads, &labels);
    for (std::size_t i = 0; i < n; ++i) {
      s->tokens[i].head = heads[i];
      s->tokens[i].deprel = parser_.label(labels[i]);
    }
  }
  if (options_.ner) {
    ner_.Tag(info, keys, &ents);
    for (std::size_t i = 0; i < n; ++i) s->tokens[i].ner = ner_.label(ents[i]);
  }
}

}  // namespace dyad::analyze
