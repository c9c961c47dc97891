// oneTBB stand-in (detail_stand_in.h): parallel_sort. Up to Concurrency()
// slices are sorted concurrently (the comparator runs on every thread), then
// merged on the caller's thread.
#ifndef ETLDAG_TESTS_TSAN_TBB_PARALLEL_SORT_H_
#define ETLDAG_TESTS_TSAN_TBB_PARALLEL_SORT_H_

#include <algorithm>
#include <cstddef>
#include <functional>
#include <iterator>

#include "oneapi/tbb/detail_stand_in.h"

namespace tbb {

template <typename RandomIt, typename Compare>
void parallel_sort(RandomIt begin, RandomIt end, const Compare& comp) {
  const size_t n = static_cast<size_t>(end - begin);
  const size_t slices = std::min(stand_in::Concurrency(), n / 500);
  if (slices <= 1) {
    std::sort(begin, end, comp);
    return;
  }
  auto at = [&](size_t k) { return begin + static_cast<std::ptrdiff_t>(n * k / slices); };
  stand_in::RunOnThreads(slices, [&](size_t k) { std::sort(at(k), at(k + 1), comp); });
  for (size_t k = 1; k < slices; ++k) std::inplace_merge(begin, at(k), at(k + 1), comp);
}

template <typename RandomIt>
void parallel_sort(RandomIt begin, RandomIt end) {
  parallel_sort(begin, end, std::less<typename std::iterator_traits<RandomIt>::value_type>());
}

}  // namespace tbb

#endif  // ETLDAG_TESTS_TSAN_TBB_PARALLEL_SORT_H_
