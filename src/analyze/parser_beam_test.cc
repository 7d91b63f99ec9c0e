// Beam-search decoding and global (max-violation) training of the parser,
// for both transition systems, on a small treebank written for this test:
// a beam of 1 decides exactly as the greedy parser; beam output is a
// well-formed tree; global training learns the treebank, records its width,
// is deterministic given the seed, and can start from a trained parser.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "analyze/parser.h"
#include "analyze/train.h"
#include "analyze/gold_tags_test_util.h"

namespace dyad::analyze {
namespace {

const char kTreebank[] =
    "1\tGuards\tguard\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
    "2\tclosed\tclose\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_\n"
    "4\tcrossing\tcrossing\tNOUN\tNN\t_\t2\tobj\t_\t_\n"
    "5\tat\tat\tADP\tIN\t_\t6\tcase\t_\t_\n"
    "6\tdawn\tdawn\tNOUN\tNN\t_\t2\tobl\t_\t_\n"
    "7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
    "\n"
    "1\tThe\tthe\tDET\tDT\t_\t3\tdet\t_\t_\n"
    "2\tnew\tnew\tADJ\tJJ\t_\t3\tamod\t_\t_\n"
    "3\tmayor\tmayor\tNOUN\tNN\t_\t4\tnsubj\t_\t_\n"
    "4\tpromised\tpromise\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "5\tcheaper\tcheap\tADJ\tJJR\t_\t6\tamod\t_\t_\n"
    "6\tbuses\tbus\tNOUN\tNNS\t_\t4\tobj\t_\t_\n"
    "\n"
    "1\tFarmers\tfarmer\tNOUN\tNNS\t_\t3\tnsubj\t_\t_\n"
    "2\thave\thave\tAUX\tVBP\t_\t3\taux\t_\t_\n"
    "3\tblocked\tblock\tVERB\tVBN\t_\t0\troot\t_\t_\n"
    "4\troads\troad\tNOUN\tNNS\t_\t3\tobj\t_\t_\n"
    "5\tand\tand\tCCONJ\tCC\t_\t6\tcc\t_\t_\n"
    "6\tbridges\tbridge\tNOUN\tNNS\t_\t4\tconj\t_\t_\n"
    "\n"
    "1\tShe\tshe\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n"
    "2\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tthat\tthat\tSCONJ\tIN\t_\t5\tmark\t_\t_\n"
    "4\tnurses\tnurse\tNOUN\tNNS\t_\t5\tnsubj\t_\t_\n"
    "5\tstruck\tstrike\tVERB\tVBD\t_\t2\tccomp\t_\t_\n"
    "6\ton\ton\tADP\tIN\t_\t7\tcase\t_\t_\n"
    "7\tTuesday\tTuesday\tPROPN\tNNP\t_\t5\tobl\t_\t_\n"
    "\n"
    "1\tTwo\ttwo\tNUM\tCD\t_\t2\tnummod\t_\t_\n"
    "2\tships\tship\tNOUN\tNNS\t_\t3\tnsubj\t_\t_\n"
    "3\tsailed\tsail\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "4\tfrom\tfrom\tADP\tIN\t_\t5\tcase\t_\t_\n"
    "5\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\t_\n"
    "6\tport\tport\tNOUN\tNN\t_\t3\tobl\t_\t_\n"
    "7\tof\tof\tADP\tIN\t_\t8\tcase\t_\t_\n"
    "8\tVarn\tVarn\tPROPN\tNNP\t_\t6\tnmod\t_\t_\n"
    "\n";

// Sentences the parser has not seen (words and orders), for decoding.
const std::vector<std::vector<std::string>> kUnseen = {
    {"Nurses", "closed", "the", "port", "on", "Tuesday", "."},
    {"The", "farmers", "said", "that", "guards", "blocked", "cheaper", "roads"},
    {"Bridges", "and", "ships", "sailed", "at", "dawn"},
    {"mayor", "the", "of", "struck", "two", "new", "buses", "from", "Varn", "and"},
    {"She"},
    {".", ".", "and", "the", "the"},
};

class BeamTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(ToyTagger(kTreebank, 10, &treebank_, &tagger_, &morph_));
  }
  TrainOptions Options(int beam, int epochs, std::uint64_t seed = 1) const {
    TrainOptions o;
    o.epochs = epochs;
    o.seed = seed;
    o.beam = beam;
    o.non_monotonic = GetParam();
    return o;
  }
  void Prepare(const std::vector<std::string>& forms, std::vector<WordInfo>* info,
               std::vector<std::uint64_t>* keys) const {
    PredictedTagged(tagger_, forms, info, keys);
  }
  // Parses every unseen sentence with `a` and `b` (width 0: Parse(), else
  // ParseBeam() with that width), expects the same trees, and returns the
  // number of words compared.
  int ExpectSameParses(const Parser& a, int beam_a, const Parser& b, int beam_b) const {
    int words = 0;
    for (const auto& forms : kUnseen) {
      std::vector<WordInfo> info;
      std::vector<std::uint64_t> keys;
      Prepare(forms, &info, &keys);
      std::vector<int> ha, la, hb, lb;
      auto parse = [&](const Parser& p, int beam, std::vector<int>* h, std::vector<int>* l) {
        if (beam == 0) {
          p.Parse(info, keys, h, l);
        } else {
          p.ParseBeam(info, keys, beam, h, l);
        }
      };
      parse(a, beam_a, &ha, &la);
      parse(b, beam_b, &hb, &lb);
      EXPECT_EQ(ha, hb) << "first word " << forms[0];
      EXPECT_EQ(la, lb) << "first word " << forms[0];
      words += static_cast<int>(forms.size());
    }
    return words;
  }
  // Every training sentence parsed (gold tags) as in the treebank.
  bool ReproducesTreebank(const Parser& p) const {
    for (const auto& s : treebank_) {
      std::vector<int> heads, labels;
      ParseWithGoldTags(tagger_, p, s, &heads, &labels);
      for (std::size_t k = 0; k < s.words.size(); ++k) {
        if (heads[k] + 1 != s.words[k].head || p.label(labels[k]) != s.words[k].deprel) return false;
      }
    }
    return true;
  }
  std::vector<text::ConlluSentence> treebank_;
  Tagger tagger_;
  Morphology morph_;
};

