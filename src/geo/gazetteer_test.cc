#include "geo/gazetteer.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "geo/gazetteer_builder.h"

namespace dyad::geo {
namespace {

PlaceRecord Rec(const char* name, PlaceKind kind, const char* country, const char* admin1,
                std::int64_t id, double lat, double lon, std::uint32_t pop,
                std::vector<std::string> aliases = {}) {
  PlaceRecord r;
  r.name = name;
  r.kind = kind;
  r.country = country;
  r.admin1 = admin1;
  r.geonames_id = id;
  r.lat = lat;
  r.lon = lon;
  r.population = pop;
  r.aliases = std::move(aliases);
  return r;
}

// A small gazetteer of our own making, with the classic collisions.
Gazetteer Small() {
  GazetteerBuilder b;
  b.Add(Rec("Georgia", PlaceKind::kCountry, "GEO", "", 0, 42.1, 43.2, 0));
  b.Add(Rec("United States", PlaceKind::kCountry, "USA", "", 0, 39.5, -90.1, 0, {"U.S."}));
  b.Add(Rec("Russia", PlaceKind::kCountry, "RUS", "", 0, 56.9, 55.0, 0,
            {"Russian Federation"}));
  b.Add(Rec("France", PlaceKind::kCountry, "FRA", "", 0, 46.6, 2.4, 0));
  b.Add(Rec("Georgia", PlaceKind::kRegion, "USA", "GA", 0, 33.1, -83.6, 0));
  b.Add(Rec("Texas", PlaceKind::kRegion, "USA", "TX", 0, 31.0, -98.0, 0));
  b.Add(Rec("Chechnya", PlaceKind::kRegion, "RUS", "12", 0, 43.3, 45.7, 0,
            {"Chechen Republic"}));
  b.Add(Rec("Paris", PlaceKind::kCity, "FRA", "11", 2988507, 48.85, 2.35, 2138551));
  b.Add(Rec("Paris", PlaceKind::kCity, "USA", "TX", 4717560, 33.66, -95.56, 24782));
  b.Add(Rec("Moscow", PlaceKind::kCity, "RUS", "48", 524901, 55.75, 37.62, 10381222));
  b.Add(Rec("Groznyy", PlaceKind::kCity, "RUS", "12", 558418, 43.31, 45.69, 226100, {"Grozny"}));
  b.Add(Rec("Zürich", PlaceKind::kCity, "CHE", "ZH", 2657896, 47.37, 8.55, 341730));
  auto g = Gazetteer::FromBytes(b.Serialize());
  EXPECT_TRUE(g.ok()) << g.status().ToString();
  return std::move(g).value();
}

TEST(GazetteerTest, LookupIsCaseAndAccentInsensitive) {
  Gazetteer g = Small();
  EXPECT_EQ(g.size(), 12u);
  EXPECT_EQ(g.Lookup("georgia").size(), 2u);
  ASSERT_EQ(g.Lookup("ZURICH").size(), 1u);
  EXPECT_EQ(g.Lookup("Zurich")[0].geonames_id, 2657896);
  ASSERT_EQ(g.Lookup("Grozny").size(), 1u);
  EXPECT_EQ(g.Lookup("Grozny")[0].name, "Groznyy");
  EXPECT_EQ(g.Lookup("U.S.").size(), 1u);
  EXPECT_TRUE(g.Lookup("Atlantis").empty());
  EXPECT_TRUE(g.Contains("chechen republic"));
}

TEST(GazetteerTest, CollisionsResolveByQualifierThenContext) {
  Gazetteer g = Small();
  // Alone: the country wins; the capital-sized city wins.
  EXPECT_EQ(g.Resolve("Georgia", {})->country, "GEO");
  EXPECT_EQ(g.Resolve("Paris", {})->country, "FRA");
  // A qualifier decides: "Paris, Texas".
  ResolveContext texas;
  texas.qualifier = "Texas";
  EXPECT_EQ(g.Resolve("Paris", texas)->geonames_id, 4717560);
  // The document's countries decide: Georgia the US state.
  ResolveContext us;
  us.countries = {"USA"};
  auto ga = g.Resolve("Georgia", us);
  EXPECT_EQ(ga->kind, PlaceKind::kRegion);
  EXPECT_EQ(ga->admin1, "GA");
}

TEST(GazetteerTest, CountryAndRegionIndexes) {
  Gazetteer g = Small();
  EXPECT_EQ(g.Country("RUS")->name, "Russia");
  EXPECT_FALSE(g.Country("XXX").has_value());
  EXPECT_EQ(g.Region("RUS", "12")->name, "Chechnya");
  EXPECT_NEAR(g.Region("RUS", "12")->lat, 43.3, 1e-4);
}

TEST(GazetteerTest, RejectsCorruptFiles) {
  GazetteerBuilder b;
  b.Add(Rec("Moscow", PlaceKind::kCity, "RUS", "48", 524901, 55.75, 37.62, 1));
  std::string bytes = b.Serialize();
  EXPECT_FALSE(Gazetteer::FromBytes("not a gazetteer").ok());
  EXPECT_FALSE(Gazetteer::FromBytes(bytes.substr(0, bytes.size() - 3)).ok());
  std::string bad = bytes;
  bad[20] = '\xff';  // the first entry's name offset
  bad[23] = '\x7f';
  EXPECT_FALSE(Gazetteer::FromBytes(bad).ok());
  EXPECT_FALSE(Gazetteer::Load("/nonexistent/gazetteer.bin").ok());
}

TEST(GazetteerTest, LoadSharedReadsEachFileOnceWhileItIsHeld) {
  GazetteerBuilder b;
  b.Add(Rec("Moscow", PlaceKind::kCity, "RUS", "48", 524901, 55.75, 37.62, 1));
  auto path = (std::filesystem::temp_directory_path() /
               ("dyad_gaz_shared_" + std::to_string(::getpid()) + ".bin"))
                  .string();
  { std::ofstream(path, std::ios::binary) << b.Serialize(); }
  auto first = Gazetteer::LoadShared(path);
  auto second = Gazetteer::LoadShared(path);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(first.value().get(), second.value().get());  // one copy
  EXPECT_TRUE(first.value()->Contains("Moscow"));
  // Once nobody holds it, the next load reads the file again (a changed file is seen).
  first = StatusOr<std::shared_ptr<const Gazetteer>>(nullptr);
  second = StatusOr<std::shared_ptr<const Gazetteer>>(nullptr);
  GazetteerBuilder b2;
  b2.Add(Rec("Grozny", PlaceKind::kCity, "RUS", "12", 558418, 43.31, 45.69, 1));
  { std::ofstream(path, std::ios::binary | std::ios::trunc) << b2.Serialize(); }
  auto third = Gazetteer::LoadShared(path);
  ASSERT_TRUE(third.ok());
  EXPECT_TRUE(third.value()->Contains("Grozny"));
  EXPECT_FALSE(third.value()->Contains("Moscow"));
  std::remove(path.c_str());
  auto missing = Gazetteer::LoadShared("/nonexistent/gazetteer.bin");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("/nonexistent/gazetteer.bin"), std::string::npos);
}

TEST(GazetteerTest, NormalizeName) {
  EXPECT_EQ(NormalizeName("  Sant Julià  de Lòria "), "sant julia de loria");
  EXPECT_EQ(NormalizeName("U.S."), "us");
  EXPECT_EQ(NormalizeName("Côte d’Ivoire"), "cote divoire");
  EXPECT_EQ(NormalizeName("\xE2\x80\x98" "Afr\xC4\xABn"), "afrin");
  EXPECT_EQ(NormalizeName("Guinea-Bissau"), "guinea bissau");
}

// Hand-encoded protobuf: one city, then a second with delta coordinates.
TEST(GazetteerTest, DecodesCitiesPbf) {
  std::string msg1;
  msg1 += "\x08";
  msg1 += '\x02';  // id 1 (zigzag 2)
  msg1 += "\x12\x04Vila";
  msg1 += "\x1a\x02" "AD";
  msg1 += "\x3a\x03PPL";
  msg1 += "\x42\x02" "03";
  msg1 += "\x48\x0a";  // population 10
  msg1 += "\x50\x04";  // lon +2 -> 0.00002
  msg1 += "\x58\x06";  // lat +3
  std::string msg2 = "\x12\x01X\x50\x01\x58\x02";  // lon -1, lat +1 relative
  std::string pbf;
  pbf += static_cast<char>(msg1.size());
  pbf += msg1;
  pbf += static_cast<char>(msg2.size());
  pbf += msg2;
  auto rows = DecodeCitiesPbf(pbf);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].id, 1);
  EXPECT_EQ((*rows)[0].name, "Vila");
  EXPECT_EQ((*rows)[0].country, "AD");
  EXPECT_EQ((*rows)[0].feature_code, "PPL");
  EXPECT_EQ((*rows)[0].admin1, "03");
  EXPECT_EQ((*rows)[0].population, 10u);
  EXPECT_NEAR((*rows)[0].lon, 0.00002, 1e-9);
  EXPECT_NEAR((*rows)[1].lon, 0.00001, 1e-9);
  EXPECT_NEAR((*rows)[1].lat, 0.00004, 1e-9);
  EXPECT_FALSE(DecodeCitiesPbf("\x05\x08").ok());  // truncated
}

