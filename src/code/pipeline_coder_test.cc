// The coder inside the whole pipeline (segmenter, tagger, parser, actors,
// enrich) with the shipped models and dictionaries, on text written for
// dyad: the bundled example release and short sentences of our own. These
// check the mechanisms end to end; the other stages are other engineers'
// work, so each expectation names the mechanism it is about.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dyad/pipeline.h"

namespace dyad {
namespace {

std::string RepoRoot() {
  std::string root = DYAD_TEST_FIXTURES;
  return root.substr(0, root.rfind("/tests/fixtures"));
}

// "SOURCE_TEXT>TARGET_TEXT CODE modality" per event.
std::vector<std::string> Code(const std::string& text) {
  static auto* pipeline = [] {
    auto p = Pipeline::Create(PipelineOptions{});
    return p.ok() ? std::move(p).value().release() : nullptr;
  }();
  std::vector<std::string> out;
  if (!pipeline) return {"no pipeline"};
  Document doc;
  doc.id = "t";
  doc.text = text;
  auto r = pipeline->Run(std::move(doc));
  if (!r.ok()) return {r.status().ToString()};
  for (const Event& e : r->events) {
    out.push_back((e.source.present ? e.source.text : "---") + ">" +
                  (e.target.present ? e.target.text : "---") + " " + e.cameo + " " +
                  ModalityName(e.modality));
  }
  return out;
}

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(PipelineCoderTest, ExampleRelease) {
  std::ifstream in(RepoRoot() + "/examples/ngo-release.txt");
  ASSERT_TRUE(in) << "examples/ngo-release.txt";
  std::stringstream ss;
  ss << in.rdbuf();
  auto ev = Code(ss.str());
  // A place in a locative phrase ("at her home in Minsk") is no target.
  EXPECT_THAT(ev, Not(Contains(HasSubstr(">Minsk 173"))));
  // "The groups" stands for the organisations named before.
  EXPECT_THAT(ev, Contains(HasSubstr("The groups>President Lukashenko 02")));
  // "these arrests", inside an appeal, is no new arrest by the EU.
  EXPECT_THAT(ev, Not(Contains(HasSubstr("European Union>--- 173"))));
  // "beat" is coded whatever the tagger made of it.
  EXPECT_THAT(ev, Contains("riot police>protesters 182 asserted"));
}

TEST(PipelineCoderTest, QuotedBanAgainstAPronounIsAThreatBySpeaker) {
  auto ev = Code(
      "The governor met opposition activists on Monday. \"Once the vote is over, this city "
      "will be a forbidden zone for them,\" the governor said.");
  EXPECT_THAT(ev, Contains("governor>them 132 asserted"));
}

TEST(PipelineCoderTest, AuthorOfAStatementThreatening) {
  auto ev = Code(
      "The minister should condemn recent remarks by General Ivan Petrov, the army chief, "
      "threatening local journalists, the union said.");
  int threats = 0;
  for (const auto& e : ev) {
    if (e.find(" 13") == std::string::npos) continue;
    ++threats;
    EXPECT_THAT(e, HasSubstr("Petrov>")) << e;  // Not the minister's.
  }
  EXPECT_EQ(threats, 1);
}

}  // namespace
}  // namespace dyad
