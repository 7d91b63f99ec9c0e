// Importers on small dictionaries we wrote in the TABARI and PETRARCH
// syntaxes (not copied from any reference file).
#include "code/legacy_verbs.h"

#include <vector>

#include "code/coder.h"
#include "gtest/gtest.h"

namespace dyad::code {
namespace {

TEST(LegacyVerbsTest, TabariStemsSynsetsAndPatterns) {
  const char* text =
      "<SYNSETS>\n"
      "&FRUIT\n"
      "+APPLE\n"
      "+PEAR_TREE\n"
      "</SYNSETS>\n"
      "<TIME>\n"
      "LAST_WEEK [-7]\n"
      "</TIME>\n"
      "GIV  [070] ;we 1 Jan\n"
      "- * + &FRUIT [071]\n"
      "- * + OF_ [072] ;exact OF\n"
      "- * [bad\n"
      "SNUB_ [111]\n";
  VerbDictionary d;
  ASSERT_TRUE(ParseTabariVerbs(text, "demo.verbs", &d).ok());
  d.Compile();
  ASSERT_EQ(d.entries().size(), 2u);
  ASSERT_EQ(d.warnings().size(), 1u);
  EXPECT_EQ(d.warnings()[0].rfind("demo.verbs:12:", 0), 0u) << d.warnings()[0];
  std::vector<int> hits;
  d.Lookup("GIVES", "", &hits);  // Stem.
  EXPECT_EQ(hits.size(), 1u);
  hits.clear();
  d.Lookup("SCORNED", "", &hits);  // Exact word: no stem match.
  EXPECT_TRUE(hits.empty());
  EXPECT_EQ(d.blocks()[d.entries()[0].block].patterns.size(), 2u);
}

TEST(LegacyVerbsTest, TabariEndingsAndFormLines) {
  // "WORD_" takes the regular endings only; a "{ ... }" line lists more
  // forms of the verb above, each a stem or an exact word.
  const char* text =
      "HAIL_ [051]\n"
      "{ HALED_ HAILZ }\n"
      "- * + WARMLY [052]\n";
  VerbDictionary d;
  ASSERT_TRUE(ParseTabariVerbs(text, "v.verbs", &d).ok());
  d.Compile();
  EXPECT_TRUE(d.warnings().empty());
  for (const char* form : {"HAIL", "HAILS", "HAILED", "HAILEN", "HAILING", "HALED", "HALEDS", "HAILZOO"}) {
    std::vector<int> hits;
    d.Lookup(form, "", &hits);
    EXPECT_FALSE(hits.empty()) << form;
    for (int h : hits) EXPECT_EQ(d.entries()[h].block, d.entries()[0].block) << form;
  }
  for (const char* form : {"HAILSTORM", "HALE"}) {
    std::vector<int> hits;
    d.Lookup(form, "", &hits);
    EXPECT_TRUE(hits.empty()) << form;
  }
}

TEST(LegacyVerbsTest, PetrarchBlocksAndMultiwordVerbs) {
  const char* text =
      "&FRUIT\n"
      "+APPLE\n"
      "+PEAR\n"
      "####### VERB PATTERNS #######\n"
      "--- GIVE [070] ---\n"
      "GIVE {GAVE GIVEN}\n"
      "DONATE [071]\n"
      "+HAND_OUT {+HANDED_OUT +HANDS_OUT}\n"
      "- * (TO {&FRUIT FARMERS}) [073]  # comment\n"
      "~ a (a b Q) GIVE = a b 070\n";
  VerbDictionary d;
  ASSERT_TRUE(ParsePetrarchVerbs(text, "v.txt", &d).ok());
  d.Compile();
  EXPECT_TRUE(d.warnings().empty());
  ASSERT_EQ(d.entries().size(), 3u);
  EXPECT_EQ(d.entries()[1].code, "071");
  EXPECT_EQ(d.entries()[2].words.size(), 2u);  // HAND OUT
  std::vector<int> hits;
  d.Lookup("GAVE", "", &hits);
  EXPECT_EQ(hits.size(), 1u);
  hits.clear();
  d.Lookup("HANDED", "", &hits);
  EXPECT_EQ(hits.size(), 1u);
  ASSERT_EQ(d.blocks().size(), 1u);
  ASSERT_EQ(d.blocks()[0].patterns.size(), 1u);
  // (TO {&FRUIT FARMERS}): TO, then the noun phrase's words as ordered
  // elements, the set word standing for each of its members.
  const auto& after = d.blocks()[0].patterns[0].after;
  ASSERT_EQ(after.size(), 3u);
  EXPECT_EQ(after[1].alts.size(), 2u);

  // The pattern codes a sentence.
  Coder coder(&d, {});
  CoderSentence s;
  for (const char* w : {"ALTANIA", "GAVE", "BORVIA", "TO", "PEAR", "FARMERS"}) {
    CoderToken t;
    t.form = w;
    s.tokens.push_back(t);
  }
  s.actors = {{0, 1, 0, "ALT"}, {2, 3, 1, "BOR"}};
  std::vector<CodedEvent> out;
  coder.Code(s, &out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].code, "073");
  EXPECT_EQ(out[0].source, 0);
  EXPECT_EQ(out[0].target, 1);
}

TEST(LegacyVerbsTest, PetrarchPatternWordsTakePluralsOnly) {
  // PETRARCH pattern and synset words match their regular plurals, not verb
  // endings: "MEET" is "meets" but not "meeting".
  DictWord w{"MEET", WordMode::kPlural};
  EXPECT_TRUE(WordMatches(w, "MEET", ""));
  EXPECT_TRUE(WordMatches(w, "MEETS", ""));
  EXPECT_FALSE(WordMatches(w, "MEETING", ""));
  DictWord party{"PARTY", WordMode::kPlural};
  EXPECT_TRUE(WordMatches(party, "PARTIES", ""));
  DictWord tax{"TAX", WordMode::kPlural};
  EXPECT_TRUE(WordMatches(tax, "TAXES", ""));
}

CoderSentence Tokens(std::initializer_list<const char*> words, std::vector<CoderActor> actors) {
  CoderSentence s;
  for (const char* w : words) {
    CoderToken t;
    t.form = w;
    s.tokens.push_back(t);
  }
  s.actors = std::move(actors);
  return s;
}

TEST(LegacyVerbsTest, SubordinateAndDominantCodes) {
  // "[023?]" codes only when nothing else does; "[111!]" silences the rest.
  VerbDictionary d;
  ASSERT_TRUE(ParseTabariVerbs("SAID [023?]\nHAIL_ [051]\nSCORN_ [111!]\n", "v.verbs", &d).ok());
  d.Compile();
  Coder coder(&d, {});
  std::vector<CodedEvent> out;
  coder.Code(Tokens({"ALTANIA", "SAID", "IT", "HAILED", "BORVIA"}, {{0, 1, 0, "ALT"}, {4, 5, 1, "BOR"}}),
             &out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].code, "051");
  out.clear();
  coder.Code(Tokens({"ALTANIA", "SAID", "BORVIA", "LEFT"}, {{0, 1, 0, "ALT"}, {2, 3, 1, "BOR"}}), &out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].code, "023");
  out.clear();
  coder.Code(Tokens({"ALTANIA", "HAILED", "AND", "SCORNED", "BORVIA"}, {{0, 1, 0, "ALT"}, {4, 5, 1, "BOR"}}),
             &out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].code, "111");
}

