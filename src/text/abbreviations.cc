#include "text/abbreviations.h"

#include <algorithm>
#include <array>
#include <string>

namespace dyad::text {
namespace {

struct Entry {
  std::string_view word;
  AbbrevClass cls;
};

// Written for dyad from general English usage (news style guides), not
// taken from any corpus. Entries in lower case match lower-case words;
// capitalized entries match capitalized or all-caps words.
constexpr Entry kEntries[] = {
    // Titles and ranks: a name follows.
    {"Adm", kAbbrevTitle}, {"Amb", kAbbrevTitle}, {"Brig", kAbbrevTitle},
    {"Capt", kAbbrevTitle}, {"Cmdr", kAbbrevTitle}, {"Col", kAbbrevTitle},
    {"Cpl", kAbbrevTitle}, {"Dr", kAbbrevTitle}, {"Fr", kAbbrevTitle},
    {"Gen", kAbbrevTitle}, {"Gov", kAbbrevTitle}, {"Hon", kAbbrevTitle},
    {"Lt", kAbbrevTitle}, {"Maj", kAbbrevTitle}, {"Messrs", kAbbrevTitle},
    {"Mlle", kAbbrevTitle}, {"Mme", kAbbrevTitle}, {"Mr", kAbbrevTitle},
    {"Mrs", kAbbrevTitle}, {"Ms", kAbbrevTitle}, {"Msgr", kAbbrevTitle},
    {"Pres", kAbbrevTitle}, {"Prof", kAbbrevTitle}, {"Pvt", kAbbrevTitle},
    {"Rep", kAbbrevTitle}, {"Reps", kAbbrevTitle}, {"Rev", kAbbrevTitle},
    {"Sen", kAbbrevTitle}, {"Sens", kAbbrevTitle}, {"Sgt", kAbbrevTitle},
    {"Sr", kAbbrevTitle}, {"St", kAbbrevTitle}, {"Supt", kAbbrevTitle},
    {"Mt", kAbbrevTitle}, {"Ft", kAbbrevTitle}, {"Atty", kAbbrevTitle},
    // Months and week days: a day number or year usually follows.
    {"Jan", kAbbrevDate}, {"Feb", kAbbrevDate}, {"Mar", kAbbrevDate},
    {"Apr", kAbbrevDate}, {"Jun", kAbbrevDate}, {"Jul", kAbbrevDate},
    {"Aug", kAbbrevDate}, {"Sep", kAbbrevDate}, {"Sept", kAbbrevDate},
    {"Oct", kAbbrevDate}, {"Nov", kAbbrevDate}, {"Dec", kAbbrevDate},
    {"Mon", kAbbrevDate}, {"Tue", kAbbrevDate}, {"Tues", kAbbrevDate},
    {"Wed", kAbbrevDate}, {"Thu", kAbbrevDate}, {"Thur", kAbbrevDate},
    {"Thurs", kAbbrevDate}, {"Fri", kAbbrevDate}, {"Sat", kAbbrevDate},
    {"Sun", kAbbrevDate},
    // Before numbers.
    {"No", kAbbrevNumber}, {"Nos", kAbbrevNumber}, {"Art", kAbbrevNumber},
    {"Vol", kAbbrevNumber}, {"Fig", kAbbrevNumber}, {"Sec", kAbbrevNumber},
    {"Ch", kAbbrevNumber}, {"Ex", kAbbrevNumber}, {"Tel", kAbbrevNumber},
    {"pp", kAbbrevNumber}, {"para", kAbbrevNumber}, {"paras", kAbbrevNumber},
    {"fig", kAbbrevNumber}, {"vol", kAbbrevNumber}, {"no", kAbbrevNumber},
    {"tel", kAbbrevNumber}, {"ext", kAbbrevNumber}, {"ca", kAbbrevNumber},
    {"approx", kAbbrevNumber}, {"est", kAbbrevNumber},
    // Others: may end a sentence.
    {"Inc", kAbbrevOther}, {"Corp", kAbbrevOther}, {"Co", kAbbrevOther},
    {"Cos", kAbbrevOther}, {"Ltd", kAbbrevOther}, {"Jr", kAbbrevOther},
    {"Bros", kAbbrevOther}, {"Ave", kAbbrevOther}, {"Blvd", kAbbrevOther},
    {"Rd", kAbbrevOther}, {"Dept", kAbbrevOther}, {"Univ", kAbbrevOther},
    {"Assn", kAbbrevOther}, {"Govt", kAbbrevOther}, {"Attn", kAbbrevOther},
    {"Ala", kAbbrevOther}, {"Ariz", kAbbrevOther}, {"Ark", kAbbrevOther},
    {"Calif", kAbbrevOther}, {"Colo", kAbbrevOther}, {"Conn", kAbbrevOther},
    {"Fla", kAbbrevOther}, {"Ga", kAbbrevOther}, {"Kan", kAbbrevOther},
    {"Ky", kAbbrevOther}, {"La", kAbbrevOther}, {"Md", kAbbrevOther},
    {"Mich", kAbbrevOther}, {"Minn", kAbbrevOther}, {"Mont", kAbbrevOther},
    {"Neb", kAbbrevOther}, {"Nev", kAbbrevOther}, {"Okla", kAbbrevOther},
    {"Tenn", kAbbrevOther}, {"Tex", kAbbrevOther}, {"Va", kAbbrevOther},
    {"Vt", kAbbrevOther}, {"Wis", kAbbrevOther}, {"Wyo", kAbbrevOther},
    {"Gov't", kAbbrevOther}, {"Intl", kAbbrevOther}, {"Natl", kAbbrevOther},
    {"al", kAbbrevOther}, {"approx", kAbbrevOther}, {"cf", kAbbrevOther},
    {"dept", kAbbrevOther}, {"esp", kAbbrevOther}, {"etc", kAbbrevOther},
    {"hrs", kAbbrevOther}, {"inc", kAbbrevOther}, {"info", kAbbrevOther},
    {"lb", kAbbrevOther}, {"lbs", kAbbrevOther}, {"min", kAbbrevOther},
    {"mins", kAbbrevOther}, {"misc", kAbbrevOther}, {"oz", kAbbrevOther},
    {"ft", kAbbrevOther}, {"sq", kAbbrevOther}, {"vs", kAbbrevOther},
    {"yr", kAbbrevOther}, {"yrs", kAbbrevOther}, {"viz", kAbbrevOther},
    {"incl", kAbbrevOther}, {"govt", kAbbrevOther}, {"km", kAbbrevOther},
    {"Ph", kAbbrevOther},
};

struct Table {
  std::array<Entry, std::size(kEntries)> sorted;
  Table() {
    std::copy(std::begin(kEntries), std::end(kEntries), sorted.begin());
    std::sort(sorted.begin(), sorted.end(),
              [](const Entry& a, const Entry& b) { return a.word < b.word; });
  }
  AbbrevClass Find(std::string_view w) const {
    auto it = std::lower_bound(sorted.begin(), sorted.end(), w,
                               [](const Entry& e, std::string_view k) { return e.word < k; });
    return (it != sorted.end() && it->word == w) ? it->cls : kAbbrevNone;
  }
};

const Table& GetTable() {
  static const Table table;
  return table;
}

bool IsAsciiLetter(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

}  // namespace

AbbrevClass ClassifyAbbreviation(std::string_view w) {
  if (w.empty() || w.size() > 12) return kAbbrevNone;
  if (w.size() == 1) return IsAsciiLetter(w[0]) ? kAbbrevInitial : kAbbrevNone;
  // Initialisms: letter groups of at most three joined by periods.
  if (w.find('.') != std::string_view::npos) {
    std::size_t run = 0;
    for (char c : w) {
      if (c == '.') {
        if (run == 0) return kAbbrevNone;
        run = 0;
      } else if (IsAsciiLetter(c)) {
        if (++run > 3) return kAbbrevNone;
      } else {
        return kAbbrevNone;
      }
    }
    return run == 0 ? kAbbrevNone : kAbbrevInitialism;
  }
  const Table& t = GetTable();
  if (AbbrevClass c = t.Find(w); c != kAbbrevNone) return c;
  // Case variants: "GEN" -> "Gen"; "Etc" -> "etc".
  char buf[16];
  std::size_t n = w.size();
  bool all_upper = true;
  for (std::size_t i = 0; i < n; ++i) all_upper &= !IsAsciiLetter(w[i]) || IsUpper(w[i]);
  if (all_upper && IsUpper(w[0])) {
    buf[0] = w[0];
    for (std::size_t i = 1; i < n; ++i) buf[i] = IsUpper(w[i]) ? static_cast<char>(w[i] | 0x20) : w[i];
    if (AbbrevClass c = t.Find(std::string_view(buf, n)); c != kAbbrevNone) return c;
  }
  if (IsUpper(w[0])) {
    for (std::size_t i = 0; i < n; ++i) buf[i] = IsUpper(w[i]) ? static_cast<char>(w[i] | 0x20) : w[i];
    AbbrevClass c = t.Find(std::string_view(buf, n));
    // Lower-case entries match a capitalized word ("Etc."), but not the
    // other way round ("gen." is not "Gen.").
    if (c != kAbbrevNone) return c;
  }
  return kAbbrevNone;
}

}  // namespace dyad::text
