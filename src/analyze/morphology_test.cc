#include "analyze/morphology.h"

#include <gtest/gtest.h>

namespace dyad::analyze {
namespace {

// Our own toy lexicon: tag 0 = plural noun, tag 1 = past verb, 2 = proper noun.
std::vector<MorphExample> Toy() {
  return {
      {"cats", "cat", "Number=Plur", 0},       {"dogs", "dog", "Number=Plur", 0},
      {"cities", "city", "Number=Plur", 0},    {"ladies", "lady", "Number=Plur", 0},
      {"walked", "walk", "Tense=Past", 1},     {"jumped", "jump", "Tense=Past", 1},
      {"went", "go", "Tense=Past", 1},         {"Paris", "Paris", "Number=Sing", 2},
      {"Oslo", "Oslo", "Number=Sing", 2},      {"Cats", "cat", "Number=Plur", 0},
  };
}

TEST(Morphology, LexiconAndRules) {
  Morphology m = Morphology::Train(Toy(), 3);
  std::string lemma, feats;
  m.Analyze("went", 1, &lemma, &feats);
  EXPECT_EQ(lemma, "go");  // exception from the lexicon
  EXPECT_EQ(feats, "Tense=Past");
  m.Analyze("parties", 0, &lemma, &feats);
  EXPECT_EQ(lemma, "party");  // "-ies" rule, learned from two types
  EXPECT_EQ(feats, "Number=Plur");
  m.Analyze("talked", 1, &lemma, &feats);
  EXPECT_EQ(lemma, "talk");
  m.Analyze("Berlin", 2, &lemma, &feats);
  EXPECT_EQ(lemma, "Berlin");  // proper nouns keep their case
  m.Analyze("DOGS", 0, &lemma, &feats);
  EXPECT_EQ(lemma, "dog");  // lower-cased lexicon entry
}

TEST(Morphology, RulesNeverSplitUtf8) {
  // The only rule, "strip 1 byte", would cut the two-byte "é" of "café".
  std::vector<MorphExample> ex = {{"dogs", "dog", "", 0}, {"cats", "cat", "", 0}};
  Morphology m = Morphology::Train(ex, 1);
  std::string lemma, feats;
  m.Analyze("café", 0, &lemma, &feats);
  EXPECT_EQ(lemma, "café");
  m.Analyze("birds", 0, &lemma, &feats);
  EXPECT_EQ(lemma, "bird");
}

TEST(Morphology, SaveLoadRoundTrip) {
  Morphology m = Morphology::Train(Toy(), 3);
  ByteWriter w;
  m.Save(&w);
  Morphology n;
  ByteReader r(w.data());
  ASSERT_TRUE(n.Load(&r));
  std::string lemma, feats;
  n.Analyze("ladies", 0, &lemma, &feats);
  EXPECT_EQ(lemma, "lady");
}

// A toy base-form list of our own (WordNet's role at training time).
BaseForms ToyBase() {
  BaseForms b;
  b.lemmas = {{"smell", 2}, {"flee", 2}, {"stop", 2}, {"hope", 2}, {"rude", 3},
              {"stylish", 3}, {"ache", 1}, {"potato", 1}};
  b.irregular = {{"fled", 2, "flee"}, {"feet", 1, "foot"}};
  return b;
}

TEST(Morphology, BaseFormsCorrectUnknownWords) {
  // Tags: 0 NOUN/NNS, 1 VERB/VBD, 2 PROPN/NNP, 3 ADJ/JJR, 4 ADJ/JJ, 5 ADJ/NNP.
  std::vector<MorphExample> ex = Toy();
  ex.push_back({"nicer", "nice", "Degree=Cmp", 3});
  ex.push_back({"Random", "Random", "", 5});
  ex.push_back({"travelled", "travel", "Tense=Past", 1});
  ex.push_back({"labelled", "label", "Tense=Past", 1});
  Morphology m = Morphology::Train(ex, 6);
  std::string lemma, feats;
  // Without the list, the "-lled" rule learned from "travelled" and
  // "labelled" strips too much, and "-ed" leaves a doubled consonant.
  m.Analyze("smelled", 1, &lemma, &feats);
  EXPECT_EQ(lemma, "smel");
  m.Analyze("stopped", 1, &lemma, &feats);
  EXPECT_EQ(lemma, "stopp");
  m.SetBaseForms(ToyBase(), {"NOUN", "VERB", "PROPN", "ADJ", "ADJ", "ADJ"},
                 {"NNS", "VBD", "NNP", "JJR", "JJ", "NNP"});
  m.Analyze("smelled", 1, &lemma, &feats);
  EXPECT_EQ(lemma, "smell");
  m.Analyze("fled", 1, &lemma, &feats);
  EXPECT_EQ(lemma, "flee");  // irregular form
  m.Analyze("stopped", 1, &lemma, &feats);
  EXPECT_EQ(lemma, "stop");  // undoubled consonant
  m.Analyze("ruder", 3, &lemma, &feats);
  EXPECT_EQ(lemma, "rude");
  m.Analyze("Aches", 0, &lemma, &feats);
  EXPECT_EQ(lemma, "ache");  // not "acy" by the learned "-ies" rule; lower-cased
  m.Analyze("Stylish", 4, &lemma, &feats);
  EXPECT_EQ(lemma, "stylish");  // a base form, lower-cased
  m.Analyze("Stylish", 5, &lemma, &feats);
  EXPECT_EQ(lemma, "Stylish");  // tagged NNP: keeps its case
  m.Analyze("went", 1, &lemma, &feats);
  EXPECT_EQ(lemma, "go");  // the training lexicon comes first
  m.Analyze("zorbled", 1, &lemma, &feats);
  EXPECT_EQ(lemma, "zorb");  // not in the list: the learned "-led" rule stands

  ByteWriter w;
  m.Save(&w);
  Morphology n;
  ByteReader r(w.data());
  ASSERT_TRUE(n.Load(&r));
  n.Analyze("feet", 0, &lemma, &feats);
  EXPECT_EQ(lemma, "foot");
}

}  // namespace
}  // namespace dyad::analyze
