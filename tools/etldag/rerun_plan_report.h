// The report of `etldag rerun-plan` (engine/algo/rerun_plan.h with the
// weights it used) and its names/text/json/dot renderers.
#ifndef ETLDAG_TOOLS_ETLDAG_RERUN_PLAN_REPORT_H_
#define ETLDAG_TOOLS_ETLDAG_RERUN_PLAN_REPORT_H_

#include <algorithm>
#include <span>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/algo/rerun_plan.h"
#include "engine/algo/protected_set.h"
#include "absl/status/status.h"
#include "engine/base/bitmap.h"
#include "engine/graph/graph.h"
#include "tools/etldag/command.h"
#include "tools/etldag/durations_arg.h"

namespace etldag::cli {

struct RerunPlanReport {
  const Graph& g;
  const RerunPlan& p;
  const Weights& w;
  const Bitmap& failed;
  uint32_t slots = 0;
};

// Renders `r` into ctx.out in ctx.format.
[[nodiscard]] absl::Status RenderRerunPlan(Context& ctx, const RerunPlanReport& r);

}  // namespace etldag::cli

#endif  // ETLDAG_TOOLS_ETLDAG_RERUN_PLAN_REPORT_H_
