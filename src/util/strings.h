// Small ASCII string helpers shared across the library.
#ifndef DYAD_UTIL_STRINGS_H_
#define DYAD_UTIL_STRINGS_H_

#include <cctype>
#include <string>
#include <string_view>

namespace dyad {

// s without leading and trailing ASCII white space (isspace).
inline std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// s with ASCII letters upper-cased; other bytes (UTF-8 included) unchanged.
inline std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// s with ASCII letters lower-cased; other bytes (UTF-8 included) unchanged.
inline std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace dyad

#endif  // DYAD_UTIL_STRINGS_H_
