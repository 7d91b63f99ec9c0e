// HtmlToDocument end to end: the NGO release fixture, metadata, charsets
// and robustness (truncation, deep nesting, junk, empty and all-boilerplate
// pages). Fixtures under tests/fixtures/html/ are written by us.
#include "ingest/html.h"

#include <gtest/gtest.h>

#include <string>

#include "util/files.h"

namespace dyad::ingest {
namespace {

std::string Fixture(const std::string& name) {
  auto s = ReadFile(std::string(DYAD_TEST_FIXTURES) + "/html/" + name);
  EXPECT_TRUE(s.ok()) << name;
  return s.ok() ? *s : "";
}

Document Extract(std::string_view html, bool keep_captions = false) {
  InputOptions o;
  o.keep_captions = keep_captions;
  auto d = HtmlToDocument("t", html, o);
  EXPECT_TRUE(d.ok()) << d.status().ToString();
  return d.ok() ? *d : Document{};
}

bool Has(const std::string& text, std::string_view s) { return text.find(s) != std::string::npos; }

TEST(Html, NgoReleaseKeepsTheWholeStory) {
  Document d = Extract(Fixture("ngo_release.html"));
  // Every paragraph of the story, the pull quote, the subheading and the
  // in-article list.
  for (const char* s : {
           "(Port Mira) – Security forces in Valdoria detained at least 14 activists",
           "Several of those detained were beaten during the arrests",
           "Arresting people for standing in a square",
           "The Interior Ministry said on March 4",
           "Government Obligations",
           "Release all protesters detained solely for peaceful assembly",
           "Grant detainees prompt access to lawyers",
           "The protest was the third in Port Mira since January",
           "Silence now would only embolden those who ordered these arrests."}) {
    EXPECT_TRUE(Has(d.text, s)) << s << "\n---\n" << d.text;
  }
}

TEST(Html, NgoReleaseDropsAllBoilerplate) {
  Document d = Extract(Fixture("ngo_release.html"));
  for (const char* s : {"Skip to main content", "cookies", "Donate Now", "Reports",
                        "Protesters gather outside", "Jana Oberlin", "tax-deductible",
                        "Give Now", "Region / Country", "Europe", "Free Speech",
                        "More Reading", "Journalist Sentenced", "Get updates",
                        "Privacy Policy", "Share this", "Facebook", "Senior Researcher",
                        "Home", "Français", "9:30AM"}) {
    EXPECT_FALSE(Has(d.text, s)) << s << "\n---\n" << d.text;
  }
  // The headline is the title, not a body block.
  EXPECT_EQ(d.title, "Valdoria: Activists Detained After Peaceful Protest");
  EXPECT_FALSE(Has(d.text, "Activists Detained After Peaceful Protest"));
}

TEST(Html, NgoReleaseBlocksAndMetadata) {
  Document d = Extract(Fixture("ngo_release.html"));
  EXPECT_EQ(d.date, "2021-03-15");
  EXPECT_EQ(d.author, "Elena Marsh");
  EXPECT_EQ(d.canonical_url,
            "https://rights-monitor.example.org/news/2021/03/15/valdoria-activists-detained");
  EXPECT_EQ(d.language, "en");
  int quotes = 0, items = 0, headings = 0;
  for (const Block& b : d.blocks) {
    ASSERT_LE(b.span.end, d.text.size());
    std::string_view t = std::string_view(d.text).substr(b.span.begin, b.span.size());
    EXPECT_FALSE(t.empty());
    EXPECT_EQ(t.find("\n\n"), std::string_view::npos);
    quotes += b.kind == BlockKind::kQuote;
    items += b.kind == BlockKind::kListItem;
    headings += b.kind == BlockKind::kHeading;
  }
  EXPECT_EQ(quotes, 1);
  EXPECT_EQ(items, 3);
  EXPECT_EQ(headings, 1);
  EXPECT_TRUE(d.warnings.empty()) << d.warnings[0];
}

TEST(Html, KeepCaptionsOption) {
  Document d = Extract(Fixture("ngo_release.html"), /*keep_captions=*/true);
  EXPECT_TRUE(Has(d.text, "Protesters gather outside")) << d.text;
  bool caption = false;
  for (const Block& b : d.blocks) caption |= b.kind == BlockKind::kCaption;
  EXPECT_TRUE(caption);
}

TEST(Html, AllBoilerplateGivesEmptyTextAndWarning) {
  Document d = Extract(Fixture("all_boilerplate.html"));
  EXPECT_EQ(d.text, "");
  EXPECT_TRUE(d.blocks.empty());
  ASSERT_FALSE(d.warnings.empty());
  EXPECT_TRUE(Has(d.warnings.back(), "boilerplate")) << d.warnings.back();
}

TEST(Html, EmptyBody) {
  Document d = Extract(Fixture("empty_body.html"));
  EXPECT_EQ(d.text, "");
  EXPECT_EQ(d.title, "Empty");
  ASSERT_FALSE(d.warnings.empty());
  EXPECT_TRUE(Has(d.warnings.back(), "no text")) << d.warnings.back();
}

TEST(Html, WrongDeclaredCharsetIsDetected) {
  Document d = Extract(Fixture("wrong_charset.html"));
  EXPECT_TRUE(Has(d.text, "The café owner told reporters that “nobody was hurt”")) << d.text;
  EXPECT_TRUE(Has(d.text, "city’s fire service")) << d.text;
  EXPECT_NE(d.encoding, "UTF-8");
}

TEST(Html, DeclaredLegacyCharsetIsUsed) {
  // Windows-1251 Cyrillic, declared in a meta tag.
  std::string html =
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">"
      "</head><body><p>\xcf\xf0\xe8\xe2\xe5\xf2, \xec\xe8\xf0! "
      "\xdd\xf2\xee \xef\xf0\xee\xf1\xf2\xee\xe9 \xf2\xe5\xea\xf1\xf2.</p></body></html>";
  Document d = Extract(html);
  EXPECT_EQ(d.text, "Привет, мир! Это простой текст.");
}

TEST(Html, TruncatedDocumentsNeverFail) {
  std::string page = Fixture("ngo_release.html");
  InputOptions o;
  for (std::size_t cut = 0; cut < page.size(); cut += 97) {
    auto d = HtmlToDocument("t", std::string_view(page).substr(0, cut), o);
    ASSERT_TRUE(d.ok()) << cut << ": " << d.status().ToString();
  }
  // Cut in the middle of the story: what is there is kept.
  std::size_t mid = page.find("Lawyers for eight");
  Document d = Extract(std::string_view(page).substr(0, mid));
  EXPECT_TRUE(Has(d.text, "Several of those detained were beaten")) << d.text;
}

TEST(Html, DeepNestingIsBounded) {
  std::string html = "<html><body>";
  for (int i = 0; i < 100000; ++i) html += "<div>";
  html += "<p>A sentence deep inside one hundred thousand nested elements survives.</p>";
  for (int i = 0; i < 100000; ++i) html += "</div>";
  html += "</body></html>";
  Document d = Extract(html);
  EXPECT_TRUE(Has(d.text, "survives")) << d.text.substr(0, 200);
  bool warned = false;
  for (const auto& w : d.warnings) warned |= Has(w, "nesting");
  EXPECT_TRUE(warned);
}

TEST(Html, DeepFormattingNestingIsBounded) {
  std::string html = "<html><body>";
  for (int i = 0; i < 20000; ++i) html += "<b class=x" + std::to_string(i) + ">";
  for (int i = 0; i < 200; ++i) html += "<p>paragraph text that is long enough to be content.</p>";
  Document d = Extract(html);
  EXPECT_TRUE(Has(d.text, "paragraph text")) << d.text.substr(0, 200);
}

TEST(Html, BinaryJunkIsRejectedOrEmpty) {
  std::string junk;
  for (int i = 0; i < 5000; ++i) junk.push_back(static_cast<char>((i * 7919 + 13) % 256));
  InputOptions o;
  auto d = HtmlToDocument("t", junk, o);
  if (d.ok()) {
    EXPECT_TRUE(d->text.size() < 5000);
  } else {
    EXPECT_EQ(d.status().code(), StatusCode::kDataLoss);
  }
  // Junk after a valid prefix is repaired, not fatal.
  std::string mixed = "<html><body><p>Prefix text before the junk bytes begin here.</p>" +
                      std::string("\xff\xfe\x80\x81 \xc3\x28 ", 9) + "</body></html>";
  auto m = HtmlToDocument("t", mixed, o);
  ASSERT_TRUE(m.ok());
  EXPECT_TRUE(Has(m->text, "Prefix text"));
}

TEST(Html, SniffHtml) {
  EXPECT_TRUE(SniffHtml("<!DOCTYPE html><html>"));
  EXPECT_TRUE(SniffHtml("\xEF\xBB\xBF  <html lang=en>"));
  EXPECT_TRUE(SniffHtml("<!-- a comment --><head><title>x</title></head>"));
  EXPECT_FALSE(SniffHtml("Plain text that mentions <b>bold</b> markup."));
  EXPECT_FALSE(SniffHtml(""));
}

TEST(Html, FragmentIsContent) {
  Document d = Extract("<p>Troops shelled the town.</p>");
  EXPECT_EQ(d.text, "Troops shelled the town.");
}

TEST(Html, LinkListsAndSkipLinksAreDropped) {
  std::string html =
      "<html><body><div><a href='#main'>Skip to content</a></div><div id='main'>"
      "<p>The ministry announced on Monday that the border crossing would close for two weeks, "
      "citing an outbreak of violence in the nearby villages.</p>"
      "<p>Residents said <a href='/x'>the closure</a> would cut them off from markets and "
      "hospitals on the other side of the river.</p>"
      "<ul><li><a href='/a'>Other story one</a></li><li><a href='/b'>Other story two</a></li>"
      "<li><a href='/c'>Other story three</a></li></ul></div></body></html>";
  Document d = Extract(html);
  EXPECT_TRUE(Has(d.text, "the closure would cut them off")) << d.text;
  EXPECT_FALSE(Has(d.text, "Skip to content")) << d.text;
  EXPECT_FALSE(Has(d.text, "Other story")) << d.text;
}

TEST(Html, PreAndBreaksKeepLines) {
  std::string html =
      "<html><body><article><p>First line of an address that is long enough,<br>"
      "second line of the same address block here.</p></article></body></html>";
  Document d = Extract(html);
  EXPECT_EQ(d.text,
            "First line of an address that is long enough,\nsecond line of the same address "
            "block here.");
}

}  // namespace
}  // namespace dyad::ingest
