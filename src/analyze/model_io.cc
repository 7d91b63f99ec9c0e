#include "analyze/model_io.h"

#include <libdeflate.h>
#include <zlib.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <new>

#include "util/files.h"
#include "util/status_macros.h"

namespace dyad::analyze {

namespace {
constexpr std::size_t kHugePage = std::size_t{2} << 20;
// Blocks from this size on are huge-page aligned (ModelArrayAllocator).
constexpr std::size_t kMinBytes = std::size_t{1} << 20;

// Asks the kernel to back the whole 2 MB pages inside [p, p + bytes) with
// transparent huge pages (a hint: nothing happens where it does not do it).
void AdviseHugePages(const void* p, std::size_t bytes) {
  constexpr std::uintptr_t kHuge = kHugePage;
  const auto start = reinterpret_cast<std::uintptr_t>(p);
  const std::uintptr_t first = (start + kHuge - 1) & ~(kHuge - 1);
  const std::uintptr_t last = (start + bytes) & ~(kHuge - 1);
  if (last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
}

}  // namespace

void* AllocateModelArray(std::size_t bytes) {
  void* p = nullptr;
  if (bytes >= kMinBytes) {
    const std::size_t size = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    p = std::aligned_alloc(kHugePage, size);
    if (p) AdviseHugePages(p, size);
  } else {
    p = std::malloc(bytes ? bytes : 1);
  }
  if (!p) throw std::bad_alloc();
  return p;
}

void FreeModelArray(void* p) noexcept { std::free(p); }

Status WriteModelFile(const std::string& path, std::string_view magic, std::uint32_t version,
                      const std::string& payload) {
  if (magic.size() != 8) return InternalError("model magic must be 8 bytes");
  uLongf bound = compressBound(payload.size());
  std::string out(magic);
  ByteWriter header;
  header.Pod<std::uint32_t>(version);
  header.Pod<std::uint64_t>(payload.size());
  out += header.data();
  std::size_t at = out.size();
  out.resize(at + bound);
  int rc = compress2(reinterpret_cast<Bytef*>(out.data() + at), &bound,
                     reinterpret_cast<const Bytef*>(payload.data()), payload.size(), 9);
  if (rc != Z_OK) return InternalError("zlib compress failed for " + path);
  out.resize(at + bound);
  return WriteFile(path, out);
}

namespace {

// A file's bytes, mapped read-only with its pages populated up front (one
// system call instead of a page fault per 4 KB); read into memory where it
// cannot be mapped (an empty file, a pipe).
class MappedFile {
 public:
  MappedFile() = default;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile() {
    if (map_) munmap(map_, size_);
  }
  Status Open(const std::string& path) {
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st {};
    if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
      void* p = mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ,
                     MAP_PRIVATE | MAP_POPULATE, fd, 0);
      if (p != MAP_FAILED) {
        map_ = p;
        size_ = static_cast<std::size_t>(st.st_size);
      }
    }
    if (fd >= 0) close(fd);
    if (map_) return Status::OK();
    auto data = ReadFile(path);
    if (!data.ok()) return data.status();
    copy_ = std::move(*data);
    return Status::OK();
  }
  std::string_view bytes() const {
    return map_ ? std::string_view(static_cast<const char*>(map_), size_) : std::string_view(copy_);
  }

 private:
  void* map_ = nullptr;
  std::size_t size_ = 0;
  std::string copy_;
};

}  // namespace

StatusOr<std::string> ReadModelFile(const std::string& path, std::string_view magic,
                                    std::uint32_t version) {
  MappedFile file;
  RETURN_IF_ERROR(file.Open(path));
  const std::string_view data = file.bytes();
  if (data.size() < 20 || data.substr(0, 8) != magic) {
    return DataLossError(path + ": not a " + std::string(magic) + " model file");
  }
  ByteReader r(data.substr(8, 12));
  std::uint32_t v = 0;
  std::uint64_t size = 0;
  r.Pod(&v);
  r.Pod(&size);
  if (v != version) {
    return DataLossError(path + ": model format version " + std::to_string(v) + ", expected " +
                         std::to_string(version) + " (retrain with `dyad train`)");
  }
  if (size > (std::uint64_t{1} << 32)) return DataLossError(path + ": implausible model size");
  // The payload is a zlib stream (WriteModelFile); libdeflate inflates it
  // about twice as fast as zlib's uncompress(), which is most of a model's
  // load time after the indexing.
  std::unique_ptr<libdeflate_decompressor, decltype(&libdeflate_free_decompressor)> inflater(
      libdeflate_alloc_decompressor(), &libdeflate_free_decompressor);
  if (!inflater) return ResourceExhaustedError(path + ": out of memory");
  std::string out;
  out.reserve(size);
  AdviseHugePages(out.data(), size);
  out.resize(size);
  std::size_t n = 0;
  const libdeflate_result rc = libdeflate_zlib_decompress(
      inflater.get(), data.data() + 20, data.size() - 20, out.data(), size, &n);
  if (rc != LIBDEFLATE_SUCCESS || n != size) {
    return DataLossError(path + ": corrupt compressed model");
  }
  return out;
}

}  // namespace dyad::analyze
