// The tokenizer is a hand-written scanner over UTF-8 bytes. For every
// whitespace-delimited chunk it alternates between two scanners:
//
//   Word()  takes a maximal run of letters and digits plus the joiners that
//           UD keeps inside a word when they stand between two such
//           characters ("3.5", "U.S", "2:30", "AT&T", "O'Brien", "e-mail").
//           It then decides on a trailing period (abbreviations keep it),
//           clitics (multi-word tokens) and the possessive "s'".
//   Punct() takes one punctuation token: a single character, or a run that
//           UD keeps whole ("...", "--", "!!!", "====", "<<", ":-)").
//
// URLs and e-mail addresses are recognized at the start of a word and take
// the rest of the chunk minus trailing punctuation.
//
// Each byte is looked at a bounded number of times (the clitic and URL
// checks look a few bytes ahead), so the cost is linear in the text.
#include "text/tokenizer.h"

#include <unicode/uchar.h>

#include <cstring>

#include "text/abbreviations.h"

namespace dyad::text {
namespace {

enum CharClass : std::uint8_t { kSpace, kLetter, kDigit, kPunct };

struct Char {
  char32_t cp;
  std::uint8_t len;
  std::uint8_t cls;
};

bool IsUnicodeSpace(char32_t c) {
  return c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

bool IsUnicodePunct(char32_t c) {
  if (c < 0x00C0) return c >= 0x00A1 && c != 0x00AA && c != 0x00B5 && c != 0x00BA &&
                         !(c >= 0x00B2 && c <= 0x00B3) && c != 0x00B9;
  if (c == 0x00D7 || c == 0x00F7) return true;
  if (c >= 0x2010 && c <= 0x2BFF) return true;  // punctuation, symbols, arrows, shapes
  if (c >= 0x3000 && c <= 0x303F) return true;  // CJK punctuation
  if (c >= 0xFE30 && c <= 0xFE4F) return true;
  if (c >= 0xFF01 && c <= 0xFF0F) return true;
  if (c >= 0xFF1A && c <= 0xFF20) return true;
  if (c >= 0x1F000 && c <= 0x1FAFF) return true;  // emoji and pictographs
  return false;
}

// ASCII classes: 0 space, 1 letter, 2 digit, 3 punct.
constexpr std::uint8_t AsciiClass(unsigned char c) {
  if (c == ' ' || (c >= '\t' && c <= '\r')) return kSpace;
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return kLetter;
  if (c >= '0' && c <= '9') return kDigit;
  if (c < 0x20 || c == 0x7F) return kSpace;  // other controls separate words
  return kPunct;
}

struct AsciiTable {
  std::uint8_t cls[128];
  constexpr AsciiTable() : cls() {
    for (int i = 0; i < 128; ++i) cls[i] = AsciiClass(static_cast<unsigned char>(i));
  }
};
constexpr AsciiTable kAscii;

// Decodes the character at p (< e). Invalid UTF-8 bytes count as letters.
inline Char Peek(std::string_view t, std::uint32_t p, std::uint32_t e) {
  unsigned char c = static_cast<unsigned char>(t[p]);
  if (c < 0x80) return {c, 1, kAscii.cls[c]};
  std::uint32_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (n == 1 || p + n > e) return {0xFFFD, 1, kLetter};
  char32_t cp = c & (0x3F >> (n - 1));
  for (std::uint32_t i = 1; i < n; ++i) {
    unsigned char d = static_cast<unsigned char>(t[p + i]);
    if ((d & 0xC0) != 0x80) return {0xFFFD, 1, kLetter};
    cp = (cp << 6) | (d & 0x3F);
  }
  std::uint8_t cls = IsUnicodeSpace(cp)   ? kSpace
                     : IsUnicodePunct(cp) ? kPunct
                     : u_isdigit(cp)      ? kDigit
                                          : kLetter;
  return {cp, static_cast<std::uint8_t>(n), cls};
}

inline bool IsAlnum(std::uint8_t cls) { return cls == kLetter || cls == kDigit; }
inline char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c; }

bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2019; }

// Prefixes that stay joined to the rest of a hyphenated word, as in the UD
// English treebanks ("e-mail", "non-profit", "re-elected", "co-workers").
constexpr std::string_view kHyphenPrefixes[] = {
    "anti", "bi",   "co",    "counter", "cross", "de",   "e",     "ex",    "extra",
    "hyper", "inter", "intra", "macro", "mega", "meta", "micro", "mid",  "mini",
    "multi", "neo",  "non",   "over",  "pan",  "post", "pre",   "pro",  "proto",
    "pseudo", "re",  "semi",  "sub",   "super", "trans", "ultra", "un",  "vice",
};

bool IsHyphenPrefix(std::string_view t, std::uint32_t b, std::uint32_t e) {
  std::uint32_t n = e - b;
  if (n == 0 || n > 7) return false;
  char buf[8];
  for (std::uint32_t i = 0; i < n; ++i) buf[i] = Lower(t[b + i]);
  std::string_view w(buf, n);
  for (std::string_view p : kHyphenPrefixes) {
    if (p == w) return true;
  }
  return false;
}

// Apostrophe-less contractions that UD splits: word -> length of the first part.
struct Contraction {
  std::string_view word;
  std::uint8_t split;
  std::uint8_t split2 = 0;  // a second split point, 0 = none
};
constexpr Contraction kContractions[] = {
    {"cannot", 3}, {"gonna", 3},   {"wanna", 3},    {"gotta", 3},   {"dont", 2},
    {"didnt", 3},  {"doesnt", 4},  {"cant", 2},     {"wont", 2},    {"isnt", 2},
    {"wasnt", 3},  {"arent", 3},   {"werent", 4},   {"aint", 2},    {"couldnt", 5},
    {"wouldnt", 5}, {"shouldnt", 6}, {"havent", 4}, {"hasnt", 3},   {"hadnt", 3},
    {"im", 1},     {"ive", 1},     {"outta", 3},    {"thats", 4},   {"whats", 4},
    {"theres", 5}, {"youre", 3},   {"dunno", 2, 3}, {"gimme", 3},   {"lemme", 3},
};

// Packs up to 8 lower-cased bytes into an integer for cheap comparisons.
constexpr std::uint64_t Pack(std::string_view w) {
  std::uint64_t k = 0;
  for (char c : w) k = (k << 8) | static_cast<unsigned char>(c);
  return k;
}

struct PackedContractions {
  std::uint64_t keys[std::size(kContractions)];
  constexpr PackedContractions() : keys() {
    for (std::size_t i = 0; i < std::size(kContractions); ++i) keys[i] = Pack(kContractions[i].word);
  }
};
constexpr PackedContractions kPackedContractions;

const Contraction* FindContraction(std::string_view t, std::uint32_t b, std::uint32_t e) {
  std::uint32_t n = e - b;
  if (n < 2 || n > 8) return nullptr;
  // All listed words end in one of these letters.
  char last = Lower(t[e - 1]);
  if (last != 't' && last != 'a' && last != 'm' && last != 'e' && last != 's' && last != 'o') {
    return nullptr;
  }
  std::uint64_t k = 0;
  for (std::uint32_t i = 0; i < n; ++i) k = (k << 8) | static_cast<unsigned char>(Lower(t[b + i]));
  for (std::size_t i = 0; i < std::size(kContractions); ++i) {
    if (kPackedContractions.keys[i] == k) return &kContractions[i];
  }
  return nullptr;
}

// Numbers with '-' or '/' stay whole when they look like phone numbers or
// dates ("212-555-0147", "555-0199", "11/04/2019"); ranges and fractions
// ("13-17", "24/7") are split. `q` is at the first separator.
bool JoinNumberSeparator(std::string_view t, std::uint32_t seg, std::uint32_t q, std::uint32_t e) {
  const char sep = t[q];
  int count = 0;
  std::uint32_t first_len = q - seg, second_len = 0;
  std::uint32_t r = q;
  while (r < e && t[r] == sep && r + 1 < e && t[r + 1] >= '0' && t[r + 1] <= '9') {
    ++count;
    std::uint32_t d = r + 1;
    while (d < e && t[d] >= '0' && t[d] <= '9') ++d;
    if (count == 1) second_len = d - r - 1;
    r = d;
  }
  if (count >= 2) return true;
  return sep == '-' && first_len == 3 && second_len == 4;
}

// Roman numerals used as list markers.
bool IsSmallRoman(std::string_view w) {
  static constexpr std::string_view kRoman[] = {"i", "ii", "iii", "iv", "v", "vi", "vii",
                                                "viii", "ix", "x", "I", "II", "III", "IV",
                                                "V", "VI", "VII", "VIII", "IX", "X"};
  for (std::string_view r : kRoman) {
    if (r == w) return true;
  }
  return false;
}

// A list marker filling a whole chunk: "1." "12." "a)" "(b)" "(iv)" "ii)".
bool IsListMarker(std::string_view chunk) {
  if (chunk.size() < 2 || chunk.size() > 6) return false;
  bool paren_open = chunk.front() == '(';
  char last = chunk.back();
  if (last != '.' && last != ')') return false;
  if (paren_open && last != ')') return false;
  std::string_view core = chunk.substr(paren_open ? 1 : 0);
  core.remove_suffix(1);
  if (core.empty()) return false;
  bool digits = true;
  for (char c : core) digits &= c >= '0' && c <= '9';
  if (digits) return core.size() <= 3;
  if (core.size() == 1 && ((core[0] | 0x20) >= 'a' && (core[0] | 0x20) <= 'z')) return last == ')';
  return last == ')' && IsSmallRoman(core);
}

bool StartsWithNoCase(std::string_view t, std::uint32_t p, std::uint32_t e, std::string_view pre) {
  if (e - p < pre.size()) return false;
  for (std::size_t i = 0; i < pre.size(); ++i) {
    if (Lower(t[p + i]) != pre[i]) return false;
  }
  return true;
}

std::uint8_t PunctShape(char32_t c) {
  switch (c) {
    case '.': return kShapePeriod;
    case '?': case '!': case 0x203C: case 0x2047: case 0x2048: case 0x2049:
      return kShapeStop;
    case 0x2026: return kShapeEllipsis;
    case ',': return kShapeComma;
    case ':': return kShapeColon;
    case ';': return kShapeSemicolon;
    case '(': case '[': case '{': case '<': case 0x201C: case 0x2018: case 0x00AB:
    case 0x2039: case 0x201E:
      return kShapeOpen;
    case ')': case ']': case '}': case '>': case 0x201D: case 0x2019: case 0x00BB:
    case 0x203A:
      return kShapeClose;
    case '"': case '\'': case '`': return kShapeQuote;
    case '-': case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
    case 0x2015: case 0x2212:
      return kShapeDash;
    case 0x2022: case 0x00B7: case 0x25AA: case 0x25CF: case 0x25BA: case 0x2023:
    case 0x25E6: case 0x2043:
      return kShapeBullet;
    default: return kShapeSymbol;
  }
}

}  // namespace

