#include "actors/legacy_import.h"

#include <algorithm>
#include <map>
#include <optional>

#include "actors/words.h"
#include "util/files.h"
#include "util/strings.h"

namespace dyad::actors {
namespace {


// Yields the meaningful lines of a PETRARCH/TABARI file, comments removed.
class LineReader {
 public:
  LineReader(std::string_view text, LegacyDialect dialect) : text_(text), dialect_(dialect) {}

  // Returns false at the end. *line is the cleaned, trimmed, non-empty text.
  bool Next(std::string* line, int* line_no) {
    while (pos_ <= text_.size() && !(pos_ == text_.size() && done_)) {
      size_t nl = text_.find('\n', pos_);
      if (nl == std::string_view::npos) nl = text_.size();
      std::string_view raw = text_.substr(pos_, nl - pos_);
      ++no_;
      if (nl == text_.size()) done_ = true;
      pos_ = nl == text_.size() ? nl : nl + 1;
      if (in_xml_comment_) {
        size_t end = raw.find("-->");
        if (end == std::string_view::npos) continue;
        in_xml_comment_ = false;
        raw = raw.substr(end + 3);
      }
      std::string_view t = Trim(raw);
      if (!skip_tag_.empty()) {
        if (t.substr(0, skip_tag_.size()) == skip_tag_) skip_tag_.clear();
        continue;
      }
      // TABARI: a line that begins with "#" or "/" is a comment (manual
      // 5.2); elsewhere "#" may start a code ("[###]" is its discard code).
      if (t.empty() || t[0] == '#' || (t[0] == '/' && dialect_ == LegacyDialect::kTabari)) continue;
      if (t.substr(0, 4) == "<!--") {
        size_t end = t.find("-->");
        if (end == std::string_view::npos) {
          in_xml_comment_ = true;
          continue;
        }
        t = Trim(t.substr(end + 3));
      } else if (t.substr(0, 2) == "<!") {
        continue;
      }
      if (dialect_ == LegacyDialect::kTabari && t.size() > 2 && t[0] == '<' && t[1] != '/' &&
          t.back() == '>') {
        // TABARI's <NOUN> ... </NOUN> style lists: not actors.
        skip_tag_ = "</" + std::string(t.substr(1));
        continue;
      }
      std::string s(t);
      size_t hash = s.find('#');
      if (hash != std::string::npos && dialect_ != LegacyDialect::kTabari) s.resize(hash);
      if (dialect_ == LegacyDialect::kTabari) {
        size_t semi = s.find(';');
        if (semi != std::string::npos) s.resize(semi);
      }
      // Inline XML comments.
      for (size_t a = s.find("<!--"); a != std::string::npos; a = s.find("<!--")) {
        size_t b = s.find("-->", a);
        if (b == std::string::npos) {
          s.resize(a);
          in_xml_comment_ = true;
          break;
        }
        s.erase(a, b + 3 - a);
      }
      std::string_view st = Trim(s);
      if (st.empty()) continue;
      *line = std::string(st);
      *line_no = no_;
      return true;
    }
    return false;
  }

 private:
  std::string_view text_;
  LegacyDialect dialect_;
  size_t pos_ = 0;
  int no_ = 0;
  bool done_ = false;
  bool in_xml_comment_ = false;
  std::string skip_tag_;
};

// The surface of a phrase: underscores and blanks become single spaces.
struct Surface {
  std::string text;
  bool stem = false;        // TABARI: the last word has no trailing "_" or "=".
  bool exact_last = false;  // TABARI: the last word ends in "=" (no endings).
  std::uint32_t gaps = 0;   // TABARI: bit i, a blank (not "_") after word i.
};

Surface PhraseSurface(std::string_view phrase, LegacyDialect dialect) {
  Surface out;
  phrase = Trim(phrase);
  bool tabari = dialect == LegacyDialect::kTabari;
  if (tabari && !phrase.empty() && phrase.back() == '=') {
    out.exact_last = true;
    phrase = Trim(phrase.substr(0, phrase.size() - 1));
  }
  out.stem = tabari && !out.exact_last && !phrase.empty() && phrase.back() != '_';
  bool space = false, blank = false;
  int word = 0;
  for (char c : phrase) {
    if (c == '_' || c == ' ' || c == '\t') {
      space = true;
      blank = blank || c != '_';
      continue;
    }
    if (space && !out.text.empty()) {
      out.text += ' ';
      if (tabari && blank && word < 32) out.gaps |= 1u << word;
      ++word;
    }
    space = blank = false;
    out.text += c;
  }
  return out;
}

std::string MakeId(const std::string& surface, DictionaryData* data) {
  std::string id;
  for (const std::string& w : FormWords(surface)) {
    if (!id.empty()) id += '_';
    for (unsigned char c : w) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        id += static_cast<char>(c);
      } else if (c >= 'A' && c <= 'Z') {
        id += static_cast<char>(c - 'A' + 'a');
      } else if (id.empty() || id.back() != '_') {
        id += '_';
      }
    }
  }
  if (id.empty()) id = "actor";
  std::string unique = id;
  for (int n = 2; data->actor_ids.count(unique); ++n) unique = id + "_" + std::to_string(n);
  return unique;
}

