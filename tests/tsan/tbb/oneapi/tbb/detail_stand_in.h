// The oneTBB stand-in of the ThreadSanitizer stage (tests/README.md,
// "ThreadSanitizer"): the part of oneTBB's API that etldag uses, run on plain
// std::threads so that TSan sees every happens-before edge. Debian's libtbb
// is not built with TSan; its task handoffs are invisible to TSan, which then
// reports races in oneTBB's partitioner and in every body run on a worker.
//
// Each parallel call starts P - 1 threads (P = the concurrency in force, see
// Concurrency) and runs with them; chunks are claimed through a relaxed
// atomic counter, and local() slots are claimed by relaxed CAS, so the only
// happens-before edges are the ones oneTBB guarantees: before the call ->
// every chunk (thread start), every chunk -> after the call (join).
// Concurrent chunks stay unordered, and TSan reports any conflict between
// them. Only the CMake option ETLDAG_TBB_STAND_IN puts this folder on the
// include path in place of libtbb.
#ifndef ETLDAG_TESTS_TSAN_TBB_DETAIL_STAND_IN_H_
#define ETLDAG_TESTS_TSAN_TBB_DETAIL_STAND_IN_H_

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

namespace tbb::stand_in {

// The global_control limit in force (0: none), written under a mutex by
// global_control, read relaxed (a read must create no happens-before edge).
inline std::atomic<size_t> g_limit{0};
inline std::mutex g_limit_mu;
inline std::vector<size_t>& Limits() {
  static std::vector<size_t> limits;
  return limits;
}
inline thread_local int t_arena = 0;  // task_arena concurrency in force on this thread (0: none)

// Without a limit: ETLDAG_TBB_STAND_IN_THREADS if set, else the hardware's.
inline size_t DefaultConcurrency() {
  static const size_t n = [] {
    const char* env = std::getenv("ETLDAG_TBB_STAND_IN_THREADS");
    const long v = env != nullptr ? std::atol(env) : 0;
    return v > 0 ? static_cast<size_t>(v) : std::max<size_t>(1, std::thread::hardware_concurrency());
  }();
  return n;
}

inline size_t Concurrency() {
  size_t p = t_arena > 0 ? static_cast<size_t>(t_arena) : DefaultConcurrency();
  const size_t limit = g_limit.load(std::memory_order_relaxed);
  return limit > 0 ? std::min(p, limit) : p;
}

// Runs work(worker) on `threads` threads (the caller is worker 0) and joins.
// No thread starts working before all have started (a gate of relaxed
// atomics, so it orders nothing for TSan): short loops are really shared.
template <typename Work>
void RunOnThreads(size_t threads, const Work& work) {
  const int arena = t_arena;
  std::atomic<size_t> started{1};
  auto gate = [&] {
    while (started.load(std::memory_order_relaxed) < threads) std::this_thread::yield();
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (size_t t = 1; t < threads; ++t) {
    pool.emplace_back([&work, &started, &gate, arena, t] {
      t_arena = arena;
      started.fetch_add(1, std::memory_order_relaxed);
      gate();
      work(t);
    });
  }
  gate();
  work(0);
  for (std::thread& th : pool) th.join();
}

// Calls chunk(k) for every k in [0, chunks) on up to Concurrency() threads.
template <typename Chunk>
void ForChunks(size_t chunks, const Chunk& chunk) {
  const size_t threads = std::min(Concurrency(), chunks);
  if (threads <= 1) {
    for (size_t k = 0; k < chunks; ++k) chunk(k);
    return;
  }
  std::atomic<size_t> next{0};
  RunOnThreads(threads, [&](size_t) {
    for (size_t k; (k = next.fetch_add(1, std::memory_order_relaxed)) < chunks;) chunk(k);
  });
}

}  // namespace tbb::stand_in

#endif  // ETLDAG_TESTS_TSAN_TBB_DETAIL_STAND_IN_H_
