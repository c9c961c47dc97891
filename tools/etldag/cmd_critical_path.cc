// etldag critical-path GRAPH: node-weighted CPM — the chain of ops that
// decides when the run finishes, and the slack of every other op.
#include <optional>
#include <string>
#include <vector>

#include "engine/algo/critical_path.h"
#include "engine/algo/protected_set.h"
#include "engine/base/status.h"
#include "engine/output/dot_writer.h"
#include "engine/output/json_writer.h"
#include "engine/output/names_writer.h"
#include "engine/output/text_table.h"
#include "tools/etldag/command.h"
#include "tools/etldag/critical_path_report.h"
#include "tools/etldag/durations_arg.h"
#include "tools/etldag/load.h"
#include "tools/etldag/report.h"
#include "tools/etldag/resolve.h"

namespace etldag::cli {
namespace {

[[nodiscard]] absl::StatusOr<ExitCode> RunCriticalPath(Context& ctx) {
  const std::string& graph_arg = ctx.args.positionals()[0];
  if (ctx.args.Has("through") && ctx.args.Has("to")) return ctx.Usage("give --through or --to, not both");
  const absl::StatusOr<uint64_t> near_k = ctx.args.GetUint("near", UINT32_MAX);
  if (!near_k.ok()) return ctx.Usage(MessageOf(near_k.status()));
  ASSIGN_OR_RETURN(Graph g, LoadGraphArg(ctx, graph_arg));
  std::optional<NodeId> node;
  for (const char* flag : {"through", "to"}) {
    if (const auto arg = ctx.args.Get(flag)) {
      ASSIGN_OR_RETURN(node, ResolveOneNode(ctx, g, *arg));
    }
  }
  ASSIGN_OR_RETURN(const Weights w, LoadWeights(ctx, g));
  absl::StatusOr<CriticalPath> cp = ComputeCriticalPath(g, w.ticks);
  if (!cp.ok()) {
    if (cp.status().code() != absl::StatusCode::kFailedPrecondition) return cp.status();
    return CycleError(ctx.ErrorText(MessageOf(cp.status())));
  }
  CriticalPathReport r{.g = g, .cp = *cp, .w = w, .node = node, .chain = cp->chain, .length = cp->total,
           .near = {}, .near_asked = false};
  if (node && ctx.args.Has("through")) {
    r.kind = "through";
    r.chain = LongestChainThrough(g, *cp, *node);
    r.length = cp->total - cp->slack(*node);
  } else if (node) {
    r.kind = "to";
    r.chain = LongestChainTo(g, *cp, *node);
    r.length = cp->earliest_finish[*node];
  }
  r.near_asked = ctx.args.Has("near");
  if (r.near_asked) r.near = NearCritical(g, *cp, *near_k);
  RETURN_IF_ERROR(RenderCriticalPath(ctx, r));
  return ExitCode::kOk;
}

}  // namespace

const CommandSpec& CriticalPathCommand() {
  static const CommandSpec spec{
      .name = "critical-path",
      .aliases = {"cpm"},
      .summary = "The chain of ops that decides when the run ends, and every op's slack",
      .usage = "GRAPH",
      .min_args = 1,
      .max_args = 1,
      .description =
          "Node-weighted critical path method: with each op's duration (--durations;\n"
          "without it every op counts 1, so lengths are numbers of ops = levels;\n"
          "externals always count 0, they are not run), computes for every node the\n"
          "earliest and latest start and finish and the slack (how much it can slip\n"
          "without delaying the end). Ops missing from --durations get\n"
          "--default-duration, or else the median of the known durations (said on\n"
          "stderr and in the text/json output). Names in the file that are not in the\n"
          "graph are counted and listed on stderr.\n"
          "The answer is one chain, upstream first: the critical path (a longest\n"
          "chain; ties go to the alphabetically first node), or with --through NAME\n"
          "the longest chain through NAME, or with --to NAME the longest chain ending\n"
          "at NAME (what decides when NAME can finish). --near K adds the K\n"
          "non-critical ops with the least slack (externals are never listed).\n"
          "Formats: names = the chain (with --near: the near-critical nodes, least\n"
          "slack first); text = tables with durations, start, finish and slack; json =\n"
          "the chain, --near, and the full table for every node (seconds as numbers);\n"
          "dot = the chain (orange, red edges) and --near nodes, protected nodes as\n"
          "double octagons; at most {max_dot_boxes} nodes.\n"
          "Needs a DAG: exit 4, naming one cycle. A bad durations file is exit 3.",
      .example =
          "etldag critical-path data/spark_ops.json --durations data/durations.json --format text\n"
          "etldag critical-path data/spark_ops.json --to policy/auth-rules --format text",
      .flags = {kDurationsFlag, kDefaultDurationFlag, kRunResultsDurationsFlag,
                {.name = "through", .value_name = "NAME", .help = "the longest chain passing through NAME",
                 .echo_absent = EchoAbsent::kNull},
                {.name = "to", .value_name = "NAME", .help = "the longest chain ending at NAME",
                 .echo_absent = EchoAbsent::kNull},
                {.name = "near", .value_name = "K", .help = "also the K non-critical nodes with the least slack",
                 .echo_absent = EchoAbsent::kNull}},
      .formats = {"names", "text", "json", "dot"},
      .run = &RunCriticalPath,
      .extra_arg_flags = {"through", "to"},
  };
  return spec;
}

}  // namespace etldag::cli
