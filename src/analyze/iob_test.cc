#include "analyze/iob.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "analyze/train.h"
#include "tests/test_util.h"

namespace dyad::analyze {
namespace {

TEST(Iob, ParsesUnerAndConllLayoutsAndNormalizes) {
  auto s = ParseIob(
      "# sent_id = x\n1\tAmnesty\tB-ORG\t-\t-\n2\tInternational\tI-ORG\t-\t-\n3\tsaid\tB-O\t-\t-\n\n"
      "Maria I-PER\nLopez I-PER\nvisited O\nPeru I-LOC\nyesterday I-MISC\n",
      "t");
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->size(), 2u);
  EXPECT_EQ((*s)[0].forms[1], "International");
  EXPECT_EQ((*s)[0].labels, (std::vector<std::string>{"B-ORG", "I-ORG", "O"}));
  EXPECT_EQ((*s)[1].labels, (std::vector<std::string>{"B-PER", "I-PER", "O", "B-LOC", "O"}));
}

TEST(Iob, MarksTheFirstSentenceOfEachDocument) {
  auto s = ParseIob("# newdoc id = d1\n# sent_id = d1-1\n1\tHi\tO\n\n# sent_id = d1-2\n1\tYo\tO\n\n"
                    "# newdoc id = d2\n1\tOk\tO\n", "t");
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->size(), 3u);
  EXPECT_TRUE((*s)[0].newdoc);
  EXPECT_FALSE((*s)[1].newdoc);
  EXPECT_TRUE((*s)[2].newdoc);
}

TEST(Iob, DocstartLinesStartDocumentsAndAreNoSentence) {
  auto s = ParseIob("-DOCSTART- O\n\nHi O\n\nYo O\n-DOCSTART- -X- O O\nOk O\n", "t");
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->size(), 3u);
  EXPECT_TRUE((*s)[0].newdoc);
  EXPECT_FALSE((*s)[1].newdoc);
  EXPECT_EQ((*s)[1].forms, (std::vector<std::string>{"Yo"}));
  EXPECT_TRUE((*s)[2].newdoc);
}

TEST(Iob, BioToBilouMarksSingleWordsAndLastWords) {
  std::vector<std::string> l = {"B-PER", "I-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC", "B-ORG"};
  BioToBilou(&l);
  EXPECT_EQ(l, (std::vector<std::string>{"B-PER", "I-PER", "L-PER", "O", "U-LOC", "B-LOC",
                                         "L-LOC", "U-ORG"}));
}

TEST(Iob, KeepNamesOnlyDropsDescriptionsAndPronouns) {
  // re3d's type names map to ours.
  auto s = ParseIob("the B-Organisation\nVarnel I-Organisation\nGuard I-Organisation\n"
                    "told O\nthem B-Person\nabout O\nthe B-Location\nharbour I-Location\n"
                    "of O\nBrisk B-Location\n", "t");
  ASSERT_TRUE(s.ok());
  auto labels = (*s)[0].labels;
  EXPECT_TRUE(KeepNamesOnly((*s)[0].forms, &labels));
  EXPECT_EQ(labels, (std::vector<std::string>{"O", "B-ORG", "I-ORG", "O", "O", "O", "O", "O", "O",
                                              "B-LOC"}));
  // A description around a name: the sentence is left out.
  std::vector<std::string> forms = {"the", "old", "port", "of", "Brisk"};
  std::vector<std::string> desc = {"B-LOC", "I-LOC", "I-LOC", "I-LOC", "I-LOC"};
  EXPECT_FALSE(KeepNamesOnly(forms, &desc));
}

TEST(Iob, Re3dTrainsOnlyFromItsLicensedSources) {
  const std::string r = "/data/ner/re3d/CONLL-format/";
  EXPECT_TRUE(CheckNerTrainingLicence(r + "data-by-source/conll/CENTCOM").ok());
  EXPECT_TRUE(CheckNerTrainingLicence(r + "data-by-source/conll/Wikipedia/doc7.conll").ok());
  EXPECT_TRUE(CheckNerTrainingLicence(r + "data-by-source/conll/UK_Government/").ok());
  auto bbc = CheckNerTrainingLicence(r + "data-by-source/conll/BBC_Online");
  ASSERT_FALSE(bbc.ok());
  EXPECT_NE(bbc.message().find("NonCommercial"), std::string::npos) << bbc.ToString();
  EXPECT_FALSE(
      CheckNerTrainingLicence(r + "data-by-source/conll/Delegation_of_the_European_Union_to_Syria")
          .ok());
  EXPECT_FALSE(CheckNerTrainingLicence(r + "data/train/re3d-train.conll").ok());  // mixed split
  EXPECT_TRUE(CheckNerTrainingLicence("/data/ner/wikigold/wikigold.conll.txt").ok());
}

