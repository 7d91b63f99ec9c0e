// The transition system and the dynamic-oracle trainer, on a tiny treebank
// written for this test: a parser trained on it must reproduce its trees,
// including a non-projective one after lifting.
#include "analyze/parser.h"

#include <gtest/gtest.h>

#include "analyze/train.h"
#include "analyze/gold_tags_test_util.h"

namespace dyad::analyze {
namespace {

const char kTreebank[] =
    "1\tPolice\tpolice\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
    "2\tdetained\tdetain\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\ttwo\ttwo\tNUM\tCD\t_\t4\tnummod\t_\t_\n"
    "4\tmen\tman\tNOUN\tNNS\t_\t2\tobj\t_\t_\n"
    "5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
    "\n"
    "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n"
    "2\tminister\tminister\tNOUN\tNN\t_\t3\tnsubj\t_\t_\n"
    "3\turged\turge\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "4\tthem\tthey\tPRON\tPRP\t_\t3\tobj\t_\t_\n"
    "5\tto\tto\tPART\tTO\t_\t6\tmark\t_\t_\n"
    "6\tleave\tleave\tVERB\tVB\t_\t3\txcomp\t_\t_\n"
    "\n"
    "1\tHe\the\tPRON\tPRP\t_\t4\tnsubj:pass\t_\t_\n"
    "2\thas\thave\tAUX\tVBZ\t_\t4\taux\t_\t_\n"
    "3\tbeen\tbe\tAUX\tVBN\t_\t4\taux:pass\t_\t_\n"
    "4\tjailed\tjail\tVERB\tVBN\t_\t0\troot\t_\t_\n"
    "5\tby\tby\tADP\tIN\t_\t6\tcase\t_\t_\n"
    "6\tpolice\tpolice\tNOUN\tNNS\t_\t4\tobl:agent\t_\t_\n"
    "\n"
    // Non-projective: "news came today that he left" (acl:relcl-like arc
    // from "news" to "left" crosses "came -> today").
    "1\tNews\tnews\tNOUN\tNN\t_\t2\tnsubj\t_\t_\n"
    "2\tcame\tcome\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\ttoday\ttoday\tNOUN\tNN\t_\t2\tobl:tmod\t_\t_\n"
    "4\tthat\tthat\tSCONJ\tIN\t_\t6\tmark\t_\t_\n"
    "5\the\the\tPRON\tPRP\t_\t6\tnsubj\t_\t_\n"
    "6\tleft\tleave\tVERB\tVBD\t_\t1\tacl\t_\t_\n"
    "\n";

// Both transition systems: the monotonic one and the one with repairs.
class ParserTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(ToyTagger(kTreebank, 10, &treebank_, &tagger_, &morph_));
    TrainOptions o;
    o.epochs = 30;
    o.non_monotonic = GetParam();
    ASSERT_TRUE(TrainParser(treebank_, tagger_, o, &parser_).ok());
    ASSERT_EQ(parser_.non_monotonic(), GetParam());
  }
  // Parses sentence i with gold tags; returns heads (1-based, 0 = root).
  std::vector<int> Heads(int i, std::vector<std::string>* labels, const Parser* parser = nullptr) {
    return GoldTaggedHeads(tagger_, parser ? *parser : parser_, treebank_[i], labels);
  }
  std::vector<text::ConlluSentence> treebank_;
  Tagger tagger_;
  Morphology morph_;
  Parser parser_;
};

TEST_P(ParserTest, ReproducesProjectiveTrainingTrees) {
  for (int i = 0; i < 3; ++i) {
    std::vector<std::string> labels;
    std::vector<int> heads = Heads(i, &labels);
    for (std::size_t k = 0; k < heads.size(); ++k) {
      EXPECT_EQ(heads[k], treebank_[i].words[k].head) << "sentence " << i << " word " << k;
      EXPECT_EQ(labels[k], treebank_[i].words[k].deprel) << "sentence " << i << " word " << k;
    }
  }
}

TEST_P(ParserTest, NonProjectiveArcIsLiftedAndTreeIsWellFormed) {
  std::vector<std::string> labels;
  std::vector<int> heads = Heads(3, &labels);
  // "left" cannot attach to "News" across "came -> today": lifted to "came".
  EXPECT_EQ(heads[5], 2);
  EXPECT_EQ(labels[5], "acl");
  int roots = 0;
  for (int h : heads) roots += h == 0;
  EXPECT_EQ(roots, 1);
}

