// Label constraints of the NER decoder, BIO and BILOU.
#include "analyze/ner.h"

#include <gtest/gtest.h>

#include "analyze/ner_test_util.h"

namespace dyad::analyze {
namespace {

// Decodes with emission scores only (all transitions 0).
std::vector<std::string> Decode(const Ner& ner, const std::vector<std::vector<int>>& em) {
  const int n = static_cast<int>(em.size()), L = ner.num_labels();
  std::vector<int> e, tr(static_cast<std::size_t>(n) * (L + 1) * L, 0), best, back, out;
  for (const auto& row : em) e.insert(e.end(), row.begin(), row.end());
  ner.Decode(n, e.data(), tr.data(), &best, &back, &out);
  std::vector<std::string> labels;
  for (int l : out) labels.push_back(ner.label(l));
  return labels;
}

TEST(Ner, BilouDecodingClosesEveryEntityAndOutputsBio) {
  // Labels sorted as training stores them.
  Ner ner = WithLabels({"B-PER", "I-PER", "L-PER", "O", "U-PER"});
  EXPECT_EQ(ner.label(2), "I-PER");
  EXPECT_EQ(ner.label(4), "B-PER");
  // B- scores best on the last word, but an entity must end with L- or U-.
  EXPECT_EQ(Decode(ner, {{0, 0, 0, 5, 0}, {3, 0, 0, 0, 2}}), (std::vector<std::string>{"O", "B-PER"}));
  // After B-, O is not allowed: B L wins over B O.
  EXPECT_EQ(Decode(ner, {{9, 0, 0, 0, 0}, {0, 0, 1, 4, 0}}),
            (std::vector<std::string>{"B-PER", "I-PER"}));
  EXPECT_FALSE(ner.Allowed(0, 3));
  EXPECT_FALSE(ner.Allowed(-1, 2));
  EXPECT_TRUE(ner.Allowed(2, 4));
}

TEST(Ner, BioDecodingMayEndInsideAnEntity) {
  Ner ner = WithLabels({"B-PER", "I-PER", "O"});
  EXPECT_TRUE(ner.Allowed(1, 2));
  EXPECT_FALSE(ner.Allowed(-1, 1));
  EXPECT_EQ(Decode(ner, {{0, 0, 5}, {3, 0, 0}}), (std::vector<std::string>{"O", "B-PER"}));
  EXPECT_EQ(Decode(ner, {{9, 0, 0}, {0, 1, 0}}), (std::vector<std::string>{"B-PER", "I-PER"}));
}

std::vector<WordInfo> Words(const std::vector<std::string>& forms) {
  std::vector<WordInfo> w(forms.size());
  for (std::size_t i = 0; i < forms.size(); ++i) FillWordInfo(forms[i], &w[i]);
  return w;
}

TEST(NerHistory, MarksWhatCapitalisedWordsWereLabelledEarlier) {
  Ner ner = WithLabels({"B-LOC", "B-PER", "I-PER", "O"});  // types: LOC 0, PER 1
  NerHistory h;
  std::vector<std::uint32_t> marks;
  h.Marks(Words({"Tovar", "met", "Orvane"}), &marks);
  EXPECT_EQ(marks, (std::vector<std::uint32_t>{0, 0, 0}));
  h.Add(Words({"Tovar", "met", "Orvane"}), {0, 3, 1}, ner);  // Tovar LOC, Orvane PER
  h.Add(Words({"Tovar", "left"}), {1, 3}, ner);            // Tovar PER once
  h.Add(Words({"Orvane", "left"}), {1, 3}, ner);
  // Lower-case words are not recorded; a lower-case form finds a capitalised one.
  h.Marks(Words({"orvane", "met", "Tovar", "Quelmar"}), &marks);
  EXPECT_EQ(marks[0], 1u + 3 * 2 + 2);  // PER (type 1 + 1) every time
  EXPECT_EQ(marks[1], 0u);
  EXPECT_EQ(marks[2], 1u + 3 * 1 + 0);  // LOC once and PER once: a tie, no majority
  EXPECT_EQ(marks[3], 0u);
  h.Clear();
  h.Marks(Words({"Orvane"}), &marks);
  EXPECT_EQ(marks[0], 0u);
}

TEST(NerHistory, RemoveTakesBackWhatAddRecorded) {
  Ner ner = WithLabels({"B-LOC", "B-PER", "I-PER", "O"});
  NerHistory h;
  std::vector<std::uint32_t> before, after;
  h.Add(Words({"Tovar", "met", "Orvane"}), {0, 3, 1}, ner);
  h.Marks(Words({"Tovar", "Orvane"}), &before);
  h.Add(Words({"Tovar", "left"}), {1, 3}, ner);
  h.Marks(Words({"Tovar", "Orvane"}), &after);
  EXPECT_NE(after, before);
  h.Remove(Words({"Tovar", "left"}), {1, 3}, ner);
  h.Marks(Words({"Tovar", "Orvane"}), &after);
  EXPECT_EQ(after, before);
  h.Remove(Words({"Tovar", "met", "Orvane"}), {0, 3, 1}, ner);
  EXPECT_TRUE(h.empty());
  h.Remove(Words({"Tovar"}), {0}, ner);  // nothing to take back: no effect
  EXPECT_TRUE(h.empty());
}

TEST(NerHistory, RemoveThenAddKeepsAWordOfAFullHistory) {
  Ner ner = WithLabels({"B-PER", "I-PER", "O"});
  NerHistory h;
  std::vector<WordInfo> filler(NerHistory::kMaxWords - 1);
  for (std::size_t i = 0; i < filler.size(); ++i) {
    FillWordInfo("Xq" + std::to_string(i), &filler[i]);
  }
  h.Add(filler, std::vector<int>(filler.size(), 2), ner);
  h.Add(Words({"Tovar"}), {0}, ner);  // the last word the history has room for
  // "Brellport" comes after the history is full and is not recorded; taking
  // the sentence back and adding it again (as the second pass does) must not
  // give Tovar's place to it.
  const auto sentence = Words({"Brellport", "Tovar"});
  const std::vector<int> labels = {0, 0};
  h.Add(sentence, labels, ner);
  std::vector<std::uint32_t> before, after;
  h.Marks(sentence, &before);
  EXPECT_EQ(before[0], 0u);
  EXPECT_NE(before[1], 0u);
  h.Remove(sentence, labels, ner);
  h.Add(sentence, labels, ner);
  h.Marks(sentence, &after);
  EXPECT_EQ(after, before);
}

TEST(NerHistory, ContextKeysAreTheNeighboursOfOtherOccurrences) {
  const Ner plain = WithLabels({"B-PER", "I-PER", "O"});
  const Ner ner = WithLabels({"B-PER", "I-PER", "O"}, 2);
  EXPECT_TRUE(ner.contexts());
  EXPECT_FALSE(plain.contexts());
  const auto first = Words({"Orvane", "said", "so"}), second = Words({"ask", "Orvane"});
  const auto third = Words({"the", "Orvane", "said"});
  const NerChars none{{}, {0, 0, 0, 0}};  // begin: one entry more than the longest sentence's words
  NerChars keys;
  NerHistory h;
  h.Add(first, {0, 2, 2}, ner);
  h.ContextKeys(third, none, &keys);
  // "Orvane": the sentence start before it and "said" after it; "said" is
  // lower-case and gets none.
  EXPECT_EQ(keys.begin, (std::vector<std::uint32_t>{0, 0, 2, 2}));
  h.Add(second, {2, 0}, ner);
  h.ContextKeys(third, none, &keys);
  EXPECT_EQ(keys.begin, (std::vector<std::uint32_t>{0, 0, 4, 4}));  // + "ask", the end
  h.Remove(second, {2, 0}, ner);
  NerChars after;
  h.ContextKeys(third, none, &after);
  EXPECT_EQ(after.begin, (std::vector<std::uint32_t>{0, 0, 2, 2}));
  // Only a model with the features records them.
  NerHistory p;
  p.Add(first, {0, 2, 2}, plain);
  p.ContextKeys(third, none, &keys);
  EXPECT_EQ(keys.begin, (std::vector<std::uint32_t>{0, 0, 0, 0}));
}

TEST(Ner, UnknownFeatureSetsAreRefused) {
  for (std::uint64_t features : {1, 2, 3, 4, 7, 8, 24, 31}) {
    EXPECT_EQ(WithLabels({"B-PER", "O"}, features).contexts(), (features & 2) != 0);
    EXPECT_EQ(WithLabels({"B-PER", "O"}, features).word_lists(), (features & 4) != 0);
    // Bits 3-4: the number of embedding class granularities.
    EXPECT_EQ(WithLabels({"B-PER", "O"}, features).embedding_levels(),
              static_cast<int>(features >> 3));
  }
  ByteWriter w;
  w.Strings({"B-PER", "O"});
  FlatMap().Save(&w);
  PerceptronTrainer(2).Average(0.0f).Save(&w);
  w.Varint(64);  // bit 5 (32) is the window network (ner_net_test.cc)
  Ner ner;
  ByteReader r(w.data());
  EXPECT_FALSE(ner.Load(&r));
}

TEST(Ner, WordListMarkIsTheSmallestBucketOfEachKind) {
  EXPECT_EQ(Ner::WordListMark(0), 0u);
  EXPECT_EQ(Ner::WordListMark(1), 1u);                   // names, bucket 0
  EXPECT_EQ(Ner::WordListMark(4), 3u);                   // names, bucket 2
  EXPECT_EQ(Ner::WordListMark(6), 2u);                   // names, buckets 1 and 2
  EXPECT_EQ(Ner::WordListMark(2 << 3), 2u << 2);         // upper, bucket 1
  EXPECT_EQ(Ner::WordListMark(1 | (4 << 6)), 1u | (3u << 4));  // names 0, abbreviations 2
}

TEST(Ner, SecondPassSkipsSentencesWithoutMarksAndKeepsTheHistory) {
  Ner ner = WithLabels({"B-PER", "I-PER", "O"});
  NerHistory h;
  const auto first = Words({"Orvane", "left"}), second = Words({"Orvane", "came"});
  std::vector<int> l1 = {0, 2}, l2 = {0, 2};
  h.Add(first, l1, ner);
  // The only mark of the first sentence's words is its own label: no pass.
  std::vector<int> labels = l1;
  EXPECT_FALSE(ner.TagSecondPass(first, {"Orvane", "left"}, {1, 2}, &h, &labels));
  EXPECT_EQ(labels, l1);
  h.Add(second, l2, ner);
  std::vector<std::uint32_t> before, after;
  h.Marks(first, &before);
  // Now the other sentence names Orvane: the sentence is labelled again and
  // the history is as it was.
  EXPECT_TRUE(ner.TagSecondPass(first, {"Orvane", "left"}, {1, 2}, &h, &labels));
  EXPECT_EQ(labels.size(), 2u);
  h.Marks(first, &after);
  EXPECT_EQ(after, before);
}

}  // namespace
}  // namespace dyad::analyze
