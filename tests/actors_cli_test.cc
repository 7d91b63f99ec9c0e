// End-to-end tests of `dyad dict` and `dyad actors`, and guarded tests of the
// PETRARCH/TABARI importers on the shared reference dictionaries.
#include <gtest/gtest.h>

#include <filesystem>

#include "actors/actor_dictionary.h"
#include "actors/dyad_format.h"
#include "tests/test_util.h"
#include "util/files.h"

namespace dyad {
namespace {

using testing::RunDyad;
using testing::TempDir;

const std::string kFixtures = DYAD_TEST_FIXTURES;

TEST(DictCli, CheckReportsErrorsWithLinesAndKeepsLoading) {
  auto r = RunDyad("dict check " + kFixtures + "/dict/broken.dyad");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("broken.dyad:4: unknown keyword 'colour'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("broken.dyad:5: actor 'no_names' has no surface form"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("broken.dyad:9: bad date range '2015..2010'"), std::string::npos) << r.err;
  // The good parts loaded: one country and one actor.
  EXPECT_NE(r.out.find("actors 1, agents 0, countries 1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("errors 3"), std::string::npos) << r.out;
}

TEST(DictCli, CheckAndCompileAGoodFile) {
  auto r = RunDyad("dict check " + kFixtures + "/dict/world.dyad");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("errors 0"), std::string::npos);
  r = RunDyad("dict compile " + kFixtures + "/dict/world.dyad");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("load: parse"), std::string::npos) << r.out;
}

TEST(DictCli, CheckSaysWhetherCitiesAreOn) {
  TempDir dir;
  std::filesystem::create_directories(dir.File("dict"));
  std::filesystem::create_directories(dir.File("geo"));
  auto world = ReadFile(kFixtures + "/dict/world.dyad");
  ASSERT_TRUE(world.ok());
  ASSERT_TRUE(WriteFile(dir.File("dict/world.dyad"), *world).ok());
  ASSERT_TRUE(WriteFile(dir.File("geo/gazetteer.bin"), "not a gazetteer").ok());
  auto r = RunDyad("dict check --data " + dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("cities: off (cannot read the gazetteer"), std::string::npos) << r.out;
  // The user's own files code no cities, so nothing is said about them.
  r = RunDyad("dict check " + kFixtures + "/dict/world.dyad");
  EXPECT_EQ(r.out.find("cities:"), std::string::npos) << r.out;
}

TEST(DictCli, ImportPetrarchRoundTripsThroughCheck) {
  TempDir dir;
  ASSERT_TRUE(WriteFile(dir.File("my.actors.txt"),
                        "VALDORIA_ [VLD]\n+VALDORIAN_\nANNA_BROOK_\n\t[VLDGOV 100101-150630]\n"
                        "BROKEN_ [VLDGOV 100101\n")
                  .ok());
  ASSERT_TRUE(WriteFile(dir.File("my.agents.txt"), "CONSTABLE [~COP]\nNOCODE\n").ok());
  auto r = RunDyad("dict import --output " + dir.File("out.dyad") + " " +
                   dir.File("my.actors.txt") + " " + dir.File("my.agents.txt"));
  EXPECT_EQ(r.exit_code, 1);  // Two lines had errors ...
  EXPECT_NE(r.err.find("my.actors.txt:5: '[' without ']'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("my.agents.txt:2: agent without a [code]"), std::string::npos) << r.err;
  auto text = ReadFile(dir.File("out.dyad"));  // ... and the rest converted.
  ASSERT_TRUE(text.ok());
  EXPECT_NE(text->find("role VLDGOV 2010-01-01..2015-06-30"), std::string::npos) << *text;
  EXPECT_NE(text->find("agent COP"), std::string::npos) << *text;
  r = RunDyad("dict check " + dir.File("out.dyad"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("actors 3, agents 1"), std::string::npos) << r.out;
}

TEST(ActorsCli, ListsMentionsAsJsonl) {
  TempDir dir;
  ASSERT_TRUE(WriteFile(dir.File("in.txt"),
                        "Valdorian police detained Mark Stone, head of Kestria.\n")
                  .ok());
  std::string dict = " --dict " + kFixtures + "/dict/world.dyad ";
  auto r = RunDyad("actors" + dict + dir.File("in.txt"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"text\":\"Valdorian police\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"code\":\"VLDCOP\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"how\":\"apposition\""), std::string::npos) << r.out;
  r = RunDyad("actors --format text" + dict + dir.File("in.txt"));
  EXPECT_NE(r.out.find("Mark Stone\tVLDGOV\tapposition"), std::string::npos) << r.out;
}

// The reference dictionaries in shared/data load with every line PETRARCH
// accepts; the only errors are lines PETRARCH rejects too.
TEST(LegacyDictionaries, PhoenixLoads) {
  if (!testing::SharedDataAvailable()) GTEST_SKIP() << "../shared/data is not there";
  std::string dir = testing::SharedData("events/dictionaries/petrarch2");
  using actors::DictFormat;
  auto dict = actors::ActorDictionary::LoadFiles(
      {{dir + "/Phoenix.Countries.actors.txt", DictFormat::kPetrarchActors},
       {dir + "/Phoenix.International.actors.txt", DictFormat::kPetrarchActors},
       {dir + "/Phoenix.MilNonState.actors.txt", DictFormat::kPetrarchActors},
       {dir + "/Phoenix.agents.txt", DictFormat::kPetrarchAgents}});
  ASSERT_TRUE(dict.ok()) << dict.status().ToString();
  auto s = (*dict)->stats();
  EXPECT_GT(s.actors, 25000u);
  EXPECT_GT(s.agents, 50u);
  // Phoenix.agents.txt has one phrase without a [code]; PETRARCH skips it too.
  ASSERT_EQ(s.errors, 1u);
  const auto& d = (*dict)->diagnostics();
  auto err = std::find_if(d.begin(), d.end(), [](const auto& x) { return !x.warning; });
  EXPECT_NE(err->message.find("without a [code]"), std::string::npos);
  std::vector<std::string_view> toks = {"Afghan", "police", "arrested", "Hamid", "Karzai"};
  auto coded = (*dict)->CodeTokens(std::span<const std::string_view>(toks), 20050101);
  ASSERT_GE(coded.size(), 2u);
  EXPECT_EQ(coded[0].code.code, "AFGCOP");
}

// `dyad dict import` output of Phoenix reads back without errors.
TEST(LegacyDictionaries, PhoenixConvertsToTheDyadFormat) {
  if (!testing::SharedDataAvailable()) GTEST_SKIP() << "../shared/data is not there";
  std::string dir = testing::SharedData("events/dictionaries/petrarch2");
  actors::DictionaryData data;
  for (const char* f : {"Phoenix.International.actors.txt", "Phoenix.agents.txt"}) {
    std::string path = dir + "/" + f;
    ASSERT_TRUE(actors::LoadDictFile({path, actors::GuessDictFormat(path)}, &data).ok());
  }
  actors::DictionaryData back;
  actors::ParseDyadText(actors::WriteDyad(data), "converted.dyad", ".", &back);
  EXPECT_EQ(back.num_errors(), 0u) << back.diagnostics[0].ToString();
  EXPECT_EQ(back.entries.size(), data.entries.size());
}

TEST(LegacyDictionaries, ValidationSuitesLoad) {
  if (!testing::SharedDataAvailable()) GTEST_SKIP() << "../shared/data is not there";
  std::string gold = testing::SharedData("events/gold");
  for (const char* f : {"petrarch-unittest/PETR.Validate.actors.txt",
                        "petrarch-unittest/PETR.Validate.agents.txt",
                        "udpetrarch-functional/PETR_Validate_actors_2_02.txt",
                        "udpetrarch-functional/PETR_Validate_agents_2_02.txt",
                        "tabari-validate/Validate.agents"}) {
    std::string path = gold + "/" + f;
    auto dict = actors::ActorDictionary::LoadFiles({{path, actors::GuessDictFormat(path)}});
    ASSERT_TRUE(dict.ok()) << path;
    EXPECT_EQ((*dict)->stats().errors, 0u) << path;
    EXPECT_GT((*dict)->stats().forms, 20u) << path;
  }
  // TABARI's demo dictionary keeps its broken code blocks on "#" lines,
  // which are comments (TABARI manual 5.2).
  std::string demo = gold + "/tabari-validate/TABARI.Demo.actors";
  auto dict = actors::ActorDictionary::LoadFiles({{demo, actors::GuessDictFormat(demo)}});
  ASSERT_TRUE(dict.ok());
  EXPECT_EQ((*dict)->stats().errors, 0u);
  EXPECT_GT((*dict)->stats().actors, 100u);
}

}  // namespace
}  // namespace dyad
