// Running test code at a chosen thread count (oneTBB worker slots), and the
// thread counts every parallel result is compared at. Link TBB::tbb.
#ifndef ETLDAG_TESTS_TESTING_THREADS_H_
#define ETLDAG_TESTS_TESTING_THREADS_H_

#include <utility>

#include "oneapi/tbb/global_control.h"
#include "oneapi/tbb/task_arena.h"

namespace etldag::testing {

// Runs f() with exactly `threads` worker slots (oversubscribing if need be).
template <typename F>
auto WithThreads(int threads, F&& f) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  tbb::task_arena arena(threads);
  return arena.execute(std::forward<F>(f));
}

inline constexpr int kThreadCounts[] = {1, 2, 8};

}  // namespace etldag::testing

#endif  // ETLDAG_TESTS_TESTING_THREADS_H_
