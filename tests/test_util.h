// Helpers for tests: temporary directories and running the dyad CLI.
#ifndef DYAD_TESTS_TEST_UTIL_H_
#define DYAD_TESTS_TEST_UTIL_H_

#include <cstdlib>
#include <filesystem>
#include <string>

namespace dyad::testing {

// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "dyad_test_XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ec);
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs `dyad <args>` through the shell, capturing stdout and stderr.
CommandResult RunDyad(const std::string& args, const std::string& stdin_file = "");

// Whether the shared data folder is present; in CI (CI=true) its absence
// fails the calling test loudly instead of skipping.
bool SharedDataAvailable();
std::string SharedData(const std::string& rel);

}  // namespace dyad::testing

#endif  // DYAD_TESTS_TEST_UTIL_H_
