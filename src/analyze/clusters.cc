#include "analyze/clusters.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "analyze/features.h"

namespace dyad::analyze {

std::uint64_t PathCode(const std::string& bits) {
  std::uint64_t code = 1;
  for (std::size_t i = 0; i < bits.size() && i < 63; ++i) code = (code << 1) | (bits[i] == '1');
  return code;
}

std::string PathBits(std::uint64_t path) {
  std::string out;
  if (path == 0) return out;
  for (int b = 62 - std::countl_zero(path); b >= 0; --b) out.push_back((path >> b) & 1 ? '1' : '0');
  return out;
}

void WordClusters::Build(const std::vector<Entry>& entries) {
  paths_.clear();
  for (const Entry& e : entries) paths_.push_back(e.path);
  std::sort(paths_.begin(), paths_.end());
  paths_.erase(std::unique(paths_.begin(), paths_.end()), paths_.end());
  auto index = [&](std::uint64_t p) {
    return static_cast<std::uint32_t>(std::lower_bound(paths_.begin(), paths_.end(), p) -
                                      paths_.begin());
  };
  std::map<std::uint64_t, std::uint32_t> table;
  for (const Entry& e : entries) table[HashStr(e.word)] = index(e.path);
  // Lower-case fallback: the most frequent cased variant (then the smaller
  // word) of each lower-case form that is not a clustered word itself.
  std::map<std::uint64_t, std::tuple<std::uint64_t, std::string, std::uint32_t>> lower;
  std::string l;
  for (const Entry& e : entries) {
    LowerAscii(e.word, &l);
    const std::uint64_t h = HashStr(l);
    if (table.count(h)) continue;
    auto it = lower.find(h);
    if (it == lower.end() || e.count > std::get<0>(it->second) ||
        (e.count == std::get<0>(it->second) && e.word < std::get<1>(it->second))) {
      lower[h] = {e.count, e.word, index(e.path)};
    }
  }
  for (const auto& [h, v] : lower) table[h] = std::get<2>(v);
  table_.Build({table.begin(), table.end()});
}

void WordClusters::Save(ByteWriter* w) const {
  w->Varint(paths_.size());
  for (std::uint64_t p : paths_) w->Varint(p);
  table_.Save(w);
}

bool WordClusters::Load(ByteReader* r) {
  std::uint64_t n;
  if (!r->Varint(&n) || n > r->remaining()) return false;
  paths_.resize(n);
  for (auto& p : paths_) {
    if (!r->Varint(&p) || p == 0) return false;
  }
  if (!table_.Load(r)) return false;
  // Every stored index must name a path (checked once here so Get() need not).
  return table_.AllValuesBelow(static_cast<std::uint32_t>(n));
}

}  // namespace dyad::analyze
