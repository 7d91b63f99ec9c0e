// The compiled gazetteer and its lookups.
//
// File format (little-endian, version 1), written by GazetteerBuilder:
//   char[8]  magic "DYGAZ01\0"
//   u32      n_entries, n_keys, pool_size
//   Packed   entries[n_entries]   (32 bytes each, see below)
//   Key      keys[n_keys]         (8 bytes each: u32 key string, u32 entry),
//                                  sorted by key string (bytewise)
//   char     pool[pool_size]      NUL-terminated strings, referenced by offset
// A Packed entry: u32 name, u32 admin1, char country[4] (alpha-3 + NUL),
// i32 geonames_id, f32 lat, f32 lon, u32 population, u8 kind, u8 capital,
// u16 reserved.
//
// Lookup is a binary search over the sorted keys (normalized names). Loading
// copies the file into one string and builds two small maps (countries and
// regions, a few thousand entries); nothing else is parsed.
#include "geo/gazetteer.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>

#include "geo/gazetteer_format.h"
#include "util/files.h"

namespace dyad::geo {
namespace {

template <typename T>
T ReadAt(const std::string& b, std::size_t off) {
  T v;
  std::memcpy(&v, b.data() + off, sizeof(T));
  return v;
}

int KindRank(const PlaceEntry& e) {
  switch (e.kind) {
    case PlaceKind::kCountry: return 3;
    case PlaceKind::kCity: return e.population >= 100000 ? 2 : 0;
    case PlaceKind::kRegion: return 1;
  }
  return 0;
}

}  // namespace

const char* PlaceKindName(PlaceKind k) {
  switch (k) {
    case PlaceKind::kCountry: return "country";
    case PlaceKind::kRegion: return "region";
    case PlaceKind::kCity: return "city";
  }
  return "city";
}

namespace {

// The same normalization for pure-ASCII names, without ICU (most lookups).
std::string NormalizeAscii(std::string_view name) {
  std::string clean;
  clean.reserve(name.size());
  for (char c : name) {
    if (c == '\'' || c == '`' || c == '.') continue;
    if (c == '-' || c == '\t' || c == '\n') c = ' ';
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == ' ' && (clean.empty() || clean.back() == ' ')) continue;
    clean.push_back(c);
  }
  while (!clean.empty() && clean.back() == ' ') clean.pop_back();
  return clean;
}

}  // namespace

std::string NormalizeName(std::string_view name) {
  bool ascii = true;
  for (char c : name) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return NormalizeAscii(name);
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(name.data(), static_cast<std::int32_t>(name.size())));
  icu::UnicodeString decomposed;
  if (U_SUCCESS(err)) decomposed = nfd->normalize(in, err);
  if (U_FAILURE(err)) decomposed = in;
  icu::UnicodeString kept;
  for (std::int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    // Apostrophes and transliteration marks ('Afrin, Homyel', Sana'a) are
    // written or left out at will: drop them all.
    if (c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x02BB || c == 0x02BF ||
        c == 0x02BE || c == '`')
      continue;
    if (c == '.') continue;
    if (c == '-' || c == 0x2010 || c == 0x2013) c = ' ';
    kept.append(static_cast<UChar32>(u_tolower(c)));
  }
  std::string out;
  kept.toUTF8String(out);
  // Collapse whitespace.
  std::string clean;
  for (char c : out) {
    if (c == ' ' || c == '\t' || c == '\n') {
      if (!clean.empty() && clean.back() != ' ') clean.push_back(' ');
    } else {
      clean.push_back(c);
    }
  }
  while (!clean.empty() && clean.back() == ' ') clean.pop_back();
  return clean;
}

StatusOr<Gazetteer> Gazetteer::Load(const std::string& path) {
  // One read into a buffer of the file's size (a stream copy grew and copied
  // the 8 MB several times: a third of the load).
  auto bytes = ReadFile(path);
  if (!bytes.ok()) {
    if (bytes.status().code() == StatusCode::kNotFound) {
      return NotFoundError("cannot open gazetteer " + path);
    }
    return bytes.status();
  }
  auto g = FromBytes(std::move(bytes).value());
  if (!g.ok()) return g.status().WithContext(path);
  return g;
}

