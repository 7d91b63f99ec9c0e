// The stacked ("guided") parser (parser.h): the guide parse in the parser's
// word order, the guide features being read (a wrong guide parse gives
// another parse than the right one), the guide embedded in the model file
// and old files loading as before, the jackknife folds that make the
// training sentences' guide parses, and the trainer's checks; on a small
// treebank written for this test.
#include <gtest/gtest.h>

#include <iterator>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "analyze/analyzer.h"
#include "analyze/gold_tags_test_util.h"
#include "analyze/parser.h"
#include "analyze/relabeler.h"
#include "analyze/train.h"

namespace dyad::analyze {
namespace {

const char kTreebank[] =
    "1\tFarmers\tfarmer\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
    "2\tblocked\tblock\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_\n"
    "4\troad\troad\tNOUN\tNN\t_\t2\tobj\t_\t_\n"
    "5\tnear\tnear\tADP\tIN\t_\t7\tcase\t_\t_\n"
    "6\tthe\tthe\tDET\tDT\t_\t7\tdet\t_\t_\n"
    "7\tmill\tmill\tNOUN\tNN\t_\t4\tnmod\t_\t_\n"
    "8\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
    "\n"
    "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n"
    "2\tmayor\tmayor\tNOUN\tNN\t_\t3\tnsubj\t_\t_\n"
    "3\topened\topen\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "4\ta\ta\tDET\tDT\t_\t5\tdet\t_\t_\n"
    "5\tclinic\tclinic\tNOUN\tNN\t_\t3\tobj\t_\t_\n"
    "6\tin\tin\tADP\tIN\t_\t8\tcase\t_\t_\n"
    "7\tthe\tthe\tDET\tDT\t_\t8\tdet\t_\t_\n"
    "8\tvalley\tvalley\tNOUN\tNN\t_\t3\tobl\t_\t_\n"
    "\n"
    "1\tGuards\tguard\tNOUN\tNNS\t_\t3\tnsubj\t_\t_\n"
    "2\thave\thave\tAUX\tVBP\t_\t3\taux\t_\t_\n"
    "3\tleft\tleave\tVERB\tVBN\t_\t0\troot\t_\t_\n"
    "4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_\n"
    "5\tgate\tgate\tNOUN\tNN\t_\t3\tobj\t_\t_\n"
    "\n"
    "1\tHe\the\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n"
    "2\twrote\twrite\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tthat\tthat\tSCONJ\tIN\t_\t5\tmark\t_\t_\n"
    "4\tfarmers\tfarmer\tNOUN\tNNS\t_\t5\tnsubj\t_\t_\n"
    "5\tleft\tleave\tVERB\tVBD\t_\t2\tccomp\t_\t_\n"
    "\n"
    "1\tWorkers\tworker\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
    "2\trepaired\trepair\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\troads\troad\tNOUN\tNNS\t_\t2\tobj\t_\t_\n"
    "4\tand\tand\tCCONJ\tCC\t_\t5\tcc\t_\t_\n"
    "5\tbridges\tbridge\tNOUN\tNNS\t_\t3\tconj\t_\t_\n"
    "\n"
    "1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_\n"
    "2\tnurse\tnurse\tNOUN\tNN\t_\t3\tnsubj\t_\t_\n"
    "3\tcame\tcome\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "4\tfrom\tfrom\tADP\tIN\t_\t6\tcase\t_\t_\n"
    "5\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\t_\n"
    "6\tclinic\tclinic\tNOUN\tNN\t_\t3\tobl\t_\t_\n"
    "\n";

// The gold tree of s as a guide parse.
GuideTree GoldGuide(const text::ConlluSentence& s) {
  GuideTree g;
  for (const auto& w : s.words) {
    g.head.push_back(w.head - 1);
    g.label.push_back(Parser::GuideLabelKey(w.deprel));
  }
  return g;
}

std::string Bytes(const Parser& p) {
  ByteWriter w;
  p.Save(&w);
  return w.data();
}

TEST(GuideView, MapsHeadsToTheParsersOrderWithChildren) {
  // 0 <- 1 (root) -> 3 -> 2, i.e. heads {1, -1, 3, 1}.
  GuideTree g;
  g.head = {1, -1, 3, 1};
  g.label = {10, 11, 12, 13};
  GuideView v;
  v.Build(g, /*reverse=*/false);
  EXPECT_EQ(v.head, (std::vector<int>{1, 4, 3, 1}));  // 4 = the root
  std::vector<int> kids_of_1(v.kids.begin() + v.kid_begin[1], v.kids.begin() + v.kid_begin[2]);
  EXPECT_EQ(kids_of_1, (std::vector<int>{0, 3}));
  EXPECT_EQ(v.kid_begin[5] - v.kid_begin[4], 1);  // the root's one child
  v.Build(g, /*reverse=*/true);
  EXPECT_EQ(v.head, (std::vector<int>{2, 0, 4, 2}));  // word i is word 3 - i (ReverseParse)
  EXPECT_EQ(v.label, (std::vector<std::uint64_t>{13, 12, 11, 10}));
  std::vector<int> kids_of_0(v.kids.begin() + v.kid_begin[0], v.kids.begin() + v.kid_begin[1]);
  EXPECT_EQ(kids_of_0, (std::vector<int>{1}));
}

TEST(GuideLabelKey, ReadsTheBaseRelationOfALiftedLabel) {
  EXPECT_EQ(Parser::GuideLabelKey("obl|obj"), Parser::GuideLabelKey("obl"));
  EXPECT_NE(Parser::GuideLabelKey("obl"), Parser::GuideLabelKey("obj"));
}

TEST(Jackknife, NoFoldParsesASentenceItsParserWasTrainedOn) {
  for (int n : {0, 1, 7, 10}) {
    for (int folds : {2, 4}) {
      std::multiset<int> parsed;
      for (int f = 0; f < folds; ++f) {
        const auto held = JackknifeHeldOut(n, folds, f);
        const auto trained = JackknifeTrainingSentences(n, folds, f);
        const std::set<int> t(trained.begin(), trained.end());
        for (int i : held) EXPECT_EQ(t.count(i), 0u) << "n " << n << " fold " << f << " i " << i;
        EXPECT_EQ(held.size() + trained.size(), static_cast<std::size_t>(n));
        parsed.insert(held.begin(), held.end());
      }
      // Every sentence parsed exactly once.
      EXPECT_EQ(parsed.size(), static_cast<std::size_t>(n));
      for (int i = 0; i < n; ++i) EXPECT_EQ(parsed.count(i), 1u);
    }
  }
}

class StackedParserTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(ToyTagger(kTreebank, 10, &treebank_, &tagger_, &morph_));
    TrainOptions o;
    o.epochs = 20;
    o.non_monotonic = true;
    o.right_to_left = true;
    auto guide = std::make_shared<Parser>();
    ASSERT_TRUE(TrainParser(treebank_, tagger_, o, guide.get()).ok());
    guide_ = guide;
    // Gold trees as the training guide parses, so that the model learns to
    // follow its guide (real training uses jackknifed guide parses).
    for (const auto& s : treebank_) guides_.push_back(GoldGuide(s));
    o.right_to_left = false;
    o.guide = guide_;
    o.guides = &guides_;
    ASSERT_TRUE(TrainParser(treebank_, tagger_, o, &guided_).ok());
  }
  std::vector<text::ConlluSentence> treebank_;
  Tagger tagger_;
  Morphology morph_;
  std::shared_ptr<const Parser> guide_;
  std::vector<GuideTree> guides_;
  Parser guided_;
};

