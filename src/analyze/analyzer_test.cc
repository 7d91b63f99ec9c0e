#include "analyze/analyzer.h"

#include <gtest/gtest.h>

namespace dyad::analyze {
namespace {

// A sentence of forms with NER labels ("O" when not given).
Sentence Make(const std::vector<std::string>& forms, const std::vector<std::string>& ner = {}) {
  Sentence s;
  for (std::size_t i = 0; i < forms.size(); ++i) {
    Token t;
    t.form = forms[i];
    t.ner = i < ner.size() ? ner[i] : "O";
    s.tokens.push_back(t);
  }
  return s;
}

std::vector<std::string> Labels(const Sentence& s) {
  std::vector<std::string> out;
  for (const auto& t : s.tokens) out.push_back(t.ner);
  return out;
}

TEST(PropagateEntities, LabelsLaterMentionsOfANameWithItsMostFrequentType) {
  std::vector<Sentence> doc = {
      Make({"Staff", "of", "Kelmora", "Shipping", "met"}, {"O", "O", "B-ORG", "I-ORG", "O"}),
      Make({"Kelmora", "Shipping", "denied", "it"}, {"B-PER", "I-PER", "O", "O"}),
      Make({"We", "asked", "Kelmora", "Shipping", "and", "Kelmora"}),
      Make({"Later", "Kelmora", "Shipping", "replied"}, {"O", "B-ORG", "I-ORG", "O"}),
  };
  PropagateEntities(&doc);
  // Already labelled mentions keep their labels.
  EXPECT_EQ(Labels(doc[1]), (std::vector<std::string>{"B-PER", "I-PER", "O", "O"}));
  // The unlabelled mention takes the majority type; "Kelmora" alone was
  // never labelled as a name, so it stays O.
  EXPECT_EQ(Labels(doc[2]),
            (std::vector<std::string>{"O", "O", "B-ORG", "I-ORG", "O", "O"}));
}

TEST(PropagateEntities, LeavesLowerCaseWordsAndEntityNeighboursAlone) {
  std::vector<Sentence> doc = {
      Make({"the", "senate", "voted"}, {"O", "B-ORG", "O"}),
      Make({"Ana", "Vitoria", "spoke"}, {"B-PER", "I-PER", "O"}),
      Make({"a", "senate", "seat", "for", "Vitoria"}),
      Make({"Judge", "Vitoria", "ruled"}, {"B-PER", "O", "O"}),
  };
  PropagateEntities(&doc);
  EXPECT_EQ(Labels(doc[2]), (std::vector<std::string>{"O", "O", "O", "O", "O"}));
  // "Vitoria" after a labelled word would extend or split that entity: kept.
  EXPECT_EQ(Labels(doc[3]), (std::vector<std::string>{"B-PER", "O", "O"}));
}

TEST(PropagateEntities, LongerNamesFirstAmongNamesThatShareTheirFirstWord) {
  std::vector<Sentence> doc = {
      Make({"Port", "Alvar", "Authority", "said"}, {"B-ORG", "I-ORG", "I-ORG", "O"}),
      Make({"in", "Port", "Alvar"}, {"O", "B-LOC", "I-LOC"}),
      Make({"Port", "Alvar", "Authority", "staff", "left", "Port", "Alvar"}),
  };
  PropagateEntities(&doc);
  // The three-word name takes its words before the two-word name can.
  EXPECT_EQ(Labels(doc[2]), (std::vector<std::string>{"B-ORG", "I-ORG", "I-ORG", "O", "O",
                                                      "B-LOC", "I-LOC"}));
}

}  // namespace
}  // namespace dyad::analyze
