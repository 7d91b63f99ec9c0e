// Verb dictionary: compiled lookup, inflection matching, the shared pattern
// syntax, and the reader for dyad's own .dyad format.
#include "code/verb_dict.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "code/pattern_syntax.h"
#include "util/files.h"
#include "util/status_macros.h"
#include "util/strings.h"

namespace dyad::code {
namespace {

bool IsVowel(char c) { return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U'; }

// Regular inflections of an upper-case word.
void Inflections(const std::string& w, std::vector<std::string>* out) {
  out->push_back(w);
  if (w.size() < 2) return;
  char last = w.back();
  out->push_back(w + "S");
  if (last == 'S' || last == 'X' || last == 'Z' || w.ends_with("CH") || w.ends_with("SH")) {
    out->push_back(w + "ES");
  }
  if (last == 'Y' && !IsVowel(w[w.size() - 2])) {
    std::string stem = w.substr(0, w.size() - 1);
    out->push_back(stem + "IES");
    out->push_back(stem + "IED");
    out->push_back(w + "ING");
    return;
  }
  if (last == 'E') {
    out->push_back(w + "D");
    out->push_back(w.substr(0, w.size() - 1) + "ING");
    return;
  }
  out->push_back(w + "ED");
  out->push_back(w + "ING");
  // Consonant doubling: STOP -> STOPPED; harmless extra forms otherwise.
  if (w.size() >= 3 && !IsVowel(last) && last != 'W' && last != 'X' && last != 'Y' &&
      IsVowel(w[w.size() - 2]) && !IsVowel(w[w.size() - 3])) {
    out->push_back(w + last + "ED");
    out->push_back(w + last + "ING");
  }
}

// Irregular English verb forms -> base form, for matching without a
// lemmatizer. Written for the verbs of event reporting.
const std::unordered_map<std::string_view, std::string_view>& Irregulars() {
  static const auto* m = new std::unordered_map<std::string_view, std::string_view>{
      {"MADE", "MAKE"}, {"TOOK", "TAKE"}, {"TAKEN", "TAKE"}, {"HELD", "HOLD"}, {"MET", "MEET"},
      {"FOUGHT", "FIGHT"}, {"SHOT", "SHOOT"}, {"STRUCK", "STRIKE"}, {"SOUGHT", "SEEK"},
      {"LED", "LEAD"}, {"LEFT", "LEAVE"}, {"GAVE", "GIVE"}, {"GIVEN", "GIVE"}, {"SENT", "SEND"},
      {"BROUGHT", "BRING"}, {"KEPT", "KEEP"}, {"SAID", "SAY"}, {"TOLD", "TELL"},
      {"THREW", "THROW"}, {"THROWN", "THROW"}, {"BEATEN", "BEAT"}, {"BROKE", "BREAK"},
      {"BROKEN", "BREAK"}, {"SPOKE", "SPEAK"}, {"SPOKEN", "SPEAK"}, {"STOLE", "STEAL"},
      {"STOLEN", "STEAL"}, {"WITHDREW", "WITHDRAW"}, {"WITHDRAWN", "WITHDRAW"},
      {"FORBADE", "FORBID"}, {"FORBIDDEN", "FORBID"}, {"SWORE", "SWEAR"}, {"SWORN", "SWEAR"},
      {"WON", "WIN"}, {"LOST", "LOSE"}, {"SOLD", "SELL"}, {"BOUGHT", "BUY"}, {"BUILT", "BUILD"},
      {"BEGAN", "BEGIN"}, {"BEGUN", "BEGIN"}, {"DROVE", "DRIVE"}, {"DRIVEN", "DRIVE"},
      {"ROSE", "RISE"}, {"RISEN", "RISE"}, {"RAN", "RUN"}, {"SAW", "SEE"}, {"SEEN", "SEE"},
      {"STOOD", "STAND"}, {"UNDERTOOK", "UNDERTAKE"}, {"UNDERTAKEN", "UNDERTAKE"},
      {"OVERTHREW", "OVERTHROW"}, {"OVERTHROWN", "OVERTHROW"}, {"FLED", "FLEE"},
      {"WENT", "GO"}, {"GONE", "GO"}, {"CAME", "COME"}, {"GOT", "GET"}, {"GOTTEN", "GET"},
      {"BOUND", "BIND"}, {"FED", "FEED"}, {"HUNG", "HANG"}, {"SLEW", "SLAY"}, {"SLAIN", "SLAY"},
      {"FROZE", "FREEZE"}, {"FROZEN", "FREEZE"}, {"BORE", "BEAR"}, {"BORNE", "BEAR"},
      {"DREW", "DRAW"}, {"DRAWN", "DRAW"}, {"KNEW", "KNOW"}, {"KNOWN", "KNOW"}, {"FLEW", "FLY"},
      {"WROTE", "WRITE"}, {"WRITTEN", "WRITE"}, {"FELL", "FALL"}, {"FALLEN", "FALL"},
      {"FELT", "FEEL"}, {"FOUND", "FIND"}, {"HEARD", "HEAR"}, {"MEANT", "MEAN"}, {"PAID", "PAY"},
      {"LAID", "LAY"}, {"SAT", "SIT"}, {"STUCK", "STICK"}, {"TAUGHT", "TEACH"},
      {"THOUGHT", "THINK"}, {"UNDERSTOOD", "UNDERSTAND"}, {"BECAME", "BECOME"},
      {"CHOSE", "CHOOSE"}, {"CHOSEN", "CHOOSE"}, {"SHOOK", "SHAKE"}, {"SHAKEN", "SHAKE"},
      {"SPENT", "SPEND"}, {"LENT", "LEND"}, {"DEALT", "DEAL"}, {"FORGAVE", "FORGIVE"},
      {"FORGIVEN", "FORGIVE"}, {"OVERRAN", "OVERRUN"}, {"UPHELD", "UPHOLD"},
      {"WITHHELD", "WITHHOLD"}, {"SHUT", "SHUT"}, {"SET", "SET"}, {"PUT", "PUT"}, {"CUT", "CUT"},
      {"HIT", "HIT"}, {"HURT", "HURT"}, {"SPREAD", "SPREAD"}, {"BID", "BID"}, {"CAST", "CAST"},
      {"ROUNDED", "ROUND"}, {"STRIKING", "STRIKE"}, {"SHOOTING", "SHOOT"}, {"DID", "DO"},
      {"DONE", "DO"}, {"HAD", "HAVE"}, {"WAS", "BE"}, {"WERE", "BE"}, {"BEEN", "BE"},
      {"IS", "BE"}, {"ARE", "BE"}, {"SPOKE", "SPEAK"}, {"BLEW", "BLOW"}, {"BLOWN", "BLOW"},
      {"GREW", "GROW"}, {"GROWN", "GROW"}, {"SANK", "SINK"}, {"SUNK", "SINK"}, {"WOKE", "WAKE"},
      {"WORE", "WEAR"}, {"TORE", "TEAR"}, {"TORN", "TEAR"}, {"LIT", "LIGHT"}, {"SOUGHT", "SEEK"},
      {"FORESAW", "FORESEE"}, {"MISLED", "MISLEAD"}, {"OVERSAW", "OVERSEE"},
      {"OVERSEEN", "OVERSEE"}, {"RODE", "RIDE"}, {"RIDDEN", "RIDE"}, {"SHED", "SHED"},
  };
  return *m;
}

}  // namespace

std::string_view IrregularBase(std::string_view form) {
  auto it = Irregulars().find(form);
  return it == Irregulars().end() ? std::string_view() : it->second;
}

bool IsInflectionOf(std::string_view token, std::string_view word) {
  if (token == word) return true;
  if (token.empty() || word.size() < 2) return false;
  // Suffix checks, without building the forms (this is the hot path of
  // trigger matching). Mirrors Inflections() above.
  if (token.size() > word.size() && token.size() <= word.size() + 4 && token.starts_with(word)) {
    std::string_view suf = token.substr(word.size());
    char last = word.back();
    if (suf == "S") return true;
    if (suf == "ES" && (last == 'S' || last == 'X' || last == 'Z' || word.ends_with("CH") ||
                        word.ends_with("SH"))) {
      return true;
    }
    if (last == 'E') {
      if (suf == "D") return true;
    } else if (suf == "ED" || suf == "ING") {
      return !(last == 'Y' && !IsVowel(word[word.size() - 2])) || suf == "ING";
    }
    if (suf.size() >= 3 && suf[0] == last && (suf.substr(1) == "ED" || suf.substr(1) == "ING") &&
        word.size() >= 3 && !IsVowel(last) && last != 'W' && last != 'X' && last != 'Y' &&
        IsVowel(word[word.size() - 2]) && !IsVowel(word[word.size() - 3])) {
      return true;
    }
  }
  std::string_view stem = word.substr(0, word.size() - 1);
  if (word.back() == 'E' && token.size() == word.size() + 2 && token.starts_with(stem) &&
      token.ends_with("ING")) {
    return true;
  }
  if (word.back() == 'Y' && !IsVowel(word[word.size() - 2]) && token.size() == word.size() + 2 &&
      token.starts_with(stem) && (token.ends_with("IES") || token.ends_with("IED"))) {
    return true;
  }
  // Irregular forms share their first letter with the base, except a few
  // (went/go, was/be) that no trigger uses.
  if (token[0] == word[0] && IrregularBase(token) == word) return true;
  return false;
}

bool WordMatches(const DictWord& w, std::string_view form, std::string_view lemma) {
  switch (w.mode) {
    case WordMode::kExact:
      return form == w.text;
    case WordMode::kStem:
      return form.starts_with(w.text);
    case WordMode::kPlural: {
      if (form == w.text) return true;
      std::string_view t = w.text;
      if (form.size() == t.size() + 1 && form.starts_with(t) && form.back() == 'S') return true;
      if (form.size() == t.size() + 2 && form.starts_with(t) && form.ends_with("ES")) return true;
      return t.ends_with("Y") && form.size() == t.size() + 2 &&
             form.substr(0, t.size() - 1) == t.substr(0, t.size() - 1) && form.ends_with("IES");
    }
    case WordMode::kEndings: {
      if (!form.starts_with(w.text)) return false;
      std::string_view rest = form.substr(w.text.size());
      // A word ending in E shares it with ED / EN ("DEPLORE_": DEPLORED).
      return rest.empty() || rest == "S" || rest == "ES" || rest == "ED" || rest == "EN" ||
             rest == "ING" || rest == "'S" || (w.text.ends_with('E') && (rest == "D" || rest == "N"));
    }
    case WordMode::kInflect:
      if (!lemma.empty() && lemma == w.text) return true;
      return IsInflectionOf(form, w.text);
  }
  return false;
}

int VerbDictionary::AddBlock(VerbBlock block) {
  blocks_.push_back(std::move(block));
  return static_cast<int>(blocks_.size()) - 1;
}

void VerbDictionary::AddEntry(VerbEntry entry, std::vector<std::string> extra_forms) {
  entries_.push_back(std::move(entry));
  extra_forms_.push_back(std::move(extra_forms));
}

void VerbDictionary::Merge(const VerbDictionary& other) {
  int offset = static_cast<int>(blocks_.size());
  for (const auto& b : other.blocks_) blocks_.push_back(b);
  for (std::size_t i = 0; i < other.entries_.size(); ++i) {
    VerbEntry e = other.entries_[i];
    e.block += offset;
    AddEntry(std::move(e), other.extra_forms_[i]);
  }
  for (const auto& w : other.warnings_) warnings_.push_back(w);
  for (const auto& d : other.sentence_discards_) sentence_discards_.push_back(d);
  for (const auto& d : other.document_discards_) document_discards_.push_back(d);
}

void VerbDictionary::Compile() {
  for (VerbBlock& b : blocks_) {
    std::stable_sort(b.patterns.begin(), b.patterns.end(),
                     [](const VerbPattern& x, const VerbPattern& y) { return x.weight > y.weight; });
  }
  by_form_.clear();
  by_stem_.clear();
  max_stem_ = 0;
  std::vector<std::string> forms;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    const DictWord& head = entries_[i].words[entries_[i].head];
    int idx = static_cast<int>(i);
    auto add = [&](std::unordered_map<std::string, std::vector<int>>& m, const std::string& k) {
      auto& v = m[k];
      if (v.empty() || v.back() != idx) v.push_back(idx);
    };
    if (head.mode == WordMode::kStem) {
      add(by_stem_, head.text);
      max_stem_ = std::max(max_stem_, head.text.size());
    } else {
      forms.clear();
      if (head.mode == WordMode::kInflect) {
        Inflections(head.text, &forms);
      } else if (head.mode == WordMode::kEndings) {
        for (const char* e : {"", "S", "ES", "ED", "EN", "ING", "'S"}) forms.push_back(head.text + e);
        if (head.text.ends_with('E')) {
          forms.push_back(head.text + "D");
          forms.push_back(head.text + "N");
        }
      } else {
        forms.push_back(head.text);
      }
      for (const auto& f : extra_forms_[i]) forms.push_back(f);
      for (const auto& f : forms) add(by_form_, f);
    }
  }
  // Within a form's list, keep longer trigger phrases first so that
  // "CALL ON" is tried before "CALL".
  auto by_len = [&](int a, int b) { return entries_[a].words.size() > entries_[b].words.size(); };
  for (auto& [k, v] : by_form_) std::stable_sort(v.begin(), v.end(), by_len);
  for (auto& [k, v] : by_stem_) std::stable_sort(v.begin(), v.end(), by_len);
}

void VerbDictionary::Lookup(std::string_view form, std::string_view lemma,
                            std::vector<int>* out) const {
  std::size_t start = out->size();
  auto append = [&](const std::vector<int>& v) {
    for (int i : v) {
      if (std::find(out->begin() + start, out->end(), i) == out->end()) out->push_back(i);
    }
  };
  thread_local std::string key;
  key.assign(form);
  if (auto it = by_form_.find(key); it != by_form_.end()) append(it->second);
  if (!lemma.empty() && lemma != form) {
    key.assign(lemma);
    if (auto it = by_form_.find(key); it != by_form_.end()) append(it->second);
  }
  if (std::string_view base = IrregularBase(form); !base.empty() && base != lemma) {
    key.assign(base);
    if (auto it = by_form_.find(key); it != by_form_.end()) append(it->second);
  }
  if (!by_stem_.empty()) {
    // Longest stem first.
    for (std::size_t len = std::min(form.size(), max_stem_); len >= 2; --len) {
      key.assign(form.substr(0, len));
      if (auto it = by_stem_.find(key); it != by_stem_.end()) append(it->second);
    }
  }
}

// ---------------------------------------------------------------------------
// dyad's own format. See docs/verb-dictionary-format.md.

namespace {



}  // namespace

Status ParseDyadVerbs(std::string_view text, const std::string& name, VerbDictionary* dict) {
  SynsetMap sets;
  return ParseDyadVerbsWithSets(text, name, dict, &sets);
}

Status ParseDyadVerbsWithSets(std::string_view text, const std::string& name, VerbDictionary* dict,
                              SynsetMap* sets_out) {
  SynsetMap& sets = *sets_out;
  int block = -1;
  int line_no = 0;
  int entries = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (std::size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = Trim(line);
    if (line.empty()) continue;
    std::string where = name + ":" + std::to_string(line_no);

    if (line.starts_with("set ")) {
      // set NAME: phrase, phrase, ...
      std::string_view rest = line.substr(4);
      std::size_t colon = rest.find(':');
      if (colon == std::string_view::npos) {
        dict->AddWarning(where + ": set without ':'");
        continue;
      }
      std::string set_name = Upper(Trim(rest.substr(0, colon)));
      std::vector<std::vector<DictWord>>& alts = sets[set_name];
      std::string_view items = rest.substr(colon + 1);
      while (!items.empty()) {
        std::size_t comma = items.find(',');
        std::string_view item = Trim(items.substr(0, comma));
        if (!item.empty()) alts.push_back(ParsePhraseWords(item, WordMode::kInflect));
        if (comma == std::string_view::npos) break;
        items.remove_prefix(comma + 1);
      }
      continue;
    }

    if (line.starts_with("discard sentence:") || line.starts_with("discard document:")) {
      bool document = line[8] == 'd';
      std::string_view items = line.substr(line.find(':') + 1);
      while (!items.empty()) {
        std::size_t comma = items.find(',');
        std::string_view item = Trim(items.substr(0, comma));
        if (!item.empty()) dict->AddDiscard(ParsePhraseWords(item, WordMode::kInflect), document);
        if (comma == std::string_view::npos) break;
        items.remove_prefix(comma + 1);
      }
      continue;
    }

    if (line.starts_with("verb ") || line.starts_with("noun ")) {
      bool noun = line[0] == 'n';
      std::string_view rest = Trim(line.substr(5));
      std::string code, code2;
      if (std::size_t lb = rest.rfind('['); lb != std::string_view::npos) {
        std::size_t rb = rest.find(']', lb);
        if (rb == std::string_view::npos) {
          dict->AddWarning(where + ": unclosed '['");
          continue;
        }
        std::string c(Trim(rest.substr(lb + 1, rb - lb - 1)));
        if (std::size_t colon = c.find(':'); colon != std::string::npos) {
          code2 = c.substr(colon + 1);
          c = c.substr(0, colon);
        }
        code = c;
        rest = Trim(rest.substr(0, lb));
      }
      std::vector<std::string> forms;
      if (std::size_t lb = rest.find('{'); lb != std::string_view::npos) {
        std::size_t rb = rest.find('}', lb);
        if (rb == std::string_view::npos) {
          dict->AddWarning(where + ": unclosed '{'");
          continue;
        }
        std::string_view fl = rest.substr(lb + 1, rb - lb - 1);
        while (!fl.empty()) {
          fl = Trim(fl);
          std::size_t sp = fl.find_first_of(" \t");
          std::string_view f = fl.substr(0, sp);
          if (!f.empty()) forms.push_back(Upper(f));
          if (sp == std::string_view::npos) break;
          fl.remove_prefix(sp);
        }
        rest = Trim(rest.substr(0, lb));
      }
      if (rest.empty()) {
        dict->AddWarning(where + ": trigger without a word");
        continue;
      }
      // Each line is its own block; comma-separated triggers on one line
      // share its code and patterns.
      {
        VerbBlock b;
        b.code = code.empty() ? "---" : code;
        b.code2 = code2;
        block = dict->AddBlock(std::move(b));
      }
      std::string_view triggers = rest;
      while (!triggers.empty()) {
        std::size_t comma = triggers.find(',');
        std::string_view one = Trim(triggers.substr(0, comma));
        triggers = comma == std::string_view::npos ? std::string_view() : triggers.substr(comma + 1);
        if (one.empty()) continue;
        VerbEntry e;
        e.words = ParsePhraseWords(one, WordMode::kInflect);
        e.head = 0;
        for (std::size_t i = 0; i < e.words.size(); ++i) {
          // A word written with a leading '+' is the head ("human +rights").
          if (!e.words[i].text.empty() && e.words[i].text[0] == '+') {
            e.words[i].text.erase(0, 1);
            e.head = static_cast<int>(i);
          }
        }
        e.code = code;
        e.code2 = code2;
        e.block = block;
        e.noun = noun;
        e.line = line_no;
        dict->AddEntry(std::move(e), forms);
        ++entries;
      }
      continue;
    }

    if (line[0] == '-') {
      if (block < 0) {
        dict->AddWarning(where + ": pattern before any verb or noun");
        continue;
      }
      VerbPattern p;
      std::string error;
      if (!ParsePatternLine(line.substr(1), sets, WordMode::kInflect, &p, &error)) {
        dict->AddWarning(where + ": " + error);
        continue;
      }
      p.line = line_no;
      dict->mutable_block(block)->patterns.push_back(std::move(p));
      continue;
    }
    dict->AddWarning(where + ": unrecognized line");
  }
  if (entries == 0) return InvalidArgumentError(name + ": no verb or noun entries");
  return Status::OK();
}

StatusOr<VerbDictionary> LoadDyadVerbDir(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& de : std::filesystem::directory_iterator(dir, ec)) {
    if (de.path().extension() == ".dyad") files.push_back(de.path().string());
  }
  if (ec) return NotFoundError("cannot read verb dictionary directory " + dir + ": " + ec.message());
  if (files.empty()) return NotFoundError("no .dyad verb dictionaries in " + dir);
  std::sort(files.begin(), files.end());
  VerbDictionary dict;
  SynsetMap sets;  // Sets defined in one file are visible in the later ones.
  int files_with_entries = 0;
  for (const auto& f : files) {
    ASSIGN_OR_RETURN(std::string text, ReadFile(f));
    Status s = ParseDyadVerbsWithSets(text, f, &dict, &sets);
    if (s.ok()) ++files_with_entries;
  }
  if (files_with_entries == 0) return InvalidArgumentError("no verb entries in " + dir);
  dict.Compile();
  return dict;
}

}  // namespace dyad::code
