// Main-content extraction for news and report pages.
//
// The problem: a web page holds one story (the "main content") inside a
// frame of site chrome: menus, skip links, share bars, donation and
// newsletter banners, cookie notices, related-article teasers, comments,
// photo captions and credits, region pickers and footers. Left in, that
// text becomes false events downstream. The extractor must keep the whole
// story, paragraph by paragraph, and nothing else, on sites it has never
// seen: no site names, no per-site rules.
//
// The method combines four published ideas, in this order:
//
// 1. Pruning (trafilatura's discard rules). Elements that are never prose
//    are skipped outright: script/style/svg/forms controls/media, anything
//    hidden (hidden, aria-hidden, display:none), <nav>. Site chrome is then
//    recognised by tag (<aside>, <footer>, <header>), ARIA role
//    (navigation, banner, contentinfo, complementary, dialog, search) and
//    class/id vocabulary (share, social, newsletter, donate, cookie, consent,
//    related, comment, sidebar, caption, credit, byline, tags, ...; the word
//    lists are in html_vocabulary.cc), matched
//    on tokens of the class and id attributes. Two guards keep the pruning
//    from eating the story when a wrapper carries a misleading class
//    ("page has-sidebar"): an element holding most of the page's long,
//    link-poor text is never pruned by vocabulary, and the vocabulary only
//    wins over a content hint ("article-body") for small elements.
//
// 2. Runs (boilerpipe's text blocks). The remaining body is cut into runs:
//    maximal stretches of inline content between block-level boundaries,
//    each with its text, character count, link characters, comma count and
//    context (heading level, list item, quote, preformatted, caption).
//
// 3. Container choice (Readability's scoring, with trafilatura's semantic
//    preference). Every run of 25+ characters scores 1 + commas +
//    min(chars/100, 3) and gives it to its block's parent (full), grand-
//    parent (1/2) and up to three more ancestors (1/6, 1/9, 1/12). A
//    candidate starts from a tag prior and a class/id weight (content-like
//    vocabulary +25, chrome vocabulary -25; itemprop=articleBody and
//    <article>/<main> add more), and its final score is scaled by
//    (1 - link density). The best candidate is widened to a common ancestor
//    when several near-best candidates share it, or when its parent scores
//    higher, and its siblings join when they score well or are link-poor
//    prose. This finds the story container even when the page marks
//    nothing up semantically.
//
// 4. Beyond the container. A lede or standfirst often sits just before
//    the body container: up to two link-poor prose elements preceding the
//    container (or its parent) join it. Long link-poor runs elsewhere on
//    the page join too when they come before the end of the content
//    (jusText would call them good on their own features: a description
//    split over tabs, a second column) -- never after it, where comments,
//    teasers and footers live.
//
// 5. Cleaning inside the container (Readability's conditional cleaning and
//    jusText's run classification). Sub-containers that look like chrome
//    are dropped: negative weight, link-dense, form inputs, image galleries
//    without text, tiny <div>s; lists stay unless they are link lists.
//    Each run is then kept or dropped on its own features: link-dominated
//    runs ("Read more", "Skip to main content") go, the <h1> (the title,
//    kept in Document::title) goes, and short runs at either edge of the
//    content (dates, bylines, "Share this") go.
//
// When the container gives almost nothing (a page built of bare <div>s
// with the text split across siblings), a fallback keeps every link-poor
// run of the whole body that is long enough to be prose, plus the short
// runs sandwiched between two kept ones (jusText's context rule).
//
// Bounds: every pass is a loop over the flat node vector (html_dom.h), so
// time and memory are linear in the page and no recursion can overflow.
//
// Tests: html_extract_test.cc (fixture pages of our own: an NGO release
// with menus, skip link, captioned photo, donation banner and region
// footer; lists and pull quotes; all-boilerplate pages) and
// `dyad eval html` for the benchmark figures.
#include "ingest/html_extract.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <unordered_map>

#include "ingest/html_vocabulary.h"

