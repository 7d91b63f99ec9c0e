// Feature hashing shared by the tagger, parser and NER.
//
// A feature is a template id plus up to three atomic values (word hashes,
// tag ids, distances), mixed into one 64-bit key. Models never store
// feature strings, only keys, so feature extraction is a few multiplies and
// never allocates. Keys are stable across platforms and runs (they are part
// of the model files).
#ifndef DYAD_ANALYZE_FEATURES_H_
#define DYAD_ANALYZE_FEATURES_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace dyad::analyze {

// The splitmix64 finalizer: a fast bijective mixer.
inline std::uint64_t Mix64(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// FNV-1a over bytes, then mixed.
inline std::uint64_t HashStr(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return Mix64(h);
}

// The key of template `t` over values a, b, c. Never 0.
inline std::uint64_t FeatKey(std::uint32_t t, std::uint64_t a, std::uint64_t b = 0,
                             std::uint64_t c = 0) {
  std::uint64_t h = Mix64(a + 0x9e3779b97f4a7c15ULL * (t + 1));
  h = Mix64(h ^ (b + 0x632be59bd9b4e019ULL));
  if (c) h = Mix64(h ^ (c * 0x85ebca77c2b2ae63ULL));
  return h ? h : 1;
}

// ASCII lower-casing (non-ASCII bytes are kept).
inline void LowerAscii(std::string_view s, std::string* out) {
  out->assign(s);
  for (char& c : *out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

// The words [begin, end) lower-cased (ASCII) and joined by single spaces.
template <typename Words>
std::string LowerJoined(const Words& words, std::size_t begin, std::size_t end) {
  std::string out, word;
  for (std::size_t k = begin; k < end; ++k) {
    LowerAscii(words[k], &word);
    if (k > begin) out += ' ';
    out += word;
  }
  return out;
}

// Word shape: A-Z -> X, a-z -> x, 0-9 -> d, non-ASCII bytes -> u, other
// bytes kept; runs longer than 3 are cut to 3 ("Washington" -> "Xxxx"
// is "Xxxx"; "1990s" -> "dddx").
inline std::string WordShape(std::string_view s) {
  std::string out;
  char last = 0;
  int run = 0;
  for (unsigned char c : s) {
    char k;
    if (c >= 'A' && c <= 'Z') k = 'X';
    else if (c >= 'a' && c <= 'z') k = 'x';
    else if (c >= '0' && c <= '9') k = 'd';
    else if (c >= 0x80) k = 'u';
    else k = static_cast<char>(c);
    run = (k == last) ? run + 1 : 1;
    last = k;
    if (run <= 3) out.push_back(k);
  }
  return out;
}

}  // namespace dyad::analyze

#endif  // DYAD_ANALYZE_FEATURES_H_