TEST(Iob, KeepNamesOnlyRejectsMismatchedLists) {
  std::vector<std::string> forms = {"Anna", "Brook"};
  std::vector<std::string> labels = {"B-PER", "I-PER", "O"};
  EXPECT_FALSE(KeepNamesOnly(forms, &labels));
}

TEST(Iob, EntitySpans) {
  auto e = EntitySpans({"B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-ORG"});
  ASSERT_EQ(e.size(), 4u);
  EXPECT_EQ(e[0], (EntitySpan{0, 2, "PER"}));
  EXPECT_EQ(e[1], (EntitySpan{3, 4, "LOC"}));
  EXPECT_EQ(e[2], (EntitySpan{4, 5, "LOC"}));
  EXPECT_EQ(e[3], (EntitySpan{5, 6, "ORG"}));
}

// An invented CoNLL-U sentence: rows of "form upos xpos head entity" ('_'
// for no entity annotation).
text::ConlluSentence Gum(const std::vector<std::string>& rows) {
  std::string c = "# sent_id = GUM_news_x-1\n";
  int i = 0;
  for (const auto& r : rows) {
    std::string form, upos, xpos, head, ent;
    std::size_t a = r.find(' '), b = r.find(' ', a + 1), d = r.find(' ', b + 1);
    std::size_t e = r.find(' ', d + 1);
    form = r.substr(0, a);
    upos = r.substr(a + 1, b - a - 1);
    xpos = r.substr(b + 1, d - b - 1);
    head = r.substr(d + 1, e - d - 1);
    ent = r.substr(e + 1);
    c += std::to_string(++i) + "\t" + form + "\t_\t" + upos + "\t" + xpos + "\t_\t" + head +
         "\tdep\t_\t" + (ent == "_" ? "_" : "Entity=" + ent + "|SpaceAfter=No") + "\n";
  }
  auto s = text::ParseConllu(c + "\n", "t");
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() && !s->empty() ? (*s)[0] : text::ConlluSentence();
}

TEST(Iob, GumNamesBecomeUnerEntities) {
  // "Dr. Mira Tolvan of the Varnel Institute met the mayor of Brisk and her in Port Orla ."
  auto s = Gum({"Dr. PROPN NNP 3 (1-person-new-x-cf1-1-coref",
                "Mira PROPN NNP 3 _",
                "Tolvan PROPN NNP 8 _",
                "of ADP IN 7 _",
                "the DET DT 7 (2-organization-new-x-cf2-1-sgl",
                "Varnel PROPN NNP 7 _",
                "Institute PROPN NNP 3 2)1)",
                "met VERB VBD 0 _",
                "the DET DT 10 (3-person-new-x-cf3-1-coref",
                "mayor NOUN NN 8 _",
                "of ADP IN 12 _",
                "Brisk PROPN NNP 10 (4-place-new-x-cf4-1-sgl)3)",
                "and CCONJ CC 14 _",
                "her PRON PRP 10 (5-person-giv-x-cf5-1-coref)",
                "in ADP IN 17 _",
                "Port PROPN NNP 17 (6-place-new-x-cf6-1-sgl",
                "Orla PROPN NNP 8 6)",
                ". PUNCT . 8 _"});
  IobSentence out;
  ASSERT_TRUE(GumEntitiesToIob(s, &out));
  EXPECT_EQ(out.forms[1], "Mira");
  // The title and the joining "of the" stay outside the person's name; the
  // organisation keeps its name without "the"; "the mayor" and "her" are no
  // names; the place inside the description is one.
  EXPECT_EQ(out.labels, (std::vector<std::string>{"O", "B-PER", "I-PER", "O", "O", "B-ORG",
                                                  "I-ORG", "O", "O", "O", "O", "B-LOC", "O", "O",
                                                  "O", "B-LOC", "I-LOC", "O"}));
}

TEST(Iob, GumOrganisationNamesJoinTheirPartsAndHoldNestedPlaces) {
  // "the Bank of Brisk , Orla" : a place inside the organisation's name is
  // part of it; the place after the comma is its own entity.
  auto s = Gum({"the DET DT 2 (1-organization-new-x-cf1-1-coref",
                "Bank PROPN NNP 0 _",
                "of ADP IN 4 _",
                "Brisk PROPN NNP 2 (2-place-new-x-cf2-1-sgl)",
                ", PUNCT , 6 _",
                "Orla PROPN NNP 2 (3-place-new-x-cf3-1-sgl)1)"});
  IobSentence out;
  ASSERT_TRUE(GumEntitiesToIob(s, &out));
  EXPECT_EQ(out.labels, (std::vector<std::string>{"O", "B-ORG", "I-ORG", "I-ORG", "O", "B-LOC"}));
}

