// UTF-8 validation and repair.
#ifndef DYAD_UTIL_UTF8_H_
#define DYAD_UTIL_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace dyad::utf8 {

// Returns the byte length of the valid UTF-8 sequence starting at s[i], or 0
// when the bytes there are not valid UTF-8 (overlongs, surrogates and code
// points above U+10FFFF are invalid).
std::size_t ValidSequenceLength(std::string_view s, std::size_t i);

// Returns the offset of the first invalid byte, or s.size() when valid.
std::size_t FindInvalid(std::string_view s);

inline bool IsValid(std::string_view s) { return FindInvalid(s) == s.size(); }

// Whether s is valid UTF-8 and holds no NUL byte, in one pass (the check
// every HTML page goes through before it is parsed in place).
bool IsValidWithoutNul(std::string_view s);

// Copies s, replacing each maximal invalid subpart with U+FFFD. Returns the
// number of replacements through *replaced (may be null).
std::string Repair(std::string_view s, std::size_t* replaced);

// Decodes the code point at s[*i] and advances *i. Precondition: valid UTF-8.
char32_t Decode(std::string_view s, std::size_t* i);

// Appends the UTF-8 encoding of cp to *out.
void Append(char32_t cp, std::string* out);

// Whether the bytes look like a UTF-8 BOM at the start.
inline bool HasBom(std::string_view s) {
  return s.size() >= 3 && static_cast<unsigned char>(s[0]) == 0xEF &&
         static_cast<unsigned char>(s[1]) == 0xBB &&
         static_cast<unsigned char>(s[2]) == 0xBF;
}

}  // namespace dyad::utf8

#endif  // DYAD_UTIL_UTF8_H_
