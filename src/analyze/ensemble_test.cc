// Ensembles of the trainers (TrainOptions::ensemble): training is
// deterministic given the seed, an ensemble of K is the mean of the K
// models trained with seeds seed .. seed + K - 1, and models that do not
// share labels or transition system are refused. Toy data written for this
// test.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "analyze/analyzer.h"
#include "analyze/embeddings.h"
#include "analyze/features.h"
#include "analyze/gold_tags_test_util.h"
#include "analyze/iob.h"
#include "analyze/linear_model.h"
#include "analyze/ner.h"
#include "analyze/parser.h"
#include "analyze/train.h"
#include "tests/test_util.h"

namespace dyad::analyze {
namespace {

const char kTreebank[] =
    "1\tRebels\trebel\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
    "2\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_\n"
    "4\tconvoy\tconvoy\tNOUN\tNN\t_\t2\tobj\t_\t_\n"
    "5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
    "\n"
    "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n"
    "2\tenvoy\tenvoy\tNOUN\tNN\t_\t3\tnsubj\t_\t_\n"
    "3\tvisited\tvisit\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "4\tthree\tthree\tNUM\tCD\t_\t5\tnummod\t_\t_\n"
    "5\tcamps\tcamp\tNOUN\tNNS\t_\t3\tobj\t_\t_\n"
    "\n"
    "1\tTroops\ttroop\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
    "2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tafter\tafter\tADP\tIN\t_\t5\tcase\t_\t_\n"
    "4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_\n"
    "5\ttruce\ttruce\tNOUN\tNN\t_\t2\tobl\t_\t_\n"
    "\n";

std::string Bytes(const Parser& p) {
  ByteWriter w;
  p.Save(&w);
  return w.data();
}
std::string Bytes(const Ner& n) {
  ByteWriter w;
  n.Save(&w);
  return w.data();
}
std::string Bytes(const LinearModel& m) {
  ByteWriter w;
  m.Save(&w);
  return w.data();
}

class EnsembleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(ToyTagger(kTreebank, 5, &treebank_, &tagger_, &morph_));
  }
  Parser TrainP(std::uint64_t seed, int ensemble = 1,
                bool non_monotonic = false, std::size_t sentences = 3) {
    TrainOptions o;
    o.epochs = 4;
    o.seed = seed;
    o.ensemble = ensemble;
    o.non_monotonic = non_monotonic;
    std::vector<text::ConlluSentence> train(
        treebank_.begin(),
        treebank_.begin() + static_cast<std::ptrdiff_t>(sentences));
    Parser p;
    EXPECT_TRUE(TrainParser(train, tagger_, o, &p).ok());
    return p;
  }
  std::vector<text::ConlluSentence> treebank_;
  Tagger tagger_;
  Morphology morph_;
};

TEST_F(EnsembleTest, ParserTrainingIsDeterministicGivenTheSeed) {
  EXPECT_EQ(Bytes(TrainP(1)), Bytes(TrainP(1)));
  EXPECT_EQ(Bytes(TrainP(1, 3)), Bytes(TrainP(1, 3)));
  // The seed and the ensemble size are used.
  EXPECT_NE(Bytes(TrainP(1)), Bytes(TrainP(2)));
  EXPECT_NE(Bytes(TrainP(1, 2)), Bytes(TrainP(1, 3)));
}

