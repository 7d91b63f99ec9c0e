// Batch runs: read many documents, run the pipeline on several threads, and
// write the results in input order.
//
// A document that fails (at ingest or in any stage) becomes an error record
// and an ErrorFn call; the batch goes on unless `fail_fast` is set.
#ifndef DYAD_BATCH_H_
#define DYAD_BATCH_H_

#include <cstdint>
#include <functional>
#include <string_view>

#include "dyad/input.h"
#include "dyad/output.h"
#include "dyad/pipeline.h"
#include "dyad/status.h"

namespace dyad {

struct BatchOptions {
  // Worker threads. Default: 0 = one per hardware core.
  int threads = 0;
  // Stop at the first failed document. Default: false.
  bool fail_fast = false;
};

struct BatchStats {
  std::uint64_t documents = 0;  // Documents finished (ok or failed).
  std::uint64_t failed = 0;
  std::uint64_t sentences = 0;
  std::uint64_t events = 0;
  std::uint64_t bytes = 0;        // Input bytes consumed so far.
  std::uint64_t total_bytes = 0;  // Known input size, 0 when unknown.
  double seconds = 0;             // Wall time since the start.
};

// Called from the writing thread about every 200 ms and once at the end.
using ProgressFn = std::function<void(const BatchStats&)>;
// Called once per failed document, in input order.
using ErrorFn = std::function<void(std::string_view doc_id,
                                   std::string_view stage, const Status&)>;

// Runs the whole batch. Returns the stats, or the first write error (a
// failed output is fatal; failed documents are not).
StatusOr<BatchStats> RunBatch(InputReader& reader, const Pipeline& pipeline,
                              RecordWriter& writer, const BatchOptions& options,
                              const ProgressFn& progress, const ErrorFn& on_error);

}  // namespace dyad

#endif  // DYAD_BATCH_H_
