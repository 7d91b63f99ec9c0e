// Reparsing ensemble (Sagae & Lavie 2006; Surdeanu & Manning 2010): several
// parsers with different biases (left-to-right and right-to-left, greedy and
// beam) each parse the sentence; every arc gets the summed weights of the
// parsers that proposed it, and the output is the maximum spanning tree over
// the proposed arcs (Chu-Liu-Edmonds, so crossing arcs may come out) with
// exactly one word attached to the root. Each chosen arc's label is the
// weighted vote of the parsers that proposed that arc.
//
// Ties: the first member breaks them. An arc it proposed scores a tiny bit
// more than another of the same summed weight, and between labels of the
// same summed weight the one of the highest-weighted proposer wins (of equal
// weights, the earlier member's).
//
//   ParserEnsemble e;
//   e.Add(std::move(left_to_right), 1.0);   // the tie-breaker
//   e.Add(std::move(right_to_left), 1.0);
//   e.Add(std::move(beam), 1.5);
//   e.Parse(words, tags, &heads, &labels);  // labels: e.label(l)
//
// Thread safety: immutable after the members are added; Parse() is const
// (its scratch is thread-local).
#ifndef DYAD_ANALYZE_REPARSE_H_
#define DYAD_ANALYZE_REPARSE_H_

#include <string>
#include <vector>

#include "analyze/parser.h"

namespace dyad::analyze {

// One weighted arc of a dependency graph over words 0..n-1; head n is the
// root.
struct ScoredArc {
  int head;
  int dep;
  double score;
};

// The maximum spanning tree (arborescence from the root n) of the graph of
// `arcs` (Chu-Liu-Edmonds; O(n * arcs)). The arcs must contain at least one
// spanning tree. Writes each word's head (n = the root). Among trees of
// equal score it prefers the arcs listed first for a word.
void MaxSpanningTree(int n, const std::vector<ScoredArc>& arcs, std::vector<int>* heads);

// One member's parse of the sentence (heads: -1 = root) with its weight;
// labels in a label space shared by all members.
struct MemberParse {
  const std::vector<int>* heads;
  const std::vector<int>* labels;
  double weight;
};

// Combines the members' trees (each a tree with exactly one root word) as
// described above; members[0] is the tie-breaker. Writes heads (-1 = root;
// exactly one root) and labels.
void CombineParses(const std::vector<MemberParse>& members, std::vector<int>* heads,
                   std::vector<int>* labels);

class ParserEnsemble {
 public:
  // Adds a member with a positive weight; the first added breaks ties.
  void Add(Parser parser, double weight);
  int size() const { return static_cast<int>(members_.size()); }
  const Parser& member(int i) const { return members_[i]; }
  double weight(int i) const { return weights_[i]; }

  // The union of the members' label names: plain relations and the lifted
  // "rel|headrel" labels alike (Add() collects every label), though Parse()
  // outputs plain relations only, as Parser::Parse() does.
  int num_labels() const { return static_cast<int>(labels_.size()); }
  const std::string& label(int l) const { return labels_[l]; }

  // Every member parses (Parser::Parse, each with its own direction and
  // beam width) and CombineParses() gives the tree; labels index label().
  // With `agreeing`, also the number of members whose own unlabelled tree
  // is the combined one (`dyad train uptrain` keeps it).
  void Parse(const std::vector<WordInfo>& words, const std::vector<std::uint64_t>& tags,
             std::vector<int>* heads, std::vector<int>* labels,
             int* agreeing = nullptr) const;

 private:
  std::vector<Parser> members_;
  std::vector<double> weights_;
  std::vector<std::vector<int>> label_map_;  // member label id -> ensemble label id
  std::vector<std::string> labels_;
};

}  // namespace dyad::analyze

#endif  // DYAD_ANALYZE_REPARSE_H_
