// Odd input never crashes the dictionary readers, the matcher or the
// resolver: random lines built from the formats' own punctuation and words.
#include <gtest/gtest.h>

#include <random>

#include "actors/actor_dictionary.h"
#include "actors/dyad_format.h"
#include "actors/legacy_import.h"
#include "actors/resolver.h"
#include "text/segmenter.h"

namespace dyad::actors {
namespace {

std::string RandomText(std::mt19937* rng, int pieces) {
  static const char* const kPieces[] = {
      "actor", "agent", "country", "region", "city", "name", "code", "role", "kind", "include",
      "[", "]", "{", "}", "!", "=", "~", "+", "#", ";", "<!--", "-->", "<NOUN>", "</NOUN>", "..",
      "2010", "-", "NORGOV", "~COP", "---", "_", " ", "\t", "\n", "\n", "\n", "Norway", "police",
      "'s", "\xE2\x80\x99s", ",", "and", "the", "groups", "He", "they", "Mark", "Stone", "\xC3\xA9",
      "\xFF", "(", ")", "President", "of", "990101-000101", "<", ">", "X"};
  std::uniform_int_distribution<size_t> pick(0, sizeof(kPieces) / sizeof(kPieces[0]) - 1);
  std::string s;
  for (int i = 0; i < pieces; ++i) {
    s += kPieces[pick(*rng)];
    if (i % 3 == 0) s += ' ';
  }
  return s;
}

TEST(ActorsRobustness, RandomDictionariesAndTextsNeverCrash) {
  std::mt19937 rng(12345);
  for (int round = 0; round < 300; ++round) {
    DictionaryData d;
    ParseDyadText(RandomText(&rng, 60), "r.dyad", "/nonexistent", &d);
    ImportLegacyActorsText(RandomText(&rng, 60), "r.actors.txt", LegacyDialect::kPetrarch, &d);
    ImportLegacyAgentsText(RandomText(&rng, 60), "r.agents.txt", LegacyDialect::kPetrarch, &d);
    ImportLegacyActorsText(RandomText(&rng, 60), "r.actors", LegacyDialect::kTabari, &d);
    // Every entry the readers kept has a valid kind and in-range forms.
    for (const auto& f : d.forms) ASSERT_LT(f.entry, d.entries.size());
    auto dict = ActorDictionary::Build(std::move(d));
    ASSERT_TRUE(dict.ok());
    AnalyzedDocument doc;
    doc.document.text = RandomText(&rng, 80);
    doc.document.date = round % 2 ? "2012-01-01" : "";
    doc.sentences = text::Segment(doc.document);
    Resolver r(dict->get());
    ASSERT_TRUE(r.Resolve(&doc).ok());
    for (const auto& m : doc.mentions) {
      ASSERT_LE(m.span.end, doc.document.text.size());
      ASSERT_LT(m.antecedent, static_cast<int>(doc.mentions.size()));
      ASSERT_LT(m.compound, static_cast<int>(doc.mentions.size()));
    }
  }
}

}  // namespace
}  // namespace dyad::actors
