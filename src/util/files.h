// File helpers: whole-file reads with a size limit, directory walks with globs.
#ifndef DYAD_UTIL_FILES_H_
#define DYAD_UTIL_FILES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "dyad/status.h"

namespace dyad {

// Reads the whole file. Fails with kNotFound, kIoError, or
// kResourceExhausted when it is larger than max_bytes.
StatusOr<std::string> ReadFile(const std::string& path,
                               std::uint64_t max_bytes = UINT64_MAX);

// Writes `data` to `path`, replacing it.
Status WriteFile(const std::string& path, const std::string& data);

// Whether `path` (or its base name) matches the shell glob `pattern`
// (fnmatch, with "**/" allowed to match nothing).
bool GlobMatch(const std::string& pattern, const std::string& path);

struct DirEntry {
  std::string path;      // Full path.
  std::uint64_t size = 0;
  std::string error;     // Set when the entry could not be read.
};

// All regular files under `dir`, recursively, sorted by path; filtered by
// include globs (any must match when non-empty) and exclude globs (none
// may match), applied to the path relative to `dir` and to the base name.
// Unreadable subdirectories and files appear with `error` set.
StatusOr<std::vector<DirEntry>> ListFiles(const std::string& dir,
                                          const std::vector<std::string>& include,
                                          const std::vector<std::string>& exclude);

}  // namespace dyad

#endif  // DYAD_UTIL_FILES_H_