TEST(LegacyVerbsTest, AgentlessPassiveReadings) {
  VerbDictionary d;
  ASSERT_TRUE(ParseTabariVerbs("SCOLD [121]\n", "v.verbs", &d).ok());
  d.Compile();
  CoderSentence s = Tokens({"ALTANIA", "WAS", "SCOLDED", "OVER", "A", "DISPUTE", "WITH", "BORVIA"},
                           {{0, 1, 0, "ALT"}, {7, 8, 1, "BOR"}});
  std::vector<CodedEvent> out;
  Coder(&d, {}).Code(s, &out);  // Default: the target is known, the source is not.
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].source, -1);
  EXPECT_EQ(out[0].target, 0);
  CoderOptions active;
  active.agentless_passive = CoderOptions::AgentlessPassive::kActive;
  out.clear();
  Coder(&d, active).Code(s, &out);  // PETRARCH2: read as active.
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].source, 0);
  EXPECT_EQ(out[0].target, 1);
}

TEST(LegacyVerbsTest, ActorlessEventKeptOnlyWhenAsked) {
  // TABARI DEFAULT (manual 8.5): a verb phrase with no actor at all is an
  // event the default codes fill; otherwise it is not coded.
  VerbDictionary d;
  ASSERT_TRUE(ParseTabariVerbs("HAIL_ [051]\n", "v.verbs", &d).ok());
  d.Compile();
  CoderSentence s = Tokens({"THE", "CROWD", "HAILED", "THE", "PLAN"}, {});
  std::vector<CodedEvent> out;
  Coder(&d, {}).Code(s, &out);
  EXPECT_TRUE(out.empty());
  CoderOptions keep;
  keep.keep_actorless = true;
  Coder(&d, keep).Code(s, &out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].code, "051");
  EXPECT_EQ(out[0].source, -1);
  EXPECT_EQ(out[0].target, -1);
}

