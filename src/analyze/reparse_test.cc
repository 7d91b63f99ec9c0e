// The reparsing ensemble (reparse.h) and its right-to-left members: the
// reversal of sentences and parses and its round trip, the direction kept
// in the model file, a right-to-left parser that parses the reversed words
// and maps the tree back, and the combiner on hand-made trees (majority
// arcs, exactly one root, the maximum spanning tree against brute force, the
// tie rule, the label vote), on a small treebank written for this test.
#include "analyze/reparse.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "analyze/analyzer.h"
#include "analyze/gold_tags_test_util.h"
#include "analyze/train.h"

namespace dyad::analyze {
namespace {

const char kTreebank[] =
    "1\tSoldiers\tsoldier\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
    "2\tguarded\tguard\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_\n"
    "4\tport\tport\tNOUN\tNN\t_\t2\tobj\t_\t_\n"
    "5\tovernight\tovernight\tADV\tRB\t_\t2\tadvmod\t_\t_\n"
    "6\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
    "\n"
    "1\tThe\tthe\tDET\tDT\t_\t3\tdet\t_\t_\n"
    "2\tlocal\tlocal\tADJ\tJJ\t_\t3\tamod\t_\t_\n"
    "3\tcouncil\tcouncil\tNOUN\tNN\t_\t4\tnsubj\t_\t_\n"
    "4\tapproved\tapprove\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "5\tnew\tnew\tADJ\tJJ\t_\t6\tamod\t_\t_\n"
    "6\tschools\tschool\tNOUN\tNNS\t_\t4\tobj\t_\t_\n"
    "\n"
    "1\tWorkers\tworker\tNOUN\tNNS\t_\t3\tnsubj\t_\t_\n"
    "2\thad\thave\tAUX\tVBD\t_\t3\taux\t_\t_\n"
    "3\tstopped\tstop\tVERB\tVBN\t_\t0\troot\t_\t_\n"
    "4\ttrains\ttrain\tNOUN\tNNS\t_\t3\tobj\t_\t_\n"
    "5\tand\tand\tCCONJ\tCC\t_\t6\tcc\t_\t_\n"
    "6\tferries\tferry\tNOUN\tNNS\t_\t4\tconj\t_\t_\n"
    "\n"
    "1\tShe\tshe\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n"
    "2\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tthat\tthat\tSCONJ\tIN\t_\t5\tmark\t_\t_\n"
    "4\tprices\tprice\tNOUN\tNNS\t_\t5\tnsubj\t_\t_\n"
    "5\trose\trise\tVERB\tVBD\t_\t2\tccomp\t_\t_\n"
    "\n"
    "1\tPolice\tpolice\tNOUN\tNNS\t_\t3\tnsubj\t_\t_\n"
    "2\thad\thave\tAUX\tVBD\t_\t3\taux\t_\t_\n"
    "3\tclosed\tclose\tVERB\tVBN\t_\t0\troot\t_\t_\n"
    "4\tbridges\tbridge\tNOUN\tNNS\t_\t3\tobj\t_\t_\n"
    "\n";

// Sentences the parsers never saw (words of the treebank in new orders).
const std::vector<std::vector<std::string>> kUnseen = {
    {"The", "soldiers", "said", "that", "workers", "stopped", "the", "ferries", "."},
    {"Prices", "rose", "and", "the", "council", "approved", "trains", "overnight"},
    {"She", "had", "guarded", "new", "local", "schools", "and", "ports", "."},
};

std::vector<text::ConlluSentence> Treebank() {
  auto tb = text::ParseConllu(kTreebank, "toy");
  EXPECT_TRUE(tb.ok()) << tb.status().ToString();
  return tb.ok() ? *tb : std::vector<text::ConlluSentence>{};
}

TEST(ReversedSentence, MapsWordsAndHeadsAndRoundTrips) {
  const auto tb = Treebank();
  ASSERT_EQ(tb.size(), 5u);
  const auto& s = tb[3];  // She said that prices rose
  const auto r = ReversedSentence(s);
  ASSERT_EQ(r.words.size(), 5u);
  EXPECT_EQ(r.words[0].form, "rose");
  EXPECT_EQ(r.words[4].form, "She");
  for (int i = 0; i < 5; ++i) EXPECT_EQ(r.words[i].id, i + 1);
  // rose -> said (word 2, now 4); said is the root; She -> said.
  EXPECT_EQ(r.words[0].head, 4);
  EXPECT_EQ(r.words[0].deprel, "ccomp");
  EXPECT_EQ(r.words[3].head, 0);
  EXPECT_EQ(r.words[4].head, 4);
  EXPECT_EQ(r.words[2].head, 1);  // that -> rose
  const auto back = ReversedSentence(r);
  ASSERT_EQ(back.words.size(), s.words.size());
  for (std::size_t i = 0; i < s.words.size(); ++i) {
    EXPECT_EQ(back.words[i].form, s.words[i].form);
    EXPECT_EQ(back.words[i].head, s.words[i].head);
    EXPECT_EQ(back.words[i].deprel, s.words[i].deprel);
    EXPECT_EQ(back.words[i].id, s.words[i].id);
  }
}

TEST(ReverseParse, MapsHeadsAndRoundTrips) {
  // 0 <- 1 (root) -> 3 -> 2
  std::vector<int> heads = {1, -1, 3, 1}, labels = {10, 11, 12, 13};
  ReverseParse(&heads, &labels);
  EXPECT_EQ(heads, (std::vector<int>{2, 0, -1, 2}));
  EXPECT_EQ(labels, (std::vector<int>{13, 12, 11, 10}));
  ReverseParse(&heads, &labels);
  EXPECT_EQ(heads, (std::vector<int>{1, -1, 3, 1}));
  EXPECT_EQ(labels, (std::vector<int>{10, 11, 12, 13}));
}

class RightToLeftTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(ToyTagger(kTreebank, 10, &treebank_, &tagger_, &morph_));
    TrainOptions o;
    o.epochs = 30;
    o.non_monotonic = GetParam();
    o.right_to_left = true;
    ASSERT_TRUE(TrainParser(treebank_, tagger_, o, &r2l_).ok());
    o.right_to_left = false;
    ASSERT_TRUE(TrainParser(treebank_, tagger_, o, &l2r_).ok());
  }
  void Prepare(const std::vector<std::string>& forms, std::vector<WordInfo>* info,
               std::vector<std::uint64_t>* keys) const {
    PredictedTagged(tagger_, forms, info, keys);
  }
  std::vector<text::ConlluSentence> treebank_;
  Tagger tagger_;
  Morphology morph_;
  Parser r2l_, l2r_;
};

