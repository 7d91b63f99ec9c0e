#include "util/utf8.h"

#include <algorithm>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace dyad::utf8 {

std::size_t ValidSequenceLength(std::string_view s, std::size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  unsigned char c = p[i];
  if (c < 0x80) return 1;
  auto cont = [&](std::size_t k) { return i + k < n && (p[i + k] & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    unsigned char c1 = p[i + 1];
    if (c == 0xE0 && c1 < 0xA0) return 0;  // overlong
    if (c == 0xED && c1 >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    unsigned char c1 = p[i + 1];
    if (c == 0xF0 && c1 < 0x90) return 0;  // overlong
    if (c == 0xF4 && c1 >= 0x90) return 0;  // > U+10FFFF
    return 4;
  }
  return 0;
}

std::size_t FindInvalid(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    // Fast path over ASCII, 8 bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t w;
      __builtin_memcpy(&w, s.data() + i, 8);
      if (w & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    std::size_t len = ValidSequenceLength(s, i);
    if (len == 0) return i;
    i += len;
  }
  return n;
}

namespace {

// Whether a word of ASCII bytes (high bits clear) holds a zero byte.
inline bool HasZeroByte(std::uint64_t w) {
  return ((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull) != 0;
}

}  // namespace

bool IsValidWithoutNul(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    // Fast path over ASCII: 32 bytes at a time, then 8.
#ifdef __SSE2__
    const __m128i zero = _mm_setzero_si128();
    while (i + 32 <= n) {
      __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 16));
      if (_mm_movemask_epi8(_mm_or_si128(a, b)) != 0) break;  // A byte above 0x7F.
      __m128i z = _mm_or_si128(_mm_cmpeq_epi8(a, zero), _mm_cmpeq_epi8(b, zero));
      if (_mm_movemask_epi8(z) != 0) return false;
      i += 32;
    }
#else
    while (i + 32 <= n) {
      std::uint64_t w[4];
      __builtin_memcpy(w, p + i, 32);
      if ((w[0] | w[1] | w[2] | w[3]) & 0x8080808080808080ull) break;
      if (HasZeroByte(w[0]) || HasZeroByte(w[1]) || HasZeroByte(w[2]) || HasZeroByte(w[3])) {
        return false;
      }
      i += 32;
    }
#endif
    if (i >= n) break;
    if (i + 8 <= n) {
      std::uint64_t w;
      __builtin_memcpy(&w, p + i, 8);
      if (!(w & 0x8080808080808080ull)) {
        if (HasZeroByte(w)) return false;
        i += 8;
        continue;
      }
    }
    unsigned char c = p[i];
    if (c < 0x80) {
      if (c == 0) return false;
      ++i;
    } else if (c >= 0xC2 && c <= 0xDF && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
      i += 2;
    } else {
      std::size_t len = ValidSequenceLength(s, i);
      if (len == 0) return false;
      i += len;
    }
  }
  return true;
}

std::string Repair(std::string_view s, std::size_t* replaced) {
  std::string out;
  out.reserve(s.size());
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t len = ValidSequenceLength(s, i);
    if (len > 0) {
      out.append(s.data() + i, len);
      i += len;
    } else {
      out.append("\xEF\xBF\xBD");
      ++count;
      // Skip the lead byte and any continuation bytes after it.
      ++i;
      while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    }
  }
  if (replaced) *replaced = count;
  return out;
}

char32_t Decode(std::string_view s, std::size_t* i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  unsigned char c = p[*i];
  if (c < 0x80) {
    ++*i;
    return c;
  }
  if (c < 0xE0) {
    char32_t cp = ((c & 0x1F) << 6) | (p[*i + 1] & 0x3F);
    *i += 2;
    return cp;
  }
  if (c < 0xF0) {
    char32_t cp = ((c & 0x0F) << 12) | ((p[*i + 1] & 0x3F) << 6) | (p[*i + 2] & 0x3F);
    *i += 3;
    return cp;
  }
  char32_t cp = ((c & 0x07) << 18) | ((p[*i + 1] & 0x3F) << 12) |
                ((p[*i + 2] & 0x3F) << 6) | (p[*i + 3] & 0x3F);
  *i += 4;
  return cp;
}

void Append(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace dyad::utf8
