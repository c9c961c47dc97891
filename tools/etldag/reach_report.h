// The report of `etldag downstream` / `upstream` (cmd_reach.cc): the nodes
// reached from a selection, as names (or --count), json or dot.
#ifndef ETLDAG_TOOLS_ETLDAG_REACH_REPORT_H_
#define ETLDAG_TOOLS_ETLDAG_REACH_REPORT_H_

#include "absl/status/status.h"
#include "engine/base/bitmap.h"
#include "engine/graph/graph.h"
#include "engine/query/select.h"
#include "tools/etldag/command.h"

namespace etldag::cli {

struct ReachReport {
  const Graph& g;
  const Selection& seeds;  // the given nodes
  const Bitmap& reached;
  bool count_only = false;  // --count
};

// Renders into ctx.out in ctx.format. The picture shows the given nodes
// (highlighted) and what they reach.
[[nodiscard]] absl::Status RenderReach(Context& ctx, const ReachReport& r);

}  // namespace etldag::cli

#endif  // ETLDAG_TOOLS_ETLDAG_REACH_REPORT_H_