TEST(Iob, GumGroupsTitlesAndOtherTypesAreNoNames) {
  // "the Orlans thanked Mr. President for Brisk Day" (a group of people, a
  // bare title, an event).
  auto s = Gum({"the DET DT 2 (1-person-new-x-cf1-1-coref",
                "Orlans PROPN NNPS 3 1)",
                "thanked VERB VBD 0 _",
                "Mr. PROPN NNP 5 (2-person-new-x-cf2-1-coref",
                "President PROPN NNP 3 2)",
                "for ADP IN 8 _",
                "Brisk PROPN NNP 8 (3-event-new-x-cf3-1-sgl",
                "Day PROPN NNP 3 3)"});
  IobSentence out;
  ASSERT_TRUE(GumEntitiesToIob(s, &out));
  EXPECT_EQ(out.labels, std::vector<std::string>(8, "O"));
}

TEST(Iob, GumLeavesOutSentencesItCannotConvert) {
  IobSentence out;
  // A mention with two heads, one a proper noun: which words are the name?
  EXPECT_FALSE(GumEntitiesToIob(Gum({"Mira PROPN NNP 3 (1-person-new-x-cf1-1-coref",
                                     "Tolvan PROPN NNP 3 1)", "left VERB VBD 0 _"}),
                                &out));
  // The same words as a place and an organisation.
  EXPECT_FALSE(GumEntitiesToIob(
      Gum({"Brisk PROPN NNP 2 (1-place-new-x-cf1-1-coref(2-organization-new-x-cf2-1-sgl)1)",
           "won VERB VBD 0 _"}),
      &out));
  // A mention closed that was never opened, and one never closed.
  EXPECT_FALSE(GumEntitiesToIob(Gum({"Brisk PROPN NNP 2 7)", "won VERB VBD 0 _"}), &out));
  EXPECT_FALSE(GumEntitiesToIob(Gum({"Brisk PROPN NNP 2 (7-place-new-x-cf1-1-sgl",
                                     "won VERB VBD 0 _"}),
                                &out));
  // Without entity annotation every word is O.
  ASSERT_TRUE(GumEntitiesToIob(Gum({"Brisk PROPN NNP 2 _", "won VERB VBD 0 _"}), &out));
  EXPECT_EQ(out.labels, (std::vector<std::string>{"O", "O"}));
}

TEST(Iob, GumTrainsNerOnlyFromLicensedGenres) {
  // A plain training file from GUM is refused: only LoadGumNer filters genres.
  auto plain = CheckNerTrainingLicence("/data/ud/GUM/en_gum-ud-train.conllu");
  ASSERT_FALSE(plain.ok());
  EXPECT_NE(plain.message().find("NonCommercial"), std::string::npos) << plain.ToString();
  testing::TempDir dir;
  const std::string path = dir.File("gum.conllu");
  {
    std::ofstream f(path);
    const std::string word =
        "1\tBrisk\t_\tPROPN\tNNP\t_\t0\troot\t_\tEntity=(1-place-new-x-cf1-1-sgl)\n";
    f << "# newdoc id = GUM_fiction_a\n# sent_id = GUM_fiction_a-1\n" << word << "\n"
      << "# newdoc id = GUM_news_b\n# sent_id = GUM_news_b-1\n" << word << "\n"
      << "# sent_id = GUM_news_b-2\n" << word << "\n"
      << "# newdoc id = GUM_whow_c\n# sent_id = GUM_whow_c-1\n" << word << "\n"
      << "# newdoc id = other\n# sent_id = other-1\n" << word << "\n"
      << "# newdoc id = GUM_bio_d\n# sent_id = GUM_bio_d-1\n" << word << "\n";
  }
  int dropped = -1;
  auto s = LoadGumNer(path, &dropped);
  std::filesystem::remove(path);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(dropped, 0);
  ASSERT_EQ(s->size(), 3u);  // news b-1, b-2, bio d-1: no fiction, wikiHow or unknown id
  EXPECT_TRUE((*s)[0].newdoc);
  EXPECT_FALSE((*s)[1].newdoc);
  EXPECT_TRUE((*s)[2].newdoc);
  EXPECT_EQ((*s)[2].labels, (std::vector<std::string>{"B-LOC"}));
  EXPECT_FALSE(LoadGumNer(path, &dropped).ok());  // a missing file is an error
}

