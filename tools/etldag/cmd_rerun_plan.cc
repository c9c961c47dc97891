// etldag rerun-plan GRAPH SELECTOR... (or --failed SELECTOR): what to clear and rerun after a
// fix, in which order (waves) and how long it takes. Plans only: never runs
// or clears anything.
#include <algorithm>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/algo/rerun_plan.h"
#include "engine/base/status.h"
#include "tools/etldag/command.h"
#include "tools/etldag/rerun_plan_report.h"
#include "tools/etldag/durations_arg.h"
#include "tools/etldag/load.h"
#include "tools/etldag/report.h"
#include "tools/etldag/resolve.h"

namespace etldag::cli {
namespace {

[[nodiscard]] absl::StatusOr<ExitCode> RunRerunPlan(Context& ctx) {
  const std::vector<std::string>& pos = ctx.args.positionals();  // --failed values appended
  if (pos.size() < 2) {
    return ctx.Usage("give the failed nodes: etldag rerun-plan GRAPH SELECTOR... (or --failed SELECTOR)");
  }
  const absl::StatusOr<uint64_t> slots = ctx.args.GetUint("slots", UINT32_MAX);
  if (!slots.ok()) return ctx.Usage(MessageOf(slots.status()));
  if (ctx.args.Has("slots") && *slots == 0) return ctx.Usage("--slots must be >= 1");
  ASSIGN_OR_RETURN(Graph g, LoadGraphArg(ctx, pos[0]));
  ASSIGN_OR_RETURN(const Selection failed,
                   SelectWithExclude(ctx, g, std::span<const std::string>(pos).subspan(1)));
  Bitmap skipped(g.num_nodes());
  if (const std::vector<std::string_view> skip = ctx.args.GetAll("skip"); !skip.empty()) {
    ASSIGN_OR_RETURN(Selection sk, SelectNodes(ctx, g, std::vector<std::string>(skip.begin(), skip.end())));
    skipped = std::move(sk.nodes);
  }
  if (failed.empty()) ctx.Note("no failed node: nothing to rerun");
  ASSIGN_OR_RETURN(const Weights w, LoadWeights(ctx, g));
  const std::vector<NodeId> failed_ids = failed.nodes.ToVector();
  absl::StatusOr<RerunPlan> plan =
      PlanRerun(g, failed_ids, skipped, w.ticks, {.slots = static_cast<uint32_t>(*slots)});
  if (!plan.ok()) {
    if (plan.status().code() != absl::StatusCode::kFailedPrecondition) return plan.status();
    return CycleError(ctx.ErrorText(MessageOf(plan.status())));
  }
  const RerunPlanReport r{.g = g, .p = *plan, .w = w, .failed = failed.nodes,
                 .slots = static_cast<uint32_t>(*slots)};
  RETURN_IF_ERROR(RenderRerunPlan(ctx, r));
  return FailOnEmpty(ctx, failed) ? ExitCode::kNegative : ExitCode::kOk;
}

}  // namespace

const CommandSpec& RerunPlanCommand() {
  static const CommandSpec spec{
      .name = "rerun-plan",
      .aliases = {},
      .summary = "What to clear and rerun after a fix, in waves, with an ETA (runs nothing)",
      .usage = "GRAPH SELECTOR...",
      .min_args = 1,
      .max_args = kAnyNumber,
      .description =
          "The rerun set is the failed nodes (the SELECTORs, or --failed: the same)\n"
          "minus --exclude, and everything downstream of them, minus --skip (e.g.\n"
          "ops that were commented out). Skipped nodes do not run, but dependencies\n"
          "through them still hold: in a -> x -> b with x skipped, b still waits\n"
          "for a. Wave k holds the nodes whose rerun dependencies are all in earlier\n"
          "waves (wave = number of rerun nodes on the longest chain ending at the\n"
          "node).\n"
          "Estimates use --durations (else every op counts 1; externals 0): total\n"
          "work, the makespan with unlimited parallelism (the longest chain inside\n"
          "the rerun: the critical chain), and with --slots K a list-scheduling\n"
          "estimate for K concurrent jobs (longest remaining chain first; ties by\n"
          "name). Nothing is executed or cleared.\n"
          "Formats: names = the nodes to clear, sorted (--order topological: upstream\n"
          "first); text = the summary and a table by wave; json = everything (seconds\n"
          "as numbers); dot = the plan with waves as ranks, failed nodes red, the\n"
          "critical chain orange, protected nodes as double octagons and skipped\n"
          "nodes dashed (at most {max_dot_boxes} nodes).\n"
          "Needs the rerun part of the graph to be acyclic: exit 4 naming a cycle.\n"
          "Exit 1 with --fail-on-empty when no failed node is selected.",
      .example =
          "etldag rerun-plan data/spark_ops.json raw/income-feed \\\n"
          "    --durations data/durations.json --slots 8 --format text",
      .flags = {{.name = "failed", .value_name = "SELECTOR",
                 .help = "failed nodes, as the SELECTOR arguments (an alias)", .repeated = true,
                 .echoed = false, .positional_alias = true},
                {.name = "skip", .value_name = "SELECTOR",
                 .help = "nodes not to rerun (dependencies through them kept)", .repeated = true,
                 .echo_absent = EchoAbsent::kEmpty},
                kDurationsFlag, kDefaultDurationFlag, kRunResultsDurationsFlag,
                {.name = "slots", .value_name = "K", .help = "also estimate the makespan with K concurrent jobs",
                 .echo_number = true, .echo_absent = EchoAbsent::kEmpty},
                kExcludeFlag,
                {"fail-on-empty", "", "exit 1 when no failed node is selected"},
                kOrderFlag},
      .formats = {"names", "text", "json", "dot"},
      .run = &RunRerunPlan,
      .positional_keys = {"graph", "failed*"},
  };
  return spec;
}

}  // namespace etldag::cli