// The model file keeps the transition system.
TEST_P(ParserTest, SaveAndLoadKeepTheTransitionSystem) {
  ByteWriter w;
  parser_.Save(&w);
  ByteReader r(w.data());
  Parser loaded;
  ASSERT_TRUE(loaded.Load(&r));
  EXPECT_EQ(loaded.non_monotonic(), GetParam());
  for (int i = 0; i < 4; ++i) {
    std::vector<std::string> a, b;
    EXPECT_EQ(Heads(i, &a), Heads(i, &b, &loaded)) << "sentence " << i;
    EXPECT_EQ(a, b) << "sentence " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(Systems, ParserTest, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "NonMonotonic" : "Monotonic"; });

// The repair transitions on a hand-built configuration of five words.
TEST(ParserTransitions, RepairsReplaceAHeadAndUnshiftAWord) {
  const int nl = 3, kLeft = Parser::kFirstArc, kRight = Parser::kFirstArc + nl;
  ParseState s;
  s.Init(5);
  Parser::Apply(&s, Parser::kShift, nl);  // stack 0
  Parser::Apply(&s, kRight + 1, nl);      // 0 -> 1, stack 0 1
  EXPECT_EQ(s.head[1], 0);
  EXPECT_EQ(s.r1[0], 1);
  // Monotonic: a word with a head cannot take another one.
  EXPECT_FALSE(Parser::Legal(s, kLeft, nl, false));
  ASSERT_TRUE(Parser::Legal(s, kLeft + 2, nl, true));
  Parser::Apply(&s, kLeft + 2, nl);  // 2 -> 1 replaces 0 -> 1
  EXPECT_EQ(s.head[1], 2);
  EXPECT_EQ(s.label[1], 2);
  EXPECT_EQ(s.r1[0], -1);
  EXPECT_EQ(s.nr[0], 0);
  EXPECT_EQ(s.rset[0], 0u);
  EXPECT_EQ(s.l1[2], 1);
  // Stack 0, buffer 2 3 4 ROOT. Shift 2 (headless), then Unshift it.
  Parser::Apply(&s, Parser::kShift, nl);
  EXPECT_FALSE(Parser::Legal(s, Parser::kReduce, nl, false));
  ASSERT_TRUE(Parser::Legal(s, Parser::kReduce, nl, true));
  Parser::Apply(&s, Parser::kReduce, nl);
  EXPECT_EQ(s.stack, std::vector<int>{0});
  EXPECT_EQ(s.B(0), 2);
  EXPECT_EQ(s.B(1), 3);
  EXPECT_EQ(s.loc[2], ParseState::kInBuffer);
  // 2 cannot be shifted again on top of 0: 0 takes it as a right dependent.
  EXPECT_FALSE(Parser::Legal(s, Parser::kShift, nl, true));
  ASSERT_TRUE(Parser::Legal(s, kRight, nl, true));
  Parser::Apply(&s, kRight, nl);
  EXPECT_EQ(s.head[2], 0);
  EXPECT_EQ((std::vector<int>{0, 2}), s.stack);
  EXPECT_EQ(s.B(0), 3);
  // A lone headless word is never unshifted.
  ParseState t;
  t.Init(2);
  Parser::Apply(&t, Parser::kShift, nl);
  EXPECT_FALSE(Parser::Legal(t, Parser::kReduce, nl, true));
}

// Pseudo-projective parsing: when a lifted relation pair ("acl" lifted from
// an "nsubj" head) is frequent enough in training, the parser marks it and
// lowers the word back after parsing, restoring the crossing arc.
TEST(ParserPseudoProjective, FrequentLiftIsUndone) {
  const char* kVariants[][6] = {
      {"Reports", "came", "today", "that", "he", "left"},
      {"Word", "came", "yesterday", "that", "she", "resigned"},
      {"News", "arrived", "today", "that", "they", "won"},
      {"Rumours", "spread", "today", "that", "he", "fled"},
      {"Claims", "emerged", "yesterday", "that", "she", "lied"},
      {"Stories", "circulated", "today", "that", "he", "returned"},
  };
  std::string text;
  // 24 lifts: above the parser's minimum of 20 for keeping a lifted pair.
  for (int copy = 0; copy < 4; ++copy) {
    for (const auto& v : kVariants) {
      text += std::string("1\t") + v[0] + "\t_\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n";
      text += std::string("2\t") + v[1] + "\t_\tVERB\tVBD\t_\t0\troot\t_\t_\n";
      text += std::string("3\t") + v[2] + "\t_\tNOUN\tNN\t_\t2\tobl:tmod\t_\t_\n";
      text += std::string("4\t") + v[3] + "\t_\tSCONJ\tIN\t_\t6\tmark\t_\t_\n";
      text += std::string("5\t") + v[4] + "\t_\tPRON\tPRP\t_\t6\tnsubj\t_\t_\n";
      text += std::string("6\t") + v[5] + "\t_\tVERB\tVBD\t_\t1\tacl\t_\t_\n\n";
    }
  }
  auto tb = text::ParseConllu(text, "toy");
  ASSERT_TRUE(tb.ok()) << tb.status().ToString();
  TrainOptions o;
  o.epochs = 10;
  Tagger tagger;
  Morphology morph;
  ASSERT_TRUE(TrainTagger(*tb, o, &tagger, &morph).ok());
  o.epochs = 30;
  Parser parser;
  ASSERT_TRUE(TrainParser(*tb, tagger, o, &parser).ok());
  bool marked = false;
  for (int l = 0; l < parser.num_labels(); ++l) marked |= parser.label(l) == "acl|nsubj";
  EXPECT_TRUE(marked);

  std::vector<int> heads, labs;
  const auto& s = (*tb)[0];
  ParseWithGoldTags(tagger, parser, s, &heads, &labs);
  ASSERT_EQ(heads.size(), 6u);
  EXPECT_EQ(heads[5], 0);  // "left" -> "Reports" again, across "came -> today"
  EXPECT_EQ(parser.label(labs[5]), "acl");
  for (int i = 0; i < 6; ++i) EXPECT_EQ(heads[i] + 1, s.words[i].head) << "word " << i;
}

}  // namespace
}  // namespace dyad::analyze