// The guide features are read: the same sentence with the right guide parse
// and with a wrong one (every word on the last) gives different parses, and
// the right guide's parse is the guide's tree.
TEST_F(StackedParserTest, FollowsTheGuideParse) {
  ASSERT_TRUE(guided_.guided());
  ASSERT_EQ(guided_.guide(), guide_.get());
  // An invented sentence: not in the treebank.
  text::ConlluSentence s = treebank_[1];
  const std::vector<std::string> forms = {"A", "mayor", "repaired", "the", "gate",
                                          "in", "the", "valley"};
  const std::vector<int> heads = {2, 3, 0, 5, 3, 8, 8, 3};
  const std::vector<std::string> rels = {"det", "nsubj", "root", "det",
                                         "obj", "case", "det", "obl"};
  for (std::size_t i = 0; i < s.words.size(); ++i) {
    s.words[i].form = forms[i];
    s.words[i].head = heads[i];
    s.words[i].deprel = rels[i];
  }
  std::vector<WordInfo> info;
  std::vector<std::uint64_t> keys;
  GoldTagged(tagger_, s, &info, &keys);
  ASSERT_EQ(keys.size(), s.words.size());
  const GuideTree right = GoldGuide(s);
  GuideTree wrong = right;
  const int n = static_cast<int>(wrong.head.size());
  for (int i = 0; i < n - 1; ++i) wrong.head[i] = n - 1;
  wrong.head[n - 1] = -1;
  std::vector<int> h_right, l_right, h_wrong, l_wrong;
  guided_.ParseWithGuide(info, keys, right, &h_right, &l_right);
  guided_.ParseWithGuide(info, keys, wrong, &h_wrong, &l_wrong);
  EXPECT_NE(h_right, h_wrong);
  for (int i = 0; i < n; ++i) {
    EXPECT_EQ(h_right[i], right.head[i]) << "word " << i;
    EXPECT_EQ(guided_.label(l_right[i]), s.words[i].deprel) << "word " << i;
  }
  // Parse() runs the embedded guide first: the same as its parse as guide.
  GuideTree own;
  guide_->GuideParse(info, keys, &own);
  std::vector<int> h_own, l_own, h, l;
  guided_.ParseWithGuide(info, keys, own, &h_own, &l_own);
  guided_.Parse(info, keys, &h, &l);
  EXPECT_EQ(h, h_own);
  EXPECT_EQ(l, l_own);
}

