// The dense transition scorer: the precomputed scorer against the plain
// forward pass, the gradient against finite differences, the atoms of a
// configuration, and a dense parser trained on a tiny treebank written for
// this test (it must learn the trees, and survive a save/load round trip).
#include "analyze/dense_scorer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

#include "analyze/embeddings.h"
#include "analyze/gold_tags_test_util.h"
#include "analyze/parser.h"
#include "analyze/train.h"

namespace dyad::analyze {
namespace {

// A network with `words` vocabulary words and random weights.
DenseNet RandomNet(const DenseConfig& config, int words, int tags, int labels, int classes) {
  std::vector<std::uint64_t> w, t;
  for (int i = 0; i < words; ++i) w.push_back(HashStr("w" + std::to_string(i)));
  for (int i = 0; i < tags; ++i) t.push_back(HashStr("t" + std::to_string(i)));
  DenseNet net;
  net.Init(config, w, t, labels, classes, 7);
  // Non-zero biases, so that they are exercised too.
  for (int k : {5, 7}) {
    auto& b = *net.mutable_params(k);
    for (std::size_t i = 0; i < b.size(); ++i) b[i] = 0.05f * static_cast<float>(i % 5) - 0.1f;
  }
  return net;
}

void RandomAtoms(const DenseNet& net, std::uint64_t seed, int* atoms) {
  for (int g = 0; g < DenseNet::kGroups; ++g) {
    for (int i = 0; i < DenseNet::kPositions[g]; ++i) {
      atoms[DenseNet::kFirst[g] + i] =
          static_cast<int>(Mix64(seed++ * 31 + g) % static_cast<std::uint64_t>(net.vocab(g)));
    }
  }
}

class DensePrecomputeTest : public ::testing::TestWithParam<int> {};

TEST_P(DensePrecomputeTest, PrecomputedScoresEqualTheForwardPass) {
  DenseConfig c;
  c.hidden = 48;
  c.activation = GetParam();
  // More words than are precomputed, so that both paths are taken.
  DenseNet net = RandomNet(c, DenseNet::kPrecomputedWords + 500, 30, 20, 42);
  net.Precompute();
  ASSERT_TRUE(net.precomputed());
  std::vector<float> h1(c.hidden), h2(c.hidden), s1(42), s2(42);
  int atoms[DenseNet::kAtoms];
  int rare = 0;
  for (int trial = 0; trial < 50; ++trial) {
    RandomAtoms(net, trial * 1000 + 1, atoms);
    rare += atoms[0] >= DenseNet::kPrecomputedWords;
    net.Forward(atoms, h1.data(), s1.data());
    net.Score(atoms, h2.data(), s2.data());
    for (int k = 0; k < 42; ++k) {
      EXPECT_NEAR(s1[k], s2[k], 1e-4f * (1 + std::fabs(s1[k]))) << "trial " << trial;
    }
    // With a sentence cache of the words (rows computed on the first use,
    // read on the second).
    DenseSentenceCache cache;
    cache.Reset(net, atoms, DenseNet::kPositions[DenseNet::kWordGroup]);
    for (int pass = 0; pass < 2; ++pass) {
      net.Score(atoms, h2.data(), s2.data(), &cache);
      for (int k = 0; k < 42; ++k) {
        EXPECT_NEAR(s1[k], s2[k], 1e-4f * (1 + std::fabs(s1[k]))) << "trial " << trial;
      }
    }
  }
  EXPECT_GT(rare, 0);
}

TEST_P(DensePrecomputeTest, SaveAndLoadKeepTheNetwork) {
  DenseConfig c;
  c.hidden = 16;
  c.activation = GetParam();
  DenseNet net = RandomNet(c, 40, 10, 5, 12);
  ByteWriter w;
  net.Save(&w);
  ByteReader r(w.data());
  DenseNet loaded;
  ASSERT_TRUE(loaded.Load(&r, 5, 12));
  EXPECT_EQ(loaded.config().activation, GetParam());
  std::vector<float> h(16), s1(12), s2(12);
  int atoms[DenseNet::kAtoms];
  RandomAtoms(net, 3, atoms);
  net.Forward(atoms, h.data(), s1.data());
  loaded.Forward(atoms, h.data(), s2.data());
  EXPECT_EQ(s1, s2);
  ByteReader wrong(w.data());
  EXPECT_FALSE(DenseNet().Load(&wrong, 6, 14));  // other labels and classes
}

// The precomputed tables are not backed by bytes of the file: a small file
// whose sizes would make them huge (here 21 tag positions x 4,003 tags x
// 4,096 hidden units, 1.4 GB) is refused before they are built.
TEST(DenseNet, RefusesAFileWhoseTablesWouldBeHuge) {
  DenseConfig c;
  c.word_dim = c.tag_dim = c.label_dim = c.misc_dim = 1;
  c.hidden = 4096;
  DenseNet net = RandomNet(c, 10, 4000, 5, 12);
  ByteWriter w;
  net.Save(&w);
  EXPECT_LT(w.data().size(), std::size_t{4} << 20);
  ByteReader r(w.data());
  EXPECT_FALSE(DenseNet().Load(&r, 5, 12));
  // The same shape with few tags loads.
  DenseNet small = RandomNet(c, 10, 40, 5, 12);
  ByteWriter w2;
  small.Save(&w2);
  ByteReader r2(w2.data());
  EXPECT_TRUE(DenseNet().Load(&r2, 5, 12));
}

INSTANTIATE_TEST_SUITE_P(Activations, DensePrecomputeTest,
                         ::testing::Values(DenseConfig::kRelu, DenseConfig::kCube),
                         [](const auto& info) { return info.param ? "Cube" : "Relu"; });

// A network small enough for finite differences.
DenseConfig TinyConfig(int activation) {
  DenseConfig c;
  c.activation = activation;
  c.word_dim = 4;
  c.tag_dim = 3;
  c.label_dim = 3;
  c.misc_dim = 2;
  c.hidden = 8;
  return c;
}

class DenseGradientTest : public ::testing::TestWithParam<int> {};

TEST_P(DenseGradientTest, GradientMatchesFiniteDifferences) {
  const DenseConfig c = TinyConfig(GetParam());
  const int nc = 7;
  DenseNet net = RandomNet(c, 5, 4, 2, nc);
  // Larger weights than the initial ones, so that the hidden units and the
  // softmax are far from uniform.
  for (int k = 0; k < 8; ++k) {
    for (float& x : *net.mutable_params(k)) x *= 3;
  }
  DenseTrainOptions o;
  o.dropout = 0;
  o.batch = 1 << 20;  // no step during the check
  DenseTrainer trainer(&net, o);
  int atoms[DenseNet::kAtoms];
  RandomAtoms(net, 5, atoms);
  // Two zero-cost targets, one costly and two illegal classes.
  const int cost[nc] = {0, -1, 1, 0, 2, -1, 1};
  std::vector<float> scores(nc);
  const float loss = trainer.Example(atoms, cost, scores.data());
  EXPECT_NEAR(loss, trainer.Loss(atoms, cost), 1e-5f);
  EXPECT_GT(loss, 0);
  int checked = 0;
  for (int k = 0; k < 8; ++k) {
    std::vector<float>& p = *net.mutable_params(k);
    const std::vector<float>& g = trainer.grad(k);
    ASSERT_EQ(p.size(), g.size());
    for (std::size_t i = 0; i < p.size(); i += 1 + p.size() / 40) {
      const float keep = p[i];
      const float eps = 1e-2f;
      p[i] = keep + eps;
      const double up = trainer.Loss(atoms, cost);
      p[i] = keep - eps;
      const double down = trainer.Loss(atoms, cost);
      p[i] = keep;
      const double numeric = (up - down) / (2 * eps);
      EXPECT_NEAR(g[i], numeric, 2e-3 + 2e-2 * std::fabs(numeric)) << "param " << k << "[" << i << "]";
      checked += std::fabs(numeric) > 1e-3;
    }
  }
  EXPECT_GT(checked, 20);  // the check saw real gradients
}

INSTANTIATE_TEST_SUITE_P(Activations, DenseGradientTest,
                         ::testing::Values(DenseConfig::kRelu, DenseConfig::kCube),
                         [](const auto& info) { return info.param ? "Cube" : "Relu"; });

// A partner's offsets (TrainOptions::mix_partners) are added to the
// network's scores before the softmax: the loss and its gradient are those
// of the sums, and an offset that makes the target certain leaves nothing
// to learn.
TEST(DenseTrainer, OffsetsJoinTheSoftmax) {
  const DenseConfig c = TinyConfig(DenseConfig::kRelu);
  const int nc = 5;
  const DenseNet start = RandomNet(c, 5, 4, 2, nc);
  DenseTrainOptions o;
  o.dropout = 0;
  o.batch = 1 << 20;
  int atoms[DenseNet::kAtoms];
  RandomAtoms(start, 3, atoms);
  const int cost[nc] = {1, 0, -1, 2, 1};
  DenseNet a = start, b = start, d = start;
  DenseTrainer plain(&a, o), offset(&b, o), certain(&d, o);
  std::vector<float> s0(nc), s1(nc), s2(nc);
  const float loss0 = plain.Example(atoms, cost, s0.data());
  const float off[nc] = {0.5f, -1.0f, 3.0f, 2.0f, 0.0f};
  const float loss1 = offset.Example(atoms, cost, s1.data(), off);
  double z = 0;
  for (int k = 0; k < nc; ++k) {
    if (cost[k] < 0) continue;
    EXPECT_NEAR(s1[k], s0[k] + off[k], 1e-5f) << "class " << k;
    z += std::exp(static_cast<double>(s1[k]));
  }
  EXPECT_NEAR(loss1, std::log(z) - s1[1], 1e-4);  // class 1 is the one zero-cost class
  EXPECT_GT(loss1, loss0);                        // the offsets favour the wrong classes
  const float sure[nc] = {0, 60.0f, 0, 0, 0};
  const float loss2 = certain.Example(atoms, cost, s2.data(), sure);
  EXPECT_LT(loss2, 1e-6f);
  for (float g : certain.grad(6)) EXPECT_NEAR(g, 0.0f, 1e-6f);  // W2's gradient
  bool moved = false;
  for (float g : offset.grad(6)) moved |= std::fabs(g) > 1e-4f;
  EXPECT_TRUE(moved);
  // With the network's own loss too: the losses and the gradients add up.
  DenseNet e = start;
  DenseTrainer both(&e, o);
  std::vector<float> s3(nc);
  EXPECT_NEAR(both.Example(atoms, cost, s3.data(), off, /*plain=*/true), loss0 + loss1, 1e-4f);
  for (int k = 4; k < 8; ++k) {
    for (std::size_t i = 0; i < both.grad(k).size(); ++i) {
      ASSERT_NEAR(both.grad(k)[i], plain.grad(k)[i] + offset.grad(k)[i], 1e-4f)
          << "param " << k << "[" << i << "]";
    }
  }
}

TEST(DenseNet, AtomsOfAConfiguration) {
  ParseState s;
  s.Init(4);
  const int word_ids[4] = {10, 11, 12, 13}, tag_ids[4] = {20, 21, 22, 23};
  int atoms[DenseNet::kAtoms];
  Parser::Apply(&s, Parser::kShift, 3);                  // stack: 0
  Parser::Apply(&s, Parser::kFirstArc + 3 + 1, 3);       // 0 -> 1 (label 1), stack 0 1
  DenseNet::Atoms(s, word_ids, tag_ids, 3, atoms);
  const int* w = atoms + DenseNet::kFirst[DenseNet::kWordGroup];
  const int* t = atoms + DenseNet::kFirst[DenseNet::kTagGroup];
  const int* l = atoms + DenseNet::kFirst[DenseNet::kLabelGroup];
  const int* m = atoms + DenseNet::kFirst[DenseNet::kMiscGroup];
  EXPECT_EQ(w[0], 11);  // s0 = word 1
  EXPECT_EQ(w[1], 10);  // s1 = word 0
  EXPECT_EQ(w[2], 0);   // no s2
  EXPECT_EQ(w[3], 12);  // n0 = word 2
  EXPECT_EQ(w[4], 13);
  EXPECT_EQ(w[5], 1);   // n2 = ROOT
  EXPECT_EQ(t[3], 22);
  EXPECT_EQ(w[11], 11);  // rc1(s1) = word 1
  EXPECT_EQ(w[18], 10);  // head of s0 = word 0
  EXPECT_EQ(l[5], DenseNet::kFirstLabel + 1);  // label of rc1(s1)
  EXPECT_EQ(l[12], DenseNet::kFirstLabel + 1);  // label of s0
  EXPECT_EQ(l[0], 0);                           // s0 has no children
  EXPECT_EQ(m[0], 1);                           // n0 - s0
  EXPECT_EQ(m[2], 1);                           // s0: no right children
}

const char kTreebank[] =
    "1\tRebels\trebel\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
    "2\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_\n"
    "4\tconvoy\tconvoy\tNOUN\tNN\t_\t2\tobj\t_\t_\n"
    "5\tyesterday\tyesterday\tNOUN\tNN\t_\t2\tobl:tmod\t_\t_\n"
    "6\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
    "\n"
    "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n"
    "2\tenvoy\tenvoy\tNOUN\tNN\t_\t3\tnsubj\t_\t_\n"
    "3\tasked\task\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "4\trebels\trebel\tNOUN\tNNS\t_\t3\tobj\t_\t_\n"
    "5\tto\tto\tPART\tTO\t_\t6\tmark\t_\t_\n"
    "6\tstop\tstop\tVERB\tVB\t_\t3\txcomp\t_\t_\n"
    "\n"
    "1\tTroops\ttroop\tNOUN\tNNS\t_\t3\tnsubj:pass\t_\t_\n"
    "2\twere\tbe\tAUX\tVBD\t_\t3\taux:pass\t_\t_\n"
    "3\tsent\tsend\tVERB\tVBN\t_\t0\troot\t_\t_\n"
    "4\tto\tto\tADP\tIN\t_\t6\tcase\t_\t_\n"
    "5\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\t_\n"
    "6\tborder\tborder\tNOUN\tNN\t_\t3\tobl\t_\t_\n"
    "\n";

class DenseParserTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(ToyTagger(kTreebank, 10, &treebank_, &tagger_, &morph_));
    TrainOptions o;
    o.epochs = 40;
    o.non_monotonic = GetParam();
    o.dense = true;
    o.dense_config.hidden = 32;
    o.dense_train.learning_rate = 0.05f;
    o.dense_train.dropout = 0;
    o.dense_train.batch = 4;
    ASSERT_TRUE(TrainParser(treebank_, tagger_, o, &parser_).ok());
    ASSERT_NE(parser_.dense(), nullptr);
  }
  std::vector<int> Heads(const Parser& p, int i, std::vector<std::string>* labels) {
    return GoldTaggedHeads(tagger_, p, treebank_[i], labels);
  }
  std::vector<text::ConlluSentence> treebank_;
  Tagger tagger_;
  Morphology morph_;
  Parser parser_;
};

