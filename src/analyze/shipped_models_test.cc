// The shipped models in data/models: a sentence of our own must come out
// tagged, lemmatized and parsed sensibly, and (with the shared data) the
// models must reach figures near the ones measured in docs/analysis.md on
// slices of UD English-EWT test and Universal NER EWT test.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

#include "analyze/analyzer.h"
#include "analyze/iob.h"
#include "analyze/ner_net.h"
#include "analyze/ud_eval.h"
#include "dyad/pipeline.h"
#include "pipeline/stages.h"
#include "tests/test_util.h"
#include "util/status_macros.h"

namespace dyad::analyze {
namespace {

std::string ModelDir() { return internal::ResolveDataDir(PipelineOptions{}) + "/models"; }

// One text (document "t") through a pipeline made with `o`.
StatusOr<AnalyzedDocument> RunText(const PipelineOptions& o, const std::string& text) {
  ASSIGN_OR_RETURN(auto p, Pipeline::Create(o));
  Document d;
  d.id = "t";
  d.text = text;
  return p->Run(d);
}

// One text through segmentation and analysis with the shipped models.
StatusOr<AnalyzedDocument> AnalyzeText(const std::string& text, bool gpe = true) {
  PipelineOptions o;
  o.last_stage = StageId::kAnalyze;
  o.gpe = gpe;
  return RunText(o, text);
}

TEST(ShippedModels, AnalyzeOwnSentence) {
  auto out = AnalyzeText("The police arrested two journalists in the capital on Monday.");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->sentences.size(), 1u);
  const auto& t = out->sentences[0].tokens;
  ASSERT_EQ(t.size(), 11u);
  EXPECT_EQ(t[0].upos, "DET");
  EXPECT_EQ(t[1].upos, "NOUN");
  EXPECT_EQ(t[2].upos, "VERB");
  EXPECT_EQ(t[2].xpos, "VBD");
  EXPECT_EQ(t[2].lemma, "arrest");
  EXPECT_EQ(t[4].lemma, "journalist");
  EXPECT_EQ(t[4].feats, "Number=Plur");
  // police <-nsubj- arrested -obj-> journalists; arrested is the root.
  EXPECT_EQ(t[2].head, -1);
  EXPECT_EQ(t[2].deprel, "root");
  EXPECT_EQ(t[1].head, 2);
  EXPECT_EQ(t[1].deprel, "nsubj");
  EXPECT_EQ(t[4].head, 2);
  EXPECT_EQ(t[4].deprel, "obj");
  EXPECT_EQ(t[3].head, 4);
  for (const Token& tok : t) EXPECT_FALSE(tok.ner.empty());
}

// The analyze stage splits NER's locations: countries, regions and towns
// the gazetteer knows are GPE, other places stay LOC (gpe.h).
TEST(ShippedModels, AnalyzeStageLabelsGeopoliticalEntities) {
  auto out = AnalyzeText(
      "Police in Grozny, the capital of Chechnya, detained him on the shore of Lake Baikal "
      "before he could reach Russia.");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  std::map<std::string, std::string> ner;
  for (const Sentence& s : out->sentences) {
    for (const Token& t : s.tokens) ner[t.form] = t.ner;
  }
  EXPECT_EQ(ner["Grozny"], "B-GPE");
  EXPECT_EQ(ner["Chechnya"], "B-GPE");
  EXPECT_EQ(ner["Russia"], "B-GPE");
  EXPECT_TRUE(ner["Baikal"] == "B-LOC" || ner["Baikal"] == "I-LOC")  // a lake: NER's LOC
      << ner["Baikal"];
  EXPECT_TRUE(out->document.warnings.empty());
  // PipelineOptions::gpe false (dyad analyze --no-gpe): Universal NER's LOC.
  auto loc = AnalyzeText("Police in Grozny detained him.", /*gpe=*/false);
  ASSERT_TRUE(loc.ok()) << loc.status().ToString();
  ASSERT_GE(loc->sentences.at(0).tokens.size(), 3u);
  EXPECT_EQ(loc->sentences[0].tokens[2].form, "Grozny");
  EXPECT_EQ(loc->sentences[0].tokens[2].ner, "B-LOC");
}

// A gazetteer that cannot be read: the document is analysed all the same,
// its locations stay LOC, and it carries a warning that says why.
TEST(ShippedModels, AnalyzeStageWarnsWhenTheGazetteerCannotBeRead) {
  dyad::testing::TempDir dir;
  std::filesystem::create_directory_symlink(std::filesystem::absolute(ModelDir()),
                                            dir.File("models"));
  std::filesystem::create_directory(dir.File("geo"));
  {
    std::ofstream junk(dir.File("geo/gazetteer.bin"), std::ios::binary);
    junk << "not a gazetteer";
  }
  PipelineOptions o;
  o.last_stage = StageId::kAnalyze;
  o.data_dir = dir.path();
  auto out = RunText(o, "Police in Grozny detained him.");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_GE(out->sentences.at(0).tokens.size(), 3u);
  EXPECT_EQ(out->sentences[0].tokens[2].form, "Grozny");
  EXPECT_EQ(out->sentences[0].tokens[2].ner, "B-LOC");
  ASSERT_EQ(out->document.warnings.size(), 1u);
  const std::string& w = out->document.warnings[0];
  EXPECT_NE(w.find("cannot read the gazetteer"), std::string::npos) << w;
  EXPECT_NE(w.find("no location is labelled GPE"), std::string::npos) << w;
  // A document without a location needs no gazetteer and gets no warning.
  auto quiet = RunText(o, "He was detained.");
  ASSERT_TRUE(quiet.ok()) << quiet.status().ToString();
  EXPECT_TRUE(quiet->document.warnings.empty());
}

// Our sentence through the pipeline with `o`'s parser: police <-nsubj-
// arrested -obj-> journalists, arrested the root.
void ExpectOwnSentenceParsed(const PipelineOptions& o) {
  auto out = RunText(o, "The police arrested two journalists in the capital on Monday.");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  const auto& t = out->sentences[0].tokens;
  ASSERT_EQ(t.size(), 11u);
  EXPECT_EQ(t[2].head, -1);
  EXPECT_EQ(t[2].deprel, "root");
  EXPECT_EQ(t[1].head, 2);
  EXPECT_EQ(t[1].deprel, "nsubj");
  EXPECT_EQ(t[4].head, 2);
  EXPECT_EQ(t[4].deprel, "obj");
}

// The opt-in beam-search parser (parser-beam.bin, chosen with
// PipelineOptions::parser_model) loads with its beam width and parses our
// sentence as the greedy one does; an unknown parser file is named.
TEST(ShippedModels, BeamParserIsAnOption) {
  Parser beam;
  ASSERT_TRUE(LoadParserModel(ModelDir() + "/parser-beam.bin", &beam).ok());
  EXPECT_GT(beam.beam_width(), 1);
  Parser greedy;
  ASSERT_TRUE(LoadParserModel(ModelDir() + "/parser.bin", &greedy).ok());
  EXPECT_EQ(greedy.beam_width(), 1);
  PipelineOptions o;
  o.last_stage = StageId::kAnalyze;
  o.parser_model = "parser-beam.bin";
  ExpectOwnSentenceParsed(o);
  o.parser_model = "no-such-parser.bin";
  auto missing = Pipeline::Create(o);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().ToString().find("no-such-parser.bin"), std::string::npos);
  // A path (with a '/') is taken as it is, not looked up among the models.
  o.parser_model = ModelDir() + "/parser-beam.bin";
  EXPECT_TRUE(Pipeline::Create(o).ok());
  // The greedy parser refuses a beam (its weights parse far worse in one),
  // and widths outside 1..64 are refused with the range.
  o.parser_model = "";
  o.parser_beam = 4;
  auto greedy_beam = Pipeline::Create(o);
  ASSERT_FALSE(greedy_beam.ok());
  EXPECT_NE(greedy_beam.status().ToString().find("trained for greedy decoding"), std::string::npos)
      << greedy_beam.status().ToString();
  o.parser_beam = 1;
  EXPECT_TRUE(Pipeline::Create(o).ok());
  for (int bad : {-1, 65}) {
    o.parser_beam = bad;
    auto out_of_range = Pipeline::Create(o);
    ASSERT_FALSE(out_of_range.ok()) << bad;
    EXPECT_NE(out_of_range.status().ToString().find("out of range"), std::string::npos);
  }
}