// The model file records the guide (flag 4) and embeds it; an unguided
// parser's file ends with its system flags as before.
TEST_F(StackedParserTest, GuideIsEmbeddedInTheModelFile) {
  const std::string bytes = Bytes(guided_);
  ByteReader r(bytes);
  Parser loaded;
  ASSERT_TRUE(loaded.Load(&r));
  ASSERT_TRUE(loaded.guided());
  EXPECT_TRUE(loaded.guide()->right_to_left());
  EXPECT_FALSE(loaded.guide()->guided());
  EXPECT_EQ(Bytes(loaded), bytes);
  EXPECT_EQ(Bytes(*loaded.guide()), Bytes(*guide_));
  for (const auto& s : treebank_) {
    std::vector<int> h1, l1, h2, l2;
    ParseWithGoldTags(tagger_, guided_, s, &h1, &l1);
    ParseWithGoldTags(tagger_, loaded, s, &h2, &l2);
    EXPECT_EQ(h1, h2);
    EXPECT_EQ(l1, l2);
  }
  // The guide's own file: right to left, non-monotonic, nothing after the flags.
  const std::string g = Bytes(*guide_);
  EXPECT_EQ(static_cast<unsigned char>(g.back()), 3);
  // A truncated guide is refused.
  std::string cut = bytes.substr(0, bytes.size() - 3);
  ByteReader rc(cut);
  Parser refused;
  EXPECT_FALSE(refused.Load(&rc) && rc.ok());
}

