#include "ingest/html_meta.h"

#include <gtest/gtest.h>

namespace dyad::ingest::html {
namespace {

TEST(HtmlMeta, NormalizeDate) {
  EXPECT_EQ(NormalizeDate("2018-09-04T10:00:00+02:00"), "2018-09-04");
  EXPECT_EQ(NormalizeDate("2018/9/4"), "2018-09-04");
  EXPECT_EQ(NormalizeDate("20180904"), "2018-09-04");
  EXPECT_EQ(NormalizeDate("September 4, 2018"), "2018-09-04");
  EXPECT_EQ(NormalizeDate("Sept. 4 2018 9:30AM"), "2018-09-04");
  EXPECT_EQ(NormalizeDate("Tue, 04 Sep 2018 10:00:00 GMT"), "2018-09-04");
  EXPECT_EQ(NormalizeDate("04.09.2018"), "2018-09-04");
  EXPECT_EQ(NormalizeDate("not a date"), "");
  EXPECT_EQ(NormalizeDate("3018-01-01"), "");
}

TEST(HtmlMeta, FindDateline) {
  EXPECT_EQ(FindDateline("(Geneva, March 15, 2021) – The council voted."), "2021-03-15");
  EXPECT_EQ(FindDateline("Troops left 14 villages in 2019 and 2020."), "");
}

TEST(HtmlMeta, SniffDeclaredCharset) {
  EXPECT_EQ(SniffDeclaredCharset("<meta charset=\"ISO-8859-1\">"), "iso-8859-1");
  EXPECT_EQ(SniffDeclaredCharset(
                "<meta http-equiv='Content-Type' content='text/html; charset=windows-1251'>"),
            "windows-1251");
  EXPECT_EQ(SniffDeclaredCharset("<html><body>no declaration</body></html>"), "");
}

TEST(HtmlMeta, SourcesInOrder) {
  std::string html =
      "<html lang='de-AT'><head><title>Der Titel - Die Zeitung</title>"
      "<meta name='date' content='2020-01-02'>"
      "<script type='application/ld+json'>{\"@graph\":[{\"@type\":\"NewsArticle\","
      "\"datePublished\":\"2020-01-05T08:00:00Z\",\"author\":[{\"name\":\"A. Autor\"},"
      "{\"name\":\"B. Autorin\"}]}]}</script>"
      "<link rel='canonical' href='https://example.org/a'></head>"
      "<body><time datetime='2019-12-31'>gestern</time><h1>Überschrift</h1></body></html>";
  auto dom = HtmlDom::Parse(html);
  ASSERT_TRUE(dom.ok());
  PageMetadata m = ExtractMetadata(*dom);
  EXPECT_EQ(m.title, "Der Titel");
  EXPECT_EQ(m.date, "2020-01-05");  // JSON-LD first
  EXPECT_EQ(m.author, "A. Autor; B. Autorin");
  EXPECT_EQ(m.canonical_url, "https://example.org/a");
  EXPECT_EQ(m.language, "de");
}

TEST(HtmlMeta, TimeElementWhenNoMeta) {
  auto dom = HtmlDom::Parse("<html><body><time datetime='2017-05-06T12:00'>May 6</time></body></html>");
  ASSERT_TRUE(dom.ok());
  EXPECT_EQ(ExtractMetadata(*dom).date, "2017-05-06");
}

}  // namespace
}  // namespace dyad::ingest::html
