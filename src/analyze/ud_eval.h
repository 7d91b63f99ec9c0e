// Evaluating the analyzer against a CoNLL-U treebank, with the metrics of
// the CoNLL 2018 shared task: each score is an F1 over words aligned
// between gold and system (precision = correct / system words, recall =
// correct / gold words); LAS compares the universal part of the relation
// only ("nsubj:pass" counts as "nsubj"), LAS-full compares the whole label.
//
// Two modes:
//   gold tokenization  the gold words are analyzed as given; every word is
//                      aligned, so each F1 equals accuracy.
//   raw text           the sentences' text is segmented by text::Segment
//                      and analyzed; tokens align when they cover the same
//                      bytes of the text; the words of two aligned
//                      multi-word tokens align by position when their
//                      counts agree (a simplification of the official LCS).
#ifndef DYAD_ANALYZE_UD_EVAL_H_
#define DYAD_ANALYZE_UD_EVAL_H_

#include <string>
#include <vector>

#include "analyze/analyzer.h"
#include "text/conllu.h"

namespace dyad::analyze {

struct UdMetric {
  long correct = 0, gold = 0, system = 0;
  double precision() const { return system ? 100.0 * correct / system : 0; }
  double recall() const { return gold ? 100.0 * correct / gold : 0; }
  double f1() const { return gold + system ? 200.0 * correct / (gold + system) : 0; }
};

struct UdScores {
  UdMetric sentences, tokens, words, upos, xpos, ufeats, lemma, uas, las, las_full;
  long words_per_second = 0;  // analysis speed, thread CPU time (excluding segmentation)
};

// Analyzes the gold words of `gold` and scores the result.
// When `system` is not null it receives the analyzed sentences. With
// `gold_tags` the words carry their gold UPOS and XPOS into the analyzer,
// which keeps them if it was loaded with AnalyzerOptions::given_tags.
UdScores EvaluateGoldTokenization(const std::vector<text::ConlluSentence>& gold,
                                  const Analyzer& analyzer, std::vector<Sentence>* system = nullptr,
                                  bool gold_tags = false);

// Segments and analyzes the text of `gold` and scores the result.
UdScores EvaluateRawText(const std::vector<text::ConlluSentence>& gold, const Analyzer& analyzer);

// The universal part of a relation ("obl:agent" -> "obl").
std::string UniversalRelation(const std::string& deprel);

}  // namespace dyad::analyze

#endif  // DYAD_ANALYZE_UD_EVAL_H_
