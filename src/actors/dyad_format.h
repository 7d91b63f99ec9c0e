// Reader and writer for dyad's own dictionary format (docs/dictionary-format.md).
//
// The reader is a line-at-a-time state machine. A header keyword (actor,
// agent, country, region, city) opens a pending block. Body lines add forms
// and codes to it. The next header, or the end of the file, closes the block
// and commits it to the DictionaryData, unless it has no surface form. Every
// syntax problem becomes a Diagnostic with file:line, the offending line (or
// block) is skipped, and the reader goes on.
#ifndef DYAD_ACTORS_DYAD_FORMAT_H_
#define DYAD_ACTORS_DYAD_FORMAT_H_

#include <string>
#include <string_view>

#include "actors/dictionary.h"
#include "dyad/status.h"

namespace dyad::actors {

// Parses the dyad-format file at `path` (and the files it includes) into
// `data`. Syntax errors, and includes that cannot be read, are added to
// data->diagnostics. Returns an error only when `path` itself cannot be read.
Status ParseDyadFile(const std::string& path, DictionaryData* data);

// Parses dyad-format `text`. `name` is the file name used in diagnostics.
// A relative include is resolved against `base_dir`.
void ParseDyadText(std::string_view text, const std::string& name,
                   const std::string& base_dir, DictionaryData* data);

// Loads the dictionaries shipped in `dict_dir` (normally <data>/dict):
// index.dyad when it exists, otherwise every *.dyad file below the directory,
// recursively, in sorted order. Returns kNotFound when there is none.
Status LoadDyadDirectory(const std::string& dict_dir, DictionaryData* data);

// Writes `data` in the dyad format, one block per entry, with a comment
// giving each entry's origin (Entry::where). Reading the output back yields
// the same entries and forms, except PETRARCH stems, which the dyad format
// does not have: those are written as whole words.
std::string WriteDyad(const DictionaryData& data);

}  // namespace dyad::actors

#endif  // DYAD_ACTORS_DYAD_FORMAT_H_
