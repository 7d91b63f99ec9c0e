#include "ingest/html_dom.h"

#include <myhtml/api.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>

#include "ingest/html_meta.h"

namespace dyad::ingest::html {
namespace {

// ASCII helpers without the locale lookups of <cctype>.
inline char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
inline bool IsSpace(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}
inline bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool IEquals(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != lower[i]) return false;
  }
  return true;
}

bool IEqualsBoth(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

// What the prefilter needs to know about a tag name.
enum TagFlag : std::uint32_t {
  kVoidOrImplicit = 1u << 0,  // Never counted as open (void, or closed implicitly).
  kFormatting = 1u << 1,      // Reopened by the tree builder at each block.
  kRawText = 1u << 2,         // Content is text up to the matching end tag.
  kPreLike = 1u << 3,         // Whitespace is content.
  kDropBody = 1u << 4,        // Content is never read (svg, nav, select).
  kPlaintext = 1u << 5,
  kScript = 1u << 6,
  kStyle = 1u << 7,
  kMeta = 1u << 8,
  kLink = 1u << 9,
  kAnchor = 1u << 10,
  kScriptOrMeta = 1u << 11,  // Reads `type` (script) or `content` (meta).
  kHtml = 1u << 12,
  kBlock = 1u << 13,  // Starts or ends a text run in extraction (never inline).
  // A block tag whose start tag may not make an element, or does not end a
  // text run: <br> (a line break inside the run) and the tags the tree
  // builder may ignore or merge (html, head, body, form, table parts
  // outside a table).
  kNoFlush = 1u << 14,
  kHeadStart = 1u << 15,  // Start tag kept in (or put into) <head>.
  kHeadEnd = 1u << 16,    // End tag that does not leave <head>.
};

// Tags at which text runs break in extraction (html_extract.cc: block and
// skipped elements, <br>): whitespace next to them never reaches the
// extracted text, so the prefilter drops it, and block-aware InnerText
// puts a space there instead.
constexpr std::string_view kBlockNames[] = {
    "html", "head", "body", "title", "meta", "link", "script", "style", "noscript", "div", "p",
    "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
    "caption", "section", "article", "header", "footer", "aside", "main", "nav", "h1", "h2", "h3",
    "h4", "h5", "h6", "form", "fieldset", "figure", "figcaption", "blockquote", "address", "hr",
    "br", "select", "option", "button", "input", "textarea", "iframe", "svg", "template",
    "center", "details", "summary"};

// TagFlags of the names above, bucketed by length and first letter.
class TagTable {
 public:
  TagTable() {
    auto add = [&](std::string_view n, std::uint32_t f) {
      auto& bucket = buckets_[Key(n.size(), n[0])];
      for (auto& e : bucket) {
        if (e.name == n) {
          e.flags |= f;
          return;
        }
      }
      bucket.push_back({n, f});
    };
    for (std::string_view n :
         {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
          "track", "wbr", "param", "keygen", "frame", "basefont", "bgsound", "image", "p", "li",
          "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "rb",
          "rt", "rp", "rtc", "colgroup", "html", "head", "body"}) {
      add(n, kVoidOrImplicit);
    }
    for (std::string_view n : {"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small",
                               "strike", "strong", "tt", "u"}) {
      add(n, kFormatting);
    }
    for (std::string_view n : {"script", "style", "textarea", "title", "xmp", "iframe",
                               "noembed", "noframes", "plaintext"}) {
      add(n, kRawText);
    }
    add("pre", kPreLike);
    add("listing", kPreLike);
    add("svg", kDropBody);
    add("nav", kDropBody);
    add("select", kDropBody);
    add("plaintext", kPlaintext);
    add("script", kScript | kScriptOrMeta);
    add("style", kStyle);
    add("meta", kMeta | kScriptOrMeta);
    add("link", kLink);
    add("a", kAnchor);
    add("html", kHtml);
    for (std::string_view n : kBlockNames) {
      add(n, kBlock);
    }
    for (std::string_view n : {"br", "html", "head", "body", "form", "caption", "thead", "tbody",
                               "tfoot", "tr", "td", "th"}) {
      add(n, kNoFlush);
    }
    for (std::string_view n : {"html", "head", "meta", "link", "script", "style", "title", "base"}) {
      add(n, kHeadStart);
    }
    for (std::string_view n : {"head", "title", "script", "style"}) {
      add(n, kHeadEnd);
    }
  }

  std::uint32_t Find(std::string_view name) const {
    if (name.empty() || name.size() > kMaxLen) return 0;
    char buf[kMaxLen];
    for (size_t i = 0; i < name.size(); ++i) buf[i] = Lower(name[i]);
    if (buf[0] < 'a' || buf[0] > 'z') return 0;
    std::string_view lower(buf, name.size());
    for (const Entry& e : buckets_[Key(name.size(), buf[0])]) {
      if (e.name == lower) return e.flags;
    }
    return 0;
  }

 private:
  static constexpr size_t kMaxLen = 10;  // "blockquote", "figcaption"
  static size_t Key(size_t len, char first) { return (len - 1) * 26 + (first - 'a'); }
  struct Entry {
    std::string_view name;
    std::uint32_t flags;
  };
  std::array<std::vector<Entry>, kMaxLen * 26> buckets_;
};

std::uint32_t TagFlags(std::string_view name) {
  static const TagTable table;
  return table.Find(name);
}

// First "<" + w (w lowercase, starting with '<' or "</") at or after `from`,
// case-insensitively.
size_t FindCi(std::string_view s, size_t from, std::string_view w) {
  if (w.empty()) return from;
  for (size_t i = s.find('<', from); i != std::string_view::npos && i + w.size() <= s.size();
       i = s.find('<', i + 1)) {
    if (IEquals(s.substr(i, w.size()), w)) return i;
  }
  return std::string_view::npos;
}

// Whether attribute `name` (as written) of a tag with TagFlags `tag` is one
// that extraction or metadata reads (html_extract.cc, html_meta.cc).
bool KeptAttribute(std::uint32_t tag, std::string_view name, std::string_view value) {
  // Most attributes are dropped: reject on length before comparing names.
  if (name.size() < 2 || name.size() > 11) return false;
  char buf[12];
  for (size_t i = 0; i < name.size(); ++i) buf[i] = Lower(name[i]);
  std::string_view n(buf, name.size());
  switch (n[0]) {
    case 'a':
      return n == "aria-hidden";
    case 'c':
      return n == "class" || n == "content" || ((tag & kMeta) && n == "charset");
    case 'd':
      return n == "datetime";
    case 'h':
      return n == "hidden" || ((tag & kLink) && n == "href") ||
             ((tag & kMeta) && n == "http-equiv");
    case 'i':
      return n == "id" || n == "itemprop";
    case 'l':
      return (tag & kHtml) && n == "lang";
    case 'n':
      return (tag & kMeta) && n == "name";
    case 'p':
      return n == "pubdate" || ((tag & kMeta) && n == "property");
    case 'r':
      return n == "role" || ((tag & (kLink | kAnchor)) && n == "rel");
    case 't':
      return (tag & kScriptOrMeta) && n == "type";
    case 'x':
      return (tag & kHtml) && n == "xml:lang";
    case 's':
      if (n != "style") return false;
      // Only hiding styles matter to extraction.
      for (size_t i = 0; i + 4 <= value.size(); ++i) {
        if (IEquals(value.substr(i, 4), "none") ||
            (i + 6 <= value.size() && IEquals(value.substr(i, 6), "hidden"))) {
          return true;
        }
      }
      return false;
    default:
      return false;
  }
}

void AppendAttribute(std::string_view name, std::string_view value, bool has_value,
                     std::string* out) {
  out->push_back(' ');
  out->append(name);
  if (!has_value) return;
  out->append("=\"");
  size_t from = 0;
  for (size_t q = value.find('"'); q != std::string_view::npos; q = value.find('"', from)) {
    out->append(value.substr(from, q - from));
    out->append("&quot;");
    from = q + 1;
  }
  out->append(value.substr(from));
  out->push_back('"');
}

}  // namespace

