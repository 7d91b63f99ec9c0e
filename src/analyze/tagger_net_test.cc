// The tagger's window network (`dyad train tagger --window-net`): stored
// with the tagger, off at weight 0, in charge at a huge weight, and refused
// when it does not fit.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/model_io.h"
#include "analyze/ner_net.h"
#include "analyze/tagger.h"
#include "analyze/train.h"
#include "text/conllu.h"

namespace dyad::analyze {
namespace {

// Invented sentences; "watch" and "rebels" are a noun or a verb by context.
const char kTreebank[] =
    "1\tRebels\trebel\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
    "2\twatch\twatch\tVERB\tVBP\t_\t0\troot\t_\t_\n"
    "3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_\n"
    "4\tconvoy\tconvoy\tNOUN\tNN\t_\t2\tobj\t_\t_\n"
    "5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
    "\n"
    "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n"
    "2\twatch\twatch\tNOUN\tNN\t_\t3\tnsubj\t_\t_\n"
    "3\tstopped\tstop\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "4\tquickly\tquickly\tADV\tRB\t_\t3\tadvmod\t_\t_\n"
    "5\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n"
    "\n"
    "1\tTroops\ttroop\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
    "2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tafter\tafter\tADP\tIN\t_\t5\tcase\t_\t_\n"
    "4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_\n"
    "5\ttruce\ttruce\tNOUN\tNN\t_\t2\tobl\t_\t_\n"
    "\n"
    "1\tThey\tthey\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n"
    "2\twatched\twatch\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tthree\tthree\tNUM\tCD\t_\t4\tnummod\t_\t_\n"
    "4\tcamps\tcamp\tNOUN\tNNS\t_\t2\tobj\t_\t_\n"
    "\n";

WordVectors Vectors() {
  WordVectors v;
  v.dim = 4;
  v.words = {"the", "watch", "rebels", ".", "convoy", "camps"};
  v.values = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0.5f, 0.5f, 0, 0, 0, 0.5f, 0.5f, 0};
  return v;
}

class TaggerNetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto tb = text::ParseConllu(kTreebank, "toy");
    ASSERT_TRUE(tb.ok()) << tb.status().ToString();
    treebank_ = *tb;
    // Each sentence four times, so that the network has something to learn.
    for (int copy = 0; copy < 3; ++copy) {
      for (std::size_t i = 0; i < tb->size(); ++i) treebank_.push_back((*tb)[i]);
    }
    ASSERT_TRUE(Train(&plain_, nullptr));
    ASSERT_TRUE(Train(&with_net_, &vectors_));
    ASSERT_NE(with_net_.net(), nullptr);
  }

  // Trains a tagger, with a window network over `vectors` unless null.
  bool Train(Tagger* t, const WordVectors* vectors, int hidden = 8) {
    TrainOptions o;
    o.epochs = 4;
    o.tagger_net_vectors = vectors;
    o.tagger_net.tag_dim = 2;
    o.tagger_net.affix_dim = 4;
    o.tagger_net.affix_buckets = 64;
    o.tagger_net.hidden = hidden;
    o.tagger_net.epochs = 6;
    o.tagger_net.rate = 0.05f;
    o.tagger_net.weight = 3;
    o.tagger_net_margin = 25;
    Morphology morph;
    return TrainTagger(treebank_, o, t, &morph).ok();
  }

  static std::string Bytes(const Tagger& t) {
    ByteWriter w;
    t.Save(&w);
    return w.data();
  }

  std::vector<int> Tags(const Tagger& t, const std::vector<std::string_view>& forms,
                        std::vector<WordInfo>* info = nullptr) const {
    std::vector<WordInfo> local;
    if (!info) info = &local;
    t.Prepare(forms, info);
    std::vector<int> tags;
    t.Tag(*info, &tags);
    return tags;
  }

  const std::vector<std::string_view> kSentences[3] = {
      {"Rebels", "watch", "the", "camps", "."},
      {"The", "watch", "left", "quickly", "."},
      {"Troops", "watched", "the", "rebels", "after", "the", "truce"}};
  WordVectors vectors_ = Vectors();
  std::vector<text::ConlluSentence> treebank_;
  Tagger plain_, with_net_;
};

TEST_F(TaggerNetTest, IsStoredWithTheTaggerAndLoadsTheSame) {
  const std::string bytes = Bytes(with_net_);
  ByteReader r(bytes);
  Tagger loaded;
  ASSERT_TRUE(loaded.Load(&r));
  ASSERT_NE(loaded.net(), nullptr);
  EXPECT_EQ(loaded.net_margin(), 25.0f);
  EXPECT_EQ(Bytes(loaded), bytes);
  for (const auto& s : kSentences) EXPECT_EQ(Tags(loaded, s), Tags(with_net_, s));
  // A tagger without a network is stored as before it existed.
  EXPECT_LT(Bytes(plain_).size(), bytes.size());
  Tagger copy = with_net_;
  ASSERT_TRUE(copy.set_net(nullptr, 0));
  EXPECT_EQ(Bytes(copy), Bytes(plain_));
}

TEST_F(TaggerNetTest, WeightZeroTagsAsThePerceptronAlone) {
  Tagger off = with_net_;
  off.set_net_weight(0);
  off.set_net_margin(1e9f);  // ignored at weight 0
  for (const auto& s : kSentences) EXPECT_EQ(Tags(off, s), Tags(plain_, s));
}