TEST_F(StackedParserTest, GuidedAndUnguidedParsersAreNotAveraged) {
  Parser mean;
  EXPECT_FALSE(MeanParser({guided_, *guide_}, &mean).ok());
  ASSERT_TRUE(MeanParser({guided_, guided_}, &mean).ok());
  EXPECT_TRUE(mean.guided());
  // The same weights under another guide (one more training epoch) are refused:
  // the mean would keep the first file's guide for both.
  TrainOptions o;
  o.epochs = 21;
  o.non_monotonic = true;
  o.right_to_left = true;
  Parser other_guide;
  ASSERT_TRUE(TrainParser(treebank_, tagger_, o, &other_guide).ok());
  ASSERT_NE(Bytes(other_guide), Bytes(*guide_));
  Parser reguided = guided_;
  ByteWriter w;
  guided_.Save(&w);
  std::string bytes = w.data();
  const std::string old_guide = Bytes(*guide_);
  ASSERT_EQ(bytes.substr(bytes.size() - old_guide.size()), old_guide);
  bytes = bytes.substr(0, bytes.size() - old_guide.size()) + Bytes(other_guide);
  ByteReader r(bytes);
  ASSERT_TRUE(reguided.Load(&r));
  ASSERT_EQ(Bytes(*reguided.guide()), Bytes(other_guide));
  Status s = MeanParser({guided_, reguided}, &mean);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.ToString().find("parser 2 of 2 differs from the first in its guide parser"),
            std::string::npos)
      << s.ToString();
}

// A guided file whose guide is itself guided is refused when read, before
// the inner guide is loaded (a crafted file of nested guides could otherwise
// recurse without bound).
TEST_F(StackedParserTest, NestedGuidesAreRefusedWhenLoading) {
  const std::string outer = Bytes(guided_);
  const std::string guide = Bytes(*guide_);
  ASSERT_EQ(outer.substr(outer.size() - guide.size()), guide);
  // The guided file with its own bytes as the guide: flag 4 inside flag 4.
  const std::string nested = outer.substr(0, outer.size() - guide.size()) + outer;
  ByteReader r(nested);
  Parser p;
  EXPECT_FALSE(p.Load(&r));
  // 200,000 minimal guided parsers (one label, no weights, flags 4, width 1),
  // each the guide of the one before, then an unguided one: refused at the
  // second level. (Loading them all before refusing overflowed the stack.)
  ByteWriter one;
  one.Strings({"dep"});
  one.Varint(0);  // root label
  one.Varint(0);  // fallback label
  one.Varint(4);  // classes: shift, reduce, one left and one right arc
  one.Pod(1.0f);  // weight scale
  one.Varint(0);  // no features
  const std::string unguided = one.data();
  one.Varint(4);  // system flags: guided
  one.Varint(1);  // width
  std::string deep;
  for (int i = 0; i < 200000; ++i) deep += one.data();
  deep += unguided;
  ByteReader rd(deep);
  Parser q;
  EXPECT_FALSE(q.Load(&rd));
  // One level of the same bytes is a valid guided parser.
  const std::string shallow = one.data() + unguided;
  ByteReader rs(shallow);
  ASSERT_TRUE(q.Load(&rs));
  EXPECT_TRUE(q.guided());
}

// A guide parse of the wrong length is not read: the parse is that of an
// empty guide, and nothing is read out of bounds (checked under ASan).
TEST_F(StackedParserTest, GuideOfTheWrongLengthIsNotRead) {
  const auto& s = treebank_[0];
  std::vector<WordInfo> info;
  std::vector<std::uint64_t> keys;
  GoldTagged(tagger_, s, &info, &keys);
  GuideTree longer = GoldGuide(s);
  longer.head.push_back(0);
  longer.label.push_back(longer.label.front());
  GuideTree empty;
  std::vector<int> h1, l1, h2, l2;
  guided_.ParseWithGuide(info, keys, longer, &h1, &l1);
  guided_.ParseWithGuide(info, keys, empty, &h2, &l2);
  EXPECT_EQ(h1, h2);
  EXPECT_EQ(l1, l2);
  EXPECT_EQ(h1.size(), s.words.size());
}

TEST_F(StackedParserTest, TrainingNeedsOneGuideParsePerSentence) {
  TrainOptions o;
  o.epochs = 1;
  o.guide = guide_;
  Parser p;
  EXPECT_FALSE(TrainParser(treebank_, tagger_, o, &p).ok());  // no guide parses
  std::vector<GuideTree> short_list(guides_.begin(), guides_.end() - 1);
  o.guides = &short_list;
  EXPECT_FALSE(TrainParser(treebank_, tagger_, o, &p).ok());
  std::vector<GuideTree> bad = guides_;
  bad[2].head.pop_back();
  bad[2].label.pop_back();
  o.guides = &bad;
  EXPECT_FALSE(TrainParser(treebank_, tagger_, o, &p).ok());
  // A guided guide is refused.
  o.guides = &guides_;
  o.guide = std::make_shared<Parser>(guided_);
  EXPECT_FALSE(TrainParser(treebank_, tagger_, o, &p).ok());
}

