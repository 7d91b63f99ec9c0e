#include "tools/cli.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>

namespace dyad::cli {

std::vector<Command>& MutableCommands() {
  static std::vector<Command> commands;
  return commands;
}

void RegisterCommand(const Command& c) { MutableCommands().push_back(c); }
const std::vector<Command>& Commands() { return MutableCommands(); }

void Flags::String(const std::string& name, std::string* value, const std::string& help) {
  flags_[name] = {Kind::kString, value, help, value->empty() ? "" : *value};
  order_.push_back(name);
}
void Flags::Int(const std::string& name, int* value, const std::string& help) {
  flags_[name] = {Kind::kInt, value, help, std::to_string(*value)};
  order_.push_back(name);
}
void Flags::Bool(const std::string& name, bool* value, const std::string& help) {
  flags_[name] = {Kind::kBool, value, help, ""};
  order_.push_back(name);
}
void Flags::List(const std::string& name, std::vector<std::string>* value,
                 const std::string& help) {
  flags_[name] = {Kind::kList, value, help, ""};
  order_.push_back(name);
}

std::string Flags::Help() const {
  std::string s = "usage: " + usage_ + "\n\n" + description_ + "\n";
  if (!order_.empty()) s += "\noptions:\n";
  for (const auto& name : order_) {
    const Flag& f = flags_.at(name);
    std::string left = "  --" + name;
    if (f.kind == Kind::kString || f.kind == Kind::kList) left += " VALUE";
    if (f.kind == Kind::kInt) left += " N";
    if (left.size() < 26) left.resize(26, ' ');
    else left += "\n" + std::string(26, ' ');
    s += left + f.help;
    if (!f.default_text.empty()) s += " (default: " + f.default_text + ")";
    if (f.kind == Kind::kList) s += " (repeatable)";
    s += "\n";
  }
  s += "  --help                  show this help\n";
  return s;
}

bool Flags::Parse(int argc, char** argv, int* exit_code) {
  bool only_positional = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (only_positional || a == "-" || a.size() < 2 || a[0] != '-') {
      positional_.push_back(a);
      continue;
    }
    if (a == "--") {
      only_positional = true;
      continue;
    }
    if (a == "--help" || a == "-h") {
      std::cout << Help();
      *exit_code = kExitOk;
      return false;
    }
    std::string name = a.substr(a[1] == '-' ? 2 : 1);
    std::string value;
    bool has_value = false;
    auto eq = name.find('=');
    if (eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_value = true;
    }
    auto it = flags_.find(name);
    if (it == flags_.end()) {
      std::cerr << "error: unknown option --" << name << " (see --help)\n";
      *exit_code = kExitUsage;
      return false;
    }
    Flag& f = it->second;
    if (f.kind == Kind::kBool) {
      *static_cast<bool*>(f.value) = !has_value || (value != "false" && value != "0");
      continue;
    }
    if (!has_value) {
      if (i + 1 >= argc) {
        std::cerr << "error: option --" << name << " needs a value\n";
        *exit_code = kExitUsage;
        return false;
      }
      value = argv[++i];
    }
    switch (f.kind) {
      case Kind::kString: *static_cast<std::string*>(f.value) = value; break;
      case Kind::kList: static_cast<std::vector<std::string>*>(f.value)->push_back(value); break;
      case Kind::kInt: {
        char* end = nullptr;
        long v = std::strtol(value.c_str(), &end, 10);
        if (value.empty() || *end != '\0') {
          std::cerr << "error: option --" << name << " needs a whole number, got '" << value << "'\n";
          *exit_code = kExitUsage;
          return false;
        }
        *static_cast<int*>(f.value) = static_cast<int>(v);
        break;
      }
      case Kind::kBool: break;
    }
  }
  return true;
}

void PrintError(const Status& s) { std::cerr << "error: " << s.ToString() << "\n"; }
void PrintError(const std::string& context, const Status& s) {
  std::cerr << "error: " << context << ": " << s.ToString() << "\n";
}

}  // namespace dyad::cli