// The gazetteer the build compiled from GeoNames (always built with the tests).
TEST(GazetteerTest, BuiltGazetteerKnowsTheSeedPlaces) {
  std::string path = FindGazetteerFile("");
  ASSERT_FALSE(path.empty()) << "the build should have compiled data/geo/gazetteer.bin";
  auto g = Gazetteer::Load(path);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_GT(g->size(), 100000u);
  auto moscow = g->Resolve("Moscow", {});
  ASSERT_TRUE(moscow.has_value());
  EXPECT_EQ(moscow->country, "RUS");
  EXPECT_EQ(moscow->geonames_id, 524901);
  auto chechnya = g->Resolve("Chechnya", {});
  ASSERT_TRUE(chechnya.has_value());
  EXPECT_EQ(chechnya->kind, PlaceKind::kRegion);
  EXPECT_NEAR(chechnya->lat, 43.3, 0.5);
  EXPECT_NEAR(chechnya->lon, 45.7, 0.5);
  EXPECT_EQ(g->Resolve("Russia", {})->name, "Russia");
  ResolveContext us;
  us.countries = {"USA"};
  EXPECT_EQ(g->Resolve("Georgia", {})->country, "GEO");
  EXPECT_EQ(g->Resolve("Georgia", us)->country, "USA");
  // Our aliases: English news drops the Arabic article of GeoNames' names;
  // everyday abbreviations.
  auto fallujah = g->Resolve("Fallujah", {});
  ASSERT_TRUE(fallujah.has_value());
  EXPECT_EQ(fallujah->country, "IRQ");
  EXPECT_EQ(fallujah->kind, PlaceKind::kCity);
  ASSERT_TRUE(g->Resolve("Amarah", {}).has_value());
  EXPECT_EQ(g->Resolve("Amarah", {})->country, "IRQ");
  ASSERT_TRUE(g->Resolve("NZ", {}).has_value());
  EXPECT_EQ(g->Resolve("NZ", {})->country, "NZL");
  ASSERT_TRUE(g->Resolve("NYC", {}).has_value());
  EXPECT_EQ(g->Resolve("NYC", {})->name, "New York City");
}

}  // namespace
}  // namespace dyad::geo
