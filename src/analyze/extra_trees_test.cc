// Uptraining's extra parser training sentences (ParseExtraTrees,
// TrainParser on the treebank plus them): the reader's checks, each failing
// with the file and the line, the agreement filter, and deterministic
// training. Treebank and extra trees are invented for this test.
#include <string>

#include <gtest/gtest.h>

#include "analyze/gold_tags_test_util.h"
#include "analyze/model_io.h"
#include "analyze/reparse.h"
#include "analyze/train.h"

namespace dyad::analyze {
namespace {

// Replaces the first `from` in *s by `to`.
void Replace(std::string* s, const std::string& from, const std::string& to) {
  const std::size_t at = s->find(from);
  ASSERT_NE(at, std::string::npos) << from;
  s->replace(at, from.size(), to);
}

const char kTreebank[] =
    "1\tGuards\tguard\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
    "2\tstopped\tstop\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tthree\tthree\tNUM\tCD\t_\t4\tnummod\t_\t_\n"
    "4\ttrucks\ttruck\tNOUN\tNNS\t_\t2\tobj\t_\t_\n"
    "5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
    "\n"
    "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n"
    "2\tmayor\tmayor\tNOUN\tNN\t_\t3\tnsubj\t_\t_\n"
    "3\tasked\task\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "4\tthem\tthey\tPRON\tPRP\t_\t3\tobj\t_\t_\n"
    "5\tto\tto\tPART\tTO\t_\t6\tmark\t_\t_\n"
    "6\twait\twait\tVERB\tVB\t_\t3\txcomp\t_\t_\n"
    "\n";

// Two automatic trees, as `dyad train uptrain` writes them: the
// first with all three members agreeing, the second with two.
const char kExtra[] =
    "# sent_id = teacher-1\n"
    "# agree = 3\n"
    "1\tClerks\t_\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
    "2\tasked\t_\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tthree\t_\tNUM\tCD\t_\t4\tnummod\t_\t_\n"
    "4\tguards\t_\tNOUN\tNNS\t_\t2\tobj\t_\t_\n"
    "\n"
    "# sent_id = teacher-2\n"
    "# agree = 2\n"
    "1\tThe\t_\tDET\tDT\t_\t2\tdet\t_\t_\n"
    "2\ttrucks\t_\tNOUN\tNNS\t_\t3\tnsubj\t_\t_\n"
    "3\tstopped\t_\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "4\t.\t_\tPUNCT\t.\t_\t3\tpunct\t_\t_\n"
    "\n";

class ExtraTreesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(ToyTagger(kTreebank, 10, &treebank_, &tagger_, &morph_));
  }
  // The error message of reading `data` as "extra.conllu" (empty if it
  // was accepted).
  std::string Error(const std::string& data, int min_agree = 0) {
    auto r = ParseExtraTrees(data, "extra.conllu", tagger_, min_agree);
    return r.ok() ? std::string() : r.status().ToString();
  }
  std::vector<text::ConlluSentence> treebank_;
  Tagger tagger_;
  Morphology morph_;
};

TEST_F(ExtraTreesTest, ReadsTreesAndFiltersByAgreement) {
  auto all = ParseExtraTrees(kExtra, "extra.conllu", tagger_);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].words[3].form, "guards");
  EXPECT_EQ((*all)[1].words[1].head, 3);
  auto agreed = ParseExtraTrees(kExtra, "extra.conllu", tagger_, 3);
  ASSERT_TRUE(agreed.ok()) << agreed.status().ToString();
  ASSERT_EQ(agreed->size(), 1u);
  EXPECT_EQ((*agreed)[0].sent_id, "teacher-1");
  auto two = ParseExtraTrees(kExtra, "extra.conllu", tagger_, 2);
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(two->size(), 2u);
}