std::string Bytes(const Parser& p) {
  ByteWriter w;
  p.Save(&w);
  return w.data();
}

TEST_P(RightToLeftTest, ReproducesTrainingTreesInTheOriginalOrder) {
  EXPECT_TRUE(r2l_.right_to_left());
  EXPECT_FALSE(l2r_.right_to_left());
  EXPECT_EQ(r2l_.non_monotonic(), GetParam());
  for (const auto& s : treebank_) {
    std::vector<int> heads, labels;
    ParseWithGoldTags(tagger_, r2l_, s, &heads, &labels);
    ASSERT_EQ(heads.size(), s.words.size());
    for (std::size_t k = 0; k < s.words.size(); ++k) {
      EXPECT_EQ(heads[k] + 1, s.words[k].head) << s.words[0].form << " word " << k;
      EXPECT_EQ(r2l_.label(labels[k]), s.words[k].deprel) << s.words[0].form << " word " << k;
    }
  }
}

// The model file keeps the direction; a left-to-right file is written as
// before (its system flags are 0 or 1, so older readers and files agree).
TEST_P(RightToLeftTest, DirectionIsRecordedInTheModelFile) {
  const std::string r2l = Bytes(r2l_), l2r = Bytes(l2r_);
  EXPECT_EQ(static_cast<unsigned char>(r2l.back()), (GetParam() ? 1 : 0) | 2);
  EXPECT_EQ(static_cast<unsigned char>(l2r.back()), GetParam() ? 1 : 0);
  ByteReader r(r2l);
  Parser loaded;
  ASSERT_TRUE(loaded.Load(&r));
  EXPECT_TRUE(loaded.right_to_left());
  EXPECT_EQ(loaded.non_monotonic(), GetParam());
  EXPECT_EQ(Bytes(loaded), r2l);
  // An unknown flag is refused.
  std::string bad = r2l;
  bad.back() = 4;
  ByteReader rb(bad);
  Parser refused;
  EXPECT_FALSE(refused.Load(&rb));
}

