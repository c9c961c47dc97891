// Seconds <-> Ticks; see weights.h.
#include "engine/algo/weights.h"

#include <cmath>
#include <cstdlib>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace etldag {

absl::StatusOr<std::vector<Ticks>> WeightsFromSeconds(std::span<const double> seconds) {
  std::vector<Ticks> w(seconds.size());
  Ticks total = 0;
  // Bigger per-node values would overflow the conversion itself.
  constexpr double kMaxSeconds = static_cast<double>(kMaxTotalTicks / kTicksPerSecond);
  for (size_t i = 0; i < seconds.size(); ++i) {
    const double s = seconds[i];
    if (!std::isfinite(s) || s < 0 || s > kMaxSeconds) {
      return absl::InvalidArgumentError(
          absl::StrCat("node ", i, ": duration ", s, " is not a finite number of seconds >= 0",
                       s > kMaxSeconds ? " (too large)" : ""));
    }
    w[i] = std::llround(s * static_cast<double>(kTicksPerSecond));
    if (w[i] > kMaxTotalTicks - total) {
      return absl::InvalidArgumentError("the sum of all durations is too large");
    }
    total += w[i];
  }
  return w;
}

std::string FormatSeconds(Ticks t) {
  const bool negative = t < 0;
  // |INT64_MIN| does not fit in int64: go through uint64.
  const uint64_t mag = negative ? uint64_t{0} - static_cast<uint64_t>(t) : static_cast<uint64_t>(t);
  const uint64_t whole = mag / kTicksPerSecond;
  uint64_t frac = mag % kTicksPerSecond;
  std::string out = absl::StrCat(negative ? "-" : "", whole);
  if (frac == 0) return out;
  std::string digits = std::to_string(frac);
  digits.insert(0, 6 - digits.size(), '0');
  while (!digits.empty() && digits.back() == '0') digits.pop_back();
  absl::StrAppend(&out, ".", digits);
  return out;
}

}  // namespace etldag
