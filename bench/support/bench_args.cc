#include "bench/support/bench_args.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench/support/bench_support.h"
#include "oneapi/tbb/global_control.h"

namespace etldag::bench {
namespace {

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "etldag bench: %s\n", what.c_str());
  std::exit(2);
}

std::vector<int64_t> SizeList() {
  const char* env = std::getenv("ETLDAG_BENCH_SIZES");
  std::string text = env != nullptr && *env != '\0' ? env : "10000,100000";
  std::replace(text.begin(), text.end(), ',', ' ');
  std::istringstream in(text);
  std::vector<int64_t> sizes;
  for (long long v; in >> v;) {
    if (v <= 0) Die("ETLDAG_BENCH_SIZES: sizes must be positive");
    sizes.push_back(v);
  }
  if (!in.eof()) Die("ETLDAG_BENCH_SIZES: expected comma-separated op counts");
  return sizes;
}

}  // namespace

void Sizes(benchmark::internal::Benchmark* b) {
  b->ArgNames({"ops"});
  for (int64_t ops : SizeList()) b->Args({ops});
}

void SizesAndProbes(benchmark::internal::Benchmark* b) {
  b->ArgNames({"ops", "probe"});
  for (int64_t ops : SizeList()) {
    for (int64_t p = 0; p < kNumProbes; ++p) b->Args({ops, p});
  }
}

void SizesAndThreads(benchmark::internal::Benchmark* b) {
  b->ArgNames({"ops", "threads"});
  const int64_t hw = std::max(1u, std::thread::hardware_concurrency());
  for (int64_t ops : SizeList()) {
    for (int64_t t = 1; t <= hw; t *= 2) b->Args({ops, t});
    if ((hw & (hw - 1)) != 0) b->Args({ops, hw});  // not a power of two
  }
}

struct ThreadLimit::Impl {
  explicit Impl(int threads)
      : control(oneapi::tbb::global_control::max_allowed_parallelism, static_cast<size_t>(threads)) {}
  oneapi::tbb::global_control control;
};

ThreadLimit::ThreadLimit(int threads) {
  if (threads > 0) impl_ = std::make_unique<Impl>(threads);
}
ThreadLimit::~ThreadLimit() = default;

}  // namespace etldag::bench
