#include "tests/test_util.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <fstream>
#include <sstream>

namespace dyad::testing {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

}  // namespace

CommandResult RunDyad(const std::string& args, const std::string& stdin_file) {
  TempDir tmp;
  std::string cmd = std::string(DYAD_CLI_PATH) + " " + args + " >" + tmp.File("out") + " 2>" +
                    tmp.File("err") + " <" + (stdin_file.empty() ? "/dev/null" : stdin_file);
  int rc = std::system(cmd.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  r.out = Slurp(tmp.File("out"));
  r.err = Slurp(tmp.File("err"));
  return r;
}

bool SharedDataAvailable() {
  bool present = std::filesystem::exists(DYAD_SHARED_DATA);
  const char* ci = std::getenv("CI");
  if (!present && ci && std::string(ci) == "true") {
    ADD_FAILURE() << "CI=true but the shared data folder " << DYAD_SHARED_DATA << " is missing";
  }
  return present;
}

std::string SharedData(const std::string& rel) { return std::string(DYAD_SHARED_DATA) + "/" + rel; }

}  // namespace dyad::testing