TEST_F(EnsembleTest, ParserEnsembleIsTheMeanOfItsMembers) {
  std::vector<Parser> members = {TrainP(4), TrainP(5), TrainP(6)};
  Parser ensemble = TrainP(4, 3);
  Parser mean;
  ASSERT_TRUE(MeanParser(members, &mean).ok());
  EXPECT_EQ(Bytes(ensemble), Bytes(mean));

  // Element-wise: on the features of the first decision of every sentence,
  // each class's weight is the mean of the members' (up to the int16
  // quantization of each model).
  const LinearModel& m = ensemble.model();
  const int nc = m.num_classes();
  ASSERT_EQ(nc, members[0].model().num_classes());
  float tolerance = m.scale();
  for (const Parser& p : members) tolerance += p.model().scale();
  int nonzero = 0;
  for (const auto& s : treebank_) {
    std::vector<std::string_view> forms;
    for (const auto& w : s.words) forms.push_back(w.form);
    std::vector<WordInfo> info;
    tagger_.Prepare(forms, &info);
    std::vector<int> t;
    tagger_.Tag(info, &t);
    std::vector<std::uint64_t> tags;
    for (int x : t) tags.push_back(tagger_.tag_key(x));
    ParseState st;
    st.Init(static_cast<int>(info.size()));
    std::uint64_t keys[Parser::kMaxFeatures];
    const int k = Parser::Features(st, info, tags, keys);
    for (int f = 0; f < k; ++f) {
      std::vector<std::int32_t> got(nc, 0);
      m.Score(&keys[f], 1, got.data());
      std::vector<double> want(nc, 0.0);
      for (const Parser& p : members) {
        std::vector<std::int32_t> s(nc, 0);
        p.model().Score(&keys[f], 1, s.data());
        for (int c = 0; c < nc; ++c)
          want[c] += s[c] * p.model().scale() / members.size();
      }
      for (int c = 0; c < nc; ++c) {
        EXPECT_NEAR(got[c] * m.scale(), want[c], tolerance)
            << "feature " << f << " class " << c;
        nonzero += std::fabs(want[c]) > tolerance;
      }
    }
  }
  EXPECT_GT(nonzero, 0);  // the comparison saw real weights
}

TEST_F(EnsembleTest, MeanParserRefusesParsersThatDoNotMatch) {
  Parser all = TrainP(1), fewer = TrainP(1, 1, false, 2),
         repairs = TrainP(1, 1, true);
  ASSERT_NE(all.num_labels(),
            fewer.num_labels());  // "obl" and "case" are only in the third
  Parser out;
  Status s = MeanParser({all, TrainP(2), fewer}, &out);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(
      s.ToString().find(
          "parser 3 of 3 differs from the first in its dependency labels"),
      std::string::npos)
      << s.ToString();
  s = MeanParser({all, repairs}, &out);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(
      s.ToString().find(
          "parser 2 of 2 differs from the first in its transition system"),
      std::string::npos)
      << s.ToString();
  Parser wide = TrainP(2);
  wide.set_beam_width(4);
  s = MeanParser({all, wide}, &out);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.ToString().find("parser 2 of 2 differs from the first in its beam width (4 vs 1)"),
            std::string::npos)
      << s.ToString();
  s = MeanParser({}, &out);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.ToString().find("no parser"), std::string::npos) << s.ToString();
  EXPECT_TRUE(MeanParser({all, TrainP(2)}, &out).ok());
}

// `dyad train parser --mean-of`: the mean of saved members is the
// ensemble; a member of other data is refused, naming the files.
TEST_F(EnsembleTest, CliMeanOfSavedParsers) {
  testing::TempDir dir;
  const std::string a = dir.File("a.bin"), b = dir.File("b.bin"),
                    c = dir.File("c.bin");
  ASSERT_TRUE(SaveParserModel(a, TrainP(4)).ok());
  ASSERT_TRUE(SaveParserModel(b, TrainP(5)).ok());
  ASSERT_TRUE(SaveParserModel(c, TrainP(4, 1, false, 2)).ok());
  auto r = testing::RunDyad("train parser --prune 0 --out " + dir.path() +
                            " --mean-of " + a + " --mean-of " + b);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Parser mean;
  ASSERT_TRUE(LoadParserModel(dir.File("parser.bin"), &mean).ok());
  EXPECT_EQ(Bytes(mean), Bytes(TrainP(4, 2)));

  r = testing::RunDyad("train parser --out " + dir.path() + " --mean-of " + a +
                       " --mean-of " + c);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find(c), std::string::npos) << r.err;
  EXPECT_NE(
      r.err.find(
          "parser 2 of 2 differs from the first in its dependency labels"),
      std::string::npos)
      << r.err;
}

