// The shared body of every command that reads documents and writes records
// (code, segment, extract, analyze, actors): input and output flags,
// progress, error reporting and exit codes.
#ifndef DYAD_TOOLS_RUN_DOCS_H_
#define DYAD_TOOLS_RUN_DOCS_H_

#include <string>

#include "dyad/pipeline.h"

namespace dyad::cli {

struct DocCommand {
  std::string usage;           // "dyad code [options] [FILE|DIR|-]..."
  std::string description;     // Paragraph for --help.
  std::string default_format;  // Output format, e.g. "events".
  StageId last_stage;          // The last pipeline stage to run.
};

int RunDocCommand(const DocCommand& spec, int argc, char** argv);

}  // namespace dyad::cli

#endif  // DYAD_TOOLS_RUN_DOCS_H_
