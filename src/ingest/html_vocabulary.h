// Class and id vocabulary of site chrome and story containers.
//
// Pages name their parts: "share-bar", "newsletter-signup", "cookie-consent",
// "related-posts", "entry-content", "article-body". ReadVocabulary matches a
// class and id against word lists written for dyad: chrome substrings (which
// may sit inside compound names: "socialicons", "relatedPosts"), chrome
// tokens that are only safe as whole words ("nav", "ad", "tags", "meta"),
// content substrings and CMS body names. The extractor (html_extract.cc)
// turns the result into pruning decisions and a Readability-style weight.
#ifndef DYAD_INGEST_HTML_VOCABULARY_H_
#define DYAD_INGEST_HTML_VOCABULARY_H_

#include <string_view>

namespace dyad::ingest::html {

struct Vocabulary {
  bool chrome = false;    // Any chrome word.
  bool content = false;   // Any content word.
  bool body = false;      // A strong article-body hint.
  bool caption = false;   // Caption or credit.
  int weight = 0;         // Readability-style class weight.
};

// Reads the vocabulary of a class attribute and an id (either may be empty).
Vocabulary ReadVocabulary(std::string_view cls, std::string_view id);

// True when an inline style hides the element (display:none,
// visibility:hidden).
bool HiddenByStyle(std::string_view style);

}  // namespace dyad::ingest::html

#endif  // DYAD_INGEST_HTML_VOCABULARY_H_