namespace dyad::ingest::html {
namespace {

enum class TagKind : std::uint8_t { kInline, kBlock, kSkip, kBreak, kImage };

TagKind KindOf(std::uint16_t tag) {
  switch (tag) {
    case MyHTML_TAG_A: case MyHTML_TAG_ABBR: case MyHTML_TAG_B: case MyHTML_TAG_BDI:
    case MyHTML_TAG_BDO: case MyHTML_TAG_CITE: case MyHTML_TAG_CODE:
    case MyHTML_TAG_DFN: case MyHTML_TAG_EM: case MyHTML_TAG_FONT: case MyHTML_TAG_I:
    case MyHTML_TAG_KBD: case MyHTML_TAG_MARK: case MyHTML_TAG_Q: case MyHTML_TAG_S:
    case MyHTML_TAG_SAMP: case MyHTML_TAG_SMALL: case MyHTML_TAG_SPAN: case MyHTML_TAG_STRONG:
    case MyHTML_TAG_SUB: case MyHTML_TAG_SUP: case MyHTML_TAG_TIME: case MyHTML_TAG_U:
    case MyHTML_TAG_VAR: case MyHTML_TAG_BIG: case MyHTML_TAG_TT: case MyHTML_TAG_STRIKE:
    case MyHTML_TAG_NOBR: case MyHTML_TAG_INS: case MyHTML_TAG_DEL: case MyHTML_TAG_ACRONYM:
    case MyHTML_TAG_LABEL: case MyHTML_TAG_RUBY: case MyHTML_TAG_RB: case MyHTML_TAG_BLINK:
    case MyHTML_TAG_WBR: case kUnknownTag:
      return TagKind::kInline;
    case MyHTML_TAG_BR:
      return TagKind::kBreak;
    case MyHTML_TAG_IMG: case MyHTML_TAG_IMAGE:
      return TagKind::kImage;
    case MyHTML_TAG_SCRIPT: case MyHTML_TAG_STYLE:
    case MyHTML_TAG_TEMPLATE: case MyHTML_TAG_SVG: case MyHTML_TAG_MATH: case MyHTML_TAG_IFRAME:
    case MyHTML_TAG_OBJECT: case MyHTML_TAG_EMBED: case MyHTML_TAG_CANVAS: case MyHTML_TAG_VIDEO:
    case MyHTML_TAG_AUDIO: case MyHTML_TAG_MAP: case MyHTML_TAG_BUTTON: case MyHTML_TAG_SELECT:
    case MyHTML_TAG_INPUT: case MyHTML_TAG_TEXTAREA: case MyHTML_TAG_HEAD: case MyHTML_TAG_TITLE:
    case MyHTML_TAG_NAV: case MyHTML_TAG_APPLET: case MyHTML_TAG_FRAMESET: case MyHTML_TAG_DATALIST:
    case MyHTML_TAG_DIALOG:
    case MyHTML_TAG_OUTPUT: case MyHTML_TAG_PROGRESS: case MyHTML_TAG_METER: case MyHTML_TAG_MENU:
    case MyHTML_TAG_RT: case MyHTML_TAG_RP: case MyHTML_TAG_NOFRAMES: case MyHTML_TAG_NOEMBED:
      return TagKind::kSkip;
    default:
      return TagKind::kBlock;
  }
}


bool IsHeading(std::uint16_t tag) { return tag >= MyHTML_TAG_H1 && tag <= MyHTML_TAG_H6; }

// ---------------------------------------------------------------------------
// Runs.

struct Run {
  std::uint32_t owner = kNone;  // Innermost block element.
  std::uint32_t node = 0;       // First node of the run (document order).
  std::string text;
  std::uint32_t chars = 0;       // Non-space code points.
  std::uint32_t link_chars = 0;  // Of which inside <a>.
  std::uint32_t commas = 0;
  std::uint8_t heading = 0;      // 1..6 inside <hN>, else 0.
  bool list_item = false, quote = false, pre = false, caption = false, cell = false;
  bool removed = false;          // Inside a pruned element.
  bool has_text = false;         // Something was appended (text is not empty).
  bool alnum = false;            // Some non-space byte is ASCII alnum or non-ASCII.
  double link_density() const { return chars ? static_cast<double>(link_chars) / chars : 0; }
};

// Byte classes for AppendText.
enum : std::uint8_t {
  kSpaceByte = 1,           // ' ' \t \n \r \f
  kNbspLead = 2,            // 0xC2, first byte of U+00A0
  kContinuation = 4,        // 10xxxxxx
  kAlnumByte = 8,           // ASCII letter or digit, or any byte above 0x7F
  kComma = 16,              // ','
  kFullwidthCommaTail = 32  // 0x8C, last byte of U+FF0C
};
constexpr std::array<std::uint8_t, 256> kByteClass = [] {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    std::uint8_t f = 0;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') f |= kSpaceByte;
    if (c == 0xC2) f |= kNbspLead;
    if ((c & 0xC0) == 0x80) f |= kContinuation;
    if (c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      f |= kAlnumByte;
    }
    if (c == ',') f |= kComma;
    if (c == 0x8C) f |= kFullwidthCommaTail;
    t[c] = f;
  }
  return t;
}();

// Counts of one text node's content (the same in both run passes).
struct TextCounts {
  std::uint32_t chars = 0, commas = 0;
  bool alnum = false;  // Some non-space byte is ASCII alnum or non-ASCII.
  // Words separated by single ' ' bytes, no space at either end: outside
  // <pre> the collapsed text is the text itself (the common case).
  bool plain = false;
};

// Appends text-node content to a run: whitespace (and U+00A0) collapsed to
// single spaces outside <pre>; counts characters, link characters and
// commas. Non-space stretches are appended in one piece. With `count_only`
// the text itself is not built (the first pass needs only the counts); with
// `known` (the node's counts from the first pass) the bytes are not counted
// again. Returns the node's counts.
TextCounts AppendText(std::string_view t, bool pre, bool in_link, bool count_only,
                      const TextCounts* known, struct Run* run, bool* pending_space) {
  const std::size_t n = t.size();
  std::size_t k = 0;
  TextCounts tc;
  if (known != nullptr && known->plain && !pre) {
    // Nothing to collapse: the text goes in one piece.
    run->has_text = true;
    if (!count_only) {
      if (*pending_space && !run->text.empty() && run->text.back() != '\n') {
        run->text.push_back(' ');
      }
      *pending_space = false;
      run->text.append(t);
    }
    tc = *known;
    run->alnum |= tc.alnum;
    run->chars += tc.chars;
    run->commas += tc.commas;
    if (in_link) run->link_chars += tc.chars;
    return tc;
  }
  // For `plain`: the spaces seen are single ' ' bytes between words.
  bool plain = n > 0;
  std::size_t last_space = 0;  // One past the last space byte seen.
  bool seen_space = false;
  auto space_at = [&](std::size_t i, std::uint8_t f) {
    return (f & kSpaceByte) ||
           ((f & kNbspLead) && i + 1 < n && static_cast<unsigned char>(t[i + 1]) == 0xA0);
  };
  while (k < n) {
    unsigned char c0 = static_cast<unsigned char>(t[k]);
    if (space_at(k, kByteClass[c0])) {
      std::size_t width = c0 == 0xC2 ? 2 : 1;
      // Not plain: a space other than ' ', at the start, or after another.
      if (c0 != ' ' || k == 0 || (seen_space && last_space == k)) plain = false;
      seen_space = true;
      last_space = k + width;
      if (pre) {
        run->has_text = true;
        if (!count_only) run->text.push_back(c0 == '\n' ? '\n' : ' ');
      } else {
        *pending_space = true;
      }
      k += width;
      continue;
    }
    std::size_t b = k;
    if (known == nullptr) {
      std::uint32_t chars = 0, commas = 0;
      std::uint8_t seen = 0;  // Union of the classes of the bytes.
      for (; k < n; ++k) {
        unsigned char c = static_cast<unsigned char>(t[k]);
        std::uint8_t f = kByteClass[c];
        if ((f & (kSpaceByte | kNbspLead)) && space_at(k, f)) break;
        seen |= f;
        chars += (f & kContinuation) == 0;
        commas += (f & kComma) != 0;
        if ((f & kFullwidthCommaTail) && k >= b + 2 &&
            static_cast<unsigned char>(t[k - 2]) == 0xEF &&
            static_cast<unsigned char>(t[k - 1]) == 0xBC) {
          ++commas;  // U+FF0C FULLWIDTH COMMA
        }
      }
      tc.chars += chars;
      tc.commas += commas;
      tc.alnum |= (seen & kAlnumByte) != 0;
    } else {
      for (; k < n; ++k) {
        std::uint8_t f = kByteClass[static_cast<unsigned char>(t[k])];
        if ((f & (kSpaceByte | kNbspLead)) && space_at(k, f)) break;
      }
    }
    run->has_text = true;
    if (!count_only) {
      if (*pending_space && !run->text.empty() && run->text.back() != '\n') {
        run->text.push_back(' ');
      }
      *pending_space = false;
      run->text.append(t.substr(b, k - b));
    }
  }
  if (seen_space && last_space == n) plain = false;  // A space at the end.
  tc.plain = plain;
  if (known != nullptr) tc = *known;
  run->alnum |= tc.alnum;
  run->chars += tc.chars;
  run->commas += tc.commas;
  if (in_link) run->link_chars += tc.chars;
  return tc;
}

struct PageStats {
  // Per node, over the runs and elements of its subtree.
  std::vector<std::uint32_t> chars, link_chars, long_chars;  // all runs
  std::vector<std::uint32_t> kept_chars, kept_links, commas;  // runs not removed
  std::vector<std::uint16_t> paragraphs, images, items, inputs, embeds;
};

class Extractor {
 public:
  Extractor(const HtmlDom& dom, const ExtractOptions& options)
      : dom_(dom), options_(options), n_(dom.size()) {}

