#include "ingest/encoding.h"

#include <uchardet/uchardet.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "util/utf8.h"
#include "util/strings.h"

namespace dyad::ingest {
namespace {


bool IsUtf8Name(const std::string& name) {
  std::string u = Upper(name);
  return u == "UTF-8" || u == "UTF8" || u == "ASCII" || u == "US-ASCII";
}

}  // namespace

bool LooksBinary(std::string_view bytes, std::string* why) {
  std::size_t n = std::min<std::size_t>(bytes.size(), 64 * 1024);
  if (n == 0) return false;
  std::size_t nul = 0, ctrl = 0;
  // Comparisons only, so that the compiler vectorizes the loop: it runs on
  // every page. Control bytes are those below 0x20 other than NUL, the
  // whitespace controls (\t \n \v \f \r) and ESC.
  // Byte-wide counters over blocks of 255 bytes vectorize best.
  for (std::size_t b = 0; b < n; b += 255) {
    const std::size_t e = std::min(n, b + 255);
    unsigned char block_nul = 0, block_ctrl = 0;
    for (std::size_t i = b; i < e; ++i) {
      unsigned char c = static_cast<unsigned char>(bytes[i]);
      block_nul += c == 0;
      block_ctrl += (c < 0x20) & (c != 0) & ((c < '\t') | (c > '\r')) & (c != 0x1B);
    }
    nul += block_nul;
    ctrl += block_ctrl;
  }
  // Text may carry a stray NUL; binary formats have many.
  // A handful of stray bytes in a short text is damage, not a binary file.
  if ((nul >= 4 && nul * 100 > n) || (nul + ctrl >= 4 && (nul + ctrl) * 20 > n)) {
    if (why) {
      *why = "looks like binary data: " + std::to_string(nul + ctrl) +
             " control or NUL bytes in the first " + std::to_string(n) + " bytes";
    }
    return true;
  }
  return false;
}

std::string DetectEncoding(std::string_view bytes) {
  uchardet_t ud = uchardet_new();
  // uchardet gains little past the first few hundred KiB.
  std::size_t n = std::min<std::size_t>(bytes.size(), 1 << 20);
  std::string result;
  if (uchardet_handle_data(ud, bytes.data(), n) == 0) {
    uchardet_data_end(ud);
    const char* cs = uchardet_get_charset(ud);
    if (cs) result = cs;
  }
  uchardet_delete(ud);
  return result;
}

StatusOr<std::string> ConvertToUtf8(std::string_view bytes, const char* encoding) {
  UErrorCode err = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(encoding, &err);
  if (U_FAILURE(err)) {
    return InvalidArgumentError(std::string("unknown encoding '") + encoding + "'");
  }
  std::unique_ptr<UConverter, void (*)(UConverter*)> guard(conv, ucnv_close);
  icu::UnicodeString us(bytes.data(), static_cast<int32_t>(bytes.size()), conv, err);
  if (U_FAILURE(err)) {
    return DataLossError(std::string("cannot decode as ") + encoding + ": " +
                         u_errorName(err));
  }
  std::string out;
  us.toUTF8String(out);
  return out;
}

bool NfcInertText(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
    } else if (c >= 0xC2 && c < 0xCC && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
      i += 2;  // U+0080..U+02FF
    } else if (c == 0xE2 && i + 2 < n && (p[i + 2] & 0xC0) == 0x80 &&
               ((p[i + 1] == 0x80 && p[i + 2] >= 0x82) ||                 // U+2002..U+203F
                (p[i + 1] == 0x82 && p[i + 2] == 0xAC))) {                // U+20AC
      i += 3;
    } else {
      return false;
    }
  }
  return true;
}

std::string NormalizeNfc(std::string_view s) {
  // ASCII, Latin letters with their accents precomposed, typographic
  // punctuation (the common case) is already NFC.
  if (NfcInertText(s)) return std::string(s);
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err)) return std::string(s);
  // Checked and normalized on the UTF-8 bytes themselves (no UTF-16 copy).
  const icu::StringPiece piece(s.data(), static_cast<int32_t>(s.size()));
  if (nfc->isNormalizedUTF8(piece, err) && U_SUCCESS(err)) return std::string(s);
  err = U_ZERO_ERROR;
  std::string out;
  out.reserve(s.size());
  icu::StringByteSink<std::string> sink(&out);
  nfc->normalizeUTF8(0, piece, sink, nullptr, err);
  if (U_FAILURE(err)) return std::string(s);
  return out;
}

StatusOr<DecodedText> DecodeToUtf8(std::string_view bytes, const InputOptions& options,
                                   std::string_view declared) {
  DecodedText out;
  // UTF-16 byte-order marks: decode as UTF-16 before any other check, since
  // UTF-16 text is full of NUL bytes.
  if (bytes.size() >= 2 && ((static_cast<unsigned char>(bytes[0]) == 0xFF &&
                             static_cast<unsigned char>(bytes[1]) == 0xFE) ||
                            (static_cast<unsigned char>(bytes[0]) == 0xFE &&
                             static_cast<unsigned char>(bytes[1]) == 0xFF))) {
    auto conv = ConvertToUtf8(bytes, "UTF-16");  // ICU reads and drops the BOM.
    if (!conv.ok()) return conv.status();
    out.text = NormalizeNfc(*conv);
    out.encoding = "UTF-16";
    return out;
  }
  if (utf8::HasBom(bytes)) bytes.remove_prefix(3);

  std::string why;
  if (LooksBinary(bytes, &why)) return DataLossError(why);

  std::string cleaned;
  std::string_view src = bytes;
  if (bytes.find('\0') != std::string_view::npos) {
    cleaned.reserve(bytes.size());
    std::size_t removed = 0;
    for (char c : bytes) {
      if (c == '\0') {
        ++removed;
      } else {
        cleaned.push_back(c);
      }
    }
    out.warnings.push_back("removed " + std::to_string(removed) + " NUL byte(s)");
    src = cleaned;
  }

  std::size_t bad = utf8::FindInvalid(src);
  if (bad == src.size()) {
    out.encoding = "UTF-8";
    out.text = NormalizeNfc(src);
    return out;
  }

  // Not UTF-8: a declared charset, else detection, else repair or reject.
  std::string guess(declared);
  if (guess.empty() || IsUtf8Name(guess)) guess = DetectEncoding(src);
  if (!guess.empty() && !IsUtf8Name(guess)) {
    // ISO-8859-1 as detected is nearly always Windows-1252 in the wild.
    std::string name = Upper(guess) == "ISO-8859-1" ? "WINDOWS-1252" : guess;
    auto conv = ConvertToUtf8(src, name.c_str());
    if (conv.ok() && utf8::IsValid(*conv)) {
      out.encoding = name;
      out.text = NormalizeNfc(*conv);
      out.warnings.push_back("decoded from " + name);
      return out;
    }
  }
  if (options.invalid_utf8 == InvalidUtf8Policy::kReject) {
    return DataLossError("invalid UTF-8 at byte " + std::to_string(bad));
  }
  std::size_t replaced = 0;
  out.text = NormalizeNfc(utf8::Repair(src, &replaced));
  out.encoding = "UTF-8";
  out.warnings.push_back("replaced " + std::to_string(replaced) +
                         " invalid UTF-8 sequence(s), first at byte " + std::to_string(bad));
  return out;
}

}  // namespace dyad::ingest
