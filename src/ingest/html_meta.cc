#include "ingest/html_meta.h"

#include <array>
#include <cctype>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace dyad::ingest::html {
namespace {

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string Collapse(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// The <meta> names (property, else name, else itemprop; lowercase) that
// ExtractMetadata reads. MetaNameIsRead lets the prefilter drop the others.
constexpr std::string_view kMetaTitleUrlNames[] = {"og:title", "twitter:title", "og:url"};
constexpr std::string_view kMetaAuthorNames[] = {"author", "article:author", "dc.creator",
                                                 "sailthru.author", "parsely-author"};
constexpr std::string_view kMetaPublishedTimeNames[] = {"article:published_time",
                                                        "og:published_time"};
constexpr std::string_view kMetaDateNames[] = {
    "pubdate", "publishdate", "publish-date", "publish_date", "publication_date", "date",
    "dc.date", "dc.date.issued", "dc.date.created", "dcterms.date", "dcterms.created",
    "dcterms.issued", "sailthru.date", "parsely-pub-date", "citation_publication_date",
    "citation_date", "article.published", "datepublished", "pub_date",
    "originalpublicationdate", "release_date", "og:article:published_time", "displaydate"};

template <std::size_t N>
bool OneOf(std::string_view name, const std::string_view (&names)[N]) {
  for (std::string_view n : names) {
    if (n == name) return true;
  }
  return false;
}

constexpr std::array<std::string_view, 12> kMonths = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

// Month number from an English month name or abbreviation, 0 if none.
int MonthFromWord(std::string_view w) {
  std::string l = LowerAscii(w);
  if (l.size() < 3) return 0;
  for (std::size_t m = 0; m < kMonths.size(); ++m) {
    if (l.compare(0, 3, kMonths[m]) == 0) {
      static constexpr std::string_view kFull[] = {
          "january", "february", "march", "april", "may", "june", "july",
          "august", "september", "october", "november", "december"};
      // Accept "sep", "sept", "september"; reject "marching".
      std::string_view full = kFull[m];
      if (l.size() <= full.size() && full.compare(0, l.size(), l) == 0) return static_cast<int>(m) + 1;
      if (l == "sept") return 9;
      return 0;
    }
  }
  return 0;
}

std::string Format(int y, int m, int d) {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

struct Tok {
  bool number;
  int value;       // For numbers.
  int digits;      // For numbers.
  std::string_view word;
};

std::vector<Tok> Tokenize(std::string_view s, std::size_t max_tokens) {
  std::vector<Tok> out;
  std::size_t i = 0;
  while (i < s.size() && out.size() < max_tokens) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (std::isdigit(c)) {
      std::size_t b = i;
      int v = 0;
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && i - b < 9) {
        v = v * 10 + (s[i] - '0');
        ++i;
      }
      out.push_back({true, v, static_cast<int>(i - b), s.substr(b, i - b)});
    } else if (std::isalpha(c)) {
      std::size_t b = i;
      while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
      out.push_back({false, 0, 0, s.substr(b, i - b)});
    } else {
      ++i;
    }
  }
  return out;
}

// Tries the date patterns at token k; returns "" if none matches there.
std::string DateAt(const std::vector<Tok>& t, std::size_t k) {
  auto num = [&](std::size_t i, int digits_min, int digits_max) {
    return i < t.size() && t[i].number && t[i].digits >= digits_min && t[i].digits <= digits_max;
  };
  auto month = [&](std::size_t i) { return i < t.size() && !t[i].number ? MonthFromWord(t[i].word) : 0; };
  // 2018-09-04, 2018/9/4
  if (num(k, 4, 4) && num(k + 1, 1, 2) && num(k + 2, 1, 2)) {
    return Format(t[k].value, t[k + 1].value, t[k + 2].value);
  }
  // 20180904
  if (num(k, 8, 8)) {
    int v = t[k].value;
    return Format(v / 10000, v / 100 % 100, v % 100);
  }
  // September 4, 2018 / Sept. 4 2018
  if (int m = month(k); m && num(k + 1, 1, 2) && num(k + 2, 4, 4)) {
    return Format(t[k + 2].value, m, t[k + 1].value);
  }
  // 4 September 2018 / 04 Sep 2018
  if (int m = month(k + 1); m && num(k, 1, 2) && num(k + 2, 4, 4)) {
    return Format(t[k + 2].value, m, t[k].value);
  }
  // 04.09.2018 (day first, as in most of the world)
  if (num(k, 1, 2) && num(k + 1, 1, 2) && num(k + 2, 4, 4)) {
    int a = t[k].value, b = t[k + 1].value;
    if (b > 12 && a <= 12) std::swap(a, b);  // US order, unambiguous.
    return Format(t[k + 2].value, b, a);
  }
  return "";
}

bool IsArticleType(const nlohmann::json& type) {
  auto check = [](const std::string& s) {
    return s.find("Article") != std::string::npos || s == "BlogPosting" ||
           s == "Report" || s == "WebPage" || s == "PressRelease" || s == "LiveBlogPosting" ||
           s == "NewsArticle" || s == "SocialMediaPosting";
  };
  if (type.is_string()) return check(type.get<std::string>());
  if (type.is_array()) {
    for (const auto& x : type) {
      if (x.is_string() && check(x.get<std::string>())) return true;
    }
  }
  return false;
}

std::string JsonString(const nlohmann::json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_array() && !j.empty()) return JsonString(j[0]);
  if (j.is_object()) {
    for (const char* k : {"name", "@id", "url"}) {
      auto it = j.find(k);
      if (it != j.end() && it->is_string()) return it->get<std::string>();
    }
  }
  return "";
}

