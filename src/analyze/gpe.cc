#include "analyze/gpe.h"

#include <cctype>
#include <string>
#include <vector>

#include "geo/gazetteer.h"

namespace dyad::analyze {
namespace {

// The two capitals of "TX" or "N.J." ("" for anything else: lower-case "pa"
// and "ca" are as often words).
std::string PostalCode(const std::string& text) {
  std::string code;
  for (char c : text) {
    if (c == '.') continue;
    if (!std::isupper(static_cast<unsigned char>(c))) return "";
    code += c;
  }
  return code.size() == 2 ? code : "";
}

// Continents and the like, which GeoNames also has as towns ("Asia", Peru;
// "Andes", Colombia) or regions ("Sahel", Burkina Faso) or iso-codes as a
// territory ("Antarctica"), and the compass words that some countries'
// regions are named ("North", Cameroon), which alone name a part of any
// country ("the North"); normalized (geo::NormalizeName).
bool IsBroadArea(const std::string& normalized) {
  static const char* const kNames[] = {
      "africa",        "asia",          "europe",          "oceania",    "antarctica",
      "north america", "south america", "latin america",   "central america",
      "middle east",   "caribbean",     "eurasia",         "sahel",      "andes",
      "arctic",        "north",         "south",           "east",       "west",
      "northern",      "southern",      "eastern",         "western",    "central",
      "centre",        "center",        "northeast",       "northwest",  "southeast",
      "southwest",     "midwest",       "capital"};
  for (const char* name : kNames) {
    if (normalized == name) return true;
  }
  return false;
}

// A name whose last word is a natural feature's ("Red Sea", "Blue
// Mountains"): the feature, even where a region or town is named after it
// (Sudan's Red Sea State). Countries keep their names. Not "River", "Bay",
// "Lake" or "Valley", which end the names of many towns ("Fall River",
// "Green Bay", "Moreno Valley").
bool EndsWithFeatureWord(const std::string& normalized) {
  static const char* const kWords[] = {" sea",  " ocean",     " mountains", " desert",
                                       " gulf", " peninsula", " strait"};
  for (const char* word : kWords) {
    if (normalized.ends_with(word)) return true;
  }
  return false;
}

}  // namespace

bool IsGeopoliticalName(const geo::Gazetteer& gazetteer, const std::string& text,
                        const GpeOptions& options) {
  const std::string normalized = geo::NormalizeName(text);
  if (IsBroadArea(normalized)) return false;
  const bool feature = EndsWithFeatureWord(normalized);
  for (const geo::PlaceEntry& e : gazetteer.Lookup(text)) {
    if (e.kind == geo::PlaceKind::kCountry) return true;
    if (feature) continue;
    if (e.kind == geo::PlaceKind::kRegion || e.population >= options.min_city_population) {
      return true;
    }
  }
  const std::string code = PostalCode(text);
  return !code.empty() && gazetteer.Region("USA", code).has_value();
}

int MarkGeopolitical(const geo::Gazetteer& gazetteer, const GpeOptions& options,
                     std::vector<Sentence>* sentences) {
  int marked = 0;
  std::string text;
  for (Sentence& s : *sentences) {
    auto& t = s.tokens;
    for (std::size_t b = 0; b < t.size(); ++b) {
      if (t[b].ner != "B-LOC") continue;
      std::size_t e = b + 1;
      while (e < t.size() && t[e].ner == "I-LOC") ++e;
      text.clear();
      for (std::size_t i = b; i < e; ++i) {
        text += t[i].form;
        if (i + 1 < e && t[i].space_after) text += ' ';
      }
      if (IsGeopoliticalName(gazetteer, text, options)) {
        t[b].ner = "B-GPE";
        for (std::size_t i = b + 1; i < e; ++i) t[i].ner = "I-GPE";
        ++marked;
      }
      b = e - 1;
    }
  }
  return marked;
}

}  // namespace dyad::analyze