bool PrefilterMarkup(std::string_view s, std::string* out, int max_depth, int max_formatting) {
  out->clear();
  out->reserve(s.size() / 2);
  // Open elements for the nesting caps.
  struct Open {
    std::string_view name;
    bool dropped;
    bool formatting;
  };
  std::vector<Open> stack;
  int depth = 0, formatting = 0;
  bool flattened = false;
  const size_t n = s.size();
  size_t i = 0;
  int pre_depth = 0;
  bool pending_blank = false;  // Whitespace-only text since the last tag.
  bool after_block = false;    // The last tag written breaks text runs.
  // Whether the last token written surely ends a text run in extraction
  // (a start tag without kNoFlush), so that a script or style element there is
  // invisible to it; and whether the tree builder is still in <head>.
  bool flushed = false;
  bool in_head = true;
  while (i < n) {
    size_t lt = s.find('<', i);
    if (lt == std::string_view::npos) {
      if (pending_blank) out->push_back('\n');
      out->append(s.substr(i));
      break;
    }
    // Indentation between tags: a whitespace-only stretch becomes one
    // newline (outside <pre>, where it is content), or nothing when a tag
    // on either side breaks text runs anyway; decided at the next tag.
    bool blank = pre_depth == 0 && lt > i;
    for (size_t k = i; blank && k < lt; ++k) blank = IsSpace(s[k]);
    if (blank) {
      pending_blank = true;
    } else if (lt > i) {
      if (pending_blank) out->push_back('\n');
      pending_blank = false;
      out->append(s.substr(i, lt - i));
      after_block = flushed = in_head = false;
    }
    i = lt;
    if (s.compare(lt, 4, "<!--") == 0) {
      size_t e = s.find("-->", lt + 4);
      if (e == std::string_view::npos) break;  // An unclosed comment runs to the end.
      i = e + 3;
      continue;
    }
    bool end_tag = lt + 1 < n && s[lt + 1] == '/';
    size_t name_begin = lt + (end_tag ? 2 : 1);
    if (name_begin >= n || !IsAlpha(s[name_begin])) {
      if (pending_blank) out->push_back('\n');
      pending_blank = after_block = false;
      size_t gt = std::string_view::npos;
      if (lt + 1 < n && (s[lt + 1] == '!' || s[lt + 1] == '?' || s[lt + 1] == '/')) {
        gt = s.find('>', lt + 2);
      }
      if (gt == std::string_view::npos) {
        // A '<' that is text.
        out->push_back('<');
        flushed = in_head = false;
        ++i;
        continue;
      }
      // A doctype or bogus comment (<!x>, <?x>, </ x>): no node
      // extraction sees. Copied through its '>', with the whitespace after
      // it when a tag follows (as the text it was taken for).
      size_t k = gt + 1;
      while (k < n && IsSpace(s[k])) ++k;
      if (k < n && s[k] != '<') k = gt + 1;
      out->append(s.substr(lt, k - lt));
      i = k;
      continue;
    }
    size_t j = name_begin;
    while (j < n && !IsSpace(s[j]) && s[j] != '>' && s[j] != '/') ++j;
    std::string_view name = s.substr(name_begin, j - name_begin);
    const std::uint32_t flags = TagFlags(name);
    if (pending_blank && !after_block && !(flags & kBlock)) out->push_back('\n');
    pending_blank = false;
    after_block = flags & kBlock;
    // The tag is written straight to *out; `tag_start` allows taking it back.
    const size_t tag_start = out->size();
    out->append(end_tag ? "</" : "<");
    out->append(name);
    bool self_closing = false;
    bool ld_json = false;
    bool canonical = false;
    // <meta>: the first property, name and itemprop values, and whether it
    // declares a charset or http-equiv (read by html_meta.cc).
    std::string_view meta_names[3];
    bool meta_names_seen[3] = {false, false, false};
    bool meta_other = false;
    // Attributes, as the HTML tokenizer reads them.
    while (j < n && s[j] != '>') {
      char c = s[j];
      if (IsSpace(c)) {
        ++j;
        continue;
      }
      if (c == '/') {
        self_closing = j + 1 < n && s[j + 1] == '>';
        ++j;
        continue;
      }
      size_t a = j;
      ++j;  // An attribute name may start with '='.
      while (j < n && !IsSpace(s[j]) && s[j] != '/' && s[j] != '>' && s[j] != '=') ++j;
      std::string_view attr = s.substr(a, j - a);
      size_t k = j;
      while (k < n && IsSpace(s[k])) ++k;
      std::string_view value;
      bool has_value = false;
      if (k < n && s[k] == '=') {
        has_value = true;
        ++k;
        while (k < n && IsSpace(s[k])) ++k;
        if (k < n && (s[k] == '"' || s[k] == '\'')) {
          char q = s[k];
          size_t e = s.find(q, k + 1);
          if (e == std::string_view::npos) e = n;
          value = s.substr(k + 1, e - k - 1);
          j = e < n ? e + 1 : n;
        } else {
          size_t e = k;
          while (e < n && !IsSpace(s[e]) && s[e] != '>') ++e;
          value = s.substr(k, e - k);
          j = e;
        }
      }
      if (!end_tag && KeptAttribute(flags, attr, value)) {
        AppendAttribute(attr, value, has_value, out);
        if (flags & kMeta) {
          int slot = IEquals(attr, "property") ? 0 : IEquals(attr, "name") ? 1
                     : IEquals(attr, "itemprop") ? 2 : -1;
          if (slot >= 0 && !meta_names_seen[slot]) {
            meta_names_seen[slot] = true;
            meta_names[slot] = value;
          }
          if (IEquals(attr, "charset") || IEquals(attr, "http-equiv")) meta_other = true;
        }
        if ((flags & kScript) && IEquals(attr, "type")) {
          for (size_t p = 0; p + 7 <= value.size(); ++p) {
            if (IEquals(value.substr(p, 7), "ld+json")) ld_json = true;
          }
        }
        if ((flags & kLink) && IEquals(attr, "rel")) {
          for (size_t p = 0; p + 9 <= value.size(); ++p) {
            if (IEquals(value.substr(p, 9), "canonical")) canonical = true;
          }
        }
      }
    }
    if (j >= n) {
      // A tag cut off by the end of the input: the tokenizer drops it too.
      out->resize(tag_start);
      break;
    }
    i = j + 1;
    if ((flags & kLink) && !end_tag && !canonical) {
      // Style sheets, icons, preloads: only the canonical link is read.
      out->resize(tag_start);
      continue;
    }
    if ((flags & kMeta) && !end_tag && in_head && !meta_other) {
      // A <meta> in <head> whose content html_meta.cc never reads
      // (viewport, og:image, ...): extraction never sees <head>.
      std::string_view meta_name;
      for (int k = 0; k < 3 && meta_name.empty(); ++k) meta_name = meta_names[k];
      char lower[40];
      bool read = meta_name.size() > sizeof lower || meta_name.find('&') != std::string_view::npos;
      if (!read && !meta_name.empty()) {
        for (size_t k = 0; k < meta_name.size(); ++k) lower[k] = Lower(meta_name[k]);
        read = MetaNameIsRead(std::string_view(lower, meta_name.size()));
      }
      if (!read) {
        out->resize(tag_start);
        continue;
      }
    }
    if (((flags & kScript) && !ld_json) || (flags & kStyle)) {
      if (!end_tag && (in_head || flushed)) {
        // A script or style element (its content is dropped anyway) in
        // <head> or where a text run ends anyway: the whole element goes,
        // end tag included, when that end tag is where the tokenizer
        // would see it.
        char close[16] = "</";
        size_t len = 2;
        for (char ch : name) close[len++] = Lower(ch);  // "script" or "style".
        size_t e = FindCi(s, j + 1, std::string_view(close, len));
        size_t after = e == std::string_view::npos ? n : e + len;
        if (after >= n) {
          out->resize(tag_start);
          break;  // Unclosed: the rest of the page is its content.
        }
        if (s[after] == '>' || s[after] == '/' || IsSpace(s[after])) {
          size_t gt = s.find('>', after);
          if (gt == std::string_view::npos) {
            out->resize(tag_start);
            break;
          }
          out->resize(tag_start);
          i = gt + 1;
          continue;
        }
      }
    }
    if (!(flags & (end_tag ? kHeadEnd : kHeadStart))) in_head = false;
    // A block or skipped element starts here: a run ends.
    flushed = !end_tag && (flags & kBlock) && !(flags & kNoFlush);
    if (self_closing) out->push_back('/');
    out->push_back('>');
    if (flags & kPreLike) pre_depth = std::max(0, pre_depth + (end_tag ? -1 : 1));

    // Nesting caps (see LimitNesting in the header comment): a start tag
    // beyond a cap is dropped with its matching end tag. Raw-text elements
    // are skipped below and never open; void and implicitly closed ones do
    // not count.
    if (end_tag) {
      if (flags & kVoidOrImplicit) continue;
      // Match against the few innermost open elements; a stray end tag is
      // left for the parser to ignore.
      size_t limit = stack.size() > 16 ? stack.size() - 16 : 0;
      for (size_t k = stack.size(); k > limit; --k) {
        if (IEqualsBoth(stack[k - 1].name, name)) {
          bool dropped = stack[k - 1].dropped;
          // The tree builder closes this element here: a run ends.
          flushed = !dropped && (flags & kBlock) && !(flags & kNoFlush);
          while (stack.size() >= k) {
            if (!stack.back().dropped) {
              --depth;
              if (stack.back().formatting) --formatting;
            }
            stack.pop_back();
          }
          if (dropped) {
            out->resize(tag_start);
            out->push_back(' ');
          }
          break;
        }
      }
      continue;
    }
    if (!(flags & (kRawText | kVoidOrImplicit)) && !self_closing) {
      bool fmt = flags & kFormatting;
      bool drop = depth >= max_depth || (fmt && formatting >= max_formatting);
      if (drop) {
        out->resize(tag_start);
        out->push_back(' ');
        flattened = true;
        flushed = false;
      } else {
        ++depth;
        if (fmt) ++formatting;
      }
      stack.push_back({name, drop, fmt});
    }

    if (flags & kRawText) {
      char close[16] = "</";
      size_t len = 2;
      for (char ch : name) close[len++] = Lower(ch);  // Names with flags are short.
      size_t e = FindCi(s, i, std::string_view(close, len));
      if (e == std::string_view::npos) e = n;
      bool keep = !((flags & kScript) && !ld_json) && !(flags & kStyle);
      if (flags & kPlaintext) {
        out->append(s.substr(i));
        break;
      }
      if (keep) out->append(s.substr(i, e - i));
      i = e;
    } else if ((flags & kDropBody) && !self_closing) {
      // Graphics, navigation and option lists are never text: skip to the
      // matching end tag when no element of the same name opens before it
      // and no JSON-LD block (read for metadata) sits inside.
      char open[16] = "<";
      size_t len = 1;
      for (char ch : name) open[len++] = Lower(ch);
      std::string_view open_w(open, len);
      std::string close = "</" + std::string(open_w.substr(1));
      size_t e = FindCi(s, i, close);
      // Only an opening before the end tag matters: search up to it, not
      // to the end of the page.
      std::string_view before = s.substr(0, e == std::string_view::npos ? 0 : e);
      size_t inner = FindCi(before, i, open_w);
      // "<nav" also begins "<navbar": only a whole name counts as inner.
      while (inner != std::string_view::npos && inner < e && inner + len < n &&
             (IsAlpha(s[inner + len]) || s[inner + len] == '-')) {
        inner = FindCi(before, inner + 1, open_w);
      }
      if (e != std::string_view::npos && (inner == std::string_view::npos || inner > e) &&
          s.substr(i, e - i).find("ld+json") == std::string_view::npos) {
        i = e;
      }
    }
  }
  return flattened;
}