std::string Bytes(const Parser& p) {
  ByteWriter w;
  p.Save(&w);
  return w.data();
}

// A tree: one root, every head in range, no cycle, plain labels.
void ExpectTree(const Parser& p, const std::vector<int>& heads, const std::vector<int>& labels,
                std::size_t n) {
  ASSERT_EQ(heads.size(), n);
  ASSERT_EQ(labels.size(), n);
  int roots = 0;
  for (std::size_t i = 0; i < n; ++i) {
    ASSERT_GE(heads[i], -1);
    ASSERT_LT(heads[i], static_cast<int>(n));
    ASSERT_NE(heads[i], static_cast<int>(i));
    ASSERT_GE(labels[i], 0);
    ASSERT_LT(labels[i], p.num_labels());
    EXPECT_EQ(p.label(labels[i]).find('|'), std::string::npos);
    if (heads[i] < 0) EXPECT_EQ(p.label(labels[i]), "root") << "word " << i;
    roots += heads[i] < 0;
    int x = static_cast<int>(i);
    for (std::size_t steps = 0; x >= 0; ++steps) {
      ASSERT_LE(steps, n) << "cycle through word " << i;
      x = heads[x];
    }
  }
  EXPECT_EQ(roots, 1);
}

TEST_P(BeamTest, BeamOfOneDecidesAsGreedy) {
  // A weakly trained greedy parser, so that decisions are close and
  // sentences unlike the training ones.
  Parser parser;
  ASSERT_TRUE(TrainParser(treebank_, tagger_, Options(1, 1), &parser).ok());
  ASSERT_EQ(parser.beam_width(), 1);
  EXPECT_GT(ExpectSameParses(parser, 0, parser, 1), 30);
}

