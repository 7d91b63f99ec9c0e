#include "actors/words.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <functional>
#include <set>
#include <string>

namespace dyad::actors {
namespace {

void AppendUtf8(UChar32 c, std::string* out) {
  char buf[4];
  int32_t n = 0;
  UBool err = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), n, 4, c, err);
  if (!err) out->append(buf, n);
}

bool IsAlnum(UChar32 c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
  return u_isalnum(c) || u_hasBinaryProperty(c, UCHAR_DIACRITIC) ||
         u_getCombiningClass(c) != 0;
}

UChar32 FoldChar(UChar32 c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  return u_foldCase(c, U_FOLD_CASE_DEFAULT);
}

// Length of a trailing possessive suffix of `t` ('s, ’s, s', s’), or 0.
size_t PossessiveSuffix(std::string_view t) {
  auto ends = [&](std::string_view suf) {
    return t.size() > suf.size() && t.substr(t.size() - suf.size()) == suf;
  };
  if (ends("'s") || ends("'S")) return 2;
  if (ends("\xE2\x80\x99s") || ends("\xE2\x80\x99S")) return 4;
  if (t.size() > 2 && (t[t.size() - 2] == 's' || t[t.size() - 2] == 'S')) {
    if (t.back() == '\'') return 1;
  }
  if (ends("s\xE2\x80\x99") || ends("S\xE2\x80\x99")) return 3;
  return 0;
}

}  // namespace

std::string Fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  const uint8_t* p = reinterpret_cast<const uint8_t*>(s.data());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) continue;
    AppendUtf8(FoldChar(c), &out);
  }
  return out;
}

namespace {

int Words(std::string_view token, bool strip_possessive, std::vector<std::string>* out,
          bool* possessive) {
  if (possessive) *possessive = false;
  if (token.empty()) return 0;
  size_t suf = strip_possessive ? PossessiveSuffix(token) : 0;
  if (suf > 0) {
    token = token.substr(0, token.size() - suf);
    if (possessive) *possessive = true;
  }
  int added = 0;
  std::string cur;
  int32_t i = 0, n = static_cast<int32_t>(token.size());
  const uint8_t* p = reinterpret_cast<const uint8_t*>(token.data());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c >= 0 && IsAlnum(c)) {
      AppendUtf8(FoldChar(c), &cur);
    } else if (!cur.empty()) {
      out->push_back(std::move(cur));
      cur.clear();
      ++added;
    }
  }
  if (!cur.empty()) {
    out->push_back(std::move(cur));
    ++added;
  }
  if (added == 0) {
    out->push_back(Fold(token));
    added = 1;
  }
  return added;
}

}  // namespace

int TokenWords(std::string_view token, std::vector<std::string>* out, bool* possessive) {
  return Words(token, true, out, possessive);
}

std::vector<std::string> FormWords(std::string_view surface) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < surface.size()) {
    while (i < surface.size() &&
           (surface[i] == ' ' || surface[i] == '\t' || surface[i] == '_')) {
      ++i;
    }
    size_t j = i;
    while (j < surface.size() && surface[j] != ' ' && surface[j] != '\t' && surface[j] != '_') ++j;
    if (j > i) Words(surface.substr(i, j - i), true, &out, nullptr);
    i = j;
  }
  return out;
}

bool IsPossessiveClitic(std::string_view t) {
  return t == "'s" || t == "'S" || t == "\xE2\x80\x99s" || t == "\xE2\x80\x99S" || t == "'" ||
         t == "\xE2\x80\x99";
}

bool StartsUpper(std::string_view token) {
  if (token.empty()) return false;
  int32_t i = 0, n = static_cast<int32_t>(token.size());
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(token.data()), i, n, c);
  return c >= 0 && u_isupper(c);
}

bool IsAllyNoun(std::string_view word) {
  return word == "ally" || word == "allies" || word == "proxy" ||
         word == "proxies";
}

bool IsLocativeWord(std::string_view word) {
  static const std::set<std::string, std::less<>> kWords = {
      "in", "at", "from", "to", "near", "into", "outside", "across", "around", "via",
      "through", "inside", "toward", "towards", "between", "visit", "visited"};
  return kWords.count(word) > 0;
}

}  // namespace dyad::actors
