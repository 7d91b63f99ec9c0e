#include "code/legacy_verbs.h"

#include <cctype>

#include "code/pattern_syntax.h"
#include "util/files.h"
#include "util/status_macros.h"
#include "util/strings.h"

namespace dyad::code {
namespace {



// Calls fn(line_no, line) for every line.
template <typename Fn>
void ForEachLine(std::string_view text, Fn fn) {
  std::size_t pos = 0;
  int n = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    fn(++n, line);
    pos = nl + 1;
  }
}

// Splits "WORD [CODE] {FORMS}" into its parts. Returns false when there is no word.
bool SplitEntry(std::string_view line, std::string* word, std::string* code, std::string* code2,
                std::vector<std::string>* forms) {
  code->clear();
  code2->clear();
  forms->clear();
  if (std::size_t lb = line.find('{'); lb != std::string_view::npos) {
    std::size_t rb = line.find('}', lb);
    std::string_view fl = line.substr(lb + 1, (rb == std::string_view::npos ? line.size() : rb) - lb - 1);
    std::string cur;
    for (char c : fl) {
      if (std::isspace(static_cast<unsigned char>(c))) {
        if (!cur.empty()) forms->push_back(Upper(cur));
        cur.clear();
      } else {
        cur += c;
      }
    }
    if (!cur.empty()) forms->push_back(Upper(cur));
    std::string rest(line.substr(0, lb));
    if (rb != std::string_view::npos) rest += line.substr(rb + 1);
    std::vector<std::string> ignored;
    return SplitEntry(rest, word, code, code2, &ignored);
  }
  if (std::size_t lb = line.find('['); lb != std::string_view::npos) {
    std::size_t rb = line.find(']', lb);
    std::string c;
    for (char ch : line.substr(lb + 1, (rb == std::string_view::npos ? line.size() : rb) - lb - 1)) {
      if (!std::isspace(static_cast<unsigned char>(ch))) c += ch;
    }
    if (std::size_t colon = c.find(':'); colon != std::string::npos) {
      *code2 = c.substr(colon + 1);
      c = c.substr(0, colon);
    }
    *code = c;
    line = line.substr(0, lb);
  }
  line = Trim(line);
  if (line.empty()) return false;
  // The word is the first whitespace-separated item ("AL GORE" is not a verb form).
  *word = std::string(line);
  return true;
}

// Builds an entry's words from "+CORDON_OFF", "WIRE_+TAP", "ACCUS", "ACT_".
VerbEntry MakeEntry(const std::string& word, WordMode mode) {
  VerbEntry e;
  std::string w = word;
  // Split on '_' and spaces; note which part carries '+'.
  std::size_t start = 0;
  for (std::size_t i = 0; i <= w.size(); ++i) {
    if (i == w.size() || w[i] == '_' || w[i] == ' ') {
      if (i > start) {
        std::string part = w.substr(start, i - start);
        DictWord dw;
        if (part[0] == '+') {
          part.erase(0, 1);
          e.head = static_cast<int>(e.words.size());
        }
        dw.text = Upper(part);
        dw.mode = mode;
        // TABARI (manual 5.5.3): a blank, not '_', before a word of the
        // phrase lets other words stand between.
        dw.gap_before = mode == WordMode::kStem && !e.words.empty() && w[start - 1] == ' ';
        bool joined = i < w.size();  // Followed by '_' or space: exact in TABARI.
        if (i < w.size() && w[i] == '_' && (mode == WordMode::kStem || i + 1 == w.size())) {
          dw.mode = WordMode::kExact;
        }
        (void)joined;
        if (!dw.text.empty()) e.words.push_back(std::move(dw));
      } else if (i < w.size() && w[i] == '_' && !e.words.empty()) {
        e.words.back().mode = WordMode::kExact;
      }
      start = i + 1;
    }
  }
  // "ACT_": a final word with a trailing underscore is exact (TABARI: with
  // the regular endings).
  if (!w.empty() && w.back() == '_' && !e.words.empty()) {
    e.words.back().mode = mode == WordMode::kStem ? WordMode::kEndings : WordMode::kExact;
  }
  // "BAN=": the word alone, without the regular endings (manual 5.2.3).
  for (DictWord& dw : e.words) {
    if (dw.text.size() > 1 && dw.text.back() == '=') {
      dw.text.pop_back();
      dw.mode = WordMode::kExact;
    }
  }
  return e;
}

// TABARI verb forms ("{ BROKE_ BROKEN_ BROKEN_DOWN_ }"): each an entry of
// `block`, a stem or an exact word like the verb itself.
void AddTabariForms(const std::vector<std::string>& forms, int block, int line,
                    VerbDictionary* dict) {
  for (const auto& f : forms) {
    VerbEntry fe = MakeEntry(f, WordMode::kStem);
    if (fe.words.empty()) continue;
    fe.block = block;
    fe.line = line;
    dict->AddEntry(std::move(fe));
  }
}

}  // namespace

