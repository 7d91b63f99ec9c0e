#include "analyze/iob.h"

#include <gtest/gtest.h>

#include "analyze/train.h"

namespace dyad::analyze {
namespace {

TEST(Iob, ParsesUnerAndConllLayoutsAndNormalizes) {
  auto s = ParseIob(
      "# sent_id = x\n1\tAmnesty\tB-ORG\t-\t-\n2\tInternational\tI-ORG\t-\t-\n3\tsaid\tB-O\t-\t-\n\n"
      "Maria I-PER\nLopez I-PER\nvisited O\nPeru I-LOC\nyesterday I-MISC\n",
      "t");
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->size(), 2u);
  EXPECT_EQ((*s)[0].forms[1], "International");
  EXPECT_EQ((*s)[0].labels, (std::vector<std::string>{"B-ORG", "I-ORG", "O"}));
  EXPECT_EQ((*s)[1].labels, (std::vector<std::string>{"B-PER", "I-PER", "O", "B-LOC", "O"}));
}

TEST(Iob, MarksTheFirstSentenceOfEachDocument) {
  auto s = ParseIob("# newdoc id = d1\n# sent_id = d1-1\n1\tHi\tO\n\n# sent_id = d1-2\n1\tYo\tO\n\n"
                    "# newdoc id = d2\n1\tOk\tO\n", "t");
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->size(), 3u);
  EXPECT_TRUE((*s)[0].newdoc);
  EXPECT_FALSE((*s)[1].newdoc);
  EXPECT_TRUE((*s)[2].newdoc);
}

TEST(Iob, DocstartLinesStartDocumentsAndAreNoSentence) {
  auto s = ParseIob("-DOCSTART- O\n\nHi O\n\nYo O\n-DOCSTART- -X- O O\nOk O\n", "t");
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->size(), 3u);
  EXPECT_TRUE((*s)[0].newdoc);
  EXPECT_FALSE((*s)[1].newdoc);
  EXPECT_EQ((*s)[1].forms, (std::vector<std::string>{"Yo"}));
  EXPECT_TRUE((*s)[2].newdoc);
}

TEST(Iob, BioToBilouMarksSingleWordsAndLastWords) {
  std::vector<std::string> l = {"B-PER", "I-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC", "B-ORG"};
  BioToBilou(&l);
  EXPECT_EQ(l, (std::vector<std::string>{"B-PER", "I-PER", "L-PER", "O", "U-LOC", "B-LOC",
                                         "L-LOC", "U-ORG"}));
}

TEST(Iob, KeepNamesOnlyDropsDescriptionsAndPronouns) {
  // re3d's type names map to ours.
  auto s = ParseIob("the B-Organisation\nVarnel I-Organisation\nGuard I-Organisation\n"
                    "told O\nthem B-Person\nabout O\nthe B-Location\nharbour I-Location\n"
                    "of O\nBrisk B-Location\n", "t");
  ASSERT_TRUE(s.ok());
  auto labels = (*s)[0].labels;
  EXPECT_TRUE(KeepNamesOnly((*s)[0].forms, &labels));
  EXPECT_EQ(labels, (std::vector<std::string>{"O", "B-ORG", "I-ORG", "O", "O", "O", "O", "O", "O",
                                              "B-LOC"}));
  // A description around a name: the sentence is left out.
  std::vector<std::string> forms = {"the", "old", "port", "of", "Brisk"};
  std::vector<std::string> desc = {"B-LOC", "I-LOC", "I-LOC", "I-LOC", "I-LOC"};
  EXPECT_FALSE(KeepNamesOnly(forms, &desc));
}

TEST(Iob, Re3dTrainsOnlyFromItsLicensedSources) {
  const std::string r = "/data/ner/re3d/CONLL-format/";
  EXPECT_TRUE(CheckNerTrainingLicence(r + "data-by-source/conll/CENTCOM").ok());
  EXPECT_TRUE(CheckNerTrainingLicence(r + "data-by-source/conll/Wikipedia/doc7.conll").ok());
  EXPECT_TRUE(CheckNerTrainingLicence(r + "data-by-source/conll/UK_Government/").ok());
  auto bbc = CheckNerTrainingLicence(r + "data-by-source/conll/BBC_Online");
  ASSERT_FALSE(bbc.ok());
  EXPECT_NE(bbc.message().find("NonCommercial"), std::string::npos) << bbc.ToString();
  EXPECT_FALSE(
      CheckNerTrainingLicence(r + "data-by-source/conll/Delegation_of_the_European_Union_to_Syria")
          .ok());
  EXPECT_FALSE(CheckNerTrainingLicence(r + "data/train/re3d-train.conll").ok());  // mixed split
  EXPECT_TRUE(CheckNerTrainingLicence("/data/ner/wikigold/wikigold.conll.txt").ok());
}

TEST(Iob, KeepNamesOnlyRejectsMismatchedLists) {
  std::vector<std::string> forms = {"Anna", "Brook"};
  std::vector<std::string> labels = {"B-PER", "I-PER", "O"};
  EXPECT_FALSE(KeepNamesOnly(forms, &labels));
}

TEST(Iob, EntitySpans) {
  auto e = EntitySpans({"B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-ORG"});
  ASSERT_EQ(e.size(), 4u);
  EXPECT_EQ(e[0], (EntitySpan{0, 2, "PER"}));
  EXPECT_EQ(e[1], (EntitySpan{3, 4, "LOC"}));
  EXPECT_EQ(e[2], (EntitySpan{4, 5, "LOC"}));
  EXPECT_EQ(e[3], (EntitySpan{5, 6, "ORG"}));
}

TEST(Iob, RejectsLinesWithoutLabel) {
  EXPECT_FALSE(ParseIob("lonely\n", "t").ok());
}

}  // namespace
}  // namespace dyad::analyze