namespace {

// Tags myhtml knows only as SVG or MathML elements (and a few obsolete
// ones). In the HTML namespace they are unknown elements, read as inline
// like any other unknown tag.
bool ForeignOnly(myhtml_tag_id_t t) {
  switch (t) {
    case MyHTML_TAG_ALTGLYPH: case MyHTML_TAG_ALTGLYPHDEF: case MyHTML_TAG_ALTGLYPHITEM:
    case MyHTML_TAG_ANIMATE: case MyHTML_TAG_ANIMATECOLOR: case MyHTML_TAG_ANIMATEMOTION:
    case MyHTML_TAG_ANIMATETRANSFORM: case MyHTML_TAG_CIRCLE: case MyHTML_TAG_CLIPPATH:
    case MyHTML_TAG_COLOR_PROFILE: case MyHTML_TAG_COMMAND: case MyHTML_TAG_CURSOR:
    case MyHTML_TAG_DEFS: case MyHTML_TAG_ELLIPSE: case MyHTML_TAG_FEBLEND:
    case MyHTML_TAG_FECOLORMATRIX: case MyHTML_TAG_FECOMPONENTTRANSFER:
    case MyHTML_TAG_FECOMPOSITE: case MyHTML_TAG_FECONVOLVEMATRIX:
    case MyHTML_TAG_FEDIFFUSELIGHTING: case MyHTML_TAG_FEDISPLACEMENTMAP:
    case MyHTML_TAG_FEDISTANTLIGHT: case MyHTML_TAG_FEDROPSHADOW: case MyHTML_TAG_FEFLOOD:
    case MyHTML_TAG_FEFUNCA: case MyHTML_TAG_FEFUNCB: case MyHTML_TAG_FEFUNCG:
    case MyHTML_TAG_FEFUNCR: case MyHTML_TAG_FEGAUSSIANBLUR: case MyHTML_TAG_FEIMAGE:
    case MyHTML_TAG_FEMERGE: case MyHTML_TAG_FEMERGENODE: case MyHTML_TAG_FEMORPHOLOGY:
    case MyHTML_TAG_FEOFFSET: case MyHTML_TAG_FEPOINTLIGHT: case MyHTML_TAG_FESPECULARLIGHTING:
    case MyHTML_TAG_FESPOTLIGHT: case MyHTML_TAG_FETILE: case MyHTML_TAG_FETURBULENCE:
    case MyHTML_TAG_FILTER: case MyHTML_TAG_FONT_FACE: case MyHTML_TAG_FONT_FACE_FORMAT:
    case MyHTML_TAG_FONT_FACE_NAME: case MyHTML_TAG_FONT_FACE_SRC: case MyHTML_TAG_FONT_FACE_URI:
    case MyHTML_TAG_G: case MyHTML_TAG_GLYPH: case MyHTML_TAG_GLYPHREF: case MyHTML_TAG_HKERN:
    case MyHTML_TAG_LINE: case MyHTML_TAG_LINEARGRADIENT: case MyHTML_TAG_MACTION:
    case MyHTML_TAG_MALIGNGROUP: case MyHTML_TAG_MARKER: case MyHTML_TAG_MASK:
    case MyHTML_TAG_MENCLOSE: case MyHTML_TAG_MERROR: case MyHTML_TAG_METADATA:
    case MyHTML_TAG_MFENCED: case MyHTML_TAG_MFRAC: case MyHTML_TAG_MISSING_GLYPH:
    case MyHTML_TAG_MLABELEDTR: case MyHTML_TAG_MLONGDIV: case MyHTML_TAG_MMULTISCRIPTS:
    case MyHTML_TAG_MOVER: case MyHTML_TAG_MPADDED: case MyHTML_TAG_MPATH:
    case MyHTML_TAG_MPHANTOM: case MyHTML_TAG_MROOT: case MyHTML_TAG_MROW:
    case MyHTML_TAG_MSCARRIES: case MyHTML_TAG_MSCARRY: case MyHTML_TAG_MSGROUP:
    case MyHTML_TAG_MSLINE: case MyHTML_TAG_MSPACE: case MyHTML_TAG_MSQRT: case MyHTML_TAG_MSROW:
    case MyHTML_TAG_MSTACK: case MyHTML_TAG_MSTYLE: case MyHTML_TAG_MSUB:
    case MyHTML_TAG_MSUBSUP: case MyHTML_TAG_MSUP: case MyHTML_TAG_PATH: case MyHTML_TAG_PATTERN:
    case MyHTML_TAG_POLYGON: case MyHTML_TAG_POLYLINE: case MyHTML_TAG_RADIALGRADIENT:
    case MyHTML_TAG_RECT: case MyHTML_TAG_SET: case MyHTML_TAG_STOP: case MyHTML_TAG_SWITCH:
    case MyHTML_TAG_SYMBOL: case MyHTML_TAG_TEXT: case MyHTML_TAG_TEXTPATH: case MyHTML_TAG_TREF:
    case MyHTML_TAG_TSPAN: case MyHTML_TAG_USE: case MyHTML_TAG_VIEW: case MyHTML_TAG_VKERN:
      return true;
    default:
      return t >= MyHTML_TAG_LAST_ENTRY;  // A tag myhtml added for this page.
  }
}

// One myhtml instance and tree per thread, reused from page to page (a
// tree keeps its memory pools between parses). After a large page the
// tree is dropped so that its pools do not stay at the large size.
class Parser {
 public:
  Parser() {
    myhtml_ = myhtml_create();
    if (myhtml_ != nullptr &&
        myhtml_init(myhtml_, MyHTML_OPTIONS_PARSE_MODE_SINGLE, 1, 0) != MyHTML_STATUS_OK) {
      myhtml_destroy(myhtml_);
      myhtml_ = nullptr;
    }
  }
  ~Parser() {
    DropTree();
    if (myhtml_ != nullptr) myhtml_destroy(myhtml_);
  }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  // Parses UTF-8 markup; nullptr when myhtml cannot (out of memory).
  myhtml_tree_t* Parse(std::string_view html) {
    if (myhtml_ == nullptr) return nullptr;
    if (tree_ == nullptr) {
      tree_ = myhtml_tree_create();
      if (tree_ == nullptr) return nullptr;
      if (myhtml_tree_init(tree_, myhtml_) != MyHTML_STATUS_OK) {
        myhtml_tree_destroy(tree_);
        tree_ = nullptr;
        return nullptr;
      }
    }
    myhtml_tree_parse_flags_set(tree_, MyHTML_TREE_PARSE_FLAGS_WITHOUT_DOCTYPE_IN_TREE);
    // An empty input still gets the implied <html><head><body>.
    static const char kSpace[] = " ";
    const char* data = html.empty() ? kSpace : html.data();
    size_t size = html.empty() ? 1 : html.size();
    if (myhtml_parse(tree_, MyENCODING_UTF_8, data, size) != MyHTML_STATUS_OK) {
      DropTree();
      return nullptr;
    }
    large_ = html.size() > kKeepTreeBytes;
    return tree_;
  }
  // Called when the caller is done with the tree returned by Parse.
  void Done() {
    if (large_) DropTree();
  }