// The opt-in reparsing ensemble (a --parser list): the right-to-left beam
// parser records its direction, the ensemble parses our sentence, an
// ensemble of one parser three times gives that parser's trees, and a beam
// width or a bad weight is refused.
TEST(ShippedModels, ReparsingEnsembleIsAnOption) {
  Parser r2l;
  ASSERT_TRUE(LoadParserModel(ModelDir() + "/parser-r2l-beam.bin", &r2l).ok());
  EXPECT_TRUE(r2l.right_to_left());
  EXPECT_GT(r2l.beam_width(), 1);
  PipelineOptions o;
  o.last_stage = StageId::kAnalyze;
  o.parser_model = "parser-beam.bin,parser-r2l-beam.bin,parser.bin";
  ExpectOwnSentenceParsed(o);

  AnalyzerOptions single, triple;
  ASSERT_TRUE(SetParserSpec("parser.bin,parser.bin:2,parser.bin", &triple).ok());
  auto a = Analyzer::Load(ModelDir(), single);
  auto b = Analyzer::Load(ModelDir(), triple);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ((*b)->ensemble().size(), 3);
  Sentence sa, sb;
  for (const char* w : {"Rebels", "said", "on", "Friday", "that", "they", "had", "seized", "the",
                        "airport", "and", "two", "bridges", "."}) {
    Token tok;
    tok.form = w;
    sa.tokens.push_back(tok);
  }
  sb = sa;
  (*a)->Analyze(&sa);
  (*b)->Analyze(&sb);
  for (std::size_t i = 0; i < sa.tokens.size(); ++i) {
    EXPECT_EQ(sa.tokens[i].head, sb.tokens[i].head) << i;
    EXPECT_EQ(sa.tokens[i].deprel, sb.tokens[i].deprel) << i;
  }

  o.parser_beam = 4;
  auto beam = Pipeline::Create(o);
  ASSERT_FALSE(beam.ok());
  EXPECT_NE(beam.status().ToString().find("parser ensemble"), std::string::npos)
      << beam.status().ToString();
  o.parser_beam = 0;
  o.parser_model = "parser-beam.bin,parser.bin:0";
  auto weight = Pipeline::Create(o);
  ASSERT_FALSE(weight.ok());
  EXPECT_NE(weight.status().ToString().find("the weight '0' of parser.bin"), std::string::npos)
      << weight.status().ToString();
  // Set directly, past SetParserSpec: Load() refuses the weight too.
  AnalyzerOptions infinite;
  infinite.parser_models = {{"parser-beam.bin", 1.0}, {"parser.bin", HUGE_VAL}};
  auto refused = Analyzer::Load(ModelDir(), infinite);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().ToString().find("parser.bin: its ensemble weight inf"),
            std::string::npos)
      << refused.status().ToString();
  o.parser_model = "parser-beam.bin,no-such-parser.bin";
  auto missing = Pipeline::Create(o);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().ToString().find("no-such-parser.bin"), std::string::npos);
}

