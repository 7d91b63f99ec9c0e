// Test support for the parser tests: tagging invented words, and parsing a
// treebank sentence with its gold tags (the tagger's key of each word's gold
// UPOS/XPOS pair), so that a test sees the parser's own errors, not the
// tagger's.
#ifndef DYAD_ANALYZE_GOLD_TAGS_TEST_UTIL_H_
#define DYAD_ANALYZE_GOLD_TAGS_TEST_UTIL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "analyze/parser.h"
#include "analyze/tagger.h"
#include "analyze/train.h"
#include "text/conllu.h"

namespace dyad::analyze {

// Parses a test's own small treebank and trains the tagger on it for
// `epochs` epochs (call it as ASSERT_NO_FATAL_FAILURE(ToyTagger(...))).
inline void ToyTagger(std::string_view conllu, int epochs,
                      std::vector<text::ConlluSentence>* treebank, Tagger* tagger,
                      Morphology* morph) {
  auto tb = text::ParseConllu(conllu, "toy");
  ASSERT_TRUE(tb.ok()) << tb.status().ToString();
  *treebank = *tb;
  TrainOptions o;
  o.epochs = epochs;
  ASSERT_TRUE(TrainTagger(*treebank, o, tagger, morph).ok());
}

// The tagger's word information and the keys of the gold tags of s, as
// Parser::Parse() and Relabeler::Relabel() read them.
inline void GoldTagged(const Tagger& tagger, const text::ConlluSentence& s,
                       std::vector<WordInfo>* info, std::vector<std::uint64_t>* keys) {
  std::vector<std::string_view> forms;
  keys->clear();
  for (const auto& w : s.words) {
    forms.push_back(w.form);
    if (const int t = tagger.FindTag(w.upos, w.xpos); t >= 0) keys->push_back(tagger.tag_key(t));
  }
  tagger.Prepare(forms, info);
}

// The tagger's word information and the keys of its predicted tags for
// `forms`, as Parser::Parse() reads them.
inline void PredictedTagged(const Tagger& tagger, const std::vector<std::string>& forms,
                            std::vector<WordInfo>* info, std::vector<std::uint64_t>* keys) {
  std::vector<std::string_view> views(forms.begin(), forms.end());
  tagger.Prepare(views, info);
  std::vector<int> tags;
  tagger.Tag(*info, &tags);
  keys->clear();
  for (int t : tags) keys->push_back(tagger.tag_key(t));
}

// Heads are 0-based (-1 = root) and labels the parser's ids, as Parse().
inline void ParseWithGoldTags(const Tagger& tagger, const Parser& parser,
                              const text::ConlluSentence& s, std::vector<int>* heads,
                              std::vector<int>* labels) {
  std::vector<WordInfo> info;
  std::vector<std::uint64_t> keys;
  GoldTagged(tagger, s, &info, &keys);
  parser.Parse(info, keys, heads, labels);
}

// ParseWithGoldTags() as 1-based heads (0 = root, as in CoNLL-U) and the
// label names (appended to *labels).
inline std::vector<int> GoldTaggedHeads(const Tagger& tagger, const Parser& parser,
                                        const text::ConlluSentence& s,
                                        std::vector<std::string>* labels) {
  std::vector<int> heads, labs;
  ParseWithGoldTags(tagger, parser, s, &heads, &labs);
  std::vector<int> out;
  for (std::size_t k = 0; k < heads.size(); ++k) {
    out.push_back(heads[k] + 1);
    labels->push_back(parser.label(labs[k]));
  }
  return out;
}

}  // namespace dyad::analyze

#endif  // DYAD_ANALYZE_GOLD_TAGS_TEST_UTIL_H_
