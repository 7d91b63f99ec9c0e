// The actors stage with a gazetteer that is good, and one that is not.
#include <gtest/gtest.h>

#include <filesystem>

#include "geo/gazetteer_builder.h"
#include "pipeline/stages.h"
#include "tests/test_util.h"
#include "text/segmenter.h"
#include "util/files.h"

namespace dyad::internal {
namespace {

// A data directory with the invented test world as its dictionaries and
// `gazetteer` as geo/gazetteer.bin.
void MakeDataDir(const testing::TempDir& dir, const std::string& gazetteer) {
  auto world = ReadFile(std::string(DYAD_TEST_FIXTURES) + "/dict/world.dyad");
  ASSERT_TRUE(world.ok());
  std::filesystem::create_directories(dir.File("dict"));
  std::filesystem::create_directories(dir.File("geo"));
  ASSERT_TRUE(WriteFile(dir.File("dict/world.dyad"), *world).ok());
  ASSERT_TRUE(WriteFile(dir.File("geo/gazetteer.bin"), gazetteer).ok());
}

AnalyzedDocument RunStage(const std::string& data_dir, const std::string& text) {
  PipelineOptions opts;
  opts.data_dir = data_dir;
  auto stage = MakeActorsStage(opts);
  EXPECT_TRUE(stage.ok()) << stage.status().ToString();
  AnalyzedDocument doc;
  doc.document.id = "d1";
  doc.document.text = text;
  doc.sentences = text::Segment(doc.document);
  if (stage.ok()) EXPECT_TRUE((*stage)->Run(&doc).ok());
  return doc;
}

TEST(ActorsStage, CodesCitiesWithAGoodGazetteer) {
  testing::TempDir dir;
  geo::GazetteerBuilder b;
  b.Add({.name = "Brenholm", .country = "OST", .admin1 = "01", .geonames_id = 1,
         .population = 250000});
  MakeDataDir(dir, b.Serialize());
  AnalyzedDocument doc = RunStage(dir.path(), "Valdorian police raided Brenholm.");
  EXPECT_TRUE(doc.document.warnings.empty());
  ASSERT_EQ(doc.mentions.size(), 2u);
  EXPECT_EQ(doc.mentions[1].code.code, "OST");
}

TEST(ActorsStage, AnUnreadableGazetteerIsAWarningNotAFailure) {
  testing::TempDir dir;
  MakeDataDir(dir, "not a gazetteer");
  AnalyzedDocument doc = RunStage(dir.path(), "Valdorian police raided Brenholm.");
  // The dictionaries still code; only the cities are off, and the document says so.
  ASSERT_EQ(doc.mentions.size(), 1u);
  EXPECT_EQ(doc.mentions[0].code.code, "VLDCOP");
  ASSERT_EQ(doc.document.warnings.size(), 1u);
  EXPECT_NE(doc.document.warnings[0].find("cannot read the gazetteer"), std::string::npos)
      << doc.document.warnings[0];
  EXPECT_NE(doc.document.warnings[0].find("cities are not coded"), std::string::npos);
}

}  // namespace
}  // namespace dyad::internal
