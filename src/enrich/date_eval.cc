// Reading and scoring the date-and-place test set (format in date_eval.h).
#include "enrich/date_eval.h"

#include <fstream>
#include <sstream>

#include "geo/gazetteer.h"

namespace dyad::enrich {
namespace {

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  std::size_t p = 0;
  while (true) {
    std::size_t q = line.find('\t', p);
    out.push_back(line.substr(p, q == std::string::npos ? std::string::npos : q - p));
    if (q == std::string::npos) break;
    p = q + 1;
  }
  return out;
}

std::string Unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == 'n') {
      out.push_back('\n');
      ++i;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

bool IsWordByte(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return std::isalnum(u) || u >= 0x80;
}

// The span of the n-th whole-word occurrence of `word` in `text`.
bool FindTrigger(const std::string& text, const std::string& spec, Span* out) {
  std::string word = spec;
  int nth = 1;
  if (auto h = spec.rfind('#'); h != std::string::npos && h + 1 < spec.size()) {
    word = spec.substr(0, h);
    nth = std::atoi(spec.c_str() + h + 1);
  }
  std::size_t p = 0;
  int seen = 0;
  while ((p = text.find(word, p)) != std::string::npos) {
    bool left = p == 0 || !IsWordByte(text[p - 1]);
    bool right = p + word.size() >= text.size() || !IsWordByte(text[p + word.size()]);
    if (left && right && ++seen == nth) {
      *out = {static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(p + word.size())};
      return true;
    }
    p += 1;
  }
  return false;
}

}  // namespace

StatusOr<std::vector<DateRow>> ReadDateSet(const std::string& path) {
  std::ifstream in(path);
  if (!in) return NotFoundError("cannot open " + path);
  std::vector<DateRow> rows;
  std::string line;
  int n = 0;
  bool header = false;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    if (!header) {
      header = true;
      if (line.rfind("id\t", 0) != 0) {
        return Status(StatusCode::kInvalidArgument, "missing header line",
                      path + ":" + std::to_string(n));
      }
      continue;
    }
    std::vector<std::string> f = SplitTabs(line);
    if (f.size() != 9) {
      return Status(StatusCode::kInvalidArgument,
                    "expected 9 tab-separated columns, got " + std::to_string(f.size()),
                    path + ":" + std::to_string(n));
    }
    DateRow r{path, n, f[0], f[1], f[2], Unescape(f[3]), f[4], f[5], f[6], f[7], f[8]};
    if (r.date != "-" && !ParseIsoDate(r.date)) {
      return Status(StatusCode::kInvalidArgument, "bad gold date '" + r.date + "'",
                    path + ":" + std::to_string(n));
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

StatusOr<DateEval> EvaluateDates(const std::vector<DateRow>& rows, const Pipeline& pipeline,
                                 const Enricher& enricher, const geo::Gazetteer* gazetteer) {
  DateEval ev;
  for (const DateRow& r : rows) {
    Document doc;
    doc.id = r.id;
    if (r.doc_date != "-") doc.date = r.doc_date;
    doc.text = r.text;
    std::uint32_t start = 0;
    for (std::uint32_t i = 0; i <= doc.text.size(); ++i) {
      if (i == doc.text.size() || doc.text[i] == '\n') {
        if (i > start) doc.blocks.push_back({{start, i}, BlockKind::kParagraph});
        start = i + 1;
      }
    }
    Span trigger;
    if (!FindTrigger(doc.text, r.trigger, &trigger)) {
      return Status(StatusCode::kInvalidArgument, "trigger '" + r.trigger + "' not in the text",
                    r.file + ":" + std::to_string(r.line));
    }
    auto analyzed = pipeline.Run(std::move(doc));
    if (!analyzed.ok()) return analyzed.status().WithContext(r.id);
    std::uint32_t sent = 0;
    bool found = false;
    for (std::uint32_t i = 0; i < analyzed->sentences.size(); ++i) {
      const Span& s = analyzed->sentences[i].span;
      if (trigger.begin >= s.begin && trigger.begin < s.end) {
        sent = i;
        found = true;
        break;
      }
    }
    DateRowResult res;
    res.row = &r;
    DocumentFacts facts = enricher.Prepare(*analyzed);
    if (found) {
      DateChoice d = enricher.DateFor(*analyzed, facts, sent, trigger);
      res.date = d.date.valid() ? d.date.ToIso() : "-";
      res.from = d.from.empty() ? "-" : d.from;
      auto p = enricher.PlaceFor(*analyzed, facts, sent, trigger, nullptr);
      res.place = p ? p->name + "|" + p->country : "-";
    } else {
      res.date = res.from = res.place = "-";
    }
    res.date_ok = res.date == r.date;
    res.from_ok = res.from == r.from;
    res.place_scored = r.place != "*";
    if (res.place_scored) {
      if (r.place == "-" || res.place == "-") {
        res.place_ok = r.place == res.place;
      } else {
        auto bar_g = r.place.find('|'), bar_o = res.place.find('|');
        std::string gname = r.place.substr(0, bar_g), oname = res.place.substr(0, bar_o);
        bool same_country = bar_g != std::string::npos && bar_o != std::string::npos &&
                            r.place.substr(bar_g) == res.place.substr(bar_o);
        bool same_name = geo::NormalizeName(gname) == geo::NormalizeName(oname);
        if (!same_name && gazetteer) {
          for (const geo::PlaceEntry& e : gazetteer->Lookup(gname)) {
            same_name = same_name || (e.name == oname && "|" + std::string(e.country) ==
                                                             r.place.substr(bar_g));
          }
        }
        res.place_ok = same_country && same_name;
      }
    }
    for (CaseScore* c : {&ev.total, &ev.by_case[r.kase]}) {
      ++c->rows;
      c->date_ok += res.date_ok;
      c->from_ok += res.from_ok;
      c->places += res.place_scored;
      c->place_ok += res.place_scored && res.place_ok;
    }
    ev.rows.push_back(std::move(res));
  }
  return ev;
}

}  // namespace dyad::enrich