 private:
  static constexpr size_t kKeepTreeBytes = 2u << 20;
  void DropTree() {
    if (tree_ != nullptr) myhtml_tree_destroy(tree_);
    tree_ = nullptr;
  }
  myhtml_t* myhtml_ = nullptr;
  myhtml_tree_t* tree_ = nullptr;
  bool large_ = false;
};

}  // namespace

StatusOr<HtmlDom> HtmlDom::Parse(std::string_view utf8_html) {
  HtmlDom dom;
  // Reused from page to page (no fresh pages to fault in each time); a
  // buffer grown by a large page is released after it.
  thread_local std::string filtered;
  struct Release {
    ~Release() {
      if (filtered.capacity() > (4u << 20)) std::string().swap(filtered);
    }
  } release;
  dom.flattened_ = PrefilterMarkup(utf8_html, &filtered, kMaxNesting, kMaxOpenFormatting);
  // MyHTML writes a broken replacement for a NUL byte (invalid UTF-8 in its
  // text); the tokenizer would make most NULs U+FFFD, so that is done here.
  if (filtered.find('\0') != std::string::npos) {
    std::string fixed;
    fixed.reserve(filtered.size() + 16);
    for (char c : filtered) {
      if (c == '\0') {
        fixed.append("\xEF\xBF\xBD");
      } else {
        fixed.push_back(c);
      }
    }
    filtered = std::move(fixed);
  }
  utf8_html = filtered;
  thread_local Parser parser;
  myhtml_tree_t* tree = parser.Parse(utf8_html);
  if (tree == nullptr) return InternalError("myhtml could not parse the page (out of memory)");
  struct DoneGuard {
    Parser* p;
    ~DoneGuard() { p->Done(); }
  } done{&parser};
  myhtml_tree_node_t* root = myhtml_tree_get_node_html(tree);
  if (root == nullptr) return InternalError("myhtml returned no <html> element");
  // Rough reservation: one node per 40 bytes of markup.
  dom.nodes_.reserve(utf8_html.size() / 40 + 16);
  dom.arena_.reserve(utf8_html.size() / 2 + 64);

  auto push_attr = [&](std::string_view name, std::string_view value) {
    Attr a;
    a.name_begin = static_cast<std::uint32_t>(dom.arena_.size());
    dom.arena_.append(name);
    for (size_t k = a.name_begin; k < dom.arena_.size(); ++k) dom.arena_[k] = Lower(dom.arena_[k]);
    a.name_len = static_cast<std::uint32_t>(name.size());
    a.value_begin = static_cast<std::uint32_t>(dom.arena_.size());
    dom.arena_.append(value);
    a.value_len = static_cast<std::uint32_t>(value.size());
    dom.attrs_.push_back(a);
  };
  // Appends node g (an element or text; false for anything else).
  auto add = [&](myhtml_tree_node_t* g, std::uint32_t parent, std::uint16_t depth) -> bool {
    myhtml_tag_id_t id = myhtml_node_tag_id(g);
    Node n;
    n.parent = parent;
    n.depth = depth;
    std::uint32_t index = static_cast<std::uint32_t>(dom.nodes_.size());
    if (id == MyHTML_TAG__TEXT) {
      size_t len = 0;
      const char* t = myhtml_node_text(g, &len);
      n.tag = kTextTag;
      n.text_begin = static_cast<std::uint32_t>(dom.arena_.size());
      if (t != nullptr) dom.arena_.append(t, len);
      n.text_len = static_cast<std::uint32_t>(dom.arena_.size()) - n.text_begin;
      n.subtree_end = index + 1;
    } else if (id != MyHTML_TAG__UNDEF && id != MyHTML_TAG__COMMENT &&
               id != MyHTML_TAG__DOCTYPE && id != MyHTML_TAG__END_OF_FILE) {
      n.attr_begin = static_cast<std::uint32_t>(dom.attrs_.size());
      if (ForeignOnly(id)) {
        n.tag = kUnknownTag;
        size_t len = 0;
        const char* name = myhtml_tag_name_by_id(tree, id, &len);
        push_attr(":tag", name ? std::string_view(name, len) : std::string_view());
      } else {
        n.tag = static_cast<std::uint16_t>(id);
      }
      for (myhtml_tree_attr_t* a = myhtml_node_attribute_first(g); a != nullptr;
           a = myhtml_attribute_next(a)) {
        size_t klen = 0, vlen = 0;
        const char* k = myhtml_attribute_key(a, &klen);
        const char* v = myhtml_attribute_value(a, &vlen);
        push_attr(k ? std::string_view(k, klen) : std::string_view(),
                  v ? std::string_view(v, vlen) : std::string_view());
      }
      n.attr_count = static_cast<std::uint32_t>(dom.attrs_.size()) - n.attr_begin;
    } else {
      return false;  // Comments, doctype: not copied.
    }
    dom.nodes_.push_back(n);
    return true;
  };

  if (!add(root, kNone, 0)) return InternalError("myhtml root is not an element");
  struct Frame {
    myhtml_tree_node_t* next;  // Next child to visit.
    std::uint32_t index;
    std::uint32_t last_child;
  };
  std::vector<Frame> stack;
  stack.push_back({myhtml_node_child(root), 0, kNone});
  while (!stack.empty()) {
    Frame& f = stack.back();
    if (f.next == nullptr) {
      dom.nodes_[f.index].subtree_end = static_cast<std::uint32_t>(dom.nodes_.size());
      stack.pop_back();
      continue;
    }
    myhtml_tree_node_t* child = f.next;
    f.next = myhtml_node_next(child);
    std::uint32_t parent = f.index;
    std::uint16_t depth = static_cast<std::uint16_t>(std::min<size_t>(stack.size(), 65535));
    std::uint32_t index = static_cast<std::uint32_t>(dom.nodes_.size());
    if (!add(child, parent, depth)) continue;
    if (f.last_child == kNone) {
      dom.nodes_[parent].first_child = index;
    } else {
      dom.nodes_[f.last_child].next_sibling = index;
    }
    f.last_child = index;
    const Node& added = dom.nodes_[index];
    if (!added.is_text()) {
      if (added.tag == MyHTML_TAG_HEAD && dom.head_ == kNone) dom.head_ = index;
      if (added.tag == MyHTML_TAG_BODY && dom.body_ == kNone) dom.body_ = index;
      stack.push_back({myhtml_node_child(child), index, kNone});  // May reallocate: f is stale.
    }
  }
  dom.html_ = 0;
  return dom;
}