TEST(Iob, UnlabelWordsClearsOneWordEntitiesOnly) {
  IobSentence s;
  s.forms = {"Brisklander", "troops", "left", "Brisklander", "Bay", "and", "Orla"};
  s.labels = {"B-LOC", "O", "O", "B-LOC", "I-LOC", "O", "B-LOC"};
  EXPECT_EQ(UnlabelWords({"Brisklander"}, &s), 1);
  EXPECT_EQ(s.labels, (std::vector<std::string>{"O", "O", "O", "B-LOC", "I-LOC", "O", "B-LOC"}));
}

TEST(Iob, NationalityWordsAreThoseWithNoOtherType) {
  std::vector<GazetteerEntry> g = {{{"Brisklander"}, 8}, {{"Orlan"}, 8}, {{"Orlan"}, 4},
                                   {{"Brisk", "Bay"}, 4}, {{"Vantish"}, 8 | 2}};
  EXPECT_EQ(NationalityWords(g), (std::set<std::string, std::less<>>{"Brisklander"}));
}

TEST(Iob, FirstNamesComeFromTheFirstNameListsOnly) {
  testing::TempDir dir;
  const std::string path = dir.File("name.yml");
  {
    std::ofstream f(path);
    f << "en:\n  faker:\n    name:\n      male_first_name: [Arvo, Bexley]\n"
      << "      female_first_name: [Cilla, Dorrit, Ella Mae]\n"
      << "      last_name: [Fernwhistle]\n      prefix: [Mr., Dr.]\n";
  }
  std::vector<GazetteerEntry> g;
  ASSERT_TRUE(AddFirstNames(path, &g).ok());
  std::vector<std::string> names;
  for (const auto& e : g) {
    ASSERT_EQ(e.tokens.size(), 1u);
    EXPECT_EQ(e.types, 16u);
    names.push_back(e.tokens[0]);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"Arvo", "Bexley", "Cilla", "Dorrit"}));
  {
    std::ofstream f(path);
    f << "en:\n  faker:\n    name:\n      last_name: [Fernwhistle]\n";
  }
  EXPECT_FALSE(AddFirstNames(path, &g).ok());  // no first-name list: the wrong file
  std::filesystem::remove(path);
  EXPECT_FALSE(AddFirstNames(path, &g).ok());  // missing
}

TEST(Iob, BrandNamesAreCapitalisedTitlesThatAreNotCommonWords) {
  testing::TempDir dir;
  const std::string path = dir.File("icons.json");
  {
    std::ofstream f(path);
    f << R"([{"title":"Quorbit","slug":"quorbit"},{"title":"Lantern","slug":"lantern"},)"
      << R"({"title":"Lantern Works","slug":"lw"},{"title":"zeppo","slug":"zeppo"},)"
      << R"({"title":".VEX","slug":"vex"},{"slug":"untitled"},{"title":"QRB","slug":"q"}])";
  }
  BaseForms common;
  common.lemmas = {{"lantern", 0}, {"works", 0}, {"qrb", 0}};  // an acronym stays
  std::vector<GazetteerEntry> g;
  ASSERT_TRUE(AddBrandNames(path, common, &g).ok());
  std::vector<std::vector<std::string>> names;
  for (const auto& e : g) {
    EXPECT_EQ(e.types, 2u);
    names.push_back(e.tokens);
  }
  EXPECT_EQ(names, (std::vector<std::vector<std::string>>{{"Quorbit"}, {"Lantern", "Works"}, {"QRB"}}));
  {
    std::ofstream f(path);
    f << R"({"title":"Quorbit"})";
  }
  EXPECT_FALSE(AddBrandNames(path, common, &g).ok());  // not the icon list
  std::filesystem::remove(path);
  EXPECT_FALSE(AddBrandNames(path, common, &g).ok());  // missing
}