// Two documents that name the same people and places again, so that the
// document history has something to say.
const char kNer[] =
    "# newdoc id = a\n"
    "Hana B-PER\nOkafor I-PER\nreached O\nMirovo B-LOC\n. O\n\n"
    "Okafor B-PER\nmet O\nofficials O\nin O\nMirovo B-LOC\n. O\n\n"
    "The O\nRelief B-ORG\nCouncil I-ORG\nsent O\nfood O\n. O\n\n"
    "# newdoc id = b\n"
    "Council B-ORG\nstaff O\nleft O\nTarsk B-LOC\n. O\n\n"
    "Tarsk B-LOC\nwas O\ncalm O\n, O\nsaid O\nOkafor B-PER\n. O\n\n";

// `ner` saved and loaded again, which must give the same bytes.
Ner Reloaded(const Ner& ner) {
  const std::string bytes = Bytes(ner);
  ByteReader r(bytes);
  Ner loaded;
  EXPECT_TRUE(loaded.Load(&r));
  EXPECT_EQ(Bytes(loaded), bytes);
  return loaded;
}

class NerEnsembleTest : public EnsembleTest {
 protected:
  Ner TrainN(std::uint64_t seed, int ensemble, bool history, bool crf = false,
             bool char_grams = false) {
    auto data = ParseIob(kNer, "toy");
    EXPECT_TRUE(data.ok()) << data.status().ToString();
    TrainOptions o;
    o.epochs = 4;
    o.seed = seed;
    o.ensemble = ensemble;
    o.ner_history = history;
    o.ner_crf = crf;
    o.ner_char_grams = char_grams;
    Ner ner;
    EXPECT_TRUE(TrainNer(*data, tagger_, {}, o, &ner).ok());
    return ner;
  }
};

TEST_F(NerEnsembleTest, TrainingIsDeterministicGivenTheSeed) {
  for (bool history : {false, true}) {
    EXPECT_EQ(Bytes(TrainN(1, 1, history)), Bytes(TrainN(1, 1, history)))
        << history;
    EXPECT_EQ(Bytes(TrainN(1, 2, history)), Bytes(TrainN(1, 2, history)))
        << history;
    EXPECT_NE(Bytes(TrainN(1, 1, history)), Bytes(TrainN(2, 1, history)))
        << history;
  }
  // The history features are used.
  EXPECT_NE(Bytes(TrainN(1, 1, false)), Bytes(TrainN(1, 1, true)));
}

TEST_F(NerEnsembleTest, CrfTrainingIsDeterministicAndLearnsTheData) {
  for (bool history : {false, true}) {
    EXPECT_EQ(Bytes(TrainN(1, 1, history, true)), Bytes(TrainN(1, 1, history, true))) << history;
    EXPECT_NE(Bytes(TrainN(1, 1, history, true)), Bytes(TrainN(2, 1, history, true))) << history;
    EXPECT_NE(Bytes(TrainN(1, 1, history, true)), Bytes(TrainN(1, 1, history, false))) << history;
  }
  // Trained for longer, the CRF labels its own training sentences right.
  auto data = ParseIob(kNer, "toy");
  ASSERT_TRUE(data.ok());
  TrainOptions o;
  o.epochs = 30;
  o.ner_crf = true;
  Ner ner;
  ASSERT_TRUE(TrainNer(*data, tagger_, {}, o, &ner).ok());
  for (const IobSentence& s : *data) {
    std::vector<std::string_view> forms(s.forms.begin(), s.forms.end());
    std::vector<WordInfo> info;
    std::vector<int> tags, labels;
    tagger_.Prepare(forms, &info);
    tagger_.Tag(info, &tags);
    std::vector<std::uint64_t> keys;
    for (int t : tags) keys.push_back(tagger_.tag_key(t));
    ner.Tag(info, forms, keys, &labels);
    ASSERT_EQ(labels.size(), s.labels.size());
    for (std::size_t i = 0; i < labels.size(); ++i) {
      EXPECT_EQ(ner.label(labels[i]), s.labels[i]) << s.forms[i];
    }
  }
}

