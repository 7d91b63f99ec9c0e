// RunBatch: a reader on the calling thread, the pipeline on a pool, and the
// writer on the calling thread again, taking results in input order from a
// bounded window of futures (so memory stays bounded on long runs).
#include "dyad/batch.h"

#include <chrono>
#include <deque>
#include <future>

#include "util/thread_pool.h"

namespace dyad {
namespace {

struct Result {
  std::string id;
  Status status;
  std::string stage;  // Failed stage, when !status.ok().
  AnalyzedDocument doc;
  std::uint64_t bytes = 0;
};

Result Process(const Pipeline& pipeline, InputItem item) {
  Result r;
  r.id = std::move(item.id);
  r.bytes = item.bytes;
  if (!item.status.ok()) {
    r.status = std::move(item.status);
    r.stage = "ingest";
    return r;
  }
  StageId failed = StageId::kSegment;
  auto out = pipeline.Run(std::move(item.document), &failed);
  if (!out.ok()) {
    r.status = out.status();
    r.stage = StageName(failed);
    return r;
  }
  r.doc = std::move(out).value();
  return r;
}

}  // namespace

StatusOr<BatchStats> RunBatch(InputReader& reader, const Pipeline& pipeline,
                              RecordWriter& writer, const BatchOptions& options,
                              const ProgressFn& progress, const ErrorFn& on_error) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  auto last_progress = start;
  BatchStats stats;
  stats.total_bytes = reader.total_bytes();
  const int threads = options.threads > 0 ? options.threads : HardwareThreads();

  bool stop = false;
  Status write_error;
  auto emit = [&](Result r) {
    stats.documents++;
    stats.bytes += r.bytes;
    Status ws;
    if (!r.status.ok()) {
      stats.failed++;
      if (on_error) on_error(r.id, r.stage, r.status);
      ws = writer.WriteError(r.id, r.stage, r.status);
      if (options.fail_fast) stop = true;
    } else {
      stats.sentences += r.doc.sentences.size();
      stats.events += r.doc.events.size();
      ws = writer.Write(r.doc);
    }
    if (!ws.ok()) {
      write_error = ws;
      stop = true;
    }
    auto now = Clock::now();
    if (progress && now - last_progress > std::chrono::milliseconds(200)) {
      stats.seconds = std::chrono::duration<double>(now - start).count();
      progress(stats);
      last_progress = now;
    }
  };

  if (threads == 1) {
    InputItem item;
    while (!stop && reader.Next(&item)) emit(Process(pipeline, std::move(item)));
  } else {
    ThreadPool pool(threads);
    std::deque<std::future<Result>> window;
    const std::size_t max_window = static_cast<std::size_t>(threads) * 4;
    InputItem item;
    while (!stop && reader.Next(&item)) {
      window.push_back(pool.Submit(
          [&pipeline, it = std::move(item)]() mutable { return Process(pipeline, std::move(it)); }));
      item = InputItem();
      while (!stop && (window.size() >= max_window ||
                       (!window.empty() && window.front().wait_for(std::chrono::seconds(0)) ==
                                               std::future_status::ready))) {
        Result r = window.front().get();
        window.pop_front();
        emit(std::move(r));
      }
    }
    while (!stop && !window.empty()) {
      Result r = window.front().get();
      window.pop_front();
      emit(std::move(r));
    }
    for (auto& f : window) f.wait();  // fail-fast or write error: finish, discard
  }
  Status fs = writer.Finish();
  if (write_error.ok() && !fs.ok()) write_error = fs;
  stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (progress) progress(stats);
  if (!write_error.ok()) return write_error;
  return stats;
}

}  // namespace dyad
