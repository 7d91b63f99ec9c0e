// Word vectors (fastText .vec) and their spherical k-means classes. Toy
// vectors written for this test.
#include "analyze/embeddings.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "analyze/features.h"

namespace dyad::analyze {
namespace {

// Two groups pointing in two directions, lengths differing (the cosine
// ignores them), and a zero vector.
const char kVec[] =
    "7 3\n"
    "harbour 1 0.1 0\n"
    "quay 2 0.3 0.1\n"
    "pier 0.5 0 0.05\n"
    "walked 0 0.1 1\n"
    "ran 0.1 0 3\n"
    "strolled 0 0.2 0.4\n"
    "</s> 0 0 0\n";

TEST(WordVectors, ParsesTheTextFormat) {
  auto v = ParseWordVectors(kVec, "toy.vec");
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->dim, 3);
  ASSERT_EQ(v->words.size(), 7u);
  EXPECT_EQ(v->words[1], "quay");
  EXPECT_FLOAT_EQ(v->row(1)[1], 0.3f);
  EXPECT_FLOAT_EQ(v->row(4)[2], 3.0f);
}

TEST(WordVectors, ErrorsNameTheFileAndTheLine) {
  struct Case {
    const char* data;
    const char* message;
  };
  for (const Case& c : {Case{"", "toy.vec: empty"},
                        Case{"two 3\nquay 1 2 3\n", "toy.vec line 1: not a"},
                        Case{"1 3\nquay 1 2\n", "toy.vec line 2: \"quay\" has 2 numbers, not 3"},
                        Case{"1 3\nquay 1 x 3\n",
                             "toy.vec line 2: \"quay\": number 2 (\"x\") is not a finite float"},
                        Case{"1 2\nquay 1e50 0\n", "number 1 (\"1e50\") is not a finite float"},
                        Case{"1 2\nquay nan 0\n", "number 1 (\"nan\") is not a finite float"},
                        Case{"3x 2\nquay 1 2\n", "toy.vec line 1: not a"},
                        Case{"1 2 junk\nquay 1 2\n", "toy.vec line 1: not a"},
                        Case{"1 2\nquay 1 2 3\n", "toy.vec line 2: \"quay\" has more than 2"},
                        Case{"2 2\nquay 1 2\n", "the header says 2 words, the file has 1"}}) {
    auto v = ParseWordVectors(c.data, "toy.vec");
    ASSERT_FALSE(v.ok()) << c.data;
    EXPECT_NE(v.status().message().find(c.message), std::string::npos)
        << v.status().ToString();
  }
  auto missing = ReadWordVectors("/nonexistent/vectors.vec");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().ToString().find("/nonexistent/vectors.vec"), std::string::npos);
}

TEST(SphericalKMeans, SeparatesDirectionsAndIsDeterministic) {
  auto v = ParseWordVectors(kVec, "toy.vec");
  ASSERT_TRUE(v.ok());
  WordVectors six = *v;  // without the zero vector
  six.words.pop_back();
  six.values.resize(six.values.size() - 3);
  for (std::uint64_t seed : {1, 2, 3, 4}) {
    const auto a = SphericalKMeans(six, 2, seed);
    ASSERT_EQ(a.size(), 6u);
    EXPECT_EQ(a[0], a[1]) << seed;
    EXPECT_EQ(a[0], a[2]) << seed;
    EXPECT_EQ(a[3], a[4]) << seed;
    EXPECT_EQ(a[3], a[5]) << seed;
    EXPECT_NE(a[0], a[3]) << seed;
    EXPECT_EQ(a, SphericalKMeans(six, 2, seed));
  }
  // As many classes as words: every word its own.
  const auto all = SphericalKMeans(six, 6, 1);
  EXPECT_EQ(std::set<int>(all.begin(), all.end()).size(), 6u);
}

TEST(EmbeddingClassTable, PacksEveryGranularityByTheWordsHash) {
  auto v = ParseWordVectors(kVec, "toy.vec");
  ASSERT_TRUE(v.ok());
  auto table = EmbeddingClassTable(*v, {2, 6}, 1);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ASSERT_EQ(table->size(), 7u);
  EXPECT_EQ((*table)[0].first, HashStr("harbour"));
  const auto coarse = SphericalKMeans(*v, 2, 1), fine = SphericalKMeans(*v, 6, 2);
  for (std::size_t i = 0; i < table->size(); ++i) {
    const std::uint32_t p = (*table)[i].second;
    EXPECT_NE(p & (1u << 30), 0u);
    EXPECT_EQ(EmbeddingClass(p, 0), static_cast<std::uint32_t>(coarse[i]));
    EXPECT_EQ(EmbeddingClass(p, 1), static_cast<std::uint32_t>(fine[i]));
    EXPECT_EQ(EmbeddingClass(p, 2), 0u);
  }
  EXPECT_FALSE(EmbeddingClassTable(*v, {}, 1).ok());
  EXPECT_FALSE(EmbeddingClassTable(*v, {2, 3, 4, 5}, 1).ok());
  EXPECT_FALSE(EmbeddingClassTable(*v, {8}, 1).ok());  // more classes than words
  EXPECT_FALSE(EmbeddingClassTable(*v, {1}, 1).ok());
}

}  // namespace
}  // namespace dyad::analyze