TEST(Iob, WordListsReadTheKindsAskedForWithTheirSizeLevels) {
  testing::TempDir dir;
  auto write = [&dir](const std::string& name, const std::string& text) {
    std::ofstream f(dir.File(name));
    f << text;
  };
  // Invented words in SCOWL's layout; other files and kinds are not read (the word lists only
  // with a common level).
  write("english-proper-names.50", "Varnholt\nVarnholt's\n\nQuessel\r\n");
  write("american-proper-names.95", "Quessel\nBrindor\n");
  write("english-upper.70", "Zorvish\n");
  write("english-abbreviations.35", "qtz\n");
  write("english-words.50", "plainword\n");
  write("README", "not a list\n");
  auto read = [&dir](std::uint32_t kinds, bool levels, std::vector<GazetteerEntry>* g) {
    return AddWordLists(dir.path(), kinds, levels, 0, g);
  };
  std::vector<GazetteerEntry> g;
  ASSERT_TRUE(read(1, true, &g).ok());
  std::vector<std::pair<std::string, std::uint32_t>> words;
  for (const auto& e : g) {
    ASSERT_EQ(e.tokens.size(), 1u);
    words.emplace_back(e.tokens[0], e.types);
  }
  EXPECT_EQ(words, (std::vector<std::pair<std::string, std::uint32_t>>{
                       {"Quessel", kWordListBit << 2},
                       {"Brindor", kWordListBit << 2},
                       {"Varnholt", kWordListBit},
                       {"Quessel", kWordListBit}}));
  g.clear();
  ASSERT_TRUE(read(7, false, &g).ok());
  words.clear();
  for (const auto& e : g) words.emplace_back(e.tokens[0], e.types);
  EXPECT_EQ(words, (std::vector<std::pair<std::string, std::uint32_t>>{
                       {"Quessel", kWordListBit},
                       {"Brindor", kWordListBit},
                       {"Varnholt", kWordListBit},
                       {"Quessel", kWordListBit},
                       {"Zorvish", kWordListBit << 3},
                       {"qtz", kWordListBit << 6}}));
  // Names that are common words of the word lists up to the level asked for are left out.
  write("english-words.50", "quessel\nQuessel\n");
  write("english-words.80", "varnholt\n");
  g.clear();
  ASSERT_TRUE(AddWordLists(dir.path(), 1, false, 50, &g).ok());
  words.clear();
  for (const auto& e : g) words.emplace_back(e.tokens[0], e.types);
  EXPECT_EQ(words, (std::vector<std::pair<std::string, std::uint32_t>>{
                       {"Brindor", kWordListBit}, {"Varnholt", kWordListBit}}));
  g.clear();
  ASSERT_TRUE(read(2, true, &g).ok());
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].types, kWordListBit << 4);  // upper, level 70: bucket 1
  // A line of two words is an error naming the file and line.
  write("english-upper.70", "Zorvish\nTwo words\n");
  auto s = read(2, false, &g);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.ToString().find("english-upper.70:2"), std::string::npos) << s.ToString();
  // An empty list is an error naming it.
  write("english-upper.70", "");
  s = read(2, false, &g);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.ToString().find("english-upper.70: no words"), std::string::npos) << s.ToString();
  // No list of the kinds asked for, or no folder.
  std::filesystem::remove(dir.File("english-upper.70"));
  EXPECT_FALSE(read(2, false, &g).ok());
  EXPECT_FALSE(AddWordLists(dir.File("missing"), 7, false, 0, &g).ok());
}

TEST(Iob, OrgListKeepsCapitalisedNamesOfThreeBytesThatAreNotCommonWords) {
  testing::TempDir dir;
  const std::string path = dir.File("orgs.txt");
  {
    std::ofstream f(path);
    f << "# invented names\nQuorbit Devices\r\n\n  Zentrix  \nLantern\nLantern Works\nQX\nQRB\n"
      << "zeppo\n7Wave\n";
  }
  BaseForms common;
  common.lemmas = {{"lantern", 0}, {"qrb", 0}};
  std::vector<GazetteerEntry> g;
  ASSERT_TRUE(AddOrgList(path, common, &g).ok());
  std::vector<std::vector<std::string>> names;
  for (const auto& e : g) {
    EXPECT_EQ(e.types, 2u);
    names.push_back(e.tokens);
  }
  EXPECT_EQ(names, (std::vector<std::vector<std::string>>{
                       {"Quorbit", "Devices"}, {"Zentrix"}, {"Lantern", "Works"}, {"QRB"}}));
  {
    std::ofstream f(path);
    f << "# only a comment\n\n";
  }
  EXPECT_FALSE(AddOrgList(path, common, &g).ok());  // no names
  std::filesystem::remove(path);
  EXPECT_FALSE(AddOrgList(path, common, &g).ok());  // missing
}