TEST_F(NerEnsembleTest, CharGramsAreRecordedInTheModel) {
  const Ner plain = TrainN(1, 1, true), grams = TrainN(1, 1, true, false, true);
  EXPECT_FALSE(plain.char_grams());
  EXPECT_TRUE(grams.char_grams());
  // A model without them keeps the bytes it had before the option existed
  // (nothing after the weights); one with them differs and loads as such.
  EXPECT_NE(Bytes(plain), Bytes(grams));
  for (const Ner* ner : {&plain, &grams}) {
    EXPECT_EQ(Reloaded(*ner).char_grams(), ner->char_grams());
  }
  // "^brellport$": nine 3-grams and eight 4-grams; none for a lower-case word.
  const std::vector<std::string_view> forms = {"Brellport", "left"};
  std::vector<WordInfo> info(2);
  FillWordInfo(forms[0], &info[0]);
  FillWordInfo(forms[1], &info[1]);
  NerChars chars;
  grams.CharGrams(info, forms, &chars);
  EXPECT_EQ(chars.begin, (std::vector<std::uint32_t>{0, 17, 17}));
  plain.CharGrams(info, forms, &chars);
  EXPECT_EQ(chars.begin, (std::vector<std::uint32_t>{0, 0, 0}));
  EXPECT_TRUE(chars.keys.empty());
  // Case does not matter: "BRELLPORT" has the same n-grams.
  const std::vector<std::string_view> upper = {"BRELLPORT", "left"};
  FillWordInfo(upper[0], &info[0]);
  NerChars upper_chars;
  grams.CharGrams(info, upper, &upper_chars);
  grams.CharGrams(std::vector<WordInfo>{info[0]}, {"Brellport"}, &chars);
  EXPECT_EQ(std::vector<std::uint64_t>(upper_chars.keys.begin(), upper_chars.keys.end()),
            chars.keys);
}

TEST_F(NerEnsembleTest, WordListsMarkWordsOfAnyCaseAndAreRecordedInTheModel) {
  auto data = ParseIob(kNer, "toy");
  ASSERT_TRUE(data.ok());
  TrainOptions o;
  o.epochs = 4;
  o.ner_history = true;
  // A gazetteer name and word-list words (AddWordLists' entries): "Tarsk" as a proper name of
  // the smallest size (bit 0) and a capitalised non-name of the largest (bit 3 + 2).
  const std::vector<GazetteerEntry> gazetteer = {{{"Mirovo"}, 4},
                                                 {{"Tarsk"}, kWordListBit},
                                                 {{"Tarsk"}, kWordListBit << 5},
                                                 {{"Hana"}, kWordListBit << 1}};
  Ner plain, lists;
  ASSERT_TRUE(TrainNer(*data, tagger_, {gazetteer[0]}, o, &plain).ok());
  ASSERT_TRUE(TrainNer(*data, tagger_, gazetteer, o, &lists).ok());
  EXPECT_FALSE(plain.word_lists());
  EXPECT_TRUE(lists.word_lists());
  EXPECT_NE(Bytes(plain), Bytes(lists));
  for (const Ner* ner : {&plain, &lists}) {
    EXPECT_EQ(Reloaded(*ner).word_lists(), ner->word_lists());
  }
  std::vector<WordInfo> info(4);
  const std::vector<std::string_view> forms = {"tarsk", "HANA", "Mirovo", "left"};
  for (int i = 0; i < 4; ++i) FillWordInfo(forms[i], &info[i]);
  std::vector<std::uint32_t> gaz;
  lists.MatchGazetteer(info, &gaz);
  // Names 1 + bucket 0, upper 1 + bucket 2; names 1 + bucket 1; the gazetteer's place alone.
  EXPECT_EQ(gaz[0] >> 16, 1u | (3u << 2));
  EXPECT_EQ(gaz[1] >> 16, 2u);
  EXPECT_EQ(gaz[2] >> 16, 0u);
  EXPECT_NE(gaz[2] & 0xff, 0u);
  EXPECT_EQ(gaz[3], 0u);
  // A model without the lists leaves the bits alone.
  plain.MatchGazetteer(info, &gaz);
  EXPECT_EQ(gaz[0] >> 16, 0u);
}

