// Page metadata from HTML: title, publication date, canonical URL, author
// and declared language.
//
// Sources, best first (the first one that gives a usable value wins):
//   title:  JSON-LD headline, og:title / twitter:title, <title> (site name
//           suffix removed), first <h1>.
//   date:   JSON-LD datePublished, article:published_time and the other
//           publication-date meta names (pubdate, dc.date, parsely-pub-date,
//           citation_publication_date, ...), itemprop=datePublished,
//           <time datetime> (one marked pubdate first), then a dateline in
//           the first blocks of the extracted text (FindDateline).
//   url:    <link rel=canonical>, og:url, JSON-LD url.
//   author: JSON-LD author name, meta author / article:author (not a URL),
//           itemprop=author, rel=author.
//   language: <html lang>, http-equiv content-language (a hint; html.cc
//           decides with cld2 on the extracted text).
// Dates are normalised to ISO 8601 "YYYY-MM-DD" (NormalizeDate).
#ifndef DYAD_INGEST_HTML_META_H_
#define DYAD_INGEST_HTML_META_H_

#include <string>
#include <string_view>

#include "ingest/html_dom.h"

namespace dyad::ingest::html {

struct PageMetadata {
  std::string title;
  std::string date;        // "YYYY-MM-DD" or "".
  std::string canonical_url;
  std::string author;
  std::string language;    // Declared, lowercase primary subtag ("en"), or "".
  std::string declared_charset;  // From <meta charset> / http-equiv, or "".
};

PageMetadata ExtractMetadata(const HtmlDom& dom);

// Whether ExtractMetadata reads the content of a <meta> with this name
// (its property, else name, else itemprop attribute, lowercase): og:title,
// author, article:published_time, dc.date, ... A <meta> with another name
// (and no charset or http-equiv) is never read.
bool MetaNameIsRead(std::string_view name);

// Normalises a date written as ISO 8601 ("2018-09-04T10:00:00Z"),
// "2018/09/04", "September 4, 2018", "4 Sept. 2018", "Tue, 04 Sep 2018" or
// "04.09.2018" (day first) to "YYYY-MM-DD". Returns "" when it is not a
// plausible date (years 1900-2100).
std::string NormalizeDate(std::string_view s);

// Finds a dateline date ("September 4, 2018", "(Moscow) – ... 2018-09-04")
// in the first characters of `text`; "" when none.
std::string FindDateline(std::string_view text);

// Finds the charset an HTML page declares in its first 4 KiB (<meta
// charset>, http-equiv Content-Type) by a byte scan, before decoding.
std::string SniffDeclaredCharset(std::string_view bytes);

}  // namespace dyad::ingest::html

#endif  // DYAD_INGEST_HTML_META_H_