TEST_P(DenseParserTest, LearnsTheTrainingTrees) {
  for (std::size_t i = 0; i < treebank_.size(); ++i) {
    std::vector<std::string> labels;
    const std::vector<int> heads = Heads(parser_, static_cast<int>(i), &labels);
    for (std::size_t k = 0; k < heads.size(); ++k) {
      EXPECT_EQ(heads[k], treebank_[i].words[k].head) << "sentence " << i << " word " << k;
      EXPECT_EQ(labels[k], treebank_[i].words[k].deprel) << "sentence " << i << " word " << k;
    }
  }
}

TEST_P(DenseParserTest, SaveAndLoadGiveTheSameParses) {
  ByteWriter w;
  parser_.Save(&w);
  ByteReader r(w.data());
  Parser loaded;
  ASSERT_TRUE(loaded.Load(&r));
  ASSERT_NE(loaded.dense(), nullptr);
  EXPECT_EQ(loaded.non_monotonic(), GetParam());
  for (std::size_t i = 0; i < treebank_.size(); ++i) {
    std::vector<std::string> a, b;
    EXPECT_EQ(Heads(parser_, static_cast<int>(i), &a), Heads(loaded, static_cast<int>(i), &b));
    EXPECT_EQ(a, b);
  }
  // The network itself is the same: saving again gives the same bytes.
  ByteWriter again;
  loaded.Save(&again);
  EXPECT_EQ(again.data(), w.data());
  // A truncated model is refused, not half loaded.
  for (std::size_t cut : {w.data().size() - 1, w.data().size() / 2, w.data().size() - 100}) {
    ByteReader bad(std::string_view(w.data()).substr(0, cut));
    Parser p;
    EXPECT_FALSE(p.Load(&bad)) << "cut at " << cut;
  }
}