// The one event `coder` codes in `s`; code "none" / "several" otherwise.
CodedEvent OneEvent(const Coder& coder, const CoderSentence& s) {
  std::vector<CodedEvent> out;
  coder.Code(s, &out);
  if (out.size() == 1) return out[0];
  CodedEvent other;
  other.code = out.empty() ? "none" : "several";
  return other;
}

VerbDictionary TabariVerbs(const char* text) {
  VerbDictionary d;
  EXPECT_TRUE(ParseTabariVerbs(text, "v.verbs", &d).ok());
  d.Compile();
  return d;
}

bool Finds(const VerbDictionary& d, const char* form) {
  std::vector<int> hits;
  d.Lookup(form, "", &hits);
  return !hits.empty();
}

TEST(LegacyVerbsTest, SynsetMemberDesignatesAnActor) {
  // "+GROAT_$": the actor right after GROAT is the source; the target is
  // then the first other actor after the verb (manual 5.8).
  VerbDictionary d = TabariVerbs(
      "<SYNSETS>\n&COIN\n+GROAT_$\n+FARTHING\n</SYNSETS>\nDONAT [070]\n- * &COIN [903]\n");
  CoderOptions o;
  o.tabari_reading = true;
  Coder coder(&d, o);
  CodedEvent e = OneEvent(coder, Tokens({"ALTANIA", "DONATED", "A", "GROAT", "BORVIA", "TO", "CARDIA"},
                                        {{0, 1, 0, "ALT"}, {4, 5, 1, "BOR"}, {6, 7, 2, "CAR"}}));
  EXPECT_EQ(e.code, "903");
  EXPECT_EQ(e.source, 1);
  EXPECT_EQ(e.target, 2);
  // No actor right after the member: the pattern does not match.
  e = OneEvent(coder, Tokens({"ALTANIA", "DONATED", "A", "GROAT", "TO", "BORVIA"},
                             {{0, 1, 0, "ALT"}, {5, 6, 1, "BOR"}}));
  EXPECT_EQ(e.code, "070");
  EXPECT_EQ(e.source, 0);
  EXPECT_EQ(e.target, 1);
  // A member without a designator keeps the usual roles.
  e = OneEvent(coder, Tokens({"ALTANIA", "DONATED", "A", "FARTHING", "TO", "BORVIA"},
                             {{0, 1, 0, "ALT"}, {5, 6, 1, "BOR"}}));
  EXPECT_EQ(e.code, "903");
  EXPECT_EQ(e.source, 0);
  EXPECT_EQ(e.target, 1);
}