std::uint64_t HashLower(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (char c : s) {
    h ^= static_cast<unsigned char>(Lower(c));
    h *= 1099511628211ull;
  }
  return h;
}

Tokenizer::Tokenizer(std::string_view text, std::uint32_t begin, std::uint32_t end)
    : text_(text), pos_(begin), end_(end) {
  // Skip leading whitespace.
  while (pos_ < end_) {
    Char c = Peek(text_, pos_, end_);
    if (c.cls != kSpace) break;
    pos_ += c.len;
  }
}

bool Tokenizer::Next(std::vector<RawToken>* out) {
  if (pos_ >= end_) return false;
  std::uint32_t s = pos_, e = pos_;
  while (e < end_) {
    unsigned char b = static_cast<unsigned char>(text_[e]);
    if (b < 0x80) {
      if (kAscii.cls[b] == kSpace) break;
      ++e;
      continue;
    }
    Char c = Peek(text_, e, end_);
    if (c.cls == kSpace) break;
    e += c.len;
  }
  std::size_t first = out->size();
  Chunk(s, e, out);
  // Whitespace after the chunk.
  int lines = 0;
  std::uint32_t p = e;
  while (p < end_) {
    Char c = Peek(text_, p, end_);
    if (c.cls != kSpace) break;
    if (c.cp == '\n' || c.cp == 0x2028 || c.cp == 0x2029 || c.cp == '\f' || c.cp == '\v') {
      ++lines;
    } else if (c.cp == '\r' && !(p + 1 < end_ && text_[p + 1] == '\n')) {
      ++lines;
    }
    p += c.len;
  }
  pos_ = p;
  if (out->size() > first) {
    out->back().gap = p == e ? 0 : lines == 0 ? 1 : lines == 1 ? 2 : 3;
  }
  line_start_ = lines > 0;
  return true;
}