void AddSurface(DictionaryData* data, std::uint32_t entry, FormKind kind, Surface surface) {
  data->AddForm(entry, kind, std::move(surface.text), surface.stem);
  data->forms.back().gaps = surface.gaps;
  data->forms.back().exact_last = surface.exact_last;
}

struct ActorRecord {
  bool open = false;
  std::string surface;  // Primary.
  int line = 0;
  std::vector<Surface> phrases;
  std::vector<CodeSpan> dated, undated;
};

class ActorImporter {
 public:
  ActorImporter(const std::string& name, LegacyDialect dialect, DictionaryData* data)
      : name_(name), dialect_(dialect), data_(data) {}

  void Run(std::string_view text) {
    data_->files++;
    LineReader reader(text, dialect_);
    std::string line;
    int no = 0;
    while (reader.Next(&line, &no)) {
      if (line[0] == '[') {
        if (!rec_.open) {
          data_->Error(name_, no, "date restriction outside an actor record; skipped");
          continue;
        }
        ParseCodes(line, no);
      } else if (line[0] == '+') {
        if (!rec_.open) {
          data_->Error(name_, no, "synonym outside an actor record; skipped");
          continue;
        }
        AddPhrase(line.substr(1), no);
      } else {
        Close();
        rec_ = ActorRecord();
        rec_.open = true;
        rec_.line = no;
        if (!AddPhrase(line, no)) rec_.open = false;
      }
    }
    Close();
    data_->lines += CountLines(text);
  }

 private:
  static int CountLines(std::string_view text) {
    int n = 0;
    for (char c : text) n += c == '\n';
    return n + (!text.empty() && text.back() != '\n');
  }

  // Adds the phrase before any "[" and reads the codes after it.
  bool AddPhrase(std::string_view text, int no) {
    size_t br = text.find('[');
    std::string_view phrase = text.substr(0, br);
    Surface surface = PhraseSurface(phrase, dialect_);
    if (surface.text.empty() || FormWords(surface.text).empty()) {
      data_->Error(name_, no, "empty actor phrase; skipped");
      return false;
    }
    if (rec_.surface.empty()) rec_.surface = surface.text;
    rec_.phrases.push_back(std::move(surface));
    if (br != std::string_view::npos) ParseCodes(text.substr(br), no);
    return true;
  }

  void ParseCodes(std::string_view text, int no) {
    size_t pos = 0;
    while ((pos = text.find('[', pos)) != std::string_view::npos) {
      size_t end = text.find(']', pos);
      if (end == std::string_view::npos) {
        data_->Error(name_, no, "'[' without ']'; code skipped");
        return;
      }
      ParseCode(Trim(text.substr(pos + 1, end - pos - 1)), no);
      pos = end + 1;
    }
  }

  void ParseCode(std::string_view body, int no) {
    // "CODE", "CODE date-date", "CODE <date", "CODE >date".
    size_t sp = body.find_first_of(" \t");
    std::string_view code = body.substr(0, sp);
    std::string_view dates = sp == std::string_view::npos ? "" : Trim(body.substr(sp));
    if (code.empty()) {
      data_->Error(name_, no, "empty code '[]'; skipped");
      return;
    }
    if (code[0] >= '0' && code[0] <= '9') {
      data_->Error(name_, no, "code missing before the date in '[" + std::string(body) + "]'; skipped");
      return;
    }
    // "[HOB < 950601]", "[HOBGOV 19950601 - 19990815]": blanks inside the
    // date are allowed.
    std::string packed;
    for (char ch : dates) {
      if (ch != ' ' && ch != '\t') packed += ch;
    }
    dates = packed;
    CodeSpan span;
    span.code = std::string(code);
    if (dates.empty()) {
      rec_.undated.push_back(std::move(span));
      return;
    }
    auto bad = [&] {
      data_->Warning(name_, no, "invalid date '" + std::string(dates) + "'; code kept without it");
      rec_.undated.push_back(span);
    };
    if (dates[0] == '<' || dates[0] == '>') {
      auto d = ParseLegacyDate(dates.substr(1));
      if (!d) return bad();
      (dates[0] == '<' ? span.to : span.from) = *d;
    } else if (size_t dash = dates.find('-'); dash != std::string_view::npos) {
      auto a = ParseLegacyDate(dates.substr(0, dash));
      auto b = ParseLegacyDate(dates.substr(dash + 1));
      if (!a || !b) return bad();
      span.from = *a;
      span.to = *b;
      if (*a > *b) {
        data_->Warning(name_, no, "date range '" + std::string(dates) +
                                      "' ends before it starts; it never holds");
      }
    } else {
      auto d = ParseLegacyDate(dates);
      if (!d) return bad();
      data_->Warning(name_, no, "date '" + std::string(dates) + "' without <, > or -; read as >");
      span.from = *d;
    }
    rec_.dated.push_back(std::move(span));
  }

