#include "actors/actor_dictionary.h"

#include <gtest/gtest.h>

#include "actors/dyad_format.h"
#include "actors/legacy_import.h"

namespace dyad::actors {
namespace {

// A tiny invented world, written for these tests.
constexpr char kDict[] = R"(
country NOR
  name Norway
  adjective Norwegian
  demonym Norwegians
  capital Oslo
country SWE
  name Sweden
  adjective Swedish
region NOR Finnmark
  adjective Finnmarkian
actor lund_tove
  name Tove Lund
  name Lund
  role NORGOV 2003-02..2009-06
  role NORELI 2009-07..2010
  role NORMIL 2012..
actor friends_of_wombats
  name Friends of Wombats
  name FoW
  code NGOENV
agent COP
  name police
  name police officer
agent GOV
  name leader
  title President
agent MIL
  name soldier
agent CVL
  name civilian
agent REF
  name refugee
agent MED
  name newspaper
agent ELI
  name ex-president
actor berg_nils
  name Nils Berg
  role NORGOV 1990..1995 note=prime minister
  role NORELI 1996..
  role NORJUD 2001..2008 note=constitutional court
actor berg_nils_general
  name Nils Berg
  role NORMIL 2015.. note=a namesake
)";

std::unique_ptr<ActorDictionary> Load(const char* text = kDict) {
  DictionaryData d;
  ParseDyadText(text, "t.dyad", ".", &d);
  EXPECT_TRUE(d.diagnostics.empty());
  auto dict = ActorDictionary::Build(std::move(d));
  EXPECT_TRUE(dict.ok());
  return std::move(dict).value();
}

std::vector<std::string_view> Split(const std::string& s, std::vector<std::string>* store) {
  store->clear();
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(' ', i);
    if (j == std::string::npos) j = s.size();
    if (j > i) store->push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return std::vector<std::string_view>(store->begin(), store->end());
}

// "begin-end:CODE" for each coded phrase.
std::string Code(const ActorDictionary& dict, const std::string& sentence, Date date) {
  std::vector<std::string> store;
  auto toks = Split(sentence, &store);
  std::string out;
  for (const auto& a : dict.CodeTokens(std::span<const std::string_view>(toks), date)) {
    if (!out.empty()) out += " ";
    out += std::to_string(a.begin) + "-" + std::to_string(a.end) + ":" + a.code.code;
  }
  return out;
}

TEST(ActorDictionary, LongestMatchCaseAndPunctuation) {
  auto dict = Load();
  std::vector<std::string> store;
  auto toks = Split("the NORWEGIAN police-officer met friends of wombats ( FoW )", &store);
  auto m = dict->Match(std::span<const std::string_view>(toks));
  ASSERT_EQ(m.size(), 4u);
  // "police-officer" is one token whose words are "police officer".
  EXPECT_EQ(m[1].begin, 2u);
  EXPECT_EQ(m[1].end, 3u);
  EXPECT_EQ(dict->form(m[1].forms[0]).surface, "police officer");
  EXPECT_EQ(m[2].begin, 4u);
  EXPECT_EQ(m[2].end, 7u);
}

TEST(ActorDictionary, MatchesMustRespectTokenBoundaries) {
  auto dict = Load();
  std::vector<std::string> store;
  auto toks = Split("Policemen and Norwayish people", &store);
  EXPECT_TRUE(dict->Match(std::span<const std::string_view>(toks)).empty());
}

TEST(ActorDictionary, CombinesPlacesAndAgents) {
  auto dict = Load();
  EXPECT_EQ(Code(*dict, "Norwegian police arrested Swedish soldiers", kUnknownDate),
            "0-2:NORCOP 3-5:SWEMIL");
  EXPECT_EQ(Code(*dict, "Finnmark 's leader", kUnknownDate), "0-3:NORGOV");
  EXPECT_EQ(Code(*dict, "Finnmarkian police officers", kUnknownDate), "0-3:NORCOP");
  EXPECT_EQ(Code(*dict, "Norwegians and Norway and Oslo", kUnknownDate),
            "0-1:NOR 2-3:NOR 4-5:NORGOV");
  EXPECT_EQ(Code(*dict, "talks in Oslo", kUnknownDate), "2-3:NOR");
  EXPECT_EQ(Code(*dict, "( Oslo ) - police said", kUnknownDate), "1-2:NOR 4-5:COP");
  EXPECT_EQ(Code(*dict, "a Norwegian said", kUnknownDate), "1-2:NOR");
  EXPECT_EQ(Code(*dict, "Norway 's new leader", kUnknownDate), "0-4:NORGOV");
  EXPECT_EQ(Code(*dict, "Norway said police", kUnknownDate), "0-1:NOR 2-3:COP");
  // A people within a country, a counted people and an ethnic group are
  // civilians; the people as a whole is the country.
  EXPECT_EQ(Code(*dict, "Finnmarkian Norwegians", kUnknownDate), "0-2:NORCVL");
  EXPECT_EQ(Code(*dict, "the Norwegians said", kUnknownDate), "1-2:NOR");
  EXPECT_EQ(Code(*dict, "200 Norwegians", kUnknownDate), "1-2:NORCVL");
  EXPECT_EQ(Code(*dict, "thousands of Norwegians", kUnknownDate), "2-3:NORCVL");
  EXPECT_EQ(Code(*dict, "Norwegians in Sweden", kUnknownDate), "0-1:NORCVL 2-3:SWE");
  EXPECT_EQ(Code(*dict, "ethnic Norwegians", kUnknownDate), "0-2:CVL");
  EXPECT_EQ(Code(*dict, "ethnic Norwegian police", kUnknownDate), "0-3:COP");
  EXPECT_EQ(Code(*dict, "civilian police", kUnknownDate), "0-2:COP");
  EXPECT_EQ(Code(*dict, "police said", kUnknownDate), "0-1:COP");
  EXPECT_EQ(Code(*dict, "Friends of Wombats said", kUnknownDate), "0-3:NGOENV");
}

TEST(ActorDictionary, HyphenatedModifiers) {
  auto dict = Load();
  // Split by the tokenizer: the hyphen may sit in a modifier gap.
  EXPECT_EQ(Code(*dict, "Norwegian - led soldiers", kUnknownDate), "0-4:NORMIL");
  // One token: its first part codes it.
  EXPECT_EQ(Code(*dict, "Norwegian-led soldiers", kUnknownDate), "0-2:NORMIL");
  EXPECT_EQ(Code(*dict, "Swedish-Norwegian", kUnknownDate), "0-1:SWE");
  EXPECT_EQ(Code(*dict, "anti-police", kUnknownDate), "");
  // A split-off hyphen inside a name is read through, as the dictionary
  // form's own hyphen is ("al-Qaeda" is "al - Qaeda" after tokenizing).
  EXPECT_EQ(Code(*dict, "Friends - of - Wombats said", kUnknownDate), "0-5:NGOENV");
  EXPECT_EQ(Code(*dict, "Tove - Lund", 20050101), "0-3:NORGOV");
}

TEST(ActorDictionary, AcronymsMatchOnlyCapitals) {
  DictionaryData d;
  ParseDyadText("actor fow\n  name FOW\n  code NGOENV\n", "t.dyad", ".", &d);
  auto dict = ActorDictionary::Build(std::move(d));
  ASSERT_TRUE(dict.ok());
  EXPECT_EQ(Code(**dict, "FOW said", kUnknownDate), "0-1:NGOENV");
  EXPECT_EQ(Code(**dict, "Fow said", kUnknownDate), "");
}

TEST(ActorDictionary, DateBoundedRoles) {
  auto dict = Load();
  EXPECT_EQ(Code(*dict, "Tove Lund spoke", 20050101), "0-2:NORGOV");
  EXPECT_EQ(Code(*dict, "Lund spoke", 20150101), "0-1:NORMIL");
  EXPECT_EQ(Code(*dict, "Lund spoke", 20100101), "0-1:NORELI");
  // Between roles she is known but has no code ...
  EXPECT_EQ(Code(*dict, "Lund spoke", 20110601), "0-1:");
  // ... unless a title gives one: its sector, and her own country.
  EXPECT_EQ(Code(*dict, "Norwegian President Tove Lund spoke", 20110601), "0-4:NORGOV");
  EXPECT_EQ(Code(*dict, "President Tove Lund spoke", 20110601), "0-3:NORGOV");
  // The text's title also beats an ELI (former office-holder) code ...
  EXPECT_EQ(Code(*dict, "President Tove Lund spoke", 20100101), "0-3:NORGOV");
  // ... unless the title is a former one.
  EXPECT_EQ(Code(*dict, "former President Tove Lund spoke", 20100101), "1-4:NORELI");
  // Unknown date: office roles before ELI ones, the latest-ending first.
  EXPECT_EQ(Code(*dict, "Lund spoke", kUnknownDate), "0-1:NORMIL");
  EXPECT_EQ(Code(*dict, "Nils Berg spoke", kUnknownDate), "0-2:NORJUD");
  auto codes = dict->CodesAt(dict->data().actor_ids.at("lund_tove"), 20050101);
  ASSERT_EQ(codes.size(), 1u);
  EXPECT_EQ(codes[0]->code, "NORGOV");
}

TEST(ActorDictionary, UndatedCodesRankByTheTextsDate) {
  auto dict = Load();
  std::uint32_t berg = dict->data().actor_ids.at("berg_nils");
  auto code_list = [&](Date date, Date reference) {
    std::string out;
    for (const CodeSpan* c : dict->CodesAt(berg, date, reference)) out += c->code + " ";
    return out;
  };
  // A known event date filters.
  EXPECT_EQ(code_list(19920101, kUnknownDate), "NORGOV ");
  EXPECT_EQ(code_list(20030101, kUnknownDate), "NORELI NORJUD ");
  // No date at all: ELI last, then the latest-ending first.
  EXPECT_EQ(code_list(kUnknownDate, kUnknownDate), "NORJUD NORGOV NORELI ");
  // No event date, but the text's date: nearest first, all kept.
  EXPECT_EQ(code_list(kUnknownDate, 19930615), "NORGOV NORELI NORJUD ");
  EXPECT_EQ(code_list(kUnknownDate, 19970101), "NORELI NORGOV NORJUD ");
  EXPECT_EQ(code_list(kUnknownDate, 20050101), "NORJUD NORELI NORGOV ");
  // Through CodeText.
  std::vector<std::string> store;
  auto words = Split("Nils Berg spoke", &store);
  auto at = dict->CodeText(WordText::FromTokens(words), kUnknownDate, 19930615);
  ASSERT_FALSE(at.empty());
  EXPECT_EQ(at[0].code.code, "NORGOV");
  // Undated, the text's title picks the role that agrees with it ...
  EXPECT_EQ(Code(*dict, "President Nils Berg spoke", kUnknownDate), "0-3:NORGOV");
  // ... and "ex-president" says the office is over.
  EXPECT_EQ(Code(*dict, "ex-president Nils Berg spoke", kUnknownDate), "0-3:NORELI");
}

TEST(ActorDictionary, NamesakesByDate) {
  auto dict = Load();
  EXPECT_EQ(Code(*dict, "Nils Berg spoke", 19920101), "0-2:NORGOV");
  EXPECT_EQ(Code(*dict, "Nils Berg spoke", 20160101), "0-2:NORMIL");
  std::vector<std::string> store;
  auto words = Split("Nils Berg spoke", &store);
  auto at = dict->CodeText(WordText::FromTokens(words), kUnknownDate, 20200101);
  ASSERT_FALSE(at.empty());
  EXPECT_EQ(at[0].code.code, "NORMIL");
}

TEST(ActorDictionary, QualifiedAgents) {
  auto dict = Load();
  EXPECT_EQ(Code(*dict, "Norwegian civilian refugees", kUnknownDate), "0-3:NORREF");
  EXPECT_EQ(Code(*dict, "an official Norwegian newspaper", kUnknownDate), "2-4:NORGOVMED");
  EXPECT_EQ(Code(*dict, "a state - run Norwegian newspaper", kUnknownDate), "4-6:NORGOVMED");
  EXPECT_EQ(Code(*dict, "a Norwegian newspaper", kUnknownDate), "1-3:NORMED");
  // A person's possessive gives the country, not the person's sector.
  EXPECT_EQ(Code(*dict, "Tove Lund 's soldiers", 20050101), "0-4:NORMIL");
}

TEST(ActorDictionary, SplitCode) {
  auto dict = Load();
  ActorCode c = dict->SplitCode("NORCOP");
  EXPECT_EQ(c.country, "NOR");
  EXPECT_EQ(c.sectors, (std::vector<std::string>{"COP"}));
  c = dict->SplitCode("NGOHRI");
  EXPECT_EQ(c.country, "");
  EXPECT_EQ(c.sectors, (std::vector<std::string>{"NGO", "HRI"}));
  c = dict->SplitCode("---");
  EXPECT_EQ(c.code, "");
  // Sector-only codes have no country ("missionary" is REL, not a state).
  for (const char* sector : {"REL", "PRM", "UNK", "SET"}) {
    c = dict->SplitCode(sector);
    EXPECT_EQ(c.country, "") << sector;
    EXPECT_EQ(c.sectors, (std::vector<std::string>{sector}));
  }
}

// A PETRARCH-style dictionary written for this test.
constexpr char kPetrActors[] = R"(# comment line
NORWAY_  [NOR]
+NORWEGIAN_
TOVE_LUND_   # a person
	[NORGOV 030201-090630]
	[NORELI]
FRIENDS_OF_WOMBATS_ [NGOENV] [---]
+FOW_
	[NORGOV bogus]
<!-- a
multi-line comment -->
+ORPHAN_SYNONYM_AFTER_COMMENT
[NOR 1-2-3]
JOHN_DOE_ [USAGOV 100101-
)";

constexpr char kPetrAgents[] = R"(!PERSON! = MAN, MEN
POLICE {} [~COP]
SOLDIER [~MIL] # regular plural
ARMY {ARMIES} [~MIL]
CONGRESS!PERSON! [~LEG]
WOMBAT_LOVER [NGO~]
NO_CODE_HERE
BROKEN {PLURAL [~MIL]
!UNDEFINED!_THING [~GOV]
)";

TEST(LegacyImport, PetrarchActorsAndAgents) {
  DictionaryData d;
  ImportLegacyActorsText(kPetrActors, "a.txt", LegacyDialect::kPetrarch, &d);
  ImportLegacyAgentsText(kPetrAgents, "g.txt", LegacyDialect::kPetrarch, &d);
  std::vector<std::string> errors;
  for (const auto& diag : d.diagnostics) errors.push_back(diag.ToString());
  EXPECT_EQ(errors, (std::vector<std::string>{
                        "a.txt:9: warning: invalid date 'bogus'; code kept without it",
                        "a.txt:13: warning: invalid date '1-2-3'; code kept without it",
                        "a.txt:14: '[' without ']'; code skipped",
                        "g.txt:7: agent without a [code]; skipped",
                        "g.txt:8: missing '}'; skipped",
                        "g.txt:9: substitution marker !UNDEFINED! is not defined; skipped",
                    }));
  auto dict = ActorDictionary::Build(std::move(d));
  ASSERT_TRUE(dict.ok());
  EXPECT_EQ(Code(**dict, "Norwegian police and soldiers and congressmen", 20050101),
            "0-2:NORCOP 3-4:MIL 5-6:LEG");
  EXPECT_EQ(Code(**dict, "Tove Lund", 20050101), "0-2:NORGOV");
  EXPECT_EQ(Code(**dict, "Tove Lund", 20100101), "0-2:NORELI");
  EXPECT_EQ(Code(**dict, "FOW and wombat lovers", 20100101), "0-1:NGOENV 2-4:NGO");
  EXPECT_EQ(Code(**dict, "Norwegian armies", 20100101), "0-2:NORMIL");
  // The synonym after the comment still belongs to the open FOW record.
  EXPECT_EQ(Code(**dict, "orphan synonym after comment", 20100101), "0-4:NGOENV");
}

TEST(LegacyImport, TabariStemsAndSections) {
  DictionaryData d;
  ImportLegacyActorsText(R"(<NOUN>
WOMBAT
</NOUN>
NORWEG  [NOR] ; stem
TOVE_LUND_  [NORGOV <090630] [---] ;ems
#	[950601-990815]  a commented-out code line
/KOALA_  [AUS]
)",
                         "t.actors", LegacyDialect::kTabari, &d);
  ImportLegacyAgentsText("CONSTABLE_  [ ~COP] ;x\n", "t.agents", LegacyDialect::kTabari, &d);
  EXPECT_TRUE(d.diagnostics.empty());
  auto dict = ActorDictionary::Build(std::move(d));
  ASSERT_TRUE(dict.ok());
  EXPECT_EQ(Code(**dict, "Norwegian constables", 20050101), "0-2:NORCOP");
  EXPECT_EQ(Code(**dict, "Norwegians", 20050101), "0-1:NOR");  // stem NORWEG
  EXPECT_EQ(Code(**dict, "wombat", 20050101), "");
  EXPECT_EQ(Code(**dict, "Tove Lund", 20050101), "0-2:NORGOV");
  EXPECT_EQ(Code(**dict, "Tove Lund", 20100101), "0-2:");  // [---]: known, no code
  EXPECT_EQ(Code(**dict, "koala", 20100101), "");  // "#" and "/" lines are comments.
  EXPECT_EQ(ParseLegacyDate("090630"), 20090630);
  EXPECT_EQ(ParseLegacyDate("450703"), 19450703);
  EXPECT_EQ(ParseLegacyDate("20120229"), 20120229);
  EXPECT_FALSE(ParseLegacyDate("20130229"));
}

}  // namespace
}  // namespace dyad::actors