void Tokenizer::Emit(std::uint32_t b, std::uint32_t e, std::uint8_t shape, std::uint8_t mwt,
                     std::vector<RawToken>* out) {
  RawToken t;
  t.begin = b;
  t.end = e;
  t.hash = HashLower(text_.substr(b, e - b));
  t.shape = shape;
  t.mwt = mwt;
  out->push_back(t);
}

void Tokenizer::Chunk(std::uint32_t s, std::uint32_t e, std::vector<RawToken>* out) {
  if (line_start_ && IsListMarker(text_.substr(s, e - s))) {
    Emit(s, e, kShapeBullet, 0, out);
    return;
  }
  std::uint32_t p = s;
  while (p < e) {
    Char c = Peek(text_, p, e);
    if (IsAlnum(c.cls)) {
      p = Word(p, e, out);
    } else {
      p = Punct(p, e, p == s, out);
    }
  }
}

// The shape of a word from its letters.
std::uint8_t WordShape(std::string_view t, std::uint32_t b, std::uint32_t e) {
  Char c = Peek(t, b, e);
  if (c.cls == kDigit) return kShapeNumber;
  bool first_upper = c.cp < 0x80 ? (c.cp >= 'A' && c.cp <= 'Z') : u_isupper(c.cp);
  if (!first_upper) return kShapeLower;
  int letters = 0;
  bool all_upper = true;
  for (std::uint32_t p = b; p < e;) {
    Char d = Peek(t, p, e);
    if (d.cls == kLetter) {
      ++letters;
      if (d.cp < 0x80 ? (d.cp >= 'a' && d.cp <= 'z') : u_islower(d.cp)) all_upper = false;
    }
    p += d.len;
  }
  if (letters == 1) return kShapeInitial;
  return all_upper ? kShapeUpper : kShapeCapital;
}

