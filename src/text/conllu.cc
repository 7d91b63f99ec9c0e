#include "text/conllu.h"

#include <charconv>

#include "util/files.h"

namespace dyad::text {
namespace {

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    std::size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      out.push_back(line.substr(start));
      return out;
    }
    out.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
}

bool ParseInt(std::string_view s, int* v) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *v);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

bool NoSpaceAfter(std::string_view misc) {
  std::size_t start = 0;
  while (start <= misc.size()) {
    std::size_t bar = misc.find('|', start);
    std::string_view item = misc.substr(start, bar == std::string_view::npos ? bar : bar - start);
    if (item == "SpaceAfter=No") return true;
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return false;
}

StatusOr<std::vector<ConlluSentence>> ParseConllu(std::string_view data, const std::string& name) {
  std::vector<ConlluSentence> out;
  ConlluSentence cur;
  std::size_t line_no = 0;
  std::size_t pos = 0;
  auto flush = [&] {
    if (!cur.words.empty()) out.push_back(std::move(cur));
    cur = ConlluSentence();
  };
  while (pos <= data.size()) {
    std::size_t nl = data.find('\n', pos);
    std::string_view line = data.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? data.size() + 1 : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      flush();
      continue;
    }
    if (line[0] == '#') {
      std::string_view body = line.substr(1);
      while (!body.empty() && body.front() == ' ') body.remove_prefix(1);
      std::string_view key = body, value;
      std::size_t eq = body.find(" = ");
      if (eq != std::string_view::npos) {
        key = body.substr(0, eq);
        value = body.substr(eq + 3);
      } else if (body.size() && body.back() == '=') {
        key = body.substr(0, body.size() - 1);
        while (!key.empty() && key.back() == ' ') key.remove_suffix(1);
      }
      if (key.rfind("newdoc", 0) == 0) cur.newdoc = true;
      if (key.rfind("newpar", 0) == 0) cur.newpar = true;
      if (key == "text") cur.text = std::string(value);
      if (key == "sent_id") cur.sent_id = std::string(value);
      cur.comments.emplace_back(std::string(key), std::string(value));
      continue;
    }
    if (cur.line == 0) cur.line = static_cast<int>(line_no);
    auto cols = SplitTabs(line);
    if (cols.size() != 10) {
      return InvalidArgumentError(name + ":" + std::to_string(line_no) + ": expected 10 columns, got " +
                                  std::to_string(cols.size()));
    }
    std::string_view id = cols[0];
    if (id.find('.') != std::string_view::npos) continue;  // empty node
    std::size_t dash = id.find('-');
    if (dash != std::string_view::npos) {
      ConlluMwt m;
      if (!ParseInt(id.substr(0, dash), &m.first) || !ParseInt(id.substr(dash + 1), &m.last)) {
        return InvalidArgumentError(name + ":" + std::to_string(line_no) + ": bad range id '" +
                                    std::string(id) + "'");
      }
      m.form = std::string(cols[1]);
      m.misc = std::string(cols[9]);
      cur.mwts.push_back(std::move(m));
      continue;
    }
    ConlluWord w;
    w.line = static_cast<int>(line_no);
    if (!ParseInt(id, &w.id)) {
      return InvalidArgumentError(name + ":" + std::to_string(line_no) + ": bad id '" + std::string(id) + "'");
    }
    w.form = std::string(cols[1]);
    w.lemma = std::string(cols[2]);
    w.upos = std::string(cols[3]);
    w.xpos = std::string(cols[4]);
    w.feats = std::string(cols[5]);
    if (cols[6] == "_") {
      w.head = -1;
    } else if (!ParseInt(cols[6], &w.head)) {
      return InvalidArgumentError(name + ":" + std::to_string(line_no) + ": bad head '" +
                                  std::string(cols[6]) + "'");
    }
    w.deprel = std::string(cols[7]);
    w.deps = std::string(cols[8]);
    w.misc = std::string(cols[9]);
    cur.words.push_back(std::move(w));
  }
  flush();
  return out;
}

StatusOr<std::vector<ConlluSentence>> ReadConllu(const std::string& path) {
  auto data = ReadFile(path);
  if (!data.ok()) return data.status().WithContext(path);
  return ParseConllu(*data, path);
}

}  // namespace dyad::text
