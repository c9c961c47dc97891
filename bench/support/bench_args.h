// Arguments of the benchmarks (bench/*_bench.cc).
//
// Sizes: every size-parameterised benchmark runs at the sizes listed in
// $ETLDAG_BENCH_SIZES (comma-separated op counts; default "10000,100000"),
// e.g. ETLDAG_BENCH_SIZES=1000000 for the 1M-op graph (~530 MB of JSON).
#ifndef ETLDAG_BENCH_SUPPORT_BENCH_ARGS_H_
#define ETLDAG_BENCH_SUPPORT_BENCH_ARGS_H_

#include <memory>

#include "benchmark/benchmark.h"

namespace etldag::bench {

// Benchmark argument generators: {ops} for each size; {ops, probe} for each
// size and probe; {ops, threads} for each size and 1..hardware threads.
void Sizes(benchmark::internal::Benchmark* b);
void SizesAndProbes(benchmark::internal::Benchmark* b);
void SizesAndThreads(benchmark::internal::Benchmark* b);

// While alive, oneTBB uses at most `threads` threads (0 = no limit). Keeps
// tbb::global_control out of the benchmark files.
class ThreadLimit {
 public:
  explicit ThreadLimit(int threads);
  ~ThreadLimit();
  ThreadLimit(const ThreadLimit&) = delete;
  ThreadLimit& operator=(const ThreadLimit&) = delete;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace etldag::bench

#endif  // ETLDAG_BENCH_SUPPORT_BENCH_ARGS_H_