// The right-to-left parser parses the reversed words and maps the tree
// back: the same weights read as a left-to-right model (the direction flag
// cleared in the file) give the reversed trees on the reversed words, for
// greedy and beam decoding.
TEST_P(RightToLeftTest, ParsesTheReversedWordsAndMapsTheTreeBack) {
  std::string bytes = Bytes(r2l_);
  bytes.back() = static_cast<char>(bytes.back() & 1);
  ByteReader r(bytes);
  Parser forward;
  ASSERT_TRUE(forward.Load(&r));
  ASSERT_FALSE(forward.right_to_left());
  for (const auto& forms : kUnseen) {
    std::vector<WordInfo> info;
    std::vector<std::uint64_t> keys;
    Prepare(forms, &info, &keys);
    std::vector<WordInfo> rinfo(info.rbegin(), info.rend());
    std::vector<std::uint64_t> rkeys(keys.rbegin(), keys.rend());
    for (int beam : {0, 3}) {
      std::vector<int> h, l, fh, fl;
      if (beam == 0) {
        r2l_.Parse(info, keys, &h, &l);
        forward.Parse(rinfo, rkeys, &fh, &fl);
      } else {
        r2l_.ParseBeam(info, keys, beam, &h, &l);
        forward.ParseBeam(rinfo, rkeys, beam, &fh, &fl);
      }
      ReverseParse(&fh, &fl);
      EXPECT_EQ(h, fh) << forms[0] << " beam " << beam;
      EXPECT_EQ(l, fl) << forms[0] << " beam " << beam;
      int roots = 0;
      for (int x : h) roots += x < 0;
      EXPECT_EQ(roots, 1);
    }
  }
}

TEST_P(RightToLeftTest, MeanParserRefusesMembersOfOtherDirections) {
  Parser mean;
  Status s = MeanParser({l2r_, r2l_}, &mean);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.ToString().find("--right-to-left"), std::string::npos) << s.ToString();
  ASSERT_TRUE(MeanParser({r2l_, r2l_}, &mean).ok());
  EXPECT_TRUE(mean.right_to_left());
}

// An ensemble of the two directions parses every unseen sentence into a
// tree whose arcs each come from one of the members, labels by name.
TEST_P(RightToLeftTest, EnsembleOfBothDirectionsGivesTreesOfTheirArcs) {
  ParserEnsemble e;
  e.Add(l2r_, 1.0);
  e.Add(r2l_, 1.0);
  for (const auto& forms : kUnseen) {
    std::vector<WordInfo> info;
    std::vector<std::uint64_t> keys;
    Prepare(forms, &info, &keys);
    std::vector<int> h, l, ah, al, bh, bl;
    e.Parse(info, keys, &h, &l);
    l2r_.Parse(info, keys, &ah, &al);
    r2l_.Parse(info, keys, &bh, &bl);
    ASSERT_EQ(h.size(), forms.size());
    int roots = 0;
    for (std::size_t d = 0; d < h.size(); ++d) {
      roots += h[d] < 0;
      const bool from_a = h[d] == ah[d], from_b = h[d] == bh[d];
      EXPECT_TRUE(from_a || from_b) << forms[0] << " word " << d;
      const std::string& name = e.label(l[d]);
      EXPECT_TRUE((from_a && name == l2r_.label(al[d])) || (from_b && name == r2l_.label(bl[d])))
          << forms[0] << " word " << d << " " << name;
    }
    EXPECT_EQ(roots, 1) << forms[0];
  }
}

INSTANTIATE_TEST_SUITE_P(Systems, RightToLeftTest, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "NonMonotonic" : "Monotonic"; });

// The combiner on hand-made trees. Heads are 0-based, -1 = root.
struct Tree {
  std::vector<int> heads, labels;
};

void Combine(const std::vector<Tree>& trees, const std::vector<double>& weights, Tree* out) {
  std::vector<MemberParse> m;
  for (std::size_t k = 0; k < trees.size(); ++k) {
    m.push_back({&trees[k].heads, &trees[k].labels, weights[k]});
  }
  CombineParses(m, &out->heads, &out->labels);
}