std::string AuthorNames(const nlohmann::json& a) {
  if (a.is_string()) return a.get<std::string>();
  if (a.is_object()) {
    auto it = a.find("name");
    if (it != a.end()) return JsonString(*it);
    return "";
  }
  if (a.is_array()) {
    std::string out;
    for (const auto& x : a) {
      std::string n = AuthorNames(x);
      if (n.empty()) continue;
      if (!out.empty()) out += "; ";
      out += n;
    }
    return out;
  }
  return "";
}

// The JSON-LD keys ScanJsonLd, JsonString and AuthorNames read.
constexpr std::string_view kJsonLdKeys[] = {"@graph", "@type", "headline", "datePublished",
                                            "dateCreated", "url", "author", "name", "@id"};

struct JsonLd {
  std::string headline, date, url, author;
};

void ScanJsonLd(const nlohmann::json& j, JsonLd* out, int depth) {
  if (depth > 8) return;
  if (j.is_array()) {
    for (const auto& x : j) ScanJsonLd(x, out, depth + 1);
    return;
  }
  if (!j.is_object()) return;
  auto graph = j.find("@graph");
  if (graph != j.end()) ScanJsonLd(*graph, out, depth + 1);
  auto type = j.find("@type");
  if (type == j.end() || !IsArticleType(*type)) return;
  bool webpage = type->is_string() && type->get<std::string>() == "WebPage";
  auto take = [&](const char* key, std::string* field) {
    auto it = j.find(key);
    if (it != j.end() && field->empty()) *field = JsonString(*it);
  };
  if (!webpage) take("headline", &out->headline);
  take("datePublished", &out->date);
  if (out->date.empty()) take("dateCreated", &out->date);
  if (!webpage) take("url", &out->url);
  auto author = j.find("author");
  if (author != j.end() && out->author.empty()) out->author = AuthorNames(*author);
}

// Strips a " | Site" or " - Site" suffix (or prefix) from a <title>.
std::string CleanTitle(std::string t) {
  for (std::string_view sep : {" | ", " – ", " — ", " - ", " :: ", " · ", " » "}) {
    std::size_t p = t.rfind(sep);
    if (p == std::string::npos) continue;
    // The site name usually follows the separator; a one-word left part
    // ("News - The story") is the section or the site.
    std::string left = t.substr(0, p), right = t.substr(p + sep.size());
    return left.find(' ') != std::string::npos || right.find(' ') == std::string::npos ? left
                                                                                       : right;
  }
  return t;
}

}  // namespace

