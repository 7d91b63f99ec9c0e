// HtmlToDocument: bytes -> UTF-8 -> MyHTML DOM -> main content + metadata.
//
// Charset: a BOM decides (UTF-8, UTF-16); else the charset the page
// declares (<meta charset>, http-equiv Content-Type) is tried, then
// uchardet (encoding.h). Bytes that are valid UTF-8 are read as UTF-8 even
// when the page declares a legacy charset: real legacy text with bytes
// above 0x7F is almost never valid UTF-8, while stale declarations are
// common.
//
// Very large pages: a page over kSliceBytes of markup is parsed in slices
// cut at tag boundaries, each slice extracted on its own and the blocks
// concatenated, so peak memory is bounded by the slice, not by the page.
#include "ingest/html.h"

#include <cld2/public/compact_lang_det.h>

#include <cctype>

#include "ingest/encoding.h"
#include "ingest/html_dom.h"
#include "ingest/html_extract.h"
#include "ingest/html_meta.h"
#include "util/utf8.h"

namespace dyad::ingest {
namespace {

constexpr std::size_t kSliceBytes = 8u << 20;

bool StartsWithCi(std::string_view s, std::size_t i, std::string_view w) {
  if (i + w.size() > s.size()) return false;
  for (std::size_t k = 0; k < w.size(); ++k) {
    if (std::tolower(static_cast<unsigned char>(s[i + k])) != w[k]) return false;
  }
  return true;
}

// Language of the extracted text by cld2, else the declared one. cld2 reads
// the first 1 KiB (its time grows with the input; 1 KiB of prose, some 150
// words, is plenty for a reliable answer: on the 1,171 benchmark pages it
// gives the same language as 2 KiB on every page, 512 bytes does not) and
// the first 4 KiB when that answer is unsure.
std::string DetectLanguage(const std::string& text, const std::string& declared) {
  for (std::size_t cap : {std::size_t{1024}, std::size_t{4096}}) {
    if (text.empty()) break;
    bool reliable = false;
    int len = static_cast<int>(std::min<std::size_t>(text.size(), cap));
    // Do not cut a UTF-8 sequence.
    while (len > 0 && len < static_cast<int>(text.size()) &&
           (static_cast<unsigned char>(text[len]) & 0xC0) == 0x80) {
      --len;
    }
    CLD2::Language lang = CLD2::DetectLanguage(text.data(), len, /*is_plain_text=*/true, &reliable);
    if (reliable && lang != CLD2::UNKNOWN_LANGUAGE) {
      std::string code = CLD2::LanguageCode(lang);
      // cld2 writes Chinese as "zh"/"zh-Hant"; keep the primary subtag.
      std::size_t dash = code.find('-');
      if (dash != std::string::npos) code.resize(dash);
      return code;
    }
    if (text.size() <= cap) break;  // The longer try would read the same text.
  }
  if (declared.size() >= 2 && declared.size() <= 3) return declared;
  return "";
}

// Splits markup into slices of about kSliceBytes, each ending just before a
// '<' that starts a block-level tag when one is near, else before any '<'.
std::vector<std::string_view> Slices(std::string_view html) {
  std::vector<std::string_view> out;
  std::size_t begin = 0;
  while (html.size() - begin > kSliceBytes) {
    std::size_t cut = begin + kSliceBytes;
    std::size_t best = std::string_view::npos;
    for (std::size_t p = html.find('<', cut); p != std::string_view::npos && p < cut + 65536;
         p = html.find('<', p + 1)) {
      if (StartsWithCi(html, p, "<p") || StartsWithCi(html, p, "<div") ||
          StartsWithCi(html, p, "</p") || StartsWithCi(html, p, "</div")) {
        best = p;
        break;
      }
    }
    if (best == std::string_view::npos) best = html.find('<', cut);
    if (best == std::string_view::npos) break;
    out.push_back(html.substr(begin, best - begin));
    begin = best;
  }
  out.push_back(html.substr(begin));
  return out;
}

}  // namespace

bool SniffHtml(std::string_view bytes) {
  std::size_t i = 0;
  if (utf8::HasBom(bytes)) i = 3;
  while (i < bytes.size() && std::isspace(static_cast<unsigned char>(bytes[i]))) ++i;
  if (StartsWithCi(bytes, i, "<!doctype html") || StartsWithCi(bytes, i, "<html")) return true;
  std::string_view head = bytes.substr(0, 1024);
  for (std::size_t p = head.find('<'); p != std::string_view::npos; p = head.find('<', p + 1)) {
    if (StartsWithCi(head, p, "<html") || StartsWithCi(head, p, "<head") ||
        StartsWithCi(head, p, "<body")) {
      return true;
    }
  }
  return false;
}

StatusOr<Document> HtmlToDocument(std::string id, std::string_view bytes,
                                  const InputOptions& options) {
  // Fast path: clean UTF-8 (the common case) is parsed in place; the text
  // is NFC-normalised after extraction, not the whole markup before it.
  DecodedText decoded_storage;
  std::string_view html_utf8;
  std::string why;
  if (!utf8::HasBom(bytes) && !(bytes.size() >= 2 && (bytes[0] == '\xFF' || bytes[0] == '\xFE')) &&
      utf8::IsValidWithoutNul(bytes) &&
      !LooksBinary(bytes, &why)) {
    html_utf8 = bytes;
    decoded_storage.encoding = "UTF-8";
  } else {
    std::string declared = html::SniffDeclaredCharset(bytes);
    auto decoded = DecodeToUtf8(bytes, options, declared);
    if (!decoded.ok()) return decoded.status();
    decoded_storage = std::move(*decoded);
    html_utf8 = decoded_storage.text;
  }
  Document doc;
  doc.id = std::move(id);
  doc.format = SourceFormat::kHtml;
  doc.encoding = decoded_storage.encoding;
  doc.warnings = std::move(decoded_storage.warnings);

  html::ExtractOptions xo;
  xo.keep_captions = options.keep_captions;
  html::PageMetadata meta;
  std::vector<html::ExtractedBlock> blocks;
  std::string method;
  std::vector<std::string_view> slices = Slices(html_utf8);
  if (slices.size() > 1) {
    doc.warnings.push_back("html: large page parsed in " + std::to_string(slices.size()) +
                           " slices");
  }
  bool flattened = false;
  for (std::size_t s = 0; s < slices.size(); ++s) {
    auto dom = html::HtmlDom::Parse(slices[s]);
    if (!dom.ok()) return dom.status();
    flattened |= dom->flattened();
    if (s == 0) {
      meta = html::ExtractMetadata(*dom);
      xo.title = meta.title;
    }
    html::Extraction ex = html::ExtractMainContent(*dom, xo);
    if (s == 0) method = ex.method;
    for (auto& b : ex.blocks) blocks.push_back(std::move(b));
    if (slices.size() == 1) {
      for (auto& w : ex.warnings) doc.warnings.push_back(std::move(w));
    }
  }
  if (flattened) doc.warnings.push_back("html: nesting too deep; flattened before parsing");

  std::string text;
  for (const auto& b : blocks) {
    if (b.text.empty()) continue;
    if (!text.empty()) text += "\n\n";
    if (text.size() + b.text.size() > UINT32_MAX) {
      return ResourceExhaustedError("document text is over 4 GiB");
    }
    Span span{static_cast<std::uint32_t>(text.size()),
              static_cast<std::uint32_t>(text.size() + b.text.size())};
    text += b.text;
    doc.blocks.push_back({span, b.kind});
  }
  // The text is valid UTF-8 (checked or transcoded above); NFC as every
  // ingest path does.
  std::string nfc = NormalizeNfc(text);
  if (nfc.size() != text.size()) {
    // Normalisation changed lengths: recompute spans block by block.
    doc.blocks.clear();
    text.clear();
    for (const auto& b : blocks) {
      if (b.text.empty()) continue;
      std::string t = NormalizeNfc(b.text);
      if (!text.empty()) text += "\n\n";
      doc.blocks.push_back({{static_cast<std::uint32_t>(text.size()),
                             static_cast<std::uint32_t>(text.size() + t.size())},
                            b.kind});
      text += t;
    }
  } else {
    text = std::move(nfc);
  }
  doc.text = std::move(text);
  if (blocks.empty() && slices.size() > 1) {
    doc.warnings.push_back("html: no main content found (the page is all boilerplate)");
  }
  doc.title = meta.title;
  doc.author = meta.author;
  doc.canonical_url = meta.canonical_url;
  doc.url = meta.canonical_url;
  doc.date = meta.date;
  if (doc.date.empty() && !doc.text.empty()) doc.date = html::FindDateline(doc.text);
  doc.language = DetectLanguage(doc.text, meta.language);
  (void)method;
  return doc;
}

}  // namespace dyad::ingest