TEST_F(ExtraTreesTest, RejectsBadTreesNamingFileAndLine) {
  std::string bad = kExtra;
  // Line 5: a tag the tagger does not know.
  Replace(&bad, "NUM\tCD", "NUM\tXX");
  std::string e = Error(bad);
  EXPECT_NE(e.find("extra.conllu:5:"), std::string::npos) << e;
  EXPECT_NE(e.find("NUM/XX"), std::string::npos) << e;

  bad = kExtra;
  Replace(&bad, "4\tguards\t_\tNOUN\tNNS\t_\t2", "4\tguards\t_\tNOUN\tNNS\t_\t9");
  e = Error(bad);
  EXPECT_NE(e.find("extra.conllu:6:"), std::string::npos) << e;
  EXPECT_NE(e.find("head 9"), std::string::npos) << e;

  // Two words on the root: reported at the sentence's first word (line 3).
  bad = kExtra;
  Replace(&bad, "1\tClerks\t_\tNOUN\tNNS\t_\t2\tnsubj", "1\tClerks\t_\tNOUN\tNNS\t_\t0\troot");
  e = Error(bad);
  EXPECT_NE(e.find("extra.conllu:3:"), std::string::npos) << e;
  EXPECT_NE(e.find("2 words attached to the root"), std::string::npos) << e;

  // A cycle: "The" <-> "trucks" never reach the root.
  bad = kExtra;
  Replace(&bad, "2\ttrucks\t_\tNOUN\tNNS\t_\t3", "2\ttrucks\t_\tNOUN\tNNS\t_\t1");
  e = Error(bad);
  EXPECT_NE(e.find("extra.conllu:10:"), std::string::npos) << e;
  EXPECT_NE(e.find("cycle"), std::string::npos) << e;

  // A relation "root" on a word that is not the root.
  bad = kExtra;
  Replace(&bad, "3\tthree\t_\tNUM\tCD\t_\t4\tnummod", "3\tthree\t_\tNUM\tCD\t_\t4\troot");
  e = Error(bad);
  EXPECT_NE(e.find("extra.conllu:5:"), std::string::npos) << e;

  // An empty node ("1.1") and a range line before a bad word: its own line (7) is named.
  bad = kExtra;
  Replace(&bad, "2\tasked\t_\tVERB\tVBD\t_\t0\troot\t_\t_\n",
          "1.1\tasked\t_\tVERB\tVBD\t_\t_\t_\t_\t_\n"
          "2\tasked\t_\tVERB\tVBD\t_\t0\troot\t_\t_\n"
          "3-4\tthreeguards\t_\t_\t_\t_\t_\t_\t_\t_\n");
  Replace(&bad, "NUM\tCD", "NUM\tXX");
  e = Error(bad);
  EXPECT_NE(e.find("extra.conllu:7:"), std::string::npos) << e;

  // Malformed CoNLL-U: the reader's own message, with the line.
  e = Error("1\tbroken\tline\n");
  EXPECT_NE(e.find("extra.conllu:1:"), std::string::npos) << e;

  // Filtering by agreement needs the comment.
  std::string no_agree = kExtra;
  no_agree.erase(no_agree.find("# agree = 3\n"), 12);
  EXPECT_TRUE(Error(no_agree).empty());
  e = Error(no_agree, 2);
  EXPECT_NE(e.find("extra.conllu:2:"), std::string::npos) << e;
  EXPECT_NE(e.find("agree"), std::string::npos) << e;

  EXPECT_NE(Error("").find("no sentences"), std::string::npos);
  auto missing = ReadExtraTrees("/nonexistent/extra.conllu", tagger_);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().ToString().find("/nonexistent/extra.conllu"), std::string::npos);
}

// --extra-projective-only's test: a tree with a crossing arc is not
// projective, the others are.
TEST_F(ExtraTreesTest, IsProjectiveTreeFindsCrossingArcs) {
  auto trees = ParseExtraTrees(kExtra, "extra.conllu", tagger_);
  ASSERT_TRUE(trees.ok()) << trees.status().ToString();
  ASSERT_EQ(trees->size(), 2u);
  // Projective, the root word's own dependents on both sides included.
  EXPECT_TRUE(IsProjectiveTree((*trees)[0]));
  EXPECT_TRUE(IsProjectiveTree((*trees)[1]));
  for (const auto& s : treebank_) EXPECT_TRUE(IsProjectiveTree(s));

  std::string crossing = kExtra;
  // "three" hangs on "Clerks" across the root word "asked".
  Replace(&crossing, "3\tthree\t_\tNUM\tCD\t_\t4\tnummod", "3\tthree\t_\tNUM\tCD\t_\t1\tnummod");
  auto crossed = ParseExtraTrees(crossing, "extra.conllu", tagger_);
  ASSERT_TRUE(crossed.ok()) << crossed.status().ToString();
  EXPECT_FALSE(IsProjectiveTree((*crossed)[0]));
  EXPECT_TRUE(IsProjectiveTree((*crossed)[1]));
  // Two arcs crossing away from the root's: "three" -> "." across "stopped" -> "trucks".
  auto b = ParseExtraTrees(
      "1\tGuards\t_\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
      "2\tstopped\t_\tVERB\tVBD\t_\t0\troot\t_\t_\n"
      "3\tthree\t_\tNUM\tCD\t_\t5\tnummod\t_\t_\n"
      "4\ttrucks\t_\tNOUN\tNNS\t_\t2\tobj\t_\t_\n"
      "5\t.\t_\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n",
      "extra.conllu", tagger_);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_FALSE(IsProjectiveTree((*b)[0]));
}