TEST(ShippedModels, ParserCarriesItsNetworkWhichCanBeLeftOut) {
  Parser p;
  ASSERT_TRUE(LoadParserModel(ModelDir() + "/parser.bin", &p).ok());
  ASSERT_NE(p.net(), nullptr);
  EXPECT_NE(p.net()->dense(), nullptr);
  EXPECT_TRUE(p.net()->dense()->quantized());
  EXPECT_GT(p.net_weight(), 0);
  EXPECT_LT(p.net_margin(), 1e30f);
  AnalyzerOptions without;
  without.ner = false;
  without.parser_net = false;
  auto a = Analyzer::Load(ModelDir(), without);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ((*a)->parser()->net(), nullptr);
  // Only a dense parser mixes in, with a margin >= 0.
  AnalyzerOptions perceptron;
  perceptron.ner = false;
  perceptron.parser_net_file = "parser-beam.bin";
  perceptron.parser_net_weight = 1;
  auto refused = Analyzer::Load(ModelDir(), perceptron);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().ToString().find("parser-beam.bin"), std::string::npos)
      << refused.status().ToString();
  AnalyzerOptions margin = perceptron;
  margin.parser_net_margin = -1;
  refused = Analyzer::Load(ModelDir(), margin);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().ToString().find("margin"), std::string::npos)
      << refused.status().ToString();
}