Status ParseTabariVerbs(std::string_view text, const std::string& name, VerbDictionary* dict) {
  SynsetMap sets;
  enum { kNone, kSynsets, kTime } section = kNone;
  std::string current_set;
  int block = -1;
  int entries = 0;
  ForEachLine(text, [&](int n, std::string_view raw) {
    std::string where = name + ":" + std::to_string(n);
    std::string_view line = raw;
    if (std::size_t semi = line.find(';'); semi != std::string_view::npos) line = line.substr(0, semi);
    line = Trim(line);
    if (line.empty() || line[0] == '#') return;
    if (line.starts_with("<SYNSETS>")) { section = kSynsets; return; }
    if (line.starts_with("</SYNSETS>")) { section = kNone; return; }
    if (line.starts_with("<TIME>")) { section = kTime; return; }
    if (line.starts_with("</TIME>")) { section = kNone; return; }
    if (line[0] == '<') return;  // Other markup (<NOUN>, <ADJECTIVE>, ...).
    if (section == kTime) {
      // Time-shift phrases only move the event date, which the coder does
      // not report -- except that a discard ([###]) or complex ([+++])
      // phrase sets the sentence aside ("ONCE_UPON_A_TIME [###]").
      std::string word, code, code2;
      std::vector<std::string> forms;
      if (line[0] != '-' && SplitEntry(line, &word, &code, &code2, &forms) &&
          (code == "###" || code == "+++")) {
        auto words = ParsePhraseWords(word, WordMode::kStem);
        if (!words.empty()) dict->AddDiscard(std::move(words), false);
      }
      return;
    }
    if (section == kSynsets) {
      if (line[0] == '&') {
        current_set = Upper(Trim(line.substr(1)));
        sets[current_set];
      } else if (line[0] == '+' && !current_set.empty()) {
        std::string_view phrase = Trim(line.substr(1));
        // "+&TIETYPES_MEMOS", "+MEMOS_ON_&TIETYPES": a set inside a set is
        // expanded by crossing.
        auto words = ParsePhraseWords(phrase, WordMode::kStem);
        // A member's "WORD_" is a closed match: no regular endings.
        for (DictWord& w : words) {
          if (w.mode == WordMode::kEndings) w.mode = WordMode::kExact;
        }
        // "+WORD_$": the actor after the member's words is the source ('+':
        // the target, '%': both).
        if (words.size() > 1 && (words.back().text == "$" || words.back().text == "+" ||
                                 words.back().text == "%")) {
          words.back().role = words.back().text[0];
        }
        std::string error;
        if (!ExpandSets(words, sets, &sets[current_set], &error)) {
          dict->AddWarning(where + ": " + error);
        }
      } else {
        dict->AddWarning(where + ": unexpected line in <SYNSETS>");
      }
      return;
    }
    if (line[0] == '-') {
      if (block < 0) {
        dict->AddWarning(where + ": pattern before any verb");
        return;
      }
      VerbPattern p;
      std::string error;
      if (!ParsePatternLine(line.substr(1), sets, WordMode::kStem, &p, &error)) {
        dict->AddWarning(where + ": " + error);
        return;
      }
      p.line = n;
      dict->mutable_block(block)->patterns.push_back(std::move(p));
      return;
    }
    std::string word, code, code2;
    std::vector<std::string> forms;
    if (!SplitEntry(line, &word, &code, &code2, &forms)) {
      // "{ BROKE_ BROKEN_ BROKEN_DOWN_ }" on its own line: the irregular
      // forms of the verb above, sharing its patterns (manual 5.5.1).
      if (line[0] == '{' && block >= 0 && !forms.empty()) {
        AddTabariForms(forms, block, n, dict);
        return;
      }
      dict->AddWarning(where + ": verb line without a word");
      return;
    }
    VerbBlock b;
    b.code = code.empty() ? "---" : code;
    b.code2 = code2;
    block = dict->AddBlock(std::move(b));
    VerbEntry e = MakeEntry(word, WordMode::kStem);
    if (e.words.empty()) {
      dict->AddWarning(where + ": empty verb");
      return;
    }
    e.block = block;
    e.line = n;
    dict->AddEntry(e);
    // "{ ACTING_ ACTXD_ ACTUALITY }": other forms of the verb, each a stem
    // or an exact word like the verb itself, sharing its patterns.
    AddTabariForms(forms, block, n, dict);
    ++entries;
  });
  if (entries == 0) return InvalidArgumentError(name + ": no TABARI verb entries");
  return Status::OK();
}

