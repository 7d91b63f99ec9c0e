#include "analyze/clusters.h"

#include <gtest/gtest.h>

#include <map>

#include "analyze/analyzer.h"
#include "analyze/brown.h"
#include "analyze/features.h"

namespace dyad::analyze {
namespace {

TEST(Clusters, PathCodesAndPrefixes) {
  EXPECT_EQ(PathCode(""), 1u);
  EXPECT_EQ(PathBits(PathCode("0110")), "0110");
  EXPECT_EQ(PathBits(PathCode("1")), "1");
  EXPECT_EQ(PathBits(0), "");
  EXPECT_EQ(ClusterPrefix(PathCode("110111"), 4), PathCode("1101"));
  EXPECT_EQ(ClusterPrefix(PathCode("11"), 4), PathCode("11"));
  EXPECT_EQ(ClusterPrefix(0, 4), 0u);
  // Prefixes of different lengths never collide ("0" vs "00").
  EXPECT_NE(ClusterPrefix(PathCode("000"), 1), ClusterPrefix(PathCode("000"), 2));
}

WordInfo Info(const std::string& form) {
  WordInfo w;
  FillWordInfo(form, &w);
  return w;
}

TEST(Clusters, LookupFallsBackToTheMostFrequentCasedVariant) {
  WordClusters c;
  c.Build({{"Nokia", PathCode("0101"), 9},
           {"NOKIA", PathCode("0111"), 2},
           {"river", PathCode("10"), 5}});
  auto get = [&](const std::string& f) {
    WordInfo w = Info(f);
    return c.Get(w.form, w.lower);
  };
  EXPECT_EQ(get("Nokia"), PathCode("0101"));
  EXPECT_EQ(get("NOKIA"), PathCode("0111"));
  EXPECT_EQ(get("nokia"), PathCode("0101"));  // lower-case: the frequent "Nokia"
  EXPECT_EQ(get("River"), PathCode("10"));
  EXPECT_EQ(get("unseen"), 0u);
  ByteWriter w;
  c.Save(&w);
  WordClusters back;
  ByteReader r(w.data());
  ASSERT_TRUE(back.Load(&r));
  WordInfo x = Info("nokia");
  EXPECT_EQ(back.Get(x.form, x.lower), PathCode("0101"));
  EXPECT_EQ(back.num_clusters(), 3u);
}

TEST(Clusters, LoadRejectsIndicesWithoutPath) {
  ByteWriter w;
  w.Varint(1);
  w.Varint(PathCode("01"));
  FlatMap m;
  m.Build({{HashStr("x"), 3}});
  m.Save(&w);
  WordClusters c;
  ByteReader r(w.data());
  EXPECT_FALSE(c.Load(&r));
}

TEST(Clusters, MissingFileNamesThePath) {
  WordClusters c;
  Status s = LoadClustersModel("/nonexistent-dyad/clusters.bin", &c);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("/nonexistent-dyad/clusters.bin"), std::string::npos);
}

// A toy language: determiner, noun, verb, adverb. Nouns share contexts,
// verbs share contexts, so Brown clustering must put each class under its
// own subtree.
std::vector<std::vector<std::string>> ToyCorpus() {
  const std::vector<std::string> det = {"the", "a", "every"};
  const std::vector<std::string> noun = {"cat", "dog", "horse", "bird"};
  const std::vector<std::string> verb = {"runs", "sleeps", "eats", "sings"};
  const std::vector<std::string> adv = {"quickly", "slowly", "loudly"};
  std::vector<std::vector<std::string>> out;
  std::uint64_t x = 7;
  auto pick = [&x](const std::vector<std::string>& v) {
    x = Mix64(x + 1);
    return v[x % v.size()];
  };
  for (int i = 0; i < 600; ++i) out.push_back({pick(det), pick(noun), pick(verb), pick(adv)});
  return out;
}

std::size_t CommonPrefix(const std::string& a, const std::string& b) {
  std::size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
  return n;
}

TEST(Brown, WordsOfOneClassShareLongerPathsThanWordsOfTwo) {
  BrownOptions o;
  o.clusters = 6;
  o.min_count = 1;
  auto words = BrownCluster(ToyCorpus(), o);
  ASSERT_EQ(words.size(), 14u);
  std::map<std::string, std::string> path;
  for (const auto& w : words) path[w.word] = w.path;
  const std::size_t same_noun = CommonPrefix(path["cat"], path["horse"]);
  const std::size_t same_verb = CommonPrefix(path["runs"], path["eats"]);
  EXPECT_GT(same_noun, CommonPrefix(path["cat"], path["runs"]));
  EXPECT_GT(same_verb, CommonPrefix(path["eats"], path["dog"]));
  EXPECT_GT(CommonPrefix(path["the"], path["every"]), CommonPrefix(path["the"], path["slowly"]));
  // Deterministic: the same corpus gives the same paths.
  auto again = BrownCluster(ToyCorpus(), o);
  ASSERT_EQ(again.size(), words.size());
  for (std::size_t i = 0; i < words.size(); ++i) {
    EXPECT_EQ(again[i].word, words[i].word);
    EXPECT_EQ(again[i].path, words[i].path);
  }
}

TEST(Brown, RareWordsAndEmptyCorpusGiveNoClusters) {
  BrownOptions o;
  o.min_count = 2;
  EXPECT_TRUE(BrownCluster({}, o).empty());
  auto words = BrownCluster({{"once", "twice"}, {"twice"}}, o);
  ASSERT_EQ(words.size(), 1u);
  EXPECT_EQ(words[0].word, "twice");
  EXPECT_EQ(words[0].path.size(), 1u);  // one of the root's two leaves (the other: boundaries)
}

}  // namespace
}  // namespace dyad::analyze