  Extraction Run();

 private:
  void MarkHardSkips();
  void CollectRuns(bool count_only);
  void Aggregate(bool kept_only);
  void MarkChrome();
  void PropagateRemoval();
  std::uint32_t ChooseContainer(double* top_score);
  std::vector<std::uint32_t> GatherSiblings(std::uint32_t top, double top_score);
  void CleanConditionally(const std::vector<std::uint32_t>& roots);
  std::vector<std::size_t> SelectRuns(const std::vector<std::uint32_t>& roots);
  std::vector<std::size_t> FallbackRuns();
  void TrimEdges(std::vector<std::size_t>* chosen) const;
  void AddStrayProse(std::vector<std::size_t>* chosen) const;
  static constexpr std::uint32_t kStrayChars = 100;
  static constexpr std::uint32_t kEdgeChars = 25;
  Extraction Emit(const std::vector<std::size_t>& chosen, std::string method);

  const Vocabulary& Vocab(std::uint32_t i);
  bool InsideArticle(std::uint32_t i) const {
    for (std::uint32_t p = dom_.node(i).parent; p != kNone; p = dom_.node(p).parent) {
      std::uint16_t t = dom_.node(p).tag;
      if (t == MyHTML_TAG_ARTICLE || t == MyHTML_TAG_MAIN) return true;
    }
    return false;
  }
  void Trace(std::string_view what, std::uint32_t i) {
    trace_ += std::string(what) + " " + std::string(dom_.TagName(i)) + " class=\"" +
              std::string(dom_.Attribute(i, "class")) + "\" id=\"" +
              std::string(dom_.Attribute(i, "id")) + "\" chars=" +
              std::to_string(st_.chars.empty() ? 0 : st_.chars[i]) + "\n";
  }
  std::string trace_;
  bool InSubtree(std::uint32_t root, std::uint32_t i) const {
    return i >= root && i < dom_.node(root).subtree_end;
  }