TEST(LegacyVerbsTest, BlanksInAMultiWordVerbAllowWordsBetween) {
  // "BORDER CLASH ERUPTED": other words may stand between the words
  // (manual 5.5.3); "_" keeps them consecutive.
  std::vector<CoderActor> two = {{0, 1, 0, "ALT"}, {6, 7, 1, "BOR"}};
  CoderSentence gapped = Tokens({"ALTANIA", "BORDER", "CLASH", "HAS", "ERUPTED", "WITH", "BORVIA"}, two);
  VerbDictionary blanks = TabariVerbs("BORDER CLASH ERUPTED [190]\n");
  CodedEvent e = OneEvent(Coder(&blanks, {}), gapped);
  EXPECT_EQ(e.code, "190");
  EXPECT_EQ(e.source, 0);
  EXPECT_EQ(e.target, 1);
  VerbDictionary joined = TabariVerbs("BORDER_CLASH_ERUPTED [190]\n");
  EXPECT_EQ(OneEvent(Coder(&joined, {}), gapped).code, "none");
  EXPECT_EQ(OneEvent(Coder(&joined, {}), Tokens({"ALTANIA", "BORDER", "CLASH", "ERUPTED", "WITH", "BORVIA"},
                                                {{0, 1, 0, "ALT"}, {5, 6, 1, "BOR"}}))
                .code,
            "190");
}

TEST(LegacyVerbsTest, PatternTargetLeavesTheSourceToAnotherActor) {
  // "- + WAS * HARD": the pattern names the target; the source is the
  // first actor with another code, before the verb or after it (manual 5.8).
  VerbDictionary d = TabariVerbs("STRUCK [190]\n- + WAS * HARD [195]\n");
  CoderOptions o;
  o.tabari_reading = true;
  CodedEvent e = OneEvent(Coder(&d, o), Tokens({"A", "BORVIAN", "WAS", "STRUCK", "HARD", "IN", "ALTANIA"},
                                               {{1, 2, 0, "BOR"}, {6, 7, 1, "ALT"}}));
  EXPECT_EQ(e.code, "195");
  EXPECT_EQ(e.source, 1);
  EXPECT_EQ(e.target, 0);
}

TEST(LegacyVerbsTest, TildeEndingsAndActorSkips) {
  // "BRISK~_BREEZE": BRISK with any ending, right before BREEZE; "^" passes
  // over one actor (a compound as a whole) without assigning it.
  VerbDictionary d = TabariVerbs(
      "HAIL_ [051]\n- * BRISK~_BREEZE [052]\n- * NEAR ^ +  [053]\n- $ BY ^ *  [054]\n");
  Coder coder(&d, {});
  std::vector<CoderActor> two = {{0, 1, 0, "ALT"}, {2, 3, 1, "BOR"}};
  EXPECT_EQ(OneEvent(coder, Tokens({"ALTANIA", "HAILED", "BORVIA", "IN", "A", "BRISKLY", "BREEZE"}, two)).code,
            "052");
  // BREEZE is not next to BRISKLY.
  EXPECT_EQ(
      OneEvent(coder, Tokens({"ALTANIA", "HAILED", "BORVIA", "IN", "A", "BRISKLY", "COLD", "BREEZE"}, two)).code,
      "051");
  // NEAR ^ +: the target is the actor after the skipped compound.
  CodedEvent e = OneEvent(coder, Tokens({"ALTANIA", "HAILED", "NEAR", "CORESIA", "AND", "ERIADOR", "THE", "BORVIA",
                                         "ENVOY"},
                                        {{0, 1, 0, "ALT"}, {3, 4, 1, "COR"}, {5, 6, 2, "ERI"}, {7, 8, 3, "BOR"}}));
  EXPECT_EQ(e.code, "053");
  EXPECT_EQ(e.target, 3);
  // $ BY ^ *: the source before BY, the actor between BY and the verb skipped.
  std::vector<CodedEvent> out;
  coder.Code(Tokens({"ALTANIA", "BY", "CORESIA", "HAILED", "BORVIA"},
                    {{0, 1, 0, "ALT"}, {2, 3, 1, "COR"}, {4, 5, 2, "BOR"}}),
             &out);
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out[0].code, "054");
  EXPECT_EQ(out[0].source, 0);
}

