// oneTBB stand-in (detail_stand_in.h): parallel_for over a blocked_range
// (chunks of at most the grain size) and over an index interval.
#ifndef ETLDAG_TESTS_TSAN_TBB_PARALLEL_FOR_H_
#define ETLDAG_TESTS_TSAN_TBB_PARALLEL_FOR_H_

#include <algorithm>
#include <cstddef>
#include <type_traits>

#include "oneapi/tbb/blocked_range.h"
#include "oneapi/tbb/detail_stand_in.h"
#include "oneapi/tbb/partitioner.h"

namespace tbb {

template <typename Value, typename Body, typename Partitioner = auto_partitioner>
void parallel_for(const blocked_range<Value>& range, const Body& body, const Partitioner& = Partitioner()) {
  if (range.empty()) return;
  const size_t n = range.size(), grain = range.grainsize();
  stand_in::ForChunks((n + grain - 1) / grain, [&](size_t k) {
    const Value b = range.begin() + static_cast<Value>(k * grain);
    const Value e = k * grain + grain >= n ? range.end() : b + static_cast<Value>(grain);
    body(blocked_range<Value>(b, e, grain));
  });
}

template <typename Index, typename Function, typename Partitioner = auto_partitioner,
          typename = std::enable_if_t<std::is_integral_v<Index>>>
void parallel_for(Index first, Index last, const Function& f, const Partitioner& = Partitioner()) {
  if (!(first < last)) return;
  const size_t n = static_cast<size_t>(last - first);
  const size_t chunk = std::max<size_t>(1, n / (8 * stand_in::Concurrency()));
  stand_in::ForChunks((n + chunk - 1) / chunk, [&](size_t k) {
    const size_t e = std::min(n, (k + 1) * chunk);
    for (size_t i = k * chunk; i < e; ++i) f(static_cast<Index>(first + static_cast<Index>(i)));
  });
}

}  // namespace tbb

#endif  // ETLDAG_TESTS_TSAN_TBB_PARALLEL_FOR_H_