StatusOr<std::shared_ptr<const Gazetteer>> Gazetteer::LoadShared(const std::string& path) {
  static std::mutex mu;
  static std::map<std::string, std::weak_ptr<const Gazetteer>> cache;
  std::error_code ec;
  std::string key = std::filesystem::weakly_canonical(path, ec).string();
  if (ec || key.empty()) key = path;  // "x.bin" and "./x.bin" share one copy
  std::lock_guard<std::mutex> lock(mu);
  for (auto it = cache.begin(); it != cache.end();) {  // forget released copies
    it = it->second.expired() ? cache.erase(it) : std::next(it);
  }
  if (auto it = cache.find(key); it != cache.end()) {
    if (auto live = it->second.lock()) return live;
  }
  auto g = Load(path);
  if (!g.ok()) return g.status();
  auto shared = std::make_shared<const Gazetteer>(std::move(g).value());
  cache[key] = shared;
  return shared;
}

StatusOr<Gazetteer> Gazetteer::FromBytes(std::string bytes) {
  using internal::kGazetteerMagic;
  using internal::kHeaderSize;
  using internal::kKeySize;
  using internal::kPackedSize;
  if (bytes.size() < kHeaderSize || std::memcmp(bytes.data(), kGazetteerMagic, 8) != 0) {
    return DataLossError("not a dyad gazetteer (bad magic); rebuild it with `dyad geo compile`");
  }
  Gazetteer g;
  g.n_entries_ = ReadAt<std::uint32_t>(bytes, 8);
  g.n_keys_ = ReadAt<std::uint32_t>(bytes, 12);
  g.pool_size_ = ReadAt<std::uint32_t>(bytes, 16);
  g.entries_off_ = kHeaderSize;
  g.keys_off_ = g.entries_off_ + std::size_t{g.n_entries_} * kPackedSize;
  g.pool_off_ = g.keys_off_ + std::size_t{g.n_keys_} * kKeySize;
  if (g.pool_off_ + g.pool_size_ != bytes.size() || g.pool_size_ == 0 ||
      bytes.back() != '\0') {
    return DataLossError("truncated or corrupt gazetteer");
  }
  g.bytes_ = std::move(bytes);
  // Validate every string offset once, so lookups need no checks.
  for (std::uint32_t i = 0; i < g.n_entries_; ++i) {
    std::size_t off = g.entries_off_ + std::size_t{i} * kPackedSize;
    if (ReadAt<std::uint32_t>(g.bytes_, off) >= g.pool_size_ ||
        ReadAt<std::uint32_t>(g.bytes_, off + 4) >= g.pool_size_) {
      return DataLossError("gazetteer entry " + std::to_string(i) + " points outside the pool");
    }
  }
  for (std::uint32_t k = 0; k < g.n_keys_; ++k) {
    std::size_t off = g.keys_off_ + std::size_t{k} * kKeySize;
    if (ReadAt<std::uint32_t>(g.bytes_, off) >= g.pool_size_ ||
        ReadAt<std::uint32_t>(g.bytes_, off + 4) >= g.n_entries_) {
      return DataLossError("gazetteer key " + std::to_string(k) + " is out of range");
    }
  }
  for (std::uint32_t i = 0; i < g.n_entries_; ++i) {
    PlaceEntry e = g.Entry(i);
    if (e.kind == PlaceKind::kCountry) g.countries_.emplace(std::string(e.country), i);
    if (e.kind == PlaceKind::kRegion) {
      g.regions_.emplace(std::string(e.country) + "." + std::string(e.admin1), i);
    }
  }
  return g;
}

PlaceEntry Gazetteer::Entry(std::uint32_t i) const {
  std::size_t off = entries_off_ + std::size_t{i} * internal::kPackedSize;
  const char* pool = bytes_.data() + pool_off_;
  PlaceEntry e;
  e.name = pool + ReadAt<std::uint32_t>(bytes_, off);
  e.admin1 = pool + ReadAt<std::uint32_t>(bytes_, off + 4);
  e.country = std::string_view(bytes_.data() + off + 8, strnlen(bytes_.data() + off + 8, 4));
  e.geonames_id = ReadAt<std::int32_t>(bytes_, off + 12);
  e.lat = ReadAt<float>(bytes_, off + 16);
  e.lon = ReadAt<float>(bytes_, off + 20);
  e.population = ReadAt<std::uint32_t>(bytes_, off + 24);
  std::uint8_t kind = static_cast<std::uint8_t>(bytes_[off + 28]);
  e.kind = kind <= 2 ? static_cast<PlaceKind>(kind) : PlaceKind::kCity;
  e.capital = bytes_[off + 29] != 0;
  return e;
}