TEST(LegacyVerbsTest, SkippedActorIsNoTarget) {
  // TABARI: with no target after the verb, the clause's actor before it is
  // the target -- but not one a '^' passed over.
  VerbDictionary d = TabariVerbs("HAIL_ [051]\n- $ ^ FOR * [054]\n");
  CoderOptions o;
  o.tabari_reading = true;
  CodedEvent e = OneEvent(Coder(&d, o), Tokens({"ALTANIA", "WAS", "CORESIA", "FOR", "BREE", "HAILING", "."},
                                               {{0, 1, 0, "ALT"}, {2, 3, 1, "COR"}, {4, 5, 2, "BRE"}}));
  EXPECT_EQ(e.code, "054");
  EXPECT_EQ(e.source, 0);
  EXPECT_EQ(e.target, 2);
}

TEST(LegacyVerbsTest, LongerPatternsFirstByTabariLength) {
  // Length = letters of the pattern, the longest alternative for "{ | }";
  // a match through a short alternative still tries longer patterns.
  VerbDictionary d =
      TabariVerbs("HAIL_ [051]\n- * { SOON | IN A LONG WHILE AGAIN } [061]\n- * SOON AFTER DAWN [062]\n");
  const auto& pats = d.blocks()[d.entries()[0].block].patterns;
  ASSERT_EQ(pats.size(), 2u);
  EXPECT_EQ(pats[0].code, "061");  // 17 letters before 13.
  Coder coder(&d, {});
  std::vector<CoderActor> two = {{0, 1, 0, "ALT"}, {2, 3, 1, "BOR"}};
  EXPECT_EQ(OneEvent(coder, Tokens({"ALTANIA", "HAILED", "BORVIA", "SOON", "AFTER", "DAWN"}, two)).code, "062");
  EXPECT_EQ(OneEvent(coder, Tokens({"ALTANIA", "HAILED", "BORVIA", "SOON"}, two)).code, "061");
}

TEST(LegacyVerbsTest, EndingsOnFinalEAndNoEndingsMarker) {
  // "SCORE_" shares its E with ED ("SCORED"); "BAR=" is the word alone.
  VerbDictionary d = TabariVerbs("SCORE_ [051]\nBAR= [191]\n");
  for (const char* form : {"SCORED", "SCORES", "BAR"}) EXPECT_TRUE(Finds(d, form)) << form;
  for (const char* form : {"SCOREX", "BARS", "BARED", "BAR="}) EXPECT_FALSE(Finds(d, form)) << form;
}

TEST(LegacyVerbsTest, SynsetMembersAndLength) {
  // A synset designator adds no length, so "* GROAT" is tried first; a
  // member written "FARTHING_" is a closed match (no endings).
  VerbDictionary d = TabariVerbs(
      "<SYNSETS>\n&COIN\n+FARTHING_\n+GROAT\n</SYNSETS>\nPAY_ [070]\n- * &COIN [903]\n- * GROAT [071]\n");
  Coder coder(&d, {});
  auto code = [&](const char* money) {
    return OneEvent(coder, Tokens({"ALTANIA", "PAYS", "BORVIA", "TEN", money}, {{0, 1, 0, "ALT"}, {2, 3, 1, "BOR"}}))
        .code;
  };
  EXPECT_EQ(code("GROATS"), "071");
  EXPECT_EQ(code("FARTHING"), "903");
  EXPECT_EQ(code("FARTHINGS"), "070");
}