std::string NormalizeDate(std::string_view s) {
  std::vector<Tok> t = Tokenize(s.substr(0, 200), 12);
  for (std::size_t k = 0; k < t.size(); ++k) {
    std::string d = DateAt(t, k);
    if (!d.empty()) return d;
  }
  return "";
}

std::string FindDateline(std::string_view text) {
  std::vector<Tok> t = Tokenize(text.substr(0, 400), 80);
  for (std::size_t k = 0; k < t.size(); ++k) {
    // Only spelled-out months or ISO dates: a bare "4.9.2018" in prose is
    // too often something else.
    bool month_word = (!t[k].number && MonthFromWord(t[k].word)) ||
                      (k + 1 < t.size() && !t[k + 1].number && MonthFromWord(t[k + 1].word));
    bool iso = t[k].number && t[k].digits == 4;
    if (!month_word && !iso) continue;
    std::string d = DateAt(t, k);
    if (!d.empty()) return d;
  }
  return "";
}

std::string SniffDeclaredCharset(std::string_view bytes) {
  std::string head = LowerAscii(bytes.substr(0, 4096));
  std::size_t pos = 0;
  while ((pos = head.find("charset", pos)) != std::string::npos) {
    pos += 7;
    std::size_t i = pos;
    while (i < head.size() && (head[i] == ' ' || head[i] == '=' || head[i] == '"' ||
                               head[i] == '\'')) {
      ++i;
    }
    if (i == pos) continue;
    std::size_t b = i;
    while (i < head.size() && (std::isalnum(static_cast<unsigned char>(head[i])) ||
                               head[i] == '-' || head[i] == '_' || head[i] == ':' ||
                               head[i] == '.')) {
      ++i;
    }
    if (i > b) return head.substr(b, i - b);
  }
  return "";
}

bool MetaNameIsRead(std::string_view name) {
  return OneOf(name, kMetaTitleUrlNames) || OneOf(name, kMetaAuthorNames) ||
         OneOf(name, kMetaPublishedTimeNames) || OneOf(name, kMetaDateNames);
}

