#include "util/files.h"

#include <fnmatch.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <system_error>

namespace dyad {
namespace fs = std::filesystem;

StatusOr<std::string> ReadFile(const std::string& path, std::uint64_t max_bytes) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), std::fclose);
  if (!f) {
    int e = errno;
    std::string msg = std::string("cannot open: ") + std::strerror(e);
    return e == ENOENT ? NotFoundError(msg) : IoError(msg);
  }
  std::string data;
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (!ec) {
    if (size > max_bytes) {
      return ResourceExhaustedError("file is " + std::to_string(size) +
                                    " bytes, over the limit of " + std::to_string(max_bytes));
    }
    data.reserve(size);
  }
  char buf[1 << 16];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) {
    data.append(buf, n);
    if (data.size() > max_bytes) {
      return ResourceExhaustedError("input is over the limit of " + std::to_string(max_bytes) +
                                    " bytes");
    }
  }
  if (std::ferror(f.get())) {
    return IoError(std::string("read failed: ") + std::strerror(errno));
  }
  return data;
}

Status WriteFile(const std::string& path, const std::string& data) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "wb"), std::fclose);
  if (!f) return IoError("cannot create " + path + ": " + std::strerror(errno));
  if (std::fwrite(data.data(), 1, data.size(), f.get()) != data.size()) {
    return IoError("write failed: " + path);
  }
  return Status::OK();
}

bool GlobMatch(const std::string& pattern, const std::string& path) {
  if (fnmatch(pattern.c_str(), path.c_str(), 0) == 0) return true;
  if (pattern.rfind("**/", 0) == 0 && GlobMatch(pattern.substr(3), path)) return true;
  auto slash = path.rfind('/');
  if (slash != std::string::npos &&
      fnmatch(pattern.c_str(), path.c_str() + slash + 1, 0) == 0) {
    return true;
  }
  return false;
}

StatusOr<std::vector<DirEntry>> ListFiles(const std::string& dir,
                                          const std::vector<std::string>& include,
                                          const std::vector<std::string>& exclude) {
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) return IoError("cannot read directory " + dir + ": " + ec.message());
  std::vector<DirEntry> out;
  const fs::path base(dir);
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) {
      out.push_back({it->path().string(), 0, "cannot read: " + ec.message()});
      ec.clear();
      continue;
    }
    std::error_code sec;
    if (it->is_symlink(sec) && !fs::exists(it->path(), sec)) {
      out.push_back({it->path().string(), 0, "cannot read: broken symbolic link"});
      continue;
    }
    if (!it->is_regular_file(sec)) continue;
    std::string rel = fs::relative(it->path(), base, sec).string();
    if (sec) rel = it->path().filename().string();
    auto matches = [&](const std::vector<std::string>& globs) {
      return std::any_of(globs.begin(), globs.end(),
                         [&](const std::string& g) { return GlobMatch(g, rel); });
    };
    if (!include.empty() && !matches(include)) continue;
    if (matches(exclude)) continue;
    DirEntry e;
    e.path = it->path().string();
    e.size = it->file_size(sec);
    if (access(e.path.c_str(), R_OK) != 0) e.error = std::string("cannot read: ") + std::strerror(errno);
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(),
            [](const DirEntry& a, const DirEntry& b) { return a.path < b.path; });
  return out;
}

}  // namespace dyad