  void Close() {
    if (!rec_.open) return;
    rec_.open = false;
    Entry e;
    e.kind = EntryKind::kActor;
    e.id = MakeId(rec_.surface, data_);
    e.where = name_ + ":" + std::to_string(rec_.line);
    e.actor_kind = rec_.dated.empty() ? ActorKind::kOrg : ActorKind::kPerson;
    e.codes = std::move(rec_.dated);
    for (auto& c : rec_.undated) e.codes.push_back(std::move(c));
    data_->actor_ids[e.id] = static_cast<std::uint32_t>(data_->entries.size());
    std::uint32_t id = data_->AddEntry(std::move(e));
    for (auto& surface : rec_.phrases) {
      AddSurface(data_, id, FormKind::kName, std::move(surface));
    }
  }

  std::string name_;
  LegacyDialect dialect_;
  DictionaryData* data_;
  ActorRecord rec_;
};

class AgentImporter {
 public:
  AgentImporter(const std::string& name, LegacyDialect dialect, DictionaryData* data)
      : name_(name), dialect_(dialect), data_(data) {}

  void Run(std::string_view text) {
    data_->files++;
    LineReader reader(text, dialect_);
    std::string line;
    int no = 0;
    while (reader.Next(&line, &no)) Line(line, no);
    int n = 0;
    for (char c : text) n += c == '\n';
    data_->lines += n + (!text.empty() && text.back() != '\n');
  }

 private:
  void Line(const std::string& line, int no) {
    if (line.find('!') != std::string::npos && line.find('=') != std::string::npos) {
      DefineMarker(line, no);
      return;
    }
    size_t br = line.find('[');
    if (br == std::string::npos) {
      data_->Error(name_, no, "agent without a [code]; skipped");
      return;
    }
    size_t close = line.find(']', br);
    std::string code(Trim(std::string_view(line).substr(
        br + 1, (close == std::string::npos ? line.size() : close) - br - 1)));
    std::string_view phrase = Trim(std::string_view(line).substr(0, br));
    if (code.empty() || phrase.empty()) {
      data_->Error(name_, no, "agent needs a phrase and a code; skipped");
      return;
    }
    std::uint32_t entry = EntryFor(code, no);
    if (phrase.find('!') != std::string_view::npos) {
      size_t a = phrase.find('!');
      size_t b = phrase.find('!', a + 1);
      if (b == std::string_view::npos) {
        data_->Error(name_, no, "substitution marker syntax incorrect; skipped");
        return;
      }
      std::string marker(phrase.substr(a + 1, b - a - 1));
      auto it = markers_.find(marker);
      if (it == markers_.end()) {
        data_->Error(name_, no, "substitution marker !" + marker + "! is not defined; skipped");
        return;
      }
      for (const std::string& sub : it->second) {
        std::string p = std::string(phrase.substr(0, a)) + sub + std::string(phrase.substr(b + 1));
        AddForm(entry, p, FormKind::kName);
      }
      return;
    }
    std::string plural;
    bool regular = true;
    if (size_t lb = phrase.find('{'); lb != std::string_view::npos) {
      size_t rb = phrase.find('}', lb);
      if (rb == std::string_view::npos) {
        data_->Error(name_, no, "missing '}'; skipped");
        return;
      }
      plural = std::string(Trim(phrase.substr(lb + 1, rb - lb - 1)));
      regular = false;
      phrase = Trim(phrase.substr(0, lb));
    }
    AddForm(entry, phrase, FormKind::kName);
    if (regular) {
      std::string_view root = phrase;
      while (!root.empty() && root.back() == '_') root.remove_suffix(1);
      if (!root.empty()) {
        std::string p(root);
        char last = p.back();
        if (last == 'Y' || last == 'y') {
          p.pop_back();
          p += last == 'Y' ? "IES" : "ies";
        } else if (last == 'S' || last == 's') {
          p += last == 'S' ? "ES" : "es";
        } else {
          p += (last >= 'a' && last <= 'z') ? "s" : "S";
        }
        if (dialect_ == LegacyDialect::kTabari && phrase.back() == '_') p += '_';
        AddForm(entry, p, FormKind::kPlural);
      }
    } else if (!plural.empty()) {
      AddForm(entry, plural, FormKind::kPlural);
    }
  }

