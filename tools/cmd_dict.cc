// dyad dict check|compile|import: the actor dictionary workflow.
#include <cstdio>
#include <iostream>

#include "actors/actor_dictionary.h"
#include "actors/dyad_format.h"
#include "actors/resolver.h"
#include "pipeline/stages.h"
#include "tools/cli.h"
#include "util/files.h"

namespace dyad::cli {
namespace {

using actors::ActorDictionary;
using actors::DictFile;
using actors::DictFormat;

// Files from positional arguments, with --format or a guess per file. With
// no files, the shipped dictionaries.
bool CollectFiles(const Flags& flags, const std::string& format, const std::string& data_dir,
                  std::vector<DictFile>* files, int* exit_code) {
  for (const auto& p : flags.positional()) {
    DictFile f{p, actors::GuessDictFormat(p)};
    if (!format.empty()) {
      auto fmt = actors::ParseDictFormat(format);
      if (!fmt.ok()) {
        PrintError(fmt.status());
        *exit_code = kExitUsage;
        return false;
      }
      f.format = *fmt;
    }
    files->push_back(f);
  }
  if (files->empty()) {
    PipelineOptions opts;
    opts.data_dir = data_dir;
    files->push_back({internal::ResolveDataDir(opts) + "/dict", DictFormat::kDyad});
  }
  return true;
}

void PrintStats(const actors::DictionaryStats& s, const actors::DictionaryData& data) {
  std::printf(
      "files %zu, lines %zu\n"
      "entries: actors %zu, agents %zu, countries %zu, regions %zu, cities %zu\n"
      "forms %zu, actor codes %zu, lexicon words %zu, stems %zu, trie nodes %zu\n"
      "errors %zu, warnings %zu\n"
      "load: parse %.1f ms + compile %.1f ms = %.1f ms wall; %.1f ms cpu\n",
      s.files, s.lines, s.actors, s.agents, s.countries, s.regions, s.cities, s.forms, s.codes,
      s.lexicon_words, s.lexicon_stems, s.trie_nodes, s.errors, data.num_warnings(), s.parse_ms,
      s.build_ms, s.parse_ms + s.build_ms, s.parse_cpu_ms + s.build_cpu_ms);
}

const char* kFormatHelp =
    "input format: dyad, petrarch-actors, petrarch-agents, tabari-actors, tabari-agents "
    "(default: guessed from each file name)";

// `dict check` and `dict compile` load the same way; check also lists the
// diagnostics and fails on errors.
int LoadAndReport(int argc, char** argv, bool check) {
  std::string format, data_dir;
  bool warnings = false, stats = true;
  Flags flags(check ? "dyad dict check [options] [FILE|DIR]..."
                    : "dyad dict compile [options] [FILE|DIR]...",
              check ? "Parses dictionaries and reports every error as file:line: message. The "
                      "load goes on after each error. With no FILE, checks the shipped "
                      "dictionaries (data/dict). Exits 1 when there are errors."
                    : "Loads and compiles dictionaries into the in-memory matcher (marisa "
                      "lexicon + word trie) and prints statistics and load time. With no FILE, "
                      "the shipped dictionaries. There is no separate binary file yet: "
                      "compiling from text is fast enough (see --stats).");
  flags.String("format", &format, kFormatHelp);
  flags.String("data", &data_dir, "data directory (default: the built-in search path)");
  if (check) {
    flags.Bool("warnings", &warnings, "also print warnings");
  } else {
    flags.Bool("stats", &stats, "print statistics (always on)");
  }
  int code = 0;
  if (!flags.Parse(argc, argv, &code)) return code;
  std::vector<DictFile> files;
  if (!CollectFiles(flags, format, data_dir, &files, &code)) return code;
  auto dict = ActorDictionary::LoadFiles(files);
  if (!dict.ok()) {
    PrintError(dict.status());
    return kExitUsage;
  }
  if (check) {
    for (const auto& d : (*dict)->diagnostics()) {
      if (!d.warning || warnings) std::fprintf(stderr, "%s\n", d.ToString().c_str());
    }
  }
  PrintStats((*dict)->stats(), (*dict)->data());
  if (flags.positional().empty()) {
    // The shipped dictionaries also code the gazetteer's cities.
    PipelineOptions opts;
    opts.data_dir = data_dir;
    geo::DataGazetteer cities = geo::LoadDataGazetteer(internal::ResolveDataDir(opts));
    if (cities.gazetteer) {
      std::printf("cities: on (%s, %zu places)\n", cities.path.c_str(), cities.gazetteer->size());
    } else {
      std::printf("cities: off (%s)\n", cities.problem.c_str());
    }
  }
  return check && (*dict)->stats().errors > 0 ? kExitSomeFailed : kExitOk;
}

int RunCheck(int argc, char** argv) { return LoadAndReport(argc, argv, /*check=*/true); }
int RunCompile(int argc, char** argv) { return LoadAndReport(argc, argv, /*check=*/false); }

int RunImport(int argc, char** argv) {
  std::string format, output;
  Flags flags("dyad dict import [options] FILE...",
              "Converts PETRARCH/Phoenix or TABARI actor and agent dictionaries into the dyad "
              "format (docs/dictionary-format.md). Errors are reported as file:line: message "
              "and the conversion goes on.");
  flags.String("format", &format, kFormatHelp);
  flags.String("output", &output, "output file (default: stdout)");
  int code = 0;
  if (!flags.Parse(argc, argv, &code)) return code;
  if (flags.positional().empty()) {
    std::fprintf(stderr, "%s", flags.Help().c_str());
    return kExitUsage;
  }
  std::vector<DictFile> files;
  if (!CollectFiles(flags, format, "", &files, &code)) return code;
  actors::DictionaryData data;
  for (const auto& f : files) {
    Status s = actors::LoadDictFile(f, &data);
    if (!s.ok()) {
      PrintError(f.path, s);
      return kExitUsage;
    }
  }
  for (const auto& d : data.diagnostics) std::fprintf(stderr, "%s\n", d.ToString().c_str());
  std::string text = "# Converted by `dyad dict import` from:";
  for (const auto& f : files) {
    text += ' ';
    text += f.path;
  }
  // Appended piecewise: GCC 12 warns (-Wrestrict, a false positive) on "\n" + string.
  text += '\n';
  text += actors::WriteDyad(data);
  if (output.empty() || output == "-") {
    std::cout << text;
  } else {
    Status s = WriteFile(output, text);
    if (!s.ok()) {
      PrintError(output, s);
      return kExitUsage;
    }
  }
  std::fprintf(stderr, "imported %zu entries, %zu forms; %zu errors, %zu warnings\n",
               data.entries.size(), data.forms.size(), data.num_errors(), data.num_warnings());
  return data.num_errors() > 0 ? kExitSomeFailed : kExitOk;
}

const Registrar kCheck({"dict check", "parse dictionaries and report errors with file:line",
                        RunCheck});
const Registrar kCompile({"dict compile", "compile dictionaries and print stats and load time",
                          RunCompile});
const Registrar kImport({"dict import", "convert PETRARCH/TABARI dictionaries to the dyad format",
                         RunImport});

}  // namespace
}  // namespace dyad::cli
