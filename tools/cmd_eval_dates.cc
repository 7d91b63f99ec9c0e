// dyad eval dates: scores event dates and places on our own test set.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "enrich/date_eval.h"
#include "geo/gazetteer.h"
#include "pipeline/stages.h"
#include "tools/cli.h"
#include "util/json_writer.h"

namespace dyad::cli {
namespace {

double Pct(int a, int b) { return b ? 100.0 * a / b : 0.0; }

int Run(int argc, char** argv) {
  bool json = false, verbose = false, no_parse = false;
  std::string stage = "analyze";
  Flags flags("dyad eval dates [--verbose] [--json] FILE.tsv|DIR...",
              "Dates and places the annotated trigger of every row of the test set "
              "(format in src/enrich/date_eval.h; ours is tests/data/dates/) and reports the "
              "share of rows whose date is right at the gold precision, whose date_from is "
              "right, and whose place is right, overall and per case.");
  flags.Bool("json", &json, "print one JSON object instead of a table");
  flags.Bool("verbose", &verbose, "list every wrong row");
  flags.String("stage", &stage,
               "last pipeline stage to run before enrichment (segment, analyze, actors)");
  flags.Bool("no-parse", &no_parse, "same as --stage segment (token-window attachment only)");
  int code = 0;
  if (!flags.Parse(argc, argv, &code)) return code;
  if (flags.positional().empty()) {
    std::fprintf(stderr, "error: no test file given\n%s", flags.Help().c_str());
    return kExitUsage;
  }
  std::vector<std::string> files;
  for (const std::string& p : flags.positional()) {
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (const auto& e : std::filesystem::directory_iterator(p, ec)) {
        if (e.path().extension() == ".tsv") found.push_back(e.path().string());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(p);
    }
  }
  std::vector<enrich::DateRow> rows;
  for (const std::string& f : files) {
    auto r = enrich::ReadDateSet(f);
    if (!r.ok()) {
      PrintError(f, r.status());
      return kExitUsage;
    }
    rows.insert(rows.end(), r->begin(), r->end());
  }
  PipelineOptions opts;
  auto last = ParseStageName(no_parse ? "segment" : stage);
  if (!last.ok() || static_cast<int>(*last) > static_cast<int>(StageId::kActors)) {
    std::fprintf(stderr, "error: --stage must be segment, analyze or actors\n");
    return kExitUsage;
  }
  opts.last_stage = *last;
  auto pipeline = Pipeline::Create(opts);
  if (!pipeline.ok()) {
    // The analysis models or dictionaries may be missing: segment only.
    opts.last_stage = StageId::kSegment;
    pipeline = Pipeline::Create(opts);
    if (!pipeline.ok()) {
      PrintError("eval dates", pipeline.status());
      return kExitUsage;
    }
    std::fprintf(stderr, "eval dates: stage '%s' unavailable; segmenting only\n", stage.c_str());
  }
  std::unique_ptr<geo::Gazetteer> gaz;
  std::string gpath = geo::FindGazetteerFile(internal::ResolveDataDir(opts));
  if (!gpath.empty()) {
    auto g = geo::Gazetteer::Load(gpath);
    if (!g.ok()) {
      PrintError("eval dates", g.status());
      return kExitUsage;
    }
    gaz = std::make_unique<geo::Gazetteer>(std::move(g).value());
  } else {
    std::fprintf(stderr, "eval dates: no gazetteer found; places will be missing\n");
  }
  enrich::Enricher enricher(gaz.get());
  auto ev = enrich::EvaluateDates(rows, **pipeline, enricher, gaz.get());
  if (!ev.ok()) {
    PrintError("eval dates", ev.status());
    return kExitUsage;
  }
  const auto& t = ev->total;
  if (json) {
    std::string out;
    JsonWriter w(&out);
    w.BeginObject();
    w.FieldInt("rows", t.rows);
    w.Key("date_accuracy");
    w.Double(Pct(t.date_ok, t.rows) / 100);
    w.Key("date_from_accuracy");
    w.Double(Pct(t.from_ok, t.rows) / 100);
    w.FieldInt("place_rows", t.places);
    w.Key("place_accuracy");
    w.Double(Pct(t.place_ok, t.places) / 100);
    w.Field("pipeline", StageName(opts.last_stage));
    w.EndObject();
    std::printf("%s\n", out.c_str());
  } else {
    if (verbose) {
      for (const auto& r : ev->rows) {
        if (r.date_ok && r.from_ok && (!r.place_scored || r.place_ok)) continue;
        std::printf("%s:%d %s [%s] date %s/%s (gold %s/%s) place %s (gold %s)\n",
                    r.row->file.c_str(), r.row->line, r.row->id.c_str(), r.row->kase.c_str(),
                    r.date.c_str(), r.from.c_str(), r.row->date.c_str(), r.row->from.c_str(),
                    r.place.c_str(), r.row->place.c_str());
      }
    }
    std::printf("pipeline up to: %s\n", StageName(opts.last_stage));
    std::printf("%-14s %5s %9s %9s %7s %9s\n", "case", "rows", "date", "date_from", "places",
                "place");
    for (const auto& [k, c] : ev->by_case) {
      std::printf("%-14s %5d %8.1f%% %8.1f%% %7d %8.1f%%\n", k.c_str(), c.rows,
                  Pct(c.date_ok, c.rows), Pct(c.from_ok, c.rows), c.places,
                  Pct(c.place_ok, c.places));
    }
    std::printf("%-14s %5d %8.1f%% %8.1f%% %7d %8.1f%%\n", "TOTAL", t.rows,
                Pct(t.date_ok, t.rows), Pct(t.from_ok, t.rows), t.places,
                Pct(t.place_ok, t.places));
  }
  return kExitOk;
}

const Registrar kRegister({"eval dates", "score event dates and places on a date test set", Run});

}  // namespace
}  // namespace dyad::cli
