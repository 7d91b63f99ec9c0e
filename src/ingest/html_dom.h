// A compact, flat HTML5 DOM built from MyHTML's parse tree.
//
// HtmlDom parses UTF-8 HTML with MyHTML (Debian libmodest-dev; the WHATWG
// tokenizer and tree-construction algorithm, so tag soup is repaired the
// way browsers repair it) and copies the tree into one vector of nodes in
// document order. Every later pass (pruning, scoring, text assembly,
// metadata) is a loop over that vector, never a recursion, so a
// pathologically deep page cannot overflow the stack.
//
// Memory and time bounds:
//   * PrefilterMarkup drops comments, script/style bodies, the contents of
//     <svg>, <nav> and <select>, unused attributes, <link>s other than the
//     canonical one and whitespace next to block tags first: about three
//     quarters of a page's bytes, which the parser would tokenize for
//     nothing.
//   * Input nested deeper than kMaxNesting open elements is flattened in
//     the same pass: the tree builder's scope checks are linear in the depth
//     of the open-element stack, so 100,000 nested <div>s would take
//     quadratic time (MyHTML as gumbo). Formatting elements (<b>, <font>,
//     ...) have their own, lower cap, since the tree builder re-opens every
//     open formatting element at each new block.
//   * One MyHTML instance and tree per thread are reused from page to page
//     (the tree keeps its memory pools); after a page over 2 MiB the tree is
//     dropped, so the pools do not stay large. The tree is copied into the
//     flat vector at once.
//
// Thread safety: an HtmlDom is immutable after Parse() and may be read from
// several threads.
#ifndef DYAD_INGEST_HTML_DOM_H_
#define DYAD_INGEST_HTML_DOM_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <myhtml/api.h>

#include "dyad/status.h"

namespace dyad::ingest::html {

inline constexpr std::uint32_t kNone = 0xFFFFFFFFu;
// Open elements beyond this depth are dropped before parsing.
inline constexpr int kMaxNesting = 400;
// Open formatting elements (b, i, font, a, ...) beyond this count are dropped.
inline constexpr int kMaxOpenFormatting = 48;

struct Attr {
  std::uint32_t name_begin, name_len;    // Lowercase name, in HtmlDom::arena.
  std::uint32_t value_begin, value_len;  // Value as written (entities decoded).
};

struct Node {
  std::uint32_t parent = kNone;
  std::uint32_t first_child = kNone;
  std::uint32_t next_sibling = kNone;
  std::uint32_t subtree_end = 0;  // One past the last descendant's index.
  std::uint32_t attr_begin = 0, attr_count = 0;  // Into HtmlDom::attrs (elements).
  std::uint32_t text_begin = 0, text_len = 0;    // Into HtmlDom::arena (text nodes).
  std::uint16_t tag = 0;  // A myhtml_tag_id_t; kTextTag for text, kUnknownTag.
  std::uint16_t depth = 0;
  bool is_text() const;
};

// Tag values for text nodes and for elements myhtml has no HTML id for
// (custom elements, obsolete tags; the written name is in attribute ":tag").
// Both are outside myhtml's range of static tag ids.
inline constexpr std::uint16_t kTextTag = 0xFFFF;
inline constexpr std::uint16_t kUnknownTag = 0xFFFE;
inline bool Node::is_text() const { return tag == kTextTag; }

class HtmlDom {
 public:
  // Parses UTF-8 HTML. Never fails on malformed markup; fails only when
  // MyHTML cannot allocate its tree (it returns kInternal then).
  static StatusOr<HtmlDom> Parse(std::string_view utf8_html);

  const std::vector<Node>& nodes() const { return nodes_; }
  const Node& node(std::uint32_t i) const { return nodes_[i]; }
  std::size_t size() const { return nodes_.size(); }

  // The <html>, <head> and <body> elements (kNone when absent).
  std::uint32_t html() const { return html_; }
  std::uint32_t head() const { return head_; }
  std::uint32_t body() const { return body_; }

  std::string_view Text(std::uint32_t i) const {
    const Node& n = nodes_[i];
    return std::string_view(arena_).substr(n.text_begin, n.text_len);
  }
  // The tag name ("div"; "" for text; the written name for unknown tags).
  std::string_view TagName(std::uint32_t i) const;
  // Value of attribute `name` (lowercase) of element i, or nullopt-like
  // empty view with *found=false.
  std::string_view Attribute(std::uint32_t i, std::string_view name,
                             bool* found = nullptr) const;
  std::string_view AttrName(const Attr& a) const {
    return std::string_view(arena_).substr(a.name_begin, a.name_len);
  }
  std::string_view AttrValue(const Attr& a) const {
    return std::string_view(arena_).substr(a.value_begin, a.value_len);
  }
  const std::vector<Attr>& attrs() const { return attrs_; }
  // All text under node i, in document order, raw (not whitespace-collapsed).
  // With space_at_blocks, a space also stands where a block element inside
  // starts or ends (the prefilter drops whitespace next to such tags).
  std::string InnerText(std::uint32_t i, bool space_at_blocks = false) const;

  // True when nesting or formatting caps had to flatten the input.
  bool flattened() const { return flattened_; }

 private:
  std::vector<Node> nodes_;
  std::vector<Attr> attrs_;
  std::string arena_;
  std::vector<std::pair<std::uint32_t, std::string>> unknown_names_;
  std::uint32_t html_ = kNone, head_ = kNone, body_ = kNone;
  bool flattened_ = false;
};

// Copies `html` without what extraction never reads, so that the parser
// has less to tokenize: comments, the bodies of <script> (JSON-LD kept) and
// <style>, the contents of <svg>, <nav> and <select> (never text to
// extraction), and every attribute except the few that extraction and
// metadata read (class, id, role, itemprop, hidden, aria-hidden, hiding
// styles, datetime, pubdate, content; rel on <a> and <link>, href on
// <link>; name, property, http-equiv, charset on <meta>; type on <script>
// and <meta>; lang on <html>). Whole <script> (not JSON-LD) and <style>
// elements go while the tree builder is in <head> and right after a tag at
// which extraction ends a text run anyway; <meta>s in <head> that
// html_meta.cc never reads (MetaNameIsRead) go too. Tags are re-emitted
// with double-quoted values; the text and character references are
// unchanged.
//
// In the same pass it caps nesting: no more than max_depth elements open at
// once and no more than max_formatting formatting elements (b, font, ...);
// a start tag beyond a cap is replaced by a space together with its
// matching end tag. Void and implicitly closed elements (p, li, td, ...)
// are not counted. Returns true when the caps dropped a tag.
bool PrefilterMarkup(std::string_view html, std::string* out, int max_depth = kMaxNesting,
                     int max_formatting = kMaxOpenFormatting);

}  // namespace dyad::ingest::html

#endif  // DYAD_INGEST_HTML_DOM_H_
