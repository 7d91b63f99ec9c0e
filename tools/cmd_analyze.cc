// dyad analyze: documents in, tagged, lemmatized and parsed sentences out.
#include "tools/cli.h"
#include "tools/run_docs.h"

namespace dyad::cli {
namespace {

int Run(int argc, char** argv) {
  return RunDocCommand(
      {"dyad analyze [options] [FILE|DIR|-]...",
       "Segments documents and adds POS tags, lemmas, features, dependency parses and "
       "named entities. --format conllu (default) or sentences (JSONL).",
       "conllu", StageId::kAnalyze},
      argc, argv);
}

const Registrar kRegister({"analyze", "tag, lemmatize and parse documents (CoNLL-U out)", Run});

}  // namespace
}  // namespace dyad::cli
