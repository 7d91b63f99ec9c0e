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

}  // namespace
}  // namespace dyad::analyze
