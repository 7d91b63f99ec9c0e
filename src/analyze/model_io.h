// Binary model files: a little-endian byte writer/reader and zlib-compressed
// files with a magic header.
//
// File layout: 8-byte magic, uint32 format version, uint64 uncompressed
// size, then the zlib stream of the payload. Readers check the magic, the
// version and the size, and report truncation as kDataLoss.
#ifndef DYAD_ANALYZE_MODEL_IO_H_
#define DYAD_ANALYZE_MODEL_IO_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "dyad/status.h"

namespace dyad::analyze {

// Memory for the large arrays of a loaded model: a block of 1 MB or more
// starts on a 2 MB boundary, is rounded up to whole 2 MB pages and is
// advised as transparent huge pages (madvise MADV_HUGEPAGE, a hint) before
// it is first written; smaller blocks come from malloc. A page fault then
// brings in 2 MB instead of 4 KB (a fresh `dyad analyze` that loads the
// default models took about 5,900 page faults instead of 36,000, each one
// costly under virtualisation; docs/analysis-log.md, "Issue 4, sixteenth
// round"), and lookups spread over the arrays miss the TLB less. The price:
// up to one partly used 2 MB page per array.
void* AllocateModelArray(std::size_t bytes);
void FreeModelArray(void* p) noexcept;

template <typename T>
struct ModelArrayAllocator {
  using value_type = T;
  ModelArrayAllocator() = default;
  template <typename U>
  ModelArrayAllocator(const ModelArrayAllocator<U>&) noexcept {}
  T* allocate(std::size_t n) { return static_cast<T*>(AllocateModelArray(n * sizeof(T))); }
  void deallocate(T* p, std::size_t) noexcept { FreeModelArray(p); }
  template <typename U>
  bool operator==(const ModelArrayAllocator<U>&) const noexcept {
    return true;
  }
};
// A vector in ModelArrayAllocator memory.
template <typename T>
using ModelArray = std::vector<T, ModelArrayAllocator<T>>;

class ByteWriter {
 public:
  template <typename T>
  void Pod(T v) {
    static_assert(std::is_trivially_copyable_v<T>);
    buf_.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void Varint(std::uint64_t v) {
    while (v >= 0x80) {
      buf_.push_back(static_cast<char>((v & 0x7f) | 0x80));
      v >>= 7;
    }
    buf_.push_back(static_cast<char>(v));
  }
  void Str(std::string_view s) {
    Varint(s.size());
    buf_.append(s);
  }
  void Strings(const std::vector<std::string>& v) {
    Varint(v.size());
    for (const auto& s : v) Str(s);
  }
  template <typename T, typename A>
  void PodVec(const std::vector<T, A>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    Varint(v.size());
    buf_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  std::string& data() { return buf_; }

 private:
  std::string buf_;
};

// Reads what ByteWriter wrote. Every method returns false on truncation;
// callers turn that into a Status once (see ok()).
class ByteReader {
 public:
  explicit ByteReader(std::string_view data) : p_(data) {}
  template <typename T>
  bool Pod(T* v) {
    if (p_.size() < sizeof(T)) return Fail();
    std::memcpy(v, p_.data(), sizeof(T));
    p_.remove_prefix(sizeof(T));
    return true;
  }
  bool Varint(std::uint64_t* v) {
    *v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_.empty()) return Fail();
      auto b = static_cast<unsigned char>(p_[0]);
      p_.remove_prefix(1);
      *v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return true;
    }
    return Fail();
  }
  bool Str(std::string* s) {
    std::uint64_t n;
    if (!Varint(&n) || p_.size() < n) return Fail();
    s->assign(p_.data(), n);
    p_.remove_prefix(n);
    return true;
  }
  bool Strings(std::vector<std::string>* v) {
    std::uint64_t n;
    if (!Varint(&n) || n > p_.size()) return Fail();
    v->resize(n);
    for (auto& s : *v) {
      if (!Str(&s)) return false;
    }
    return true;
  }
  template <typename T, typename A>
  bool PodVec(std::vector<T, A>* v) {
    std::uint64_t n;
    if (!Varint(&n) || n > p_.size() / sizeof(T)) return Fail();
    v->resize(n);
    std::memcpy(v->data(), p_.data(), n * sizeof(T));
    p_.remove_prefix(n * sizeof(T));
    return true;
  }
  bool ok() const { return ok_; }
  std::size_t remaining() const { return p_.size(); }

 private:
  bool Fail() {
    ok_ = false;
    p_ = {};
    return false;
  }
  std::string_view p_;
  bool ok_ = true;
};

// Compresses `payload` with zlib and writes it to `path` under `magic`
// (exactly 8 characters).
Status WriteModelFile(const std::string& path, std::string_view magic, std::uint32_t version,
                      const std::string& payload);

// Reads a file written by WriteModelFile. Fails with kNotFound when the file
// is missing and kDataLoss when the magic, version or stream is wrong.
StatusOr<std::string> ReadModelFile(const std::string& path, std::string_view magic,
                                    std::uint32_t version);

}  // namespace dyad::analyze

#endif  // DYAD_ANALYZE_MODEL_IO_H_