TEST(CombineParses, MajorityArcsAndTheirLabels) {
  // Three members over five words; at least two of them agree on every
  // word, not always the same two.
  const std::vector<Tree> t = {
      {{1, -1, 1, 4, 1}, {5, 0, 6, 7, 8}},
      {{1, -1, 3, 4, 1}, {5, 0, 9, 7, 3}},
      {{2, -1, 1, 2, 1}, {4, 0, 6, 2, 3}},
  };
  Tree out;
  Combine(t, {1, 1, 1}, &out);
  EXPECT_EQ(out.heads, (std::vector<int>{1, -1, 1, 4, 1}));
  // Word 3: arc 4 -> 3 proposed by members 0 and 1, both label 7. Word 4:
  // labels 8 (member 0) and 3 (members 1 and 2): 3 wins the vote.
  EXPECT_EQ(out.labels, (std::vector<int>{5, 0, 6, 7, 3}));
}

TEST(CombineParses, AgreeingMembersGiveTheirTree) {
  const Tree a = {{2, 2, -1, 2}, {1, 2, 0, 3}};
  Tree b = a;
  b.labels[3] = 4;
  Tree out;
  Combine({a, b, a}, {1, 1, 1}, &out);
  EXPECT_EQ(out.heads, a.heads);
  EXPECT_EQ(out.labels, a.labels);
}

TEST(CombineParses, ExactlyOneRootWord) {
  // Each member has one root word, the first two word 0, the last two word
  // 2: the best-voted head of both word 0 (2.5 against 1 and 1) and word 2
  // (2 against 1 and 1.5) is the root.
  const std::vector<Tree> t = {
      {{-1, 0, 0}, {0, 1, 1}},
      {{-1, 0, 1}, {0, 1, 2}},
      {{1, 2, -1}, {2, 1, 0}},
      {{2, 2, -1}, {1, 1, 0}},
  };
  Tree out;
  Combine(t, {1, 1.5, 1, 1}, &out);
  // One root: the best tree with word 0 as the root scores 2.5 + 2.5 + 1.5,
  // the best with word 2, 2 + 2 + 1.
  EXPECT_EQ(out.heads, (std::vector<int>{-1, 0, 1}));
  EXPECT_EQ(out.labels, (std::vector<int>{0, 1, 2}));
}

TEST(CombineParses, TieRule) {
  // Two members of equal weight that disagree everywhere but the root: the
  // first one's tree wins, with its labels.
  const Tree a = {{1, -1, 1, 2}, {3, 0, 4, 5}};
  const Tree b = {{3, -1, 3, 1}, {6, 0, 7, 8}};
  Tree out;
  Combine({a, b}, {1, 1}, &out);
  EXPECT_EQ(out.heads, a.heads);
  EXPECT_EQ(out.labels, a.labels);
  Combine({b, a}, {1, 1}, &out);
  EXPECT_EQ(out.heads, b.heads);
  EXPECT_EQ(out.labels, b.labels);
  // The heavier member wins whatever the order.
  Combine({a, b}, {1, 1.5}, &out);
  EXPECT_EQ(out.heads, b.heads);
  // Same arcs, labels tied in votes: the higher-weighted proposer's label,
  // of equal weights the first member's.
  const Tree c = {a.heads, {3, 0, 9, 9}};
  Combine({a, c}, {1, 1}, &out);
  EXPECT_EQ(out.labels, a.labels);
  Combine({a, c}, {1, 2}, &out);
  EXPECT_EQ(out.labels, c.labels);
  // Weighted vote: 1 + 1 beats 1.5.
  Combine({c, a, a}, {1.5, 1, 1}, &out);
  EXPECT_EQ(out.labels, a.labels);
}

// The score of a tree over the members' arcs: the summed weights of the
// members that proposed each of its arcs.
double Score(const std::vector<Tree>& t, const std::vector<double>& w, const std::vector<int>& h) {
  double s = 0;
  for (std::size_t d = 0; d < h.size(); ++d) {
    for (std::size_t k = 0; k < t.size(); ++k) s += t[k].heads[d] == h[d] ? w[k] : 0;
  }
  return s;
}

bool IsTreeWithOneRoot(const std::vector<int>& h) {
  const int n = static_cast<int>(h.size());
  int roots = 0;
  for (int d = 0; d < n; ++d) {
    roots += h[d] < 0;
    int x = d;
    for (int steps = 0; x >= 0; ++steps, x = h[x]) {
      if (steps > n) return false;
    }
  }
  return roots == 1;
}

