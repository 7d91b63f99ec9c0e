#include "text/tokenizer.h"

#include <gtest/gtest.h>

#include <string>

#include "text/abbreviations.h"

namespace dyad::text {
namespace {

std::string Words(const std::string& text) {
  std::string out;
  for (const RawToken& t : TokenizeAll(text, 0, static_cast<std::uint32_t>(text.size()))) {
    if (!out.empty()) out += ' ';
    out += text.substr(t.begin, t.end - t.begin);
  }
  return out;
}

TEST(Tokenizer, PunctuationAndNumbers) {
  EXPECT_EQ(Words("(and also e-mail) goods"), "( and also e-mail ) goods");
  EXPECT_EQ(Words("costs $1,200.50, or 20%!"), "costs $ 1,200.50 , or 20 % !");
  EXPECT_EQ(Words("on 11/04/2019 at 09:15, 24/7"), "on 11/04/2019 at 09:15 , 24 / 7");
  EXPECT_EQ(Words("a 31-year-old in the 1980s, 2nd of 12K"),
            "a 31 - year - old in the 1980s , 2nd of 12 K");
  EXPECT_EQ(Words("Really?! Yes!!! No..."), "Really ?! Yes !!! No ...");
  EXPECT_EQ(Words("wait -- no --- ok"), "wait -- no --- ok");
  EXPECT_EQ(Words("and/or w/o AT&T"), "and / or w/o AT&T");
}

TEST(Tokenizer, WebText) {
  EXPECT_EQ(Words("see www.example.com/a_b, or (http://x.org/p?q=1)."),
            "see www.example.com/a_b , or ( http://x.org/p?q=1 ) .");
  EXPECT_EQ(Words("mail j.doe+news@mail.example.net."), "mail j.doe+news@mail.example.net .");
  EXPECT_EQ(Words("great :-) #peace @dyad"), "great :-) #peace @dyad");
  EXPECT_EQ(Words("open report.DOC now"), "open report.DOC now");
}

TEST(Tokenizer, AbbreviationPeriods) {
  EXPECT_EQ(Words("Sen. Reyes, e.g. in the U.S., etc. Done."),
            "Sen. Reyes , e.g. in the U.S. , etc. Done .");
  EXPECT_EQ(Words("the end. Next"), "the end . Next");
  EXPECT_EQ(Words("Acme Inc.. Next"), "Acme Inc. . Next");
}

TEST(Tokenizer, MultiWordTokens) {
  std::string text = "can't y'know it's";
  auto toks = TokenizeAll(text, 0, static_cast<std::uint32_t>(text.size()));
  ASSERT_EQ(toks.size(), 5u);
  EXPECT_EQ(toks[0].mwt, 1);  // ca
  EXPECT_EQ(toks[1].mwt, 2);  // n't
  EXPECT_EQ(toks[2].mwt, 0);  // y'know stays whole
  EXPECT_EQ(toks[3].mwt, 1);
  EXPECT_EQ(toks[4].mwt, 2);
  EXPECT_EQ(text.substr(toks[1].begin, toks[1].end - toks[1].begin), "n't");
}

TEST(Tokenizer, GapsAndShapes) {
  std::string text = "Hello,  World\nNEW line\n\n\"x\"";
  auto toks = TokenizeAll(text, 0, static_cast<std::uint32_t>(text.size()));
  ASSERT_EQ(toks.size(), 8u);
  EXPECT_EQ(toks[0].gap, 0);  // Hello,
  EXPECT_EQ(toks[1].gap, 1);
  EXPECT_EQ(toks[2].gap, 2);  // World\n
  EXPECT_EQ(toks[4].gap, 3);  // line\n\n
  EXPECT_EQ(toks[0].shape, kShapeCapital);
  EXPECT_EQ(toks[1].shape, kShapeComma);
  EXPECT_EQ(toks[3].shape, kShapeUpper);
  EXPECT_EQ(toks[4].shape, kShapeLower);
  EXPECT_EQ(toks[5].shape, kShapeQuote);
}

TEST(Tokenizer, RangeIsRespected) {
  std::string text = "skip THIS part";
  auto toks = TokenizeAll(text, 5, 9);
  ASSERT_EQ(toks.size(), 1u);
  EXPECT_EQ(toks[0].begin, 5u);
  EXPECT_EQ(toks[0].end, 9u);
}

TEST(Abbreviations, Classes) {
  EXPECT_EQ(ClassifyAbbreviation("Gen"), kAbbrevTitle);
  EXPECT_EQ(ClassifyAbbreviation("GEN"), kAbbrevTitle);
  EXPECT_EQ(ClassifyAbbreviation("gen"), kAbbrevNone);
  EXPECT_EQ(ClassifyAbbreviation("Sept"), kAbbrevDate);
  EXPECT_EQ(ClassifyAbbreviation("No"), kAbbrevNumber);
  EXPECT_EQ(ClassifyAbbreviation("etc"), kAbbrevOther);
  EXPECT_EQ(ClassifyAbbreviation("U.S"), kAbbrevInitialism);
  EXPECT_EQ(ClassifyAbbreviation("p.m"), kAbbrevInitialism);
  EXPECT_EQ(ClassifyAbbreviation("J"), kAbbrevInitial);
  EXPECT_EQ(ClassifyAbbreviation("example.com"), kAbbrevNone);
  EXPECT_EQ(ClassifyAbbreviation("house"), kAbbrevNone);
}

}  // namespace
}  // namespace dyad::text
