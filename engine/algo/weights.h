// Node weights for the scheduling algorithms (critical path, rerun plan).
//
// Durations are converted once to integer Ticks (microseconds): every sum,
// max and comparison in CPM and scheduling is then exact and associative, so
// results are bit-identical for any evaluation order or thread count, and
// "zero slack" is an exact test rather than a floating-point tolerance.
// Seconds are rounded to the nearest microsecond. WeightsFromSeconds rejects
// NaN, negative or infinite values, and totals above kMaxTotalTicks (so no sum
// of weights along any path can overflow).
#ifndef ETLDAG_ENGINE_ALGO_WEIGHTS_H_
#define ETLDAG_ENGINE_ALGO_WEIGHTS_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace etldag {

using Ticks = int64_t;
inline constexpr Ticks kTicksPerSecond = 1'000'000;
// Sum of all weights must stay below this (~292,000 years of work).
inline constexpr Ticks kMaxTotalTicks = INT64_MAX / 2;

// Per-node weights in Ticks from per-node seconds (InvalidArgument naming the
// first bad index when a value is NaN, negative, infinite, or the total is
// too large).
[[nodiscard]] absl::StatusOr<std::vector<Ticks>> WeightsFromSeconds(
    std::span<const double> seconds);

inline double TicksToSeconds(Ticks t) { return static_cast<double>(t) / kTicksPerSecond; }

// Exact decimal seconds without trailing zeros: 1500000 -> "1.5", 2000000 ->
// "2", 1 -> "0.000001", -2500000 -> "-2.5". Also a valid JSON number.
std::string FormatSeconds(Ticks t);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_ALGO_WEIGHTS_H_
