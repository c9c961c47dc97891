// etldag downstream|upstream GRAPH NAME...: the transitive closure of the
// given nodes along the data flow (downstream: everything that reads them,
// directly or not) or against it (upstream: everything they read). Output
// in reach_report.cc.
#include <span>
#include <string>
#include <vector>

#include "engine/algo/reachability.h"
#include "engine/base/status.h"
#include "tools/etldag/command.h"
#include "tools/etldag/load.h"
#include "tools/etldag/reach_report.h"
#include "tools/etldag/report.h"
#include "tools/etldag/resolve.h"

namespace etldag::cli {
namespace {

[[nodiscard]] absl::StatusOr<ExitCode> RunReach(Context& ctx, Direction dir) {
  const absl::StatusOr<uint64_t> depth =  // no --depth: unlimited
      ctx.args.Has("depth") ? ctx.args.GetUint("depth", kUnlimitedDepth - 1) : kUnlimitedDepth;
  if (!depth.ok()) return ctx.Usage(MessageOf(depth.status()));
  const bool include_self = ctx.args.Has("include-self");
  const bool count_only = ctx.args.Has("count");
  const std::vector<std::string>& pos = ctx.args.positionals();
  ASSIGN_OR_RETURN(Graph g, LoadGraphArg(ctx, pos[0]));
  const std::span<const std::string> node_args(pos.begin() + 1, pos.end());
  ASSIGN_OR_RETURN(const Selection sel, SelectWithExclude(ctx, g, node_args));
  if (sel.empty()) ctx.Note("no node selected");
  const std::vector<NodeId> seeds = sel.nodes.ToVector();

  const ReachOptions opts{dir, static_cast<uint32_t>(*depth), include_self};
  const Bitmap reached = Reach(g, seeds, opts);
  const size_t count = reached.Count();
  if (count == 0 && !sel.empty()) {
    ctx.Note(std::string("nothing is ") +
             (dir == Direction::kDownstream ? "downstream" : "upstream") + " of the given nodes");
  }
  RETURN_IF_ERROR(RenderReach(ctx, {g, sel, reached, count_only}));
  return FailOnEmpty(ctx, sel) ? ExitCode::kNegative : ExitCode::kOk;
}

const std::vector<FlagSpec> kReachFlags = {
    {.name = "depth", .value_name = "N", .help = "only nodes at most N hops away (shortest distance)",
     .echo_number = true, .echo_absent = EchoAbsent::kNull},
    {.name = "include-self", .value_name = "", .help = "also list the given nodes themselves",
     .json_key = "include_self", .echo_absent = EchoAbsent::kEmpty},
    {"count", "", "print only the number of nodes"},
    kExcludeFlag,
    kFailOnEmptyFlag,
    kOrderFlag,
};

}  // namespace

const CommandSpec& DownstreamCommand() {
  static const CommandSpec spec{
      .name = "downstream",
      .aliases = {"successors"},
      .summary = "Everything that transitively reads the given nodes (what a failure blocks)",
      .usage = "GRAPH NAME...",
      .min_args = 2,
      .max_args = kAnyNumber,
      .description =
          "Lists every node reachable from the given nodes along the data flow: the\n"
          "ops that read them, the ops that read those, and so on.\n"
          "A node is never its own descendant unless --include-self; a given node\n"
          "reached from another given node (or through a cycle) is not listed either.\n"
          "Several names give the union; every argument is a selector (x+, kind:,\n"
          "globs; --exclude subtracts from it). Works on graphs with cycles.\n"
          "Exit 1 with --fail-on-empty when the selection is empty.",
      .example = "etldag downstream data/spark_ops.json contract/transacao-savings-entries\n"
                 "etldag downstream data/spark_ops.json contract/transacao-savings-entries --depth 1 --count",
      .flags = kReachFlags,
      .formats = {"names", "json", "dot"},
      .run = [](Context& ctx) { return RunReach(ctx, Direction::kDownstream); },
      .positional_keys = {"graph", "nodes*"},
  };
  return spec;
}

const CommandSpec& UpstreamCommand() {
  static const CommandSpec spec{
      .name = "upstream",
      .aliases = {"predecessors"},
      .summary = "Everything the given nodes transitively read (what they depend on)",
      .usage = "GRAPH NAME...",
      .min_args = 2,
      .max_args = kAnyNumber,
      .description =
          "Lists every node from which the given nodes are reachable: their inputs,\n"
          "the inputs of those, and so on, down to raw sources and externals.\n"
          "A node is never its own ancestor unless --include-self; a given node\n"
          "reached from another given node (or through a cycle) is not listed either.\n"
          "Several names give the union; every argument is a selector (x+, kind:,\n"
          "globs; --exclude subtracts from it). Works on graphs with cycles.\n"
          "Exit 1 with --fail-on-empty when the selection is empty.",
      .example = "etldag upstream data/spark_ops.json nu-mx/policy/cliente-strategy\n"
                 "etldag upstream data/spark_ops.json nu-mx/policy/cliente-strategy --format json --depth 2",
      .flags = kReachFlags,
      .formats = {"names", "json", "dot"},
      .run = [](Context& ctx) { return RunReach(ctx, Direction::kUpstream); },
      .positional_keys = {"graph", "nodes*"},
  };
  return spec;
}

}  // namespace etldag::cli