  const HtmlDom& dom_;
  const ExtractOptions& options_;
  const std::size_t n_;
  std::vector<std::uint8_t> skip_;     // 1 = never content (hard).
  std::vector<std::uint8_t> removed_;  // 1 = pruned (this element).
  std::vector<std::uint8_t> removed_in_;  // 1 = this element or an ancestor pruned.
  std::vector<std::uint8_t> caption_;  // 1 = caption/credit element.
  std::vector<Vocabulary> vocab_;
  // Keyed by class views into the DOM, which outlives the extractor.
  std::unordered_map<std::string_view, Vocabulary> vocab_cache_;
  std::vector<std::uint8_t> vocab_done_;
  std::vector<struct Run> runs_;
  std::vector<TextCounts> text_counts_;  // Per text node, from the first run pass.
  std::vector<double> scores_;  // Candidate scores (0 for non-candidates).
  PageStats st_;
  std::uint64_t total_long_ = 0;
};

const Vocabulary& Extractor::Vocab(std::uint32_t i) {
  if (!vocab_done_[i]) {
    vocab_done_[i] = 1;
    // Heading ids are slugs of the heading text ("nav-to-the-summit"), not
    // a site's vocabulary.
    bool heading = IsHeading(dom_.node(i).tag);
    std::string_view cls, id;
    bool has_cls = false, has_id = false;
    // One pass over the attributes (as HtmlDom::Attribute, the first of a
    // name counts).
    const Node& nd = dom_.node(i);
    for (std::uint32_t k = nd.attr_begin; k < nd.attr_begin + nd.attr_count; ++k) {
      const Attr& a = dom_.attrs()[k];
      std::string_view name = dom_.AttrName(a);
      if (!has_cls && name == "class") {
        has_cls = true;
        cls = dom_.AttrValue(a);
      } else if (!has_id && name == "id") {
        has_id = true;
        id = dom_.AttrValue(a);
      }
    }
    if (heading) id = {};
    Vocabulary v;
    if (!cls.empty()) {
      // Pages repeat a few class strings many times ("menu-item ..."); ids
      // are mostly unique, so only classes are cached. The vocabulary of a
      // class and an id is that of each, combined.
      auto it = vocab_cache_.find(cls);
      if (it == vocab_cache_.end()) it = vocab_cache_.emplace(cls, ReadVocabulary(cls, {})).first;
      v = it->second;
    }
    if (!id.empty()) {
      Vocabulary w = ReadVocabulary({}, id);
      v.chrome |= w.chrome;
      v.content |= w.content;
      v.body |= w.body;
      v.caption |= w.caption;
      v.weight += w.weight;
    }
    vocab_[i] = v;
  }
  return vocab_[i];
}

void Extractor::MarkHardSkips() {
  skip_.assign(n_, 0);
  caption_.assign(n_, 0);
  for (std::uint32_t i = 0; i < n_; ++i) {
    const Node& nd = dom_.node(i);
    if (nd.is_text()) continue;
    bool skip = KindOf(nd.tag) == TagKind::kSkip;
    if (!skip) {
      // One pass over the attributes (most elements have one or none).
      for (std::uint32_t k = nd.attr_begin; k < nd.attr_begin + nd.attr_count; ++k) {
        const Attr& a = dom_.attrs()[k];
        std::string_view name = dom_.AttrName(a);
        if (name == "hidden" || (name == "aria-hidden" && dom_.AttrValue(a) == "true") ||
            (name == "style" && !dom_.AttrValue(a).empty() && HiddenByStyle(dom_.AttrValue(a)))) {
          skip = true;
        }
      }
      if (nd.tag == kUnknownTag) {
        std::string_view t = dom_.TagName(i);
        if (t == "button" || t == "iframe") skip = true;
      }
      if (nd.tag == MyHTML_TAG_FIGCAPTION) caption_[i] = 1;
    }
    if (skip) skip_[i] = 1;
  }
}

// Cuts the body into runs. Runs inside hard-skipped elements are not made.
// With `count_only` the runs carry their counts, owner and first node but
// no text.
void Extractor::CollectRuns(bool count_only) {
  std::uint32_t root = dom_.body() != kNone ? dom_.body() : 0;
  struct Open {
    std::uint32_t index, end;
    bool block;
  };
  std::vector<Open> stack;
  struct Run cur;
  int link_depth = 0, heading = 0, li = 0, quote = 0, pre = 0, cap = 0, cell = 0;
  bool pending_space = false;
  auto owner = [&]() -> std::uint32_t {
    for (std::size_t k = stack.size(); k > 0; --k) {
      if (stack[k - 1].block) return stack[k - 1].index;
    }
    return root;
  };
  auto flush = [&]() {
    while (!cur.text.empty() && (cur.text.back() == ' ' || cur.text.back() == '\n')) {
      cur.text.pop_back();
    }
    if (cur.chars > 0) {
      if (cur.alnum) {
        cur.owner = owner();
        runs_.push_back(std::move(cur));
      }
    }
    cur = {};
    pending_space = false;
  };
  auto adjust = [&](std::uint32_t i, int d) {
    std::uint16_t tag = dom_.node(i).tag;
    if (tag == MyHTML_TAG_A) link_depth += d;
    if (IsHeading(tag)) heading += d;
    if (tag == MyHTML_TAG_LI || tag == MyHTML_TAG_DD || tag == MyHTML_TAG_DT) li += d;
    if (tag == MyHTML_TAG_BLOCKQUOTE) quote += d;
    if (tag == MyHTML_TAG_PRE) pre += d;
    if (tag == MyHTML_TAG_TD || tag == MyHTML_TAG_TH) cell += d;
    if (caption_[i]) cap += d;
  };
  int heading_level = 0;
  const std::uint32_t end = dom_.node(root).subtree_end;
  for (std::uint32_t i = root; i < end; ++i) {
    while (!stack.empty() && stack.back().end <= i) {
      if (stack.back().block) flush();
      adjust(stack.back().index, -1);
      stack.pop_back();
    }
    const Node& nd = dom_.node(i);
    if (nd.is_text()) {
      std::string_view t = dom_.Text(i);
      if (!cur.has_text) cur.node = i;
      // The first pass counts each text node; the second reuses its counts.
      if (count_only) {
        text_counts_[i] =
            AppendText(t, pre > 0, link_depth > 0, true, nullptr, &cur, &pending_space);
      } else {
        AppendText(t, pre > 0, link_depth > 0, false, &text_counts_[i], &cur, &pending_space);
      }
      cur.heading = static_cast<std::uint8_t>(heading ? heading_level : 0);
      cur.list_item = li > 0;
      cur.quote = quote > 0;
      cur.pre = pre > 0;
      cur.caption = cap > 0;
      cur.cell = cell > 0;
      continue;
    }
    if (skip_[i] || removed_[i]) {
      if (KindOf(nd.tag) != TagKind::kInline) flush();
      i = nd.subtree_end - 1;
      continue;
    }
    TagKind kind = KindOf(nd.tag);
    if (kind == TagKind::kBreak) {
      if (!count_only && !cur.text.empty() && cur.text.back() != '\n') {
        while (!cur.text.empty() && cur.text.back() == ' ') cur.text.pop_back();
        cur.text.push_back('\n');
      }
      pending_space = false;
      continue;
    }
    if (kind == TagKind::kImage) continue;
    bool block = kind == TagKind::kBlock;
    if (block) flush();
    if (IsHeading(nd.tag)) heading_level = nd.tag - MyHTML_TAG_H1 + 1;
    stack.push_back({i, nd.subtree_end, block});
    adjust(i, +1);
  }
  flush();
}

// Sums run and element features over each subtree (children have higher
// indices than their parents, so one reverse pass suffices).
void Extractor::Aggregate(bool kept_only) {
  auto& chars = kept_only ? st_.kept_chars : st_.chars;
  auto& links = kept_only ? st_.kept_links : st_.link_chars;
  chars.assign(n_, 0);
  links.assign(n_, 0);
  if (!kept_only) {
    st_.long_chars.assign(n_, 0);
  } else {
    st_.commas.assign(n_, 0);
    st_.paragraphs.assign(n_, 0);
    st_.images.assign(n_, 0);
    st_.items.assign(n_, 0);
    st_.inputs.assign(n_, 0);
    st_.embeds.assign(n_, 0);
  }
  total_long_ = 0;
  for (const struct Run& r : runs_) {
    if (kept_only && r.removed) continue;
    chars[r.owner] += r.chars;
    links[r.owner] += r.link_chars;
    if (!kept_only && r.chars >= 80 && r.link_density() < 0.3) {
      st_.long_chars[r.owner] += r.chars;
      total_long_ += r.chars;
    }
    if (kept_only) st_.commas[r.owner] += r.commas;
  }
  auto sat_add = [](std::uint16_t& a, unsigned b) {
    a = static_cast<std::uint16_t>(std::min<unsigned>(65535u, a + b));
  };
  for (std::size_t k = n_; k-- > 1;) {
    const Node& nd = dom_.node(static_cast<std::uint32_t>(k));
    if (kept_only && !nd.is_text() && !removed_in_[k]) {
      switch (nd.tag) {
        case MyHTML_TAG_P: sat_add(st_.paragraphs[k], 1); break;
        case MyHTML_TAG_IMG: sat_add(st_.images[k], 1); break;
        case MyHTML_TAG_LI: sat_add(st_.items[k], 1); break;
        case MyHTML_TAG_INPUT: case MyHTML_TAG_SELECT: case MyHTML_TAG_TEXTAREA:
          sat_add(st_.inputs[k], 1); break;
        case MyHTML_TAG_IFRAME: case MyHTML_TAG_EMBED: case MyHTML_TAG_OBJECT:
        case MyHTML_TAG_VIDEO:
          sat_add(st_.embeds[k], 1); break;
        default: break;
      }
    }
    std::uint32_t p = nd.parent;
    if (p == kNone) continue;
    chars[p] += chars[k];
    links[p] += links[k];
    if (!kept_only) {
      st_.long_chars[p] += st_.long_chars[k];
    } else {
      st_.commas[p] += st_.commas[k];
      if (!removed_in_[k]) {
        sat_add(st_.paragraphs[p], st_.paragraphs[k]);
        sat_add(st_.images[p], st_.images[k]);
        sat_add(st_.items[p], st_.items[k]);
        sat_add(st_.inputs[p], st_.inputs[k]);
        sat_add(st_.embeds[p], st_.embeds[k]);
      }
    }
  }
}

// Prunes site chrome by tag, role and class/id vocabulary, with the guards
// described at the top of the file.
void Extractor::MarkChrome() {
  removed_.assign(n_, 0);
  const std::uint32_t body = dom_.body() != kNone ? dom_.body() : 0;
  for (std::uint32_t i = body + 1; i < n_; ++i) {
    const Node& nd = dom_.node(i);
    if (nd.is_text() || skip_[i]) continue;
    if (nd.tag == MyHTML_TAG_ARTICLE || nd.tag == MyHTML_TAG_MAIN) continue;
    bool chrome = false, strong = false;
    switch (nd.tag) {
      case MyHTML_TAG_ASIDE: case MyHTML_TAG_FOOTER:
        chrome = true;
        break;
      case MyHTML_TAG_HEADER:
        // A site header, not an article's own header (headline, lede).
        chrome = !InsideArticle(i);
        break;
      case MyHTML_TAG_FIGCAPTION:
        chrome = !options_.keep_captions;
        strong = true;
        break;
      default:
        break;
    }
    if (nd.attr_count == 0 && !chrome) {
      // No role, itemprop, class or id: nothing below applies.
      continue;
    }
    std::string_view role = dom_.Attribute(i, "role");
    if (role == "navigation" || role == "banner" || role == "contentinfo" ||
        role == "complementary" || role == "dialog" || role == "alertdialog" ||
        role == "search" || role == "menu" || role == "menubar" || role == "alert") {
      chrome = true;
    }
    std::string_view itemprop = dom_.Attribute(i, "itemprop");
    if (itemprop == "articleBody" || itemprop == "text" || itemprop == "reviewBody") continue;
    const Vocabulary& v = Vocab(i);
    if (v.caption && st_.chars[i] < 400) {
      // Caption vocabulary on a big element ("item-caption" wrapping a
      // story, "content-after-image") is not a caption.
      caption_[i] = 1;
      if (options_.keep_captions) continue;
      chrome = true;
    }
    if (v.chrome) {
      // A content hint protects elements of some size ("article-tags" is
      // small; "content has-sidebar" is the page).
      if (!(v.content && (st_.chars[i] >= 500 || st_.chars[i] * 4 >= st_.chars[body]))) {
        chrome = true;
      }
    }
    if (!chrome) continue;
    // Guard: never prune the element that holds most of the prose.
    if (!strong && total_long_ > 0 && st_.long_chars[i] * 2 > total_long_) continue;
    removed_[i] = 1;
    if (options_.trace) Trace("prune", i);
  }
}

void Extractor::PropagateRemoval() {
  removed_in_.assign(n_, 0);
  for (std::uint32_t i = 0; i < n_; ++i) {
    std::uint32_t p = dom_.node(i).parent;
    removed_in_[i] = removed_[i] || skip_[i] || (p != kNone && removed_in_[p]);
  }
  for (struct Run& r : runs_) r.removed = removed_in_[r.owner] || removed_in_[r.node];
}

// ---------------------------------------------------------------------------
// Container choice.

double TagPrior(std::uint16_t tag) {
  switch (tag) {
    case MyHTML_TAG_DIV: case MyHTML_TAG_ARTICLE: case MyHTML_TAG_SECTION: case MyHTML_TAG_MAIN:
      return 5;
    case MyHTML_TAG_PRE: case MyHTML_TAG_TD: case MyHTML_TAG_BLOCKQUOTE:
      return 3;
    case MyHTML_TAG_ADDRESS: case MyHTML_TAG_OL: case MyHTML_TAG_UL: case MyHTML_TAG_DL:
    case MyHTML_TAG_DD: case MyHTML_TAG_DT: case MyHTML_TAG_LI: case MyHTML_TAG_FORM:
      return -3;
    case MyHTML_TAG_H1: case MyHTML_TAG_H2: case MyHTML_TAG_H3: case MyHTML_TAG_H4:
    case MyHTML_TAG_H5: case MyHTML_TAG_H6: case MyHTML_TAG_TH:
      return -5;
    default:
      return 0;
  }
}

std::uint32_t Extractor::ChooseContainer(double* top_score) {
  const std::uint32_t body = dom_.body() != kNone ? dom_.body() : 0;
  std::vector<double> score(n_, 0);
  std::vector<std::uint8_t> is_candidate(n_, 0);
  std::vector<std::uint32_t> candidates;
  auto init = [&](std::uint32_t c) {
    if (is_candidate[c]) return;
    is_candidate[c] = 1;
    candidates.push_back(c);
    const Node& nd = dom_.node(c);
    double s = TagPrior(nd.tag) + Vocab(c).weight;
    if (Vocab(c).body) s += 25;
    std::string_view itemprop = dom_.Attribute(c, "itemprop");
    if (itemprop == "articleBody" || itemprop == "text") s += 50;
    if (nd.tag == MyHTML_TAG_ARTICLE || nd.tag == MyHTML_TAG_MAIN) s += 10;
    if (dom_.Attribute(c, "role") == "main") s += 10;
    score[c] = s;
  };
  for (const struct Run& r : runs_) {
    if (r.removed || r.chars < 25) continue;
    double s = 1 + r.commas + std::min(r.chars / 100.0, 3.0);
    std::uint32_t a = r.owner;
    // A run directly in a container (no <p>) scores the container itself.
    if (a != kNone && dom_.node(a).tag != MyHTML_TAG_P && dom_.node(a).tag != MyHTML_TAG_PRE &&
        !IsHeading(dom_.node(a).tag) && dom_.node(a).tag != MyHTML_TAG_LI &&
        dom_.node(a).tag != MyHTML_TAG_TD && dom_.node(a).tag != MyHTML_TAG_BLOCKQUOTE &&
        dom_.node(a).tag != MyHTML_TAG_DD) {
      // Treat the container like readability's div-turned-paragraph: its
      // parent is the first ancestor to score, but it scores too.
      init(a);
      score[a] += s;
    }
    if (a == body || a == kNone) continue;
    a = dom_.node(a).parent;
    for (int level = 0; level < 5 && a != kNone; ++level) {
      init(a);
      double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
      score[a] += s / divider;
      if (a == body) break;
      a = dom_.node(a).parent;
    }
  }
  if (candidates.empty()) return kNone;
  for (std::uint32_t c : candidates) {
    double ld = st_.kept_chars[c] ? static_cast<double>(st_.kept_links[c]) / st_.kept_chars[c] : 0;
    score[c] *= (1 - ld);
  }
  std::vector<std::uint32_t> order(candidates);
  std::partial_sort(order.begin(), order.begin() + std::min<std::size_t>(6, order.size()),
                    order.end(), [&](std::uint32_t a, std::uint32_t b) {
                      return score[a] > score[b];
                    });
  std::uint32_t top = order[0];
  // Several near-best candidates under one ancestor: the story is split
  // across them, take the ancestor.
  std::vector<std::uint32_t> alts;
  for (std::size_t k = 1; k < std::min<std::size_t>(6, order.size()); ++k) {
    if (score[order[k]] >= 0.75 * score[top]) alts.push_back(order[k]);
  }
  if (alts.size() >= 3) {
    for (std::uint32_t p = dom_.node(top).parent; p != kNone && p != body;
         p = dom_.node(p).parent) {
      int contained = 0;
      for (std::uint32_t a : alts) contained += InSubtree(p, a);
      if (contained >= 3) {
        top = p;
        break;
      }
    }
  }
  if (!is_candidate[top]) init(top);
  // Climb while an ancestor scores higher than the best so far.
  double last = score[top];
  double threshold = last / 3;
  for (std::uint32_t p = dom_.node(top).parent; p != kNone && p != body;
       p = dom_.node(p).parent) {
    if (!is_candidate[p]) continue;
    if (score[p] < threshold) break;
    if (score[p] > last) {
      top = p;
      break;
    }
    last = score[p];
  }
  // An only child stands for its parent.
  for (std::uint32_t p = dom_.node(top).parent; p != kNone && p != body;
       p = dom_.node(p).parent) {
    int elements = 0;
    for (std::uint32_t c = dom_.node(p).first_child; c != kNone; c = dom_.node(c).next_sibling) {
      if (!dom_.node(c).is_text() && !removed_in_[c]) ++elements;
    }
    if (elements != 1) break;
    top = p;
  }
  *top_score = score[top];
  scores_.swap(score);
  return top;
}

std::vector<std::uint32_t> Extractor::GatherSiblings(std::uint32_t top, double top_score) {
  std::vector<std::uint32_t> roots;
  std::uint32_t parent = dom_.node(top).parent;
  const std::uint32_t body = dom_.body() != kNone ? dom_.body() : 0;
  if (parent == kNone || top == body) return {top};
  double threshold = std::max(10.0, top_score * 0.2);
  std::string_view top_class = dom_.Attribute(top, "class");
  for (std::uint32_t s = dom_.node(parent).first_child; s != kNone; s = dom_.node(s).next_sibling) {
    if (s == top) {
      roots.push_back(s);
      continue;
    }
    const Node& nd = dom_.node(s);
    if (options_.keep_captions && !removed_in_[s] && st_.kept_chars[s] > 0 &&
        (nd.tag == MyHTML_TAG_FIGURE || caption_[s])) {
      roots.push_back(s);
      continue;
    }
    if (nd.is_text() || removed_in_[s] || st_.kept_chars[s] == 0) continue;
    double bonus = 0;
    if (!top_class.empty() && dom_.Attribute(s, "class") == top_class) bonus = top_score * 0.2;
    if (s < scores_.size() && scores_[s] != 0 && scores_[s] + bonus >= threshold) {
      roots.push_back(s);
      continue;
    }
    if (nd.tag == MyHTML_TAG_P || nd.tag == MyHTML_TAG_BLOCKQUOTE || nd.tag == MyHTML_TAG_UL ||
        nd.tag == MyHTML_TAG_OL || IsHeading(nd.tag) || nd.tag == MyHTML_TAG_DIV) {
      double ld = static_cast<double>(st_.kept_links[s]) / st_.kept_chars[s];
      std::uint32_t len = st_.kept_chars[s];
      if (nd.tag == MyHTML_TAG_P && len > 80 && ld < 0.25) {
        roots.push_back(s);
      } else if (nd.tag == MyHTML_TAG_P && ld == 0) {
        std::string t = dom_.InnerText(s);
        while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
        if (!t.empty() && (t.back() == '.' || t.back() == '!' || t.back() == '?')) roots.push_back(s);
      }
    }
  }
  // A lede or standfirst often sits just before the body container, in
  // the parent's or grandparent's earlier children: take the nearest
  // preceding element(s) made of link-poor prose.
  std::uint32_t anchor = roots.front();
  for (int level = 0; level < 2 && anchor != body; ++level) {
    std::uint32_t p = dom_.node(anchor).parent;
    if (p == kNone || p == body) break;
    std::vector<std::uint32_t> before;
    for (std::uint32_t c = dom_.node(p).first_child; c != kNone && c != anchor;
         c = dom_.node(c).next_sibling) {
      if (!dom_.node(c).is_text() && !removed_in_[c] && st_.kept_chars[c] > 0) before.push_back(c);
    }
    std::vector<std::uint32_t> lede;
    for (std::size_t k = before.size(); k-- > 0;) {
      std::uint32_t c = before[k];
      double ld = static_cast<double>(st_.kept_links[c]) / st_.kept_chars[c];
      if (ld >= 0.2 || st_.kept_chars[c] < 80 || st_.kept_chars[c] > 1500) break;
      lede.push_back(c);
      if (lede.size() == 2) break;
    }
    if (!lede.empty()) {
      std::reverse(lede.begin(), lede.end());
      roots.insert(roots.begin(), lede.begin(), lede.end());
      break;
    }
    anchor = p;
  }
  return roots;
}

// ---------------------------------------------------------------------------
// Cleaning and run selection.

void Extractor::CleanConditionally(const std::vector<std::uint32_t>& roots) {
  for (std::uint32_t root : roots) {
    const std::uint32_t end = dom_.node(root).subtree_end;
    int figure_depth_end = 0;  // Index until which we are inside a <figure>.
    for (std::uint32_t e = root + 1; e < end; ++e) {
      const Node& nd = dom_.node(e);
      if (nd.is_text()) continue;
      if (removed_in_[e]) {
        e = nd.subtree_end - 1;
        continue;
      }
      if (nd.tag == MyHTML_TAG_FIGURE) figure_depth_end = static_cast<int>(nd.subtree_end);
      bool in_figure = static_cast<int>(e) < figure_depth_end;
      switch (nd.tag) {
        case MyHTML_TAG_FORM: case MyHTML_TAG_FIELDSET: case MyHTML_TAG_TABLE: case MyHTML_TAG_UL:
        case MyHTML_TAG_OL: case MyHTML_TAG_DIV: case MyHTML_TAG_SECTION: case MyHTML_TAG_DL:
        case MyHTML_TAG_ASIDE: case MyHTML_TAG_HEADER: case MyHTML_TAG_FOOTER:
          break;
        default:
          continue;
      }
      // The guard of MarkChrome: the element holding most of the prose is
      // the story, whatever its class says.
      if (st_.long_chars[root] > 0 && st_.long_chars[e] * 2 > st_.long_chars[root]) continue;
      const Vocabulary& v = Vocab(e);
      double weight = v.weight;
      double score = e < scores_.size() ? scores_[e] : 0;
      bool remove = weight + score < 0;
      std::uint32_t len = st_.kept_chars[e];
      double ld = len ? static_cast<double>(st_.kept_links[e]) / len : 0;
      bool list = nd.tag == MyHTML_TAG_UL || nd.tag == MyHTML_TAG_OL || nd.tag == MyHTML_TAG_DL;
      if (list) {
        // An in-article list is content unless it is a list of links.
        remove = remove || ld > 0.6;
      } else if (!remove && st_.commas[e] < 10) {
        bool is_list =
            nd.tag == MyHTML_TAG_UL || nd.tag == MyHTML_TAG_OL || nd.tag == MyHTML_TAG_DL;
        double p = st_.paragraphs[e];
        double img = st_.images[e];
        double li = static_cast<double>(st_.items[e]) - 100;
        double input = st_.inputs[e];
        int embeds = st_.embeds[e];
        remove = (img > 1 && p / img < 0.5 && !in_figure) || (!is_list && li > p) ||
                 (input > static_cast<int>(p / 3)) ||
                 (!is_list && p == 0 && len < 25 && (img == 0 || img > 2) && !in_figure) ||
                 (!is_list && weight < 25 && ld > 0.3) || (weight >= 25 && ld > 0.5) ||
                 (is_list && ld > 0.6) || (embeds == 1 && len < 75) || embeds > 1;
      }
      if (remove) {
        removed_[e] = 1;
        if (options_.trace) Trace("clean", e);
        e = nd.subtree_end - 1;
      }
    }
  }
}

std::vector<std::size_t> Extractor::SelectRuns(const std::vector<std::uint32_t>& roots) {
  std::vector<std::size_t> out;
  std::size_t next_root = 0;
  for (std::size_t k = 0; k < runs_.size(); ++k) {
    const struct Run& r = runs_[k];
    if (r.removed) continue;
    while (next_root < roots.size() && dom_.node(roots[next_root]).subtree_end <= r.node) {
      ++next_root;
    }
    if (next_root >= roots.size()) break;
    if (!InSubtree(roots[next_root], r.owner) && !InSubtree(roots[next_root], r.node)) continue;
    if (r.link_density() > 0.5) continue;
    if (r.heading == 1) continue;  // The headline: it is the title, not the body.
    out.push_back(k);
  }
  return out;
}

// jusText's edge rule: short runs at the ends of the content, outside
// the prose, are bylines, dates, "Read also:" and "Share this" lines.
void Extractor::TrimEdges(std::vector<std::size_t>* chosen) const {
  auto edge_junk = [&](std::size_t k) {
    const struct Run& r = runs_[k];
    return r.chars < kEdgeChars && !r.list_item && !r.heading && !r.quote;
  };
  while (!chosen->empty() && edge_junk(chosen->back())) chosen->pop_back();
  std::size_t lead = 0;
  while (lead < chosen->size() && edge_junk((*chosen)[lead])) ++lead;
  chosen->erase(chosen->begin(), chosen->begin() + static_cast<std::ptrdiff_t>(lead));
}

// Prose outside the container: long, link-free runs that pruning kept
// (product descriptions split over tabs, a story continued in a second
// column). jusText would call them good on their own features.
void Extractor::AddStrayProse(std::vector<std::size_t>* chosen) const {
  if (chosen->empty()) return;
  std::vector<std::uint8_t> in(runs_.size(), 0);
  for (std::size_t k : *chosen) in[k] = 1;
  bool added = false;
  // Only up to the end of the content: what follows a story is comments,
  // teasers and footers.
  const std::size_t last = chosen->back();
  for (std::size_t k = 0; k < last; ++k) {
    const struct Run& r = runs_[k];
    if (in[k] || r.removed || r.heading == 1) continue;
    if (r.chars >= kStrayChars && r.link_chars * 10 <= r.chars) {
      in[k] = 1;
      added = true;
    }
  }
  if (!added) return;
  chosen->clear();
  for (std::size_t k = 0; k < runs_.size(); ++k) {
    if (in[k]) chosen->push_back(k);
  }
}

std::vector<std::size_t> Extractor::FallbackRuns() {
  std::vector<std::size_t> good;
  std::vector<std::uint8_t> is_good(runs_.size(), 0), near(runs_.size(), 0);
  for (std::size_t k = 0; k < runs_.size(); ++k) {
    const struct Run& r = runs_[k];
    if (r.removed || r.heading == 1) continue;
    if (r.chars >= 60 && r.link_density() < 0.3) is_good[k] = 1;
    if (r.link_density() < 0.5) near[k] = 1;
  }
  for (std::size_t k = 0; k < runs_.size(); ++k) {
    bool keep = is_good[k] ||
                (near[k] && k > 0 && k + 1 < runs_.size() && is_good[k - 1] && is_good[k + 1]);
    if (keep) good.push_back(k);
  }
  if (good.empty()) {
    // A fragment or a very short page: every link-poor run that is not
    // pruned chrome is the content.
    for (std::size_t k = 0; k < runs_.size(); ++k) {
      if (near[k] && runs_[k].chars >= 10) good.push_back(k);
    }
  }
  return good;
}

Extraction Extractor::Emit(const std::vector<std::size_t>& chosen, std::string method) {
  Extraction ex;
  ex.method = std::move(method);
  for (std::size_t k : chosen) {
    struct Run& r = runs_[k];
    ExtractedBlock b;
    b.text = std::move(r.text);
    if (r.caption) {
      b.kind = BlockKind::kCaption;
    } else if (r.heading) {
      b.kind = BlockKind::kHeading;
    } else if (r.list_item) {
      b.kind = BlockKind::kListItem;
    } else if (r.quote) {
      b.kind = BlockKind::kQuote;
    }
    ex.blocks.push_back(std::move(b));
  }
  return ex;
}

std::size_t TotalChars(const std::vector<struct Run>& runs, const std::vector<std::size_t>& idx) {
  std::size_t n = 0;
  for (std::size_t k : idx) n += runs[k].chars;
  return n;
}

Extraction Extractor::Run() {
  if (n_ == 0) return {{}, "none", {"html: empty page"}, {}};
  vocab_.assign(n_, {});
  vocab_done_.assign(n_, 0);
  vocab_cache_.reserve(n_ / 4);
  removed_.assign(n_, 0);
  MarkHardSkips();
  text_counts_.assign(n_, {});
  CollectRuns(/*count_only=*/true);
  const bool had_text = !runs_.empty();
  Aggregate(/*kept_only=*/false);
  MarkChrome();
  PropagateRemoval();
  runs_.clear();
  CollectRuns(/*count_only=*/false);
  PropagateRemoval();
  Aggregate(/*kept_only=*/true);

  std::vector<std::size_t> chosen;
  std::string method = "none";
  double top_score = 0;
  std::uint32_t top = ChooseContainer(&top_score);
  if (top != kNone) {
    std::vector<std::uint32_t> roots = GatherSiblings(top, top_score);
    if (options_.trace) {
      Trace("top", top);
      for (std::uint32_t r : roots) Trace("root", r);
    }
    CleanConditionally(roots);
    PropagateRemoval();
    chosen = SelectRuns(roots);
    TrimEdges(&chosen);
    AddStrayProse(&chosen);
    method = roots.size() > 1 ? "container+siblings" : "container";
  }
  if (TotalChars(runs_, chosen) < 250) {
    std::vector<std::size_t> fb = FallbackRuns();
    if (TotalChars(runs_, fb) > TotalChars(runs_, chosen)) {
      chosen.swap(fb);
      method = "fallback";
    }
  }
  Extraction ex = Emit(chosen, chosen.empty() ? "none" : method);
  ex.trace = std::move(trace_);
  if (ex.blocks.empty()) {
    ex.warnings.push_back(
        !had_text ? "html: page has no text"
                      : "html: no main content found (the page is all boilerplate)");
  }
  return ex;
}

}  // namespace

Extraction ExtractMainContent(const HtmlDom& dom, const ExtractOptions& options) {
  Extractor x(dom, options);
  return x.Run();
}

}  // namespace dyad::ingest::html
