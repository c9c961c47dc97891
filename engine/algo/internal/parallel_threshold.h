// The size below which the algo module's parallel steps (frontier
// expansions, per-item loops; engine/algo/internal/parallel.h) run serially: 4096
// items by default. Results never depend on it. Tests lower it so that
// small random graphs, which the oracles can check, take the parallel paths
// at every thread count.
#ifndef ETLDAG_ENGINE_ALGO_INTERNAL_PARALLEL_THRESHOLD_H_
#define ETLDAG_ENGINE_ALGO_INTERNAL_PARALLEL_THRESHOLD_H_

#include <cstddef>

namespace etldag {

inline constexpr size_t kDefaultParallelThreshold = 4096;

size_t ParallelThreshold();
// For tests only; not thread-safe against running algorithms.
void SetParallelThresholdForTesting(size_t items);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_ALGO_INTERNAL_PARALLEL_THRESHOLD_H_
