// etldag rerun-plan GRAPH --failed SELECTOR: what to clear and rerun after a
// fix, in which order (waves) and how long it takes. Plans only: never runs
// or clears anything.
#include <algorithm>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/algo/rerun_plan.h"
#include "engine/algo/protected_set.h"
#include "engine/base/status.h"
#include "engine/output/dot_writer.h"
#include "engine/output/json_writer.h"
#include "engine/output/names_writer.h"
#include "engine/output/text_table.h"
#include "tools/etldag/command.h"
#include "tools/etldag/rerun_plan_report.h"
#include "tools/etldag/durations_arg.h"
#include "tools/etldag/load.h"
#include "tools/etldag/report.h"
#include "tools/etldag/resolve.h"

namespace etldag::cli {
namespace {

[[nodiscard]] absl::StatusOr<ExitCode> RunRerunPlan(Context& ctx) {
  const std::vector<std::string_view> failed_args = ctx.args.GetAll("failed");
  const std::vector<std::string_view> exclude_args = ctx.args.GetAll("exclude");
  if (failed_args.empty()) return ctx.Usage("--failed SELECTOR is required");
  const absl::StatusOr<uint64_t> slots = ctx.args.GetUint("slots", UINT32_MAX);
  if (!slots.ok()) return ctx.Usage(MessageOf(slots.status()));
  if (ctx.args.Has("slots") && *slots == 0) return ctx.Usage("--slots must be >= 1");
  ASSIGN_OR_RETURN(Graph g, LoadGraphArg(ctx, ctx.args.positionals()[0]));
  const std::vector<std::string> failed_sel(failed_args.begin(), failed_args.end());
  ASSIGN_OR_RETURN(const Selection failed, SelectNodes(ctx, g, failed_sel));
  Bitmap excluded(g.num_nodes());
  if (!exclude_args.empty()) {
    const std::vector<std::string> exclude_sel(exclude_args.begin(), exclude_args.end());
    ASSIGN_OR_RETURN(Selection ex, SelectNodes(ctx, g, exclude_sel));
    excluded = std::move(ex.nodes);
  }
  if (failed.empty()) ctx.Note("no failed node: nothing to rerun");
  ASSIGN_OR_RETURN(const Weights w, LoadWeights(ctx, g));
  const std::vector<NodeId> failed_ids = failed.nodes.ToVector();
  absl::StatusOr<RerunPlan> plan =
      PlanRerun(g, failed_ids, excluded, w.ticks, {.slots = static_cast<uint32_t>(*slots)});
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
      .usage = "GRAPH",
      .min_args = 1,
      .max_args = 1,
      .description =
          "The rerun set is the --failed nodes and everything downstream of them,\n"
          "minus --exclude (e.g. ops that were commented out). Excluded nodes do not\n"
          "run, but dependencies through them still hold: in a -> x -> b with x\n"
          "excluded, b still waits for a. Wave k holds the nodes whose rerun\n"
          "dependencies are all in earlier waves (wave = number of rerun nodes on\n"
          "the longest chain ending at the node).\n"
          "Estimates use --durations (else every op counts 1; externals 0): total\n"
          "work, the makespan with unlimited parallelism (the longest chain inside\n"
          "the rerun: the critical chain), and with --slots K a list-scheduling\n"
          "estimate for K concurrent jobs (longest remaining chain first; ties by\n"
          "name). Nothing is executed or cleared.\n"
          "Formats: names = the nodes to clear, sorted; text = the summary and a\n"
          "table by wave; json = everything (seconds as numbers); dot = the plan\n"
          "with waves as ranks, failed nodes red, the critical chain orange,\n"
          "protected nodes as double octagons and\n"
          "excluded nodes dashed (at most 500 nodes).\n"
          "Needs the rerun part of the graph to be acyclic: exit 4 naming a cycle.\n"
          "Exit 1 with --fail-on-empty when --failed selects nothing.",
      .example =
          "etldag rerun-plan data/spark_ops.json --failed raw/income-feed \\\n"
          "    --durations data/durations.json --slots 8 --format text",
      .flags = {{.name = "failed", .value_name = "SELECTOR", .help = "the failed nodes (required)",
                 .repeated = true, .echo_absent = EchoAbsent::kEmpty},
                {.name = "exclude", .value_name = "SELECTOR",
                 .help = "nodes not to rerun (dependencies through them kept)", .repeated = true,
                 .echo_absent = EchoAbsent::kEmpty},
                kDurationsFlag, kDefaultDurationFlag, kRunResultsDurationsFlag,
                {.name = "slots", .value_name = "K", .help = "also estimate the makespan with K concurrent jobs",
                 .echo_number = true, .echo_absent = EchoAbsent::kEmpty},
                {"fail-on-empty", "", "exit 1 when --failed selects nothing"}},
      .formats = {"names", "text", "json", "dot"},
      .run = &RunRerunPlan,
  };
  return spec;
}

}  // namespace etldag::cli
