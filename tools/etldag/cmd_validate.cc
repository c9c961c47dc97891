// etldag validate GRAPH: is the file a clean DAG with consistent
// inputs/successors? Lists cycles (with a path each), self-loops and
// disagreements (capped by --limit, with totals); exit 1 when any exists.
#include <cstdint>

#include "engine/algo/graph_problems.h"
#include "engine/base/status.h"
#include "tools/etldag/command.h"
#include "tools/etldag/load.h"
#include "tools/etldag/validate_report.h"

namespace etldag::cli {
namespace {

constexpr uint64_t kDefaultLimit = 20;

[[nodiscard]] absl::StatusOr<ExitCode> RunValidate(Context& ctx) {
  absl::StatusOr<uint64_t> limit = ctx.args.GetUint("limit");
  if (!limit.ok()) return ctx.Usage(MessageOf(limit.status()));
  ASSIGN_OR_RETURN(Graph g, LoadGraphArg(ctx, ctx.args.positionals()[0]));
  const GraphProblems p = FindGraphProblems(g);
  RenderValidate(ctx, g, p, *limit);
  return p.clean() && g.self_loops().empty() ? ExitCode::kOk : ExitCode::kNegative;
}

}  // namespace

const CommandSpec& ValidateCommand() {
  static const CommandSpec spec{
      .name = "validate",
      .aliases = {},
      .summary = "Check that a graph is a clean DAG with consistent inputs/successors",
      .usage = "GRAPH",
      .min_args = 1,
      .max_args = 1,
      .description =
          "Exit 0 when the graph has no cycle, no self-loop and no disagreement (an\n"
          "edge declared in the inputs of one op but not in the successors of the\n"
          "other, or the reverse). Otherwise lists every cycle with one concrete path,\n"
          "every self-loop and every disagreement (each list capped by --limit, with\n"
          "its total; in text a cycle of more than {cycle_nodes_shown} nodes is elided in the middle\n"
          "unless --limit 0) and exits 1. External references (names used but not\n"
          "defined) are not an error: they are counted, and listed with --verbose.",
      .example = "etldag validate data/spark_ops.json\n"
                 "etldag validate data/spark_ops.json --format json --limit 5",
      .flags = {{.name = "limit", .value_name = "N",
                 .help = "list at most N items of each kind (default {default}; 0 = all)",
                 .default_uint = kDefaultLimit, .echo_number = true,
                 .echo_absent = EchoAbsent::kDefault}},
      .formats = {"text", "json"},
      .run = &RunValidate,
  };
  return spec;
}

}  // namespace etldag::cli