TEST(ShippedModels, TaggerCarriesItsWindowNetwork) {
  Tagger t;
  Morphology m;
  ASSERT_TRUE(LoadTaggerModel(ModelDir() + "/tagger.bin", &t, &m).ok());
  ASSERT_NE(t.net(), nullptr);
  EXPECT_EQ(t.net()->num_labels(), t.num_tags());
  EXPECT_GT(t.net()->weight(), 0);
  EXPECT_GT(t.net_margin(), Tagger::kSecondPassMargin);
  // The network changes tags: here "made" (the perceptron's VBD) after "attackers and".
  const std::vector<std::string_view> forms = {
      "Kadyrov", "pledged", "to",       "impose", "collective", "punishment", "on",
      "relatives", "of",    "the",      "attackers", "and",     "made",       "explicit",
      "threats", "against", "human",    "rights",  "defenders", "."};
  std::vector<WordInfo> info;
  t.Prepare(forms, &info);
  std::vector<int> with, without;
  t.Tag(info, &with);
  Tagger off = t;
  off.set_net_weight(0);
  off.Tag(info, &without);
  EXPECT_NE(with, without);
  // Its weight can be set at loading.
  AnalyzerOptions o;
  o.ner = false;
  o.tagger_net_weight = 0;
  auto a = Analyzer::Load(ModelDir(), o);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
}

// A dateline kept with the story's first sentence is parsed apart from it.
TEST(ShippedModels, DatelineHangsOffTheRootOfTheSentenceAfterIt) {
  auto out = AnalyzeText("(Riga) \u2013 Police detained two reporters on Monday, a rights group said.");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->sentences.size(), 1u);
  const auto& t = out->sentences[0].tokens;
  ASSERT_GE(t.size(), 14u);
  ASSERT_EQ(t[5].form, "detained");
  int root = -1;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i].head == -1) root = static_cast<int>(i);
  }
  ASSERT_GE(root, 4);
  // The place is no subject of anything: it hangs off the root as `dep`.
  EXPECT_EQ(t[1].form, "Riga");
  EXPECT_EQ(t[1].deprel, "dep");
  EXPECT_EQ(t[1].head, root);
  EXPECT_EQ(t[0].deprel, "punct");
  EXPECT_EQ(t[3].deprel, "punct");
  EXPECT_EQ(t[3].head, root);
  EXPECT_EQ(t[4].deprel, "nsubj");
  EXPECT_EQ(t[4].head, 5);
  // A name with its abbreviation before a dash is no dateline.
  auto org = AnalyzeText("Free Press Unit (FPU) \u2013 the group condemned the arrests.");
  ASSERT_TRUE(org.ok()) << org.status().ToString();
  for (const Token& tok : org->sentences[0].tokens) EXPECT_NE(tok.deprel, "dep") << tok.form;
}

// Raw-text evaluation: our segmenter's tokens align with the gold ones by
// byte span, across sentences and a non-breaking space.
TEST(ShippedModels, RawTextEvaluationAligns) {
  auto a = Analyzer::Load(ModelDir());
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  auto gold = text::ParseConllu(
      "# text = Police detained two men.\n"
      "1\tPolice\tpolice\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
      "2\tdetained\tdetain\tVERB\tVBD\t_\t0\troot\t_\t_\n"
      "3\ttwo\ttwo\tNUM\tCD\t_\t4\tnummod\t_\t_\n"
      "4\tmen\tman\tNOUN\tNNS\t_\t2\tobj\t_\tSpaceAfter=No\n"
      "5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n"
      "# text = They were freed\u00a0today.\n"
      "1\tThey\tthey\tPRON\tPRP\t_\t3\tnsubj:pass\t_\t_\n"
      "2\twere\tbe\tAUX\tVBD\t_\t3\taux:pass\t_\t_\n"
      "3\tfreed\tfree\tVERB\tVBN\t_\t0\troot\t_\t_\n"
      "4\ttoday\ttoday\tNOUN\tNN\t_\t3\tobl:tmod\t_\tSpaceAfter=No\n"
      "5\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n",
      "own");
  ASSERT_TRUE(gold.ok()) << gold.status().ToString();
  UdScores s = EvaluateRawText(*gold, **a);
  EXPECT_EQ(s.tokens.gold, 10);
  EXPECT_EQ(s.tokens.correct, 10);
  EXPECT_EQ(s.sentences.correct, 2);
  EXPECT_EQ(s.words.f1(), 100.0);
  EXPECT_GE(s.upos.correct, 8);
}