PageMetadata ExtractMetadata(const HtmlDom& dom) {
  PageMetadata m;
  std::string og_title, tw_title, title_tag, h1, meta_date, itemprop_date, time_date, pub_time;
  std::string og_url, meta_author, itemprop_author, rel_author;
  JsonLd ld;
  if (dom.size() == 0) return m;
  std::string_view lang = dom.Attribute(0, "lang");
  if (lang.empty()) lang = dom.Attribute(0, "xml:lang");
  for (std::uint32_t i = 0; i < dom.size(); ++i) {
    const Node& nd = dom.node(i);
    if (nd.is_text()) continue;
    switch (nd.tag) {
      case MyHTML_TAG_META: {
        std::string name = LowerAscii(dom.Attribute(i, "property"));
        if (name.empty()) name = LowerAscii(dom.Attribute(i, "name"));
        if (name.empty()) name = LowerAscii(dom.Attribute(i, "itemprop"));
        std::string_view content = dom.Attribute(i, "content");
        std::string equiv = LowerAscii(dom.Attribute(i, "http-equiv"));
        bool has_charset = false;
        std::string_view cs = dom.Attribute(i, "charset", &has_charset);
        if (has_charset && m.declared_charset.empty()) m.declared_charset = LowerAscii(cs);
        if (equiv == "content-type" && m.declared_charset.empty()) {
          std::string c = LowerAscii(content);
          std::size_t p = c.find("charset=");
          if (p != std::string::npos) m.declared_charset = Collapse(c.substr(p + 8));
        }
        if (equiv == "content-language" && m.language.empty() && lang.empty()) {
          m.language = LowerAscii(content);
        }
        if (content.empty()) break;
        if (name == "og:title" && og_title.empty()) og_title = content;
        if (name == "twitter:title" && tw_title.empty()) tw_title = content;
        if (name == "og:url" && og_url.empty()) og_url = content;
        if (OneOf(name, kMetaAuthorNames) && meta_author.empty() &&
            content.find("://") == std::string_view::npos) {
          meta_author = content;
        }
        if (OneOf(name, kMetaPublishedTimeNames) && pub_time.empty()) {
          pub_time = content;
        }
        if (meta_date.empty() && OneOf(name, kMetaDateNames)) {
          meta_date = content;
        }
        break;
      }
      case MyHTML_TAG_LINK: {
        std::string rel = LowerAscii(dom.Attribute(i, "rel"));
        if (rel == "canonical" && m.canonical_url.empty()) {
          m.canonical_url = Collapse(dom.Attribute(i, "href"));
        }
        break;
      }
      case MyHTML_TAG_TITLE:
        if (title_tag.empty()) title_tag = Collapse(dom.InnerText(i));
        break;
      case MyHTML_TAG_H1:
        if (h1.empty()) h1 = Collapse(dom.InnerText(i, /*space_at_blocks=*/true));
        break;
      case MyHTML_TAG_SCRIPT: {
        if (LowerAscii(dom.Attribute(i, "type")) != "application/ld+json") break;
        std::string body = dom.InnerText(i);
        // Only the keys ScanJsonLd reads are kept (an articleBody or an
        // image list is not built only to be thrown away).
        auto keep = [](int /*depth*/, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
          if (event != nlohmann::json::parse_event_t::key) return true;
          const std::string& k = parsed.get_ref<const std::string&>();
          for (std::string_view w : kJsonLdKeys) {
            if (k == w) return true;
          }
          return false;
        };
        nlohmann::json j = nlohmann::json::parse(body, keep, /*allow_exceptions=*/false);
        if (!j.is_discarded()) ScanJsonLd(j, &ld, 0);
        break;
      }
      case MyHTML_TAG_TIME: {
        std::string_view dt = dom.Attribute(i, "datetime");
        bool pubdate = false;
        dom.Attribute(i, "pubdate", &pubdate);
        std::string_view ip = dom.Attribute(i, "itemprop");
        if (ip == "datePublished" && itemprop_date.empty()) {
          itemprop_date = dt.empty() ? dom.InnerText(i, /*space_at_blocks=*/true) : std::string(dt);
        }
        if (!dt.empty() && (time_date.empty() || pubdate)) {
          if (pubdate || time_date.empty()) time_date = dt;
        }
        break;
      }
      default: {
        if (nd.attr_count == 0) break;  // No itemprop, no rel.
        std::string_view ip = dom.Attribute(i, "itemprop");
        if (ip == "datePublished" && itemprop_date.empty()) {
          std::string_view c = dom.Attribute(i, "content");
          itemprop_date = !c.empty() ? std::string(c) : dom.InnerText(i, /*space_at_blocks=*/true);
        } else if (ip == "author" && itemprop_author.empty()) {
          itemprop_author = Collapse(dom.InnerText(i, /*space_at_blocks=*/true));
        }
        if (nd.tag == MyHTML_TAG_A && rel_author.empty() &&
            LowerAscii(dom.Attribute(i, "rel")) == "author") {
          rel_author = Collapse(dom.InnerText(i, /*space_at_blocks=*/true));
        }
        break;
      }
    }
  }
  for (const std::string* t : {&ld.headline, &og_title, &tw_title}) {
    if (!t->empty()) {
      m.title = Collapse(*t);
      break;
    }
  }
  if (m.title.empty() && !title_tag.empty()) m.title = CleanTitle(title_tag);
  if (m.title.empty()) m.title = h1;
  for (const std::string* d : {&ld.date, &pub_time, &meta_date, &itemprop_date, &time_date}) {
    if (d->empty()) continue;
    m.date = NormalizeDate(*d);
    if (!m.date.empty()) break;
  }
  if (m.canonical_url.empty()) m.canonical_url = !og_url.empty() ? og_url : ld.url;
  for (const std::string* a : {&ld.author, &meta_author, &itemprop_author, &rel_author}) {
    if (!a->empty()) {
      m.author = Collapse(*a);
      break;
    }
  }
  if (!lang.empty()) m.language = LowerAscii(lang);
  std::size_t dash = m.language.find_first_of("-_,; ");
  if (dash != std::string::npos) m.language.resize(dash);
  return m;
}

}  // namespace dyad::ingest::html
