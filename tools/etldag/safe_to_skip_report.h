// The report of `etldag safe-to-skip` (a verdict per candidate,
// engine/algo/safe_to_skip.h) and its names/text/json renderers.
#ifndef ETLDAG_TOOLS_ETLDAG_SAFE_TO_SKIP_REPORT_H_
#define ETLDAG_TOOLS_ETLDAG_SAFE_TO_SKIP_REPORT_H_

#include <span>
#include <string>
#include <vector>

#include "engine/algo/safe_to_skip.h"
#include "absl/status/status.h"
#include "engine/base/bitmap.h"
#include "engine/graph/graph.h"
#include "tools/etldag/command.h"

namespace etldag::cli {

struct SafeToSkipReport {
  const Graph& g;
  const Bitmap& prot;
  std::span<const std::string> selectors;
  const std::vector<SkipAssessment>& results;
  bool explained;
};

// Renders `r` into ctx.out in ctx.format.
[[nodiscard]] absl::Status RenderSafeToSkip(Context& ctx, const SafeToSkipReport& r);

// How many of r.results have verdict `v`.
size_t CountOf(const SafeToSkipReport& r, SkipVerdict v);

}  // namespace etldag::cli

#endif  // ETLDAG_TOOLS_ETLDAG_SAFE_TO_SKIP_REPORT_H_