TEST_F(NerEnsembleTest, EmbeddingClassesAreFeaturesRecordedInTheModel) {
  auto data = ParseIob(kNer, "toy");
  ASSERT_TRUE(data.ok());
  TrainOptions o;
  o.epochs = 4;
  o.ner_history = true;
  Ner plain, emb;
  ASSERT_TRUE(TrainNer(*data, tagger_, {}, o, &plain).ok());
  // Two granularities; "mirovo" and "tarsk" share the coarse class 1 and differ in the fine one.
  auto packed = [](std::uint32_t coarse, std::uint32_t fine) {
    return (1u << 30) | coarse | (fine << 10);
  };
  o.ner_embedding_classes = {{HashStr("mirovo"), packed(1, 5)},
                             {HashStr("tarsk"), packed(1, 6)},
                             {HashStr("okafor"), packed(0, 2)}};
  o.ner_embedding_levels = 2;
  ASSERT_TRUE(TrainNer(*data, tagger_, {}, o, &emb).ok());
  EXPECT_EQ(plain.embedding_levels(), 0);
  EXPECT_EQ(emb.embedding_levels(), 2);
  EXPECT_NE(Bytes(plain), Bytes(emb));
  for (const Ner* ner : {&plain, &emb}) {
    EXPECT_EQ(Reloaded(*ner).embedding_levels(), ner->embedding_levels());
  }
  const std::vector<std::string_view> forms = {"MIROVO", "Tarsk", "Vell"};
  std::vector<WordInfo> info(3);
  for (int i = 0; i < 3; ++i) FillWordInfo(forms[i], &info[i]);
  NerChars chars;
  emb.ExtraKeys(info, forms, &chars);
  // Per word and granularity the classes of the word before, the word and the word after.
  ASSERT_EQ(chars.begin, (std::vector<std::uint32_t>{0, 6, 12, 18}));
  // "Tarsk": coarse classes of "MIROVO" (by its lower-case form), itself and "Vell" (no vector:
  // 0), each plus one; then the fine ones.
  EXPECT_EQ(std::vector<std::uint64_t>(chars.keys.begin() + 6, chars.keys.begin() + 12),
            (std::vector<std::uint64_t>{FeatKey(180, 2), FeatKey(181, 2), FeatKey(182, 0),
                                        FeatKey(183, 6), FeatKey(184, 7), FeatKey(185, 0)}));
  // Outside the sentence is neither a class nor "no vector".
  EXPECT_EQ(chars.keys[0], FeatKey(180, 0x7ff));
  EXPECT_EQ(chars.keys[14], FeatKey(182, 0x7ff));
  plain.ExtraKeys(info, forms, &chars);
  EXPECT_TRUE(chars.keys.empty());
  // More granularities than a model can hold are refused, not written.
  o.ner_embedding_levels = kMaxEmbeddingLevels + 1;
  Ner too_many;
  EXPECT_FALSE(TrainNer(*data, tagger_, {}, o, &too_many).ok());
}

TEST_F(NerEnsembleTest, EnsembleIsTheMeanOfItsMembers) {
  for (bool history : {false, true}) {
    Ner ensemble = TrainN(3, 3, history);
    std::vector<LinearModel> members = {TrainN(3, 1, history).model(),
                                        TrainN(4, 1, history).model(),
                                        TrainN(5, 1, history).model()};
    EXPECT_EQ(Bytes(ensemble.model()), Bytes(LinearModel::Mean(members)))
        << history;
    EXPECT_NE(Bytes(ensemble.model()), Bytes(members[0])) << history;
  }
}