TEST_P(DenseParserTest, CannotBeAveraged) {
  Parser out;
  EXPECT_FALSE(MeanParser({parser_, parser_}, &out).ok());
}

INSTANTIATE_TEST_SUITE_P(Systems, DenseParserTest, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "NonMonotonic" : "Monotonic"; });

TEST(DenseParser, RefusesBeamAndEnsembleTraining) {
  std::vector<text::ConlluSentence> tb;
  Tagger tagger;
  Morphology morph;
  ASSERT_NO_FATAL_FAILURE(ToyTagger(kTreebank, 2, &tb, &tagger, &morph));
  TrainOptions o;
  o.epochs = 1;
  o.dense = true;
  Parser p;
  o.beam = 4;
  EXPECT_FALSE(TrainParser(tb, tagger, o, &p).ok());
  o.beam = 1;
  o.ensemble = 2;
  EXPECT_FALSE(TrainParser(tb, tagger, o, &p).ok());
}

// A perceptron parser with a dense parser mixed in (Parser::set_net).
class MixedParserTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(ToyTagger(kTreebank, 10, &treebank_, &tagger_, &morph_));
    TrainOptions o;
    o.epochs = 3;  // a perceptron that still makes mistakes
    o.non_monotonic = true;
    ASSERT_TRUE(TrainParser(treebank_, tagger_, o, &perceptron_).ok());
    o.epochs = 40;
    o.dense = true;
    o.dense_config.hidden = 32;
    o.dense_train.learning_rate = 0.05f;
    o.dense_train.dropout = 0;
    o.dense_train.batch = 4;
    auto net = std::make_shared<Parser>();
    ASSERT_TRUE(TrainParser(treebank_, tagger_, o, net.get()).ok());
    net_ = std::move(net);
  }
  // Heads and labels of every sentence, one string: the training
  // sentences, and each with its words in reverse order and rotated by one
  // (new sentences, on which the two scorers differ).
  std::string Parses(const Parser& p) {
    std::vector<text::ConlluSentence> all = treebank_;
    for (const auto& s : treebank_) {
      all.push_back(s);
      std::reverse(all.back().words.begin(), all.back().words.end());
      all.push_back(s);
      std::rotate(all.back().words.begin(), all.back().words.begin() + 1, all.back().words.end());
    }
    std::string out;
    for (const auto& s : all) {
      std::vector<std::string> labels;
      for (int h : GoldTaggedHeads(tagger_, p, s, &labels)) out += std::to_string(h) + " ";
      for (const auto& l : labels) out += l + " ";
      out += "\n";
    }
    return out;
  }
  std::vector<text::ConlluSentence> treebank_;
  Tagger tagger_;
  Morphology morph_;
  Parser perceptron_;
  std::shared_ptr<const Parser> net_;
};

