#include "text/segment_train.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "text/segment_eval.h"
#include "text/sentence_splitter.h"

namespace dyad::text {
namespace {

// One document per entry of `docs`, each a list of sentences whose words
// are separated by spaces, as CoNLL-U (no space before a full stop).
std::string Documents(const std::vector<std::vector<std::string>>& docs) {
  std::string out;
  for (std::size_t d = 0; d < docs.size(); ++d) {
    out += "# newdoc id = d" + std::to_string(d) + "\n# newpar\n";
    for (const std::string& s : docs[d]) {
      std::string text = s;
      for (std::size_t at; (at = text.find(" .")) != std::string::npos;)
        text.erase(at, 1);
      out += "# text = " + text + "\n";
      int id = 0;
      std::string word;
      std::string rest = s + " ";
      for (std::size_t i = 0; i < rest.size(); ++i) {
        if (rest[i] != ' ') {
          word += rest[i];
          continue;
        }
        ++id;
        bool before_stop = i + 2 < rest.size() && rest[i + 1] == '.';
        out += std::to_string(id) + "\t" + word + "\t_\t_\t_\t_\t" +
               (id == 1 ? "0" : "1") + "\t" + (id == 1 ? "root" : "dep") +
               "\t_\t" + (before_stop ? "SpaceAfter=No" : "_") + "\n";
        word.clear();
      }
      out += "\n";
    }
  }
  return out;
}

// `docs` documents of three short sentences each. Written for this test.
std::string Corpus(int docs) {
  return Documents(std::vector<std::vector<std::string>>(
      docs, {"Aid arrived today .", "Talks failed again .",
             "Officials met in Geneva ."}));
}

TEST(SegmentTrain, CrossValidationScoresEverySentenceOnce) {
  auto corpus = ParseConllu(Corpus(6));
  ASSERT_TRUE(corpus.ok()) << corpus.status().ToString();
  SplitTrainOptions options;
  options.epochs = 2;
  auto cv = CrossValidateSplitModel({*corpus}, options, {}, 3, false, true);
  ASSERT_TRUE(cv.ok()) << cv.status().ToString();
  ASSERT_EQ(cv->folds.size(), 3u);
  EXPECT_EQ(cv->pooled.gold, 18u);  // 6 documents x 3 sentences
  for (const EvalScore& f : cv->folds)
    EXPECT_EQ(f.gold, 6u);  // two documents a fold
  EXPECT_EQ(cv->curve.size(), static_cast<std::size_t>(2 * kBiasSteps + 1));
  EXPECT_EQ(cv->curve[kBiasSteps].gold, 18u);
  // Full stops before capitalized words: every fold learns them.
  EXPECT_DOUBLE_EQ(cv->pooled.F1(), 1.0);
}

// The gate's score of the gap after word i of `text` (a sentence starts at
// word 0; `previous`, if any, is the sentence before it).
float GateScore(const SplitModel& model, std::string_view text, std::size_t i,
                std::string_view previous = {}) {
  SplitState st;
  if (!previous.empty()) {
    std::vector<RawToken> prev =
        TokenizeAll(previous, 0, static_cast<std::uint32_t>(previous.size()));
    for (const RawToken& t : prev) st.Add(previous, t);
    st.Reset(prev.back());
  }
  std::vector<RawToken> toks =
      TokenizeAll(text, 0, static_cast<std::uint32_t>(text.size()));
  if (i + 1 >= toks.size()) return 0;
  for (std::size_t j = 0; j <= i; ++j) st.Add(text, toks[j]);
  std::uint32_t feats[kMaxFeatures];
  int k = BaseFeatures(model, text, st, i >= 2 ? &toks[i - 2] : nullptr,
                       i >= 1 ? &toks[i - 1] : nullptr, toks[i],
                       i + 1 < toks.size() ? &toks[i + 1] : nullptr,
                       i + 2 < toks.size() ? &toks[i + 2] : nullptr, feats);
  return SplitScore(model.gate_weights, model.gate_quantized, model.gate_scale,
                    feats, k);
}

TEST(SegmentTrain, GateSettlesClearGapsButNoTrainingExampleWrongly) {
  auto corpus = ParseConllu(Corpus(6));
  ASSERT_TRUE(corpus.ok());
  SplitTrainOptions options;
  options.epochs = 2;
  SplitModel model = TrainSplitModel({*corpus}, options);
  ASSERT_FALSE(model.gate_weights.empty());
  // Here the gate separates its training examples, so it settles every
  // candidate of the training text alone: whatever the full model says
  // (a bias forcing every verdict one way), the split stays perfect.
  for (float bias : {-1e6f, 1e6f}) {
    SplitModel forced = model;
    forced.bias = bias;
    auto e = EvaluateSegmenter(*corpus, &forced);
    ASSERT_TRUE(e.ok());
    EXPECT_DOUBLE_EQ(e->sentences.F1(), 1.0) << bias;
  }
  const float name =
      GateScore(model, "Officials met in Geneva.", 2);  // in || Geneva
  const float end = GateScore(model, "Aid arrived today. Talks failed again.",
                              3);  // today. || Talks
  EXPECT_LT(name, model.gate_end);
  EXPECT_GE(end, model.gate_cut);
  EXPECT_LT(name, end);
  // And the gated model still splits its training text perfectly.
  auto gated = EvaluateSegmenter(*corpus, &model);
  ASSERT_TRUE(gated.ok());
  EXPECT_DOUBLE_EQ(gated->sentences.F1(), 1.0);

  options.gate = false;
  EXPECT_TRUE(TrainSplitModel({*corpus}, options).gate_weights.empty());
}

// The sentences of `text` as the splitter with `model` finds them.
std::vector<std::string> Split(const SplitModel& model, std::string_view text) {
  SentenceSplitter splitter(model);
  std::vector<std::string> out;
  splitter.Run(text, 0, static_cast<std::uint32_t>(text.size()),
               [&](std::span<const RawToken> s) {
                 out.emplace_back(text.substr(s.front().begin,
                                              s.back().end - s.front().begin));
               });
  return out;
}

// Half of the documents run "today. Talks" on as one sentence (say, a
// quoted headline), the other half split there: the gate cannot separate
// these examples, so the gap falls between its cuts and the full model,
// with the pair features, decides it.
TEST(SegmentTrain, GateLeavesWhatItCannotSeparateToTheFullModel) {
  std::vector<std::vector<std::string>> docs;
  for (int d = 0; d < 8; ++d) {
    if (d % 2 == 0) {
      docs.push_back({"Aid arrived today .", "Talks failed again .",
                      "Officials met in Geneva ."});
    } else {
      docs.push_back({"Aid arrived today . Talks failed again .",
                      "Officials met in Geneva ."});
    }
  }
  auto corpus = ParseConllu(Documents(docs));
  ASSERT_TRUE(corpus.ok()) << corpus.status().ToString();
  SplitTrainOptions options;
  options.epochs = 2;
  SplitModel model = TrainSplitModel({*corpus}, options);
  ASSERT_FALSE(model.gate_weights.empty());
  // Not separated: the lowest end is below the highest non-end, and the
  // band between the cuts is not empty.
  EXPECT_LT(model.gate_cut, model.gate_end);
  // The gap in the context it had in training: after a paragraph that
  // ended "Geneva.".
  const std::string first = "Officials met in Geneva.";
  const std::string second = "Aid arrived today. Talks failed again.";
  const float band = GateScore(model, second, 3, first);  // today. || Talks
  EXPECT_GE(band, model.gate_cut);
  EXPECT_LT(band, model.gate_end);
  // "in || Geneva" was never an end: the gate settles it (below the cut).
  EXPECT_LT(GateScore(model, first, 2), model.gate_cut);
  // So the full model's verdict decides "today. || Talks" and only it.
  const std::string text = first + "\n\n" + second;
  SplitModel forced = model;
  forced.bias = 1e6f;
  EXPECT_EQ(Split(forced, text),
            (std::vector<std::string>{first, "Aid arrived today.",
                                      "Talks failed again."}));
  forced.bias = -1e6f;
  EXPECT_EQ(Split(forced, text), (std::vector<std::string>{first, second}));
}

// The gate's training truncates each example to its first kBaseFeatures
// features and the splitter scores the gate on BaseFeatures' output: both
// need Features() to be exactly BaseFeatures then PairFeatures, of the
// declared sizes.
TEST(SegmentTrain, FeaturesAreTheBaseFeaturesThenThePairs) {
  const SplitModel model;
  const std::string text =
      "Talks in Geneva failed. Aid (food) arrived \"today\" at 9 a.m. in Oslo.";
  std::vector<RawToken> toks =
      TokenizeAll(text, 0, static_cast<std::uint32_t>(text.size()));
  ASSERT_GT(toks.size(), 10u);
  SplitState st;
  for (std::size_t i = 0; i < toks.size(); ++i) {
    st.Add(text, toks[i]);
    const RawToken* p2 = i >= 2 ? &toks[i - 2] : nullptr;
    const RawToken* p = i >= 1 ? &toks[i - 1] : nullptr;
    const RawToken* n = i + 1 < toks.size() ? &toks[i + 1] : nullptr;
    const RawToken* nn = i + 2 < toks.size() ? &toks[i + 2] : nullptr;
    std::uint32_t all[kMaxFeatures], base[kMaxFeatures], pairs[kMaxFeatures];
    const int k = Features(model, text, st, p2, p, toks[i], n, nn, all);
    ASSERT_EQ(BaseFeatures(model, text, st, p2, p, toks[i], n, nn, base),
              kBaseFeatures)
        << i;
    ASSERT_EQ(PairFeatures(model, text, st, p2, p, toks[i], n, nn, pairs),
              kMaxFeatures - kBaseFeatures)
        << i;
    ASSERT_EQ(k, kMaxFeatures) << i;
    EXPECT_TRUE(std::equal(base, base + kBaseFeatures, all)) << i;
    EXPECT_TRUE(std::equal(pairs, pairs + (kMaxFeatures - kBaseFeatures),
                           all + kBaseFeatures))
        << i;
  }
}

TEST(SegmentTrain, CrossValidationKeepsEachFoldsAndDevsCurve) {
  auto corpus = ParseConllu(Corpus(6));
  auto dev = ParseConllu(Corpus(1));
  ASSERT_TRUE(corpus.ok() && dev.ok());
  SplitTrainOptions options;
  options.epochs = 2;
  auto cv = CrossValidateSplitModel({*corpus}, options, *dev, 3, false, true);
  ASSERT_TRUE(cv.ok()) << cv.status().ToString();
  ASSERT_EQ(cv->fold_curves.size(), 3u);
  ASSERT_EQ(cv->dev_curves.size(), 3u);
  for (std::size_t i = 0; i < cv->curve.size(); ++i) {
    std::uint64_t gold = 0, correct = 0;
    for (const auto& f : cv->fold_curves) {
      gold += f[i].gold;
      correct += f[i].correct;
    }
    EXPECT_EQ(cv->curve[i].gold, gold) << i;
    EXPECT_EQ(cv->curve[i].correct, correct) << i;
    for (const auto& d : cv->dev_curves) EXPECT_EQ(d[i].gold, 3u) << i;
  }
}

// An invented threshold curve: 1,000 gold and system sentences at every
// step, `base` of them correct, `height` more at the five steps centred on
// `peak`.
std::vector<EvalScore> Curve(int peak, std::uint64_t height,
                             std::uint64_t base = 900) {
  std::vector<EvalScore> curve(2 * kBiasSteps + 1);
  for (int step = -kBiasSteps; step <= kBiasSteps; ++step) {
    EvalScore& p = curve[static_cast<std::size_t>(step + kBiasSteps)];
    p.gold = p.system = 1000;
    p.correct = base + (std::abs(step - peak) <= 2 ? height : 0);
  }
  return curve;
}

std::vector<double> F1s(const std::vector<EvalScore>& curve) {
  std::vector<double> f1;
  for (const EvalScore& p : curve) f1.push_back(p.F1());
  return f1;
}

TEST(SegmentTrain, SmoothedBestStepPrefersABroadOptimumToASpike) {
  EXPECT_EQ(SmoothedBestStep(F1s(Curve(6, 20))), 6);
  EXPECT_EQ(SmoothedBestStep(F1s(Curve(-13, 20))), -13);
  // A single point higher than the plateau loses to it.
  std::vector<double> f1 = F1s(Curve(6, 20));
  f1[static_cast<std::size_t>(-15 + kBiasSteps)] = 0.95;
  EXPECT_EQ(SmoothedBestStep(f1), 6);
  // A flat curve: the lowest step the window fits.
  EXPECT_EQ(SmoothedBestStep(F1s(Curve(0, 0))), -kBiasSteps + 2);
}

TEST(SegmentTrain, PooledThresholdStepWeighsFoldsAndDevBySentences) {
  SplitCrossValidation cv;
  cv.fold_curves = {Curve(10, 30), Curve(-10, 10)};
  // Each fold's model scores dev; together they weigh as one dev set (a
  // peak of 25 at 0), less than fold 0's peak of 30 at +10.
  cv.dev_curves = {Curve(0, 25), Curve(0, 25)};
  EXPECT_EQ(PooledThresholdStep(cv, -1, true), 10);
  EXPECT_EQ(PooledThresholdStep(cv, -1, false), 10);
  // Without fold 0: dev's peak beats fold 1's; without dev, fold 1's.
  EXPECT_EQ(PooledThresholdStep(cv, 0, true), 0);
  EXPECT_EQ(PooledThresholdStep(cv, 0, false), -10);
  EXPECT_EQ(PooledThresholdStep(cv, 1, true), 10);
  // Dev alone, twice as heavy, would have won.
  cv.dev_curves = {Curve(0, 50), Curve(0, 50)};
  EXPECT_EQ(PooledThresholdStep(cv, -1, true), 0);
}

TEST(SegmentTrain, NestedThresholdScoreScoresEachFoldAtAStepChosenWithoutIt) {
  SplitCrossValidation cv;
  cv.fold_curves = {Curve(10, 30), Curve(-10, 10)};
  cv.dev_curves = {Curve(0, 25)};
  // Fold 0 at the step chosen on fold 1 + dev (0): 900 correct; fold 1 at
  // the step chosen on fold 0 + dev (+10): 900 correct. In-sample, the
  // pooled pick (+10) would score 930 + 900.
  EvalScore nested = NestedThresholdScore(cv, true);
  EXPECT_EQ(nested.gold, 2000u);
  EXPECT_EQ(nested.correct, 1800u);
  // Without dev: fold 0 at -10 (900), fold 1 at +10 (900).
  EXPECT_EQ(NestedThresholdScore(cv, false).correct, 1800u);
  // When every set peaks at the same step, nesting changes nothing.
  cv.fold_curves = {Curve(5, 30), Curve(5, 10)};
  cv.dev_curves = {Curve(5, 25)};
  EXPECT_EQ(NestedThresholdScore(cv, true).correct, 930u + 910u);
}

TEST(SegmentTrain, OrthoCountsTellSentenceStartsFromCapitalsInsideSentences) {
  // Invented running text.
  OrthoCounts counts;
  AddOrthoCounts(
      "we met Zelvina at the port, Zelvina said. Meanwhile the rain stopped. "
      "Meanwhile it was late! Zelvina left.\n"
      "Gen. Meanwhile waited\nMeanwhile", &counts);
  const OrthoCounts::Word zelvina = counts.words[HashLower("Zelvina")];
  EXPECT_EQ(zelvina.mid_upper, 2u);    // after "met" and after the comma
  EXPECT_EQ(zelvina.start_upper, 1u);  // after "late!"
  const OrthoCounts::Word meanwhile = counts.words[HashLower("meanwhile")];
  // Not after the abbreviation "Gen." nor across a line break.
  EXPECT_EQ(meanwhile.start_upper, 2u);
  EXPECT_EQ(meanwhile.mid_upper, 0u);
  EXPECT_EQ(counts.words.count(HashLower("the")), 0u);  // lower-case words are not kept
  EXPECT_EQ(counts.tokens, 27u);
}

TEST(SegmentTrain, StarterLexiconHoldsWordsCapitalizedMostlyAtSentenceStarts) {
  auto corpus = ParseConllu(Corpus(2));
  ASSERT_TRUE(corpus.ok());
  OrthoCounts counts;
  counts.words[HashLower("meanwhile")] = {.mid_upper = 0, .start_upper = 3};
  counts.words[HashLower("zelvina")] = {.mid_upper = 4, .start_upper = 3};    // a name
  counts.words[HashLower("however")] = {.mid_upper = 0, .start_upper = 1};  // seen once
  SplitTrainOptions options;
  options.epochs = 1;
  EXPECT_TRUE(TrainSplitModel({*corpus}, options).starter_words.empty());
  options.ortho = &counts;
  SplitModel model = TrainSplitModel({*corpus}, options);
  EXPECT_TRUE(InLexicon(model.starter_words, HashLower("Meanwhile")));
  EXPECT_FALSE(InLexicon(model.starter_words, HashLower("Zelvina")));
  EXPECT_FALSE(InLexicon(model.starter_words, HashLower("However")));
  EXPECT_EQ(model.starter_words.size(), (std::size_t{1} << kLexiconBits) / 64);
}

TEST(SegmentTrain, CrossValidationNeedsADocumentPerFold) {
  auto corpus = ParseConllu(Corpus(2));
  ASSERT_TRUE(corpus.ok());
  auto cv = CrossValidateSplitModel({*corpus}, SplitTrainOptions{}, {}, 3,
                                    false, false);
  EXPECT_FALSE(cv.ok());
}

}  // namespace
}  // namespace dyad::text
