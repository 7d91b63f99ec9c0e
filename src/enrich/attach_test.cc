#include "enrich/attach.h"

#include <gtest/gtest.h>

#include <string>

#include "dyad/document.h"
#include "text/segmenter.h"

namespace dyad::enrich {
namespace {

// Segments `text` (one sentence) and returns the span of the n-th `word`.
struct Fixture {
  explicit Fixture(std::string t) {
    doc.text = std::move(t);
    sentences = text::Segment(doc);
  }
  Span Of(const std::string& word, int nth = 1) const {
    std::size_t p = 0;
    for (int i = 0; i < nth; ++i) p = doc.text.find(word, i ? p + 1 : 0);
    return {static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(p + word.size())};
  }
  int Choose(const std::vector<std::string>& cands, const std::string& trigger) const {
    std::vector<Span> spans;
    for (const auto& c : cands) spans.push_back(Of(c));
    return GoverningModifier(sentences.at(0), doc.text, spans, Of(trigger), /*use_parse=*/false);
  }
  Document doc;
  std::vector<Sentence> sentences;
};

TEST(AttachTest, NearestInTheSameClause) {
  Fixture f("The minister said on Tuesday that troops had withdrawn in September.");
  EXPECT_EQ(f.Choose({"on Tuesday", "in September"}, "said"), 0);
  EXPECT_EQ(f.Choose({"on Tuesday", "in September"}, "withdrawn"), 1);
}

TEST(AttachTest, RelativeClausesAndQuotesAreClosed) {
  Fixture f("The court, which was set up in 2015, sentenced the men on Tuesday.");
  EXPECT_EQ(f.Choose({"2015", "Tuesday"}, "sentenced"), 1);
  EXPECT_EQ(f.Choose({"2015", "Tuesday"}, "set"), 0);
  Fixture q("\"Police raided our office on Monday,\" the lawyer said.");
  EXPECT_EQ(q.Choose({"Monday"}, "said"), -1);
  EXPECT_EQ(q.Choose({"Monday"}, "raided"), 0);
  Fixture r("The governor declared that after the hearing, which has run since July, "
            "activists would be barred.");
  EXPECT_EQ(r.Choose({"July"}, "declared"), -1);
}

TEST(AttachTest, ConjunctsKeepTheirOwnDatesButShareAnOpeningOne) {
  Fixture f("Police arrested the blogger on Monday and released him on Wednesday.");
  EXPECT_EQ(f.Choose({"Monday", "Wednesday"}, "arrested"), 0);
  EXPECT_EQ(f.Choose({"Monday", "Wednesday"}, "released"), 1);
  Fixture g("On August 23, Kadyrov pledged to punish relatives and made threats.");
  EXPECT_EQ(g.Choose({"August 23"}, "made"), 0);
}

TEST(AttachTest, ParseClimbsToTheClauseButNotIntoNounClauses) {
  // A hand-made parse: "On Monday he pledged and threatened ."
  Document doc;
  doc.text = "On Monday he pledged and threatened .";
  Sentence s;
  const char* forms[] = {"On", "Monday", "he", "pledged", "and", "threatened", "."};
  int heads[] = {1, 3, 3, -1, 5, 3, 3};
  const char* rels[] = {"case", "obl:tmod", "nsubj", "root", "cc", "conj", "punct"};
  std::uint32_t pos = 0;
  for (int i = 0; i < 7; ++i) {
    Token t;
    std::size_t len = std::string(forms[i]).size();
    t.span = {pos, static_cast<std::uint32_t>(pos + len)};
    t.head = heads[i];
    t.deprel = rels[i];
    s.tokens.push_back(t);
    pos += static_cast<std::uint32_t>(len + 1);
  }
  s.span = {0, static_cast<std::uint32_t>(doc.text.size())};
  ASSERT_TRUE(HasParse(s));
  Span monday{3, 9};
  Span threatened{25, 35};
  EXPECT_EQ(GoverningModifierByParse(s, {monday}, threatened), 0);
  // Made a relative clause, the conjunct no longer inherits by the parse
  // (the token window would then decide).
  s.tokens[5].deprel = "acl:relcl";
  EXPECT_EQ(GoverningModifierByParse(s, {monday}, threatened), -1);
}

}  // namespace
}  // namespace dyad::enrich