TEST_F(MixedParserTest, WeightAndMarginChooseBetweenTheScorers) {
  const std::string alone = Parses(perceptron_), dense = Parses(*net_);
  ASSERT_NE(alone, dense) << "the toy scorers must disagree somewhere for this test to mean anything";
  Parser mixed = perceptron_;
  ASSERT_TRUE(mixed.set_net(net_, 0));
  EXPECT_EQ(Parses(mixed), alone);  // weight 0: the perceptron's decisions
  ASSERT_TRUE(mixed.set_net(net_, 1e6f));
  EXPECT_EQ(Parses(mixed), dense);  // a huge weight: the network's
  mixed.set_net_margin(0);
  EXPECT_EQ(Parses(mixed), alone);  // never consulted
  ASSERT_TRUE(mixed.set_net(nullptr, 0));
  EXPECT_EQ(mixed.net(), nullptr);
  EXPECT_EQ(Parses(mixed), alone);
}

TEST_F(MixedParserTest, RefusesAMismatchedNetwork) {
  Parser p = perceptron_;
  EXPECT_FALSE(p.set_net(std::make_shared<Parser>(perceptron_), 1));  // not dense
  EXPECT_FALSE(p.set_net(net_, -1));
  EXPECT_FALSE(p.set_net(net_, std::nanf("")));
  // Another transition system.
  TrainOptions o;
  o.epochs = 2;
  o.dense = true;
  o.dense_config.hidden = 8;
  auto monotonic = std::make_shared<Parser>();
  ASSERT_TRUE(TrainParser(treebank_, tagger_, o, monotonic.get()).ok());
  EXPECT_FALSE(p.set_net(monotonic, 1));
  EXPECT_EQ(p.net(), nullptr);
}

