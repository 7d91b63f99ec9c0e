#include "code/pattern_syntax.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>

namespace dyad::code {
namespace {

bool IsWordChar(char c) {
  return !std::isspace(static_cast<unsigned char>(c)) && c != '_' && c != '{' && c != '}' &&
         c != '|' && c != '(' && c != ')' && c != '[' && c != ']';
}


// TABARI "XXXX~": XXXX with any ending (manual 5.5.3); a '_' after it still
// joins it to the next word.
// "XXXX=": the word alone, without the regular endings (manual 5.2.3).
void StemOnTilde(DictWord* w) {
  if (w->text.size() > 1 && w->text.back() == '~') {
    w->text.pop_back();
    w->mode = WordMode::kStem;
  } else if (w->text.size() > 1 && w->text.back() == '=') {
    w->text.pop_back();
    w->mode = WordMode::kExact;
  }
}

int Alnums(std::string_view text) {
  int n = 0;
  for (char c : text) n += std::isalnum(static_cast<unsigned char>(c)) != 0;
  return n;
}

}  // namespace

int PhraseChars(const std::vector<DictWord>& words) {
  int n = 0;
  for (const auto& w : words) {
    for (char c : w.text) n += std::isalnum(static_cast<unsigned char>(c)) != 0;
  }
  return n;
}

std::vector<DictWord> ParsePhraseWords(std::string_view phrase, WordMode mode) {
  std::vector<DictWord> out;
  std::size_t i = 0;
  while (i < phrase.size()) {
    char c = phrase[i];
    if (std::isspace(static_cast<unsigned char>(c)) || c == '_') {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < phrase.size() && !std::isspace(static_cast<unsigned char>(phrase[j])) &&
           phrase[j] != '_') {
      ++j;
    }
    DictWord w;
    w.text = Upper(phrase.substr(i, j - i));
    w.mode = mode;
    if (j < phrase.size() && phrase[j] == '_' &&
        (j + 1 == phrase.size() || std::isspace(static_cast<unsigned char>(phrase[j + 1])))) {
      // TABARI: a final "WORD_" still takes the regular endings.
      w.mode = mode == WordMode::kStem ? WordMode::kEndings : WordMode::kExact;
    }
    // Inside a phrase, words joined by '_' to a following word are exact in
    // TABARI (only the last word is a stem).
    if (mode == WordMode::kStem && j < phrase.size() && phrase[j] == '_' && j + 1 < phrase.size() &&
        !std::isspace(static_cast<unsigned char>(phrase[j + 1]))) {
      w.mode = WordMode::kExact;
    }
    StemOnTilde(&w);
    // TABARI: a blank (not '_') before the word lets other words come between.
    w.gap_before = mode == WordMode::kStem && !out.empty() && i > 0 && phrase[i - 1] != '_';
    out.push_back(std::move(w));
    i = j;
  }
  return out;
}

// Expands "&SET" words inside a phrase into one phrase per set member
// ({NEW &TIETYPES RELATIONS} -> NEW ECONOMIC RELATIONS, ...). Returns false
// when a set is unknown.
bool ExpandSets(const std::vector<DictWord>& words, const SynsetMap& sets,
                std::vector<std::vector<DictWord>>* out, std::string* error) {
  std::vector<std::vector<DictWord>> acc = {{}};
  for (const DictWord& w : words) {
    if (w.text.size() > 1 && w.text[0] == '&') {
      auto it = sets.find(w.text.substr(1));
      if (it == sets.end()) {
        *error = "unknown set " + w.text;
        return false;
      }
      std::vector<std::vector<DictWord>> next;
      for (const auto& a : acc) {
        for (const auto& member : it->second) {
          auto x = a;
          x.insert(x.end(), member.begin(), member.end());
          next.push_back(std::move(x));
          if (next.size() > 512) break;  // Keep pathological crossings bounded.
        }
      }
      acc = std::move(next);
    } else {
      for (auto& a : acc) a.push_back(w);
    }
  }
  for (auto& a : acc) {
    if (!a.empty()) out->push_back(std::move(a));
  }
  return true;
}

bool ParsePatternLine(std::string_view line, const SynsetMap& sets, WordMode mode,
                      VerbPattern* p, std::string* error, bool np_gaps) {
  std::size_t lb = line.find('[');
  std::size_t rb = lb == std::string_view::npos ? lb : line.find(']', lb);
  if (lb == std::string_view::npos || rb == std::string_view::npos) {
    *error = "pattern without [code]";
    return false;
  }
  std::string code;
  for (char c : line.substr(lb + 1, rb - lb - 1)) {
    if (!std::isspace(static_cast<unsigned char>(c))) code += c;
  }
  if (std::size_t colon = code.find(':'); colon != std::string::npos) {
    p->code2 = code.substr(colon + 1);
    code = code.substr(0, colon);
  }
  if (code.empty()) {
    *error = "empty code";
    return false;
  }
  p->code = code;
  std::string_view body = line.substr(0, lb);

  bool seen_star = false;
  std::vector<PatternElem>* cur = &p->before;
  std::size_t i = 0;
  auto push = [&](PatternElem e) {
    cur->push_back(std::move(e));
  };
  auto mark_adjacent = [&]() {
    // A '_' right after an element joins it to the next one.
    if (!cur->empty()) cur->back().adjacent_to_next = true;
  };
  while (i < body.size()) {
    char c = body[i];
    if (std::isspace(static_cast<unsigned char>(c)) || c == '(' || c == ')') {
      ++i;
      continue;
    }
    if (c == '_') {
      // Joins the previous element to the next one when a non-space follows.
      if (i + 1 < body.size() && !std::isspace(static_cast<unsigned char>(body[i + 1]))) {
        if (body[i + 1] == '*' || (!cur->empty())) mark_adjacent();
      }
      ++i;
      continue;
    }
    if (c == '*') {
      if (seen_star) {
        *error = "two '*' in pattern";
        return false;
      }
      seen_star = true;
      cur = &p->after;
      ++i;
      // "*_OF" : the first word after the trigger is adjacent to it; record
      // it by marking a zero-gap phrase: handled by the matcher through the
      // first element's adjacency flag on `before`'s side is not possible,
      // so we note it with a leading kSkip-free adjacency below.
      if (i < body.size() && body[i] == '_') {
        ++i;
        PatternElem marker;  // Empty phrase marker: next element adjacent to the trigger.
        marker.kind = ElemKind::kSkip;
        marker.adjacent_to_next = true;
        push(std::move(marker));
      }
      continue;
    }
    if (c == '$' || c == '+' || c == '%' || c == '^') {
      PatternElem e;
      e.kind = c == '$' ? ElemKind::kSource
               : c == '+' ? ElemKind::kTarget
               : c == '%' ? ElemKind::kBoth
                          : ElemKind::kSkipActor;
      push(std::move(e));
      ++i;
      continue;
    }
    if (c == '{') {
      std::size_t close = body.find('}', i);
      if (close == std::string_view::npos) {
        *error = "unclosed '{'";
        return false;
      }
      std::string_view inner = body.substr(i + 1, close - i - 1);
      PatternElem e;
      e.chars = Alnums(inner);
      if (inner.find('|') != std::string_view::npos) {
        e.alternatives = true;
        e.chars = 0;
        while (true) {
          std::size_t bar = inner.find('|');
          std::string_view alt = inner.substr(0, bar);
          e.chars = std::max(e.chars, Alnums(alt));
          auto words = ParsePhraseWords(alt, mode);
          if (!ExpandSets(words, sets, &e.alts, error)) return false;
          if (bar == std::string_view::npos) break;
          inner.remove_prefix(bar + 1);
        }
      } else if (np_gaps) {
        // One element per word (a set word becomes its alternatives).
        auto words = ParsePhraseWords(inner, mode);
        for (const DictWord& w : words) {
          PatternElem we;
          we.chars = Alnums(w.text);
          if (!ExpandSets({w}, sets, &we.alts, error)) return false;
          if (!we.alts.empty()) push(std::move(we));
        }
        i = close + 1;
        continue;
      } else {
        auto words = ParsePhraseWords(inner, mode);
        if (!ExpandSets(words, sets, &e.alts, error)) return false;
      }
      if (e.alts.empty()) {
        *error = "empty '{}'";
        return false;
      }
      push(std::move(e));
      i = close + 1;
      continue;
    }
    if (c == '&') {
      std::size_t j = i + 1;
      while (j < body.size() && IsWordChar(body[j])) ++j;
      // Set names may contain '_' (&TIETYPES_RUMORS is a set name followed by
      // a word in TABARI, but set names themselves use '_'): take the longest
      // defined name.
      std::size_t k = j;
      std::string best;
      std::size_t best_end = j;
      while (true) {
        std::string name = Upper(body.substr(i + 1, k - i - 1));
        if (sets.count(name)) {
          best = name;
          best_end = k;
        }
        if (k < body.size() && body[k] == '_') {
          std::size_t m = k + 1;
          while (m < body.size() && IsWordChar(body[m])) ++m;
          if (m == k + 1) break;
          k = m;
        } else {
          break;
        }
      }
      if (best.empty()) {
        *error = "unknown set &" + std::string(body.substr(i + 1, j - i - 1));
        return false;
      }
      PatternElem e;
      e.alts = sets.at(best);
      e.chars = 0;  // A synset designator is a token, like $ or +.
      push(std::move(e));
      i = best_end;
      continue;
    }
    if (!IsWordChar(c)) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < body.size() && IsWordChar(body[j])) ++j;
    PatternElem e;
    DictWord w;
    w.text = Upper(body.substr(i, j - i));
    w.mode = mode;
    bool underscore = j < body.size() && body[j] == '_';
    bool final_underscore = underscore && (j + 1 == body.size() ||
                                           std::isspace(static_cast<unsigned char>(body[j + 1])));
    if (underscore && (mode != WordMode::kInflect || final_underscore)) {
      // TABARI: "WORD_" alone takes the regular endings; joined to the next
      // word it is exact.
      w.mode = mode == WordMode::kStem && final_underscore ? WordMode::kEndings : WordMode::kExact;
    }
    StemOnTilde(&w);
    e.chars = Alnums(w.text);
    e.alts.push_back({std::move(w)});
    push(std::move(e));
    i = j;
  }
  if (!seen_star) {
    *error = "pattern without '*'";
    return false;
  }
  int weight = 0;
  for (const auto* v : {&p->before, &p->after}) {
    for (const auto& e : *v) {
      if (e.kind == ElemKind::kPhrase) weight += 2;
      if (e.kind == ElemKind::kSource || e.kind == ElemKind::kTarget || e.kind == ElemKind::kBoth ||
          e.kind == ElemKind::kSkipActor)
        weight += 1;
    }
  }
  if (mode == WordMode::kStem) {
    // TABARI: the regular endings are for verbs, actors, agents and nouns
    // (manual 5.2.3); a pattern word "WORD_" is a closed match.
    for (auto* v : {&p->before, &p->after}) {
      for (auto& e : *v) {
        for (auto& alt : e.alts) {
          for (auto& w : alt) {
            if (w.mode == WordMode::kEndings) w.mode = WordMode::kExact;
          }
        }
      }
    }
    // TABARI (manual 5.7.1): a pattern's length is its letters and digits,
    // a set of alternatives counting as its longest and a synset designator
    // as a token (nothing); longer first.
    weight = 0;
    for (const auto* v : {&p->before, &p->after}) {
      for (const auto& e : *v) weight += e.chars;
    }
    p->tabari_length = true;
  }
  p->weight = weight;
  return true;
}

}  // namespace dyad::code