Status ParsePetrarchVerbs(std::string_view text, const std::string& name, VerbDictionary* dict) {
  SynsetMap sets;
  std::string current_set;
  int block = -1;
  int entries = 0;
  bool in_comment = false;
  ForEachLine(text, [&](int n, std::string_view raw) {
    std::string where = name + ":" + std::to_string(n);
    std::string_view line = raw;
    if (in_comment) {
      if (line.find("-->") != std::string_view::npos) in_comment = false;
      return;
    }
    if (Trim(line).starts_with("<!--")) {
      if (line.find("-->") == std::string_view::npos) in_comment = true;
      return;
    }
    if (line.starts_with("---")) {
      // Block header: --- DESCRIPTION [CODE] ---
      std::string word, code, code2;
      std::vector<std::string> forms;
      std::string_view inner = Trim(line.substr(3));
      if (inner.ends_with("---")) inner = Trim(inner.substr(0, inner.size() - 3));
      SplitEntry(inner, &word, &code, &code2, &forms);
      VerbBlock b;
      b.code = code.empty() ? "---" : code;
      b.code2 = code2;
      block = dict->AddBlock(std::move(b));
      current_set.clear();
      return;
    }
    if (std::size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = Trim(line);
    if (line.empty()) return;
    if (line[0] == '&') {
      // "&PREPOSIT1_" defines the set used as "&PREPOSIT1".
      std::string_view name = Trim(line.substr(1));
      while (name.ends_with("_")) name.remove_suffix(1);
      current_set = Upper(name);
      sets[current_set];
      return;
    }
    if (line[0] == '+' && !current_set.empty() && block < 0) {
      auto words = ParsePhraseWords(Trim(line.substr(1)), WordMode::kPlural);
      if (!words.empty()) sets[current_set].push_back(std::move(words));
      return;
    }
    if (line[0] == '~') return;  // Transformation: not used.
    if (line[0] == '<') return;  // Stray markup.
    if (line[0] == '-') {
      if (block < 0) {
        dict->AddWarning(where + ": pattern before any block");
        return;
      }
      VerbPattern p;
      std::string error;
      if (!ParsePatternLine(line.substr(1), sets, WordMode::kPlural, &p, &error, /*np_gaps=*/true)) {
        dict->AddWarning(where + ": " + error);
        return;
      }
      p.line = n;
      dict->mutable_block(block)->patterns.push_back(std::move(p));
      return;
    }
    if (block < 0) {
      dict->AddWarning(where + ": line outside any block");
      return;
    }
    std::string word, code, code2;
    std::vector<std::string> forms;
    if (!SplitEntry(line, &word, &code, &code2, &forms)) {
      dict->AddWarning(where + ": verb line without a word");
      return;
    }
    VerbEntry e = MakeEntry(word, WordMode::kInflect);
    if (e.words.empty()) {
      dict->AddWarning(where + ": empty verb");
      return;
    }
    // Irregular forms of multi-word verbs are written with the whole phrase
    // ("+CORDONED_OFF"): keep only the head word's form.
    std::vector<std::string> head_forms;
    for (const auto& f : forms) {
      VerbEntry fe = MakeEntry(f, WordMode::kExact);
      if (static_cast<int>(fe.words.size()) > e.head) head_forms.push_back(fe.words[fe.head].text);
    }
    e.code = code;
    e.code2 = code2;
    e.block = block;
    e.line = n;
    dict->AddEntry(std::move(e), std::move(head_forms));
    ++entries;
  });
  if (entries == 0) return InvalidArgumentError(name + ": no PETRARCH verb entries");
  return Status::OK();
}

StatusOr<VerbDictionary> LoadLegacyVerbFile(const std::string& path) {
  ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  VerbDictionary dict;
  bool petrarch = text.find("\n--- ") != std::string::npos || text.find("\n---  ") != std::string::npos;
  if (petrarch) {
    RETURN_IF_ERROR(ParsePetrarchVerbs(text, path, &dict));
  } else {
    RETURN_IF_ERROR(ParseTabariVerbs(text, path, &dict));
  }
  dict.Compile();
  return dict;
}

}  // namespace dyad::code
