#include "actors/dyad_format.h"

#include <gtest/gtest.h>

#include "tests/test_util.h"
#include "util/files.h"

namespace dyad::actors {
namespace {

const Entry* FindEntry(const DictionaryData& d, const std::string& id) {
  for (const auto& e : d.entries) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

std::vector<std::string> Surfaces(const DictionaryData& d, const std::string& id, FormKind kind) {
  std::vector<std::string> out;
  for (const auto& f : d.forms) {
    if (d.entries[f.entry].id == id && f.kind == kind) out.push_back(f.surface);
  }
  return out;
}

TEST(DyadFormat, ParsesEveryBlockKind) {
  DictionaryData d;
  ParseDyadText(R"(
# a comment
actor lund_tove            # inline comment
  name Tove Lund
  name Lund
  role NORGOV 2003-02..2009-06 note=minister of hats
  role NORGOV 2015..
actor friends_of_wombats
  name Friends of Wombats
  code NGOENV
agent COP
  name constable
  plural constabulary
  title Constable
agent -
  name spokesperson
country NOR
  name Norway
  adjective Norwegian
  demonym Norwegians
  capital Oslo
region NOR Finnmark
  adjective Finnmarkian
  iso NO-56
city NOR Bergen
)",
                "t.dyad", ".", &d);
  EXPECT_TRUE(d.diagnostics.empty()) << d.diagnostics[0].ToString();
  ASSERT_EQ(d.entries.size(), 7u);
  const Entry* lund = FindEntry(d, "lund_tove");
  ASSERT_NE(lund, nullptr);
  EXPECT_EQ(lund->actor_kind, ActorKind::kPerson);  // inferred from role
  ASSERT_EQ(lund->codes.size(), 2u);
  EXPECT_EQ(lund->codes[0].code, "NORGOV");
  EXPECT_EQ(lund->codes[0].from, 20030200);
  EXPECT_EQ(lund->codes[0].to, 20090699);
  EXPECT_EQ(lund->codes[0].note, "minister of hats");
  EXPECT_EQ(lund->codes[1].from, 20150000);
  EXPECT_EQ(lund->codes[1].to, kDateMax);
  EXPECT_TRUE(lund->codes[0].Holds(20050101));
  EXPECT_FALSE(lund->codes[0].Holds(20100101));
  EXPECT_TRUE(lund->codes[0].Holds(kUnknownDate));
  EXPECT_EQ(FindEntry(d, "friends_of_wombats")->actor_kind, ActorKind::kOrg);
  EXPECT_EQ(Surfaces(d, "COP", FormKind::kPlural),
            (std::vector<std::string>{"constables", "constabulary"}));
  EXPECT_EQ(Surfaces(d, "COP", FormKind::kTitle), (std::vector<std::string>{"Constable"}));
  const Entry* nul = FindEntry(d, "");
  ASSERT_NE(nul, nullptr);
  EXPECT_EQ(nul->kind, EntryKind::kAgent);
  EXPECT_EQ(Surfaces(d, "NOR", FormKind::kDemonym), (std::vector<std::string>{"Norwegians"}));
  EXPECT_EQ(Surfaces(d, "NOR", FormKind::kCapital), (std::vector<std::string>{"Oslo"}));
  const Entry* fin = FindEntry(d, "Finnmark");
  ASSERT_NE(fin, nullptr);
  EXPECT_EQ(fin->country, "NOR");
  EXPECT_EQ(fin->iso, "NO-56");
  EXPECT_EQ(Surfaces(d, "Finnmark", FormKind::kName), (std::vector<std::string>{"Finnmark"}));
  EXPECT_EQ(FindEntry(d, "Bergen")->kind, EntryKind::kCity);
}

TEST(DyadFormat, ReportsErrorsWithLineNumbersAndContinues) {
  DictionaryData d;
  ParseDyadText(R"(name Orphan
actor good_one
  name Good One
  frobnicate yes
  code Nor-Gov
  role NORGOV
  role NORGOV 2010..2009
  code NORGOV
actor Bad-Id
  name Never Seen
actor good_one
  name Duplicate
actor empty_one
  code NORGOV
country NO
agent COP
  adjective Copper
  name copper
)",
                "bad.dyad", ".", &d);
  std::vector<int> lines;
  for (const auto& diag : d.diagnostics) lines.push_back(diag.line);
  EXPECT_EQ(lines, (std::vector<int>{1, 4, 5, 6, 7, 9, 11, 13, 15, 17}));
  EXPECT_EQ(d.diagnostics[1].ToString(), "bad.dyad:4: unknown keyword 'frobnicate'");
  // The good entries survived.
  ASSERT_NE(FindEntry(d, "good_one"), nullptr);
  EXPECT_EQ(FindEntry(d, "good_one")->codes.size(), 1u);
  EXPECT_EQ(Surfaces(d, "good_one", FormKind::kName), (std::vector<std::string>{"Good One"}));
  EXPECT_EQ(Surfaces(d, "COP", FormKind::kName), (std::vector<std::string>{"copper"}));
  EXPECT_EQ(FindEntry(d, "empty_one"), nullptr);
}

TEST(DyadFormat, IncludesResolveRelativeAndDetectCycles) {
  testing::TempDir dir;
  ASSERT_TRUE(WriteFile(dir.File("a.dyad"), "include b.dyad\ninclude missing.dyad\n").ok());
  ASSERT_TRUE(WriteFile(dir.File("b.dyad"), "country NOR\n name Norway\ninclude a.dyad\n").ok());
  DictionaryData d;
  ASSERT_TRUE(ParseDyadFile(dir.File("a.dyad"), &d).ok());
  ASSERT_EQ(d.entries.size(), 1u);
  ASSERT_EQ(d.diagnostics.size(), 2u);
  EXPECT_NE(d.diagnostics[0].message.find("cycle"), std::string::npos);
  EXPECT_EQ(d.diagnostics[0].line, 3);
  EXPECT_NE(d.diagnostics[1].message.find("missing.dyad"), std::string::npos);
  EXPECT_EQ(d.diagnostics[1].line, 2);
  EXPECT_FALSE(ParseDyadFile(dir.File("nope.dyad"), &d).ok());
}

TEST(DyadFormat, WriteThenReadRoundTrips) {
  DictionaryData d;
  ParseDyadText(R"(actor lund_tove
  name Tove Lund
  role NORGOV 2003-02..2009-06-30
actor org_with_dates
  name Dated Org
  code NGOHRI ..2012
agent MIL
  name soldier
  plural soldiery
region NOR Finnmark
  name Finnmark County
)",
                "t.dyad", ".", &d);
  ASSERT_TRUE(d.diagnostics.empty());
  std::string text = WriteDyad(d);
  DictionaryData back;
  ParseDyadText(text, "back.dyad", ".", &back);
  EXPECT_TRUE(back.diagnostics.empty()) << text;
  ASSERT_EQ(back.entries.size(), d.entries.size()) << text;
  ASSERT_EQ(back.forms.size(), d.forms.size()) << text;
  for (size_t i = 0; i < d.entries.size(); ++i) {
    EXPECT_EQ(back.entries[i].id, d.entries[i].id);
    EXPECT_EQ(back.entries[i].actor_kind, d.entries[i].actor_kind) << d.entries[i].id;
    ASSERT_EQ(back.entries[i].codes.size(), d.entries[i].codes.size());
    for (size_t j = 0; j < d.entries[i].codes.size(); ++j) {
      EXPECT_EQ(back.entries[i].codes[j].from, d.entries[i].codes[j].from);
      EXPECT_EQ(back.entries[i].codes[j].to, d.entries[i].codes[j].to);
    }
  }
}

TEST(Dictionary, DatesAndPlurals) {
  EXPECT_EQ(ParseIsoDate("2018-08-20", false), 20180820);
  EXPECT_EQ(ParseIsoDate("2018", true), 20189999);
  EXPECT_FALSE(ParseIsoDate("18-08", false));
  EXPECT_FALSE(ParseIsoDate("2018-13", false));
  EXPECT_EQ(EventDate("2018-08-20T10:00:00Z"), 20180820);
  EXPECT_EQ(EventDate("2018-08"), 20180801);
  EXPECT_EQ(EventDate(""), kUnknownDate);
  EXPECT_EQ(RegularPlural("police officer"), "police officers");
  EXPECT_EQ(RegularPlural("militia"), "militias");
  EXPECT_EQ(RegularPlural("party"), "parties");
  EXPECT_EQ(RegularPlural("boss"), "bosses");
  EXPECT_EQ(RegularPlural("day"), "days");
  EXPECT_EQ(RegularPlural("REBEL"), "REBELS");
}

}  // namespace
}  // namespace dyad::actors