TEST_P(BeamTest, BeamOutputIsATree) {
  Parser parser;
  ASSERT_TRUE(TrainParser(treebank_, tagger_, Options(1, 2), &parser).ok());
  for (int k : {2, 4, 8}) {
    for (const auto& forms : kUnseen) {
      std::vector<WordInfo> info;
      std::vector<std::uint64_t> keys;
      Prepare(forms, &info, &keys);
      std::vector<int> heads, labels;
      parser.ParseBeam(info, keys, k, &heads, &labels);
      SCOPED_TRACE("beam " + std::to_string(k) + ", first word " + forms[0]);
      ExpectTree(parser, heads, labels, forms.size());
    }
  }
  std::vector<WordInfo> info;
  std::vector<std::uint64_t> keys;
  std::vector<int> heads{7}, labels{7};
  parser.ParseBeam(info, keys, 4, &heads, &labels);  // no words
  EXPECT_TRUE(heads.empty());
  EXPECT_TRUE(labels.empty());
}

TEST_P(BeamTest, MaxViolationTrainingLearnsTheTreebank) {
  Parser parser;
  ASSERT_TRUE(TrainParser(treebank_, tagger_, Options(4, 15), &parser).ok());
  EXPECT_EQ(parser.beam_width(), 4);
  EXPECT_EQ(parser.non_monotonic(), GetParam());
  EXPECT_TRUE(ReproducesTreebank(parser));
  // The width is kept in the model file, and Parse() decodes with it.
  ByteWriter w;
  parser.Save(&w);
  ByteReader r(w.data());
  Parser loaded;
  ASSERT_TRUE(loaded.Load(&r));
  EXPECT_EQ(loaded.beam_width(), 4);
  EXPECT_EQ(Bytes(loaded), Bytes(parser));
  ExpectSameParses(loaded, 0, parser, 4);
}

TEST_P(BeamTest, GlobalTrainingIsDeterministicGivenTheSeed) {
  Parser a, b, c;
  ASSERT_TRUE(TrainParser(treebank_, tagger_, Options(3, 3, 5), &a).ok());
  ASSERT_TRUE(TrainParser(treebank_, tagger_, Options(3, 3, 5), &b).ok());
  ASSERT_TRUE(TrainParser(treebank_, tagger_, Options(3, 3, 6), &c).ok());
  EXPECT_EQ(Bytes(a), Bytes(b));
  EXPECT_NE(Bytes(a), Bytes(c));  // another sentence order, other updates
}

TEST_P(BeamTest, FineTuningStartsFromTheGivenParser) {
  Parser greedy;
  ASSERT_TRUE(TrainParser(treebank_, tagger_, Options(1, 1), &greedy).ok());
  // No epoch: the result is the starting parser's weights.
  TrainOptions zero = Options(4, 0);
  zero.init = &greedy;
  Parser same;
  ASSERT_TRUE(TrainParser(treebank_, tagger_, zero, &same).ok());
  EXPECT_EQ(same.model().num_features(), greedy.model().num_features());
  ExpectSameParses(same, 4, greedy, 4);
  TrainOptions tune = Options(4, 15);
  tune.init = &greedy;
  Parser tuned;
  ASSERT_TRUE(TrainParser(treebank_, tagger_, tune, &tuned).ok());
  EXPECT_TRUE(ReproducesTreebank(tuned));
  // A parser of the other transition system is refused.
  TrainOptions other = Options(1, 1);
  other.non_monotonic = !GetParam();
  Parser wrong;
  ASSERT_TRUE(TrainParser(treebank_, tagger_, other, &wrong).ok());
  tune.init = &wrong;
  Status s = TrainParser(treebank_, tagger_, tune, &tuned);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.ToString().find("transition system"), std::string::npos) << s.ToString();
}

INSTANTIATE_TEST_SUITE_P(Systems, BeamTest, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "NonMonotonic" : "Monotonic"; });

}  // namespace
}  // namespace dyad::analyze