std::uint32_t Tokenizer::Word(std::uint32_t p, std::uint32_t e, std::vector<RawToken>* out) {
  const std::string_view t = text_;
  // URLs take the rest of the chunk, less trailing punctuation.
  if (StartsWithNoCase(t, p, e, "http://") || StartsWithNoCase(t, p, e, "https://") ||
      StartsWithNoCase(t, p, e, "ftp://") || StartsWithNoCase(t, p, e, "www.")) {
    std::uint32_t q = e;
    bool has_paren = false;
    for (std::uint32_t i = p; i < e; ++i) has_paren |= t[i] == '(';
    while (q > p + 4) {
      char c = t[q - 1];
      if (std::strchr(".,;:!?\"'>]}", c) != nullptr || (c == ')' && !has_paren)) {
        --q;
      } else if (q - p >= 3 && static_cast<unsigned char>(c) >= 0x80) {
        // Trailing non-ASCII punctuation (closing quotes).
        std::uint32_t k = q - 1;
        while (k > p && (static_cast<unsigned char>(t[k]) & 0xC0) == 0x80) --k;
        Char d = Peek(t, k, q);
        if (d.cls != kPunct) break;
        q = k;
      } else {
        break;
      }
    }
    Emit(p, q, kShapeUrl, 0, out);
    return q;
  }
  // E-mail addresses: local@domain.tld
  {
    std::uint32_t q = p;
    while (q < e && (kAscii.cls[static_cast<unsigned char>(t[q]) & 0x7F] == kLetter ||
                     kAscii.cls[static_cast<unsigned char>(t[q]) & 0x7F] == kDigit ||
                     std::strchr("._%+-", t[q]) != nullptr) &&
           static_cast<unsigned char>(t[q]) < 0x80) {
      ++q;
    }
    if (q < e && q > p && t[q] == '@') {
      std::uint32_t r = q + 1;
      bool dot = false;
      while (r < e && static_cast<unsigned char>(t[r]) < 0x80 &&
             (IsAlnum(kAscii.cls[static_cast<unsigned char>(t[r])]) || t[r] == '.' || t[r] == '-')) {
        dot |= t[r] == '.';
        ++r;
      }
      while (r > q + 1 && (t[r - 1] == '.' || t[r - 1] == '-')) --r;
      if (dot && r > q + 3 && t[r - 1] != '.') {
        bool dot_inside = false;
        for (std::uint32_t i = q + 1; i < r; ++i) dot_inside |= t[i] == '.';
        if (dot_inside) {
          Emit(p, r, kShapeUrl, 0, out);
          return r;
        }
      }
    }
  }

  // A word: alphanumerics and joiners.
  std::uint32_t q = p;
  std::uint32_t seg = p;          // start of the current hyphen segment
  std::uint32_t clitic = 0;       // where a clitic starts, 0 = none
  std::uint8_t prev_cls = kLetter;
  bool has_letter = false;
  char num_sep = 0;               // '-' or '/' once a number joined one
  std::uint32_t letters_after_digits = 0;  // start of a letter run after digits
  while (q < e) {
    Char c = Peek(t, q, e);
    if (IsAlnum(c.cls)) {
      if (c.cls == kLetter && prev_cls == kDigit && q > p) letters_after_digits = q;
      if (c.cls == kDigit && letters_after_digits) letters_after_digits = 0;
      if (c.cls == kDigit && prev_cls == kLetter && has_letter) letters_after_digits = 0;
      has_letter |= c.cls == kLetter;
      prev_cls = c.cls;
      q += c.len;
      continue;
    }
    if (q + c.len >= e) break;
    Char n = Peek(t, q + c.len, e);
    if (!IsAlnum(n.cls)) break;
    bool join = false;
    switch (c.cp) {
      case '.': join = true; break;
      case ',': case ':':
        join = prev_cls == kDigit && n.cls == kDigit;
        break;
      case '/':
        if (prev_cls == kDigit && n.cls == kDigit) {
          join = num_sep == '/' || (num_sep == 0 && JoinNumberSeparator(t, seg, q, e));
          if (join) num_sep = '/';
        }
        // "w/o", "b/c": one letter on each side.
        if (q - p == 1 && prev_cls == kLetter && n.cls == kLetter &&
            (q + 2 >= e || !IsAlnum(Peek(t, q + 2, e).cls))) {
          join = true;
        }
        break;
      case '-':
        if (prev_cls == kDigit && n.cls == kDigit) {
          join = num_sep == '-' || (num_sep == 0 && JoinNumberSeparator(t, seg, q, e));
          if (join) num_sep = '-';
        } else if (prev_cls == kLetter) {
          join = IsHyphenPrefix(t, seg, q) || (q - seg == 1 && n.cls == kLetter);
          if (join) seg = q + 1;
        }
        break;
      case '&':
        join = prev_cls == kLetter && n.cls == kLetter && q > p &&
               t[q - 1] >= 'A' && t[q - 1] <= 'Z' && n.cp >= 'A' && n.cp <= 'Z';
        break;
      case '_': case '@': case '+': case '#':
        join = c.cp != '#' || prev_cls == kLetter;
        break;
      case '\'': case 0x2019: {
        if (n.cls != kLetter) break;
        if (!has_letter) {  // "50's", "90's"
          join = true;
          break;
        }
        // Clitics: 's 'm 'd 'll 're 've n't at the end of the word.
        std::uint32_t r = q + c.len;
        while (r < e) {
          Char d = Peek(t, r, e);
          if (d.cls != kLetter) break;
          r += d.len;
        }
        bool word_end = r >= e || !IsAlnum(Peek(t, r, e).cls);
        std::uint32_t sl = r - (q + c.len);
        char a = sl >= 1 ? Lower(t[q + c.len]) : 0;
        char b = sl >= 2 ? Lower(t[q + c.len + 1]) : 0;
        bool suffix = word_end && ((sl == 1 && (a == 's' || a == 'm' || a == 'd')) ||
                                   (sl == 2 && ((a == 'l' && b == 'l') || (a == 'r' && b == 'e') ||
                                                (a == 'v' && b == 'e'))));
        bool nt = word_end && sl == 1 && a == 't' && q > p + 1 && Lower(t[q - 1]) == 'n';
        if (nt) {
          clitic = q - 1;
          q = r;
        } else if (suffix) {
          clitic = q;
          q = r;
        } else {
          join = true;  // O'Brien, rock'n'roll
        }
        if (!join) goto word_done;
        break;
      }
      default: break;
    }
    if (!join) break;
    prev_cls = n.cls;
    q += c.len;
  }
word_done:
  std::uint8_t shape = WordShape(t, p, clitic ? clitic : q);
  if (clitic) {
    if (clitic == p) {  // nothing before the clitic
      Emit(p, q, shape, 0, out);
    } else {
      Emit(p, clitic, shape, 1, out);
      Emit(clitic, q, kShapeLower, 2, out);
    }
    return q;
  }
  // Numbers with a unit: "250mm" -> 250 mm, "12K" -> 12 K; ordinals and
  // decades stay whole ("1st", "1980s").
  if (letters_after_digits && !clitic) {
    bool digits_only = true;
    for (std::uint32_t i = p; i < letters_after_digits; ++i) {
      char d = t[i];
      digits_only &= (d >= '0' && d <= '9') || d == '.' || d == ',';
    }
    std::uint32_t n = q - letters_after_digits;
    char a = Lower(t[letters_after_digits]), b = n >= 2 ? Lower(t[letters_after_digits + 1]) : 0;
    bool keep = (n == 1 && a == 's') ||
                (n == 2 && ((a == 's' && b == 't') || (a == 'n' && b == 'd') ||
                            (a == 'r' && b == 'd') || (a == 't' && b == 'h')));
    if (digits_only && !keep && n <= 5) {
      Emit(p, letters_after_digits, kShapeNumber, 0, out);
      return letters_after_digits;  // the unit is scanned as the next word
    }
  }
  // A trailing period: abbreviations keep it (also before a second period:
  // "Inc.." is "Inc." ".").
  if (q < e && t[q] == '.' && !(q + 2 < e && t[q + 1] == '.' && t[q + 2] == '.') && has_letter) {
    AbbrevClass ac = ClassifyAbbreviation(t.substr(p, q - p));
    if (ac != kAbbrevNone) {
      Emit(p, q + 1, kShapeAbbrev, 0, out);
      out->back().abbrev_class = ac;
      return q + 1;
    }
  }
  // A word cut short: "re-", "th-" (before a space).
  if (q + 1 == e && t[q] == '-' && has_letter && prev_cls == kLetter) {
    Emit(p, q + 1, shape, 0, out);
    return q + 1;
  }
  // Plural possessive: "parents'" = parents + '.
  if (q < e && has_letter && (t[q - 1] == 's' || t[q - 1] == 'S') && !open_single_) {
    Char c = Peek(t, q, e);
    if (IsApostrophe(c.cp) && (q + c.len >= e || !IsAlnum(Peek(t, q + c.len, e).cls))) {
      Emit(p, q, shape, 1, out);
      Emit(q, q + c.len, kShapeLower, 2, out);
      return q + c.len;
    }
  }
  if (const Contraction* k = FindContraction(t, p, q)) {
    Emit(p, p + k->split, shape, 1, out);
    if (k->split2) {
      Emit(p + k->split, p + k->split2, kShapeLower, 2, out);
      Emit(p + k->split2, q, kShapeLower, 2, out);
    } else {
      Emit(p + k->split, q, kShapeLower, 2, out);
    }
    return q;
  }
  Emit(p, q, shape, 0, out);
  return q;
}