TEST(LegacyVerbsTest, BlanksInAlternativesAllowWordsBetween) {
  // "{ WARMLY HAILED | ... }": a blank lets other words come between (not
  // across a comma); a pattern word "TREATY_" is a closed match.
  VerbDictionary d = TabariVerbs(
      "PACT [020]\n- { WARMLY HAILED | COLDLY NOTED } ITS * [041]\nSIGN_ [081]\n- * TREATY_ [057]\n");
  Coder coder(&d, {});
  auto code = [&](std::initializer_list<const char*> words, int target) {
    return OneEvent(coder, Tokens(words, {{0, 1, 0, "ALT"}, {target, target + 1, 1, "BOR"}})).code;
  };
  EXPECT_EQ(code({"ALTANIA", "WARMLY", ",", "LOUDLY", "HAILED", "ITS", "PACT", "WITH", "BORVIA"}, 8), "020");
  EXPECT_EQ(code({"ALTANIA", "WARMLY", "HAILED", "ITS", "PACT", "WITH", "BORVIA"}, 6), "041");
  EXPECT_EQ(code({"ALTANIA", "WARMLY", "LOUDLY", "HAILED", "ITS", "PACT", "WITH", "BORVIA"}, 7), "041");
  EXPECT_EQ(code({"ALTANIA", "SIGNED", "A", "TREATY", "WITH", "BORVIA"}, 5), "057");
  EXPECT_EQ(code({"ALTANIA", "SIGNED", "TREATYS", "WITH", "BORVIA"}, 4), "081");
}

TEST(LegacyVerbsTest, TabariReadingOfLaterVerbs) {
  // TABARI (manual 5.8, 7.6): the source of a later verb is the clause's
  // first actor; its target the first actor after the verb with another
  // code than the source, else the first such actor before the verb.
  VerbDictionary d = TabariVerbs("PRESS [102]\nHELP [092]\nMEET_ [031:031]\n");
  CoderOptions o;
  o.tabari_reading = true;
  o.target_distinct_code = true;
  o.compose = false;  // TABARI codes the two verbs as they come.
  CoderSentence s = Tokens({"ALTANIA", "PRESSED", "CORESIA", "TO", "HELP", "IT"},
                           {{0, 1, 0, "ALT"}, {2, 3, 1, "COR"}, {5, 6, 2, "ALT"}});
  std::vector<CodedEvent> out;
  Coder(&d, o).Code(s, &out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].code, "092");
  EXPECT_EQ(out[1].source, 0);
  EXPECT_EQ(out[1].target, 1);
  // Without the TABARI reading the nearest actor before "help" is its source.
  CoderOptions plain;
  plain.compose = false;
  out.clear();
  Coder(&d, plain).Code(s, &out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].source, 1);
  // A pronoun that stands for the whole compound source is the source.
  s = Tokens({"ALTANIA", "AND", "BORVIA", "PRESSED", "CORESIA", "TO", "HELP", "THEM"},
             {{0, 1, 0, "ALT"}, {2, 3, 1, "BOR"}, {4, 5, 2, "COR"}, {7, 8, 3, "ALT/BOR"}});
  out.clear();
  Coder(&d, o).Code(s, &out);
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(out[2].code, "092");
  EXPECT_EQ(out[2].target, 2);
  // A paired code without a target codes nothing for the missing side.
  s = Tokens({"ALTANIA", "MEETS", "."}, {{0, 1, 0, "ALT"}});
  out.clear();
  Coder(&d, o).Code(s, &out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].source, 0);
}

