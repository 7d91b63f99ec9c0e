#include "ingest/html_dom.h"

#include <gtest/gtest.h>

#include "util/utf8.h"

namespace dyad::ingest::html {
namespace {

TEST(HtmlDom, FlatTreeInDocumentOrder) {
  auto dom = HtmlDom::Parse("<p class=a>Hello <b>big</b> world<p>Second");
  ASSERT_TRUE(dom.ok());
  ASSERT_NE(dom->body(), kNone);
  std::string all = dom->InnerText(dom->body());
  EXPECT_EQ(all, "Hello big worldSecond");
  for (std::uint32_t i = 1; i < dom->size(); ++i) {
    const Node& n = dom->node(i);
    ASSERT_NE(n.parent, kNone);
    EXPECT_LT(n.parent, i);
    EXPECT_LE(n.subtree_end, dom->node(n.parent).subtree_end);
  }
  bool found = false;
  for (std::uint32_t i = 0; i < dom->size(); ++i) {
    if (dom->TagName(i) == "p" && dom->Attribute(i, "class") == "a") found = true;
  }
  EXPECT_TRUE(found);
}

TEST(HtmlDom, UnknownTagsKeepTheirName) {
  auto dom = HtmlDom::Parse("<body><my-widget>x</my-widget></body>");
  ASSERT_TRUE(dom.ok());
  bool found = false;
  for (std::uint32_t i = 0; i < dom->size(); ++i) found |= dom->TagName(i) == "my-widget";
  EXPECT_TRUE(found);
}

TEST(HtmlDom, NulBytesBecomeReplacementCharacters) {
  // Found by the fuzzer: MyHTML alone turns this text into invalid UTF-8.
  std::string html("\0\0\0\xEB\xAE\xBBx\0y", 9);
  auto dom = HtmlDom::Parse(html);
  ASSERT_TRUE(dom.ok());
  std::string text = dom->InnerText(dom->body());
  EXPECT_TRUE(utf8::IsValid(text));
  EXPECT_EQ(text, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEB\xAE\xBBx\xEF\xBF\xBDy");
}

TEST(HtmlDom, PrefilterCapsNesting) {
  std::string out;
  EXPECT_FALSE(PrefilterMarkup("<div><div><p>x</p></div></div>", &out, 5, 5));
  EXPECT_EQ(out, "<div><div><p>x</p></div></div>");
  EXPECT_TRUE(PrefilterMarkup("<div><div><div>x</div></div></div>", &out, 2, 5));
  EXPECT_EQ(out, "<div><div> x </div></div>");
  // Void and implicitly closed elements do not count; script bodies go.
  EXPECT_FALSE(PrefilterMarkup("<br><br><img><li><li><li>x<script><div><div><div></script>",
                               &out, 2, 5));
  EXPECT_EQ(out, "<br><br><img><li><li><li>x<script></script>");
  // Formatting elements have their own cap.
  EXPECT_TRUE(PrefilterMarkup("<b><i><u>x", &out, 10, 2));
  EXPECT_EQ(out, "<b><i> x");
}

TEST(HtmlDom, PrefilterDropsUnreadMarkup) {
  std::string out;
  PrefilterMarkup(
      "<html lang=en><head><meta name=author content='A \"B\"' data-x=1>"
      "<link rel=canonical href=/c><link rel=stylesheet href=/s.css><style>p{}</style></head>"
      "<body>"
      "<!-- note --><nav class=menu><a href=/x>Home</a><nav>inner</nav></nav>"
      "<nav><svg><path d=M0/></svg><p>a nav with a nested svg goes whole</p></nav>"
      "<navbar-x>custom</navbar-x>"
      "<div class=story onclick=f() style='display: none'><a href=/y rel=author>Me</a>"
      "<input name=q type=text></div>\n   \n<pre>  a\n  b</pre>\n<p><b>x</b> \n <i>y</i></p>"
      "</body></html>",
      &out);
  EXPECT_EQ(out,
            "<html lang=\"en\"><head><meta name=\"author\" content=\"A &quot;B&quot;\">"
            "<link rel=\"canonical\" href=\"/c\"></head><body>"
            "<nav class=\"menu\"><a>Home</a><nav></nav></nav>"
            "<nav></nav><navbar-x>custom</navbar-x>"
            "<div class=\"story\" style=\"display: none\"><a rel=\"author\">Me</a>"
            "<input></div><pre>  a\n  b</pre><p><b>x</b>\n<i>y</i></p></body></html>");
}

// Script and style elements go whole where extraction never sees them:
// in <head>, and right after a tag at which a text run ends anyway. After
// text, an inline tag, <br> or an end tag the tree builder may ignore they
// stay (empty), since they end the run there. <meta>s in <head> that
// html_meta.cc never reads go too.
TEST(HtmlDom, PrefilterDropsInvisibleElements) {
  std::string out;
  PrefilterMarkup(
      "<!doctype html>\n<html><head><meta charset=utf-8><meta name=viewport content=w>"
      "<meta property=og:title content=T><meta name=AUTHOR content=A>"
      "<meta http-equiv=content-language content=de><script>var a;</script>"
      "<script type=application/ld+json>{}</script><style>p{}</style><title>T</title></head>"
      "<body><div><script>x</script>a<script>y</script>b<span>c</span><script></script>"
      "<br><script></script><p>d</p><script></script></div><script>z</script>"
      "<meta name=viewport content=w></body></html>",
      &out);
  EXPECT_EQ(out,
            "<!doctype html>\n<html><head><meta charset=\"utf-8\">"
            "<meta property=\"og:title\" content=\"T\"><meta name=\"AUTHOR\" content=\"A\">"
            "<meta http-equiv=\"content-language\" content=\"de\">"
            "<script type=\"application/ld+json\">{}</script><title>T</title></head>"
            "<body><div>a<script></script>b<span>c</span><script></script>"
            "<br><script></script><p>d</p><script></script></div>"
            "<meta name=\"viewport\" content=\"w\"></body></html>");
  // An unclosed script runs to the end of the page: nothing follows it.
  PrefilterMarkup("<div><script>if (a < b) x();", &out);
  EXPECT_EQ(out, "<div>");
  // "</scripts" does not close a script: the element stays, and the
  // tokenizer reads "</scripts>b" as its content.
  PrefilterMarkup("<div><script>a</scripts>b</script>", &out);
  EXPECT_EQ(out, "<div><script></scripts>b</script>");
}

}  // namespace
}  // namespace dyad::ingest::html
