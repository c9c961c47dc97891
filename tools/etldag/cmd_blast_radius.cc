// etldag blast-radius GRAPH SELECTOR...: what a failure of the selected nodes
// takes down (downstream by kind and by distance, sinks, protected nodes hit
// with one path each); and `--top N`: every node ranked by the exact size of
// its downstream closure (engine/algo/descendant_counts.h).
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "engine/algo/blast_radius.h"
#include "engine/algo/descendant_counts.h"
#include "engine/base/status.h"
#include "tools/etldag/blast_radius_report.h"
#include "tools/etldag/command.h"
#include "tools/etldag/load.h"
#include "tools/etldag/protect_arg.h"
#include "tools/etldag/report.h"
#include "tools/etldag/resolve.h"

namespace etldag::cli {
namespace {

[[nodiscard]] absl::StatusOr<ExitCode> RunTop(Context& ctx, const Graph& g, const Bitmap& prot,
                                std::span<const std::string> selectors, uint64_t limit) {
  if (ctx.format == "dot") return ctx.Usage("--top has no dot picture (use text, names or json)");
  if (ctx.args.Has("fail-on-protected")) {
    return ctx.Usage("--fail-on-protected does not apply to --top");
  }
  Bitmap among;
  if (!selectors.empty()) {
    ASSIGN_OR_RETURN(Selection s, SelectWithExclude(ctx, g, selectors));
    among = std::move(s.nodes);
  }
  ASSIGN_OR_RETURN(const DescendantCounts counts, ComputeRanking(ctx, g, prot));
  const Bitmap* among_ptr = selectors.empty() ? nullptr : &among;
  std::vector<RankedNode> top = TopByDownstream(counts, limit, among_ptr);
  const size_t ranked = among_ptr ? among.Count() : g.num_nodes();
  RenderRanking(ctx, {g, prot}, {.limit = limit, .ranked = ranked, .top = std::move(top)});
  return ExitCode::kOk;
}

[[nodiscard]] absl::StatusOr<ExitCode> RunBlastRadius(Context& ctx) {
  const std::vector<std::string>& pos = ctx.args.positionals();
  const bool top = ctx.args.Has("top");
  const absl::StatusOr<uint64_t> limit = ctx.args.GetUint("top", UINT32_MAX);
  if (!limit.ok()) return ctx.Usage(MessageOf(limit.status()));
  if (!top && pos.size() < 2) return ctx.Usage("give the failed nodes (SELECTOR...) or --top N");
  ASSIGN_OR_RETURN(Graph g, LoadGraphArg(ctx, pos[0]));
  ASSIGN_OR_RETURN(const Bitmap prot, LoadProtectedSet(ctx, g));
  const std::span<const std::string> selectors = std::span<const std::string>(pos).subspan(1);
  if (top) return RunTop(ctx, g, prot, selectors, *limit);

  ASSIGN_OR_RETURN(const Selection failed, SelectWithExclude(ctx, g, selectors));
  if (failed.empty()) ctx.Note("no failed node selected: nothing is downstream");
  const std::vector<NodeId> seeds = failed.nodes.ToVector();
  const BlastRadius br = ComputeBlastRadius(g, seeds, prot);
  RETURN_IF_ERROR(RenderBlastRadius(ctx, {g, prot}, br));
  if (ctx.args.Has("fail-on-protected") && !br.protected_reached.empty()) {
    return ExitCode::kNegative;
  }
  if (FailOnEmpty(ctx, failed)) return ExitCode::kNegative;
  return ExitCode::kOk;
}

}  // namespace

const CommandSpec& BlastRadiusCommand() {
  static const CommandSpec spec{
      .name = "blast-radius",
      .aliases = {},
      .summary = "What a failure takes down: downstream by kind and distance, protected nodes hit",
      .usage = "GRAPH SELECTOR...  |  GRAPH --top N [SELECTOR...]",
      .min_args = 1,
      .max_args = kAnyNumber,
      .description =
          "For a failure of the selected nodes: every node downstream (a failed node\n"
          "is never counted as downstream), counts by kind and by distance (shortest\n"
          "hop count from the nearest failed node), the sinks reached, and the\n"
          "protected nodes reached, each with one shortest path from a failed node\n"
          "(a failed node that is protected itself is listed at distance 0).\n"
          "Protected nodes: every node with a name segment or kind equal to \"policy\"\n"
          "(policy/x, nu-mx/policy/x), plus every --protect selection (only\n"
          "--protect-only or --no-default-protect turn the default rule off).\n"
          "--top N ranks every node (or the selected ones) by the EXACT size of its\n"
          "downstream closure, with the protected nodes it reaches; ties by name.\n"
          "Computed for all nodes at once (blocked bitsets, parallel); works on\n"
          "cyclic graphs (a node on a cycle reaches the rest of its cycle). Its\n"
          "buffers take 8 bytes x k x components x threads (k = 8 words per block,\n"
          "halved until they fit --max-memory; k = 1 is the floor: a smaller budget\n"
          "is noted and exceeded rather than refused). Same answer at any budget.\n"
          "Formats: text = summary (default); names = the downstream nodes, sorted\n"
          "(with --top: the ranked nodes, in rank order); json = everything; dot =\n"
          "failed (red) and downstream nodes, protected ones bold; above {picture_detailed} nodes\n"
          "the picture keeps failed and protected nodes and merges the rest into\n"
          "one box per kind.\n"
          "Exit 1 with --fail-on-protected when a protected node is reached, or\n"
          "with --fail-on-empty when nothing is selected.",
      .example = "etldag blast-radius data/spark_ops.json contract/transacao-savings-entries\n"
                 "etldag blast-radius data/spark_ops.json 'raw/*' --fail-on-protected\n"
                 "etldag blast-radius data/spark_ops.json --top 10",
      .flags = {kProtectFlag, kProtectOnlyFlag, kNoDefaultProtectFlag,
                {.name = "top", .value_name = "N",
                 .help = "rank all nodes (or the selected ones) by downstream size", .echo_number = true},
                {.name = "max-memory", .value_name = "MiB",
                 .help = "--top: bound on the ranking's bitset buffers",
                 .default_uint = kDefaultMemoryBudgetMiB, .echo_number = true},
                {"fail-on-protected", "", "exit 1 when a protected node is reached"},
                kExcludeFlag,
                kFailOnEmptyFlag,
                kOrderFlag},
      .formats = {"text", "names", "json", "dot"},
      .run = &RunBlastRadius,
      .positional_keys = {"graph", "select*"},
  };
  return spec;
}

}  // namespace etldag::cli
