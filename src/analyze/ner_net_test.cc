// NER's window network: learning, determinism, the stored form, and its
// part in Ner's decoding.
#include "analyze/ner_net.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <string>

#include "analyze/features.h"
#include "analyze/ner.h"
#include "analyze/ner_test_util.h"

namespace dyad::analyze {
namespace {

// Labels as a BIO model stores them (sorted).
const std::vector<std::string> kLabels = {"B-LOC", "B-PER", "I-PER", "O"};
constexpr int kBLoc = 0, kBPer = 1, kIPer = 2, kO = 3;

std::vector<WordInfo> Words(const std::vector<std::string>& forms) {
  std::vector<WordInfo> w(forms.size());
  for (std::size_t i = 0; i < forms.size(); ++i) FillWordInfo(forms[i], &w[i]);
  return w;
}

// Every word gets the same tag key but the capitalised ones: the net must
// read the context words to tell a person from a place.
std::vector<std::uint64_t> Tags(const std::vector<std::string>& forms) {
  std::vector<std::uint64_t> t;
  for (const auto& f : forms) t.push_back(HashStr(std::isupper(f[0]) ? "PROPN" : "X"));
  return t;
}

NerNetSentence Sentence(const std::vector<std::string>& forms, const std::vector<int>& gold) {
  NerNetSentence s;
  s.words = Words(forms);
  s.tags = Tags(forms);
  s.gaz.assign(forms.size(), 0);
  s.gold = gold;
  return s;
}

// Made-up names in two frames: "<person> met <person> in <place>" and
// "in <place> , <first> <last> spoke".
std::vector<NerNetSentence> TrainingData() {
  const std::vector<std::string> names = {"Tovar", "Orvane", "Quelmar", "Bresk", "Dallow",
                                          "Fenwir", "Gastel", "Hurn"};
  const std::vector<std::string> places = {"Ptolva", "Marrow", "Sendel", "Vintra", "Krell"};
  std::vector<NerNetSentence> out;
  for (std::size_t i = 0; i < 40; ++i) {
    const std::string& a = names[i % names.size()];
    const std::string& b = names[(i * 3 + 1) % names.size()];
    const std::string& p = places[i % places.size()];
    out.push_back(Sentence({a, "met", b, "in", p, "."}, {kBPer, kO, kBPer, kO, kBLoc, kO}));
    out.push_back(Sentence({"in", p, ",", a, b, "spoke", "."},
                           {kO, kBLoc, kO, kBPer, kIPer, kO, kO}));
  }
  return out;
}

// Small vectors for the function words only (names have none).
WordVectors Vectors() {
  WordVectors v;
  v.dim = 4;
  v.words = {"met", "in", "spoke", ".", ","};
  v.values = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0.5f, 0.5f, 0, 0};
  return v;
}

NerNetOptions SmallOptions(std::uint64_t seed = 1) {
  NerNetOptions o;
  o.tag_dim = 4;
  o.hidden = 16;
  o.epochs = 8;
  o.rate = 0.05f;
  o.seed = seed;
  return o;
}

std::vector<int> Argmax(const NerNet& net, const NerNetSentence& s) {
  std::vector<float> lp;
  net.LogProbs(s.words, s.tags, s.gaz, &lp);
  const int L = net.num_labels();
  std::vector<int> out;
  for (std::size_t i = 0; i < s.words.size(); ++i) {
    out.push_back(static_cast<int>(std::max_element(lp.begin() + i * L, lp.begin() + (i + 1) * L) -
                                   (lp.begin() + i * L)));
  }
  return out;
}

std::string Bytes(const NerNet& net) {
  ByteWriter w;
  net.Save(&w);
  return w.data();
}

TEST(NerNet, LearnsContextsAndLabelsUnseenNamesByThem) {
  auto net = NerNet::Train(TrainingData(), Vectors(), 4, SmallOptions());
  ASSERT_TRUE(net.ok()) << net.status().message();
  EXPECT_EQ(net->vocabulary(), 5);
  // New names in the trained frames: only the context tells PER from LOC.
  auto a = Sentence({"Zorvik", "met", "Quenda", "in", "Amblet", "."}, {});
  EXPECT_EQ(Argmax(*net, a), (std::vector<int>{kBPer, kO, kBPer, kO, kBLoc, kO}));
  auto b = Sentence({"in", "Tarsk", ",", "Wend", "Ossary", "spoke", "."}, {});
  EXPECT_EQ(Argmax(*net, b), (std::vector<int>{kO, kBLoc, kO, kBPer, kIPer, kO, kO}));
  // Log-probabilities: each word's sum to 1.
  std::vector<float> lp;
  net->LogProbs(a.words, a.tags, a.gaz, &lp);
  ASSERT_EQ(lp.size(), a.words.size() * 4);
  for (std::size_t i = 0; i < a.words.size(); ++i) {
    double sum = 0;
    for (int l = 0; l < 4; ++l) sum += std::exp(lp[i * 4 + l]);
    EXPECT_NEAR(sum, 1.0, 1e-4) << "word " << i;
  }
}

TEST(NerNet, TrainingIsDeterministicGivenTheSeed) {
  const auto data = TrainingData();
  auto a = NerNet::Train(data, Vectors(), 4, SmallOptions(7));
  auto b = NerNet::Train(data, Vectors(), 4, SmallOptions(7));
  auto c = NerNet::Train(data, Vectors(), 4, SmallOptions(8));
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(Bytes(*a), Bytes(*b));
  EXPECT_NE(Bytes(*a), Bytes(*c));
}

TEST(NerNet, LoadsWhatItSavedAndLabelsTheSame) {
  const auto data = TrainingData();
  auto net = NerNet::Train(data, Vectors(), 4, SmallOptions());
  ASSERT_TRUE(net.ok());
  const std::string bytes = Bytes(*net);
  NerNet loaded;
  ByteReader r(bytes);
  ASSERT_TRUE(loaded.Load(&r));
  EXPECT_EQ(r.remaining(), 0u);
  EXPECT_EQ(Bytes(loaded), bytes);
  EXPECT_FLOAT_EQ(loaded.weight(), net->weight());
  std::vector<float> x, y;
  for (const auto& s : data) {
    net->LogProbs(s.words, s.tags, s.gaz, &x);
    loaded.LogProbs(s.words, s.tags, s.gaz, &y);
    ASSERT_EQ(x, y);
  }
}

TEST(NerNet, RefusesTruncatedOrInconsistentData) {
  auto net = NerNet::Train(TrainingData(), Vectors(), 4, SmallOptions());
  ASSERT_TRUE(net.ok());
  const std::string bytes = Bytes(*net);
  for (std::size_t n = 0; n < bytes.size(); n += 7) {
    NerNet loaded;
    ByteReader r(std::string_view(bytes).substr(0, n));
    EXPECT_FALSE(loaded.Load(&r)) << "prefix " << n;
    EXPECT_TRUE(loaded.empty());
  }
  // A wrong layout version, and a hidden-unit count that does not match the weights.
  std::string bad = bytes;
  bad[0] = 2;
  ByteReader r1(bad);
  NerNet a;
  EXPECT_FALSE(a.Load(&r1));
  bad = bytes;
  bad[4] = static_cast<char>(bad[4] + 1);  // hidden (16 -> 17)
  ByteReader r2(bad);
  EXPECT_FALSE(a.Load(&r2));
}

// Words past the tabulated ones (NerNet::kPrecomputedWords) take the other
// path of LogProbs: a word there with the same vector as a tabulated word,
// neither seen in training, must get the same log-probabilities bit for bit.
TEST(NerNet, WordsBeyondTheTableScoreAsTabulatedOnes) {
  WordVectors v = Vectors();
  const std::size_t first_filler = v.words.size();
  // Letters only (a digit would set an input bit "twin" lacks): filler + i in base 26.
  const auto letters = [](int i) {
    std::string w = "filler";
    do {
      w += static_cast<char>('a' + i % 26);
      i /= 26;
    } while (i);
    return w;
  };
  for (int i = 0; i < NerNet::kPrecomputedWords + 10; ++i) {
    v.words.push_back(letters(i));
    for (int d = 0; d < v.dim; ++d) v.values.push_back(static_cast<float>((i * 7 + d * 3) % 11) - 5);
  }
  // "twin" repeats the vector of the first filler word, far past the table.
  v.words.push_back("twin");
  v.values.insert(v.values.end(), v.values.begin() + first_filler * v.dim,
                  v.values.begin() + (first_filler + 1) * v.dim);
  auto net = NerNet::Train(TrainingData(), v, 4, SmallOptions());
  ASSERT_TRUE(net.ok());
  ASSERT_GT(net->vocabulary(), NerNet::kPrecomputedWords);
  const auto a = Sentence({"Zorvik", "met", letters(0), "in", "Amblet", "."}, {});
  const auto b = Sentence({"Zorvik", "met", "twin", "in", "Amblet", "."}, {});
  EXPECT_LT(net->WordId(a.words[2]), NerNet::kSpecial + NerNet::kPrecomputedWords);
  EXPECT_GE(net->WordId(b.words[2]), NerNet::kSpecial + NerNet::kPrecomputedWords);
  std::vector<float> x, y;
  net->LogProbs(a.words, a.tags, a.gaz, &x);
  net->LogProbs(b.words, b.tags, b.gaz, &y);
  EXPECT_EQ(x, y);
  // And after a save and load.
  const std::string bytes = Bytes(*net);
  NerNet loaded;
  ByteReader r(bytes);
  ASSERT_TRUE(loaded.Load(&r));
  loaded.LogProbs(b.words, b.tags, b.gaz, &y);
  EXPECT_EQ(x, y);
}

TEST(NerNet, ShortTagOrGazetteerVectorsAreReadAsMissing) {
  auto net = NerNet::Train(TrainingData(), Vectors(), 4, SmallOptions());
  ASSERT_TRUE(net.ok());
  const auto s = Sentence({"Zorvik", "met", "Quenda", "in", "Amblet", "."}, {});
  std::vector<float> lp;
  net->LogProbs(s.words, {}, {}, &lp);
  EXPECT_EQ(lp.size(), s.words.size() * 4);
  for (float x : lp) EXPECT_TRUE(std::isfinite(x));
}

TEST(NerNet, RefusesFilesBeyondItsLimits) {
  // Vectors of more than kMaxDim dimensions.
  ByteWriter w;
  w.Varint(1);
  w.Varint(4);
  w.Varint(NerNet::kMaxDim + 1);
  w.Varint(4);
  w.Varint(16);
  NerNet net;
  ByteReader r(w.data());
  EXPECT_FALSE(net.Load(&r));
  // More distinct tags than kMaxTags (each would cost a table row).
  auto trained = NerNet::Train(TrainingData(), Vectors(), 4, SmallOptions());
  ASSERT_TRUE(trained.ok());
  ByteWriter w2;
  w2.Varint(1);
  w2.Varint(4);
  w2.Varint(4);
  w2.Varint(4);
  w2.Varint(16);
  w2.Pod(2.0f);
  w2.PodVec(std::vector<std::uint64_t>{});
  w2.PodVec(std::vector<std::uint64_t>(NerNet::kMaxTags + 1, 7));
  ByteReader r2(w2.data());
  EXPECT_FALSE(net.Load(&r2));
  // A negative weight.
  std::string bytes = Bytes(*trained);
  const float negative = -2.0f;
  std::memcpy(&bytes[5], &negative, sizeof negative);  // after five one-byte varints
  ByteReader r3(bytes);
  EXPECT_FALSE(net.Load(&r3));
  // Training beyond the limits is refused too, so that no model fails to load.
  NerNetOptions o = SmallOptions();
  o.hidden = NerNet::kMaxHidden + 1;
  EXPECT_FALSE(NerNet::Train(TrainingData(), Vectors(), 4, o).ok());
  o = SmallOptions();
  o.rate = 1e30f;  // diverges, or is refused
  EXPECT_FALSE(NerNet::Train(TrainingData(), Vectors(), 4, o).ok());
}

TEST(NerNet, RefusesBadTrainingInput) {
  auto data = TrainingData();
  EXPECT_FALSE(NerNet::Train(data, WordVectors(), 4, SmallOptions()).ok());
  EXPECT_FALSE(NerNet::Train({}, Vectors(), 4, SmallOptions()).ok());
  data[0].gold[0] = 4;  // out of range
  EXPECT_FALSE(NerNet::Train(data, Vectors(), 4, SmallOptions()).ok());
  data[0].gold.pop_back();  // fewer labels than words
  EXPECT_FALSE(NerNet::Train(data, Vectors(), 4, SmallOptions()).ok());
  NerNetOptions o = SmallOptions();
  o.dropout = 1.0f;
  EXPECT_FALSE(NerNet::Train(TrainingData(), Vectors(), 4, o).ok());
}

std::vector<int> TagWith(const Ner& ner, const std::vector<std::string>& forms) {
  std::vector<std::string_view> views(forms.begin(), forms.end());
  std::vector<int> labels;
  ner.Tag(Words(forms), views, Tags(forms), &labels);
  return labels;
}

TEST(NerNet, DecidesNersLabelsWhenThePerceptronHasNoWeightsAndIsStoredWithIt) {
  Ner ner = WithLabels(kLabels);
  const std::vector<std::string> s = {"Zorvik", "met", "Quenda", "in", "Amblet", "."};
  // No weights, no network: every label scores 0 and the first allowed wins.
  EXPECT_EQ(TagWith(ner, s), (std::vector<int>(6, kBLoc)));
  auto net = NerNet::Train(TrainingData(), Vectors(), 4, SmallOptions());
  ASSERT_TRUE(net.ok());
  ner.set_net(*net);
  EXPECT_EQ(TagWith(ner, s), (std::vector<int>{kBPer, kO, kBPer, kO, kBLoc, kO}));
  ner.set_net_weight(0);
  EXPECT_EQ(TagWith(ner, s), (std::vector<int>(6, kBLoc)));
  // The largest weight: scores are clamped, not wrapped around.
  ner.set_net_weight(NerNet::kMaxWeight);
  EXPECT_EQ(TagWith(ner, s), (std::vector<int>{kBPer, kO, kBPer, kO, kBLoc, kO}));
  ner.set_net_weight(2);
  // Tag() can keep the network's output for the second pass: LogProbs'.
  {
    const std::vector<std::string_view> views(s.begin(), s.end());
    const auto words = Words(s);
    std::vector<int> labels;
    std::vector<float> kept, direct;
    ner.Tag(words, views, Tags(s), &labels, nullptr, &kept);
    std::vector<std::uint32_t> gaz;
    ner.MatchGazetteer(words, &gaz);
    ner.net().LogProbs(words, Tags(s), gaz, &direct);
    EXPECT_EQ(kept, direct);
  }
  // Ner's file carries the network (feature bit 32) and loads it back.
  ByteWriter w;
  ner.Save(&w);
  Ner loaded;
  ByteReader r(w.data());
  ASSERT_TRUE(loaded.Load(&r));
  EXPECT_FALSE(loaded.net().empty());
  EXPECT_EQ(TagWith(loaded, s), TagWith(ner, s));
  // Truncated inside the network: refused.
  Ner cut;
  ByteReader rc(std::string_view(w.data()).substr(0, w.data().size() - 3));
  EXPECT_FALSE(cut.Load(&rc));
  // The bit without a network: refused.
  ByteWriter w2;
  w2.Strings(kLabels);
  FlatMap().Save(&w2);
  PerceptronTrainer(static_cast<int>(kLabels.size())).Average(0.0f).Save(&w2);
  w2.Varint(32);
  ByteReader r2(w2.data());
  EXPECT_FALSE(cut.Load(&r2));
}

}  // namespace
}  // namespace dyad::analyze