// An invented miniature of WordNet's data files: the roots AddWordNetInstances types by, and
// invented names below them.
void WriteToyWordNet(const std::string& dir, bool with_roots) {
  {
    std::ofstream f(dir + "/data.noun");
    f << "  1 invented header line\n";
    if (with_roots) {
      f << "00007846 03 n 01 person 0 000 | a human\n"
        << "00027167 03 n 01 location 0 000 | a place\n"
        << "09225146 17 n 01 body_of_water 0 000 | water\n"
        << "09287968 17 n 01 geological_formation 0 000 | rock\n"
        << "09334396 17 n 01 land 0 000 | dry land\n"
        << "08008335 14 n 01 organization 0 000 | a group\n"
        << "04511002 06 n 01 university 0 000 | a school\n";
    }
    f << "10000001 18 n 01 inventor 0 001 @ 00007846 n 0000 | a person\n"
      << "10000002 18 n 01 Quorvane_Telliston 0 001 @i 10000001 n 0000 | an inventor\n"
      << "10000003 17 n 01 river 0 001 @ 09225146 n 0000 | water\n"
      << "10000004 17 n 02 Brellwater 0 Brellwater_River 0 001 @i 10000003 n 0000 | a river\n"
      << "10000005 14 n 02 Zentrix_Guild 0 ZG 0 001 @ 08008335 n 0000 | a guild\n"
      << "10000006 17 n 01 Lantern 0 001 @i 10000003 n 0000 | a river\n"
      << "10000007 10 n 01 Yarrow_Saga 0 001 @i 10000009 n 0000 | a book\n"
      << "10000008 06 n 01 lantern 0 000 | a lamp\n"
      << "10000009 10 n 01 book 0 000 | pages\n"
      << "10000010 14 n 01 Tamsin_College 0 001 @i 04511002 n 0000 | a school\n"
      << "10000011 17 n 01 Vantic 0 001 @i 10000003 n 0000 | a river\n";
  }
  std::ofstream(dir + "/data.verb") << "  1 header\n20000001 30 v 01 glimmer 0 000 00 | shine\n";
  std::ofstream(dir + "/data.adj") << "30000001 00 a 01 vantic(a) 0 000 | of rivers\n";
  std::ofstream(dir + "/data.adv") << "40000001 02 r 01 brightly 0 000 | so\n";
}

TEST(Iob, WordNetInstancesAreTypedByTheirHypernyms) {
  testing::TempDir dir;
  WriteToyWordNet(dir.path(), true);
  std::vector<GazetteerEntry> g;
  auto counts = AddWordNetInstances(dir.path(), 1 | 2 | 4, &g);
  ASSERT_TRUE(counts.ok()) << counts.status().message();
  std::vector<std::pair<std::vector<std::string>, std::uint32_t>> names;
  for (const auto& e : g) names.emplace_back(e.tokens, e.types);
  // The book is under no root; "Lantern" is written lower-case too, "Vantic" as an adjective;
  // the acronym "ZG" is left out.
  EXPECT_EQ(names, (std::vector<std::pair<std::vector<std::string>, std::uint32_t>>{
                       {{"Quorvane", "Telliston"}, 1},
                       {{"Brellwater"}, 4},
                       {{"Brellwater", "River"}, 4},
                       {{"Zentrix", "Guild"}, 2},
                       {{"Tamsin", "College"}, 2}}));
  EXPECT_EQ(counts->instances, 6u);
  EXPECT_EQ(counts->per, 1u);
  EXPECT_EQ(counts->org, 2u);
  EXPECT_EQ(counts->loc, 2u);
  EXPECT_EQ(counts->named_kinds, 1u);
  g.clear();
  ASSERT_TRUE(AddWordNetInstances(dir.path(), 2, &g).ok());
  ASSERT_EQ(g.size(), 2u);  // organisations only
  EXPECT_EQ(g[0].tokens, (std::vector<std::string>{"Zentrix", "Guild"}));
  WriteToyWordNet(dir.path(), false);
  EXPECT_FALSE(AddWordNetInstances(dir.path(), 7, &g).ok());  // not WordNet 3.0's offsets
  auto missing = AddWordNetInstances(dir.path() + "/missing", 7, &g);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().ToString().find("/missing/data.noun"), std::string::npos)
      << missing.status().ToString();
}

// An invented toy corpus of two documents for mention replacement.
std::vector<IobSentence> ToyMentionCorpus() {
  auto s = ParseIob(
      "# newdoc id = a\n1\tQuorvex\tB-ORG\n2\thired\tO\n3\tTamsin\tB-PER\n4\tYarrow\tI-PER\n"
      "5\tin\tO\n6\tBrellport\tB-LOC\n\n"
      "1\tQuorvex\tB-ORG\n2\tgrew\tO\n3\t.\tO\n\n"
      "# newdoc id = b\n1\tmet\tO\n2\tquorvex\tB-ORG\n3\tand\tO\n4\tOLLENDA\tB-ORG\n\n"
      "1\tDask\tB-PER\n2\tleft\tO\n3\tthe\tO\n4\tZintar\tB-ORG\n5\tGroup\tI-ORG\n",
      "t");
  return s.ok() ? *s : std::vector<IobSentence>{};
}

