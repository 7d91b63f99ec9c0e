// dyad: the command-line shell. Dispatches to the registered sub-commands.
#include <cstring>
#include <iostream>
#include <string>

#include "dyad/version.h"
#include "tools/cli.h"

namespace {

void PrintUsage() {
  std::cout << "dyad " << dyad::Version()
            << ": who did what to whom, when and where.\n\n"
               "usage: dyad COMMAND [options] [FILE|DIR|-]...\n\ncommands:\n";
  for (const auto& c : dyad::cli::Commands()) {
    std::string name = c.name;
    if (name.size() < 18) name.resize(18, ' ');
    std::cout << "  " << name << c.summary << "\n";
  }
  std::cout << "\n'dyad COMMAND --help' tells more. Exit codes: 0 all documents ok, "
               "1 some failed, 2 usage error.\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") ||
      !std::strcmp(argv[1], "help")) {
    PrintUsage();
    return argc < 2 ? dyad::cli::kExitUsage : 0;
  }
  if (!std::strcmp(argv[1], "--version") || !std::strcmp(argv[1], "version")) {
    std::cout << "dyad " << dyad::Version() << "\n";
    return 0;
  }
  // Nested commands ("eval segment") first, then single words.
  if (argc >= 3) {
    std::string two = std::string(argv[1]) + " " + argv[2];
    for (const auto& c : dyad::cli::Commands()) {
      if (two == c.name) return c.run(argc - 2, argv + 2);
    }
  }
  bool is_group = false;
  for (const auto& c : dyad::cli::Commands()) {
    if (std::string(c.name) == argv[1]) return c.run(argc - 1, argv + 1);
    if (std::string(c.name).rfind(std::string(argv[1]) + " ", 0) == 0) is_group = true;
  }
  if (is_group) {
    std::cerr << "usage: dyad " << argv[1] << " SUBCOMMAND ...; one of:\n";
    for (const auto& c : dyad::cli::Commands()) {
      if (std::string(c.name).rfind(std::string(argv[1]) + " ", 0) == 0) {
        std::cerr << "  dyad " << c.name << "  " << c.summary << "\n";
      }
    }
    return dyad::cli::kExitUsage;
  }
  std::cerr << "error: unknown command '" << argv[1] << "' (see dyad --help)\n";
  return dyad::cli::kExitUsage;
}
