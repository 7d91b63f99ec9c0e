#include "ingest/html_eval.h"

#include <unicode/uchar.h>
#include <zlib.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "ingest/html.h"
#include "util/files.h"
#include "util/utf8.h"

namespace dyad::ingest::html_eval {
namespace {

// Python's str.isalnum() or '_': what \w matches in a str pattern.
bool IsWordChar(char32_t c) {
  if (c < 0x80) return std::isalnum(static_cast<int>(c)) || c == '_';
  switch (u_charType(static_cast<UChar32>(c))) {
    case U_UPPERCASE_LETTER: case U_LOWERCASE_LETTER: case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER: case U_OTHER_LETTER: case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER: case U_OTHER_NUMBER:
      return true;
    default:
      // Python also counts characters with a numeric value (isnumeric).
      return u_getNumericValue(static_cast<UChar32>(c)) != U_NO_NUMERIC_VALUE;
  }
}

// Python's str.isspace(): Zs, or bidi class WS, B or S.
bool IsPySpace(char32_t c) {
  if (c < 0x80) return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
  if (c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
      c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000) {
    return true;
  }
  return false;
}

double Seconds(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

}  // namespace

std::vector<std::string> WordTokens(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  std::string cur;
  while (i < s.size()) {
    std::size_t start = i;
    char32_t c = utf8::Decode(s, &i);
    if (i == start) ++i;
    if (IsWordChar(c)) {
      cur.append(s.substr(start, i - start));
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

namespace {

std::unordered_map<std::string, int> Shingles(std::string_view text, int n) {
  std::vector<std::string> tokens = WordTokens(text);
  std::unordered_map<std::string, int> counts;
  int count = std::max<int>(1, static_cast<int>(tokens.size()) - n + 1);
  for (int i = 0; i < count; ++i) {
    std::string key;
    for (int k = i; k < i + n && k < static_cast<int>(tokens.size()); ++k) {
      if (k > i) key.push_back('\x1f');
      key += tokens[k];
    }
    if (i >= static_cast<int>(tokens.size())) continue;  // empty shingle
    ++counts[key];
  }
  return counts;
}

}  // namespace

ShingleScore ShingleMatch(std::string_view truth, std::string_view pred, int n) {
  auto t = Shingles(truth, n);
  auto p = Shingles(pred, n);
  ShingleScore s;
  for (const auto& [k, tc] : t) {
    auto it = p.find(k);
    int pc = it == p.end() ? 0 : it->second;
    s.tp += std::min(tc, pc);
    s.fn += std::max(0, tc - pc);
    s.fp += std::max(0, pc - tc);
  }
  for (const auto& [k, pc] : p) {
    if (t.find(k) == t.end()) s.fp += pc;
  }
  double sum = s.tp + s.fp + s.fn;
  if (sum > 0) {
    s.tp /= sum;
    s.fp /= sum;
    s.fn /= sum;
  }
  return s;
}

Prf MacroAverage(const std::vector<ShingleScore>& docs) {
  double psum = 0, rsum = 0;
  int pn = 0, rn = 0;
  for (const ShingleScore& d : docs) {
    if (d.tp + d.fp > 0) {
      double p = (d.fp == 0 && d.fn == 0) ? 1.0 : (d.tp == 0 && d.fp == 0) ? 0.0 : d.tp / (d.tp + d.fp);
      psum += p;
      ++pn;
    }
    if (d.tp + d.fn > 0) {
      double r = (d.fp == 0 && d.fn == 0) ? 1.0 : (d.tp == 0 && d.fn == 0) ? 0.0 : d.tp / (d.tp + d.fn);
      rsum += r;
      ++rn;
    }
  }
  Prf out;
  out.precision = pn ? psum / pn : 0;
  out.recall = rn ? rsum / rn : 0;
  double d = out.precision + out.recall;
  out.f1 = d > 0 ? 2 * out.precision * out.recall / d : 0;
  return out;
}

std::string NormalizeWhitespace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  bool space = false;
  while (i < s.size()) {
    std::size_t start = i;
    char32_t c = utf8::Decode(s, &i);
    if (i == start) ++i;
    if (IsPySpace(c)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.append(s.substr(start, i - start));
  }
  return out;
}

Prf SnippetCounts::Scores() const {
  Prf p;
  p.precision = tp + fp ? static_cast<double>(tp) / (tp + fp) : 0;
  p.recall = tp + fn ? static_cast<double>(tp) / (tp + fn) : 0;
  p.f1 = 2 * tp + fp + fn ? 2.0 * tp / (2 * tp + fp + fn) : 0;
  return p;
}

SnippetCounts CountSnippets(const std::string* result, const std::vector<std::string>& with,
                            const std::vector<std::string>& without) {
  SnippetCounts c;
  // eval_gate.py: `if result and isinstance(result, str)`: an empty result
  // finds nothing.
  if (result != nullptr && !result->empty()) {
    std::string r = NormalizeWhitespace(*result);
    for (const auto& w : with) c.tp += r.find(NormalizeWhitespace(w)) != std::string::npos;
    for (const auto& w : without) c.fp += r.find(NormalizeWhitespace(w)) != std::string::npos;
  }
  c.fn = static_cast<long>(with.size()) - c.tp;
  c.tn = static_cast<long>(without.size()) - c.fp;
  return c;
}

StatusOr<std::string> ReadMaybeGzip(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) return NotFoundError("cannot open " + path);
  std::string out;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  int err = 0;
  const char* msg = gzerror(f, &err);
  gzclose(f);
  if (n < 0 || (err != Z_OK && err != Z_STREAM_END)) {
    return DataLossError("cannot read " + path + ": " + (msg ? msg : "gzip error"));
  }
  return out;
}

StatusOr<std::vector<Page>> LoadScrapinghub(const std::string& dir) {
  auto gt = ReadFile(dir + "/ground-truth.json");
  if (!gt.ok()) return gt.status();
  nlohmann::json j = nlohmann::json::parse(*gt, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return InvalidArgumentError(dir + "/ground-truth.json is not a JSON object");
  }
  std::vector<Page> pages;
  for (auto it = j.begin(); it != j.end(); ++it) {
    Page p;
    p.id = it.key();
    auto body = it.value().find("articleBody");
    if (body != it.value().end() && body->is_string()) p.truth = body->get<std::string>();
    auto html = ReadMaybeGzip(dir + "/html/" + p.id + ".html.gz");
    if (!html.ok()) return html.status();
    p.html = std::move(*html);
    pages.push_back(std::move(p));
  }
  return pages;
}

StatusOr<std::vector<Page>> LoadTrafilatura(const std::string& dir) {
  auto data = ReadFile(dir + "/evaldata.json");
  if (!data.ok()) return data.status();
  nlohmann::json j = nlohmann::json::parse(*data, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return InvalidArgumentError(dir + "/evaldata.json is not a JSON object");
  }
  std::vector<Page> pages;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const auto& item = it.value();
    if (!item.contains("file") || !item["file"].is_string()) continue;
    Page p;
    p.id = item["file"].get<std::string>();
    for (const char* key : {"with", "without"}) {
      auto& list = std::string_view(key) == "with" ? p.with : p.without;
      if (item.contains(key) && item[key].is_array()) {
        for (const auto& s : item[key]) {
          if (s.is_string()) list.push_back(s.get<std::string>());
        }
      }
    }
    std::string path;
    for (const char* sub : {"cache", "eval"}) {
      std::string cand = dir + "/" + sub + "/" + p.id;
      if (std::filesystem::is_regular_file(cand)) {
        path = cand;
        break;
      }
    }
    if (path.empty()) continue;
    auto html = ReadMaybeGzip(path);
    if (!html.ok()) return html.status();
    p.html = std::move(*html);
    pages.push_back(std::move(p));
  }
  return pages;
}

SetResult ScoreScrapinghub(const std::vector<Page>& pages, const Extract& extract) {
  SetResult r;
  std::vector<ShingleScore> scores;
  for (const Page& p : pages) {
    PageResult pr;
    pr.id = p.id;
    auto t0 = std::chrono::steady_clock::now();
    auto text = extract(p);
    pr.seconds = Seconds(t0, std::chrono::steady_clock::now());
    r.seconds += pr.seconds;
    pr.ok = text.ok();
    if (!pr.ok) ++r.failures;
    pr.shingles = ShingleMatch(p.truth, pr.ok ? std::string_view(*text) : std::string_view());
    scores.push_back(pr.shingles);
    r.pages.push_back(std::move(pr));
  }
  r.prf = MacroAverage(scores);
  return r;
}

SetResult ScoreTrafilatura(const std::vector<Page>& pages, const Extract& extract) {
  SetResult r;
  for (const Page& p : pages) {
    PageResult pr;
    pr.id = p.id;
    auto t0 = std::chrono::steady_clock::now();
    auto text = extract(p);
    pr.seconds = Seconds(t0, std::chrono::steady_clock::now());
    r.seconds += pr.seconds;
    pr.ok = text.ok();
    if (!pr.ok) ++r.failures;
    pr.snippets = CountSnippets(pr.ok ? &*text : nullptr, p.with, p.without);
    r.pooled.Add(pr.snippets);
    r.pages.push_back(std::move(pr));
  }
  r.prf = r.pooled.Scores();
  return r;
}

StatusOr<std::string> DyadExtract(const Page& page, const InputOptions& options) {
  auto doc = HtmlToDocument(page.id, page.html, options);
  if (!doc.ok()) return doc.status();
  return std::move(doc->text);
}

}  // namespace dyad::ingest::html_eval