TEST(Iob, CollectMentionsKeepsDistinctMentionsPerTypeSorted) {
  MentionPool pool;
  CollectMentions(ToyMentionCorpus(), &pool);
  using Words = std::vector<std::vector<std::string>>;
  EXPECT_EQ(pool["ORG"], (Words{{"OLLENDA"}, {"Quorvex"}, {"Zintar", "Group"}, {"quorvex"}}));
  EXPECT_EQ(pool["PER"], (Words{{"Dask"}, {"Tamsin", "Yarrow"}}));
  EXPECT_EQ(pool["LOC"], (Words{{"Brellport"}}));
  CollectMentions(ToyMentionCorpus(), &pool);  // adding the same mentions again changes nothing
  EXPECT_EQ(pool["ORG"].size(), 4u);
}

TEST(Iob, ReplaceMentionsSwapsNamesOfTheSameTypeConsistentlyPerDocument) {
  const auto corpus = ToyMentionCorpus();
  ASSERT_EQ(corpus.size(), 4u);
  MentionPool pool;
  pool["ORG"] = {{"Fenwold", "Labs"}, {"Gritmark"}, {"Hollisar"}};
  pool["PER"] = {{"Ivo", "Pell"}};
  pool["LOC"] = {{"Nordhaven"}};
  const std::set<std::string, std::less<>> org_per = {"ORG", "PER"};
  for (std::uint64_t seed : {1u, 2u, 3u, 4u, 5u}) {
    const auto copy = ReplaceMentions(corpus, pool, org_per, seed);
    EXPECT_EQ(copy, ReplaceMentions(corpus, pool, org_per, seed));  // deterministic
    ASSERT_EQ(copy.size(), corpus.size());
    EXPECT_TRUE(copy[0].newdoc);
    EXPECT_FALSE(copy[1].newdoc);
    EXPECT_TRUE(copy[2].newdoc);
    for (const auto& s : copy) {
      ASSERT_EQ(s.forms.size(), s.labels.size());
      auto labels = s.labels;
      NormalizeIob(&labels);
      EXPECT_EQ(labels, s.labels);  // well-formed BIO
    }
    // Document a: the persons and organisations are replaced, the place (a
    // type not asked for) and the other words stay, and both mentions of
    // "Quorvex" get the same organisation.
    const auto spans0 = EntitySpans(copy[0].labels);
    ASSERT_EQ(spans0.size(), 3u);
    const std::vector<std::string> org0(copy[0].forms.begin() + spans0[0].begin,
                                        copy[0].forms.begin() + spans0[0].end);
    EXPECT_NE(org0, std::vector<std::string>{"Quorvex"});
    EXPECT_EQ(spans0[0].type, "ORG");
    const auto spans1 = EntitySpans(copy[1].labels);
    ASSERT_EQ(spans1.size(), 1u);
    EXPECT_EQ(
        std::vector<std::string>(copy[1].forms.begin(), copy[1].forms.begin() + spans1[0].end),
        org0);
    EXPECT_EQ(copy[1].forms.back(), ".");
    EXPECT_EQ(spans0[1].type, "PER");
    EXPECT_EQ(std::vector<std::string>(copy[0].forms.begin() + spans0[1].begin,
                                       copy[0].forms.begin() + spans0[1].end),
              (std::vector<std::string>{"Ivo", "Pell"}));
    EXPECT_EQ(copy[0].forms[spans0[1].end], "in");
    EXPECT_EQ(copy[0].forms.back(), "Brellport");
    EXPECT_EQ(copy[0].labels.back(), "B-LOC");
    // Document b: a lower-case mention gets a lower-case name, an all-caps
    // one an all-caps name.
    const auto spans2 = EntitySpans(copy[2].labels);
    ASSERT_EQ(spans2.size(), 2u);
    for (int i = spans2[0].begin; i < spans2[0].end; ++i) {
      EXPECT_TRUE(copy[2].forms[i] == "fenwold" || copy[2].forms[i] == "labs" ||
                  copy[2].forms[i] == "gritmark" || copy[2].forms[i] == "hollisar")
          << copy[2].forms[i];
    }
    for (int i = spans2[1].begin; i < spans2[1].end; ++i) {
      EXPECT_TRUE(copy[2].forms[i] == "FENWOLD" || copy[2].forms[i] == "LABS" ||
                  copy[2].forms[i] == "GRITMARK" || copy[2].forms[i] == "HOLLISAR")
          << copy[2].forms[i];
    }
  }
  // Other seeds draw other names: over five seeds, document a's
  // organisation is not always the same.
  std::set<std::string> firsts;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    firsts.insert(ReplaceMentions(corpus, pool, org_per, seed)[0].forms[0]);
  }
  EXPECT_GT(firsts.size(), 1u);
  // No type asked for, or an empty pool: the copy is the corpus.
  EXPECT_EQ(ReplaceMentions(corpus, pool, {}, 1), corpus);
  EXPECT_EQ(ReplaceMentions(corpus, MentionPool{}, org_per, 1), corpus);
}