// Gold tags (dyad eval ud --gold-tags): the analyzer keeps the tags the
// words carry, where the tagger knows the pair, and parses with them; a
// pair it does not know is tagged as usual. Without given_tags the gold tags
// are ignored. The given tags differ from the tagger's on purpose ("saw" a
// noun, "can" a verb).
TEST(ShippedModels, GoldTagsAreKeptWhenAsked) {
  auto gold = text::ParseConllu(
      "# text = Guards saw the men.\n"
      "1\tGuards\tguard\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
      "2\tsaw\tsaw\tNOUN\tNN\t_\t0\troot\t_\t_\n"
      "3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_\n"
      "4\tmen\tman\tNOUN\tNNS\t_\t2\tobj\t_\tSpaceAfter=No\n"
      "5\t.\t.\tNOT-A-TAG\t.\t_\t2\tpunct\t_\t_\n\n"
      "# text = They can fish.\n"
      "1\tThey\tthey\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n"
      "2\tcan\tcan\tVERB\tVBP\t_\t0\troot\t_\t_\n"
      "3\tfish\tfish\tNOUN\tNN\t_\t2\tobj\t_\tSpaceAfter=No\n"
      "4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n",
      "own");
  ASSERT_TRUE(gold.ok()) << gold.status().ToString();
  AnalyzerOptions o;
  o.ner = false;
  auto plain = Analyzer::Load(ModelDir(), o);
  o.given_tags = true;
  auto given = Analyzer::Load(ModelDir(), o);
  ASSERT_TRUE(plain.ok() && given.ok());
  std::vector<Sentence> a, b, c;
  EvaluateGoldTokenization(*gold, **plain, &a, /*gold_tags=*/true);
  UdScores sb = EvaluateGoldTokenization(*gold, **given, &b, /*gold_tags=*/true);
  EvaluateGoldTokenization(*gold, **given, &c, /*gold_tags=*/false);
  ASSERT_EQ(a[0].tokens.size(), 5u);
  EXPECT_EQ(a[0].tokens[1].xpos, "VBD");  // the tagger's own
  EXPECT_EQ(b[0].tokens[1].upos, "NOUN");  // the given pair
  EXPECT_EQ(b[0].tokens[1].xpos, "NN");
  EXPECT_EQ(b[0].tokens[4].upos, "PUNCT");  // an unknown pair: the tagger's
  EXPECT_EQ(c[0].tokens[1].xpos, "VBD");   // nothing given
  EXPECT_EQ(sb.upos.correct, 4 + 4);
  // The parse reads the tags: the tagger makes "can" an auxiliary of the
  // verb "fish"; with "can" a verb and "fish" a noun, "can" heads the sentence.
  EXPECT_EQ(a[1].tokens[1].upos, "AUX");
  EXPECT_EQ(a[1].tokens[2].head, -1);
  EXPECT_EQ(b[1].tokens[1].head, -1);
  EXPECT_EQ(b[1].tokens[2].head, 1);
}

TEST(ShippedModels, MissingModelNamesThePath) {
  auto a = Analyzer::Load("/nonexistent-dyad-models");
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.status().ToString().find("/nonexistent-dyad-models/tagger.bin"), std::string::npos);
}

TEST(ShippedModels, EwtAndUnerTestSlices) {
  if (!testing::SharedDataAvailable()) GTEST_SKIP() << "../shared/data is not there";
  auto a = Analyzer::Load(ModelDir());
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  auto gold = text::ReadConllu(testing::SharedData("ud/UD_English-EWT/en_ewt-ud-test.conllu"));
  ASSERT_TRUE(gold.ok());
  gold->resize(800);
  UdScores s = EvaluateGoldTokenization(*gold, **a);
  EXPECT_GE(s.upos.f1(), 95.6);  // measured 96.24
  EXPECT_GE(s.lemma.f1(), 96.8);  // measured 97.30
  EXPECT_GE(s.uas.f1(), 84.0);  // measured 85.05
  EXPECT_GE(s.las.f1(), 81.0);  // measured 82.41

  auto ner = ReadIob(testing::SharedData("ner/UNER_English-EWT/en_ewt-ud-test.iob2"));
  ASSERT_TRUE(ner.ok());
  long tp = 0, ng = 0, ns = 0;
  for (std::size_t i = 0; i < 800 && i < ner->size(); ++i) {
    Sentence sent;
    for (const auto& f : (*ner)[i].forms) {
      Token t;
      t.form = f;
      sent.tokens.push_back(t);
    }
    (*a)->Analyze(&sent);
    std::vector<std::string> sys;
    for (const auto& t : sent.tokens) sys.push_back(t.ner);
    auto g = EntitySpans((*ner)[i].labels), p = EntitySpans(sys);
    ng += static_cast<long>(g.size());
    ns += static_cast<long>(p.size());
    for (const auto& e : p) tp += std::find(g.begin(), g.end(), e) != g.end();
  }
  double f1 = ng + ns ? 200.0 * tp / (ng + ns) : 0;
  EXPECT_GE(f1, 67.0);  // measured 70.38
}

}  // namespace
}  // namespace dyad::analyze