// A network trained as the perceptron's partner (TrainOptions::mix_partners)
// learns only where the partner is unsure, and a partner of another
// transition system is refused.
TEST_F(MixedParserTest, TrainsTheNetworkAsThePerceptronsPartner) {
  TrainOptions o;
  o.non_monotonic = true;
  o.dense = true;
  o.dense_config.hidden = 32;
  o.dense_train.learning_rate = 0.05f;
  o.dense_train.dropout = 0;
  o.dense_train.batch = 4;
  o.epochs = 0;
  Parser untrained;
  ASSERT_TRUE(TrainParser(treebank_, tagger_, o, &untrained).ok());
  // A partner that still errs on the training trees: one epoch, its first
  // sentences only.
  TrainOptions w;
  w.epochs = 1;
  w.non_monotonic = true;
  auto weak = std::make_shared<Parser>();
  ASSERT_TRUE(TrainParser({treebank_.begin(), treebank_.begin() + 3}, tagger_, w, weak.get()).ok());
  std::shared_ptr<const Parser> partner = weak;
  o.mix_partners = {partner, partner};
  o.mix_weight = 1;
  o.epochs = 20;
  // Margin 0: the partner's best always leads by at least 0, so it decides
  // alone everywhere and the network never learns.
  o.mix_margin = 0;
  Parser idle;
  ASSERT_TRUE(TrainParser(treebank_, tagger_, o, &idle).ok());
  EXPECT_EQ(Parses(idle), Parses(untrained));
  // Consulted everywhere, it learns: mixed into the partner at the weight it
  // was trained for, the training trees come out, which the partner alone
  // gets wrong in part.
  o.mix_margin = 1e30f;
  auto net = std::make_shared<Parser>();
  ASSERT_TRUE(TrainParser(treebank_, tagger_, o, net.get()).ok());
  EXPECT_NE(Parses(*net), Parses(untrained));
  Parser mixed = *partner;
  ASSERT_TRUE(mixed.set_net(net, 1));
  mixed.set_net_margin(1e30f);
  int wrong_alone = 0, wrong_mixed = 0;
  for (const auto& s : treebank_) {
    std::vector<std::string> la, lm;
    const std::vector<int> ha = GoldTaggedHeads(tagger_, *partner, s, &la);
    const std::vector<int> hm = GoldTaggedHeads(tagger_, mixed, s, &lm);
    for (std::size_t k = 0; k < s.words.size(); ++k) {
      wrong_alone += ha[k] != s.words[k].head || la[k] != s.words[k].deprel;
      wrong_mixed += hm[k] != s.words[k].head || lm[k] != s.words[k].deprel;
    }
  }
  ASSERT_GT(wrong_alone, 0) << "the toy perceptron must err for this test to mean anything";
  EXPECT_EQ(wrong_mixed, 0);
  // Fine-tuning starts from the given network: after no epoch it is that
  // network; one of another width is refused.
  TrainOptions t = o;
  t.mix_partners.clear();
  t.epochs = 0;
  t.init = net.get();
  Parser start;
  ASSERT_TRUE(TrainParser(treebank_, tagger_, t, &start).ok());
  EXPECT_EQ(Parses(start), Parses(*net));
  t.dense_config.hidden = 16;
  EXPECT_FALSE(TrainParser(treebank_, tagger_, t, &start).ok());
  // A monotonic partner for a non-monotonic network is refused.
  TrainOptions m;
  m.epochs = 2;
  auto monotonic = std::make_shared<Parser>();
  ASSERT_TRUE(TrainParser(treebank_, tagger_, m, monotonic.get()).ok());
  o.mix_partners = {monotonic};
  Parser refused;
  EXPECT_FALSE(TrainParser(treebank_, tagger_, o, &refused).ok());
}