TEST(LegacyVerbsTest, TabariComplexityCounts) {
  VerbDictionary d = TabariVerbs("PRESS [102]\nHELP [092]\nSHOT_AND_KILLED [223]\n");
  CoderOptions o;
  o.tabari_reading = true;
  Coder coder(&d, o);
  // Two verbs; the "and" of the actor list and the one inside the verb
  // phrase split no clauses, the last one does.
  Complexity c = coder.Measure(Tokens(
      {"ALTANIA", "AND", "THE", "BORVIA", "PRESSED", "CORESIA", "AND", "SHOT", "AND", "KILLED", "BREE"},
      {{0, 1, 0, "ALT"}, {3, 4, 1, "BOR"}, {5, 6, 2, "COR"}, {10, 11, 3, "BRE"}}));
  EXPECT_EQ(c.verbs, 2);
  EXPECT_EQ(c.conjunctions, 1);
  EXPECT_TRUE(c.actor_before_first_verb);
  c = coder.Measure(Tokens({"THE", "HELP", "FOR", "CORESIA", "PRESSED", "BREE"},
                           {{3, 4, 0, "COR"}, {5, 6, 1, "BRE"}}));
  EXPECT_EQ(c.verbs, 1);  // "the help" is a noun.
  EXPECT_TRUE(c.actor_before_first_verb);
  c = coder.Measure(Tokens({"HELPING", "CORESIA", "AND", "BREE"}, {{1, 2, 0, "COR"}, {3, 4, 1, "BRE"}}));
  EXPECT_EQ(c.conjunctions, 0);
  EXPECT_FALSE(c.actor_before_first_verb);
}

TEST(LegacyVerbsTest, TabariCompoundNounPhrasesSplitNoClause) {
  // Manual 7.5.1: "<noun> and <adjective>* <noun>" (nouns and adjectives of
  // the actors files' lists, passed in as tags) is no clause break; two
  // unlisted words joined by "and" are.
  VerbDictionary d = TabariVerbs("HAIL_ [051]\n");
  CoderOptions o;
  o.tabari_reading = true;
  o.target_distinct_code = true;
  CoderSentence s = Tokens({"ALTANIA", "'S", "HENS", "AND", "FAT", "DUCKS", "OF", "BORVIA", "HAILED", "CORESIA"},
                           {{0, 1, 0, "ALT"}, {7, 8, 1, "BOR"}, {9, 10, 2, "COR"}});
  std::vector<CodedEvent> out;
  Coder(&d, o).Code(s, &out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].source, 1);  // "and" starts a clause: its first actor.
  s.tokens[2].upos = "NOUN";
  s.tokens[4].upos = "ADJ";
  s.tokens[5].upos = "NOUN";
  out.clear();
  Coder(&d, o).Code(s, &out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].source, 0);  // One clause: the sentence's first actor.
  EXPECT_EQ(Coder(&d, o).Measure(s).conjunctions, 0);
}

TEST(LegacyVerbsTest, TabariClauseCodesItsFirstEventWithATarget) {
  // CODE BY CLAUSE (manual 7.6): the target is looked for in the verb's
  // clause; a verb without one makes no event, and the clause's next verb
  // is tried.
  VerbDictionary d = TabariVerbs("PRESS [102]\nPRAISE [041]\nSCOLD [111]\n");
  CoderOptions o;
  o.tabari_reading = true;
  o.target_distinct_code = true;
  o.compose = false;
  o.one_per_clause = true;
  o.clause_event_needs_target = true;
  CoderSentence s = Tokens({"ALTANIA", "PRESSED", "HARD", "TO", "PRAISE", "OR", "SCOLD", "CORESIA"},
                           {{0, 1, 0, "ALT"}, {7, 8, 1, "COR"}});
  std::vector<CodedEvent> out;
  Coder(&d, o).Code(s, &out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].code, "111");
  EXPECT_EQ(out[0].source, 0);
  EXPECT_EQ(out[0].target, 1);
  s = Tokens({"ALTANIA", "PRESSED", "HARD", "TO", "PRAISE", "CORESIA", "OR", "SCOLD", "BREE"},
             {{0, 1, 0, "ALT"}, {5, 6, 1, "COR"}, {8, 9, 2, "BRE"}});
  out.clear();
  Coder(&d, o).Code(s, &out);
  ASSERT_EQ(out.size(), 2u);
  // PRESSED takes CORESIA (its clause runs to OR); PRAISE is the same clause.
  EXPECT_EQ(out[0].code, "102");
  EXPECT_EQ(out[0].target, 1);
  EXPECT_EQ(out[1].code, "111");
  EXPECT_EQ(out[1].target, 2);
}

}  // namespace
}  // namespace dyad::code
