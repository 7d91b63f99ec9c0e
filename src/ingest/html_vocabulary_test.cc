#include "ingest/html_vocabulary.h"

#include <gtest/gtest.h>

#include <string_view>

namespace dyad::ingest::html {
namespace {

TEST(HtmlVocabulary, ReadsChromeContentAndCaptionWords) {
  Vocabulary share = ReadVocabulary("post-share-bar", {});
  EXPECT_TRUE(share.chrome);
  EXPECT_EQ(share.weight, -25);
  Vocabulary body = ReadVocabulary("article-body rich", {});
  EXPECT_TRUE(body.body);
  EXPECT_TRUE(body.content);
  EXPECT_FALSE(body.chrome);
  // "nav" is chrome only as a whole token, not inside "canvas".
  EXPECT_TRUE(ReadVocabulary("top nav", {}).chrome);
  EXPECT_FALSE(ReadVocabulary("canvas-wrap", {}).chrome);
  EXPECT_TRUE(ReadVocabulary({}, "photo-credit").caption);
  // "commentary" is a genre, not a comment thread.
  EXPECT_FALSE(ReadVocabulary("commentary", {}).chrome);
}

// The extractor caches class vocabularies and reads ids on their own: the
// vocabulary of a class and an id must be that of each, combined.
TEST(HtmlVocabulary, ClassAndIdCombine) {
  constexpr std::string_view kWords[] = {
      "", "story", "related-links", "entry-content", "nav", "figure", "img-caption",
      "Article_Body", "main menu", "cta", "btn-cta", "page-content has-sidebar", "tags"};
  for (std::string_view cls : kWords) {
    for (std::string_view id : kWords) {
      Vocabulary both = ReadVocabulary(cls, id);
      Vocabulary c = ReadVocabulary(cls, {});
      Vocabulary i = ReadVocabulary({}, id);
      EXPECT_EQ(both.chrome, c.chrome || i.chrome) << cls << " / " << id;
      EXPECT_EQ(both.content, c.content || i.content) << cls << " / " << id;
      EXPECT_EQ(both.body, c.body || i.body) << cls << " / " << id;
      EXPECT_EQ(both.caption, c.caption || i.caption) << cls << " / " << id;
      EXPECT_EQ(both.weight, c.weight + i.weight) << cls << " / " << id;
    }
  }
}

}  // namespace
}  // namespace dyad::ingest::html