std::pair<std::uint32_t, std::uint32_t> Gazetteer::KeyRange(const std::string& key) const {
  const char* pool = bytes_.data() + pool_off_;
  auto key_at = [&](std::uint32_t k) {
    return std::string_view(
        pool + ReadAt<std::uint32_t>(bytes_, keys_off_ + std::size_t{k} * internal::kKeySize));
  };
  std::uint32_t lo = 0, hi = n_keys_;
  while (lo < hi) {
    std::uint32_t mid = lo + (hi - lo) / 2;
    if (key_at(mid) < key) lo = mid + 1;
    else hi = mid;
  }
  std::uint32_t end = lo;
  while (end < n_keys_ && key_at(end) == key) ++end;
  return {lo, end};
}

bool Gazetteer::Contains(std::string_view name) const {
  auto [b, e] = KeyRange(NormalizeName(name));
  return b < e;
}

std::vector<PlaceEntry> Gazetteer::Lookup(std::string_view name) const {
  std::vector<PlaceEntry> out;
  auto [b, e] = KeyRange(NormalizeName(name));
  std::vector<std::uint32_t> seen;
  for (std::uint32_t k = b; k < e; ++k) {
    std::uint32_t i =
        ReadAt<std::uint32_t>(bytes_, keys_off_ + std::size_t{k} * internal::kKeySize + 4);
    if (std::find(seen.begin(), seen.end(), i) != seen.end()) continue;
    seen.push_back(i);
    out.push_back(Entry(i));
  }
  return out;
}

std::optional<PlaceEntry> Gazetteer::Resolve(std::string_view name,
                                             const ResolveContext& ctx) const {
  std::vector<PlaceEntry> cands = Lookup(name);
  if (cands.empty()) return std::nullopt;
  if (!ctx.qualifier.empty()) {
    std::vector<PlaceEntry> quals = Lookup(ctx.qualifier);
    std::vector<PlaceEntry> kept;
    for (const PlaceEntry& c : cands) {
      for (const PlaceEntry& q : quals) {
        bool inside = q.kind == PlaceKind::kCountry
                          ? c.country == q.country
                          : q.kind == PlaceKind::kRegion && c.country == q.country &&
                                c.admin1 == q.admin1 && c.kind == PlaceKind::kCity;
        if (inside) {
          kept.push_back(c);
          break;
        }
      }
    }
    if (!kept.empty()) cands = std::move(kept);
  }
  auto in_context = [&](const PlaceEntry& e) {
    return std::find(ctx.countries.begin(), ctx.countries.end(), e.country) != ctx.countries.end();
  };
  auto better = [&](const PlaceEntry& a, const PlaceEntry& b) {
    bool ca = in_context(a), cb = in_context(b);
    if (ca != cb) return ca;
    int ra = KindRank(a), rb = KindRank(b);
    if (ra != rb) return ra > rb;
    if (a.capital != b.capital) return a.capital;
    return a.population > b.population;
  };
  return *std::min_element(cands.begin(), cands.end(),
                           [&](const PlaceEntry& a, const PlaceEntry& b) { return better(a, b); });
}

std::optional<PlaceEntry> Gazetteer::Country(std::string_view iso3) const {
  auto it = countries_.find(std::string(iso3));
  if (it == countries_.end()) return std::nullopt;
  return Entry(it->second);
}

std::optional<PlaceEntry> Gazetteer::Region(std::string_view iso3, std::string_view admin1) const {
  auto it = regions_.find(std::string(iso3) + "." + std::string(admin1));
  if (it == regions_.end()) return std::nullopt;
  return Entry(it->second);
}

std::string FindGazetteerFile(const std::string& data_dir) {
  std::error_code ec;
  std::string p = data_dir + "/geo/gazetteer.bin";
  if (!data_dir.empty() && std::filesystem::exists(p, ec)) return p;
#ifdef DYAD_BUILD_DATA_DIR
  p = std::string(DYAD_BUILD_DATA_DIR) + "/geo/gazetteer.bin";
  if (std::filesystem::exists(p, ec)) return p;
#endif
  return "";
}

DataGazetteer LoadDataGazetteer(const std::string& data_dir) {
  DataGazetteer out;
  out.path = FindGazetteerFile(data_dir);
  if (out.path.empty()) {
    out.problem = "no gazetteer (geo/gazetteer.bin) found";
    return out;
  }
  auto g = Gazetteer::LoadShared(out.path);
  if (!g.ok()) {
    out.problem = "cannot read the gazetteer: " + std::string(g.status().message());
    return out;
  }
  out.gazetteer = std::move(g).value();
  return out;
}

}  // namespace dyad::geo
