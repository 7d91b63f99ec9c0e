#include "analyze/model_io.h"

#include <libdeflate.h>
#include <zlib.h>

#include <memory>

#include "util/files.h"

namespace dyad::analyze {

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

StatusOr<std::string> ReadModelFile(const std::string& path, std::string_view magic,
                                    std::uint32_t version) {
  auto data = ReadFile(path);
  if (!data.ok()) return data.status();
  if (data->size() < 20 || std::string_view(*data).substr(0, 8) != magic) {
    return DataLossError(path + ": not a " + std::string(magic) + " model file");
  }
  ByteReader r(std::string_view(*data).substr(8, 12));
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
  std::string out(size, '\0');
  std::size_t n = 0;
  const libdeflate_result rc = libdeflate_zlib_decompress(
      inflater.get(), data->data() + 20, data->size() - 20, out.data(), size, &n);
  if (rc != LIBDEFLATE_SUCCESS || n != size) {
    return DataLossError(path + ": corrupt compressed model");
  }
  return out;
}

}  // namespace dyad::analyze
