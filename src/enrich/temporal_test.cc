#include "enrich/temporal.h"

#include <gtest/gtest.h>

#include <string>

namespace dyad::enrich {
namespace {

CivilDate Doc(const char* iso) { return *ParseIsoDate(iso); }

// Finds the single timex in `text` and resolves it; "" when none resolves.
std::string ResolveOne(const std::string& text, const char* doc, const char* narrative = "") {
  auto t = FindTimexes(text);
  if (t.empty()) return "<none>";
  Anchors a;
  if (*doc) a.document = Doc(doc);
  if (*narrative) a.narrative = Doc(narrative);
  auto r = Resolve(t[0], a);
  return r ? r->date.ToIso() : "";
}

std::string SpanText(const std::string& text, const Timex& t) {
  return text.substr(t.span.begin, t.span.size());
}

TEST(DateTest, IsoRoundTripAndArithmetic) {
  EXPECT_EQ(Doc("2018-08-20").ToIso(), "2018-08-20");
  EXPECT_EQ(Doc("2018-08").ToIso(), "2018-08");
  EXPECT_EQ(Doc("2018").ToIso(), "2018");
  EXPECT_EQ(Doc("2018-W34").ToIso(), "2018-W34");
  EXPECT_EQ(Doc("2018-W34"), CivilDate({2018, 8, 20, Precision::kWeek}));
  EXPECT_FALSE(ParseIsoDate("2018-02-30").has_value());
  EXPECT_FALSE(ParseIsoDate("Aug 2018").has_value());
  EXPECT_EQ(AddDays(Doc("2018-02-27"), 3).ToIso(), "2018-03-02");
  EXPECT_EQ(AddDays(Doc("2016-02-28"), 1).ToIso(), "2016-02-29");
  EXPECT_EQ(AddMonths(Doc("2018-03-31"), -1).ToIso(), "2018-02-28");
  EXPECT_EQ(AddMonths(Doc("2018-01-15"), -1).ToIso(), "2017-12-15");
  EXPECT_EQ(Doc("2018-08-20").Weekday(), 0);  // a Monday
  EXPECT_EQ(WeekOf(Doc("2021-01-01")).ToIso(), "2020-W53");
}

TEST(TemporalTest, AbsoluteForms) {
  EXPECT_EQ(ResolveOne("On August 20, 2018, a group attacked.", ""), "2018-08-20");
  EXPECT_EQ(ResolveOne("It happened on 20 Aug. 2018 in the town.", ""), "2018-08-20");
  EXPECT_EQ(ResolveOne("Filed 2018-08-20 by the clerk.", ""), "2018-08-20");
  EXPECT_EQ(ResolveOne("on 08/20/2018", ""), "2018-08-20");
  EXPECT_EQ(ResolveOne("on 20/08/2018", ""), "2018-08-20");
  EXPECT_EQ(ResolveOne("on 20.08.2018", ""), "2018-08-20");
  EXPECT_EQ(ResolveOne("on Sept. 4th, 2018", ""), "2018-09-04");
  EXPECT_EQ(ResolveOne("the 4th of September 2018", ""), "2018-09-04");
  EXPECT_EQ(ResolveOne("in August 2018", ""), "2018-08");
  EXPECT_EQ(ResolveOne("in 2017", ""), "2017");
  EXPECT_EQ(ResolveOne("since mid-2015", ""), "2015");
  EXPECT_EQ(ResolveOne("Monday, August 20, 2018", ""), "2018-08-20");
}

TEST(TemporalTest, PartialDatesTakeTheClosestPast) {
  EXPECT_EQ(ResolveOne("On August 23, Kadyrov pledged", "2018-09-04"), "2018-08-23");
  EXPECT_EQ(ResolveOne("On December 30, police raided", "2019-01-05"), "2018-12-30");
  EXPECT_EQ(ResolveOne("in July", "2018-09-04"), "2018-07");
  EXPECT_EQ(ResolveOne("in September", "2018-09-04"), "2018-09");
  EXPECT_EQ(ResolveOne("in October", "2018-09-04"), "2017-10");
  EXPECT_EQ(ResolveOne("on 3 March", "2018-03-03"), "2018-03-03");
  // Without a document date, the narrative anchor decides, either side.
  EXPECT_EQ(ResolveOne("On August 23, he pledged", "", "2018-08-20"), "2018-08-23");
  EXPECT_EQ(ResolveOne("On January 2, he pledged", "", "2018-12-28"), "2019-01-02");
  // Nothing to anchor on.
  EXPECT_EQ(ResolveOne("On August 23, he pledged", ""), "");
}

TEST(TemporalTest, RelativeToTheDocument) {
  EXPECT_EQ(ResolveOne("said yesterday", "2018-09-04"), "2018-09-03");
  EXPECT_EQ(ResolveOne("said today", "2018-09-04"), "2018-09-04");
  EXPECT_EQ(ResolveOne("last night", "2018-09-04"), "2018-09-03");
  EXPECT_EQ(ResolveOne("on Monday", "2018-09-04"), "2018-09-03");  // 09-04 is a Tuesday
  EXPECT_EQ(ResolveOne("on Tuesday", "2018-09-04"), "2018-09-04");
  EXPECT_EQ(ResolveOne("last Tuesday", "2018-09-04"), "2018-08-28");
  EXPECT_EQ(ResolveOne("on Wednesday", "2018-09-04"), "2018-08-29");
  EXPECT_EQ(ResolveOne("last week", "2018-09-04"), "2018-W35");
  EXPECT_EQ(ResolveOne("over the weekend", "2018-09-04"), "2018-W35");  // Sat 09-01
  EXPECT_EQ(ResolveOne("at the weekend", "2018-09-08"), "2018-W36");    // that Saturday
  EXPECT_EQ(ResolveOne("last month", "2018-09-04"), "2018-08");
  EXPECT_EQ(ResolveOne("last year", "2018-09-04"), "2017");
  EXPECT_EQ(ResolveOne("earlier this month", "2018-09-04"), "2018-09");
  EXPECT_EQ(ResolveOne("three days ago", "2018-09-04"), "2018-09-01");
  EXPECT_EQ(ResolveOne("two months ago", "2018-09-04"), "2018-07");
  // Monday's news with only a month-precision document date: no day.
  EXPECT_EQ(ResolveOne("on Monday", "2018-09"), "");
}

TEST(TemporalTest, RelativeToTheNarrative) {
  EXPECT_EQ(ResolveOne("Two days later, police", "2018-09-04", "2018-08-20"), "2018-08-22");
  EXPECT_EQ(ResolveOne("The next day, police", "2018-09-04", "2018-08-20"), "2018-08-21");
  EXPECT_EQ(ResolveOne("a week earlier", "2018-09-04", "2018-08-20"), "2018-W33");
  EXPECT_EQ(ResolveOne("two days later", "2018-09-04", "2018-08"), "2018-08");
  EXPECT_EQ(ResolveOne("two days later", "2018-09-04"), "");
}

TEST(TemporalTest, DurationsAreNotDates) {
  std::string s = "The blogger has been held for nearly eight months in reprisal.";
  auto t = FindTimexes(s);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].kind, TimexKind::kDuration);
  EXPECT_EQ(SpanText(s, t[0]), "for nearly eight months");
  EXPECT_FALSE(Resolve(t[0], {Doc("2018-09-04"), Doc("2018-08-20")}).has_value());
  for (const char* d : {"over the past two weeks", "for years", "in the past week",
                        "for more than a year"}) {
    auto u = FindTimexes(d);
    ASSERT_EQ(u.size(), 1u) << d;
    EXPECT_EQ(u[0].kind, TimexKind::kDuration) << d;
  }
}

