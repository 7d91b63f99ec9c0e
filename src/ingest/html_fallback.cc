// A labelled tag-stripping fallback for HTML, until the real extractor
// (gumbo parse + boilerplate scoring) lands. It drops <script>, <style>,
// <nav>, <header>, <footer> and comments, turns block tags into paragraph
// breaks and decodes the common entities. Every document it makes carries
// the warning "html: tag-stripping fallback".
#include <cctype>
#include <string>

#include "ingest/encoding.h"
#include "ingest/html.h"
#include "util/utf8.h"

namespace dyad::ingest {
namespace {

bool StartsWithCi(std::string_view s, std::size_t i, std::string_view w) {
  if (i + w.size() > s.size()) return false;
  for (std::size_t k = 0; k < w.size(); ++k) {
    if (std::tolower(static_cast<unsigned char>(s[i + k])) != w[k]) return false;
  }
  return true;
}

std::size_t FindCi(std::string_view s, std::size_t from, std::string_view w) {
  for (std::size_t i = from; i + w.size() <= s.size(); ++i) {
    if (StartsWithCi(s, i, w)) return i;
  }
  return std::string_view::npos;
}

void AppendEntity(std::string_view name, std::string* out) {
  if (name == "amp") { *out += '&'; return; }
  if (name == "lt") { *out += '<'; return; }
  if (name == "gt") { *out += '>'; return; }
  if (name == "quot") { *out += '"'; return; }
  if (name == "apos") { *out += '\''; return; }
  if (name == "nbsp") { *out += ' '; return; }
  if (!name.empty() && name[0] == '#') {
    char32_t cp = 0;
    bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    for (std::size_t i = hex ? 2 : 1; i < name.size(); ++i) {
      char c = name[i];
      int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
              : hex && std::isxdigit(static_cast<unsigned char>(c))
                  ? std::tolower(static_cast<unsigned char>(c)) - 'a' + 10
                  : -1;
      if (d < 0) return;
      cp = cp * (hex ? 16 : 10) + d;
      if (cp > 0x10FFFF) return;
    }
    if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    utf8::Append(cp, out);
    return;
  }
  *out += '&';
  out->append(name);
  *out += ';';
}

}  // namespace

bool SniffHtml(std::string_view bytes) {
  std::size_t i = 0;
  if (utf8::HasBom(bytes)) i = 3;
  while (i < bytes.size() && std::isspace(static_cast<unsigned char>(bytes[i]))) ++i;
  return StartsWithCi(bytes, i, "<!doctype html") || StartsWithCi(bytes, i, "<html") ||
         FindCi(bytes.substr(0, 1024), 0, "<html") != std::string_view::npos;
}

StatusOr<Document> HtmlToDocument(std::string id, std::string_view bytes,
                                  const InputOptions& options) {
  auto decoded = DecodeToUtf8(bytes, options);
  if (!decoded.ok()) return decoded.status();
  std::string_view html = decoded->text;
  Document doc;
  doc.id = std::move(id);
  doc.format = SourceFormat::kHtml;
  doc.encoding = decoded->encoding;
  doc.warnings = decoded->warnings;
  doc.warnings.push_back("html: tag-stripping fallback");

  std::string text;
  std::size_t i = 0;
  auto block_break = [&] {
    while (!text.empty() && text.back() == ' ') text.pop_back();
    if (!text.empty() && (text.size() < 2 || text.substr(text.size() - 2) != "\n\n")) {
      text += text.back() == '\n' ? "\n" : "\n\n";
    }
  };
  static const char* kSkip[] = {"script", "style", "nav", "header", "footer",
                                "noscript", "template", "svg", "figcaption"};
  static const char* kBlock[] = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5",
                                 "h6", "tr", "blockquote", "section", "article",
                                 "ul", "ol", "table", "title", "figure"};
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      if (html.compare(i, 4, "<!--") == 0) {
        std::size_t e = html.find("-->", i + 4);
        i = e == std::string_view::npos ? html.size() : e + 3;
        continue;
      }
      std::size_t e = html.find('>', i);
      if (e == std::string_view::npos) break;  // truncated tag: drop the rest
      std::size_t n = i + 1;
      bool closing = n < e && html[n] == '/';
      if (closing) ++n;
      std::size_t ne = n;
      while (ne < e && std::isalnum(static_cast<unsigned char>(html[ne]))) ++ne;
      std::string name(html.substr(n, ne - n));
      for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      i = e + 1;
      if (!closing) {
        for (const char* s : kSkip) {
          if (name == s) {
            std::size_t close = FindCi(html, i, std::string("</") + s);
            i = close == std::string_view::npos ? html.size() : close;
            break;
          }
        }
      }
      for (const char* b : kBlock) {
        if (name == b) {
          block_break();
          break;
        }
      }
      continue;
    }
    if (c == '&') {
      std::size_t e = html.find(';', i);
      if (e != std::string_view::npos && e - i <= 10) {
        AppendEntity(html.substr(i + 1, e - i - 1), &text);
        i = e + 1;
        continue;
      }
    }
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!text.empty() && text.back() != ' ' && text.back() != '\n') text += ' ';
      ++i;
      continue;
    }
    text += c;
    ++i;
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  // Blocks: split on blank lines.
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t e = text.find("\n\n", start);
    if (e == std::string::npos) e = text.size();
    if (e > start) {
      doc.blocks.push_back({{static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(e)},
                            BlockKind::kParagraph});
    }
    start = e + 2;
  }
  doc.text = std::move(text);
  if (doc.text.empty()) doc.warnings.push_back("html: no text found");
  return doc;
}

}  // namespace dyad::ingest
