#include "analyze/iob.h"

#include <set>

#include "util/files.h"

namespace dyad::analyze {
namespace {

std::vector<std::string_view> SplitCols(std::string_view line) {
  char sep = line.find('\t') != std::string_view::npos ? '\t' : ' ';
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= line.size()) {
    std::size_t e = line.find(sep, start);
    if (e == std::string_view::npos) e = line.size();
    if (e > start || sep == '\t') out.push_back(line.substr(start, e - start));
    start = e + 1;
  }
  return out;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

void NormalizeIob(std::vector<std::string>* labels) {
  std::string prev_type;
  for (auto& l : *labels) {
    std::string type = l.size() > 2 && l[1] == '-' ? l.substr(2) : "";
    if (type == "PERSON" || type == "person" || type == "Person") type = "PER";
    if (type == "LOCATION" || type == "location" || type == "Location" || type == "GPE") {
      type = "LOC";
    }
    if (type == "ORGANIZATION" || type == "organization" || type == "Organisation" ||
        type == "corporation" || type == "group") {
      type = "ORG";
    }
    if (type != "PER" && type != "ORG" && type != "LOC") {
      l = "O";
      prev_type.clear();
      continue;
    }
    bool inside = l[0] == 'I' && type == prev_type;
    l = (inside ? "I-" : "B-") + type;
    prev_type = type;
  }
}

bool KeepNamesOnly(const std::vector<std::string>& forms, std::vector<std::string>* labels) {
  static const std::set<std::string, std::less<>> kInside = {
      "of", "and", "for", "the", "de", "du", "la", "le", "al", "el", "bin", "ibn", "von", "van",
      "der", "on", "in", "'s", "’s", "s"};
  auto cap = [](const std::string& w) { return !w.empty() && w[0] >= 'A' && w[0] <= 'Z'; };
  auto alpha = [](const std::string& w) {
    return !w.empty() && ((w[0] | 0x20) >= 'a' && (w[0] | 0x20) <= 'z');
  };
  if (forms.size() != labels->size()) return false;
  bool keep = true;
  for (const auto& e : EntitySpans(*labels)) {
    int b = e.begin;
    if (forms[b] == "the" || forms[b] == "The") {
      (*labels)[b] = "O";
      if (++b == e.end) continue;
      (*labels)[b] = "B-" + e.type;
    }
    bool any_cap = false, name = cap(forms[b]);
    for (int i = b; i < e.end; ++i) {
      any_cap |= cap(forms[i]);
      name &= cap(forms[i]) || !alpha(forms[i]) || kInside.count(forms[i]) > 0;
    }
    if (!any_cap) {
      for (int i = b; i < e.end; ++i) (*labels)[i] = "O";
    } else if (!name) {
      keep = false;
    }
  }
  return keep;
}

void BioToBilou(std::vector<std::string>* labels) {
  auto& l = *labels;
  for (std::size_t i = 0; i < l.size(); ++i) {
    if (l[i].size() < 3 || l[i][1] != '-') continue;
    const bool goes_on = i + 1 < l.size() && l[i + 1].size() > 2 && l[i + 1][0] == 'I' &&
                         l[i + 1].compare(1, std::string::npos, l[i], 1) == 0;
    if (goes_on) continue;
    l[i][0] = l[i][0] == 'B' ? 'U' : 'L';
  }
}

StatusOr<std::vector<IobSentence>> ParseIob(std::string_view data, const std::string& name) {
  std::vector<IobSentence> out;
  IobSentence cur;
  std::size_t pos = 0, line_no = 0;
  auto flush = [&] {
    if (cur.forms.empty()) return;  // keeps a pending newdoc
    NormalizeIob(&cur.labels);
    out.push_back(std::move(cur));
    cur = IobSentence();
  };
  while (pos <= data.size()) {
    std::size_t nl = data.find('\n', pos);
    std::string_view line = data.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? data.size() + 1 : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.find_first_not_of(" \t") == std::string_view::npos) {
      flush();
      continue;
    }
    if (line[0] == '#' && (line.size() == 1 || line[1] == ' ')) {
      if (line.starts_with("# newdoc")) cur.newdoc = true;
      continue;
    }
    auto cols = SplitCols(line);
    if (!cols.empty() && cols[0] == "-DOCSTART-") {  // CoNLL 2003 document break
      flush();
      cur.newdoc = true;
      continue;
    }
    if (cols.size() < 2) {
      return InvalidArgumentError(name + ":" + std::to_string(line_no) + ": expected a form and a label");
    }
    if (cols.size() >= 3 && AllDigits(cols[0])) {
      cur.forms.emplace_back(cols[1]);
      cur.labels.emplace_back(cols[2]);
    } else {
      cur.forms.emplace_back(cols[0]);
      cur.labels.emplace_back(cols.back());
    }
  }
  flush();
  return out;
}

StatusOr<std::vector<IobSentence>> ReadIob(const std::string& path) {
  auto data = ReadFile(path);
  if (!data.ok()) return data.status().WithContext(path);
  return ParseIob(*data, path);
}

std::vector<EntitySpan> EntitySpans(const std::vector<std::string>& labels) {
  std::vector<EntitySpan> out;
  for (int i = 0; i < static_cast<int>(labels.size()); ++i) {
    const std::string& l = labels[i];
    if (l.size() < 3 || l[1] != '-') continue;
    std::string type = l.substr(2);
    bool cont = l[0] == 'I' && !out.empty() && out.back().end == i && out.back().type == type;
    if (cont) {
      out.back().end = i + 1;
    } else {
      out.push_back({i, i + 1, type});
    }
  }
  return out;
}

}  // namespace dyad::analyze