// At a huge weight and margin the network decides every word that the
// tagger does not know for sure (the first pass consults it everywhere, and
// so does the second pass where it re-tags).
TEST_F(TaggerNetTest, AHugeWeightTakesTheNetworksTags) {
  Tagger net_rules = with_net_;
  net_rules.set_net_weight(1e6f);
  net_rules.set_net_margin(1e9f);
  int decided = 0, differs = 0;
  for (const auto& s : kSentences) {
    std::vector<WordInfo> info;
    const std::vector<int> tags = Tags(net_rules, s, &info);
    const std::vector<int> alone = Tags(plain_, s);
    std::vector<float> lp;
    const int n = static_cast<int>(s.size()), nt = with_net_.num_tags();
    with_net_.net()->LogProbs(info, std::vector<std::uint64_t>(n, 0),
                              std::vector<std::uint32_t>(n, 0), &lp);
    for (int i = 0; i < n; ++i) {
      if (info[i].sure != FlatMap::kMissing) continue;
      int best = 0;
      for (int t = 1; t < nt; ++t) {
        if (lp[i * nt + t] > lp[i * nt + best]) best = t;
      }
      EXPECT_EQ(tags[i], best) << s[i];
      ++decided;
      differs += tags[i] != alone[i];
    }
  }
  EXPECT_GT(decided, 10);
  // The network disagrees with the perceptron somewhere, so the check above
  // tells the two apart.
  EXPECT_GT(differs, 0);
}

TEST_F(TaggerNetTest, RefusesNetworksThatDoNotFit) {
  Tagger t = plain_;
  auto net = std::make_shared<NerNet>(*with_net_.net());
  EXPECT_FALSE(t.set_net(net, -1));
  EXPECT_FALSE(t.set_net(net, std::nanf("")));
  EXPECT_FALSE(t.set_net(net, 2e9f));
  EXPECT_EQ(t.net(), nullptr);
  EXPECT_TRUE(t.set_net(net, 0));
  // A network of other labels.
  NerNetSentence s;
  s.words.resize(2);
  s.tags = {0, 0};
  s.gaz = {0, 0};
  s.gold = {0, 1};
  NerNetOptions o;
  o.hidden = 4;
  auto other = NerNet::Train({s}, vectors_, 2, o);
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  EXPECT_FALSE(t.set_net(std::make_shared<NerNet>(*other), 10));
  // A tagger without a second pass takes no network.
  Tagger one_pass;
  TrainOptions op;
  op.epochs = 2;
  op.two_pass_tagger = false;
  Morphology morph;
  ASSERT_TRUE(TrainTagger(treebank_, op, &one_pass, &morph).ok());
  EXPECT_FALSE(one_pass.set_net(net, 10));
  // Nor does training give it one.
  op.tagger_net_vectors = &vectors_;
  EXPECT_FALSE(TrainTagger(treebank_, op, &one_pass, &morph).ok());
}

TEST_F(TaggerNetTest, RefusesTruncatedFiles) {
  const std::string bytes = Bytes(with_net_);
  const std::size_t plain = Bytes(plain_).size();
  for (std::size_t cut : {plain - 1, plain, plain + 1, plain + 4, bytes.size() / 2 + plain / 2,
                          bytes.size() - 1}) {
    ByteReader r(std::string_view(bytes).substr(0, cut));
    Tagger t;
    EXPECT_FALSE(t.Load(&r)) << cut << " of " << bytes.size();
  }
}

// `dyad train parser --tagger-window-net`: the jackknifed taggers train the
// network too (and are pruned by tagger_prune), deterministically.
TEST_F(TaggerNetTest, JackknifedTaggersTrainTheNetworkDeterministically) {
  TrainOptions o;
  o.epochs = 3;
  o.tagger_net_vectors = &vectors_;
  o.tagger_net.hidden = 8;
  o.tagger_net.epochs = 2;
  o.tagger_prune = 0.5f;
  std::vector<text::ConlluSentence> a = treebank_, b = treebank_;
  ASSERT_TRUE(JackknifeTags(&a, 2, o).ok());
  ASSERT_TRUE(JackknifeTags(&b, 2, o).ok());
  for (std::size_t i = 0; i < a.size(); ++i) {
    for (std::size_t k = 0; k < a[i].words.size(); ++k) {
      EXPECT_EQ(a[i].words[k].xpos, b[i].words[k].xpos) << i << " " << k;
    }
  }
  // A one-pass tagger cannot carry the network, so neither can its folds.
  o.two_pass_tagger = false;
  EXPECT_FALSE(JackknifeTags(&a, 2, o).ok());
}

// The network's trainer once kept a gradient row of `hidden` floats for a
// row of W2 (one per label): fewer hidden units than labels wrote past it.
TEST_F(TaggerNetTest, TrainsWithFewerHiddenUnitsThanTags) {
  Tagger small;
  ASSERT_GT(plain_.num_tags(), 3);
  ASSERT_TRUE(Train(&small, &vectors_, /*hidden=*/2));
  ASSERT_NE(small.net(), nullptr);
  for (const auto& s : kSentences) EXPECT_EQ(Tags(small, s).size(), s.size());
}

}  // namespace
}  // namespace dyad::analyze
