// The report of `etldag stats` (the result of SummarizeGraph plus the load
// figures) and its text and json renderers.
#ifndef ETLDAG_TOOLS_ETLDAG_STATS_REPORT_H_
#define ETLDAG_TOOLS_ETLDAG_STATS_REPORT_H_

#include <cstdint>

#include "engine/algo/graph_summary.h"
#include "engine/graph/graph.h"
#include "engine/load/spark_ops.h"
#include "tools/etldag/command.h"

namespace etldag::cli {

struct StatsResult {
  GraphSummary s;
  LoadStats load;
  uint64_t peak_rss = 0;  // bytes, 0 when /proc is unavailable
  bool timings = true;    // load time and memory figures (not with --no-timings)
};

// Renders `r` into ctx.out in ctx.format (text or json).
void RenderStats(Context& ctx, const Graph& g, const StatsResult& r);

}  // namespace etldag::cli

#endif  // ETLDAG_TOOLS_ETLDAG_STATS_REPORT_H_
