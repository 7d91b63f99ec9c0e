// dyad eval html: main-content extraction scored with the ScrapingHub and
// trafilatura metrics (definitions in src/ingest/html_eval.h).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "ingest/html_eval.h"
#include "tools/cli.h"
#include "util/files.h"
#include "util/json_writer.h"

namespace dyad::cli {
namespace {

using ingest::html_eval::Page;
using ingest::html_eval::SetResult;

std::string DefaultDataDir() {
  const char* shared = std::getenv("DYAD_SHARED");
  if (shared != nullptr && *shared) return std::string(shared) + "/html";
  return "../shared/data/html";
}

void PrintWorst(const SetResult& r, int n, bool shingles) {
  std::vector<const ingest::html_eval::PageResult*> order;
  for (const auto& p : r.pages) order.push_back(&p);
  auto key = [&](const ingest::html_eval::PageResult* p) {
    if (shingles) {
      return -(p->shingles.fp + p->shingles.fn);
    }
    return -static_cast<double>(p->snippets.fp + p->snippets.fn);
  };
  std::stable_sort(order.begin(), order.end(), [&](auto* a, auto* b) { return key(a) < key(b); });
  for (int k = 0; k < n && k < static_cast<int>(order.size()); ++k) {
    const auto* p = order[k];
    if (shingles) {
      std::printf("  %-70s tp=%.3f fp=%.3f fn=%.3f\n", p->id.c_str(), p->shingles.tp,
                  p->shingles.fp, p->shingles.fn);
    } else {
      std::printf("  %-70s tp=%ld fp=%ld fn=%ld tn=%ld\n", p->id.c_str(), p->snippets.tp,
                  p->snippets.fp, p->snippets.fn, p->snippets.tn);
    }
  }
}

int Run(int argc, char** argv) {
  std::string data = DefaultDataDir();
  std::string set = "both";
  std::string dump;
  int worst = 0;
  bool json = false;
  bool keep_captions = false;
  Flags flags("dyad eval html [--data DIR] [--set both|scrapinghub|trafilatura]",
              "Extracts the main content of every page of the ScrapingHub article-extraction "
              "benchmark (shingle P/R/F1, macro-averaged) and of the trafilatura evaluation set "
              "(with/without snippets, pooled P/R/F1), exactly as their own scripts score them. "
              "See docs/html.md.");
  flags.String("data", &data, "folder holding scrapinghub/ and trafilatura-eval/ "
                              "(default: $DYAD_SHARED/html, else ../shared/data/html)");
  flags.String("set", &set, "both, scrapinghub or trafilatura");
  flags.Int("worst", &worst, "also list the N worst pages of each set");
  flags.String("dump", &dump, "write each page's extracted text to DIR/<set>/<id>.txt");
  flags.Bool("json", &json, "print one JSON object instead of text");
  flags.Bool("keep-captions", &keep_captions, "keep photo captions (default: dropped)");
  int code = 0;
  if (!flags.Parse(argc, argv, &code)) return code;
  if (set != "both" && set != "scrapinghub" && set != "trafilatura") {
    std::fprintf(stderr, "error: --set must be both, scrapinghub or trafilatura\n");
    return kExitUsage;
  }
  InputOptions options;
  options.keep_captions = keep_captions;
  auto make_extract = [&](const std::string& name) {
    return [&, name](const Page& p) -> StatusOr<std::string> {
      auto text = ingest::html_eval::DyadExtract(p, options);
      if (text.ok() && !dump.empty()) {
        std::filesystem::create_directories(dump + "/" + name);
        (void)WriteFile(dump + "/" + name + "/" + p.id + ".txt", *text);
      }
      return text;
    };
  };
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  if (set == "both" || set == "scrapinghub") {
    auto pages = ingest::html_eval::LoadScrapinghub(data + "/scrapinghub");
    if (!pages.ok()) {
      PrintError(data + "/scrapinghub", pages.status());
      return kExitUsage;
    }
    SetResult r = ingest::html_eval::ScoreScrapinghub(*pages, make_extract("scrapinghub"));
    double ms = 1000 * r.seconds / std::max<std::size_t>(1, pages->size());
    if (json) {
      w.Key("scrapinghub");
      w.BeginObject();
      w.FieldInt("pages", static_cast<std::int64_t>(pages->size()));
      w.Key("precision"); w.Double(r.prf.precision);
      w.Key("recall"); w.Double(r.prf.recall);
      w.Key("f1"); w.Double(r.prf.f1);
      w.Key("ms_per_page"); w.Double(ms);
      w.FieldInt("failures", r.failures);
      w.EndObject();
    } else {
      std::printf("scrapinghub  pages=%zu  precision=%.4f  recall=%.4f  F1=%.4f  "
                  "(%.2f ms/page, %d failures)\n",
                  pages->size(), r.prf.precision, r.prf.recall, r.prf.f1, ms, r.failures);
      if (worst > 0) PrintWorst(r, worst, true);
    }
  }
  if (set == "both" || set == "trafilatura") {
    auto pages = ingest::html_eval::LoadTrafilatura(data + "/trafilatura-eval");
    if (!pages.ok()) {
      PrintError(data + "/trafilatura-eval", pages.status());
      return kExitUsage;
    }
    SetResult r = ingest::html_eval::ScoreTrafilatura(*pages, make_extract("trafilatura"));
    double ms = 1000 * r.seconds / std::max<std::size_t>(1, pages->size());
    if (json) {
      w.Key("trafilatura");
      w.BeginObject();
      w.FieldInt("pages", static_cast<std::int64_t>(pages->size()));
      w.Key("precision"); w.Double(r.prf.precision);
      w.Key("recall"); w.Double(r.prf.recall);
      w.Key("f1"); w.Double(r.prf.f1);
      w.FieldInt("tp", r.pooled.tp);
      w.FieldInt("fp", r.pooled.fp);
      w.FieldInt("fn", r.pooled.fn);
      w.FieldInt("tn", r.pooled.tn);
      w.Key("ms_per_page"); w.Double(ms);
      w.FieldInt("failures", r.failures);
      w.EndObject();
    } else {
      std::printf("trafilatura  pages=%zu  precision=%.4f  recall=%.4f  F1=%.4f  "
                  "(tp=%ld fp=%ld fn=%ld tn=%ld; %.2f ms/page, %d failures)\n",
                  pages->size(), r.prf.precision, r.prf.recall, r.prf.f1, r.pooled.tp,
                  r.pooled.fp, r.pooled.fn, r.pooled.tn, ms, r.failures);
      if (worst > 0) PrintWorst(r, worst, false);
    }
  }
  w.EndObject();
  if (json) std::printf("%s\n", out.c_str());
  return kExitOk;
}

const Registrar kRegister({"eval html",
                           "score HTML main-content extraction (ScrapingHub, trafilatura sets)",
                           Run});

}  // namespace
}  // namespace dyad::cli