// Training on the treebank plus the extra trees is deterministic given the
// seed, and the extra trees change the model.
TEST_F(ExtraTreesTest, TrainingWithExtraTreesIsDeterministic) {
  auto extra = ParseExtraTrees(kExtra, "extra.conllu", tagger_);
  ASSERT_TRUE(extra.ok());
  std::vector<text::ConlluSentence> data = treebank_;
  data.insert(data.end(), extra->begin(), extra->end());
  auto bytes = [&](const std::vector<text::ConlluSentence>& train, bool non_monotonic) {
    TrainOptions o;
    o.epochs = 8;
    o.seed = 3;
    o.non_monotonic = non_monotonic;
    Parser p;
    EXPECT_TRUE(TrainParser(train, tagger_, o, &p).ok());
    ByteWriter w;
    p.Save(&w);
    return w.data();
  };
  for (bool nm : {false, true}) {
    const auto a = bytes(data, nm), b = bytes(data, nm);
    EXPECT_EQ(a, b) << "non-monotonic " << nm;
    EXPECT_NE(a, bytes(treebank_, nm)) << "non-monotonic " << nm;
  }
}

// ParserEnsemble::Parse's agreement count (the "# agree" of
// `dyad train uptrain`): the members whose own unlabelled tree is the
// combined one.
TEST_F(ExtraTreesTest, EnsembleCountsTheMembersThatAgree) {
  TrainOptions o;
  o.epochs = 8;
  Parser left, right, weak;
  ASSERT_TRUE(TrainParser(treebank_, tagger_, o, &left).ok());
  o.right_to_left = true;
  ASSERT_TRUE(TrainParser(treebank_, tagger_, o, &right).ok());
  o.right_to_left = false;
  o.epochs = 1;
  ASSERT_TRUE(TrainParser({treebank_[1]}, tagger_, o, &weak).ok());
  ParserEnsemble twins;
  twins.Add(left, 1.0);
  twins.Add(left, 1.0);
  ParserEnsemble mixed;
  mixed.Add(left, 1.0);
  mixed.Add(right, 1.0);
  mixed.Add(weak, 1.0);
  bool some_disagree = false;
  for (const char* text : {"Guards asked three trucks to wait .", "The mayor stopped them .",
                           "Three guards stopped the mayor"}) {
    std::vector<std::string> forms;
    for (std::string_view rest = text; !rest.empty();) {
      const std::size_t sp = rest.find(' ');
      forms.emplace_back(rest.substr(0, sp));
      rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
    }
    std::vector<WordInfo> info;
    std::vector<std::uint64_t> keys;
    PredictedTagged(tagger_, forms, &info, &keys);
    std::vector<int> heads, labels, own, own_labels;
    int agree = -1;
    twins.Parse(info, keys, &heads, &labels, &agree);
    EXPECT_EQ(agree, 2) << text;
    mixed.Parse(info, keys, &heads, &labels, &agree);
    int expected = 0;
    for (int k = 0; k < mixed.size(); ++k) {
      mixed.member(k).Parse(info, keys, &own, &own_labels);
      expected += own == heads;
    }
    EXPECT_EQ(agree, expected) << text;
    some_disagree |= agree < 3;
  }
  EXPECT_TRUE(some_disagree);
}

}  // namespace
}  // namespace dyad::analyze
