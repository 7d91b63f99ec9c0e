#include "ingest/html_dom.h"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>

namespace dyad::ingest::html {
namespace {

// A bump allocator for gumbo: frees are no-ops and the whole tree goes at
// once. Gumbo grows vectors and buffers by doubling, so the waste from
// abandoned buffers is bounded by about the live size.
class Arena {
 public:
  ~Arena() {
    for (char* b : blocks_) std::free(b);
  }
  static void* Alloc(void* self, size_t n) { return static_cast<Arena*>(self)->Get(n); }
  static void Free(void*, void*) {}

 private:
  void* Get(size_t n) {
    n = (n + 15) & ~static_cast<size_t>(15);
    if (n > left_) {
      size_t size = std::max<size_t>(n, kBlock);
      char* b = static_cast<char*>(std::malloc(size));
      if (b == nullptr) return nullptr;
      blocks_.push_back(b);
      if (size > kBlock) return b;  // A large allocation gets its own block.
      cur_ = b;
      left_ = size;
    }
    void* p = cur_;
    cur_ += n;
    left_ -= n;
    return p;
  }
  static constexpr size_t kBlock = 1 << 20;
  std::vector<char*> blocks_;
  char* cur_ = nullptr;
  size_t left_ = 0;
};

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  }
  return true;
}

bool IEqualsBoth(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

bool IsOneOf(std::string_view name, std::initializer_list<std::string_view> set) {
  for (std::string_view s : set) {
    if (IEquals(name, s)) return true;
  }
  return false;
}

bool IsVoidOrImplicit(std::string_view n) {
  return IsOneOf(n, {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                     "source", "track", "wbr", "param", "keygen", "frame", "basefont", "bgsound",
                     "image", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th",
                     "tbody", "thead", "tfoot", "rb", "rt", "rp", "rtc", "colgroup", "html",
                     "head", "body"});
}

bool IsFormatting(std::string_view n) {
  return IsOneOf(n, {"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike",
                     "strong", "tt", "u"});
}

bool IsRawText(std::string_view n) {
  return IsOneOf(n, {"script", "style", "textarea", "title", "xmp", "iframe", "noembed",
                     "noframes", "plaintext"});
}

size_t FindCi(std::string_view s, size_t from, std::string_view w) {
  if (w.empty()) return from;
  for (size_t i = s.find('<', from); i != std::string_view::npos && i + w.size() <= s.size();
       i = s.find('<', i + 1)) {
    if (IEquals(s.substr(i, w.size()), w)) return i;
  }
  return std::string_view::npos;
}

}  // namespace

bool LimitNesting(std::string_view s, int max_depth, int max_formatting, std::string* out) {
  struct Open {
    std::string_view name;
    bool dropped;
    bool formatting;
  };
  std::vector<Open> stack;
  std::vector<std::pair<size_t, size_t>> cuts;  // Byte ranges to delete.
  int depth = 0, formatting = 0;
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    size_t lt = s.find('<', i);
    if (lt == std::string_view::npos || lt + 1 >= n) break;
    i = lt + 1;
    if (s.compare(lt, 4, "<!--") == 0) {
      size_t e = s.find("-->", lt + 4);
      i = e == std::string_view::npos ? n : e + 3;
      continue;
    }
    char c = s[lt + 1];
    bool end_tag = c == '/';
    size_t name_begin = lt + (end_tag ? 2 : 1);
    if (name_begin >= n || !std::isalpha(static_cast<unsigned char>(s[name_begin]))) {
      if (c == '!' || c == '?') {
        size_t e = s.find('>', lt);
        i = e == std::string_view::npos ? n : e + 1;
      }
      continue;
    }
    size_t name_end = name_begin;
    while (name_end < n && !std::isspace(static_cast<unsigned char>(s[name_end])) &&
           s[name_end] != '>' && s[name_end] != '/') {
      ++name_end;
    }
    std::string_view name = s.substr(name_begin, name_end - name_begin);
    // Find the tag's end, honouring quoted attribute values.
    size_t j = name_end;
    char quote = 0;
    while (j < n) {
      char d = s[j];
      if (quote) {
        if (d == quote) quote = 0;
      } else if (d == '"' || d == '\'') {
        quote = d;
      } else if (d == '>') {
        break;
      }
      ++j;
    }
    size_t tag_end = j < n ? j + 1 : n;
    bool self_closing = j > name_end && s[j - 1] == '/';
    i = tag_end;
    if (end_tag) {
      if (IsVoidOrImplicit(name)) continue;
      // Match against the few innermost open elements; a stray end tag is
      // left for gumbo to ignore.
      size_t limit = stack.size() > 16 ? stack.size() - 16 : 0;
      for (size_t k = stack.size(); k > limit; --k) {
        if (IEqualsBoth(stack[k - 1].name, name)) {
          bool dropped = stack[k - 1].dropped;
          while (stack.size() >= k) {
            if (!stack.back().dropped) {
              --depth;
              if (stack.back().formatting) --formatting;
            }
            stack.pop_back();
          }
          if (dropped) cuts.emplace_back(lt, tag_end);
          break;
        }
      }
      continue;
    }
    if (IsRawText(name)) {
      std::string close = "</" + std::string(name);
      size_t e = FindCi(s, tag_end, close);
      i = e == std::string_view::npos ? n : e;
      if (e != std::string_view::npos) {
        size_t gt = s.find('>', e);
        i = gt == std::string_view::npos ? n : gt + 1;
      }
      continue;
    }
    if (self_closing || IsVoidOrImplicit(name)) continue;
    bool fmt = IsFormatting(name);
    bool drop = depth >= max_depth || (fmt && formatting >= max_formatting);
    if (drop) {
      cuts.emplace_back(lt, tag_end);
    } else {
      ++depth;
      if (fmt) ++formatting;
    }
    stack.push_back({name, drop, fmt});
  }
  if (cuts.empty()) return false;
  out->clear();
  out->reserve(s.size());
  size_t pos = 0;
  for (auto [b, e] : cuts) {
    out->append(s.substr(pos, b - pos));
    out->push_back(' ');
    pos = e;
  }
  out->append(s.substr(pos));
  return true;
}

