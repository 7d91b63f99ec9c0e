#include "actors/dyad_format.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "util/files.h"
#include "util/strings.h"

namespace dyad::actors {
namespace {

namespace fs = std::filesystem;


// Splits off the first whitespace-delimited word of `s`; `rest` gets the
// trimmed remainder.
std::string_view FirstWord(std::string_view s, std::string_view* rest) {
  s = Trim(s);
  size_t i = 0;
  while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
  *rest = Trim(s.substr(i));
  return s.substr(0, i);
}

bool IsActorId(std::string_view id) {
  if (id.empty()) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

// Parses "FROM..TO" (either side may be empty).
bool ParseRange(std::string_view s, Date* from, Date* to) {
  size_t dots = s.find("..");
  if (dots == std::string_view::npos) return false;
  std::string_view a = s.substr(0, dots), b = s.substr(dots + 2);
  *from = kDateMin;
  *to = kDateMax;
  if (!a.empty()) {
    auto d = ParseIsoDate(a, false);
    if (!d) return false;
    *from = *d;
  }
  if (!b.empty()) {
    auto d = ParseIsoDate(b, true);
    if (!d) return false;
    *to = *d;
  }
  return *from <= *to;
}

class Parser {
 public:
  Parser(DictionaryData* data, std::set<std::string>* open_files)
      : data_(data), open_files_(open_files) {}

  void Parse(std::string_view text, const std::string& name, const std::string& base_dir) {
    file_ = name;
    base_dir_ = base_dir;
    data_->files++;
    int line_no = 0;
    size_t pos = 0;
    while (pos <= text.size()) {
      size_t nl = text.find('\n', pos);
      if (nl == std::string_view::npos) nl = text.size();
      ++line_no;
      Line(text.substr(pos, nl - pos), line_no);
      data_->lines++;
      if (nl == text.size()) break;
      pos = nl + 1;
    }
    Close();
  }

 private:
  enum class State { kNone, kOpen, kSkipping };

  void Error(int line, std::string msg) { data_->Error(file_, line, std::move(msg)); }

  void Line(std::string_view raw, int line) {
    std::string_view s = raw;
    size_t hash = s.find('#');
    if (hash != std::string_view::npos) s = s.substr(0, hash);
    s = Trim(s);
    if (s.empty()) return;
    std::string_view rest;
    std::string_view kw = FirstWord(s, &rest);
    if (kw == "actor" || kw == "agent" || kw == "country" || kw == "region" || kw == "city") {
      Close();
      Header(kw, rest, line);
      return;
    }
    if (kw == "include") {
      Close();
      Include(rest, line);
      return;
    }
    static const std::set<std::string_view> kBody = {
        "name", "adjective", "demonym", "plural", "title", "capital",
        "code", "role", "kind", "iso"};
    if (!kBody.count(kw)) {
      Error(line, "unknown keyword '" + std::string(kw) + "'");
      return;
    }
    if (state_ == State::kSkipping) return;
    if (state_ == State::kNone) {
      Error(line, "'" + std::string(kw) + "' line outside any block");
      return;
    }
    Body(kw, rest, line);
  }

  void Header(std::string_view kw, std::string_view rest, int line) {
    entry_ = Entry();
    forms_.clear();
    entry_.where = file_ + ":" + std::to_string(line);
    kind_set_ = false;
    has_role_ = false;
    state_ = State::kSkipping;
    std::string_view args;
    std::string_view first = FirstWord(rest, &args);
    if (kw == "actor") {
      if (!IsActorId(first) || !args.empty()) {
        Error(line, "actor id must be one word of [a-z0-9_], got '" + std::string(rest) + "'");
        return;
      }
      if (data_->actor_ids.count(std::string(first))) {
        Error(line, "duplicate actor id '" + std::string(first) + "'");
        return;
      }
      entry_.kind = EntryKind::kActor;
      entry_.id = std::string(first);
    } else if (kw == "agent") {
      if (!args.empty() || (first != "-" && !IsCameoCode(first))) {
        Error(line, "agent needs one sector code (e.g. COP) or '-', got '" + std::string(rest) + "'");
        return;
      }
      entry_.kind = EntryKind::kAgent;
      entry_.id = first == "-" ? "" : std::string(first);
      CodeSpan sector;
      sector.code = entry_.id;
      entry_.codes.push_back(std::move(sector));
    } else if (kw == "country") {
      if (!args.empty() || first.size() != 3 || !IsCameoCode(first)) {
        Error(line, "country needs one 3-letter code, got '" + std::string(rest) + "'");
        return;
      }
      entry_.kind = EntryKind::kCountry;
      entry_.id = std::string(first);
      entry_.country = entry_.id;
    } else {  // region / city
      if (first.size() != 3 || !IsCameoCode(first) || args.empty()) {
        Error(line, std::string(kw) + " needs a 3-letter country code and a name, got '" +
                        std::string(rest) + "'");
        return;
      }
      entry_.kind = kw == "region" ? EntryKind::kRegion : EntryKind::kCity;
      entry_.id = std::string(args);
      entry_.country = std::string(first);
      forms_.push_back({std::string(args), 0, FormKind::kName, false});
    }
    state_ = State::kOpen;
  }

  void AddForm(FormKind kind, std::string_view surface, int line) {
    if (surface.empty()) {
      Error(line, std::string(FormKindName(kind)) + " needs a surface form");
      return;
    }
    forms_.push_back({std::string(surface), 0, kind, false});
  }

  void Body(std::string_view kw, std::string_view rest, int line) {
    EntryKind k = entry_.kind;
    auto not_allowed = [&] {
      Error(line, "'" + std::string(kw) + "' is not allowed in a " + EntryKindName(k) + " block");
    };
    bool place = k == EntryKind::kCountry || k == EntryKind::kRegion || k == EntryKind::kCity;
    if (kw == "name") {
      AddForm(FormKind::kName, rest, line);
      if (k == EntryKind::kAgent && !rest.empty()) {
        forms_.push_back({RegularPlural(rest), 0, FormKind::kPlural, false});
      }
    } else if (kw == "adjective" || kw == "demonym") {
      if (!place) return not_allowed();
      AddForm(kw == "adjective" ? FormKind::kAdjective : FormKind::kDemonym, rest, line);
    } else if (kw == "plural" || kw == "title") {
      if (k != EntryKind::kAgent) return not_allowed();
      AddForm(kw == "plural" ? FormKind::kPlural : FormKind::kTitle, rest, line);
    } else if (kw == "capital") {
      if (k != EntryKind::kCountry) return not_allowed();
      AddForm(FormKind::kCapital, rest, line);
    } else if (kw == "iso") {
      if (k != EntryKind::kRegion && k != EntryKind::kCity) return not_allowed();
      entry_.iso = std::string(rest);
    } else if (kw == "kind") {
      if (k != EntryKind::kActor) return not_allowed();
      if (rest == "person") {
        entry_.actor_kind = ActorKind::kPerson;
      } else if (rest == "org") {
        entry_.actor_kind = ActorKind::kOrg;
      } else if (rest == "group") {
        entry_.actor_kind = ActorKind::kGroup;
      } else {
        return Error(line, "kind must be person, org or group, got '" + std::string(rest) + "'");
      }
      kind_set_ = true;
    } else {  // code / role
      if (k != EntryKind::kActor) return not_allowed();
      CodeSpan span;
      std::string_view args = rest;
      size_t note = args.find("note=");
      if (note != std::string_view::npos) {
        span.note = std::string(Trim(args.substr(note + 5)));
        args = Trim(args.substr(0, note));
      }
      std::string_view range;
      std::string_view code = FirstWord(args, &range);
      if (!IsCameoCode(code) && code != "---") {
        return Error(line, "bad CAMEO code '" + std::string(code) + "'");
      }
      span.code = std::string(code);
      if (range.empty()) {
        if (kw == "role") return Error(line, "role needs a date range FROM..TO");
      } else if (range.find(' ') != std::string_view::npos ||
                 range.find('\t') != std::string_view::npos ||
                 !ParseRange(range, &span.from, &span.to)) {
        return Error(line, "bad date range '" + std::string(range) +
                               "' (want FROM..TO with dates YYYY[-MM[-DD]])");
      }
      if (kw == "role") has_role_ = true;
      entry_.codes.push_back(std::move(span));
    }
  }

  void Close() {
    if (state_ != State::kOpen) {
      state_ = State::kNone;
      return;
    }
    state_ = State::kNone;
    if (forms_.empty()) {
      data_->Error(entry_.where.substr(0, entry_.where.rfind(':')),
                   std::stoi(entry_.where.substr(entry_.where.rfind(':') + 1)),
                   std::string(EntryKindName(entry_.kind)) + " '" + entry_.id +
                       "' has no surface form; dropped");
      return;
    }
    if (entry_.kind == EntryKind::kActor && !kind_set_ && has_role_) {
      entry_.actor_kind = ActorKind::kPerson;
    }
    if (entry_.kind == EntryKind::kActor) data_->actor_ids[entry_.id] = data_->entries.size();
    std::uint32_t id = data_->AddEntry(std::move(entry_));
    for (auto& f : forms_) {
      bool acronym = IsAcronym(f.surface);
      data_->AddForm(id, f.kind, std::move(f.surface), f.stem_last);
      data_->forms.back().acronym = acronym;
    }
    forms_.clear();
  }

  void Include(std::string_view rest, int line) {
    if (rest.empty()) return Error(line, "include needs a path");
    fs::path p(std::string{rest});
    if (p.is_relative()) p = fs::path(base_dir_) / p;
    std::string path = p.lexically_normal().string();
    if (open_files_->count(path)) return Error(line, "include cycle through '" + path + "'");
    auto text = ReadFile(path);
    if (!text.ok()) {
      return Error(line, "cannot include '" + path + "': " + text.status().ToString());
    }
    open_files_->insert(path);
    Parser sub(data_, open_files_);
    sub.Parse(*text, path, p.parent_path().string());
    open_files_->erase(path);
  }

  DictionaryData* data_;
  std::set<std::string>* open_files_;
  std::string file_, base_dir_;
  State state_ = State::kNone;
  Entry entry_;
  std::vector<Form> forms_;
  bool kind_set_ = false;
  bool has_role_ = false;
};

}  // namespace

void ParseDyadText(std::string_view text, const std::string& name, const std::string& base_dir,
                   DictionaryData* data) {
  std::set<std::string> open;
  open.insert(fs::path(name).lexically_normal().string());
  Parser(data, &open).Parse(text, name, base_dir);
}

Status ParseDyadFile(const std::string& path, DictionaryData* data) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  ParseDyadText(*text, path, fs::path(path).parent_path().string(), data);
  return Status::OK();
}

Status LoadDyadDirectory(const std::string& dict_dir, DictionaryData* data) {
  std::error_code ec;
  fs::path index = fs::path(dict_dir) / "index.dyad";
  if (fs::exists(index, ec)) return ParseDyadFile(index.string(), data);
  if (!fs::is_directory(dict_dir, ec)) {
    return NotFoundError("no dictionary directory '" + dict_dir + "'");
  }
  auto files = ListFiles(dict_dir, {"*.dyad"}, {});
  if (!files.ok()) return files.status();
  if (files->empty()) return NotFoundError("no *.dyad files under '" + dict_dir + "'");
  for (const auto& f : *files) {
    if (!f.error.empty()) {
      data->Error(f.path, 0, f.error);
      continue;
    }
    Status s = ParseDyadFile(f.path, data);
    if (!s.ok()) data->Error(f.path, 0, s.ToString());
  }
  return Status::OK();
}

std::string WriteDyad(const DictionaryData& data) {
  // Forms grouped by entry, in order.
  std::vector<std::vector<const Form*>> by_entry(data.entries.size());
  for (const auto& f : data.forms) {
    if (f.entry < by_entry.size()) by_entry[f.entry].push_back(&f);
  }
  std::string out;
  for (size_t i = 0; i < data.entries.size(); ++i) {
    const Entry& e = data.entries[i];
    if (by_entry[i].empty()) continue;
    if (!e.where.empty()) out += "# from " + e.where + "\n";
    switch (e.kind) {
      case EntryKind::kActor: out += "actor " + e.id + "\n"; break;
      case EntryKind::kAgent: out += "agent " + (e.id.empty() ? std::string("-") : e.id) + "\n"; break;
      case EntryKind::kCountry: out += "country " + e.id + "\n"; break;
      case EntryKind::kRegion: out += "region " + e.country + " " + e.id + "\n"; break;
      case EntryKind::kCity: out += "city " + e.country + " " + e.id + "\n"; break;
    }
    bool primary_skipped = false;
    for (const Form* f : by_entry[i]) {
      if ((e.kind == EntryKind::kRegion || e.kind == EntryKind::kCity) && !primary_skipped &&
          f->kind == FormKind::kName && f->surface == e.id) {
        primary_skipped = true;  // Already in the header.
        continue;
      }
      if (e.kind == EntryKind::kAgent && f->kind == FormKind::kPlural) {
        // Regular plurals are regenerated from the singular on reading.
        bool regular = false;
        for (const Form* g : by_entry[i]) {
          if (g->kind == FormKind::kName && RegularPlural(g->surface) == f->surface) regular = true;
        }
        if (regular) continue;
      }
      out += std::string("  ") + FormKindName(f->kind) + " " + f->surface + "\n";
    }
    if (e.kind == EntryKind::kActor) {
      if (e.actor_kind == ActorKind::kGroup) out += "  kind group\n";
      bool has_range = false;
      for (const auto& c : e.codes) has_range |= c.from != kDateMin || c.to != kDateMax;
      if (e.actor_kind == ActorKind::kPerson && !has_range) out += "  kind person\n";
      if (e.actor_kind == ActorKind::kOrg && has_range) out += "  kind org\n";
      for (const auto& c : e.codes) {
        bool ranged = c.from != kDateMin || c.to != kDateMax;
        // What the dyad format cannot hold is kept as a comment.
        std::string prefix = "  ";
        if (!IsCameoCode(c.code) && c.code != "---") prefix = "  # not a CAMEO code: ";
        if (c.from > c.to) prefix = "  # never holds: ";
        out += prefix + (ranged ? "role " : "code ") + c.code;
        if (ranged) out += " " + FormatDate(c.from) + ".." + FormatDate(c.to);
        if (!c.note.empty()) out += " note=" + c.note;
        out += "\n";
      }
    }
    if (!e.iso.empty()) out += "  iso " + e.iso + "\n";
  }
  return out;
}

}  // namespace dyad::actors
