#include "text/segmenter.h"

#include <gtest/gtest.h>

#include <string>

#include "text/sentence_splitter.h"

namespace dyad::text {
namespace {

// Sentences as "w1 w2 w3 | w1 w2", MWT words in braces: "{do n't}".
std::string Show(const std::string& text) {
  Document doc;
  doc.text = text;
  std::vector<Sentence> sents = Segment(doc);
  std::string out;
  for (const Sentence& s : sents) {
    if (!out.empty()) out += " | ";
    std::size_t m = 0;
    for (std::size_t i = 0; i < s.tokens.size(); ++i) {
      if (i > 0) out += ' ';
      bool open = m < s.mwts.size() && s.mwts[m].first == i;
      if (open) out += '{';
      out += s.tokens[i].form;
      if (m < s.mwts.size() && s.mwts[m].last == i) {
        out += '}';
        ++m;
      }
    }
  }
  return out;
}

TEST(Segmenter, TitlesAndInitialismsDoNotEndSentences) {
  EXPECT_EQ(Show("Gen. Ahmed Salim met U.S. and U.N. envoys in Geneva. Talks resume today."),
            "Gen. Ahmed Salim met U.S. and U.N. envoys in Geneva . | Talks resume today .");
  EXPECT_EQ(Show("Mr. Okafor and Dr. Lina Haddad arrived late. They left early."),
            "Mr. Okafor and Dr. Lina Haddad arrived late . | They left early .");
}

TEST(Segmenter, DatesTimesAndNumbers) {
  EXPECT_EQ(Show("The strike began on Jan. 9 at 4 p.m. local time."),
            "The strike began on Jan. 9 at 4 p.m. local time .");
  EXPECT_EQ(Show("Resolution No. 5 passed with 100,000 votes."),
            "Resolution No. 5 passed with 100,000 votes .");
  EXPECT_EQ(Show("Prices rose 3.5% to $12 at 2:30."), "Prices rose 3.5 % to $ 12 at 2:30 .");
}

TEST(Segmenter, AbbreviationEndingASentenceLosesItsPeriod) {
  EXPECT_EQ(Show("The march ended at 6 p.m."), "The march ended at 6 p.m .");
  EXPECT_EQ(Show("They work for Acme Inc."), "They work for Acme Inc .");
}

TEST(Segmenter, Initials) {
  EXPECT_EQ(Show("J. R. R. Tolkien wrote about the war."), "J. R. R. Tolkien wrote about the war .");
}

TEST(Segmenter, QuotesCloseAfterTheFullStop) {
  EXPECT_EQ(Show("\"We will not leave.\" The mayor said so."),
            "\" We will not leave . \" | The mayor said so .");
  EXPECT_EQ(Show("She said: “The shelling must stop.” Nobody answered."),
            "She said : “ The shelling must stop . ” | Nobody answered .");
  EXPECT_EQ(Show("(The figures were revised.) Aid arrived."),
            "( The figures were revised . ) | Aid arrived .");
}

TEST(Segmenter, Datelines) {
  // The dateline stays with its sentence, also when the model alone would
  // split after a closing bracket and a dash.
  EXPECT_EQ(Show("(Moscow) – Officials denied the reports on Monday."),
            "( Moscow ) – Officials denied the reports on Monday .");
  EXPECT_EQ(Show("KABUL (Reuters) - A bomb exploded near the ministry."),
            "KABUL ( Reuters ) - A bomb exploded near the ministry .");
  EXPECT_EQ(Show("Talks ended. GENEVA, Jan. 9 (AP) -- Envoys left."),
            "Talks ended . | GENEVA , Jan. 9 ( AP ) -- Envoys left .");
  // A line that a dateline follows ends there, even without a full stop: a
  // photo credit above the story's first line.
  EXPECT_EQ(Show("The minister at a rally in Riga, May 2, 2019. Photo Agency X\n"
                 "(Riga) – Police detained two reporters on Monday."),
            "The minister at a rally in Riga , May 2 , 2019 . | Photo Agency X | "
            "( Riga ) – Police detained two reporters on Monday .");
  // A bracket that is no dateline continues the wrapped sentence.
  EXPECT_EQ(Show("Police in the capital detained two reporters and a photographer of the\n"
                 "(Free Voice) daily on Monday."),
            "Police in the capital detained two reporters and a photographer of the "
            "( Free Voice ) daily on Monday .");
}

TEST(Segmenter, HeadlinesAndListItems) {
  EXPECT_EQ(Show("Troops Leave Border Town\nThe army withdrew on Monday."),
            "Troops Leave Border Town | The army withdrew on Monday .");
  EXPECT_EQ(Show("The group demanded:\n- an end to the shelling\n- access for aid workers"),
            "The group demanded : | - an end to the shelling | - access for aid workers");
  EXPECT_EQ(Show("Steps taken:\n1. Talks opened\n2. Prisoners freed"),
            "Steps taken : | 1. Talks opened | 2. Prisoners freed");
  // A hard-wrapped long line does not end a sentence (the short-line rule
  // above does not apply to it): the model scores its line break as a
  // space, before a lower-case word as before a capitalized one.
  EXPECT_EQ(Show("The commission said that the villages along the northern river had been\n"
                 "abandoned by most residents."),
            "The commission said that the villages along the northern river had been "
            "abandoned by most residents .");
  EXPECT_EQ(Show("The commission said that the villages along the northern river had been\n"
                 "Abandoned by most residents."),
            "The commission said that the villages along the northern river had been "
            "Abandoned by most residents .");
}

TEST(Segmenter, BlankLinesAlwaysSplit) {
  EXPECT_EQ(Show("First part\n\nsecond part"), "First part | second part");
}

TEST(Segmenter, Ellipses) {
  EXPECT_EQ(Show("He waited... and waited."), "He waited ... and waited .");
  EXPECT_EQ(Show("Wait…what?"), "Wait … what ?");
}

TEST(Segmenter, Clitics) {
  EXPECT_EQ(Show("They don't know why Russia's army can't advance."),
            "They {do n't} know why {Russia 's} army {ca n't} advance .");
  EXPECT_EQ(Show("I cannot say we're gonna win."), "I {can not} say {we 're} {gon na} win .");
  EXPECT_EQ(Show("The workers' union won't sign."), "The {workers '} union {wo n't} sign .");
  EXPECT_EQ(Show("It’s O'Brien’s call."), "{It ’s} {O'Brien ’s} call .");
  EXPECT_EQ(Show("I dont know"), "I {do nt} know");
}

TEST(Segmenter, HyphensUrlsAndEmail) {
  EXPECT_EQ(Show("A search-engine e-mail from a non-profit group."),
            "A search - engine e-mail from a non-profit group .");
  EXPECT_EQ(Show("Write to press@example.org or see https://example.org/r?id=7."),
            "Write to press@example.org or see https://example.org/r?id=7 .");
  EXPECT_EQ(Show("Call 713-555-0100 (ages 13-17)."), "Call 713-555-0100 ( ages 13 - 17 ) .");
}

TEST(Segmenter, SpansPointIntoTheText) {
  Document doc;
  doc.text = "  Zürich’s mayor said “no.”\n\nTalks  failed. ";
  std::vector<Sentence> sents = Segment(doc);
  ASSERT_EQ(sents.size(), 2u);
  for (const Sentence& s : sents) {
    ASSERT_FALSE(s.tokens.empty());
    EXPECT_EQ(s.span.begin, s.tokens.front().span.begin);
    EXPECT_EQ(s.span.end, s.tokens.back().span.end);
    for (const Token& t : s.tokens) {
      EXPECT_EQ(doc.text.substr(t.span.begin, t.span.size()), t.form);
    }
  }
  EXPECT_EQ(sents[0].tokens[0].form, "Zürich");
  EXPECT_EQ(sents[0].tokens[0].span.begin, 2u);
  ASSERT_EQ(sents[0].mwts.size(), 1u);
  EXPECT_EQ(doc.text.substr(sents[0].mwts[0].span.begin, sents[0].mwts[0].span.size()),
            "Zürich’s");
  EXPECT_FALSE(sents[0].tokens[0].space_after);  // inside the MWT
  EXPECT_TRUE(sents[0].tokens[1].space_after);
  EXPECT_EQ(sents[1].tokens[0].form, "Talks");
  EXPECT_TRUE(sents[1].tokens[0].space_after);
  EXPECT_FALSE(sents[1].tokens[1].space_after);  // "failed" before "."
}

TEST(Segmenter, BlocksBoundSentences) {
  Document doc;
  doc.text = "Heading text Body starts here. More.";
  doc.blocks = {{{0, 12}, BlockKind::kHeading}, {{13, 36}, BlockKind::kParagraph}};
  std::vector<Sentence> sents = Segment(doc);
  ASSERT_EQ(sents.size(), 3u);
  EXPECT_EQ(sents[0].block, 0u);
  EXPECT_EQ(sents[0].tokens.size(), 2u);
  EXPECT_EQ(sents[1].block, 1u);
  EXPECT_EQ(sents[2].block, 1u);
}

TEST(Segmenter, OddInputNeverFails) {
  EXPECT_EQ(Show(""), "");
  EXPECT_EQ(Show(" \n\t "), "");
  Document doc;
  doc.text = std::string("a\0b\xff\xfe c", 7);
  EXPECT_FALSE(Segment(doc).empty());
  // A run without boundaries is cut at kMaxSentenceWords words.
  std::string many;
  for (int i = 0; i < 1200; ++i) many += "word ";
  doc.text = many;
  std::vector<Sentence> sents = Segment(doc);
  ASSERT_EQ(sents.size(), 3u);
  EXPECT_EQ(sents[0].tokens.size(), kMaxSentenceWords);
}

// A 50 MB single line streams through the splitter with bounded memory.
TEST(Segmenter, FiftyMegabyteLine) {
  const std::string sentence = "Troops shelled the town of Avdiivka on Monday, officials said. ";
  std::string line;
  line.reserve((50u << 20) + sentence.size());
  std::size_t n = 0;
  while (line.size() < (50u << 20)) {
    line += sentence;
    ++n;
  }
  SentenceSplitter splitter;
  std::size_t sentences = 0, words = 0;
  splitter.Run(line, 0, static_cast<std::uint32_t>(line.size()),
               [&](std::span<const RawToken> w) {
                 ++sentences;
                 words += w.size();
               });
  EXPECT_EQ(sentences, n);
  EXPECT_EQ(words, n * 12);
}

}  // namespace
}  // namespace dyad::text
