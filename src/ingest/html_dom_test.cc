#include "ingest/html_dom.h"

#include <gtest/gtest.h>

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

TEST(HtmlDom, LimitNesting) {
  std::string out;
  EXPECT_FALSE(LimitNesting("<div><div><p>x</p></div></div>", 5, 5, &out));
  EXPECT_TRUE(LimitNesting("<div><div><div>x</div></div></div>", 2, 5, &out));
  EXPECT_EQ(out, "<div><div> x </div></div>");
  // Void and implicitly closed elements do not count; scripts are skipped.
  EXPECT_FALSE(LimitNesting("<br><br><img><li><li><li><script><div><div><div></script>", 2, 5,
                            &out));
  // Formatting elements have their own cap.
  EXPECT_TRUE(LimitNesting("<b><i><u>x", 10, 2, &out));
  EXPECT_EQ(out, "<b><i> x");
}

}  // namespace
}  // namespace dyad::ingest::html