  void DefineMarker(const std::string& line, int no) {
    size_t a = line.find('!');
    size_t b = line.find('!', a + 1);
    size_t eq = line.find('=', a);
    if (b == std::string::npos || eq == std::string::npos || eq < b) {
      data_->Error(name_, no, "substitution marker incorrectly defined; skipped");
      return;
    }
    std::vector<std::string> items;
    std::string_view list = std::string_view(line).substr(eq + 1);
    size_t pos = 0;
    while (pos <= list.size()) {
      size_t comma = list.find(',', pos);
      if (comma == std::string_view::npos) comma = list.size();
      std::string_view item = Trim(list.substr(pos, comma - pos));
      if (!item.empty()) items.emplace_back(item);
      pos = comma + 1;
    }
    markers_[line.substr(a + 1, b - a - 1)] = std::move(items);
  }

  std::uint32_t EntryFor(const std::string& raw, int no) {
    auto it = entries_.find(raw);
    if (it != entries_.end()) return it->second;
    Entry e;
    e.kind = EntryKind::kAgent;
    std::string code;
    for (char ch : raw) {
      if ((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '~') code += ch;
    }
    if (code.size() + std::count(raw.begin(), raw.end(), ' ') != raw.size()) {
      data_->Warning(name_, no, "stray characters in agent code '" + raw + "' dropped");
    }
    if (!code.empty() && code.back() == '~') {
      e.agent_prefix = true;
      code.pop_back();
    } else if (!code.empty() && code[0] == '~') {
      code.erase(0, 1);
    } else {
      data_->Warning(name_, no, "agent code '" + raw + "' has no '~'; read as '~" + raw + "'");
    }
    e.id = code;
    CodeSpan span;
    span.code = code;
    e.codes.push_back(std::move(span));
    e.where = name_ + ":" + std::to_string(no);
    std::uint32_t id = data_->AddEntry(std::move(e));
    entries_[raw] = id;
    return id;
  }

  void AddForm(std::uint32_t entry, std::string_view phrase, FormKind kind) {
    Surface surface = PhraseSurface(phrase, dialect_);
    if (surface.text.empty()) return;
    AddSurface(data_, entry, kind, std::move(surface));
  }

  std::string name_;
  LegacyDialect dialect_;
  DictionaryData* data_;
  std::map<std::string, std::vector<std::string>> markers_;
  std::map<std::string, std::uint32_t> entries_;
};

}  // namespace

std::optional<Date> ParseLegacyDate(std::string_view s) {
  s = Trim(s);
  int y, m, d;
  auto digits = [](std::string_view t) {
    if (t.empty()) return false;
    for (char c : t) {
      if (c < '0' || c > '9') return false;
    }
    return true;
  };
  auto num = [](std::string_view t) {
    int v = 0;
    for (char c : t) v = v * 10 + (c - '0');
    return v;
  };
  if (s.size() > 7) {
    if (!digits(s.substr(0, 8))) return std::nullopt;
    y = num(s.substr(0, 4));
    m = num(s.substr(4, 2));
    d = num(s.substr(6, 2));
  } else {
    if (s.size() < 6 || !digits(s.substr(0, 6))) return std::nullopt;
    y = num(s.substr(0, 2));
    y += y <= 30 ? 2000 : 1900;
    m = num(s.substr(2, 2));
    d = num(s.substr(4, 2));
  }
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return std::nullopt;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (m == 2 && d == 29 && !leap) return std::nullopt;
  return y * 10000 + m * 100 + d;
}

void ImportLegacyActorsText(std::string_view text, const std::string& name, LegacyDialect dialect,
                            DictionaryData* data) {
  ActorImporter(name, dialect, data).Run(text);
}

void ImportLegacyAgentsText(std::string_view text, const std::string& name, LegacyDialect dialect,
                            DictionaryData* data) {
  AgentImporter(name, dialect, data).Run(text);
}

Status ImportLegacyActors(const std::string& path, LegacyDialect dialect, DictionaryData* data) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  ImportLegacyActorsText(*text, path, dialect, data);
  return Status::OK();
}

Status ImportLegacyAgents(const std::string& path, LegacyDialect dialect, DictionaryData* data) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  ImportLegacyAgentsText(*text, path, dialect, data);
  return Status::OK();
}

}  // namespace dyad::actors
