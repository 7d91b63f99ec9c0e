#include "enrich/context.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace dyad::enrich {
namespace {

using ::testing::Contains;
using ::testing::IsEmpty;
using ::testing::Not;

TEST(ContextTest, CuesSetContexts) {
  EXPECT_THAT(FindContexts("Kadyrov made threats against human rights defenders."),
              Contains("human_rights"));
  EXPECT_THAT(FindContexts("He equated them with terrorists."), Contains("terrorism"));
  EXPECT_THAT(FindContexts("Romanian refugees in Hungary should return home."),
              Contains("migration"));
  EXPECT_THAT(FindContexts("Voters cast ballots in the presidential election."),
              Contains("election"));
  EXPECT_THAT(FindContexts("The blogger was jailed on trumped-up drug possession charges."),
              Contains("illegal_drugs"));
  EXPECT_THAT(FindContexts("The blogger was jailed on trumped-up drug possession charges."),
              Contains("legal"));
}

TEST(ContextTest, WholeWordsOnlyAndStems) {
  // "war" must not fire inside "warm" or "Warsaw"; "refugee*" covers plurals.
  EXPECT_THAT(FindContexts("A warm welcome in Warsaw."), Not(Contains("military")));
  EXPECT_THAT(FindContexts("The refugees' camp."), Contains("migration"));
  EXPECT_THAT(FindContexts("The cat sat on the mat."), IsEmpty());
}

TEST(ContextTest, ModesFromCues) {
  EXPECT_EQ(FindMode("ASSAULT", "Troops shelled the village overnight."), "heavy-weapons");
  EXPECT_EQ(FindMode("ASSAULT", "A suicide bomber blew himself up."), "suicide-attack");
  EXPECT_EQ(FindMode("ASSAULT", "Gunmen opened fire on the bus."), "firearms");
  EXPECT_EQ(FindMode("PROTEST", "The leader went on hunger strike."), "hunger");
  EXPECT_EQ(FindMode("PROTEST", "Workers began a general strike."), "strike");
  EXPECT_EQ(FindMode("CONSULT", "The two leaders spoke by phone."), "phone");
  EXPECT_EQ(FindMode("COERCE", "Police detained ten people."), "arrest");
  // Cues of another type's modes do not count.
  EXPECT_EQ(FindMode("CONSULT", "Gunmen opened fire."), "");
  EXPECT_EQ(FindMode("AGREE", "They agreed to talk."), "");
}

TEST(ContextTest, KnownContextsFollowTheOntology) {
  EXPECT_EQ(KnownContexts().size(), 37u);
  EXPECT_EQ(KnownContexts().front(), "military");
}

}  // namespace
}  // namespace dyad::enrich