// The jackknifed guide parses of the command's path: every sentence parsed,
// each by a guide trained without it (JackknifeParses' folds, above).
TEST_F(StackedParserTest, JackknifedGuideParsesCoverEverySentence) {
  TrainOptions o;
  o.epochs = 5;
  o.non_monotonic = true;
  o.right_to_left = true;
  std::vector<PredictedTree> parses;
  ASSERT_TRUE(JackknifeParses(treebank_, tagger_, 3, 0.0f, o, &parses, /*threads=*/1).ok());
  ASSERT_EQ(parses.size(), treebank_.size());
  for (std::size_t i = 0; i < parses.size(); ++i) {
    EXPECT_EQ(parses[i].head.size(), treebank_[i].words.size());
    int roots = 0;
    for (int h : parses[i].head) roots += h < 0;
    EXPECT_EQ(roots, 1);
  }
}

// A lite parser (the cheap guide): 22 keys per decision instead of 78,
// recorded in the file (flag 8), and it still learns the toy treebank; a
// lite guide's stacked parser embeds it with the flag.
TEST_F(StackedParserTest, LiteParserUsesFewerTemplatesAndRecordsThem) {
  TrainOptions o;
  o.epochs = 20;
  o.non_monotonic = true;
  o.right_to_left = true;
  o.lite = true;
  auto lite = std::make_shared<Parser>();
  ASSERT_TRUE(TrainParser(treebank_, tagger_, o, lite.get()).ok());
  EXPECT_TRUE(lite->lite());
  EXPECT_FALSE(guide_->lite());
  const std::string bytes = Bytes(*lite);
  EXPECT_EQ(static_cast<unsigned char>(bytes.back()), 1 | 2 | 8);
  ByteReader r(bytes);
  Parser loaded;
  ASSERT_TRUE(loaded.Load(&r));
  EXPECT_TRUE(loaded.lite());
  EXPECT_LT(lite->model().num_features(), guide_->model().num_features());
  int right = 0, words = 0;
  for (const auto& s : treebank_) {
    std::vector<int> heads, labels;
    ParseWithGoldTags(tagger_, loaded, s, &heads, &labels);
    for (std::size_t k = 0; k < s.words.size(); ++k) right += heads[k] + 1 == s.words[k].head;
    words += static_cast<int>(s.words.size());
  }
  EXPECT_GE(right * 10, words * 9);  // learns (nearly) all of its training trees
  // The keys of one configuration: the lite set is the full set's templates.
  std::vector<WordInfo> info;
  std::vector<std::uint64_t> keys;
  GoldTagged(tagger_, treebank_[0], &info, &keys);
  ParseState st;
  st.Init(static_cast<int>(info.size()));
  Parser::Apply(&st, Parser::kShift, guide_->num_labels());
  std::uint64_t full[Parser::kMaxFeatures], few[Parser::kMaxFeatures];
  ASSERT_EQ(Parser::Features(st, info, keys, full), 78);
  const int nk = Parser::Features(st, info, keys, few, nullptr, /*lite=*/true);
  ASSERT_EQ(nk, static_cast<int>(std::size(Parser::kLiteTemplates)));
  for (int i = 0; i < nk; ++i) EXPECT_EQ(few[i], full[Parser::kLiteTemplates[i] - 1]);
  // With a guide: the guide features follow.
  GuideView v;
  v.Build(GoldGuide(treebank_[0]), false);
  EXPECT_EQ(Parser::Features(st, info, keys, full, &v), 78 + Parser::kGuideFeatures);
}

}  // namespace
}  // namespace dyad::analyze
