// dyad segment: documents in, sentences and tokens out.
#include "tools/cli.h"
#include "tools/run_docs.h"

namespace dyad::cli {
namespace {

int Run(int argc, char** argv) {
  return RunDocCommand(
      {"dyad segment [options] [FILE|DIR|-]...",
       "Splits documents into sentences and UD-style tokens with byte offsets. "
       "--format sentences (JSONL, default) or conllu.",
       "sentences", StageId::kSegment},
      argc, argv);
}

const Registrar kRegister({"segment", "split documents into sentences and tokens", Run});

}  // namespace
}  // namespace dyad::cli
