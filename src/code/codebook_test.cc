#include "code/codebook.h"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "gtest/gtest.h"

namespace dyad::code {
namespace {

TEST(CodebookTest, KnownCodes) {
  const CameoInfo* arrest = LookupCameo("173");
  ASSERT_NE(arrest, nullptr);
  EXPECT_EQ(arrest->root, "17");
  EXPECT_EQ(arrest->quad, 4);
  EXPECT_LT(arrest->goldstein, 0);
  EXPECT_EQ(arrest->plover_event, "COERCE");
  EXPECT_EQ(arrest->plover_mode, "arrest");

  const CameoInfo* appeal = LookupCameo("0253");
  ASSERT_NE(appeal, nullptr);
  EXPECT_EQ(appeal->root, "02");
  EXPECT_EQ(appeal->quad, 1);

  ASSERT_NE(LookupCameo("18"), nullptr);
  EXPECT_EQ(LookupCameo("18")->plover_event, "ASSAULT");
  EXPECT_EQ(LookupCameo("999"), nullptr);
  EXPECT_EQ(LookupCameo(""), nullptr);
}

TEST(CodebookTest, EveryRootPresentAndConsistent) {
  for (int r = 1; r <= 20; ++r) {
    char root[3];
    std::snprintf(root, sizeof root, "%02d", r);
    ASSERT_NE(LookupCameo(root), nullptr) << root;
  }
  for (const CameoInfo& e : AllCameoCodes()) {
    EXPECT_EQ(e.code.substr(0, 2), e.root) << e.code;
    EXPECT_GE(e.goldstein, -10);
    EXPECT_LE(e.goldstein, 10);
    EXPECT_GE(e.quad, 1);
    EXPECT_LE(e.quad, 4);
  }
}

// The compiled table must match the shipped data/codebook/cameo.tsv.
TEST(CodebookTest, CompiledTableMatchesTsv) {
  std::string root = DYAD_TEST_FIXTURES;
  root = root.substr(0, root.rfind("/tests/fixtures"));
  std::ifstream in(root + "/data/codebook/cameo.tsv");
  ASSERT_TRUE(in.good());
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream f(line);
    std::string code, root, gold;
    std::getline(f, code, '\t');
    std::getline(f, root, '\t');
    std::getline(f, gold, '\t');
    const CameoInfo* e = LookupCameo(code);
    ASSERT_NE(e, nullptr) << code;
    EXPECT_EQ(e->root, root);
    EXPECT_DOUBLE_EQ(e->goldstein, std::stod(gold));
    ++n;
  }
  EXPECT_EQ(static_cast<std::size_t>(n), AllCameoCodes().size());
}

TEST(CodebookTest, FillEvent) {
  Event e;
  e.cameo = "1823";
  ASSERT_TRUE(FillFromCodebook(&e));
  EXPECT_EQ(e.root, "18");
  EXPECT_EQ(e.quad, 4);
  EXPECT_EQ(e.plover.event, "ASSAULT");
  e.cameo = "75A";
  EXPECT_FALSE(FillFromCodebook(&e));
}

}  // namespace
}  // namespace dyad::code
