#include "actors/resolver.h"

#include <gtest/gtest.h>

#include <cctype>
#include <map>

#include "actors/dyad_format.h"
#include "geo/gazetteer_builder.h"
#include "text/segmenter.h"

namespace dyad::actors {
namespace {

const ActorDictionary& World() {
  static const ActorDictionary* dict = [] {
    DictionaryData d;
    Status s = ParseDyadFile(std::string(DYAD_TEST_FIXTURES) + "/dict/world.dyad", &d);
    EXPECT_TRUE(s.ok()) << s.ToString();
    EXPECT_TRUE(d.diagnostics.empty());
    return ActorDictionary::Build(std::move(d)).value().release();
  }();
  return *dict;
}

AnalyzedDocument Analyze(const std::string& text, const std::string& date = "2012-05-01") {
  AnalyzedDocument doc;
  doc.document.id = "t";
  doc.document.text = text;
  doc.document.date = date;
  doc.sentences = text::Segment(doc.document);
  return doc;
}

// An invented gazetteer: a major city of Ostmark, a small town of
// Valdoria, a major city that is also the name of the fixture's Valdorian
// region, a major city of Ostmark whose name could as well be a woman's
// (Marenka), and a small town with namesakes in both countries (Hollin).
const geo::Gazetteer& Places() {
  static const geo::Gazetteer* gaz = [] {
    geo::GazetteerBuilder b;
    b.Add({.name = "Brenholm", .country = "OST", .admin1 = "01", .geonames_id = 1,
           .population = 250000});
    b.Add({.name = "Lindvik", .country = "VLD", .admin1 = "02", .geonames_id = 2,
           .population = 4000});
    b.Add({.name = "Kestria", .country = "VLD", .admin1 = "03", .geonames_id = 3,
           .population = 400000});
    b.Add({.name = "Marenka", .country = "OST", .admin1 = "01", .geonames_id = 11,
           .population = 300000});
    b.Add({.name = "Hollin", .country = "OST", .admin1 = "01", .geonames_id = 12,
           .population = 3000});
    b.Add({.name = "Hollin", .country = "VLD", .admin1 = "02", .geonames_id = 13,
           .population = 5000});
    auto g = geo::Gazetteer::FromBytes(b.Serialize());
    EXPECT_TRUE(g.ok()) << g.status().ToString();
    return new geo::Gazetteer(std::move(g).value());
  }();
  return *gaz;
}

std::vector<std::string> Resolve(AnalyzedDocument* doc, const geo::Gazetteer* gaz = nullptr) {
  Resolver r(&World(), gaz);
  EXPECT_TRUE(r.Resolve(doc).ok());
  std::vector<std::string> out;
  for (const auto& m : doc->mentions) {
    out.push_back(m.text + "=" + m.code.code + "/" + ResolutionName(m.how));
  }
  return out;
}

std::vector<std::string> Resolve(const std::string& text, const std::string& date = "2012-05-01") {
  AnalyzedDocument doc = Analyze(text, date);
  return Resolve(&doc);
}

// With a gazetteer (the document date as in Resolve above).
std::vector<std::string> ResolveWith(const std::string& text, const geo::Gazetteer* gaz) {
  AnalyzedDocument doc = Analyze(text);
  return Resolve(&doc, gaz);
}

using V = std::vector<std::string>;

TEST(Resolver, TitleCodesAnUnknownName) {
  EXPECT_EQ(Resolve("Ostmarkian President Karl Weiss met reporters."),
            V({"Ostmarkian President Karl Weiss=OSTGOV/title"}));
}

TEST(Resolver, LowerCaseTitlesNeedACountry) {
  // The agent noun stays an agent mention; the name is not coded by it.
  EXPECT_EQ(Resolve("The company said its president Karl Weiss resigned."),
            V({"president=GOV/agent"}));
  EXPECT_EQ(Resolve("The Ostmarkian president Karl Weiss resigned."),
            V({"Ostmarkian president Karl Weiss=OSTGOV/title"}));
}

TEST(Resolver, LowerCaseNonGovernmentTitlesCodeTheName) {
  // "the activist X" names an activist whatever the country; the surname
  // alone later refers back to the person.
  EXPECT_EQ(Resolve("Police held the activist Karl Weiss. Weiss denied it."),
            V({"Police=COP/agent", "activist Karl Weiss=HRI/title",
               "Weiss=HRI/coreference"}));
}

TEST(Resolver, AppositionAfterTheName) {
  EXPECT_EQ(Resolve("Mark Stone, head of the northern Valdorian region of Kestria, said no."),
            V({"Mark Stone=VLDGOV/apposition", "Valdorian=VLD/dictionary",
               "Kestria=VLD/dictionary"}));
  EXPECT_EQ(Resolve("Lena Fox, Kestria director at Watchful Eye, said no."),
            V({"Lena Fox=NGOHRI/apposition", "Watchful Eye=NGOHRI/dictionary"}));
}

TEST(Resolver, AppositionBeforeTheName) {
  // The description heads the noun phrase, so the mention takes it in.
  EXPECT_EQ(Resolve("Kestria's leader, Mark Stone, spoke."),
            V({"Kestria's leader, Mark Stone=VLDGOV/apposition"}));
  // Also before a known person, whose own code stands.
  EXPECT_EQ(Resolve("Valdoria's leader, Anna Brook, spoke."),
            V({"Valdoria's leader, Anna Brook=VLDGOV/dictionary"}));
  // A phrase opened by a preposition is no description of the name.
  EXPECT_EQ(Resolve("After meeting Kestria's leader, Mark Stone said no."),
            V({"Kestria's leader=VLDGOV/agent"}));
  // Nor is one with no agent in it.
  EXPECT_EQ(Resolve("Last week, Anna Brook spoke."), V({"Anna Brook=VLDGOV/dictionary"}));
}

TEST(Resolver, OrganisationTitlesMakeOrganisations) {
  // "the rights group X" names a group: its PLOVER sector comes from the
  // title's head (civil society), not from a person (a civilian), and its
  // last word is no surname for later sentences.
  AnalyzedDocument doc = Analyze("Police raided the rights group Silver Hand. Hand denied it.");
  EXPECT_EQ(Resolve(&doc), V({"Police=COP/agent", "rights group Silver Hand=HRI/title"}));
  EXPECT_EQ(doc.mentions[1].code.plover.sector, "SOC");
  doc = Analyze("Police held the activist Karl Weiss.");
  Resolve(&doc);
  EXPECT_EQ(doc.mentions[1].code.plover.sector, "CVL");
}

TEST(Resolver, AssociationsOfACivilSector) {
  // The association is one organisation of the sector of its members, with
  // the country of a word in front of it; with an international qualifier
  // and no country it is an NGO.
  EXPECT_EQ(Resolve("The Valdorian Union of Journalists protested."),
            V({"Valdorian Union of Journalists=VLDMED/agent"}));
  EXPECT_EQ(Resolve("The International Union of Kestrian Journalists protested."),
            V({"International Union of Kestrian Journalists=VLDMED/agent"}));
  EXPECT_EQ(Resolve("The World Union of Journalists protested."),
            V({"World Union of Journalists=NGOMED/agent"}));
  // Armed sectors are left alone: a "Union of ... Forces" is usually a party.
  EXPECT_EQ(Resolve("The Union of Valdorian Forces protested."),
            V({"Valdorian Forces=VLDMIL/agent"}));
}

TEST(Resolver, UndatedActorsTakeTheCountryTheSentenceNames) {
  // Rebels in Valdoria until 2000, Ostmark's government after: undated, the
  // latest code, unless the sentence names one of the two countries only.
  EXPECT_EQ(Resolve("The Kestrian Front met reporters.", ""),
            V({"Kestrian Front=OSTGOV/dictionary"}));
  EXPECT_EQ(Resolve("The Valdorian government and the Kestrian Front met.", ""),
            V({"Valdorian government=VLDGOV/agent", "Kestrian Front=VLDREB/dictionary"}));
  // Dated, the date decides.
  EXPECT_EQ(Resolve("The Valdorian government and the Kestrian Front met.", "2005-01-01"),
            V({"Valdorian government=VLDGOV/agent", "Kestrian Front=OSTGOV/dictionary"}));
}

TEST(Resolver, MentionsOfPartiallyRecognisedEntitiesArePre) {
  DictionaryData d;
  ParseDyadText(
      "country MDA\n  name Moldova\n  adjective Moldovan\n"
      "region MDA Transnistria\n  adjective Transnistrian\n"
      "agent GOV\n  name government\n",
      "inline", "", &d);
  auto dict = ActorDictionary::Build(std::move(d)).value();
  AnalyzedDocument doc = Analyze("The Transnistrian government and the Moldovan government met.");
  ASSERT_TRUE(Resolver(dict.get()).Resolve(&doc).ok());
  ASSERT_EQ(doc.mentions.size(), 2u);
  EXPECT_EQ(doc.mentions[0].code.code, "MDAGOV");
  EXPECT_EQ(doc.mentions[0].code.plover.other_sectors, std::vector<std::string>{"PRE"});
  EXPECT_EQ(doc.mentions[1].code.code, "MDAGOV");
  EXPECT_TRUE(doc.mentions[1].code.plover.other_sectors.empty());
}

// Tags every token: capitalised words PROPN, punctuation PUNCT, the rest
// NOUN; then `tags` (word -> "UPOS/XPOS") override.
AnalyzedDocument Tagged(const std::string& text,
                        const std::map<std::string, std::string>& tags) {
  AnalyzedDocument doc = Analyze(text);
  for (auto& sent : doc.sentences) {
    for (auto& t : sent.tokens) {
      bool punct = !t.form.empty() && std::ispunct(static_cast<unsigned char>(t.form[0]));
      t.upos = punct ? "PUNCT" : std::isupper(static_cast<unsigned char>(t.form[0])) ? "PROPN"
                                                                                  : "NOUN";
      t.xpos = t.upos == "PROPN" ? "NNP" : "NN";
      auto it = tags.find(t.form);
      if (it == tags.end()) continue;
      t.upos = it->second.substr(0, it->second.find('/'));
      t.xpos = it->second.substr(it->second.find('/') + 1);
    }
  }
  return doc;
}

TEST(Resolver, ACapitalisedUnionAfterANameIsNoTradeUnion) {
  EXPECT_EQ(Resolve("The Silver Star Union won the vote."), V({}));
  EXPECT_EQ(Resolve("The Silver Star Workers Union called a strike."),
            V({"Silver Star Workers Union=LAB/agent"}));
  EXPECT_EQ(Resolve("The union called a strike."), V({"union=LAB/agent"}));
}

TEST(Resolver, AgentAdjectivesBeforeOtherNounsAreNoActors) {
  // "civilian areas", "military policies": the agent word is an adjective.
  AnalyzedDocument doc = Tagged("Police shelled civilian areas.",
                                {{"shelled", "VERB/VBD"}, {"civilian", "ADJ/JJ"}});
  EXPECT_EQ(Resolve(&doc), V({"Police=COP/agent"}));
  doc = Tagged("Protesters denounced the Valdorian military policies.",
               {{"Protesters", "NOUN/NNS"}, {"denounced", "VERB/VBD"}, {"the", "DET/DT"},
                {"Valdorian", "ADJ/JJ"}, {"military", "ADJ/JJ"}});
  EXPECT_EQ(Resolve(&doc), V({"Valdorian military=VLD/dictionary"}));
  // A noun after it that is an actor itself keeps the phrase ("civilian
  // police"), and so does an untagged text.
  doc = Tagged("Valdorian military forces attacked.",
               {{"Valdorian", "ADJ/JJ"}, {"military", "ADJ/JJ"}, {"attacked", "VERB/VBD"}});
  EXPECT_EQ(Resolve(&doc), V({"Valdorian military forces=VLDMIL/agent"}));
  EXPECT_EQ(Resolve("Police shelled civilian areas."), V({"Police=COP/agent", "civilian=CVL/agent"}));
}

TEST(Resolver, SupportersOfAnActorAreNotThatActor) {
  // Holm is out of office in 2012 (VLDELI): her supporters are opposition.
  EXPECT_EQ(Resolve("Supporters of Ida Holm marched through the capital."),
            V({"Supporters=VLDOPP/agent", "Ida Holm=VLDELI/dictionary"}));
  // Brook governs in 2012: her backers are civilians.
  EXPECT_EQ(Resolve("Thousands of loyalists of Anna Brook gathered."),
            V({"loyalists=VLDCVL/agent", "Anna Brook=VLDGOV/dictionary"}));
  // A place's supporters are not coded by it.
  EXPECT_EQ(Resolve("Supporters of Ostmark cheered."),
            V({"Ostmark=OST/dictionary"}));
}

TEST(Resolver, AnAllyIsNotThePossessorsOwnAgent) {
  EXPECT_EQ(
      Resolve("Ostmark's police ally in northern Valdoria raided the camp."),
      V({"Ostmark=OST/dictionary", "police=VLDCOP/agent",
         "Valdoria=VLD/dictionary"}));
  // Without "ally" the possessive gives the country.
  EXPECT_EQ(Resolve("Ostmark's police raided the camp."),
            V({"Ostmark's police=OSTCOP/agent"}));
}

TEST(Resolver, WorldWideAssociationsAreNgos) {
  EXPECT_EQ(Resolve("The Global Lantern Forum urged restraint."),
            V({"Global Lantern Forum=NGO/agent"}));
  // Not without the qualifier, nor with a country in the name.
  EXPECT_EQ(Resolve("The Lantern Forum urged restraint."), V({}));
  EXPECT_EQ(Resolve("The Ostmark World Forum urged restraint."),
            V({"Ostmark World Forum=OST/dictionary"}));
}

TEST(Resolver, AClauseAfterANameIsNoApposition) {
  // "X, started a strike to protest President Y's ..." is the subject and
  // its verb phrase, not a description of X.
  AnalyzedDocument doc = Tagged(
      "Our Kestrian leader, Mark Stone, started a strike against Ostmarkian President "
      "Karl Weiss.",
      {{"Our", "PRON/PRP$"}, {"Kestrian", "ADJ/JJ"}, {"started", "VERB/VBD"}, {"a", "DET/DT"},
       {"against", "ADP/IN"}, {"Ostmarkian", "ADJ/JJ"}});
  EXPECT_EQ(Resolve(&doc), V({"Our Kestrian leader, Mark Stone=VLDGOV/apposition",
                              "Ostmarkian President Karl Weiss=OSTGOV/title"}));
  // A relative clause ends the description: its agents are not the person's.
  doc = Tagged("Mark Stone, a Kestrian activist who sued the police, spoke.",
               {{"a", "DET/DT"}, {"who", "PRON/WP"}, {"sued", "VERB/VBD"},
                {"spoke", "VERB/VBD"}, {"Kestrian", "ADJ/JJ"}});
  EXPECT_EQ(Resolve(&doc), V({"Mark Stone=VLDHRI/apposition", "police=VLDCOP/agent"}));
  // A capitalised word tagged as a verb is part of a name, not a clause.
  doc = Tagged("Lena Fox, Kestria director at Watchful Eye, said no.",
               {{"director", "NOUN/NN"}, {"at", "ADP/IN"}, {"Eye", "VERB/VBP"},
                {"said", "VERB/VBD"}, {"no", "DET/DT"}});
  EXPECT_EQ(Resolve(&doc), V({"Lena Fox=NGOHRI/apposition", "Watchful Eye=NGOHRI/dictionary"}));
}

TEST(Resolver, CapitalisedWordsAreNotPersons) {
  // A lone capitalised word is not taken for a person with an apposition.
  EXPECT_EQ(Resolve("After the Cessation of Hostilities, the Valdorian government agreed."),
            V({"Valdorian government=VLDGOV/agent"}));
}

TEST(Resolver, CompoundsAndPluralCoreference) {
  AnalyzedDocument doc = Analyze(
      "Watchful Eye, Open Hands and Lantern Society wrote to Anna Brook. "
      "The groups also called on Brook to act.");
  EXPECT_EQ(Resolve(&doc),
            V({"Watchful Eye=NGOHRI/dictionary", "Open Hands=NGOHRI/dictionary",
               "Lantern Society=NGOHRI/dictionary", "Anna Brook=VLDGOV/dictionary",
               "The groups=NGOHRI/coreference", "The groups=NGOHRI/coreference",
               "The groups=NGOHRI/coreference", "Brook=VLDGOV/coreference"}));
  EXPECT_EQ(doc.mentions[0].compound, 0);
  EXPECT_EQ(doc.mentions[2].compound, 0);
  EXPECT_EQ(doc.mentions[3].compound, -1);
  EXPECT_EQ(doc.mentions[4].antecedent, 0);
  EXPECT_EQ(doc.mentions[6].antecedent, 2);
  EXPECT_EQ(doc.mentions[7].antecedent, 3);
}

TEST(Resolver, TheyAndTheOrganization) {
  EXPECT_EQ(Resolve("Watchful Eye and Open Hands wrote to the minister. They said the law was "
                    "unjust."),
            V({"Watchful Eye=NGOHRI/dictionary", "Open Hands=NGOHRI/dictionary",
               "They=NGOHRI/coreference", "They=NGOHRI/coreference"}));
  EXPECT_EQ(Resolve("Valdorian police detained two members of Lantern Society. The organization "
                    "protested."),
            V({"Valdorian police=VLDCOP/agent", "Lantern Society=NGOHRI/dictionary",
               "The organization=NGOHRI/coreference"}));
  // Too far back: no antecedent.
  EXPECT_EQ(Resolve("Lantern Society spoke. It rained. The sun shone. Birds sang. Cats slept. "
                    "The organization protested."),
            V({"Lantern Society=NGOHRI/dictionary"}));
}

TEST(Resolver, ListsOfPlacesAreNotActorsForThey) {
  AnalyzedDocument doc = Analyze("Kestria, Port Amsel and Ostmark have new laws. They say it works.");
  EXPECT_EQ(Resolve(&doc), V({"Kestria=VLD/dictionary", "Port Amsel=VLD/dictionary",
                              "Ostmark=OST/dictionary"}));
  EXPECT_TRUE(doc.mentions[1].place);  // Not the Valdorian government.
}

TEST(Resolver, AppositionIsNotACompound) {
  AnalyzedDocument doc = Analyze("Anna Brook, Kestria's leader, spoke.");
  EXPECT_EQ(Resolve(&doc), V({"Anna Brook=VLDGOV/dictionary"}));
  EXPECT_EQ(doc.mentions[0].compound, -1);
}

TEST(Resolver, SurnameAndPronounCoreference) {
  // "head of Kestria" is the apposition: it is Mark Stone, not a mention.
  EXPECT_EQ(Resolve("Mark Stone, head of Kestria, spoke on Monday. He said that Stone's "
                    "critics were wrong."),
            V({"Mark Stone=VLDGOV/apposition", "He=VLDGOV/coreference",
               "Stone=VLDGOV/coreference"}));
  // "him" is not in subject position.
  EXPECT_EQ(Resolve("Mark Stone, head of Kestria, spoke. Police arrested him."),
            V({"Mark Stone=VLDGOV/apposition", "Police=VLDCOP/agent"}));
}

TEST(Resolver, PlacesInsideLongerNamesAndPersonsOfOrganisations) {
  EXPECT_EQ(Resolve("Lena Fox of the Kestria Rights Forum and Tom Hale of Watchful Eye spoke."),
            V({"Lena Fox=VLD/apposition", "Kestria Rights Forum=VLD/dictionary",
               "Tom Hale=NGOHRI/apposition", "Watchful Eye=NGOHRI/dictionary"}));
  // A sector-less description codes nothing; a sector takes the document's country.
  EXPECT_EQ(Resolve("Tom Hale, a researcher, met police in Valdoria."),
            V({"police=VLDCOP/agent", "Valdoria=VLD/dictionary"}));
  EXPECT_EQ(Resolve("Tom Hale, a police officer, spoke in Valdoria."),
            V({"Tom Hale=VLDCOP/apposition", "Valdoria=VLD/dictionary"}));
}

TEST(Resolver, DefiniteDescriptionsOfPersons) {
  AnalyzedDocument doc = Analyze("Mark Stone, head of Kestria, spoke. The Kestrian leader said "
                                 "police would act. The leader left. A leader stayed.");
  EXPECT_EQ(Resolve(&doc),
            V({"Mark Stone=VLDGOV/apposition", "Kestrian leader=VLDGOV/coreference",
               "police=VLDCOP/agent", "leader=VLDGOV/coreference", "leader=VLDGOV/agent"}));
  EXPECT_EQ(doc.mentions[1].antecedent, 0);
  EXPECT_EQ(doc.mentions[3].antecedent, 0);
  EXPECT_EQ(doc.mentions[4].antecedent, -1);
}

TEST(Resolver, AgentsTakeCountriesFromModifiersAndTheDocument) {
  EXPECT_EQ(Resolve("In Kestria, a group of Kestrian youth attacked local police officials."),
            V({"Kestria=VLD/dictionary", "a group of Kestrian youth=VLDCVL/agent",
               "police officials=VLDCOP/agent"}));
  EXPECT_EQ(Resolve("Valdorian and Ostmarkian officials met."),
            V({"Valdorian=VLDGOV/agent", "Ostmarkian officials=OSTGOV/agent"}));
  EXPECT_EQ(Resolve("The president of Ostmark spoke in Valdoria."),
            V({"president of Ostmark=OSTGOV/agent", "Valdoria=VLD/dictionary"}));
}

TEST(Resolver, DateBoundedRoles) {
  EXPECT_EQ(Resolve("Anna Brook spoke.", "2012-05-01"), V({"Anna Brook=VLDGOV/dictionary"}));
  // Out of office: known but uncoded, unless a title says otherwise.
  EXPECT_EQ(Resolve("Anna Brook spoke.", "2020-05-01"), V({"Anna Brook=/dictionary"}));
  EXPECT_EQ(Resolve("President Anna Brook spoke.", "2020-05-01"),
            V({"President Anna Brook=VLDGOV/title"}));
  EXPECT_EQ(Resolve("Former President Anna Brook spoke.", "2020-05-01"),
            V({"President Anna Brook=VLDELI/title"}));
}

TEST(Resolver, UndatedDocumentsUseTheDatesInTheirText) {
  // No document date and no date in the text: office roles rank before ELI,
  // the latest-ending first.
  EXPECT_EQ(Resolve("Ida Holm spoke.", ""), V({"Ida Holm=VLDJUD/dictionary"}));
  // A date in the sentence, or the last one before it, ranks the roles.
  EXPECT_EQ(Resolve("In March 1993 Ida Holm spoke.", ""), V({"Ida Holm=VLDGOV/dictionary"}));
  EXPECT_EQ(Resolve("In 1998 the war ended. Ida Holm spoke.", ""),
            V({"Ida Holm=VLDELI/dictionary"}));
  EXPECT_EQ(Resolve("In 1993 she left. In 2004 Ida Holm spoke.", ""),
            V({"Ida Holm=VLDJUD/dictionary"}));
  // A document date is the event date: it filters, the text does not rank.
  EXPECT_EQ(Resolve("In March 1993 Ida Holm spoke.", "2004-01-01"),
            V({"Ida Holm=VLDELI/dictionary"}));
}

TEST(Resolver, CapitalisedRanksAreTitlesOfKnownPersons) {
  // Undated: the rank picks the military role.
  EXPECT_EQ(Resolve("General Erik Dorn spoke.", ""), V({"General Erik Dorn=VLDMIL/title"}));
  EXPECT_EQ(Resolve("Erik Dorn spoke.", ""), V({"Erik Dorn=VLDGOV/dictionary"}));
  // Dated: a role that holds wins; with none, the rank codes.
  EXPECT_EQ(Resolve("General Erik Dorn spoke.", "2007-01-01"),
            V({"Erik Dorn=VLDGOV/dictionary"}));
  EXPECT_EQ(Resolve("Gen. Erik Dorn spoke.", "2002-01-01"), V({"Gen. Erik Dorn=VLDMIL/title"}));
  // The common word is not a rank.
  EXPECT_EQ(Resolve("In general Erik Dorn spoke.", "2002-01-01"), V({"Erik Dorn=/dictionary"}));
}

TEST(Resolver, NerPersonsWithoutContextStayUncoded) {
  AnalyzedDocument doc = Analyze("Yesterday Tomas Berg wrote a letter.");
  auto& toks = doc.sentences[0].tokens;
  for (auto& t : toks) {
    t.ner = "O";
    t.upos = "X";
  }
  toks[1].ner = "B-PER";
  toks[2].ner = "I-PER";
  toks[1].upos = toks[2].upos = "PROPN";
  EXPECT_EQ(Resolve(&doc), V({"Tomas Berg=/ner"}));
  // Without NER, an unknown capitalised name with no context is not a mention.
  EXPECT_EQ(Resolve("Yesterday Tomas Berg wrote a letter."), V({}));
}

TEST(Resolver, UsesPosTagsWhenPresent) {
  AnalyzedDocument doc = Analyze("Ostmarkian President Karl Weiss met Valdorians.");
  for (auto& t : doc.sentences[0].tokens) t.upos = "NOUN";
  // Tagged as common nouns, "Karl Weiss" is not a name: the title stands alone.
  EXPECT_EQ(Resolve(&doc),
            V({"Ostmarkian President=OSTGOV/agent", "Valdorians=VLD/dictionary"}));
  for (auto& t : doc.sentences[0].tokens) t.upos = "PROPN";
  doc.mentions.clear();
  EXPECT_EQ(Resolve(&doc),
            V({"Ostmarkian President Karl Weiss=OSTGOV/title", "Valdorians=VLD/dictionary"}));
}

// Sets every token's NER tag to "O", then `tag` on tokens [b, e).
void TagNer(AnalyzedDocument* doc, std::size_t sentence, std::size_t b, std::size_t e,
            const std::string& tag) {
  auto& toks = doc->sentences[sentence].tokens;
  for (auto& t : toks) t.ner = "O";
  for (std::size_t i = b; i < e && i < toks.size(); ++i) {
    toks[i].ner = (i == b ? "B-" : "I-") + tag;
  }
}

TEST(Resolver, MajorCitiesFromTheGazetteerArePlaces) {
  AnalyzedDocument doc = Analyze("Valdorian police raided Brenholm on Sunday.");
  EXPECT_EQ(Resolve(&doc, &Places()),
            V({"Valdorian police=VLDCOP/agent", "Brenholm=OST/gazetteer"}));
  // A place coded by its country; as an actor, PLOVER makes it its people.
  const ActorMention& city = doc.mentions[1];
  EXPECT_TRUE(city.place);
  EXPECT_EQ(city.code.plover.country, "OST");
  EXPECT_EQ(city.code.plover.sector, "CVL");
  // Without a gazetteer the name is nothing; a small town needs a cue.
  AnalyzedDocument without = Analyze("Valdorian police raided Brenholm on Sunday.");
  EXPECT_EQ(Resolve(&without), V({"Valdorian police=VLDCOP/agent"}));
  AnalyzedDocument small = Analyze("Valdorian police raided Lindvik on Sunday.");
  EXPECT_EQ(Resolve(&small, &Places()), V({"Valdorian police=VLDCOP/agent"}));
}

TEST(Resolver, NerPersonsAndNounModifiersAreNoCities) {
  AnalyzedDocument doc = Analyze("Yesterday Brenholm wrote a letter.");
  auto& toks = doc.sentences[0].tokens;
  toks[1].ner = "B-PER";
  EXPECT_EQ(Resolve(&doc, &Places()), V({"Brenholm=/ner"}));
  // "Brenholm airport": the name modifies a common noun.
  AnalyzedDocument airport = Analyze("Rebels shelled the Brenholm airport.");
  for (auto& t : airport.sentences[0].tokens) t.upos = "NOUN";
  airport.sentences[0].tokens[3].upos = "PROPN";
  EXPECT_EQ(Resolve(&airport, &Places()), V({}));
  // Part of another name: after "the", after a capitalised word, hyphenated.
  EXPECT_EQ(ResolveWith("They watched the Brenholm on television.", &Places()), V({}));
  AnalyzedDocument title = Analyze("Critics praised Quiet Brenholm all week.");
  title.sentences[0].tokens[2].upos = "ADJ";
  title.sentences[0].tokens[3].upos = "PROPN";
  EXPECT_EQ(Resolve(&title, &Places()), V({}));
  EXPECT_EQ(ResolveWith("Reporters phoned Ulla-Brenholm twice.", &Places()), V({}));
}

TEST(Resolver, WithNerOnlyLocationsAreCities) {
  const std::string text = "Reporters interviewed Marenka at length.";
  AnalyzedDocument untagged = Analyze(text);
  TagNer(&untagged, 0, 0, 0, "");
  EXPECT_EQ(Resolve(&untagged, &Places()), V({}));
  AnalyzedDocument person = Analyze(text);
  TagNer(&person, 0, 2, 3, "PER");
  EXPECT_EQ(Resolve(&person, &Places()), V({"Marenka=/ner"}));
  AnalyzedDocument place = Analyze(text);
  TagNer(&place, 0, 2, 3, "LOC");
  EXPECT_EQ(Resolve(&place, &Places()), V({"Marenka=OST/gazetteer"}));
  // Without NER the gazetteer alone decides.
  EXPECT_EQ(ResolveWith(text, &Places()), V({"Marenka=OST/gazetteer"}));
}

TEST(Resolver, ACityNameThatActsIsNoCity) {
  // Subject of an active verb: a person, team or company of that name.
  EXPECT_EQ(ResolveWith("On Monday, Marenka accused the police of lying.", &Places()),
            V({"police=COP/agent"}));
  // A passive subject is what was done to the town.
  EXPECT_EQ(ResolveWith("On Monday, Marenka was flooded.", &Places()),
            V({"Marenka=OST/gazetteer"}));
  // With a parse, its relation decides.
  AnalyzedDocument parsed = Analyze("Yesterday Marenka thanked the police.");
  auto& toks = parsed.sentences[0].tokens;
  for (auto& t : toks) t.deprel = "dep";
  toks[1].deprel = "nsubj";
  EXPECT_EQ(Resolve(&parsed, &Places()), V({"police=COP/agent"}));
  toks[1].deprel = "obl:tmod";
  parsed.mentions.clear();
  EXPECT_EQ(Resolve(&parsed, &Places()),
            V({"Marenka=OST/gazetteer", "police=COP/agent"}));
  // The subject of a copula is described, not acting.
  AnalyzedDocument copula = Analyze("Today Marenka is a busy port.");
  auto& ct = copula.sentences[0].tokens;
  for (auto& t : ct) {
    t.deprel = "dep";
    t.head = 5;
  }
  ct[1].deprel = "nsubj";
  ct[2].deprel = "cop";
  ct[5].deprel = "root";
  ct[5].head = -1;
  EXPECT_EQ(Resolve(&copula, &Places()), V({"Marenka=OST/gazetteer"}));
  ct[2].deprel = "aux";
  copula.mentions.clear();
  EXPECT_EQ(Resolve(&copula, &Places()), V({}));
}

TEST(Resolver, ACityOutsideALocativeGivesTheDocumentNoCountry) {
  // The name may be someone's: the police stay without a country.
  EXPECT_EQ(ResolveWith("Reporters interviewed Marenka at length. Police detained two men.",
                        &Places()),
            V({"Marenka=OST/gazetteer", "Police=COP/agent"}));
  // After a locative it is a place, and the document's country.
  EXPECT_EQ(ResolveWith("Police detained two men in Marenka.", &Places()),
            V({"Police=OSTCOP/agent", "Marenka=OST/gazetteer"}));
  // Nor does it pick among namesakes.
  EXPECT_EQ(ResolveWith("Reporters interviewed Marenka at length. Troops left the town of Hollin.",
                        &Places()),
            V({"Marenka=OST/gazetteer", "town of Hollin=CVL/agent"}));
}

TEST(Resolver, APeoplesHomesAreItsCivilians) {
  EXPECT_EQ(Resolve("Valdorian forces burned Ostmarkian houses in the valley."),
            V({"Valdorian forces=VLDMIL/agent", "Ostmarkian houses=OSTCVL/agent"}));
  EXPECT_EQ(Resolve("Valdorian forces shelled Ostmarkian homes."),
            V({"Valdorian forces=VLDMIL/agent", "Ostmarkian homes=OSTCVL/agent"}));
  // Capitalised "House" is a name, not a home; other nouns keep the country only.
  EXPECT_EQ(Resolve("Valdorian police entered the Ostmarkian House of Lords."),
            V({"Valdorian police=VLDCOP/agent", "Ostmarkian House=OST/dictionary"}));
  EXPECT_EQ(Resolve("Valdorian police seized Ostmarkian cars near the border."),
            V({"Valdorian police=VLDCOP/agent", "Ostmarkian=OST/dictionary"}));
}

TEST(Resolver, HomesThatModifyANounAreNoCivilians) {
  // Without POS tags: home/house must close its phrase.
  for (const char* text : {"Ostmarkian home appliance makers cut prices.",
                           "Ostmarkian house prices rose again.",
                           "Ostmarkian house music fans danced.",
                           "Ostmarkian home owners complained."}) {
    EXPECT_EQ(Resolve(text), V({"Ostmarkian=OST/dictionary"})) << text;
  }
  // With POS tags: no noun may follow, and the parse may not make it a compound.
  AnalyzedDocument doc = Analyze("Ostmarkian homes burned.");
  auto& toks = doc.sentences[0].tokens;
  toks[0].upos = "ADJ";
  toks[1].upos = "NOUN";
  toks[2].upos = "VERB";
  toks[3].upos = "PUNCT";
  EXPECT_EQ(Resolve(&doc), V({"Ostmarkian homes=OSTCVL/agent"}));
  toks[2].upos = "NOUN";
  doc.mentions.clear();
  EXPECT_EQ(Resolve(&doc), V({"Ostmarkian=OST/dictionary"}));
  toks[2].upos = "VERB";
  toks[1].deprel = "compound";
  doc.mentions.clear();
  EXPECT_EQ(Resolve(&doc), V({"Ostmarkian=OST/dictionary"}));
}

TEST(Resolver, SaintIsWrittenBothWays) {
  geo::GazetteerBuilder b;
  b.Add({.name = "Saint Ansgar", .country = "OST", .admin1 = "01", .geonames_id = 9,
         .population = 900000});
  auto g = geo::Gazetteer::FromBytes(b.Serialize());
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(ResolveWith("Valdorian police raided St. Ansgar on Sunday.", &*g),
            V({"Valdorian police=VLDCOP/agent", "St. Ansgar=OST/gazetteer"}));
}

TEST(Resolver, TownOfANameIsOnePlace) {
  // A town the gazetteer knows in one country, whatever its size, gives it.
  AnalyzedDocument doc = Analyze("Police guarded the town of Lindvik on Friday.");
  EXPECT_EQ(Resolve(&doc, &Places()),
            V({"Police=VLDCOP/agent", "town of Lindvik=VLDCVL/agent"}));
  EXPECT_TRUE(doc.mentions[1].place);
  EXPECT_EQ(doc.mentions[1].code.plover.sector, "CVL");
  // An adjective gives it; an unknown name takes the document's country.
  EXPECT_EQ(Resolve("Militants fled the Ostmarkian village of Felsgrund."),
            V({"Ostmarkian village of Felsgrund=OSTCVL/agent"}));
  EXPECT_EQ(Resolve("Valdorian police patrolled villages outside the town of Felsgrund."),
            V({"Valdorian police=VLDCOP/agent", "villages=VLDCVL/agent",
               "town of Felsgrund=VLDCVL/agent"}));
}

TEST(Resolver, TownOfANameWithNamesakesNeedsTheDocumentsCountry) {
  // Hollin is a town of Ostmark and of Valdoria: the document decides.
  EXPECT_EQ(ResolveWith("Valdorian police guarded the town of Hollin.", &Places()),
            V({"Valdorian police=VLDCOP/agent", "town of Hollin=VLDCVL/agent"}));
  EXPECT_EQ(ResolveWith("Ostmarkian police guarded the town of Hollin.", &Places()),
            V({"Ostmarkian police=OSTCOP/agent", "town of Hollin=OSTCVL/agent"}));
  // With no country named, the larger namesake would be a guess.
  EXPECT_EQ(ResolveWith("Troops left the town of Hollin.", &Places()),
            V({"town of Hollin=CVL/agent"}));
  EXPECT_EQ(ResolveWith("Troops left the town of Lindvik.", &Places()),
            V({"town of Lindvik=VLDCVL/agent"}));
}

TEST(Resolver, CityOfACapitalIsCodedAsTheCapital) {
  // After a locative, the capital is where it happened, as bare.
  AnalyzedDocument in = Analyze("Crowds gathered near the capital city of Port Amsel.");
  EXPECT_EQ(Resolve(&in), V({"capital city of Port Amsel=VLD/dictionary"}));
  EXPECT_TRUE(in.mentions[0].place);
  AnalyzedDocument bare = Analyze("Crowds gathered near Port Amsel.");
  EXPECT_EQ(Resolve(&bare), V({"Port Amsel=VLD/dictionary"}));
  EXPECT_TRUE(bare.mentions[0].place);
  // Elsewhere it is the government, as bare.
  EXPECT_EQ(Resolve("The capital city of Port Amsel rejected the offer."),
            V({"capital city of Port Amsel=VLDGOV/dictionary"}));
  EXPECT_EQ(Resolve("Port Amsel rejected the offer."), V({"Port Amsel=VLDGOV/dictionary"}));
}

TEST(Resolver, RegionsThatAreMajorCitiesAreCities) {
  AnalyzedDocument doc = Analyze("Valdorian police set up checkpoints across Kestria.");
  EXPECT_EQ(Resolve(&doc, &Places()),
            V({"Valdorian police=VLDCOP/agent", "Kestria=VLD/dictionary"}));
  EXPECT_EQ(doc.mentions[1].code.plover.sector, "CVL");
  // A country is a state as a whole: no sector; without the gazetteer's
  // city, the region is none either.
  AnalyzedDocument plain =
      Analyze("Valdorian police set up checkpoints across Kestria and Ostmark.");
  Resolve(&plain);
  ASSERT_EQ(plain.mentions.size(), 3u);
  EXPECT_EQ(plain.mentions[1].code.plover.sector, "");
  EXPECT_EQ(plain.mentions[2].code.plover.sector, "");
}

TEST(Resolver, TokenSpansOutsideTheTextFallBackToTheForms) {
  AnalyzedDocument past = Analyze("Valdorian police raided Brenholm.");
  past.sentences[0].tokens[3].span = {500, 508};
  EXPECT_EQ(Resolve(&past, &Places()),
            V({"Valdorian police=VLDCOP/agent", "Brenholm=OST/gazetteer"}));
  AnalyzedDocument reversed = Analyze("Valdorian police raided Brenholm.");
  reversed.sentences[0].tokens[3].span = {30, 20};
  EXPECT_EQ(Resolve(&reversed, &Places()),
            V({"Valdorian police=VLDCOP/agent", "Brenholm=OST/gazetteer"}));
}

}  // namespace
}  // namespace dyad::actors
