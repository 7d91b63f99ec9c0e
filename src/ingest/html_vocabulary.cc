#include "ingest/html_vocabulary.h"

#include <algorithm>
#include <array>
#include <bitset>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

namespace dyad::ingest::html {
namespace {

inline char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
inline bool IsAlnumAscii(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

void Lower(std::string_view in, std::string* out) {
  out->resize(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) (*out)[i] = LowerAscii(in[i]);
}

// Splits s at non-alphanumerics into tokens; calls f(token).
template <typename F>
void ForEachToken(std::string_view s, F f) {
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && !IsAlnumAscii(s[i])) ++i;
    std::size_t b = i;
    while (i < s.size() && IsAlnumAscii(s[i])) ++i;
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

// Extra substrings the chrome rules consult.
constexpr std::string_view kAuxSubstrings[] = {"commentary", "-cta", "cta-"};

// Every word of the lists above, found in one pass over a class string:
// patterns are bucketed by their first two characters, so each position of
// the string is compared only with the patterns that start with the two
// characters found there (usually none).
class Matcher {
 public:
  static constexpr std::size_t kMax = 256;
  using Found = std::bitset<kMax>;

  Matcher() {
    for (std::string_view w : kChromeSubstrings) chrome_.push_back(Id(w));
    for (std::string_view w : kContentSubstrings) content_.push_back(Id(w));
    for (std::string_view w : kBodySubstrings) body_.push_back(Id(w));
    for (std::string_view w : kChromeTokens) tokens_[w] |= kChromeToken;
    // Image wrappers hold captions and credits.
    for (std::string_view w : {"image", "img", "photo", "figure", "picture"}) {
      tokens_[w] |= kImageToken;
    }
    for (const auto& [w, kind] : tokens_) {
      longest_token_ = std::max(longest_token_, w.size());
      // Every token is lowercase ASCII letters and digits, led by a letter.
      if (w.empty() || w.size() > kMaxToken || w[0] < 'a' || w[0] > 'z') std::abort();
      token_buckets_[TokenKey(w)].push_back({w, kind});
    }
    commentary_ = Id(kAuxSubstrings[0]);
    dash_cta_ = Id(kAuxSubstrings[1]);
    cta_dash_ = Id(kAuxSubstrings[2]);
    // Chrome words get the first ids, in list order (ReadVocabulary relies
    // on it to find the first chrome word of a class).
    for (std::uint16_t id : chrome_) chrome_mask_.set(id);
    for (std::uint16_t id : content_) content_mask_.set(id);
    for (std::uint16_t id : body_) body_mask_.set(id);
    comment_ = Id("comment");
    cta_ = Id("cta");
    for (std::string_view w : {"caption", "credit"}) {
      caption_words_.push_back(Id(w));
      caption_mask_.set(caption_words_.back());
    }
  }

  // The ids of all patterns occurring in s (lowercase).
  Found Find(std::string_view s) const {
    Found found;
    // Every pattern has at least three characters.
    for (std::size_t i = 0; i + 2 < s.size(); ++i) {
      int a = Class(s[i]), b = Class(s[i + 1]);
      if (a < 0 || b < 0) continue;
      // No pattern starts with these three characters: skip the bucket.
      int c = Class(s[i + 2]);
      if (c >= 0 && !trigrams_[(a * kClasses + b) * kClasses + c]) continue;
      for (std::uint16_t id : buckets_[a * kClasses + b]) {
        std::string_view w = words_[id];
        // The third character first: most bucket entries fail there.
        if (s.size() - i >= w.size() && s[i + 2] == w[2] &&
            std::memcmp(s.data() + i + 3, w.data() + 3, w.size() - 3) == 0) {
          found.set(id);
        }
      }
    }
    return found;
  }

  static constexpr std::uint8_t kChromeToken = 1, kImageToken = 2;
  // Whether a whole token is a chrome token, an image wrapper word, both or neither.
  std::uint8_t TokenKind(std::string_view t) const {
    if (t.empty() || t.size() > longest_token_ || t[0] < 'a' || t[0] > 'z') return 0;
    for (const auto& [w, kind] : token_buckets_[TokenKey(t)]) {
      if (w == t) return kind;
    }
    return 0;
  }

  const Found& chrome_mask() const { return chrome_mask_; }
  const Found& content_mask() const { return content_mask_; }
  const Found& body_mask() const { return body_mask_; }
  const Found& caption_mask() const { return caption_mask_; }
  const std::vector<std::uint16_t>& caption_words() const { return caption_words_; }
  std::uint16_t comment() const { return comment_; }
  std::uint16_t cta() const { return cta_; }
  std::uint16_t commentary() const { return commentary_; }
  std::uint16_t dash_cta() const { return dash_cta_; }
  std::uint16_t cta_dash() const { return cta_dash_; }

 private:
  // Characters that occur in patterns: a-z, 0-9, '-', '_'; else -1.
  static constexpr int kClasses = 38;
  static constexpr std::array<std::int8_t, 256> kClassOf = [] {
    std::array<std::int8_t, 256> t{};
    for (int c = 0; c < 256; ++c) {
      t[c] = c >= 'a' && c <= 'z'   ? static_cast<std::int8_t>(c - 'a')
             : c >= '0' && c <= '9' ? static_cast<std::int8_t>(26 + (c - '0'))
             : c == '-'             ? 36
             : c == '_'             ? 37
                                    : -1;
    }
    return t;
  }();
  static int Class(char c) { return kClassOf[static_cast<unsigned char>(c)]; }
  // Whole tokens bucketed by length and first letter.
  static constexpr std::size_t kMaxToken = 16;
  static std::size_t TokenKey(std::string_view t) { return (t.size() - 1) * 26 + (t[0] - 'a'); }
  std::array<std::vector<std::pair<std::string_view, std::uint8_t>>, kMaxToken * 26>
      token_buckets_;
  std::uint16_t Id(std::string_view w) {
    for (std::size_t k = 0; k < words_.size(); ++k) {
      if (words_[k] == w) return static_cast<std::uint16_t>(k);
    }
    auto id = static_cast<std::uint16_t>(words_.size());
    // A word list was edited wrongly: a word too short or with a character
    // the buckets do not cover.
    if (w.size() < 3 || id >= kMax || Class(w[0]) < 0 || Class(w[1]) < 0) std::abort();
    words_.push_back(w);
    buckets_[Class(w[0]) * kClasses + Class(w[1])].push_back(id);
    if (Class(w[2]) >= 0) {
      trigrams_[(Class(w[0]) * kClasses + Class(w[1])) * kClasses + Class(w[2])] = true;
    }
    return id;
  }
  std::size_t longest_token_ = 0;
  std::unordered_map<std::string_view, std::uint8_t> tokens_;
  std::vector<std::string_view> words_;
  std::array<std::vector<std::uint16_t>, kClasses * kClasses> buckets_;
  // Which (first, second, third) character classes begin some pattern.
  std::bitset<kClasses * kClasses * kClasses> trigrams_;
  std::vector<std::uint16_t> chrome_, content_, body_, caption_words_;
  Found chrome_mask_, content_mask_, body_mask_, caption_mask_;
  std::uint16_t commentary_ = 0, dash_cta_ = 0, cta_dash_ = 0, comment_ = 0, cta_ = 0;
};

const Matcher& TheMatcher() {
  static const Matcher m;
  return m;
}

}  // namespace

Vocabulary ReadVocabulary(std::string_view cls, std::string_view id) {
  const Matcher& m = TheMatcher();
  Vocabulary v;
  // Reused from call to call: class strings are often longer than the
  // small-string buffer.
  thread_local std::string buf;
  for (std::string_view raw : {cls, id}) {
    if (raw.empty()) continue;
    Lower(raw, &buf);
    std::string_view s = buf;
    Matcher::Found found = m.Find(s);
    bool chrome = false, content = false;
    // The first chrome word in list order decides; caption and credit words
    // before it mark a caption (decided by size in MarkChrome).
    Matcher::Found words = found & m.chrome_mask();
    // "commentary" is an article genre, not a comment thread.
    if (found[m.commentary()]) words.reset(m.comment());
    if (found[m.cta()] && !found[m.dash_cta()] && !found[m.cta_dash()] && s != "cta") {
      words.reset(m.cta());
    }
    Matcher::Found real = words & ~m.caption_mask();
    std::size_t first = real.any() ? real._Find_first() : Matcher::kMax;
    for (std::uint16_t w : m.caption_words()) {
      if (words[w] && w < first) v.caption = true;
    }
    chrome = first != Matcher::kMax;
    if (!chrome) {
      ForEachToken(s, [&](std::string_view t) {
        std::uint8_t kind = m.TokenKind(t);
        if (kind & Matcher::kChromeToken) chrome = true;
        if (kind & Matcher::kImageToken) v.caption = true;
      });
    }
    content = (found & m.content_mask()).any();
    if ((found & m.body_mask()).any()) v.body = true;
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
