#include "analyze/iob.h"

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
    if (type == "PERSON" || type == "person") type = "PER";
    if (type == "LOCATION" || type == "location" || type == "GPE") type = "LOC";
    if (type == "ORGANIZATION" || type == "organization" || type == "corporation" ||
        type == "group") {
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

StatusOr<std::vector<IobSentence>> ParseIob(std::string_view data, const std::string& name) {
  std::vector<IobSentence> out;
  IobSentence cur;
  std::size_t pos = 0, line_no = 0;
  auto flush = [&] {
    if (!cur.forms.empty()) {
      NormalizeIob(&cur.labels);
      out.push_back(std::move(cur));
    }
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