// `dyad train tagger --seeds N`: each pass is the mean of N taggers' weights
// with seeds seed, seed + 1000, ...: the first pass of two seeds equals the
// mean of the single-seed first passes of seeds 1 and 1001.
TEST_F(EnsembleTest, TaggerSeedsAverageThePasses) {
  auto bytes = [](const LinearModel& m) {
    ByteWriter w;
    m.Save(&w);
    return w.data();
  };
  TrainOptions o;
  o.epochs = 3;
  Tagger one, other, both;
  Morphology morph;
  ASSERT_TRUE(TrainTagger(treebank_, o, &one, &morph).ok());
  o.seed = 1001;
  ASSERT_TRUE(TrainTagger(treebank_, o, &other, &morph).ok());
  o.seed = 1;
  o.tagger_seeds = 2;
  ASSERT_TRUE(TrainTagger(treebank_, o, &both, &morph).ok());
  ASSERT_NE(bytes(one.model()), bytes(other.model()));  // the seeds differ
  EXPECT_EQ(bytes(both.model()), bytes(LinearModel::Mean({one.model(), other.model()})));
}

// `dyad train ner --jackknife-tags`: a sentence takes the (jackknifed)
// treebank tags only when its sent_id names a treebank sentence with the
// same words; a pair the tagger lacks stays 0 (the tagger's prediction).
TEST_F(EnsembleTest, UseTreebankTagsMatchesBySentIdAndWords) {
  std::vector<text::ConlluSentence> treebank = treebank_;
  treebank[0].sent_id = "toy-1";
  treebank[1].sent_id = "toy-2";
  treebank[2].sent_id = "toy-3";
  treebank[0].words[3].upos = "VERB";  // a jackknifed error: "convoy" as VBD
  treebank[0].words[3].xpos = "VBD";
  treebank[1].words[3].upos = "X";  // a pair the tagger never saw
  treebank[1].words[3].xpos = "ZZ";
  auto iob = ParseIob(
      "# sent_id = toy-1\n1\tRebels\tO\n2\tattacked\tO\n3\tthe\tO\n4\tconvoy\tO\n5\t.\tO\n\n"
      "# sent_id = toy-2\n1\tThe\tO\n2\tenvoy\tO\n3\tvisited\tO\n4\tthree\tO\n5\tcamps\tO\n\n"
      "# sent_id = toy-3\n1\tTroops\tO\n2\tleft\tO\n3\tbefore\tO\n4\tthe\tO\n5\ttruce\tO\n\n"
      "# sent_id = toy-9\n1\tRebels\tO\n2\tattacked\tO\n3\tthe\tO\n4\tconvoy\tO\n5\t.\tO\n\n"
      "Rebels O\nattacked O\nthe O\nconvoy O\n. O\n\n",
      "toy");
  ASSERT_TRUE(iob.ok()) << iob.status().ToString();
  ASSERT_EQ(iob->size(), 5u);
  EXPECT_EQ((*iob)[0].sent_id, "toy-1");
  const TreebankTagMatch m = UseTreebankTags(treebank, tagger_, *iob);
  EXPECT_EQ(m.matched, 2u);
  EXPECT_EQ(m.unmatched, 3u);  // other words, unknown id, no id
  EXPECT_EQ(m.unknown_tags, 1u);
  auto key = [&](const char* upos, const char* xpos) {
    const int t = tagger_.FindTag(upos, xpos);
    EXPECT_GE(t, 0) << upos << "/" << xpos;
    return t < 0 ? 0 : tagger_.tag_key(t);
  };
  EXPECT_EQ((*iob)[0].tag_keys,
            (std::vector<std::uint64_t>{key("NOUN", "NNS"), key("VERB", "VBD"), key("DET", "DT"),
                                        key("VERB", "VBD"), key("PUNCT", ".")}));
  EXPECT_EQ((*iob)[1].tag_keys,
            (std::vector<std::uint64_t>{key("DET", "DT"), key("NOUN", "NN"), key("VERB", "VBD"),
                                        0, key("NOUN", "NNS")}));
  for (std::size_t i = 2; i < iob->size(); ++i) EXPECT_TRUE((*iob)[i].tag_keys.empty()) << i;
}

