// dyad extract: HTML (or any input) to clean text or a document record.
#include "tools/cli.h"
#include "tools/run_docs.h"

namespace dyad::cli {
namespace {

int Run(int argc, char** argv) {
  return RunDocCommand(
      {"dyad extract [options] [FILE|DIR|-]...",
       "Extracts the clean text of documents: the main content of HTML pages, "
       "decoded and repaired text of other inputs. --format text (default) prints "
       "the text; --format document writes JSON with text, blocks and metadata.",
       "text", StageId::kIngest},
      argc, argv);
}

const Registrar kRegister({"extract", "extract clean text and metadata from documents", Run});

}  // namespace
}  // namespace dyad::cli
