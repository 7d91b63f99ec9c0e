#include "ingest/html_vocabulary.h"

#include <cctype>
#include <string>

namespace dyad::ingest::html {
namespace {

void Lower(std::string_view in, std::string* out) {
  out->clear();
  for (char c : in) out->push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
}

// Splits s at non-alphanumerics into tokens; calls f(token).
template <typename F>
void ForEachToken(std::string_view s, F f) {
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && !std::isalnum(static_cast<unsigned char>(s[i]))) ++i;
    std::size_t b = i;
    while (i < s.size() && std::isalnum(static_cast<unsigned char>(s[i]))) ++i;
    if (i > b) f(s.substr(b, i - b));
  }
}

bool Contains(std::string_view s, std::string_view w) { return s.find(w) != std::string_view::npos; }

// Substrings that mark site chrome wherever they occur in a class or id.
constexpr std::string_view kChromeSubstrings[] = {
    "comment", "disqus", "share", "sharing", "social", "newsletter", "subscri", "donat",
    "cookie", "consent", "gdpr", "breadcrumb", "related", "recommend", "sidebar", "outbrain",
    "taboola", "popup", "promo", "advert", "sponsor", "signup", "sign-up", "login", "navbar",
    "navigation", "skip-link", "skiplink", "skip-to", "mostpopular", "most-popular", "trending",
    "more-stories", "morestories", "follow-us", "followus", "author-bio", "authorbio", "byline",
    "copyright", "masthead", "footer", "menu", "toolbar", "pagination", "pager",
    "caption", "credit", "tagcloud", "tag-list", "taglist", "post-meta", "entry-meta",
    "article-meta", "postmeta", "sr-only", "screen-reader", "visually-hidden", "visuallyhidden",
    "offscreen", "print-only", "newsletter", "see-also", "seealso",
    "rating", "reaction", "banner", "site-header", "global-header", "topbar", "top-bar", "lightbox", "modal", "overlay", "dropdown",
    "jump-link", "further-reading", "keywords", "tooltip", "notification", "cta",
};
// Whole tokens that mark site chrome ("ad" but not "head", "nav" but not "canvas").
constexpr std::string_view kChromeTokens[] = {
    "nav", "ad", "ads", "adv", "tags", "meta", "date", "dateline", "timestamp", "email",
    "foot", "aside", "alert", "notice", "author", "share", "topics", "published", "updated",
    "avatar", "logo", "search", "badge", "btn", "button", "icon", "thumbnail", "thumb",
    "gallery", "slideshow", "carousel", "video", "embed", "nocontent", "disclaimer", "legal",
    "contact", "lang", "language",
};
// Substrings that mark the story container.
constexpr std::string_view kContentSubstrings[] = {
    "article", "content", "entry", "story", "post-body", "postbody", "post-text", "main",
    "text", "body", "blog", "hentry", "column", "prose", "richtext", "rich-text",
};
// Strong container hints: a CMS naming its article body.
constexpr std::string_view kBodySubstrings[] = {
    "articlebody", "article-body", "article_body", "articlecontent", "article-content",
    "article__body", "article__content", "entry-content", "entrycontent", "post-content",
    "postcontent", "post-body", "postbody", "story-body", "storybody", "story-content",
    "storycontent", "body-text", "bodytext", "article-text", "articletext", "main-content",
    "maincontent", "news-content", "content-body", "page-content", "post-entry", "entry-body",
    "text-content", "article-main", "field-body", "node-content", "blog-post-body",
};



}  // namespace

Vocabulary ReadVocabulary(std::string_view cls, std::string_view id) {
  Vocabulary v;
  std::string buf;
  for (std::string_view raw : {cls, id}) {
    if (raw.empty()) continue;
    Lower(raw, &buf);
    std::string_view s = buf;
    bool chrome = false, content = false;
    for (std::string_view w : kChromeSubstrings) {
      if (Contains(s, w)) {
        // "commentary" is an article genre, not a comment thread.
        if (w == "comment" && Contains(s, "commentary")) continue;
        if (w == "cta" && !Contains(s, "-cta") && !Contains(s, "cta-") && s != "cta") continue;
        if (w == "caption" || w == "credit") {
          v.caption = true;  // Decided by size in MarkChrome.
          continue;
        }
        chrome = true;
        break;
      }
    }
    if (!chrome) {
      ForEachToken(s, [&](std::string_view t) {
        for (std::string_view w : kChromeTokens) {
          if (t == w) chrome = true;
        }
        // Image wrappers hold captions and credits.
        if (t == "image" || t == "img" || t == "photo" || t == "figure" || t == "picture") {
          v.caption = true;
        }
      });
    }
    for (std::string_view w : kContentSubstrings) {
      if (Contains(s, w)) {
        content = true;
        break;
      }
    }
    for (std::string_view w : kBodySubstrings) {
      if (Contains(s, w)) {
        v.body = true;
        break;
      }
    }
    if (chrome) v.weight -= 25;
    if (content) v.weight += 25;
    v.chrome |= chrome;
    v.content |= content;
  }
  return v;
}

bool HiddenByStyle(std::string_view style) {
  std::string s;
  for (char c : style) {
    if (!std::isspace(static_cast<unsigned char>(c))) {
      s.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  return Contains(s, "display:none") || Contains(s, "visibility:hidden");
}

}  // namespace dyad::ingest::html