TEST_F(MixedParserTest, SaveAndLoadKeepTheMixture) {
  Parser mixed = perceptron_;
  auto net = std::make_shared<Parser>(*net_);
  net->QuantizeDense();
  ASSERT_TRUE(mixed.set_net(net, 7.5f));
  mixed.set_net_margin(3);
  ByteWriter w;
  mixed.Save(&w);
  ByteReader r(w.data());
  Parser loaded;
  ASSERT_TRUE(loaded.Load(&r));
  ASSERT_NE(loaded.net(), nullptr);
  EXPECT_EQ(loaded.net_weight(), 7.5f);
  EXPECT_EQ(loaded.net_margin(), 3.0f);
  EXPECT_TRUE(loaded.net()->dense()->quantized());
  EXPECT_EQ(Parses(loaded), Parses(mixed));
  ByteWriter again;
  loaded.Save(&again);
  EXPECT_EQ(again.data(), w.data());
  Parser mean;
  EXPECT_FALSE(MeanParser({mixed, perceptron_}, &mean).ok());  // the network is not averaged
  for (std::size_t cut : {w.data().size() - 1, w.data().size() / 2}) {
    ByteReader bad(std::string_view(w.data()).substr(0, cut));
    Parser p;
    EXPECT_FALSE(p.Load(&bad)) << "cut at " << cut;
  }
}