namespace {

bool KeptAttribute(std::string_view tag, std::string_view name, std::string_view value) {
  // Most attributes are dropped: reject on length and first letter before
  // comparing names.
  if (name.size() < 2 || name.size() > 11) return false;
  switch (std::tolower(static_cast<unsigned char>(name[0]))) {
    case 'c': case 'i': case 'r': case 'h': case 'a': case 'n': case 'p': case 'd':
    case 'l': case 'x': case 't': case 's':
      break;
    default:
      return false;
  }
  if (IsOneOf(name, {"class", "id", "role", "itemprop", "hidden", "aria-hidden", "rel",
                     "content", "name", "property", "http-equiv", "charset", "datetime",
                     "pubdate", "lang", "xml:lang", "type"})) {
    return true;
  }
  if (IEqualsBoth(name, "href")) return IEqualsBoth(tag, "link") || IEqualsBoth(tag, "a");
  if (IEqualsBoth(name, "style")) {
    // Only hiding styles matter to extraction.
    for (size_t i = 0; i + 4 <= value.size(); ++i) {
      if (IEquals(value.substr(i, 4), "none") ||
          (i + 6 <= value.size() && IEquals(value.substr(i, 6), "hidden"))) {
        return true;
      }
    }
  }
  return false;
}

void AppendAttribute(std::string_view name, std::string_view value, bool has_value,
                     std::string* out) {
  out->push_back(' ');
  out->append(name);
  if (!has_value) return;
  out->append("=\"");
  for (char c : value) {
    if (c == '"') {
      out->append("&quot;");
    } else {
      out->push_back(c);
    }
  }
  out->push_back('"');
}

}  // namespace

