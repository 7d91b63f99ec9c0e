#include "enrich/date_eval.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "geo/gazetteer.h"
#include "tests/test_util.h"

namespace dyad::enrich {
namespace {

const std::string kDateSet = std::string(DYAD_TEST_FIXTURES) + "/../data/dates";

// Our written date set, scored with segmentation only (token-window
// attachment): the target is >= 95% right dates.
TEST(DateEvalTest, OurDateSetMeetsTheTarget) {
  std::vector<DateRow> rows;
  for (const auto& e : std::filesystem::directory_iterator(kDateSet)) {
    if (e.path().extension() != ".tsv") continue;
    auto r = ReadDateSet(e.path().string());
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    rows.insert(rows.end(), r->begin(), r->end());
  }
  ASSERT_GE(rows.size(), 200u);
  PipelineOptions opts;
  opts.last_stage = StageId::kSegment;
  auto pipeline = Pipeline::Create(opts);
  ASSERT_TRUE(pipeline.ok());
  std::unique_ptr<geo::Gazetteer> gaz;
  if (std::string p = geo::FindGazetteerFile(""); !p.empty()) {
    auto g = geo::Gazetteer::Load(p);
    ASSERT_TRUE(g.ok());
    gaz = std::make_unique<geo::Gazetteer>(std::move(g).value());
  }
  Enricher enricher(gaz.get());
  auto ev = EvaluateDates(rows, **pipeline, enricher, gaz.get());
  ASSERT_TRUE(ev.ok()) << ev.status().ToString();
  EXPECT_GE(ev->total.date_ok, 0.95 * ev->total.rows);
  EXPECT_GE(ev->total.from_ok, 0.95 * ev->total.rows);
  if (gaz) EXPECT_GE(ev->total.place_ok, 0.90 * ev->total.places);
}

TEST(DateEvalTest, MalformedRowsNameTheirLine) {
  testing::TempDir dir;
  std::ofstream(dir.File("bad.tsv")) << "id\tcase\tdoc_date\ttext\ttrigger\tdate\tprecision\tfrom\t"
                                        "place\nx\tabs\t-\tsome text\n";
  auto r = ReadDateSet(dir.File("bad.tsv"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().ToString().find("bad.tsv:2"), std::string::npos);
  std::ofstream(dir.File("date.tsv")) << "id\tcase\tdoc_date\ttext\ttrigger\tdate\tprecision\t"
                                         "from\tplace\nx\tabs\t-\tHe left.\tleft\t2018-13-01\t"
                                         "day\tsentence\t-\n";
  EXPECT_FALSE(ReadDateSet(dir.File("date.tsv")).ok());
}

}  // namespace
}  // namespace dyad::enrich
