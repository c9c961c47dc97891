#include "engine/algo/internal/parallel_threshold.h"

#include <algorithm>
#include <atomic>

namespace etldag {
namespace {

std::atomic<size_t> g_threshold{kDefaultParallelThreshold};

}  // namespace

size_t ParallelThreshold() { return g_threshold.load(std::memory_order_relaxed); }

void SetParallelThresholdForTesting(size_t items) {
  g_threshold.store(std::max<size_t>(items, 1), std::memory_order_relaxed);
}

}  // namespace etldag
