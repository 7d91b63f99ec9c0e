// Scoring on our own records, and the figures the coder reaches on the
// shared gold suites (guarded: skipped without the shared data, loud in CI).
// The floors sit just under the measured figures (docs/coder.md), so that a
// regression fails here.
#include "code/eval.h"

#include <functional>
#include <memory>

#include "code/eval_pipeline.h"
#include "code/legacy_actors.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"
#include "util/files.h"

namespace dyad::code {
namespace {

TEST(EvalScoreTest, ExactAndPartial) {
  EvalReport r;
  GoldRecord rec;
  rec.id = "r1";
  rec.category = "X";
  rec.events = {{"AAA", "BBB", "173"}, {"AAA", "CCC", "111"}};
  ScoreRecord(rec, {{"AAA", "BBB", "173"}, {"AAA", "CCC", "112"}}, &r, true);
  EXPECT_EQ(r.records, 1);
  EXPECT_EQ(r.exact, 0);
  EXPECT_EQ(r.triples.tp, 1);
  EXPECT_EQ(r.triples.fp, 1);
  EXPECT_EQ(r.triples.fn, 1);
  EXPECT_EQ(r.roots.tp, 2);  // 111 vs 112 share the root.
  EXPECT_EQ(r.misses.size(), 1u);
  EXPECT_EQ((r.confusion[{"11", "11"}]), 1);

  GoldRecord none;
  none.id = "r2";
  ScoreRecord(none, {}, &r, false);
  EXPECT_EQ(r.exact, 1);  // "No event" predicted as no event.
  ScoreRecord(none, {{"AAA", "BBB", "010"}}, &r, false);
  EXPECT_EQ(r.triples.fp, 2);
}

TEST(EvalScoreTest, GsrTypes) {
  EXPECT_EQ(GsrPloverType("1053"), "DEMAND");
  EXPECT_EQ(GsrPloverType("090"), "INVESTIGATE");
  EXPECT_EQ(GsrPloverType("111"), "DISAPPROVE");
  EXPECT_EQ(GsrPloverType("193"), "FIGHT");
  EXPECT_EQ(GsrPloverType("1823"), "ASSAULT");
  EXPECT_EQ(GsrPloverType("020"), "");
}

TEST(EvalTabariOptionsTest, CommandsChangeTheOptions) {
  TabariOptions o;
  ApplyTabariOption(" DEFAULT: SOURCE [SRCX] PRIOR TARGET [TGTX]  } ", &o);
  EXPECT_EQ(o.default_source, "SRCX");
  EXPECT_EQ(o.default_target, "TGTX");
  EXPECT_TRUE(o.source_prior);
  EXPECT_FALSE(o.target_after);
  ApplyTabariOption("SET: CODE BY SENTENCE }", &o);
  EXPECT_EQ(o.code_by, TabariOptions::CodeBy::kSentence);
  ApplyTabariOption("SET: CODE ALL", &o);
  EXPECT_EQ(o.code_by, TabariOptions::CodeBy::kAll);
  ApplyTabariOption("FORWARD: ^^**NN*SS", &o);
  EXPECT_TRUE(o.forward);
  ApplyTabariOption("FORWARD: ^^**NN*SS OFF", &o);
  EXPECT_FALSE(o.forward);
  ApplyTabariOption("SET: CONVERT AGENT = TRUE", &o);
  EXPECT_TRUE(o.convert_agents);
  ApplyTabariOption("DEFAULT: OFF", &o);
  EXPECT_TRUE(o.default_source.empty());
  EXPECT_TRUE(o.default_target.empty());
  ApplyTabariOption("COMPLEX: VERBS[6] CONJ[3] NOACTPRIOR EXPLAIN", &o);
  EXPECT_EQ(o.complex_verbs, 6);
  EXPECT_EQ(o.complex_conj, 3);
  EXPECT_TRUE(o.complex_noactprior);
  ApplyTabariOption(" COMPLEX: VERBS[4] EXPLAIN } ", &o);
  EXPECT_EQ(o.complex_verbs, 4);
  EXPECT_EQ(o.complex_conj, 0);
  EXPECT_FALSE(o.complex_noactprior);
}

// Our own records in TABARI's validation syntax (manual 10.1).
constexpr char kValidation[] = R"(
# a comment block between records is ignored
010203  KITE-01
Veldora praised the river pact with Quint
on Monday.
/*\n---------------------------------
\n[one coding; spaces inside the braces]
\n { VEL / QUI /  041 }  */

010204  KITE-02
Veldora said nothing of note today, the ministry said.
/*\n{---} */

010204  KITE-03
Options change here.
/*\n{ OPTION: SET: YYYY = TRUE }
\n{ OPTION: DEFAULT: SOURCE [DSRC] TARGET [DTGT] } */

20240131 KITE-04
Quint and Sarn fined Veldora.
/*\n{ QUI / VEL / 163 } */
\n{ SAR / VEL / 163 } */

20240201 7 KITE-05
Veldora may or may not have done anything.
/*\n{+++}
\n{ VEL / QUI / 010 }
\n-{ VEL / SAR / 010 } */

20240202 KITE-06
Nobody checks this one.
/*\n-{ VEL / SAR / 111 } */

20240203 KITE-07
A record without validation fields ends the run.

20240204 KITE-08
Never read.
/*\n{ VEL / QUI / 041 } */
)";

TEST(EvalTabariReaderTest, ReadsValidationFields) {
  TabariReadCounts counts;
  std::vector<GoldRecord> r = ParseTabariValidation(kValidation, &counts);
  ASSERT_EQ(r.size(), 5u);
  EXPECT_EQ(counts.unchecked, 1);   // KITE-06: only a "-{" field.
  EXPECT_EQ(counts.after_stop, 2);  // KITE-07 (no fields) and KITE-08.
  EXPECT_EQ(r[0].id, "KITE-01");
  EXPECT_EQ(r[0].category, "KITE");
  EXPECT_EQ(r[0].date, 20010203);
  EXPECT_EQ(r[0].text, "Veldora praised the river pact with Quint on Monday.");
  ASSERT_EQ(r[0].events.size(), 1u);
  EXPECT_EQ(r[0].events[0].source, "VEL");
  EXPECT_EQ(r[0].events[0].target, "QUI");
  EXPECT_EQ(r[0].events[0].code, "041");
  EXPECT_TRUE(r[1].events.empty());  // {---}
  EXPECT_FALSE(r[1].none_ok);
  EXPECT_TRUE(r[2].events.empty());  // Options only: nothing to code.
  EXPECT_TRUE(r[2].tabari.default_source.empty());  // Options apply to the records after.
  // The options record switched to 8-digit years and defaults.
  EXPECT_EQ(r[3].date, 20240131);
  EXPECT_EQ(r[3].tabari.default_source, "DSRC");
  ASSERT_EQ(r[3].events.size(), 2u);  // A field after an early "*/" still counts.
  EXPECT_EQ(r[3].events[1].source, "SAR");
  EXPECT_EQ(r[4].id, "KITE-05");  // The first word with a letter.
  EXPECT_EQ(r[4].date, 20240201);
  EXPECT_TRUE(r[4].none_ok);
  EXPECT_TRUE(r[4].open);
  ASSERT_EQ(r[4].events.size(), 1u);  // Fields after "-{" are not checked.
}

TEST(EvalTabariReaderTest, OpenAndNoneOkScoring) {
  GoldRecord rec;
  rec.id = "x";
  rec.events = {{"VEL", "QUI", "010"}};
  rec.open = true;
  EvalReport r;
  ScoreRecord(rec, {{"VEL", "QUI", "010"}, {"VEL", "SAR", "010"}}, &r, false);
  EXPECT_EQ(r.exact, 1);  // The unlisted coding is not checked.
  EXPECT_EQ(r.triples.fp, 0);
  rec.open = false;
  rec.none_ok = true;
  ScoreRecord(rec, {}, &r, false);
  EXPECT_EQ(r.exact, 2);  // Coding nothing passes beside a special field.
  EXPECT_EQ(r.triples.fn, 0);
  ScoreRecord(rec, {{"VEL", "SAR", "010"}}, &r, false);
  EXPECT_EQ(r.exact, 2);  // Coding something else does not.
  EXPECT_EQ(r.triples.fn, 1);
  EXPECT_EQ(r.triples.fp, 1);
}

double SuiteF1(const std::string& suite, bool use_parse) {
  EvalOptions o;
  o.use_parse = use_parse;
  auto r = RunLegacySuite(suite, dyad::testing::SharedData("events/gold"), o);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? r->triples.F1() : 0;
}

TEST(EventSuitesTest, ReferenceSuitesReachMeasuredFigures) {
  if (!dyad::testing::SharedDataAvailable()) GTEST_SKIP() << "../shared/data is not there";
  EXPECT_GE(SuiteF1("tabari", false), 0.97);
  EXPECT_GE(SuiteF1("tabari-gold", false), 0.895);  // 0.901 measured
  EXPECT_GE(SuiteF1("petrarch", true), 0.86);
  EXPECT_GE(SuiteF1("udpetrarch", true), 0.855);
}

TEST(EventSuitesTest, ShippedResourcesOnPloverAndSeed) {
  if (!dyad::testing::SharedDataAvailable()) GTEST_SKIP() << "../shared/data is not there";
  std::string shared = dyad::testing::SharedData("");
  PipelineOptions o;
  auto gsr = RunPloverGsr(shared, o, false);
  ASSERT_TRUE(gsr.ok()) << gsr.status().ToString();
  EXPECT_GE(gsr->triples.F1(), 0.80);
  auto seed = RunSeed(shared, o);
  ASSERT_TRUE(seed.ok()) << seed.status().ToString();
  EXPECT_GT(seed->required, 0);
  EXPECT_EQ(seed->required_found, seed->required);
  EXPECT_EQ(seed->forbidden_produced, 0);
}

// Loads TABARI actors and agents written as text and returns a function
// that lists the codes matched in a token sequence, with their spans when
// `spans` is set ("VAL@0-2").
std::function<std::string(std::vector<std::string>)> TabariCodes(const std::string& actors,
                                                                  const std::string& agents,
                                                                  bool spans = false) {
  auto dir = std::make_shared<testing::TempDir>();
  EXPECT_TRUE(WriteFile(dir->File("t.actors"), actors).ok());
  EXPECT_TRUE(WriteFile(dir->File("t.agents"), agents).ok());
  auto loaded = LegacyActors::Load({dir->File("t.actors")}, {dir->File("t.agents")}, true);
  EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
  auto shared = std::make_shared<LegacyActors>(std::move(*loaded));
  return [shared, spans](std::vector<std::string> tokens) {
    std::string out;
    for (const auto& m : shared->Match(tokens, 0)) {
      out += (out.empty() ? "" : " ") + m.code;
      if (spans) out += "@" + std::to_string(m.begin) + "-" + std::to_string(m.end);
    }
    return out;
  };
}

TEST(LegacyActorsTest, TabariFormerMakesTheAgentAnElite) {
  // Manual 5.4.1: "former" before the actor or the agent of an actor-agent
  // pair makes the agent ELI, also between the two ("Altania former envoys").
  auto codes = TabariCodes("ALTANIA  [ALT]\nCORESIA  [COR]\n", "ENVOY_  [~GOV]\n");
  EXPECT_EQ(codes({"ALTANIA", "ENVOYS", "MET", "CORESIA"}), "ALTGOV COR");
  EXPECT_EQ(codes({"ALTANIA", "FORMER", "ENVOYS", "MET", "CORESIA"}), "ALTELI COR");
  EXPECT_EQ(codes({"FORMER", "CORESIA", "ENVOYS"}), "CORELI");
}

TEST(LegacyActorsTest, TabariBlankBetweenWordsAllowsWordsBetween) {
  // Manual 5.2, 5.5.3: a blank between two words of a phrase lets other
  // words stand between them, "_" keeps them consecutive, and matching stops
  // at a comma or a conjunction.
  auto codes = TabariCodes(
      "DUKE VALMORA_EAST  [VLE]\nVALMORA  [VAL]\nVALMORA RADIO  [VALRAD]\n"
      "CORESIA  [COR]\nVALMORA_HARBOR_  [VALHB]\n",
      "ENVOY_  [~GOV]\n", /*spans=*/true);
  EXPECT_EQ(codes({"THE", "DUKE", "OF", "THE", "VALMORA", "EAST", "MET", "CORESIA"}),
            "VLE@1-6 COR@7-8");
  EXPECT_EQ(codes({"DUKE", "VALMORA", "EAST"}), "VLE@0-3");
  // "_": no word may come between VALMORA and EAST.
  EXPECT_EQ(codes({"DUKE", "OF", "VALMORA", "NORTH", "EAST"}), "VAL@2-3");
  // A comma or a conjunction ends the phrase.
  EXPECT_EQ(codes({"DUKE", ",", "VALMORA", "EAST"}), "VAL@2-3");
  EXPECT_EQ(codes({"DUKE", "AND", "VALMORA", "EAST"}), "VAL@2-3");
  // The last word still takes the regular plural.
  EXPECT_EQ(codes({"VALMORA", "STATE", "RUN", "RADIOS"}), "VALRAD@0-4");
  // Words the text joins with "_" are consecutive words.
  EXPECT_EQ(codes({"DUKE", "OF", "VALMORA_EAST"}), "VLE@0-3");
  // "'S" ends a phrase's last word only: no phrase runs through it.
  EXPECT_EQ(codes({"VALMORA", "HARBOR"}), "VALHB@0-2");
  EXPECT_EQ(codes({"VALMORA", "'S", "HARBOR"}), "VAL@0-1");
}

TEST(LegacyActorsTest, TabariEqualsEndingTakesNoRegularEnding) {
  // Manual 5.2.3: "WORD=" takes no regular ending; "WORD_" takes "S".
  auto codes = TabariCodes("OTTER=  [OTR]\nBADGER_  [BDG]\n", "ENVOY_  [~GOV]\n");
  EXPECT_EQ(codes({"OTTER", "MET", "BADGER"}), "OTR BDG");
  EXPECT_EQ(codes({"OTTERS", "MET", "BADGERS"}), "BDG");
}

}  // namespace
}  // namespace dyad::code
