#include "emit/event_tables.h"

#include <string>

#include "code/codebook.h"
#include "gtest/gtest.h"

namespace dyad {
namespace {

AnalyzedDocument OneEvent() {
  AnalyzedDocument doc;
  doc.document.id = "d1";
  doc.document.url = "https://example.org/a";
  doc.document.text = "Police arrested \"Ana\", a reporter.";
  Event e;
  e.sentence = 0;
  e.cameo = "173";
  code::FillFromCodebook(&e);
  e.date = "2018-08-20";
  e.source.present = true;
  e.source.text = "Police";
  e.source.code.code = "RUSCOP";
  e.source.code.country = "RUS";
  e.source.code.sectors = {"COP"};
  e.target.present = true;
  e.target.text = "\"Ana\", a reporter";
  e.target.code.code = "RUSMED";
  e.source.code.plover = {"RUS", "COP", {}};
  e.target.code.plover = {"RUS", "JRN", {"OPP", "CVL"}};
  e.trigger_text = "arrested";
  e.evidence = {0, static_cast<std::uint32_t>(doc.document.text.size())};
  doc.events.push_back(e);
  return doc;
}

int Count(const std::string& s, char c) {
  int n = 0;
  for (char x : s) n += x == c;
  return n;
}

TEST(EventTablesTest, PhoenixHas26Columns) {
  AnalyzedDocument doc = OneEvent();
  std::string row;
  AppendEventPhoenixRow(doc, doc.events[0], &row);
  ASSERT_FALSE(row.empty());
  EXPECT_EQ(row.back(), '\n');
  EXPECT_EQ(Count(row, '\t'), 25);
  EXPECT_NE(row.find("\t20180820\t2018\t08\t20\tRUSCOP\tRUS\tCOP\t"), std::string::npos) << row;
  EXPECT_NE(row.find("\t173\t17\t4\t-5\t"), std::string::npos) << row;  // code, root, penta, Goldstein
}

TEST(EventTablesTest, CsvQuotesFields) {
  AnalyzedDocument doc = OneEvent();
  std::string out;
  AppendEventCsvHeader(&out);
  AppendEventCsvRow(doc, doc.events[0], &out);
  EXPECT_EQ(Count(out, '\n'), 2);
  EXPECT_NE(out.find("\"\"\"Ana\"\", a reporter\""), std::string::npos) << out;
  EXPECT_NE(out.find(",RUSCOP,"), std::string::npos);
  EXPECT_NE(out.find(",asserted,"), std::string::npos);
  // The actors' PLOVER codes, under their own header names.
  EXPECT_NE(out.find(",plover_mode,source_plover_country,source_plover_sector,"
                     "source_plover_other,target_plover_country,target_plover_sector,"
                     "target_plover_other,trigger,"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find(",RUS,COP,,RUS,JRN,OPP;CVL,arrested,"), std::string::npos) << out;
}

TEST(EventTablesTest, PetrarchRow) {
  AnalyzedDocument doc = OneEvent();
  std::string row;
  AppendEventPetrarchRow(doc, doc.events[0], &row);
  EXPECT_EQ(row.rfind("20180820\tRUSCOP\tRUSMED\t173\t", 0), 0u) << row;
}

TEST(EventTablesTest, WriterFactory) {
  EXPECT_NE(MakeEventTableWriter("csv", stdout), nullptr);
  EXPECT_NE(MakeEventTableWriter("phoenix", stdout), nullptr);
  EXPECT_NE(MakeEventTableWriter("petrarch", stdout), nullptr);
  EXPECT_EQ(MakeEventTableWriter("xml", stdout), nullptr);
}

}  // namespace
}  // namespace dyad
