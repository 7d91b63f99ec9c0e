#include "analyze/crf.h"

#include <cmath>
#include <random>
#include <vector>

#include <gtest/gtest.h>

namespace dyad::analyze {
namespace {

// Random chains against a brute-force sum over every label sequence: log Z,
// every node and edge marginal. Labels 0 = O, then B/I pairs: I-x only
// after B-x or I-x, and (as with BILOU-like rules) one label may not end.
TEST(ChainMarginalsTest, MatchesBruteForceOverEverySequence) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> score(-2.0f, 2.0f);
  for (int trial = 0; trial < 200; ++trial) {
    const int nl = 1 + 2 * static_cast<int>(rng() % 2 + 1);  // 3 or 5 labels
    const int n = 1 + static_cast<int>(rng() % 5);
    std::vector<char> allowed(static_cast<std::size_t>(nl + 1) * nl, 1), last(nl, 1);
    for (int p = -1; p < nl; ++p) {
      for (int l = 2; l < nl; l += 2) {  // I-x (even, >= 2) after B-x (l - 1) or I-x only
        allowed[(p + 1) * nl + l] = p == l - 1 || p == l;
      }
    }
    last[nl - 1] = trial % 3 != 0;  // sometimes a label that may not end a sentence
    std::vector<float> em(static_cast<std::size_t>(n) * nl), tr(static_cast<std::size_t>(n) * (nl + 1) * nl);
    for (float& x : em) x = score(rng);
    for (float& x : tr) x = score(rng);

    ChainMarginals fb;
    const double log_z = fb.Run(n, nl, em.data(), tr.data(), allowed, last);

    // Brute force: enumerate nl^n sequences.
    std::vector<double> node(static_cast<std::size_t>(n) * nl, 0.0);
    std::vector<double> edge(static_cast<std::size_t>(n) * (nl + 1) * nl, 0.0);
    double z = 0;
    std::vector<int> y(n, 0);
    auto T = [&](int i, int p, int l) { return tr[(static_cast<std::size_t>(i) * (nl + 1) + p + 1) * nl + l]; };
    while (true) {
      bool ok = last[y[n - 1]] != 0;
      double s = 0;
      for (int i = 0; i < n && ok; ++i) {
        const int p = i == 0 ? -1 : y[i - 1];
        ok = allowed[(p + 1) * nl + y[i]] != 0;
        s += static_cast<double>(T(i, p, y[i])) + em[static_cast<std::size_t>(i) * nl + y[i]];
      }
      if (ok) {
        const double e = std::exp(s);
        z += e;
        EXPECT_NEAR(fb.Score(y.data()), s, 1e-9);
        for (int i = 0; i < n; ++i) {
          node[i * nl + y[i]] += e;
          const int p = i == 0 ? -1 : y[i - 1];
          edge[(static_cast<std::size_t>(i) * (nl + 1) + p + 1) * nl + y[i]] += e;
        }
      }
      int k = 0;  // the next sequence, as an odometer
      while (k < n && ++y[k] == nl) y[k++] = 0;
      if (k == n) break;
    }
    ASSERT_GT(z, 0.0);
    EXPECT_NEAR(log_z, std::log(z), 1e-9) << "trial " << trial;
    EXPECT_NEAR(fb.log_z(), log_z, 0.0);
    for (int i = 0; i < n; ++i) {
      double sum = 0;
      for (int l = 0; l < nl; ++l) {
        EXPECT_NEAR(fb.Node(i, l), node[i * nl + l] / z, 1e-9) << "trial " << trial << " word " << i;
        sum += fb.Node(i, l);
        for (int p = -1; p < nl; ++p) {
          EXPECT_NEAR(fb.Edge(i, p, l), edge[(static_cast<std::size_t>(i) * (nl + 1) + p + 1) * nl + l] / z,
                      1e-9)
              << "trial " << trial << " word " << i << " " << p << "->" << l;
        }
      }
      EXPECT_NEAR(sum, 1.0, 1e-9);
    }
  }
}

TEST(ChainMarginalsTest, NoAllowedSequenceGivesNoneAndZeroMarginals) {
  // Two labels; label 1 may neither begin nor follow 0, label 0 may not end.
  std::vector<char> allowed = {1, 0, 1, 0, 1, 1}, last = {0, 1};
  std::vector<float> em(4, 0.5f), tr(2 * 3 * 2, 0.25f);
  ChainMarginals fb;
  EXPECT_EQ(fb.Run(2, 2, em.data(), tr.data(), allowed, last), ChainMarginals::kNone);
  // A one-word chain: only 0 may begin and it may not end.
  EXPECT_EQ(fb.Run(1, 2, em.data(), tr.data(), allowed, last), ChainMarginals::kNone);
  EXPECT_EQ(fb.Node(0, 0), 0.0);
  EXPECT_EQ(fb.Node(0, 1), 0.0);
}

}  // namespace
}  // namespace dyad::analyze