TEST(TemporalTest, NonDatesAreLeftAlone) {
  for (const char* s : {"They may meet soon.", "The march went on.", "He counted 2000 votes.",
                        "in 2000 cases", "Police shot 20 people.", "© 2017 Reuters",
                        "The May Day rally"}) {
    EXPECT_TRUE(FindTimexes(s).empty()) << s;
  }
}

TEST(TemporalTest, SpansAreDocumentOffsets) {
  std::string s = "Kadyrov stated on August 23 that the ban stood.";
  auto t = FindTimexes(s, 100);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].span.begin, 100u + s.find("August"));
  EXPECT_EQ(t[0].span.end, 100u + s.find(" that"));
}

TEST(TemporalTest, DatelineDate) {
  Document doc;
  doc.text = "Skip to main content\nSeptember 4, 2018 12:00AM EDT\n(Moscow) - Putin said.";
  EXPECT_EQ(FindDatelineDate(doc)->ToIso(), "2018-09-04");
  doc.text = "MOSCOW, Sept. 4, 2018 (Reuters) - Putin said on Monday that he would go.";
  EXPECT_EQ(FindDatelineDate(doc)->ToIso(), "2018-09-04");
  // A short sentence that starts with a date is not a date line.
  doc.text = "On 3 March 2019, the two sides held talks.";
  EXPECT_FALSE(FindDatelineDate(doc).has_value());
  // A dateline without a year still marks its date as the document's.
  doc.text = "ISTANBUL, May 5 (Reuters) - Police detained dozens of lawyers.";
  ASSERT_EQ(FindDatelineTimexes(doc).size(), 1u);
  EXPECT_FALSE(FindDatelineTimexes(doc)[0].date.valid());
  // A caption's date is an event date, not the document's.
  doc.text =
      "The president greets the governor at the Kremlin in Moscow, Russia May 3, 2016. (c) Agency\n"
      "(Moscow) - The president should rebuke the governor.";
  EXPECT_FALSE(FindDatelineDate(doc).has_value());
}

}  // namespace
}  // namespace dyad::enrich
