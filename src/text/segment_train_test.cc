#include "text/segment_train.h"

#include <gtest/gtest.h>

#include <string>

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

TEST(SegmentTrain, CrossValidationNeedsADocumentPerFold) {
  auto corpus = ParseConllu(Corpus(2));
  ASSERT_TRUE(corpus.ok());
  auto cv = CrossValidateSplitModel({*corpus}, SplitTrainOptions{}, {}, 3, false, false);
  EXPECT_FALSE(cv.ok());
}

}  // namespace
}  // namespace dyad::text