namespace {

// Names of myhtml's static tags, read once from a throwaway tree.
const std::vector<std::string>& StaticTagNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v(MyHTML_TAG_LAST_ENTRY);
    Parser p;
    if (myhtml_tree_t* tree = p.Parse("")) {
      for (size_t id = 0; id < v.size(); ++id) {
        size_t len = 0;
        const char* name = myhtml_tag_name_by_id(tree, id, &len);
        if (name != nullptr) v[id].assign(name, len);
      }
    }
    return v;
  }();
  return names;
}

// Whether tag id t is one of kBlockNames.
bool BreaksText(std::uint16_t t) {
  static const std::vector<bool> breaks = [] {
    const std::vector<std::string>& names = StaticTagNames();
    std::vector<bool> v(names.size());
    for (size_t id = 0; id < names.size(); ++id) {
      for (std::string_view b : kBlockNames) v[id] = v[id] || names[id] == b;
    }
    return v;
  }();
  return t < breaks.size() && breaks[t];
}

}  // namespace

std::string_view HtmlDom::TagName(std::uint32_t i) const {
  const Node& n = nodes_[i];
  if (n.is_text()) return {};
  if (n.tag == kUnknownTag) return Attribute(i, ":tag");
  const std::vector<std::string>& names = StaticTagNames();
  return n.tag < names.size() ? std::string_view(names[n.tag]) : std::string_view();
}

std::string_view HtmlDom::Attribute(std::uint32_t i, std::string_view name, bool* found) const {
  const Node& n = nodes_[i];
  if (!n.is_text()) {
    for (std::uint32_t k = n.attr_begin; k < n.attr_begin + n.attr_count; ++k) {
      if (AttrName(attrs_[k]) == name) {
        if (found) *found = true;
        return AttrValue(attrs_[k]);
      }
    }
  }
  if (found) *found = false;
  return {};
}

std::string HtmlDom::InnerText(std::uint32_t i, bool space_at_blocks) const {
  std::string out;
  std::vector<std::uint32_t> block_ends;  // Open block elements' subtree ends.
  auto space = [&] {
    if (!out.empty() && out.back() != ' ') out.push_back(' ');
  };
  for (std::uint32_t k = i; k < nodes_[i].subtree_end; ++k) {
    while (!block_ends.empty() && block_ends.back() <= k) {
      block_ends.pop_back();
      space();
    }
    const Node& n = nodes_[k];
    if (n.is_text()) {
      out.append(Text(k));
    } else if (space_at_blocks && k != i && BreaksText(n.tag)) {
      space();
      block_ends.push_back(n.subtree_end);
    }
  }
  return out;
}

}  // namespace dyad::ingest::html
