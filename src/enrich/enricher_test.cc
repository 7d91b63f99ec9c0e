#include "enrich/enricher.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "geo/gazetteer.h"
#include "text/segmenter.h"

namespace dyad::enrich {
namespace {

// A release in the shape of the seed example, in our own words: a caption
// with its own date, a dateline, dated paragraphs and a threat stated twice.
const char* kRelease =
    "Skip to main content\n"
    "The president greets the regional governor at the Kremlin in Moscow, Russia "
    "April 11, 2017. (c) 2017 Agency\n"
    "(Moscow) \xE2\x80\x93 The president should rebuke the governor, the group said today.\n"
    "On August 20, 2018, young Chechen men attacked a police checkpoint. On August 23, the "
    "governor pledged to punish their families and threatened rights activists.\n"
    "The governor warned that activists would be banned. \"Activists will be banned,\" the "
    "governor warned.";

class EnricherTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string path = geo::FindGazetteerFile("");
    if (path.empty()) return;
    auto g = geo::Gazetteer::Load(path);
    if (g.ok()) gaz_ = new geo::Gazetteer(std::move(g).value());
  }
  static void TearDownTestSuite() {
    delete gaz_;
    gaz_ = nullptr;
  }

  AnalyzedDocument Make(const std::string& date) {
    AnalyzedDocument a;
    a.document.id = "rel";
    a.document.date = date;
    a.document.text = kRelease;
    std::uint32_t start = 0;
    const std::string& t = a.document.text;
    for (std::uint32_t i = 0; i <= t.size(); ++i) {
      if (i == t.size() || t[i] == '\n') {
        a.document.blocks.push_back({{start, i}, BlockKind::kParagraph});
        start = i + 1;
      }
    }
    a.sentences = text::Segment(a.document);
    return a;
  }

  // Adds an event on the n-th occurrence of `trigger`.
  Event& AddEvent(AnalyzedDocument* a, const std::string& trigger, int nth = 1) {
    std::size_t p = 0;
    for (int i = 0; i < nth; ++i) p = a->document.text.find(trigger, i ? p + 1 : 0);
    Event e;
    e.trigger = {static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(p + trigger.size())};
    e.trigger_text = trigger;
    for (std::uint32_t s = 0; s < a->sentences.size(); ++s) {
      if (a->sentences[s].span.begin <= p && p < a->sentences[s].span.end) e.sentence = s;
    }
    e.source.present = e.target.present = true;
    e.source.text = "the governor";
    e.source.code.code = "RUSGOV";
    e.source.code.country = "RUS";
    e.target.text = "activists";
    e.target.code.code = "RUSHRI";
    e.target.code.country = "RUS";
    e.cameo = "130";
    e.root = "13";
    a->events.push_back(e);
    return a->events.back();
  }

  static geo::Gazetteer* gaz_;
};

geo::Gazetteer* EnricherTest::gaz_ = nullptr;

TEST_F(EnricherTest, DatesWithTheDocumentDate) {
  AnalyzedDocument a = Make("2018-09-04");
  for (const char* t : {"greets", "rebuke", "attacked", "pledged", "threatened"}) AddEvent(&a, t);
  Enricher(gaz_).EnrichAll(&a);
  const auto& ev = a.events;
  EXPECT_EQ(ev[0].date, "2017-04-11");
  EXPECT_EQ(ev[0].date_from, "sentence");
  EXPECT_EQ(ev[1].date, "2018-09-04");
  EXPECT_EQ(ev[1].date_from, "sentence");  // "said today" dates the clause
  EXPECT_EQ(ev[2].date, "2018-08-20");
  EXPECT_EQ(ev[3].date, "2018-08-23");
  EXPECT_EQ(ev[3].date_from, "sentence");
  EXPECT_EQ(ev[4].date, "2018-08-23");
  EXPECT_EQ(ev[4].date_precision, "day");
}

TEST_F(EnricherTest, DatesWithoutADocumentDateComeFromTheNarrative) {
  AnalyzedDocument a = Make("");
  for (const char* t : {"greets", "attacked", "pledged", "warned"}) AddEvent(&a, t);
  Enricher(gaz_).EnrichAll(&a);
  EXPECT_EQ(a.events[0].date, "2017-04-11");
  EXPECT_EQ(a.events[1].date, "2018-08-20");
  EXPECT_EQ(a.events[2].date, "2018-08-23");
  EXPECT_EQ(a.events[2].date_from, "inferred");
  // Nothing dates the warning: no date rather than a made-up one.
  EXPECT_EQ(a.events[3].date, "");
  EXPECT_EQ(a.events[3].date_from, "");
}