// TrainNer trains on a sentence's tag_keys where set: the tagger's own
// predictions as keys give the same model, other tags another one.
TEST_F(NerEnsembleTest, TrainsOnTagKeysWhereSet) {
  auto data = ParseIob(kNer, "toy");
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  TrainOptions o;
  o.epochs = 4;
  o.seed = 3;
  auto train = [&](const std::vector<IobSentence>& d) {
    Ner ner;
    EXPECT_TRUE(TrainNer(d, tagger_, {}, o, &ner).ok());
    return Bytes(ner);
  };
  const std::string plain = train(*data);
  std::vector<IobSentence> same = *data;
  std::vector<WordInfo> info;
  for (auto& s : same) {
    PredictedTagged(tagger_, s.forms, &info, &s.tag_keys);
    s.tag_keys[0] = 0;  // 0 keeps the prediction too
  }
  EXPECT_EQ(train(same), plain);
  std::vector<IobSentence> other = same;
  const int noun = tagger_.FindTag("NOUN", "NN");
  ASSERT_GE(noun, 0);
  for (auto& s : other) std::fill(s.tag_keys.begin(), s.tag_keys.end(), tagger_.tag_key(noun));
  EXPECT_NE(train(other), plain);
}

}  // namespace
}  // namespace dyad::analyze

namespace dyad::analyze {
namespace {

// Options that refine another are refused without it (before any file is
// read: the shared folder here does not exist), and so are conflicts.
TEST(NerTrainCliTest, RefinementsWithoutTheirOptionAreRefused) {
  testing::TempDir dir;
  const std::string base = "train ner --shared " + dir.File("no-such-shared") + " --out " + dir.path();
  const std::pair<const char*, const char*> cases[] = {
      {"--word-list-types", "need --word-lists"},
      {"--word-list-common 70", "need --word-lists"},
      {"--word-lists /nowhere --word-list-types", "--word-list-types takes --word-list-kinds names,upper"},
      {"--case-augment-what known-entities", "need --case-augment"},
      {"--tags-cache x.txt", "need --jackknife-tags"},
      {"--jackknife-tags 1", "--jackknife-tags must be 0 or at least 2"},
      {"--embedding-classes 64", "--embedding-classes needs --embeddings"},
      {"--embedding-classes 64,256,1024", "--embedding-classes needs --embeddings"},
      {"--embeddings /nowhere.vec --embedding-classes 64,1", "\"1\" is not a number of classes"},
      {"--embeddings /nowhere.vec --embedding-classes 8,16,32,64", "takes 1 to 3 numbers"},
      {"--embeddings /nowhere.vec", "/nowhere.vec"},
  };
  for (const auto& [args, error] : cases) {
    auto r = testing::RunDyad(base + " " + args);
    EXPECT_NE(r.exit_code, 0) << args;
    EXPECT_NE(r.err.find(error), std::string::npos) << args << ": " << r.err;
  }
  // train clusters: --clusters 0 only writes the corpus, so it needs --corpus-out (and must not
  // cluster into one cluster and overwrite clusters.bin without it).
  const std::string clusters =
      "train clusters --shared " + dir.File("no-such-shared") + " --out " + dir.path();
  for (const char* args : {"--clusters 0", "--clusters -1"}) {
    auto r = testing::RunDyad(clusters + " " + args);
    EXPECT_NE(r.exit_code, 0) << args;
    EXPECT_NE(r.err.find("--clusters must be at least 1, or 0 with --corpus-out"), std::string::npos)
        << args << ": " << r.err;
  }
  EXPECT_FALSE(std::filesystem::exists(dir.File("clusters.bin")));
}

}  // namespace
}  // namespace dyad::analyze
