// The dyad command-line shell: sub-command registry and a small flag parser.
// Every command is a thin shell over the library in include/dyad/.
#ifndef DYAD_TOOLS_CLI_H_
#define DYAD_TOOLS_CLI_H_

#include <map>
#include <string>
#include <vector>

#include "dyad/status.h"

namespace dyad::cli {

// Exit codes shared by every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitSomeFailed = 1;  // Some documents failed; see stderr.
inline constexpr int kExitUsage = 2;       // Bad flags, missing files, bad resources.

struct Command {
  const char* name;     // "code", or "eval segment" for a nested command.
  const char* summary;  // One line for `dyad --help`.
  int (*run)(int argc, char** argv);  // argv[0] is the command name.
};

// Adds a command to the registry; used through a static Registrar.
void RegisterCommand(const Command& c);
const std::vector<Command>& Commands();

struct Registrar {
  explicit Registrar(const Command& c) { RegisterCommand(c); }
};

// A declarative flag parser. Declare flags, then Parse(); --help prints the
// generated usage and makes Parse() return false with exit code 0.
class Flags {
 public:
  Flags(std::string usage, std::string description)
      : usage_(std::move(usage)), description_(std::move(description)) {}

  void String(const std::string& name, std::string* value, const std::string& help);
  void Int(const std::string& name, int* value, const std::string& help);
  void Bool(const std::string& name, bool* value, const std::string& help);
  // A flag that may be repeated; each use appends.
  void List(const std::string& name, std::vector<std::string>* value, const std::string& help);

  // Parses argv[1..]. Returns false when the command should exit with
  // *exit_code (0 after --help, 2 after a usage error, already printed).
  bool Parse(int argc, char** argv, int* exit_code);

  const std::vector<std::string>& positional() const { return positional_; }
  std::string Help() const;

 private:
  enum class Kind { kString, kInt, kBool, kList };
  struct Flag {
    Kind kind;
    void* value;
    std::string help;
    std::string default_text;
  };
  std::string usage_;
  std::string description_;
  std::map<std::string, Flag> flags_;
  std::vector<std::string> order_;
  std::vector<std::string> positional_;
};

// Prints "error: <status> " to stderr, as the style guide asks.
void PrintError(const Status& s);
void PrintError(const std::string& context, const Status& s);

}  // namespace dyad::cli

#endif  // DYAD_TOOLS_CLI_H_
