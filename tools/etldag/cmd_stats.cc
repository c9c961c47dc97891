// etldag stats GRAPH: a summary of the graph — sizes, sources/sinks,
// topological levels, cycles, fan-in/fan-out leaders, kinds, load cost.
#include <cstdlib>
#include <fstream>
#include <string>

#include "engine/algo/graph_summary.h"
#include "engine/base/status.h"
#include "tools/etldag/command.h"
#include "tools/etldag/load.h"
#include "tools/etldag/stats_report.h"

namespace etldag::cli {
namespace {

constexpr size_t kTopN = 10;  // leaders listed by fan-in and fan-out

// Peak resident set size (VmHWM in /proc/self/status), in bytes.
uint64_t PeakRssBytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return 1024 * std::strtoull(line.c_str() + 6, nullptr, 10);
  }
  return 0;
}

[[nodiscard]] absl::StatusOr<ExitCode> RunStats(Context& ctx) {
  StatsResult r;
  ASSIGN_OR_RETURN(Graph g, LoadGraphArg(ctx, ctx.args.positionals()[0], &r.load));
  r.s = SummarizeGraph(g, kTopN);
  r.peak_rss = PeakRssBytes();
  r.timings = !ctx.args.Has("no-timings");
  RenderStats(ctx, g, r);
  return ExitCode::kOk;
}

}  // namespace

const CommandSpec& StatsCommand() {
  static const CommandSpec spec{
      .name = "stats",
      .aliases = {},
      .summary = "Summarize a graph: sizes, levels, cycles, hubs, kinds, load cost",
      .usage = "GRAPH",
      .min_args = 1,
      .max_args = 1,
      .description =
          "Counts ops, externals (names referenced but not defined), edges, sources\n"
          "(nodes without inputs) and sinks (without successors); the number of\n"
          "topological levels and the widest one (or \"cycles present\"); cycles\n"
          "(strongly connected components of 2+ nodes), self-loops and\n"
          "inputs/successors disagreements; the 10 nodes with most inputs and most\n"
          "successors; nodes per kind; load time and memory. Timings and memory vary\n"
          "from run to run (and build to build): --no-timings leaves them out.",
      .example = "etldag stats data/spark_ops.json\n"
                 "etldag stats data/spark_ops.json --format json --no-timings",
      .flags = {{"no-timings", "", "leave out load time and memory figures (reproducible output)"}},
      .formats = {"text", "json"},
      .run = &RunStats,
  };
  return spec;
}

}  // namespace etldag::cli
