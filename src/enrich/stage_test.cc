// The enrich stage through its factory, on a document of our own.
#include <gtest/gtest.h>

#include <filesystem>

#include "pipeline/stages.h"
#include "tests/test_util.h"
#include "util/files.h"
#include "text/segmenter.h"

namespace dyad::internal {
namespace {

TEST(EnrichStageTest, FillsEveryEvent) {
  auto stage = MakeEnrichStage(PipelineOptions{});
  ASSERT_TRUE(stage.ok()) << stage.status().ToString();
  ASSERT_NE(stage->get(), nullptr);
  EXPECT_EQ((*stage)->id(), StageId::kEnrich);

  AnalyzedDocument a;
  a.document.id = "d";
  a.document.date = "2019-03-15";
  a.document.text = "Police in Minsk detained two journalists on Tuesday. The group protested.";
  a.sentences = text::Segment(a.document);
  ASSERT_EQ(a.sentences.size(), 2u);
  for (const char* trigger : {"detained", "protested"}) {
    Event e;
    std::size_t p = a.document.text.find(trigger);
    e.trigger = {static_cast<std::uint32_t>(p),
                 static_cast<std::uint32_t>(p + std::string(trigger).size())};
    e.sentence = p < a.sentences[0].span.end ? 0 : 1;
    e.cameo = e.sentence == 0 ? "173" : "140";
    a.events.push_back(e);
  }
  ASSERT_TRUE((*stage)->Run(&a).ok());
  EXPECT_EQ(a.events[0].date, "2019-03-12");
  EXPECT_EQ(a.events[0].date_from, "sentence");
  EXPECT_EQ(a.events[1].date, "2019-03-15");
  EXPECT_EQ(a.events[1].date_from, "document");
  EXPECT_EQ(a.events[0].plover.event, "COERCE");
  EXPECT_EQ(a.events[0].plover.mode, "arrest");
  EXPECT_FALSE(a.events[0].event_key.empty());
  EXPECT_NE(a.events[0].event_key, a.events[1].event_key);
  // The build compiles the gazetteer before the tests.
  ASSERT_TRUE(a.events[0].place.has_value());
  EXPECT_EQ(a.events[0].place->name, "Minsk");
  EXPECT_EQ(a.events[0].place->country, "BLR");
  EXPECT_EQ(a.events[0].place->from, "locative");
}

TEST(EnrichStageTest, NoEventsNoWork) {
  auto stage = MakeEnrichStage(PipelineOptions{});
  ASSERT_TRUE(stage.ok());
  AnalyzedDocument a;
  a.document.text = "Nothing happened.";
  a.sentences = text::Segment(a.document);
  ASSERT_TRUE((*stage)->Run(&a).ok());
  EXPECT_TRUE(a.events.empty());
  EXPECT_TRUE(a.document.warnings.empty());
}

TEST(EnrichStageTest, AnUnreadableGazetteerIsAWarningNotAFailure) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.File("geo"));
  ASSERT_TRUE(WriteFile(dir.File("geo/gazetteer.bin"), "not a gazetteer").ok());
  PipelineOptions opts;
  opts.data_dir = dir.path();
  auto stage = MakeEnrichStage(opts);
  ASSERT_TRUE(stage.ok()) << stage.status().ToString();
  AnalyzedDocument a;
  a.document.id = "d";
  a.document.date = "2019-03-15";
  a.document.text = "Police in Minsk detained two journalists on Tuesday.";
  a.sentences = text::Segment(a.document);
  Event e;
  e.trigger = {16, 24};
  e.cameo = "173";
  a.events.push_back(e);
  ASSERT_TRUE((*stage)->Run(&a).ok());
  EXPECT_EQ(a.events[0].date, "2019-03-12");  // dates do not need the gazetteer
  ASSERT_EQ(a.document.warnings.size(), 1u);
  EXPECT_NE(a.document.warnings[0].find("cannot read the gazetteer"), std::string::npos)
      << a.document.warnings[0];
  EXPECT_NE(a.document.warnings[0].find("places come from actors only"), std::string::npos);
}

}  // namespace
}  // namespace dyad::internal
