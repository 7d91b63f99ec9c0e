#include "text/segment_eval.h"

#include <gtest/gtest.h>

#include "tests/test_util.h"
#include "text/segmenter.h"

namespace dyad::text {
namespace {

// Two paragraphs, three sentences, one multi-word token. Written for this test.
constexpr char kGold[] =
    "# newdoc id = d1\n"
    "# newpar\n"
    "# text = Aid didn't arrive.\n"
    "1\tAid\taid\tNOUN\tNN\t_\t3\tnsubj\t_\t_\n"
    "2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t_\t_\n"
    "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
    "4\tarrive\tarrive\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
    "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n"
    "\n"
    "# text = Talks failed.\n"
    "1\tTalks\ttalk\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
    "2\tfailed\tfail\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n"
    "3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
    "\n"
    "# newpar\n"
    "# text = New round\n"
    "1\tNew\tnew\tADJ\tJJ\t_\t2\tamod\t_\t_\n"
    "2\tround\tround\tNOUN\tNN\t_\t0\troot\t_\t_\n"
    "\n";

TEST(SegmentEval, RebuildsTheRawText) {
  auto gold = ParseConllu(kGold);
  ASSERT_TRUE(gold.ok()) << gold.status().ToString();
  RawText raw = BuildRawText(*gold);
  EXPECT_EQ(raw.text, "Aid didn't arrive. Talks failed.\n\nNew round");
  ASSERT_EQ(raw.sentences.size(), 3u);
  EXPECT_EQ(raw.sentences[1].begin, 19u);
  EXPECT_EQ(raw.sentences[1].end, 32u);
}

TEST(SegmentEval, PerfectSystemScoresOneHundred) {
  auto gold = ParseConllu(kGold);
  ASSERT_TRUE(gold.ok());
  auto e = EvaluateSegmenter(*gold);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->tokens.gold, 9u);
  EXPECT_EQ(e->tokens.correct, 9u);
  EXPECT_EQ(e->sentences.correct, 3u);
  EXPECT_EQ(e->words.gold, 10u);
  EXPECT_EQ(e->words.correct, 10u);
  EXPECT_EQ(e->multiwords.gold, 1u);
  EXPECT_DOUBLE_EQ(e->multiwords.F1(), 1.0);
}

TEST(SegmentEval, CountsMissedSplitsAndWrongTokens) {
  auto gold = ParseConllu(kGold);
  ASSERT_TRUE(gold.ok());
  RawText raw = BuildRawText(*gold);
  // A system that misses the first sentence end and does not split
  // "didn't": hand-built sentences over the same text.
  std::vector<Sentence> sys(2);
  auto add = [&](Sentence& s, std::uint32_t b, std::uint32_t e) {
    Token t;
    t.span = {b, e};
    t.form = raw.text.substr(b, e - b);
    s.tokens.push_back(t);
  };
  add(sys[0], 0, 3);    // Aid
  add(sys[0], 4, 10);   // didn't
  add(sys[0], 11, 17);  // arrive
  add(sys[0], 17, 18);  // .
  add(sys[0], 19, 24);  // Talks
  add(sys[0], 25, 31);  // failed
  add(sys[0], 31, 32);  // .
  add(sys[1], 34, 37);  // New
  add(sys[1], 38, 43);  // round
  auto e = ScoreSegmentation(*gold, raw, sys, /*list_errors=*/true);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->tokens.system, 9u);
  EXPECT_EQ(e->tokens.correct, 9u);  // "didn't" is one surface token either way
  EXPECT_EQ(e->sentences.system, 2u);
  EXPECT_EQ(e->sentences.correct, 1u);
  EXPECT_EQ(e->multiwords.system, 0u);
  EXPECT_EQ(e->multiwords.correct, 0u);
  EXPECT_EQ(e->words.system, 9u);
  EXPECT_EQ(e->words.correct, 8u);  // did/n't vs didn't: LCS finds nothing
  ASSERT_EQ(e->boundary_errors.size(), 1u);
  EXPECT_EQ(e->boundary_errors[0], "- Aiddidn'tarrive. || Talksfailed.Newround");
}

TEST(SegmentEval, MismatchedTextIsAnError) {
  auto gold = ParseConllu(kGold);
  ASSERT_TRUE(gold.ok());
  RawText raw = BuildRawText(*gold);
  raw.text[0] = 'B';
  std::vector<Sentence> none;
  EXPECT_FALSE(ScoreSegmentation(*gold, raw, none).ok());
}

TEST(SegmentEval, FormatsTableAndJson) {
  SegmentEval e;
  e.tokens = {10, 10, 9};
  std::string table = FormatSegmentEval(e);
  EXPECT_NE(table.find("Tokens     |     90.00 |     90.00 |     90.00"), std::string::npos);
  std::string json = SegmentEvalJson(e);
  EXPECT_NE(json.find("\"tokens\":{\"gold\":10,\"system\":10,\"correct\":9"), std::string::npos);
}

// The targets of issue 2 on the shared UD test files.
TEST(SegmentEval, SharedTreebankTargets) {
  if (!dyad::testing::SharedDataAvailable()) GTEST_SKIP() << "../shared/data is not there";
  auto ewt = ReadConllu(dyad::testing::SharedData("ud/UD_English-EWT/en_ewt-ud-test.conllu"));
  ASSERT_TRUE(ewt.ok()) << ewt.status().ToString();
  auto e = EvaluateSegmenter(*ewt);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_GE(100 * e->tokens.F1(), 99.0);
  // The issue asks for 90 (90.04 measured); the floor sits a little under
  // it, since a retraining moves the figure by a few tenths
  // (docs/segmentation.md).
  EXPECT_GE(100 * e->sentences.F1(), 89.5);
  auto gum = ReadConllu(dyad::testing::SharedData("ud/GUM/en_gum-ud-test.conllu"));
  ASSERT_TRUE(gum.ok()) << gum.status().ToString();
  auto g = EvaluateSegmenter(*gum);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_GE(100 * g->sentences.F1(), 95.0);
}

}  // namespace
}  // namespace dyad::text