// Random member trees (with crossing arcs) over up to 7 words: the
// combined tree is a tree with one root, uses proposed arcs only, and
// scores as high as the best such tree found by trying every combination of
// proposed heads.
TEST(CombineParses, MaximumSpanningTreeAgainstBruteForce) {
  std::uint64_t rng = 12345;
  auto next = [&rng](int m) {
    rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int>((rng >> 33) % static_cast<std::uint64_t>(m));
  };
  int cycles_resolved = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const int n = 2 + next(6), members = 2 + next(3);
    std::vector<Tree> t(members);
    std::vector<double> w(members);
    for (int k = 0; k < members; ++k) {
      w[k] = 0.5 + next(4) * 0.5;
      // A random tree: a random order, each word after the first attached
      // to an earlier word of the order.
      std::vector<int> order(n);
      for (int i = 0; i < n; ++i) order[i] = i;
      for (int i = n - 1; i > 0; --i) std::swap(order[i], order[next(i + 1)]);
      t[k].heads.assign(n, -1);
      t[k].labels.assign(n, 0);
      for (int i = 1; i < n; ++i) t[k].heads[order[i]] = order[next(i)];
      for (int i = 0; i < n; ++i) t[k].labels[i] = next(3);
    }
    Tree out;
    Combine(t, w, &out);
    ASSERT_TRUE(IsTreeWithOneRoot(out.heads)) << "trial " << trial;
    for (int d = 0; d < n; ++d) {
      bool proposed = false;
      for (const Tree& x : t) proposed |= x.heads[d] == out.heads[d];
      EXPECT_TRUE(proposed) << "trial " << trial << " word " << d;
    }
    // Brute force over the proposed heads of each word.
    std::vector<std::vector<int>> options(n);
    for (int d = 0; d < n; ++d) {
      for (const Tree& x : t) {
        if (std::find(options[d].begin(), options[d].end(), x.heads[d]) == options[d].end()) {
          options[d].push_back(x.heads[d]);
        }
      }
    }
    double best = -1;
    std::vector<int> h(n);
    std::function<void(int)> search = [&](int d) {
      if (d == n) {
        if (IsTreeWithOneRoot(h)) best = std::max(best, Score(t, w, h));
        return;
      }
      for (int x : options[d]) {
        h[d] = x;
        search(d + 1);
      }
    };
    search(0);
    EXPECT_NEAR(Score(t, w, out.heads), best, 1e-9) << "trial " << trial;
    // Count the cases where the best head of each word alone is no tree.
    std::vector<int> greedy(n);
    for (int d = 0; d < n; ++d) {
      double top = -1;
      for (int x : options[d]) {
        double s = 0;
        for (int k = 0; k < members; ++k) s += t[k].heads[d] == x ? w[k] : 0;
        if (s > top) top = s, greedy[d] = x;
      }
    }
    cycles_resolved += !IsTreeWithOneRoot(greedy);
  }
  EXPECT_GT(cycles_resolved, 20);  // the search did have to repair cycles or roots
}

TEST(SetParserSpec, OneFileOrAWeightedList) {
  AnalyzerOptions o;
  ASSERT_TRUE(SetParserSpec("parser-beam.bin", &o).ok());
  EXPECT_EQ(o.parser_file, "parser-beam.bin");
  EXPECT_TRUE(o.parser_models.empty());
  ASSERT_TRUE(SetParserSpec("parser.bin,dir/parser-r2l.bin:1.5,parser-beam.bin", &o).ok());
  ASSERT_EQ(o.parser_models.size(), 3u);
  EXPECT_EQ(o.parser_models[0].file, "parser.bin");
  EXPECT_EQ(o.parser_models[0].weight, 1.0);
  EXPECT_EQ(o.parser_models[1].file, "dir/parser-r2l.bin");
  EXPECT_EQ(o.parser_models[1].weight, 1.5);
  EXPECT_EQ(o.parser_models[2].file, "parser-beam.bin");
  for (const char* bad : {"", "a.bin,", "a.bin:x,b.bin", "a.bin:0,b.bin", "a.bin:-1,b.bin",
                          ",b.bin", "a.bin:,b.bin"}) {
    AnalyzerOptions x;
    Status s = SetParserSpec(bad, &x);
    EXPECT_FALSE(s.ok()) << bad;
  }
}

