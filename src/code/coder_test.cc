// Coder tests on our own sentences, with the shipped dictionary (data/verbs)
// and actors marked by hand (the actors stage is tested on its own).
#include "code/coder.h"

#include <algorithm>
#include <string>
#include <vector>

#include "code/stage.h"
#include "code/verb_dict.h"
#include "dyad/pipeline.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "text/segmenter.h"

namespace dyad::code {
namespace {

std::string RepoRoot() {
  std::string root = DYAD_TEST_FIXTURES;
  return root.substr(0, root.rfind("/tests/fixtures"));
}

const VerbDictionary& Shipped() {
  static const VerbDictionary* d = [] {
    auto r = LoadDyadVerbDir(RepoRoot() + "/data/verbs");
    return new VerbDictionary(r.ok() ? std::move(r).value() : VerbDictionary());
  }();
  return *d;
}

struct Marked {
  std::string text;
  std::string code;
  bool place = false;  // A bare place name.
};

// Segments `text` (one sentence expected), marks every occurrence of each
// actor string, codes it and returns "SRC TGT CODE modality" strings.
std::vector<std::string> CodeText(const std::string& text, const std::vector<Marked>& actors,
                                  bool all_modalities = false) {
  AnalyzedDocument doc;
  doc.document.text = text;
  doc.sentences = text::Segment(doc.document);
  for (std::size_t s = 0; s < doc.sentences.size(); ++s) {
    const Span sp = doc.sentences[s].span;
    for (const Marked& m : actors) {
      std::size_t pos = sp.begin;
      while ((pos = text.find(m.text, pos)) != std::string::npos && pos < sp.end) {
        ActorMention am;
        am.span = {static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(pos + m.text.size())};
        am.text = m.text;
        am.code.code = m.code;
        am.place = m.place;
        am.sentence = static_cast<std::uint32_t>(s);
        doc.mentions.push_back(am);
        pos += m.text.size();
      }
    }
  }
  std::sort(doc.mentions.begin(), doc.mentions.end(),
            [](const ActorMention& a, const ActorMention& b) { return a.span.begin < b.span.begin; });
  CoderOptions o;
  o.all_modalities = all_modalities;
  Coder coder(&Shipped(), o);
  CodeDocument(coder, &doc);
  std::vector<std::string> out;
  for (const Event& e : doc.events) {
    out.push_back((e.source.present ? e.source.code.code : "---") + " " +
                  (e.target.present ? e.target.code.code : "---") + " " + e.cameo + " " +
                  ModalityName(e.modality));
  }
  return out;
}

using ::testing::Contains;
using ::testing::IsEmpty;
using ::testing::Not;

TEST(VerbDictTest, ShippedDictionaryLoadsCleanly) {
  ASSERT_GT(Shipped().entries().size(), 200u);
  EXPECT_THAT(Shipped().warnings(), IsEmpty());
}

TEST(VerbDictTest, InflectionsAndIrregulars) {
  EXPECT_TRUE(IsInflectionOf("ARRESTED", "ARREST"));
  EXPECT_TRUE(IsInflectionOf("DETAINS", "DETAIN"));
  EXPECT_TRUE(IsInflectionOf("URGING", "URGE"));
  EXPECT_TRUE(IsInflectionOf("STOPPED", "STOP"));
  EXPECT_TRUE(IsInflectionOf("CARRIED", "CARRY"));
  EXPECT_TRUE(IsInflectionOf("HELD", "HOLD"));
  EXPECT_FALSE(IsInflectionOf("ARRESTS", "ARM"));
  EXPECT_FALSE(IsInflectionOf("ATTACKER", "ATTACK"));
}

TEST(VerbDictTest, OwnFormatPatternsAndWarnings) {
  VerbDictionary d;
  const char* text =
      "set THING: apple, pear tree\n"
      "verb give [070]\n"
      "- * + &THING [071]\n"
      "- * + [070\n"          // Malformed: reported, skipped.
      "verb call on [020]\n"
      "bogus line\n";
  ASSERT_TRUE(ParseDyadVerbs(text, "t.dyad", &d).ok());
  d.Compile();
  ASSERT_EQ(d.entries().size(), 2u);
  EXPECT_EQ(d.entries()[1].words.size(), 2u);
  ASSERT_EQ(d.warnings().size(), 2u);
  EXPECT_EQ(d.warnings()[0].rfind("t.dyad:4:", 0), 0u) << d.warnings()[0];
  EXPECT_EQ(d.warnings()[1].rfind("t.dyad:6:", 0), 0u) << d.warnings()[1];
  std::vector<int> hits;
  d.Lookup("GAVE", "", &hits);
  EXPECT_EQ(hits.size(), 1u);
}

TEST(CoderTest, SimpleArrest) {
  auto ev = CodeText("Police in Grozny arrested the activist Oyub Titiev on Tuesday.",
                     {{"Police", "RUSCOP"}, {"Oyub Titiev", "RUSHRI"}});
  EXPECT_THAT(ev, Contains("RUSCOP RUSHRI 173 asserted"));
}

TEST(CoderTest, AgentlessPassive) {
  auto ev = CodeText("The journalist Anna Ivanova has been jailed on fabricated charges.",
                     {{"Anna Ivanova", "RUSMED"}});
  EXPECT_THAT(ev, Contains("--- RUSMED 173 asserted"));
}

TEST(CoderTest, PassiveWithAgent) {
  auto ev = CodeText("The protesters were beaten by the riot police.",
                     {{"protesters", "UKRCVL"}, {"riot police", "UKRCOP"}});
  EXPECT_THAT(ev, Contains("UKRCOP UKRCVL 182 asserted"));
}

TEST(CoderTest, AppealForReleaseByComposition) {
  auto ev = CodeText("Amnesty International urged Egypt to release the detained lawyers.",
                     {{"Amnesty International", "NGOHRIAMN"}, {"Egypt", "EGY"}});
  EXPECT_THAT(ev, Contains("NGOHRIAMN EGY 0253 asserted"));
  EXPECT_THAT(ev, Not(Contains(::testing::HasSubstr("0841"))));
}

TEST(CoderTest, CallOnToFree) {
  auto ev = CodeText("The groups called on Turkey to free the journalists.",
                     {{"The groups", "NGO"}, {"Turkey", "TUR"}});
  EXPECT_THAT(ev, Contains("NGO TUR 0253 asserted"));
}

TEST(CoderTest, IntentBecomesThreat) {
  auto ev = CodeText("The governor vowed to attack the rebels in the mountains.",
                     {{"The governor", "SYRGOV"}, {"the rebels", "SYRREB"}});
  EXPECT_THAT(ev, Contains("SYRGOV SYRREB 138 asserted"));
  EXPECT_THAT(ev, Not(Contains(::testing::HasSubstr(" 190 "))));
}

TEST(CoderTest, NominalThreat) {
  auto ev = CodeText("The minister made explicit threats against the journalists.",
                     {{"The minister", "IRNGOV"}, {"the journalists", "IRNMED"}});
  EXPECT_THAT(ev, Contains("IRNGOV IRNMED 130 asserted"));
}

TEST(CoderTest, NegatedAndHypotheticalDroppedByDefault) {
  EXPECT_THAT(CodeText("Kenya did not arrest the opposition leader.",
                       {{"Kenya", "KEN"}, {"the opposition leader", "KENOPP"}}),
              IsEmpty());
  EXPECT_THAT(CodeText("Kenya should arrest the opposition leader.",
                       {{"Kenya", "KEN"}, {"the opposition leader", "KENOPP"}}),
              IsEmpty());
  auto all = CodeText("Kenya did not arrest the opposition leader.",
                      {{"Kenya", "KEN"}, {"the opposition leader", "KENOPP"}}, true);
  EXPECT_THAT(all, Contains("KEN KENOPP 173 negated"));
}

TEST(CoderTest, ReportedShouldIsAnAppealBySpeaker) {
  auto ev = CodeText("The president should condemn the attacks, Human Rights Watch said.",
                     {{"The president", "RUSGOV"}, {"Human Rights Watch", "NGOHRI"}});
  EXPECT_THAT(ev, Contains("NGOHRI RUSGOV 020 asserted"));
  EXPECT_THAT(ev, Not(Contains("RUSGOV --- 111 asserted")));
}

TEST(CoderTest, CompoundSourceGivesOneEventEach) {
  auto ev = CodeText("France, Germany and Italy condemned Russia on Monday.",
                     {{"France", "FRA"}, {"Germany", "DEU"}, {"Italy", "ITA"}, {"Russia", "RUS"}});
  EXPECT_THAT(ev, Contains("FRA RUS 111 asserted"));
  EXPECT_THAT(ev, Contains("DEU RUS 111 asserted"));
  EXPECT_THAT(ev, Contains("ITA RUS 111 asserted"));
}

TEST(CoderTest, AllegedKilling) {
  auto all = CodeText("Soldiers allegedly killed two farmers near the border.",
                      {{"Soldiers", "MILITARY"}, {"two farmers", "CVL"}}, true);
  EXPECT_THAT(all, Contains("MILITARY CVL 1823 alleged"));
}

TEST(CoderTest, DiscardPhrases) {
  // A sentence discard silences its sentence only.
  auto ev = CodeText("Brazil beat Germany at the World Cup. Police arrested the activist Ana Lima.",
                     {{"Brazil", "BRA"}, {"Germany", "DEU"}, {"Police", "BRACOP"}, {"Ana Lima", "BRAHRI"}});
  EXPECT_THAT(ev, Contains("BRACOP BRAHRI 173 asserted"));
  EXPECT_THAT(ev, Not(Contains(::testing::HasSubstr("BRA DEU"))));
  // A document discard silences the document.
  EXPECT_THAT(CodeText("Brazil beat Germany after a penalty shootout. Police arrested the fans.",
                       {{"Brazil", "BRA"}, {"Germany", "DEU"}, {"Police", "BRACOP"}}),
              IsEmpty());
}

TEST(CoderTest, ObjectPronounTakesTheLatestPluralActor) {
  // "them" refers back across a sentence to the reporters, not to the
  // governor; the ban announced for the future is a threat (132) by the
  // speaker, and the city it is about is not its source.
  auto ev = CodeText(
      "The governor summoned the reporters on Friday. After the vote, Kazan will be a "
      "forbidden zone for them, the governor said.",
      {{"The governor", "RUSGOV"}, {"the governor", "RUSGOV"}, {"the reporters", "RUSMED"},
       {"Kazan", "RUS", true}});
  EXPECT_THAT(ev, Contains("RUSGOV RUSMED 132 asserted"));
  EXPECT_THAT(ev, Not(Contains(::testing::HasSubstr("RUS RUSMED"))));
}

TEST(CoderTest, ObjectPronounIsNotTheSubjectOfItsOwnVerb) {
  // "police beat them": the pronoun is the protesters, never the police.
  auto ev = CodeText("The protesters marched to the square and police beat them.",
                     {{"The protesters", "BLROPP"}, {"police", "BLRCOP"}});
  EXPECT_THAT(ev, Contains("BLRCOP BLROPP 182 asserted"));
  EXPECT_THAT(ev, Not(Contains("BLRCOP BLRCOP 182 asserted")));
}

TEST(CoderTest, SingularPronounTakesTheLatestPerson) {
  auto ev = CodeText("The editor criticized the minister. Police detained him on Monday.",
                     {{"The editor", "TURMED"}, {"the minister", "TURGOV"}, {"Police", "TURCOP"}});
  EXPECT_THAT(ev, Contains("TURCOP TURGOV 173 asserted"));
}

TEST(CoderTest, BanOnAGroup) {
  auto ev = CodeText("The interior ministry imposed a travel ban on the opposition leaders.",
                     {{"The interior ministry", "ZWEGOV"}, {"the opposition leaders", "ZWEOPP"}});
  EXPECT_THAT(ev, Contains("ZWEGOV ZWEOPP 172 asserted"));
}

TEST(CoderTest, PlacesInLocativePhrasesAreNotParties) {
  // "in Gomel" says where: the arrest has no coded target.
  auto ev = CodeText("Police detained the blogger at her flat in Gomel.",
                     {{"Police", "BLRCOP"}, {"Gomel", "BLR", true}});
  EXPECT_THAT(ev, Contains("BLRCOP --- 173 asserted"));
  EXPECT_THAT(ev, Not(Contains("BLRCOP BLR 173 asserted")));
  // A named building after "at" is a place too.
  auto met = CodeText("The king met the envoy at the palace on Sunday.",
                      {{"The king", "JORGOV"}, {"the envoy", "USAGOV"}, {"the palace", "JORGOV"}});
  EXPECT_THAT(met, Contains("JORGOV USAGOV 040 asserted"));
  EXPECT_THAT(met, Not(Contains(::testing::HasSubstr("JORGOV JORGOV"))));
  // A place that is a party stays one.
  EXPECT_THAT(CodeText("Ukraine condemned Russia.", {{"Ukraine", "UKR", true}, {"Russia", "RUS", true}}),
              Contains("UKR RUS 111 asserted"));
}

TEST(CoderTest, NominalActWithDemonstrativeIsNotANewEvent) {
  // "these arrests" refers back to arrests reported before.
  auto ev = CodeText("The union should make clear that these arrests have a cost.",
                     {{"The union", "IGOEUREEC"}}, true);
  EXPECT_THAT(ev, Not(Contains(::testing::HasSubstr(" 173 "))));
}

TEST(CoderTest, GroupAnaphorGivesOneEventPerMember) {
  // Two mentions on one span ("The groups" standing for two organisations).
  auto ev = CodeText("The groups called on Turkey to free the journalists.",
                     {{"The groups", "NGOHRI"}, {"The groups", "NGOMED"}, {"Turkey", "TUR"}});
  EXPECT_THAT(ev, Contains("NGOHRI TUR 0253 asserted"));
  EXPECT_THAT(ev, Contains("NGOMED TUR 0253 asserted"));
}

TEST(CoderTest, VerbMisTaggedAsFunctionWordStillTriggers) {
  // "beat" tagged as a preposition (ADP) is a tagging error, not a reason
  // to miss the assault; a real preposition stays one.
  CoderSentence s;
  const char* words[] = {"RIOT", "POLICE", "BEAT", "SEVERAL", "PROTESTERS", "."};
  const char* tags[] = {"NOUN", "NOUN", "ADP", "ADJ", "NOUN", "PUNCT"};
  for (int i = 0; i < 6; ++i) {
    CoderToken t;
    t.form = words[i];
    t.upos = tags[i];
    s.tokens.push_back(t);
  }
  s.actors = {{0, 2, 0, "BLRCOP"}, {3, 5, 1, "BLROPP"}};
  Coder coder(&Shipped(), {});
  std::vector<CodedEvent> out;
  coder.Code(s, &out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].code, "182");
  EXPECT_EQ(out[0].source, 0);
  EXPECT_EQ(out[0].target, 1);
  // A verb form tagged NOUN (an open class) is still filtered.
  s.tokens[2].upos = "NOUN";
  out.clear();
  coder.Code(s, &out);
  EXPECT_TRUE(out.empty());
}

TEST(CoderTest, RefusedAgreementIsARejection) {
  EXPECT_THAT(CodeText("Chad will not accept the new observers.", {{"Chad", "TCD"}}),
              Contains("TCD --- 120 asserted"));
  // A condition is not an act: no agreement by the president.
  auto ev = CodeText("The party will boycott the vote unless the president agrees to resign.",
                     {{"The party", "KENOPP"}, {"the president", "KENGOV"}});
  EXPECT_THAT(ev, Not(Contains(::testing::HasSubstr(" 030 "))));
}

TEST(CoderTest, RefusalToTalkAndShotDead) {
  EXPECT_THAT(CodeText("The cabinet would not negotiate with the strikers.",
                       {{"The cabinet", "ZWEGOV"}, {"the strikers", "ZWELAB"}}),
              Contains("ZWEGOV ZWELAB 125 asserted"));
  EXPECT_THAT(CodeText("Bandits shot dead two herders on Monday.",
                       {{"Bandits", "NGACRM"}, {"two herders", "NGAAGR"}}),
              Contains("NGACRM NGAAGR 1823 asserted"));
}

// A hand-made parse: "Rebels demanded a truce before allowing access and
// attacked the town." The permission is what the demand asks for; the
// conjoined attack is an act of its own.
TEST(CoderTest, ContentOfADemandIsNoEventOfItsOwn) {
  CoderSentence s;
  s.parsed = true;
  struct W {
    const char* form;
    const char* lemma;
    const char* upos;
    int head;
    const char* rel;
  };
  const W words[] = {{"REBELS", "REBEL", "NOUN", 1, "nsubj"},    {"DEMANDED", "DEMAND", "VERB", -1, "root"},
                     {"A", "A", "DET", 3, "det"},                {"TRUCE", "TRUCE", "NOUN", 1, "obj"},
                     {"BEFORE", "BEFORE", "SCONJ", 5, "mark"},   {"ALLOWING", "ALLOW", "VERB", 1, "advcl"},
                     {"ACCESS", "ACCESS", "NOUN", 5, "obj"},    {"AND", "AND", "CCONJ", 8, "cc"},
                     {"ATTACKED", "ATTACK", "VERB", 1, "conj"},  {"THE", "THE", "DET", 10, "det"},
                     {"TOWN", "TOWN", "NOUN", 8, "obj"},         {".", ".", "PUNCT", 1, "punct"}};
  for (const W& w : words) {
    CoderToken t;
    t.form = w.form;
    t.lemma = w.lemma;
    t.upos = w.upos;
    t.head = w.head;
    t.deprel = w.rel;
    s.tokens.push_back(t);
  }
  s.actors = {{0, 1, 0, "SDNREB"}};
  std::vector<std::string> codes;
  for (bool content : {true, false}) {
    CoderOptions o;
    o.content_of_speech_acts = content;
    Coder coder(&Shipped(), o);
    std::vector<CodedEvent> out;
    coder.Code(s, &out);
    std::string all;
    for (const auto& e : out) all += e.code + " ";
    codes.push_back(all);
  }
  EXPECT_THAT(codes[0], ::testing::HasSubstr("190"));
  EXPECT_THAT(codes[0], ::testing::StartsWith("10"));
  EXPECT_THAT(codes[0], Not(::testing::HasSubstr("08")));
  EXPECT_THAT(codes[1], ::testing::HasSubstr("08"));  // The option is what removes it.
}

TEST(CoderTest, ArmedAttackOnCiviliansIsUnconventionalViolence) {
  EXPECT_THAT(CodeText("Militiamen attacked the refugees near the river.",
                       {{"Militiamen", "SDNUAF"}, {"the refugees", "SDNREF"}}),
              Contains("SDNUAF SDNREF 180 asserted"));
  EXPECT_THAT(CodeText("Militiamen attacked the police near the river.",
                       {{"Militiamen", "SDNUAF"}, {"the police", "SDNCOP"}}),
              Contains("SDNUAF SDNCOP 190 asserted"));
}

TEST(CoderTest, FightingBetweenTwoSidesIsTheirs) {
  auto ev = CodeText("Georgia closed the road because of fighting between Armenia and Azerbaijan.",
                     {{"Georgia", "GEO"}, {"Armenia", "ARM"}, {"Azerbaijan", "AZE"}});
  EXPECT_THAT(ev, Contains("ARM AZE 190 asserted"));
  EXPECT_THAT(ev, Contains("AZE ARM 190 asserted"));
  EXPECT_THAT(ev, Not(Contains(::testing::HasSubstr("GEO ARM 190"))));
}

TEST(CoderTest, OrderingAPaperToStopIsCensorship) {
  EXPECT_THAT(CodeText("The government ordered the newspaper to suspend publication.",
                       {{"The government", "NICGOV"}, {"the newspaper", "NICMED"}}),
              Contains("NICGOV NICMED 1721 asserted"));
}

// Malformed input: heads out of range, a cycle, actors past the end.
TEST(CoderTest, MalformedParseNeverHangsOrCrashes) {
  CoderSentence s;
  s.parsed = true;
  const char* words[] = {"POLICE", "ARRESTED", "THE", "ACTIVISTS", "."};
  int heads[] = {3, 0, 1, 1, 99};  // 0 <-> 1 <-> 3 form cycles; 99 is out of range.
  const char* rels[] = {"nmod", "nmod", "det", "nmod", "punct"};
  for (int i = 0; i < 5; ++i) {
    CoderToken t;
    t.form = words[i];
    t.upos = i == 1 ? "VERB" : "NOUN";
    t.head = heads[i];
    t.deprel = rels[i];
    s.tokens.push_back(t);
  }
  s.actors = {{0, 1, 0, "COP"}, {3, 9, 1, "CVL"}};
  Coder coder(&Shipped(), {});
  std::vector<CodedEvent> out;
  coder.Code(s, &out);
  for (const auto& e : out) EXPECT_EQ(e.code, "173");
}

TEST(CoderTest, NoTriggerNoEvent) {
  EXPECT_THAT(CodeText("Germany and France are neighbours.", {{"Germany", "DEU"}, {"France", "FRA"}}),
              IsEmpty());
}

TEST(CoderTest, ConjoinedParticipleWithAnObjectIsAVerb) {
  // "... and detained protesters": a VBN with an object of its own in the
  // parse is the conjoined verb, not a participle modifying a noun.
  CoderSentence s;
  s.parsed = true;
  const char* words[] = {"SOLDIERS", "SURROUNDED", "THE", "SQUARE", "AND", "DETAINED", "PROTESTERS", "."};
  const char* upos[] = {"NOUN", "VERB", "DET", "NOUN", "CCONJ", "VERB", "NOUN", "PUNCT"};
  const char* xpos[] = {"NNS", "VBD", "DT", "NN", "CC", "VBN", "NNS", "."};
  const int heads[] = {1, -1, 3, 1, 5, 1, 5, 1};
  const char* rels[] = {"nsubj", "root", "det", "obj", "cc", "conj", "obj", "punct"};
  for (int i = 0; i < 8; ++i) {
    CoderToken t;
    t.form = words[i];
    t.upos = upos[i];
    t.xpos = xpos[i];
    t.head = heads[i];
    t.deprel = rels[i];
    s.tokens.push_back(t);
  }
  s.actors = {{0, 1, 0, "SYRMIL"}, {6, 7, 1, "SYROPP"}};
  std::vector<CodedEvent> out;
  Coder(&Shipped(), {}).Code(s, &out);
  bool found = false;
  for (const auto& e : out) found |= e.code == "173" && e.source == 0 && e.target == 1;
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace dyad::code