void PrefilterMarkup(std::string_view s, std::string* out) {
  out->clear();
  out->reserve(s.size() / 2);
  const size_t n = s.size();
  size_t i = 0;
  int pre_depth = 0;
  while (i < n) {
    size_t lt = s.find('<', i);
    if (lt == std::string_view::npos) {
      out->append(s.substr(i));
      break;
    }
    // Indentation between tags: a whitespace-only stretch becomes one
    // newline (outside <pre>, where it is content).
    bool blank = pre_depth == 0 && lt > i;
    for (size_t k = i; blank && k < lt; ++k) {
      char c = s[k];
      blank = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    }
    if (blank) {
      out->push_back('\n');
    } else {
      out->append(s.substr(i, lt - i));
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
    if (name_begin >= n || !std::isalpha(static_cast<unsigned char>(s[name_begin]))) {
      out->push_back('<');
      ++i;
      continue;
    }
    size_t j = name_begin;
    while (j < n && !std::isspace(static_cast<unsigned char>(s[j])) && s[j] != '>' &&
           s[j] != '/') {
      ++j;
    }
    std::string_view name = s.substr(name_begin, j - name_begin);
    // Attributes, as the HTML tokenizer reads them.
    std::string tag = end_tag ? "</" : "<";
    tag.append(name);
    bool self_closing = false;
    bool ld_json = false;
    while (j < n && s[j] != '>') {
      unsigned char c = static_cast<unsigned char>(s[j]);
      if (std::isspace(c)) {
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
      while (j < n && !std::isspace(static_cast<unsigned char>(s[j])) && s[j] != '/' &&
             s[j] != '>' && s[j] != '=') {
        ++j;
      }
      std::string_view attr = s.substr(a, j - a);
      size_t k = j;
      while (k < n && std::isspace(static_cast<unsigned char>(s[k]))) ++k;
      std::string_view value;
      bool has_value = false;
      if (k < n && s[k] == '=') {
        has_value = true;
        ++k;
        while (k < n && std::isspace(static_cast<unsigned char>(s[k]))) ++k;
        if (k < n && (s[k] == '"' || s[k] == '\'')) {
          char q = s[k];
          size_t e = s.find(q, k + 1);
          if (e == std::string_view::npos) e = n;
          value = s.substr(k + 1, e - k - 1);
          j = e < n ? e + 1 : n;
        } else {
          size_t e = k;
          while (e < n && !std::isspace(static_cast<unsigned char>(s[e])) && s[e] != '>') ++e;
          value = s.substr(k, e - k);
          j = e;
        }
      }
      if (!end_tag && KeptAttribute(name, attr, value)) {
        AppendAttribute(attr, value, has_value, &tag);
        if (IEqualsBoth(attr, "type")) {
          for (size_t p = 0; p + 7 <= value.size(); ++p) {
            if (IEquals(value.substr(p, 7), "ld+json")) ld_json = true;
          }
        }
      }
    }
    if (j >= n) {
      // A tag cut off by the end of the input: gumbo drops it too.
      break;
    }
    i = j + 1;
    if (self_closing) tag.push_back('/');
    tag.push_back('>');
    out->append(tag);
    if (IEqualsBoth(name, "pre") || IEqualsBoth(name, "listing")) {
      pre_depth = std::max(0, pre_depth + (end_tag ? -1 : 1));
    }
    if (end_tag) continue;
    if (IsRawText(name)) {
      std::string close = "</" + std::string(name);
      size_t e = FindCi(s, i, close);
      if (e == std::string_view::npos) e = n;
      bool keep = !(IEqualsBoth(name, "script") && !ld_json) && !IEqualsBoth(name, "style");
      if (keep) out->append(s.substr(i, e - i));
      i = e;
    } else if (IEqualsBoth(name, "plaintext")) {
      out->append(s.substr(i));
      break;
    } else if (IEqualsBoth(name, "svg") && !self_closing) {
      // Vector graphics are never text; skip to the matching end tag if
      // there is one.
      size_t e = FindCi(s, i, "</svg");
      size_t inner = FindCi(s, i, "<svg");
      if (e != std::string_view::npos && (inner == std::string_view::npos || inner > e)) {
        i = e;
      }
    }
  }
}

StatusOr<HtmlDom> HtmlDom::Parse(std::string_view utf8_html) {
  HtmlDom dom;
  std::string filtered;
  PrefilterMarkup(utf8_html, &filtered);
  utf8_html = filtered;
  std::string flat;
  if (LimitNesting(utf8_html, kMaxNesting, kMaxOpenFormatting, &flat)) {
    dom.flattened_ = true;
    utf8_html = flat;
  }
  Arena arena;
  GumboOptions options = kGumboDefaultOptions;
  options.allocator = &Arena::Alloc;
  options.deallocator = &Arena::Free;
  options.userdata = &arena;
  options.max_errors = 0;
  GumboOutput* output =
      gumbo_parse_with_options(&options, utf8_html.data(), utf8_html.size());
  if (output == nullptr || output->root == nullptr) {
    return InternalError("gumbo returned no parse tree");
  }
  // Rough reservation: one node per 40 bytes of markup.
  dom.nodes_.reserve(utf8_html.size() / 40 + 16);
  dom.arena_.reserve(utf8_html.size() / 2 + 64);

  struct Frame {
    const GumboNode* node;
    std::uint32_t index;
    unsigned next_child;
  };
  std::vector<Frame> stack;
  auto add = [&](const GumboNode* g, std::uint32_t parent, std::uint16_t depth) -> bool {
    Node n;
    n.parent = parent;
    n.depth = depth;
    std::uint32_t index = static_cast<std::uint32_t>(dom.nodes_.size());
    if (g->type == GUMBO_NODE_TEXT || g->type == GUMBO_NODE_WHITESPACE ||
        g->type == GUMBO_NODE_CDATA) {
      n.tag = kTextTag;
      n.text_begin = static_cast<std::uint32_t>(dom.arena_.size());
      const char* t = g->v.text.text;
      size_t len = t ? std::strlen(t) : 0;
      dom.arena_.append(t ? t : "", len);
      n.text_len = static_cast<std::uint32_t>(len);
      n.subtree_end = index + 1;
    } else if (g->type == GUMBO_NODE_ELEMENT || g->type == GUMBO_NODE_TEMPLATE) {
      const GumboElement& e = g->v.element;
      n.tag = static_cast<std::uint16_t>(e.tag);
      n.attr_begin = static_cast<std::uint32_t>(dom.attrs_.size());
      auto push_attr = [&](std::string_view name, std::string_view value) {
        Attr a;
        a.name_begin = static_cast<std::uint32_t>(dom.arena_.size());
        for (char ch : name) dom.arena_.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
        a.name_len = static_cast<std::uint32_t>(name.size());
        a.value_begin = static_cast<std::uint32_t>(dom.arena_.size());
        dom.arena_.append(value);
        a.value_len = static_cast<std::uint32_t>(value.size());
        dom.attrs_.push_back(a);
      };
      if (e.tag == GUMBO_TAG_UNKNOWN) {
        GumboStringPiece piece = e.original_tag;
        gumbo_tag_from_original_text(&piece);
        std::string lower(piece.data ? std::string_view(piece.data, piece.length) : "");
        for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        push_attr(":tag", lower);
      }
      for (unsigned k = 0; k < e.attributes.length; ++k) {
        const auto* a = static_cast<const GumboAttribute*>(e.attributes.data[k]);
        push_attr(a->name ? a->name : "", a->value ? a->value : "");
      }
      n.attr_count = static_cast<std::uint32_t>(dom.attrs_.size()) - n.attr_begin;
    } else {
      return false;  // Comments and the document node are not copied.
    }
    dom.nodes_.push_back(n);
    return true;
  };

  const GumboNode* root = output->root;
  if (!add(root, kNone, 0)) return InternalError("gumbo root is not an element");
  stack.push_back({root, 0, 0});
  std::vector<std::uint32_t> last_child;  // Parallel to stack.
  last_child.push_back(kNone);
  while (!stack.empty()) {
    Frame& f = stack.back();
    const GumboVector* children =
        (f.node->type == GUMBO_NODE_ELEMENT || f.node->type == GUMBO_NODE_TEMPLATE)
            ? &f.node->v.element.children
            : nullptr;
    if (children == nullptr || f.next_child >= children->length) {
      dom.nodes_[f.index].subtree_end = static_cast<std::uint32_t>(dom.nodes_.size());
      stack.pop_back();
      last_child.pop_back();
      continue;
    }
    const auto* child = static_cast<const GumboNode*>(children->data[f.next_child++]);
    std::uint32_t parent = f.index;
    std::uint16_t depth = static_cast<std::uint16_t>(std::min<size_t>(stack.size(), 65535));
    std::uint32_t index = static_cast<std::uint32_t>(dom.nodes_.size());
    if (!add(child, parent, depth)) continue;
    if (last_child.back() == kNone) {
      dom.nodes_[parent].first_child = index;
    } else {
      dom.nodes_[last_child.back()].next_sibling = index;
    }
    last_child.back() = index;
    if (!dom.nodes_[index].is_text()) {
      if (child->v.element.tag == GUMBO_TAG_HEAD && dom.head_ == kNone) dom.head_ = index;
      if (child->v.element.tag == GUMBO_TAG_BODY && dom.body_ == kNone) dom.body_ = index;
      stack.push_back({child, index, 0});
      last_child.push_back(kNone);
    }
  }
  dom.html_ = 0;
  // The gumbo tree lives in `arena` and is freed with it; no destroy call.
  return dom;
}

std::string_view HtmlDom::TagName(std::uint32_t i) const {
  const Node& n = nodes_[i];
  if (n.is_text()) return {};
  if (n.tag == GUMBO_TAG_UNKNOWN) return Attribute(i, ":tag");
  return gumbo_normalized_tagname(static_cast<GumboTag>(n.tag));
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

std::string HtmlDom::InnerText(std::uint32_t i) const {
  std::string out;
  for (std::uint32_t k = i; k < nodes_[i].subtree_end; ++k) {
    if (nodes_[k].is_text()) out.append(Text(k));
  }
  return out;
}

}  // namespace dyad::ingest::html
