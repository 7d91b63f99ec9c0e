#include "analyze/embeddings.h"

#include <charconv>
#include <cmath>
#include <limits>

#include "analyze/features.h"
#include "util/files.h"

namespace dyad::analyze {
namespace {

std::string_view NextField(std::string_view line, std::size_t* pos) {
  while (*pos < line.size() && line[*pos] == ' ') ++*pos;
  const std::size_t b = *pos;
  while (*pos < line.size() && line[*pos] != ' ') ++*pos;
  return line.substr(b, *pos - b);
}

// A uniform draw in [0, 1) from a splitmix64 state.
double Uniform(std::uint64_t* state) {
  *state += 0x9e3779b97f4a7c15ULL;
  return static_cast<double>(Mix64(*state) >> 11) * 0x1.0p-53;
}

float Dot(const float* a, const float* b, int dim) {
  float s = 0;
  for (int d = 0; d < dim; ++d) s += a[d] * b[d];
  return s;
}

}  // namespace

StatusOr<WordVectors> ParseWordVectors(std::string_view data, const std::string& name) {
  WordVectors v;
  std::size_t line_no = 0, start = 0, expected = 0;
  while (start < data.size()) {
    std::size_t end = data.find('\n', start);
    if (end == std::string_view::npos) end = data.size();
    std::string_view line = data.substr(start, end - start);
    start = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::string where = name + " line " + std::to_string(line_no) + ": ";
    std::size_t pos = 0;
    if (line_no == 1) {
      const std::string_view a = NextField(line, &pos), b = NextField(line, &pos);
      int dim = 0;
      // Both fields whole numbers, nothing after them.
      const auto ra = std::from_chars(a.data(), a.data() + a.size(), expected);
      const auto rb = std::from_chars(b.data(), b.data() + b.size(), dim);
      if (a.empty() || b.empty() || ra.ec != std::errc() || ra.ptr != a.data() + a.size() ||
          rb.ec != std::errc() || rb.ptr != b.data() + b.size() ||
          !NextField(line, &pos).empty() || dim < 1 || dim > 4096) {
        return InvalidArgumentError(where + "not a \"<words> <dim>\" header of a .vec file");
      }
      v.dim = dim;
      continue;
    }
    if (line.empty()) continue;
    const std::string_view word = NextField(line, &pos);
    if (word.empty()) return InvalidArgumentError(where + "no word");
    for (int d = 0; d < v.dim; ++d) {
      const std::string_view f = NextField(line, &pos);
      float x = 0;
      if (f.empty()) {
        return InvalidArgumentError(where + "\"" + std::string(word) + "\" has " +
                                    std::to_string(d) + " numbers, not " + std::to_string(v.dim));
      }
      auto r = std::from_chars(f.data(), f.data() + f.size(), x);
      if (r.ec != std::errc() || r.ptr != f.data() + f.size() || !std::isfinite(x)) {
        return InvalidArgumentError(where + "\"" + std::string(word) + "\": number " +
                                    std::to_string(d + 1) + " (\"" + std::string(f) +
                                    "\") is not a finite float");
      }
      v.values.push_back(x);
    }
    if (!NextField(line, &pos).empty()) {
      return InvalidArgumentError(where + "\"" + std::string(word) + "\" has more than " +
                                  std::to_string(v.dim) + " numbers");
    }
    v.words.emplace_back(word);
  }
  if (v.dim == 0) return InvalidArgumentError(name + ": empty, no .vec header");
  if (v.words.size() != expected) {
    return InvalidArgumentError(name + ": the header says " + std::to_string(expected) +
                                " words, the file has " + std::to_string(v.words.size()));
  }
  return v;
}

StatusOr<WordVectors> ReadWordVectors(const std::string& path) {
  auto data = ReadFile(path);
  if (!data.ok()) {
    return Status(data.status().code(), path + ": " + std::string(data.status().message()));
  }
  return ParseWordVectors(*data, path);
}

std::vector<int> SphericalKMeans(const WordVectors& v, int k, std::uint64_t seed,
                                 int iterations) {
  const int dim = v.dim;
  const std::size_t n = v.words.size();
  std::vector<float> x(v.values);
  for (std::size_t i = 0; i < n; ++i) {
    float* r = &x[i * dim];
    const float norm = std::sqrt(Dot(r, r, dim));
    if (norm > 0) {
      for (int d = 0; d < dim; ++d) r[d] /= norm;
    }
  }
  // k-means++ seeding (Arthur & Vassilvitskii 2007) on the distance
  // 1 - cosine.
  std::vector<float> c(static_cast<std::size_t>(k) * dim);
  std::vector<double> dist(n, std::numeric_limits<double>::max());
  std::uint64_t rng = seed * 0x2545f4914f6cdd1dULL + 1;
  std::size_t pick = static_cast<std::size_t>(Uniform(&rng) * static_cast<double>(n));
  for (int j = 0; j < k; ++j) {
    std::copy(&x[pick * dim], &x[pick * dim] + dim, &c[static_cast<std::size_t>(j) * dim]);
    if (j + 1 == k) break;
    double total = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const double d = std::max(0.0, 1.0 - Dot(&x[i * dim], &c[static_cast<std::size_t>(j) * dim], dim));
      dist[i] = std::min(dist[i], d);
      total += dist[i];
    }
    double target = Uniform(&rng) * total;
    pick = n - 1;
    for (std::size_t i = 0; i < n; ++i) {
      target -= dist[i];
      if (target < 0) {
        pick = i;
        break;
      }
    }
  }
  std::vector<int> assign(n, -1);
  std::vector<double> sum(static_cast<std::size_t>(k) * dim);
  for (int it = 0; it < iterations; ++it) {
    std::size_t changed = 0;
    for (std::size_t i = 0; i < n; ++i) {
      int best = 0;
      float top = -std::numeric_limits<float>::max();
      for (int j = 0; j < k; ++j) {
        const float s = Dot(&x[i * dim], &c[static_cast<std::size_t>(j) * dim], dim);
        if (s > top) top = s, best = j;
      }
      changed += assign[i] != best;
      assign[i] = best;
    }
    if (changed == 0) break;
    std::fill(sum.begin(), sum.end(), 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      double* s = &sum[static_cast<std::size_t>(assign[i]) * dim];
      for (int d = 0; d < dim; ++d) s[d] += x[i * dim + d];
    }
    for (int j = 0; j < k; ++j) {
      const double* s = &sum[static_cast<std::size_t>(j) * dim];
      double norm = 0;
      for (int d = 0; d < dim; ++d) norm += s[d] * s[d];
      norm = std::sqrt(norm);
      if (norm == 0) continue;  // an empty class keeps its centre
      for (int d = 0; d < dim; ++d) c[static_cast<std::size_t>(j) * dim + d] = static_cast<float>(s[d] / norm);
    }
  }
  return assign;
}

