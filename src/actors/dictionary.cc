#include "actors/dictionary.h"

#include <cctype>
#include <cstdio>

namespace dyad::actors {
namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

std::optional<Date> ParseIsoDate(std::string_view s, bool as_end) {
  if (s.size() != 4 && s.size() != 7 && s.size() != 10) return std::nullopt;
  if (!AllDigits(s.substr(0, 4))) return std::nullopt;
  int y = ToInt(s.substr(0, 4));
  int m = as_end ? 99 : 0;
  int d = as_end ? 99 : 0;
  if (s.size() >= 7) {
    if (s[4] != '-' || !AllDigits(s.substr(5, 2))) return std::nullopt;
    m = ToInt(s.substr(5, 2));
    if (m < 1 || m > 12) return std::nullopt;
  }
  if (s.size() == 10) {
    if (s[7] != '-' || !AllDigits(s.substr(8, 2))) return std::nullopt;
    d = ToInt(s.substr(8, 2));
    if (d < 1 || d > 31) return std::nullopt;
  }
  return y * 10000 + m * 100 + d;
}

Date EventDate(std::string_view iso) {
  if (iso.size() > 10) iso = iso.substr(0, 10);
  while (!iso.empty()) {
    if (auto d = ParseIsoDate(iso, false)) {
      // A partial event date stands for the middle of nowhere in particular:
      // use the first day, which is what a reader would assume.
      Date v = *d;
      if (v % 100 == 0) v += 1;
      if ((v / 100) % 100 == 0) v += 100;
      return v;
    }
    // "2018-08-20T..." already cut; try shorter forms ("2018-08").
    if (iso.size() == 10) {
      iso = iso.substr(0, 7);
    } else if (iso.size() == 7) {
      iso = iso.substr(0, 4);
    } else {
      break;
    }
  }
  return kUnknownDate;
}

std::string FormatDate(Date d) {
  if (d == kDateMin || d == kDateMax) return "";
  char buf[16];
  int y = d / 10000, m = (d / 100) % 100, day = d % 100;
  if (m == 0 || m == 99) {
    std::snprintf(buf, sizeof buf, "%04d", y);
  } else if (day == 0 || day == 99) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, day);
  }
  return buf;
}

const char* EntryKindName(EntryKind k) {
  switch (k) {
    case EntryKind::kActor: return "actor";
    case EntryKind::kAgent: return "agent";
    case EntryKind::kCountry: return "country";
    case EntryKind::kRegion: return "region";
    case EntryKind::kCity: return "city";
  }
  return "?";
}

const char* FormKindName(FormKind k) {
  switch (k) {
    case FormKind::kName: return "name";
    case FormKind::kAdjective: return "adjective";
    case FormKind::kDemonym: return "demonym";
    case FormKind::kTitle: return "title";
    case FormKind::kCapital: return "capital";
    case FormKind::kPlural: return "plural";
  }
  return "?";
}

std::string Diagnostic::ToString() const {
  std::string s = file;
  if (line > 0) {
    s += ':';  // piecewise: GCC 12 warns (-Wrestrict, a false positive) on ":" + string
    s += std::to_string(line);
  }
  s += warning ? ": warning: " : ": ";
  s += message;
  return s;
}

std::uint32_t DictionaryData::AddEntry(Entry e) {
  entries.push_back(std::move(e));
  return static_cast<std::uint32_t>(entries.size() - 1);
}

void DictionaryData::AddForm(std::uint32_t entry, FormKind kind, std::string surface,
                             bool stem_last) {
  Form f;
  f.surface = std::move(surface);
  f.entry = entry;
  f.kind = kind;
  f.stem_last = stem_last;
  forms.push_back(std::move(f));
}

void DictionaryData::Error(const std::string& file, int line, std::string message) {
  diagnostics.push_back({file, line, std::move(message)});
}

void DictionaryData::Warning(const std::string& file, int line, std::string message) {
  diagnostics.push_back({file, line, std::move(message), true});
}

std::size_t DictionaryData::num_errors() const {
  std::size_t n = 0;
  for (const auto& d : diagnostics) n += !d.warning;
  return n;
}

std::size_t DictionaryData::num_warnings() const { return diagnostics.size() - num_errors(); }

bool IsAcronym(std::string_view surface) {
  int letters = 0;
  for (unsigned char c : surface) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 0x80) return false;  // Non-ASCII: treat as an ordinary name.
    letters += c >= 'A' && c <= 'Z';
  }
  return letters >= 2;
}

bool IsCameoCode(std::string_view code) {
  if (code.empty() || code.size() % 3 != 0) return false;
  for (char c : code) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

std::string RegularPlural(std::string_view name) {
  std::string s(name);
  if (s.empty()) return s;
  auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  char last = lower(s.back());
  char prev = s.size() >= 2 ? lower(s[s.size() - 2]) : '\0';
  bool upper = std::isupper(static_cast<unsigned char>(s.back())) &&
               (s.size() < 2 || std::isupper(static_cast<unsigned char>(s[s.size() - 2])));
  auto add = [&](const char* suffix) {
    std::string suf = suffix;
    if (upper) {
      for (char& c : suf) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    s += suf;
  };
  if (last == 's' || last == 'x' || last == 'z' || (last == 'h' && (prev == 'c' || prev == 's'))) {
    add("es");
  } else if (last == 'y' && prev != '\0' && std::string_view("aeiou").find(prev) == std::string_view::npos) {
    s.pop_back();
    add("ies");
  } else {
    add("s");
  }
  return s;
}

}  // namespace dyad::actors
