// A fixed-size thread pool with a FIFO task queue.
//
// Thread safety: Submit() may be called from any thread. The destructor
// waits for every submitted task to finish.
#ifndef DYAD_UTIL_THREAD_POOL_H_
#define DYAD_UTIL_THREAD_POOL_H_

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace dyad {

class ThreadPool {
 public:
  explicit ThreadPool(int threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // Runs f on a worker; the future holds its result.
  template <typename F>
  auto Submit(F f) -> std::future<decltype(f())> {
    using R = decltype(f());
    auto task = std::make_shared<std::packaged_task<R()>>(std::move(f));
    std::future<R> fut = task->get_future();
    {
      std::lock_guard<std::mutex> lock(mu_);
      queue_.emplace_back([task] { (*task)(); });
    }
    cv_.notify_one();
    return fut;
  }

  int size() const { return static_cast<int>(workers_.size()); }

 private:
  void Loop();
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  std::vector<std::thread> workers_;
  bool stop_ = false;
};

// The number of hardware threads, at least 1.
int HardwareThreads();

}  // namespace dyad

#endif  // DYAD_UTIL_THREAD_POOL_H_