// A weight must be finite and in (0, 1e6]: an infinite or huge one would
// outvote every other member. The error names the weight, and not the CLI
// flag (the library reaches it from PipelineOptions::parser_model too).
TEST(SetParserSpec, WeightsAreFiniteAndBounded) {
  AnalyzerOptions o;
  ASSERT_TRUE(SetParserSpec("a.bin:1e6,b.bin:0.001", &o).ok());
  ASSERT_EQ(o.parser_models.size(), 2u);
  EXPECT_EQ(o.parser_models[0].weight, 1e6);
  EXPECT_EQ(o.parser_models[1].weight, 0.001);
  for (const char* w : {"inf", "INF", "infinity", "nan", "1e308", "1e400", "1000001"}) {
    AnalyzerOptions x;
    const std::string spec = std::string("a.bin,b.bin:") + w;
    Status s = SetParserSpec(spec, &x);
    ASSERT_FALSE(s.ok()) << spec;
    EXPECT_NE(s.ToString().find(std::string("weight '") + w + "' of b.bin"), std::string::npos)
        << s.ToString();
    EXPECT_NE(s.ToString().find("parser model list '" + spec + "'"), std::string::npos)
        << s.ToString();
    EXPECT_EQ(s.ToString().find("--parser"), std::string::npos) << s.ToString();
    EXPECT_TRUE(x.parser_models.empty());
  }
}

// A ':' inside a directory name belongs to the path: only a ":weight"
// suffix without a '/' after the ':' is a weight.
TEST(SetParserSpec, ColonInAPathIsNoWeight) {
  AnalyzerOptions o;
  ASSERT_TRUE(SetParserSpec("/data/run:1/parser.bin", &o).ok());
  EXPECT_EQ(o.parser_file, "/data/run:1/parser.bin");
  EXPECT_TRUE(o.parser_models.empty());
  ASSERT_TRUE(SetParserSpec("/data/run:1/parser-beam.bin:2,run:2/parser.bin", &o).ok());
  ASSERT_EQ(o.parser_models.size(), 2u);
  EXPECT_EQ(o.parser_models[0].file, "/data/run:1/parser-beam.bin");
  EXPECT_EQ(o.parser_models[0].weight, 2.0);
  EXPECT_EQ(o.parser_models[1].file, "run:2/parser.bin");
  EXPECT_EQ(o.parser_models[1].weight, 1.0);
  // One file with a weight is still a list of one (weights are read as
  // before); a bad weight after a path is still an error.
  ASSERT_TRUE(SetParserSpec("/data/run:1/parser.bin:3", &o).ok());
  ASSERT_EQ(o.parser_models.size(), 1u);
  EXPECT_EQ(o.parser_models[0].file, "/data/run:1/parser.bin");
  EXPECT_EQ(o.parser_models[0].weight, 3.0);
  EXPECT_FALSE(SetParserSpec("/data/run:1/parser.bin:x", &o).ok());
}

// Each variant of the parser, and each of its epoch checkpoints, has its
// own file, so that runs of several variants into one folder keep theirs.
TEST(ParserFileName, OneFilePerVariantAndCheckpoint) {
  EXPECT_EQ(ParserFileName(false, 1), "parser.bin");
  EXPECT_EQ(ParserFileName(false, 8), "parser-beam.bin");
  EXPECT_EQ(ParserFileName(true, 1), "parser-r2l.bin");
  EXPECT_EQ(ParserFileName(true, 8), "parser-r2l-beam.bin");
  EXPECT_EQ(ParserFileName(false, 1, 7), "parser.epoch7.bin");
  EXPECT_EQ(ParserFileName(false, 8, 7), "parser-beam.epoch7.bin");
  EXPECT_EQ(ParserFileName(true, 1, 7), "parser-r2l.epoch7.bin");
  EXPECT_EQ(ParserFileName(true, 8, 12), "parser-r2l-beam.epoch12.bin");
  EXPECT_EQ(ParserFileName(false, 1, 0, true), "parser-guided.bin");
  EXPECT_EQ(ParserFileName(false, 1, 3, true), "parser-guided.epoch3.bin");
  EXPECT_EQ(ParserFileName(false, 1, 0, false, true), "parser-dense.bin");
  EXPECT_EQ(ParserFileName(true, 1, 2, false, true), "parser-r2l-dense.epoch2.bin");
}

}  // namespace
}  // namespace dyad::analyze