std::uint32_t Tokenizer::Punct(std::uint32_t p, std::uint32_t e, bool chunk_start,
                               std::vector<RawToken>* out) {
  const std::string_view t = text_;
  Char c = Peek(t, p, e);
  std::uint32_t q = p + c.len;
  auto run_of = [&](char ch) {
    while (q < e && t[q] == ch) ++q;
  };
  std::uint8_t shape = PunctShape(c.cp);
  // Hashtags and handles: "#health", "@dyad".
  if ((c.cp == '#' || c.cp == '@') && q < e && IsAlnum(Peek(t, q, e).cls) &&
      (p == 0 || !IsAlnum(Peek(t, p - 1, e).cls))) {
    while (q < e) {
      Char d = Peek(t, q, e);
      if (!IsAlnum(d.cls) && d.cp != '_' && !(d.cp == '.' && q + 1 < e && IsAlnum(Peek(t, q + 1, e).cls))) break;
      q += d.len;
    }
    Emit(p, q, kShapeSymbol, 0, out);
    return q;
  }
  switch (c.cp) {
    case '.': case '?': case '!': {
      // A run of stops is one token: "...", "?!", "!!!", ".?".
      bool stop = c.cp != '.';
      while (q < e && (t[q] == '.' || t[q] == '?' || t[q] == '!')) stop |= t[q++] != '.';
      if (stop) {
        shape = kShapeStop;
      } else if (q - p >= 2) {
        shape = kShapeEllipsis;
      }
      break;
    }
    case '-':
      run_of('-');
      if (chunk_start && line_start_ && q == e && q - p == 1) shape = kShapeBullet;
      break;
    case '=': case '_': case '~': case '<': case '>': case '`': case '#': case '+':
    case '$': case '/': case '\\':
      run_of(static_cast<char>(c.cp));
      break;
    case '*':
      run_of('*');
      if (chunk_start && line_start_) shape = kShapeBullet;
      break;
    case 0x2014: case 0x2013: case 0x2026:
      while (q + c.len <= e && t.compare(q, c.len, t.substr(p, c.len)) == 0) q += c.len;
      break;
    case ':': case ';': {
      // Emoticons :) :-) ;-( :D :P
      std::uint32_t r = q;
      if (r < e && t[r] == '-') ++r;
      if (r < e && std::strchr(")(DPp/|", t[r]) != nullptr && t[r] != 0 &&
          (r + 1 >= e || std::strchr(".,!?", t[r + 1]) != nullptr)) {
        q = r + 1;
        shape = kShapeSymbol;
      }
      break;
    }
    case '\'':
      if (chunk_start) {
        open_single_ = true;
      } else {
        open_single_ = false;
      }
      if (q < e && t[q] == '\'') {
        ++q;  // '' as a quote
      }
      break;
    case 0x2018: open_single_ = true; break;
    case 0x2019: open_single_ = false; break;
    default: break;
  }
  Emit(p, q, shape, 0, out);
  return q;
}

std::vector<RawToken> TokenizeAll(std::string_view text, std::uint32_t begin, std::uint32_t end) {
  std::vector<RawToken> out;
  Tokenizer tok(text, begin, end);
  while (tok.Next(&out)) {
  }
  return out;
}

}  // namespace dyad::text
