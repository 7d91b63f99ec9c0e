// dyad code: documents in, events out.
#include "tools/cli.h"
#include "tools/run_docs.h"

namespace dyad::cli {
namespace {

int Run(int argc, char** argv) {
  return RunDocCommand(
      {"dyad code [options] [FILE|DIR|-]...",
       "Codes events (who did what to whom, when and where) from text, HTML or JSONL "
       "documents, and writes one JSON record per event (docs/schema.md).",
       "events", StageId::kEnrich},
      argc, argv);
}

const Registrar kRegister({"code", "code events from documents (JSONL out)", Run});

}  // namespace
}  // namespace dyad::cli