StatusOr<std::vector<std::pair<std::uint64_t, std::uint32_t>>> EmbeddingClassTable(
    const WordVectors& v, const std::vector<int>& ks, std::uint64_t seed) {
  if (ks.empty() || ks.size() > static_cast<std::size_t>(kMaxEmbeddingLevels)) {
    return InvalidArgumentError("embedding classes: 1 to " + std::to_string(kMaxEmbeddingLevels) +
                                " granularities, not " + std::to_string(ks.size()));
  }
  for (int k : ks) {
    if (k < 2 || k > kMaxEmbeddingClasses || static_cast<std::size_t>(k) > v.words.size()) {
      return InvalidArgumentError("embedding classes: " + std::to_string(k) +
                                  " classes for " + std::to_string(v.words.size()) +
                                  " words (2 to " + std::to_string(kMaxEmbeddingClasses) +
                                  ", at most one a word)");
    }
  }
  std::vector<std::uint32_t> packed(v.words.size(), 1u << 30);
  for (std::size_t level = 0; level < ks.size(); ++level) {
    const auto assign = SphericalKMeans(v, ks[level], seed + level);
    for (std::size_t i = 0; i < assign.size(); ++i) {
      packed[i] |= static_cast<std::uint32_t>(assign[i]) << (10 * level);
    }
  }
  std::vector<std::pair<std::uint64_t, std::uint32_t>> table;
  table.reserve(v.words.size());
  for (std::size_t i = 0; i < v.words.size(); ++i) table.emplace_back(HashStr(v.words[i]), packed[i]);
  return table;
}

}  // namespace dyad::analyze
