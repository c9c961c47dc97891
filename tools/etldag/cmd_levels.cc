// etldag levels GRAPH: the topological levels of a DAG — a valid run order,
// level by level (level = longest chain of ops ending at the node). Needs a
// DAG: on a cycle, exit 4 with the cycle named.
#include <string>
#include <vector>

#include "engine/algo/topo_levels.h"
#include "engine/base/bitmap.h"
#include "engine/base/status.h"
#include "engine/output/json_writer.h"
#include "engine/output/names_writer.h"
#include "tools/etldag/command.h"
#include "tools/etldag/report.h"
#include "tools/etldag/load.h"

namespace etldag::cli {
namespace {

[[nodiscard]] absl::StatusOr<ExitCode> RunLevels(Context& ctx) {
  const std::string& graph_arg = ctx.args.positionals()[0];
  ASSIGN_OR_RETURN(Graph g, LoadGraphArg(ctx, graph_arg));
  absl::StatusOr<TopoLevels> levels = ComputeTopoLevels(g);
  if (!levels.ok()) {
    if (levels.status().code() != absl::StatusCode::kFailedPrecondition) return levels.status();
    return CycleError(ctx.ErrorText(MessageOf(levels.status())));
  }
  if (ctx.format == "json") {
    JsonWriter w(&ctx.out);
    BeginJsonReport(w, ctx);
    w.Key("count").Uint(g.num_nodes()).Key("levels").Uint(levels->num_levels);
    w.Key("results").BeginArray();
    size_t next = 0;
    for (uint32_t l = 0; l < levels->num_levels; ++l) {
      w.BeginArray();
      for (uint32_t i = 0; i < levels->level_sizes[l]; ++i) {
        w.String(g.name(levels->order[next++]));
      }
      w.EndArray();
    }
    w.EndArray().EndObject();
    ctx.out += '\n';
  } else if (ctx.format == "text") {
    size_t next = 0;
    for (uint32_t l = 0; l < levels->num_levels; ++l) {
      for (uint32_t i = 0; i < levels->level_sizes[l]; ++i) {
        ctx.out += std::to_string(l) + '\t';
        ctx.out += g.name(levels->order[next++]);
        ctx.out += '\n';
      }
    }
  } else if (ctx.format == "dot") {
    Bitmap all(g.num_nodes());
    for (NodeId v : levels->order) all.Set(v);
    RETURN_IF_ERROR(AppendNodeSetDot(
        ctx, g, all,
        {.title = "levels: " + Plural(g.num_nodes(), "node") + " in " +
                  Plural(levels->num_levels, "level"),
         .lines = {"one rank per level, level 0 (sources) first"},
         .hint = "use --format text, or draw a selection: etldag select GRAPH 'x+' --format dot",
         .rank = [&](NodeId v) { return levels->level[v]; },
         .rank_name = [](uint32_t l) { return "level " + std::to_string(l); }}));
  } else {
    AppendNodeList(ctx, g, levels->order);
  }
  return ExitCode::kOk;
}

}  // namespace

const CommandSpec& LevelsCommand() {
  static const CommandSpec spec{
      .name = "levels",
      .aliases = {"topo"},
      .summary = "Topological levels of a DAG: a run order, level by level",
      .usage = "GRAPH",
      .min_args = 1,
      .max_args = 1,
      .description =
          "The level of a node is the length of the longest chain of dependencies\n"
          "ending at it (sources are level 0): every node comes after everything it\n"
          "reads, and the nodes of one level can run in parallel. names prints every\n"
          "node in that order (level 0 first, sorted within a level); text prefixes\n"
          "each name with its level and a tab; json gives one array per level; dot\n"
          "draws the graph with one rank per level (above 50 nodes the frontier, the\n"
          "rest merged per level and kind; docs/pictures.md).\n"
          "Needs a DAG: exit 4, naming one cycle, when the graph has one.",
      .example = "etldag levels data/spark_ops.json --format text | head",
      .flags = {},
      .formats = {"names", "text", "json", "dot"},
      .run = &RunLevels,
  };
  return spec;
}

}  // namespace etldag::cli