TEST(DenseNet, QuantizedWordsScoreAsStoredAndSurviveSaving) {
  DenseConfig c;
  c.hidden = 16;
  DenseNet net = RandomNet(c, 40, 5, 4, 10);
  DenseNet quantized = net;
  quantized.Quantize();
  net.Precompute();
  quantized.Precompute();
  ByteWriter w;
  quantized.Save(&w);
  ByteWriter plain;
  net.Save(&plain);
  EXPECT_LT(w.data().size(), plain.data().size());
  ByteReader r(w.data());
  DenseNet loaded;
  ASSERT_TRUE(loaded.Load(&r, 4, 10));
  ByteWriter again;
  loaded.Save(&again);
  EXPECT_EQ(again.data(), w.data());
  std::vector<float> h(16), a(10), b(10), q(10);
  int atoms[DenseNet::kAtoms];
  for (int trial = 0; trial < 20; ++trial) {
    RandomAtoms(net, trial * 77 + 3, atoms);
    net.Score(atoms, h.data(), a.data());
    quantized.Score(atoms, h.data(), q.data());
    loaded.Score(atoms, h.data(), b.data());
    for (int k = 0; k < 10; ++k) {
      EXPECT_EQ(b[k], q[k]);                                   // the loaded network is the stored one
      EXPECT_NEAR(q[k], a[k], 0.02f * (1 + std::fabs(a[k])));  // and close to the float one
    }
  }
}

TEST(DenseParser, PretrainedVectorsJoinTheVocabulary) {
  std::vector<text::ConlluSentence> tb;
  Tagger tagger;
  Morphology morph;
  ASSERT_NO_FATAL_FAILURE(ToyTagger(kTreebank, 2, &tb, &tagger, &morph));
  WordVectors v;
  v.dim = 4;
  v.words = {"rebels", "insurgents", "convoy"};
  v.values = {1, 0, 0, 0, 0.9f, 0.1f, 0, 0, 0, 0, 3, 4};
  TrainOptions o;
  o.epochs = 1;
  o.dense = true;
  o.dense_config.hidden = 8;
  o.dense_config.word_dim = 4;
  Parser plain, with;
  ASSERT_TRUE(TrainParser(tb, tagger, o, &plain).ok());
  o.dense_vectors = &v;
  ASSERT_TRUE(TrainParser(tb, tagger, o, &with).ok());
  // "rebels" (seen twice) was in the vocabulary already; "convoy" (seen
  // once) and "insurgents" (never) join it through their vectors.
  EXPECT_EQ(with.dense()->vocab(DenseNet::kWordGroup),
            plain.dense()->vocab(DenseNet::kWordGroup) + 2);
  std::vector<WordInfo> info;
  tagger.Prepare({"insurgents", "Convoy", "unheard"}, &info);
  std::vector<std::uint64_t> tags(3, tagger.tag_key(0));
  int words[3], tag_ids[3];
  with.dense()->SentenceIds(info, tags, words, tag_ids);
  EXPECT_GE(words[0], DenseNet::kFirstWord);
  EXPECT_GE(words[1], DenseNet::kFirstWord);  // lower-cased
  EXPECT_LT(words[2], DenseNet::kFirstWord);  // an unknown-word id
}

}  // namespace
}  // namespace dyad::analyze
