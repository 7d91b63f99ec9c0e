#include "analyze/gpe.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "geo/gazetteer.h"
#include "geo/gazetteer_builder.h"

namespace dyad::analyze {
namespace {

geo::PlaceRecord Place(const char* name, geo::PlaceKind kind, const char* country,
                       const char* admin1, std::uint32_t population) {
  geo::PlaceRecord r;
  r.name = name;
  r.kind = kind;
  r.country = country;
  r.admin1 = admin1;
  r.population = population;
  return r;
}

// A gazetteer of our own making.
geo::Gazetteer Places() {
  geo::GazetteerBuilder b;
  geo::PlaceRecord us = Place("United States", geo::PlaceKind::kCountry, "USA", "", 0);
  us.aliases = {"U.S."};
  b.Add(us);
  b.Add(Place("Russia", geo::PlaceKind::kCountry, "RUS", "", 0));
  b.Add(Place("Chechnya", geo::PlaceKind::kRegion, "RUS", "12", 0));
  b.Add(Place("Texas", geo::PlaceKind::kRegion, "USA", "TX", 0));
  b.Add(Place("New Jersey", geo::PlaceKind::kRegion, "USA", "NJ", 0));
  b.Add(Place("Grozny", geo::PlaceKind::kCity, "RUS", "12", 226100));
  b.Add(Place("Summit", geo::PlaceKind::kCity, "USA", "NJ", 22074));
  b.Add(Place("Earth", geo::PlaceKind::kCity, "USA", "TX", 1012));   // a hamlet
  b.Add(Place("Asia", geo::PlaceKind::kCity, "PER", "15", 25000));    // a town, not the continent
  b.Add(Place("North", geo::PlaceKind::kRegion, "CMR", "13", 0));      // Cameroon's region
  b.Add(Place("Red Sea", geo::PlaceKind::kRegion, "SDN", "36", 0));    // Sudan's state
  b.Add(Place("Solomon Islands", geo::PlaceKind::kCountry, "SLB", "", 0));
  b.Add(Place("Salt Lake City", geo::PlaceKind::kCity, "USA", "UT", 186440));
  auto g = geo::Gazetteer::FromBytes(b.Serialize());
  EXPECT_TRUE(g.ok()) << g.status().ToString();
  return std::move(g).value();
}

// "word/LABEL word/LABEL ..." (no label: O).
Sentence Labelled(const std::string& text) {
  Sentence s;
  std::istringstream in(text);
  std::string item;
  while (in >> item) {
    Token t;
    const auto slash = item.rfind('/');
    t.form = slash == std::string::npos ? item : item.substr(0, slash);
    t.ner = slash == std::string::npos ? "O" : item.substr(slash + 1);
    s.tokens.push_back(std::move(t));
  }
  return s;
}

std::string Labels(const Sentence& s) {
  std::string out;
  for (const Token& t : s.tokens) out += (out.empty() ? "" : " ") + t.ner;
  return out;
}

TEST(GpeTest, CountriesRegionsAndTownsBecomeGpe) {
  const geo::Gazetteer g = Places();
  std::vector<Sentence> doc = {
      Labelled("Kadyrov/B-PER of Chechnya/B-LOC met the United/B-LOC States/I-LOC and "
               "Russia/B-LOC in Grozny/B-LOC"),
      Labelled("He/O moved to Summit/B-LOC ,/O N.J./B-LOC ,/O from Earth/B-LOC ,/O TX/B-LOC")};
  EXPECT_EQ(MarkGeopolitical(g, {}, &doc), 7);
  EXPECT_EQ(Labels(doc[0]), "B-PER O B-GPE O O B-GPE I-GPE O B-GPE O B-GPE");
  // Earth, Texas has about a thousand people: too few to trust the name.
  EXPECT_EQ(Labels(doc[1]), "O O O B-GPE O B-GPE O O B-LOC O B-GPE");
}

TEST(GpeTest, OtherLocationsStayLoc) {
  const geo::Gazetteer g = Places();
  std::vector<Sentence> doc = {
      Labelled("Asia/B-LOC ,/O Lake/B-LOC Grozny/I-LOC ,/O the/O Texas/B-LOC Hills/I-LOC ,/O "
               "tx/B-LOC ,/O the/O North/B-LOC ,/O the/O Red/B-LOC Sea/I-LOC and/O "
               "Main/B-LOC Street/I-LOC")};
  EXPECT_EQ(MarkGeopolitical(g, {}, &doc), 0);
  EXPECT_EQ(Labels(doc[0]),
            "B-LOC O B-LOC I-LOC O O B-LOC I-LOC O B-LOC O O B-LOC O O B-LOC I-LOC O "
            "B-LOC I-LOC");
}

TEST(GpeTest, OnlyLocationsAndWholeEntities) {
  const geo::Gazetteer g = Places();
  // A person or organisation named like a place keeps its type; two places
  // side by side are two entities; a place inside a longer entity is not one.
  std::vector<Sentence> doc = {
      Labelled("Texas/B-ORG Instruments/I-ORG hired Summit/B-PER in/O Russia/B-LOC "
               "Chechnya/B-LOC")};
  EXPECT_EQ(MarkGeopolitical(g, {}, &doc), 2);
  EXPECT_EQ(Labels(doc[0]), "B-ORG I-ORG O B-PER O B-GPE B-GPE");
}

TEST(GpeTest, PopulationThresholdIsAnOption) {
  const geo::Gazetteer g = Places();
  GpeOptions all;
  all.min_city_population = 0;
  EXPECT_TRUE(IsGeopoliticalName(g, "Earth", all));
  EXPECT_FALSE(IsGeopoliticalName(g, "Earth", {}));
  EXPECT_TRUE(IsGeopoliticalName(g, "U.S.", {}));
  EXPECT_TRUE(IsGeopoliticalName(g, "new jersey", {}));
  EXPECT_FALSE(IsGeopoliticalName(g, "", {}));
  EXPECT_FALSE(IsGeopoliticalName(g, "CA", {}));  // no such region in this gazetteer
  // A feature word ends the name of a sea, not of a country or a city.
  EXPECT_FALSE(IsGeopoliticalName(g, "Red Sea", {}));
  EXPECT_TRUE(IsGeopoliticalName(g, "Solomon Islands", {}));
  EXPECT_TRUE(IsGeopoliticalName(g, "Salt Lake City", {}));
}

}  // namespace
}  // namespace dyad::analyze
