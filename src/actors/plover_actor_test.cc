#include "actors/plover_actor.h"

#include <gtest/gtest.h>

namespace dyad::actors {
namespace {

ActorCode Code(const std::string& country, std::vector<std::string> sectors,
               const std::string& person = "") {
  ActorCode c;
  c.country = country;
  c.sectors = std::move(sectors);
  c.code = country;
  for (const auto& s : c.sectors) c.code += s;
  c.person = person;
  return c;
}

// "country/sector/other,other"
std::string Show(const PloverActorCode& p) {
  std::string out = p.country + "/" + p.sector + "/";
  for (size_t i = 0; i < p.other_sectors.size(); ++i) {
    out += (i ? "," : "") + p.other_sectors[i];
  }
  return out;
}

std::string Map(const ActorCode& c, std::string_view text,
                PloverMention kind = PloverMention::kNoun, bool pre = false) {
  return Show(ToPlover(c, text, kind, pre));
}

TEST(PloverActorTest, RenamedAndMergedSectors) {
  EXPECT_EQ(Map(Code("OST", {"MED"}), "Ostmarkian journalists"), "OST/JRN/");
  EXPECT_EQ(Map(Code("OST", {"HLH"}), "doctors"), "OST/MED/");
  EXPECT_EQ(Map(Code("OST", {"INS"}), "insurgents"), "OST/REB/");
  EXPECT_EQ(Map(Code("OST", {"SEP"}), "separatists"), "OST/REB/");
  EXPECT_EQ(Map(Code("OST", {"LEG"}), "lawmakers"), "OST/LEG/");
  EXPECT_EQ(Map(Code("OST", {"GOV", "MED"}), "a state newspaper"), "OST/GOV/JRN");
  EXPECT_EQ(PloverSector("MED"), "JRN");
  EXPECT_EQ(PloverSector("HLH"), "MED");
  EXPECT_EQ(PloverSector("CHR"), "");
}

TEST(PloverActorTest, ProtestersAndActivistsAreCivilians) {
  EXPECT_EQ(Map(Code("OST", {"OPP"}), "Ostmarkian protesters"), "OST/CVL/OPP");
  EXPECT_EQ(Map(Code("OST", {"OPP"}), "demonstrators"), "OST/CVL/OPP");
  EXPECT_EQ(Map(Code("OST", {"OPP"}), "anti-government activist"), "OST/CVL/OPP");
  // An opposition newspaper is media first (as an opposition party is a
  // party first).
  EXPECT_EQ(Map(Code("OST", {"OPP"}), "the opposition newspaper"), "OST/JRN/OPP");
  EXPECT_EQ(Map(Code("OST", {"OPP"}), "opposition journalists"), "OST/JRN/OPP");
  // Nothing but opposition: OPP stays primary.
  EXPECT_EQ(Map(Code("OST", {"OPP"}), "the opposition"), "OST/OPP/");
  EXPECT_EQ(Map(Code("OST", {"OPP"}), "opposition leader"), "OST/OPP/");
  // Human-rights activists: civilians, without OPP.
  EXPECT_EQ(Map(Code("OST", {"HRI"}), "rights activists"), "OST/CVL/");
  EXPECT_EQ(Map(Code("OST", {"HRI"}), "Karl Weiss", PloverMention::kPerson), "OST/CVL/");
  // A name is not a description: the head-noun rules do not apply.
  EXPECT_EQ(Map(Code("OST", {"HRI"}), "Ostmark Activists Network", PloverMention::kName),
            "OST/SOC/");
  EXPECT_EQ(Map(Code("OST", {"OPP"}), "Free Ostmark Protesters", PloverMention::kName),
            "OST/OPP/");
}

TEST(PloverActorTest, PartiesArePtyFirst) {
  EXPECT_EQ(Map(Code("OST", {"OPP"}), "opposition parties"), "OST/PTY/OPP");
  EXPECT_EQ(Map(Code("OST", {"GOV", "PTY"}), "the ruling party"), "OST/PTY/GOV");
  EXPECT_EQ(Map(Code("OST", {"PTY"}), "Ostmark Green Union"), "OST/PTY/");
}

TEST(PloverActorTest, RightsOrganisationsAndOffices) {
  // International: the NGO/IGO country says it all.
  EXPECT_EQ(Map(Code("", {"NGO", "HRI"}), "Ostmark Rights Watch"), "NGO//");
  EXPECT_EQ(Map(Code("", {"NGO", "DEV"}), "an aid charity"), "NGO//");
  EXPECT_EQ(Map(Code("", {"NGO", "HRI"}), "Anna Roth", PloverMention::kPerson), "NGO//");
  EXPECT_EQ(Map(Code("", {"NGO", "HRI"}), "rights defenders"), "NGO//");
  EXPECT_EQ(Map(Code("OST", {"HRI"}), "a rights group"), "OST/SOC/");
  EXPECT_EQ(Map(Code("OST", {"HRI"}), "the human rights ombudsman"), "OST/GOV/");
  // A UN rights body is the UN.
  EXPECT_EQ(Map(Code("", {"IGO", "UNO", "HRI"}), "UN rights council"), "UNO//");
}

TEST(PloverActorTest, InternationalCountries) {
  EXPECT_EQ(Map(Code("", {"IGO", "UNO"}), "the United Nations"), "UNO//");
  EXPECT_EQ(Map(Code("", {"IGO", "UNO", "REF", "HCR"}), "the UN refugee agency"), "UNO/REF/");
  EXPECT_EQ(Map(Code("", {"IGO", "EUR"}), "Brussels"), "EUR//");
  EXPECT_EQ(Map(Code("", {"IGO", "AFR"}), "the African Union"), "IGO//");
  EXPECT_EQ(Map(Code("", {"NGO", "AMN"}), "Amnesty"), "NGO//");
  EXPECT_EQ(Map(Code("", {"IMG", "REB"}), "a jihadist network"), "IMG/REB/");
  EXPECT_EQ(Map(Code("KSV", {"GOV"}), "Pristina"), "KOS/GOV/");
}

TEST(PloverActorTest, ArmedGroupsAndUnknowns) {
  EXPECT_EQ(Map(Code("OST", {"UAF"}), "unknown gunmen"), "OST/UAF/");
  EXPECT_EQ(Map(Code("OST", {"UAF"}), "armed men"), "OST/UAF/");
  EXPECT_EQ(Map(Code("OST", {"UAF"}), "pro-government paramilitaries"), "OST/PRM/");
  EXPECT_EQ(Map(Code("OST", {"UAF"}), "Ostmarkian militiamen"), "OST/PRM/");
  EXPECT_EQ(Map(Code("OST", {"REB", "MOS"}), "Islamist rebels"), "OST/REB/");
  EXPECT_EQ(Map(Code("", {"CHR"}), "Christians"), "/REL/");
  EXPECT_EQ(Map(Code("", {"UIS"}), "a foreign power"), "/UNK/");
  // A state as a whole has no sector.
  EXPECT_EQ(Map(Code("OST", {}), "Ostmark"), "OST//");
  EXPECT_EQ(Map(ActorCode{}, "someone"), "//");
}

TEST(PloverActorTest, CoreferentMentionsTakeTheAntecedentsCode) {
  AnalyzedDocument doc;
  ActorMention a;
  a.text = "Ostmarkian protesters";
  a.code = Code("OST", {"OPP"});
  a.how = Resolution::kAgent;
  ActorMention they;
  they.text = "they";
  they.code = a.code;
  they.how = Resolution::kCoreference;
  they.antecedent = 0;
  ActorMention uncoded;
  uncoded.text = "Weiss";
  doc.mentions = {a, they, uncoded};
  AssignPlover(&doc);
  EXPECT_EQ(Show(doc.mentions[0].code.plover), "OST/CVL/OPP");
  EXPECT_EQ(Show(doc.mentions[1].code.plover), "OST/CVL/OPP");
  EXPECT_EQ(Show(doc.mentions[2].code.plover), "//");
}

TEST(PloverActorTest, SettlementsAreTheirPeople) {
  // A city, town or village with no sector of its own is CVL; a country is
  // a state as a whole, and an IGO or an actor with a sector keeps its own.
  EXPECT_EQ(Show(ToPlover(Code("OST", {}), "Brenholm", PloverMention::kName, false, true)),
            "OST/CVL/");
  EXPECT_EQ(Show(ToPlover(Code("OST", {}), "Ostmark", PloverMention::kName, false, false)),
            "OST//");
  EXPECT_EQ(Show(ToPlover(Code("OST", {"GOV"}), "Ostgrad", PloverMention::kName, false, true)),
            "OST/GOV/");
}

TEST(PloverActorTest, PartiallyRecognisedEntities) {
  // PRE is added after the other sectors; alone it is the primary one.
  EXPECT_EQ(Map(Code("MDA", {"GOV"}), "breakaway government", PloverMention::kNoun, true),
            "MDA/GOV/PRE");
  EXPECT_EQ(Map(Code("GEO", {}), "", PloverMention::kName, true), "GEO/PRE/");
  // Western Sahara is Morocco's, with PRE.
  EXPECT_EQ(Map(Code("ESH", {"REB"}), "", PloverMention::kName), "MAR/REB/PRE");
  EXPECT_TRUE(IsPartiallyRecognised("Transnistria"));
  EXPECT_TRUE(IsPartiallyRecognised("donetsk_peoples_republic"));
  EXPECT_FALSE(IsPartiallyRecognised("Chechnya"));
}

}  // namespace
}  // namespace dyad::actors
