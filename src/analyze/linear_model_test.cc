#include "analyze/linear_model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace dyad::analyze {
namespace {

// Three classes, each signalled by its own feature; a shared bias feature.
TEST(LinearModel, PerceptronLearnsSeparableDataAndRoundTrips) {
  PerceptronTrainer t(3);
  const std::uint64_t bias = FeatKey(1, 1);
  for (int epoch = 0; epoch < 5; ++epoch) {
    for (int c = 0; c < 3; ++c) {
      std::uint64_t keys[2] = {bias, FeatKey(2, c + 1)};
      float scores[3] = {0, 0, 0};
      t.Score(keys, 2, scores);
      int best = 0;
      for (int k = 1; k < 3; ++k) {
        if (scores[k] > scores[best]) best = k;
      }
      t.Update(keys, 2, c, best);
      t.Tick();
    }
  }
  LinearModel m = t.Average(0.0f);
  ByteWriter w;
  m.Save(&w);
  LinearModel loaded;
  ByteReader r(w.data());
  ASSERT_TRUE(loaded.Load(&r));
  EXPECT_EQ(loaded.num_classes(), 3);
  for (int c = 0; c < 3; ++c) {
    std::uint64_t keys[2] = {bias, FeatKey(2, c + 1)};
    std::int32_t scores[3] = {0, 0, 0};
    loaded.Score(keys, 2, scores);
    for (int k = 0; k < 3; ++k) {
      if (k != c) EXPECT_GT(scores[c], scores[k]) << c << " vs " << k;
    }
  }
  // An unknown feature scores nothing.
  std::uint64_t unknown = FeatKey(9, 9);
  std::int32_t scores[3] = {0, 0, 0};
  loaded.Score(&unknown, 1, scores);
  EXPECT_EQ(scores[0] + scores[1] + scores[2], 0);
}

TEST(LinearModel, TruncatedInputFailsToLoad) {
  PerceptronTrainer t(2);
  std::uint64_t k = FeatKey(1, 2);
  t.Update(&k, 1, 1, 0);
  t.Tick();
  ByteWriter w;
  t.Average(0.0f).Save(&w);
  std::string cut = w.data().substr(0, w.data().size() - 1);
  ByteReader r(cut);
  LinearModel m;
  EXPECT_FALSE(m.Load(&r) && r.ok());
}

// The mean of two models: a weight both share is averaged, a weight only
// one has is halved, and the scores follow (in the model's own units).
TEST(LinearModel, MeanAveragesTheWeightsOfModels) {
  const std::uint64_t a = FeatKey(1, 1), b = FeatKey(1, 2);
  auto train = [&](int steps_a, bool with_b) {
    PerceptronTrainer t(2);
    for (int i = 0; i < steps_a; ++i) t.Update(&a, 1, 1, 0);
    if (with_b) t.Update(&b, 1, 0, 1);
    t.Tick();
    return t.Average(0.0f);
  };
  std::vector<LinearModel> models = {train(2, false), train(4, true)};
  LinearModel mean = LinearModel::Mean(models);
  EXPECT_EQ(mean.num_classes(), 2);
  EXPECT_EQ(mean.num_features(), 2u);
  auto score = [&](std::uint64_t key) {
    std::int32_t s[2] = {0, 0};
    mean.Score(&key, 1, s);
    return std::pair<float, float>(s[0] * mean.scale(), s[1] * mean.scale());
  };
  EXPECT_NEAR(score(a).first, -3.0f, 1e-3);
  EXPECT_NEAR(score(a).second, 3.0f, 1e-3);
  EXPECT_NEAR(score(b).first, 0.5f, 1e-3);
  EXPECT_NEAR(score(b).second, -0.5f, 1e-3);
}

// A trainer started from a model (fine-tuning) scores with the model's
// weights plus its own updates, and its average keeps the model's weights
// (features the updates never touch included) plus the averaged updates.
TEST(LinearModel, FromDenseKeepsTheWeightsAbovePrune) {
  const std::vector<std::uint64_t> keys = {FeatKey(1, 1), FeatKey(2, 7)};
  const std::vector<float> weights = {0.5f, -0.0001f, 2.0f, 0.0f, -1.0f, 0.25f};
  LinearModel m = LinearModel::FromDense(3, keys, weights, 0.001f);
  EXPECT_EQ(m.num_classes(), 3);
  EXPECT_EQ(m.num_features(), 2u);
  EXPECT_EQ(m.num_weights(), 4u);  // -0.0001 and 0 dropped
  for (int k = 0; k < 2; ++k) {
    std::int32_t scores[3] = {0, 0, 0};
    m.Score(&keys[k], 1, scores);
    for (int c = 0; c < 3; ++c) {
      const float w = weights[k * 3 + c];
      EXPECT_NEAR(scores[c] * m.scale(), std::fabs(w) < 0.001f ? 0.0f : w, 1e-3) << k << " " << c;
    }
  }
}

// Rows of one weight (in the slot), of a few (sparse) and of many (dense,
// a quarter of the classes or more) score the same weights, survive saving
// and loading byte for byte, and are pruned alike.
TEST(LinearModel, ShortSparseAndDenseRowsScoreTheirWeights) {
  const int nc = 40;
  const std::vector<std::uint64_t> keys = {FeatKey(1, 1), FeatKey(1, 2), FeatKey(1, 3),
                                           FeatKey(1, 4)};
  const int used[4] = {1, 5, 10, 40};  // weights per row
  std::vector<float> weights(keys.size() * nc, 0.0f);
  for (int k = 0; k < 4; ++k) {
    for (int i = 0; i < used[k]; ++i) {
      const int c = (i * 7 + k) % nc;
      weights[k * nc + c] = (i % 2 ? -1.0f : 1.0f) * (0.25f + 0.5f * i + k);
    }
  }
  LinearModel m = LinearModel::FromDense(nc, keys, weights, 0.0f);
  EXPECT_EQ(m.num_dense_rows(), 2u);  // the rows of 10 and 40 weights
  EXPECT_EQ(m.num_weights(), 56u);
  auto check = [&](const LinearModel& model, float prune) {
    std::vector<std::int32_t> all(nc, 0);
    model.Score(keys.data(), 4, all.data());
    std::vector<float> sum(nc, 0.0f);
    for (int k = 0; k < 4; ++k) {
      std::vector<std::int32_t> one(nc, 0);
      model.Score(&keys[k], 1, one.data());
      for (int c = 0; c < nc; ++c) {
        const float w = weights[k * nc + c];
        const float want = std::fabs(w) < prune ? 0.0f : w;
        sum[c] += want;
        EXPECT_NEAR(one[c] * model.scale(), want, 2e-3) << "row " << k << " class " << c;
      }
    }
    for (int c = 0; c < nc; ++c) EXPECT_NEAR(all[c] * model.scale(), sum[c], 1e-2) << c;
  };
  check(m, 0.0f);
  ByteWriter w;
  m.Save(&w);
  LinearModel loaded;
  ByteReader r(w.data());
  ASSERT_TRUE(loaded.Load(&r));
  EXPECT_EQ(loaded.num_dense_rows(), 2u);
  check(loaded, 0.0f);
  ByteWriter again;
  loaded.Save(&again);
  EXPECT_EQ(again.data(), w.data());
  loaded.Prune(4.0f);  // the rows of 10 and 40 keep 6 (now sparse) and 38
  EXPECT_EQ(loaded.num_dense_rows(), 1u);
  check(loaded, 4.0f);
}

TEST(LinearModel, TrainerStartsFromABaseModel) {
  const std::uint64_t a = FeatKey(1, 1), b = FeatKey(1, 2), c = FeatKey(1, 3);
  PerceptronTrainer first(2);
  first.Update(&a, 1, 1, 0);
  first.Update(&a, 1, 1, 0);
  first.Update(&b, 1, 0, 1);
  first.Tick();
  LinearModel base = first.Average(0.0f);
  PerceptronTrainer t(2);
  t.SetBase(base);
  float s[2] = {0, 0};
  t.Score(&a, 1, s);
  EXPECT_NEAR(s[0], -2.0f, 1e-3);
  EXPECT_NEAR(s[1], 2.0f, 1e-3);
  // Two ticks: one update of c held for both, one of a for the second.
  t.Update(&c, 1, 1, 0);
  t.Tick();
  t.Update(&a, 1, 0, 1);
  t.Tick();
  LinearModel m = t.Average(0.0f);
  EXPECT_EQ(m.num_features(), 3u);
  auto score = [&](std::uint64_t key) {
    std::int32_t x[2] = {0, 0};
    m.Score(&key, 1, x);
    return std::pair<float, float>(x[0] * m.scale(), x[1] * m.scale());
  };
  EXPECT_NEAR(score(a).first, -1.5f, 1e-3);  // -2 + 1 * (1/2)
  EXPECT_NEAR(score(a).second, 1.5f, 1e-3);
  EXPECT_NEAR(score(b).first, 1.0f, 1e-3);   // untouched
  EXPECT_NEAR(score(c).second, 1.0f, 1e-3);  // new
  // Pruning applies to the sums: |a| = 1.5 stays, |b| = |c| = 1 go.
  EXPECT_EQ(t.Average(1.2f).num_features(), 1u);
}

}  // namespace
}  // namespace dyad::analyze