TEST_F(EnricherTest, PlacesFollowTheCascade) {
  if (!gaz_) GTEST_SKIP() << "no compiled gazetteer";
  AnalyzedDocument a = Make("2018-09-04");
  for (const char* t : {"greets", "attacked", "rebuke"}) AddEvent(&a, t);
  Enricher(gaz_).EnrichAll(&a);
  ASSERT_TRUE(a.events[0].place.has_value());
  EXPECT_EQ(a.events[0].place->name, "Moscow");
  EXPECT_EQ(a.events[0].place->from, "locative");
  EXPECT_EQ(a.events[0].place->geonames_id, 524901);
  ASSERT_TRUE(a.events[1].place.has_value());
  EXPECT_EQ(a.events[1].place->name, "Chechnya");
  EXPECT_EQ(a.events[1].place->from, "clause");
  ASSERT_TRUE(a.events[2].place.has_value());
  EXPECT_EQ(a.events[2].place->name, "Moscow");
  EXPECT_EQ(a.events[2].place->from, "dateline");
}

TEST_F(EnricherTest, ActorCountryIsTheLastResort) {
  AnalyzedDocument a;
  a.document.id = "x";
  a.document.text = "The governor warned activists.";
  a.sentences = text::Segment(a.document);
  AddEvent(&a, "warned");
  Enricher(gaz_).EnrichAll(&a);
  ASSERT_TRUE(a.events[0].place.has_value());
  EXPECT_EQ(a.events[0].place->country, "RUS");
  EXPECT_EQ(a.events[0].place->from, "actor_country");
}

TEST_F(EnricherTest, OneThreatStatedTwiceSharesAKey) {
  AnalyzedDocument a = Make("2018-09-04");
  AddEvent(&a, "threatened");     // 2018-08-23
  AddEvent(&a, "warned", 1);      // release date
  AddEvent(&a, "warned", 2);      // the same threat, quoted
  Event& other = AddEvent(&a, "warned", 2);
  other.target.code.code = "RUSCVL";  // a different target: a different act
  for (std::uint32_t i = 0; i < a.events.size(); ++i) a.events[i].index = i;
  Enricher(gaz_).EnrichAll(&a);
  EXPECT_EQ(a.events[1].event_key, a.events[2].event_key);
  EXPECT_NE(a.events[0].event_key, a.events[1].event_key);
  EXPECT_NE(a.events[3].event_key, a.events[1].event_key);
  EXPECT_EQ(a.events[0].event_key, "rel:" + std::to_string(a.events[0].sentence) + ":0");
}

TEST_F(EnricherTest, AnAnaphorIsWhoItRefersTo) {
  AnalyzedDocument a = Make("2018-09-04");
  AddEvent(&a, "warned", 1);
  Event& quoted = AddEvent(&a, "warned", 2);
  // "... banned for them": the target is a pronoun standing for activists.
  quoted.target.text = "them";
  quoted.target.refers_to = "rights activists";
  // Two organisations that "the groups" stands for are two actors.
  Event& g1 = AddEvent(&a, "warned", 2);
  g1.source.text = "the groups";
  g1.source.refers_to = "Memorial";
  Event& g2 = AddEvent(&a, "warned", 2);
  g2.source.text = "the groups";
  g2.source.refers_to = "Amnesty International";
  for (std::uint32_t i = 0; i < a.events.size(); ++i) a.events[i].index = i;
  Enricher(gaz_).EnrichAll(&a);
  EXPECT_EQ(a.events[0].event_key, a.events[1].event_key);
  EXPECT_NE(a.events[2].event_key, a.events[3].event_key);
}

TEST_F(EnricherTest, PloverFromTheCodebookAndContextsFromTheSentence) {
  AnalyzedDocument a = Make("2018-09-04");
  AddEvent(&a, "threatened");
  Enricher(gaz_).EnrichAll(&a);
  EXPECT_EQ(a.events[0].plover.event, "THREATEN");
  EXPECT_NE(std::find(a.events[0].plover.context.begin(), a.events[0].plover.context.end(),
                      "human_rights"),
            a.events[0].plover.context.end());
}

}  // namespace
}  // namespace dyad::enrich
