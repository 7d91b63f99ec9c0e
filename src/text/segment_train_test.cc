#include "text/segment_train.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace dyad::text {
namespace {

// `docs` documents of three short sentences each, as CoNLL-U. Written for
// this test.
std::string Corpus(int docs) {
  const char* kSentences[] = {"Aid arrived today .", "Talks failed again .",
                              "Officials met in Geneva ."};
  std::string out;
  for (int d = 0; d < docs; ++d) {
    out += "# newdoc id = d" + std::to_string(d) + "\n# newpar\n";
    for (const char* s : kSentences) {
      std::string text = s;
      text.replace(text.size() - 2, 2, ".");  // no space before the stop
      out += "# text = " + text + "\n";
      int id = 0;
      std::string word;
      std::string rest = std::string(s) + " ";
      for (std::size_t i = 0; i < rest.size(); ++i) {
        if (rest[i] != ' ') {
          word += rest[i];
          continue;
        }
        ++id;
        bool before_stop = i + 2 < rest.size() && rest[i + 1] == '.';
        out += std::to_string(id) + "\t" + word + "\t_\t_\t_\t_\t" + (id == 1 ? "0" : "1") +
               "\t" + (id == 1 ? "root" : "dep") + "\t_\t" +
               (before_stop ? "SpaceAfter=No" : "_") + "\n";
        word.clear();
      }
      out += "\n";
    }
  }
  return out;
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
  for (const EvalScore& f : cv->folds) EXPECT_EQ(f.gold, 6u);  // two documents a fold
  EXPECT_EQ(cv->curve.size(), static_cast<std::size_t>(2 * kBiasSteps + 1));
  EXPECT_EQ(cv->curve[kBiasSteps].gold, 18u);
  // Full stops before capitalized words: every fold learns them.
  EXPECT_DOUBLE_EQ(cv->pooled.F1(), 1.0);
}

// The gate's score of the gap after word i of `text` (a sentence starts at
// word 0).
float GateScore(const SplitModel& model, std::string_view text, std::size_t i) {
  std::vector<RawToken> toks = TokenizeAll(text, 0, static_cast<std::uint32_t>(text.size()));
  if (i + 1 >= toks.size()) return 0;
  SplitState st;
  for (std::size_t j = 0; j <= i; ++j) st.Add(text, toks[j]);
  std::uint32_t feats[kMaxFeatures];
  int k = BaseFeatures(model, text, st, i >= 2 ? &toks[i - 2] : nullptr,
                       i >= 1 ? &toks[i - 1] : nullptr, toks[i],
                       i + 1 < toks.size() ? &toks[i + 1] : nullptr,
                       i + 2 < toks.size() ? &toks[i + 2] : nullptr, feats);
  return SplitScore(model.gate_weights, model.gate_quantized, model.gate_scale, feats, k);
}

TEST(SegmentTrain, GateSettlesClearGapsButNoTrainingExampleWrongly) {
  auto corpus = ParseConllu(Corpus(6));
  ASSERT_TRUE(corpus.ok());
  SplitTrainOptions options;
  options.epochs = 2;
  SplitModel model = TrainSplitModel({*corpus}, options);
  ASSERT_FALSE(model.gate_weights.empty());
  // Here the gate separates its training examples: the cut is just above
  // the highest non-end and gate_end is the lowest end.
  ASSERT_LT(model.gate_cut, model.gate_end);
  const float name = GateScore(model, "Officials met in Geneva.", 2);  // in || Geneva
  const float end = GateScore(model, "Aid arrived today. Talks failed again.", 3);  // today. || Talks
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

TEST(SegmentTrain, CrossValidationNeedsADocumentPerFold) {
  auto corpus = ParseConllu(Corpus(2));
  ASSERT_TRUE(corpus.ok());
  auto cv = CrossValidateSplitModel({*corpus}, SplitTrainOptions{}, {}, 3, false, false);
  EXPECT_FALSE(cv.ok());
}

}  // namespace
}  // namespace dyad::text