TEST(Iob, CaseAugmentCopiesSomeSentencesLowerOrUpperCase) {
  const auto corpus = ToyMentionCorpus();
  ASSERT_EQ(corpus.size(), 4u);
  // Every sentence lower-cased: the labels stay, each copy is a document of
  // its own, and a sentence already lower-case is not copied.
  auto lower = CaseAugment(corpus, {.lower = 1.0}, 7);
  ASSERT_EQ(lower.size(), 4u);
  EXPECT_EQ(lower[0].forms,
            (std::vector<std::string>{"quorvex", "hired", "tamsin", "yarrow", "in", "brellport"}));
  EXPECT_EQ(lower[0].labels, corpus[0].labels);
  for (const auto& s : lower) EXPECT_TRUE(s.newdoc);
  EXPECT_EQ(lower[2].forms, (std::vector<std::string>{"met", "quorvex", "and", "ollenda"}));
  const auto plain = ParseIob("1\twent\tO\n2\thome\tO\n", "t");
  ASSERT_TRUE(plain.ok());
  EXPECT_TRUE(CaseAugment(*plain, {.lower = 1.0}, 7).empty());
  // Every sentence upper-cased.
  auto upper = CaseAugment(corpus, {.upper = 1.0}, 7);
  ASSERT_EQ(upper.size(), 4u);
  EXPECT_EQ(upper[3].forms, (std::vector<std::string>{"DASK", "LEFT", "THE", "ZINTAR", "GROUP"}));
  // Only the entities' words: the rest of the sentence keeps its case, and
  // the upper-case draw is not made.
  auto words = CaseAugment(corpus, {.lower = 1.0, .entity_words_only = true}, 7);
  ASSERT_EQ(words.size(), 4u);
  EXPECT_EQ(words[0].forms,
            (std::vector<std::string>{"quorvex", "hired", "tamsin", "yarrow", "in", "brellport"}));
  EXPECT_EQ(words[2].forms, (std::vector<std::string>{"met", "quorvex", "and", "ollenda"}));
  EXPECT_EQ(words[3].forms, (std::vector<std::string>{"dask", "left", "the", "zintar", "group"}));
  EXPECT_TRUE(CaseAugment(corpus, {.upper = 1.0, .entity_words_only = true}, 7).empty());
  // Only sentences whose every entity is a known name (lower-cased), when asked: not sentence 0
  // ("Brellport" is unknown), not sentence 3 ("Dask").
  const std::set<std::string, std::less<>> known = {"quorvex", "ollenda", "tamsin yarrow"};
  const auto only_known = CaseAugment(corpus, {.lower = 1.0, .known_names = &known}, 7);
  ASSERT_EQ(only_known.size(), 2u);
  EXPECT_EQ(only_known[0].forms, (std::vector<std::string>{"quorvex", "grew", "."}));
  EXPECT_EQ(only_known[1].forms, lower[2].forms);
  EXPECT_TRUE(CaseAugment(*plain, {.lower = 1.0, .known_names = &known}, 7).empty());
  // Sentences without an entity are skipped when asked.
  const auto none = CaseAugment(*plain, {.upper = 1.0, .entity_sentences_only = true}, 7);
  EXPECT_TRUE(none.empty());
  // A fraction: deterministic given the seed, about that share of a larger
  // corpus, and other seeds draw other sentences.
  std::vector<IobSentence> big;
  for (int k = 0; k < 1000; ++k) big.push_back(corpus[k % 4]);
  const CaseAugmentOptions some{.lower = 0.2, .upper = 0.1};
  const auto a = CaseAugment(big, some, 3);
  EXPECT_EQ(a, CaseAugment(big, some, 3));
  EXPECT_NE(a, CaseAugment(big, some, 4));
  int lowered = 0, uppered = 0;
  for (const auto& s : a) {
    bool has_upper = false;
    for (const auto& w : s.forms) has_upper |= std::any_of(w.begin(), w.end(), ::isupper);
    ++(has_upper ? uppered : lowered);
  }
  EXPECT_GT(lowered, 150);
  EXPECT_LT(lowered, 250);
  EXPECT_GT(uppered, 60);
  EXPECT_LT(uppered, 140);
}

TEST(Iob, RejectsLinesWithoutLabel) {
  EXPECT_FALSE(ParseIob("lonely\n", "t").ok());
}

}  // namespace
}  // namespace dyad::analyze
