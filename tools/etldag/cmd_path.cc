// etldag path GRAPH FROM TO: one shortest dependency chain FROM -> ... -> TO
// (why TO depends on FROM); exit 1 when TO does not depend on FROM.
#include <string>
#include <vector>

#include "engine/algo/shortest_path.h"
#include "engine/base/status.h"
#include "engine/output/json_writer.h"
#include "engine/output/dot_writer.h"
#include "engine/output/names_writer.h"
#include "tools/etldag/command.h"
#include "tools/etldag/report.h"
#include "tools/etldag/load.h"
#include "tools/etldag/protect_arg.h"
#include "tools/etldag/resolve.h"

namespace etldag::cli {
namespace {

[[nodiscard]] absl::StatusOr<ExitCode> RunPath(Context& ctx) {
  const std::vector<std::string>& pos = ctx.args.positionals();
  ASSIGN_OR_RETURN(Graph g, LoadGraphArg(ctx, pos[0]));
  ASSIGN_OR_RETURN(const NodeId from, ResolveOneNode(ctx, g, pos[1]));
  ASSIGN_OR_RETURN(const NodeId to, ResolveOneNode(ctx, g, pos[2]));
  const std::vector<NodeId> path = ShortestPath(g, from, to);
  if (path.empty()) {
    std::string note = "no path: '" + pos[2] + "' does not depend on '" + pos[1] + "'";
    if (!ShortestPath(g, to, from).empty()) {
      note += " (but '" + pos[1] + "' depends on '" + pos[2] + "': swap FROM and TO)";
    }
    ctx.Note(note);
  }
  if (ctx.format == "json") {
    JsonWriter w(&ctx.out);
    BeginJsonReport(w, ctx);
    w.Key("found").Bool(!path.empty()).Key("hops");
    if (path.empty()) {
      w.Null();
    } else {
      w.Uint(path.size() - 1);
    }
    w.Key("results").BeginArray();
    for (NodeId v : path) w.String(g.name(v));
    w.EndArray().EndObject();
    ctx.out += '\n';
  } else if (ctx.format == "dot") {
    // The chain; FROM and TO filled blue, protected nodes (the rule in
    // force) as double octagons, externals dashed. No path: the two nodes,
    // unconnected.
    Bitmap nodes(g.num_nodes());
    nodes.Set(from);
    nodes.Set(to);
    for (NodeId v : path) nodes.Set(v);
    RETURN_IF_ERROR(AppendNodeSetDot(
        ctx, g, nodes,
        {.title = "path " + std::string(g.name(from)) + " -> " + std::string(g.name(to)),
         .lines = {path.empty() ? std::string("no path") : Plural(path.size() - 1, "hop", "hops")},
         .highlight = [&](NodeId v) { return v == from || v == to ? kDotSeed : 0u; },
         .hint = "use --format names"}));
  } else {
    AppendNodeList(ctx, g, path);
  }
  return path.empty() ? ExitCode::kNegative : ExitCode::kOk;
}

}  // namespace

const CommandSpec& PathCommand() {
  static const CommandSpec spec{
      .name = "path",
      .aliases = {},
      .summary = "One shortest dependency chain FROM -> ... -> TO (why TO depends on FROM)",
      .usage = "GRAPH FROM TO",
      .min_args = 3,
      .max_args = 3,
      .description =
          "Prints the nodes of one shortest chain along the data flow, FROM first\n"
          "and TO last, one per line (each node reads the one before it). Among\n"
          "several shortest chains the answer is fixed: the walk back from TO takes\n"
          "the alphabetically first candidate. FROM = TO prints that one node.\n"
          "Formats: names = the chain, one per line (default); json = the chain and\n"
          "its length; dot = the chain as a picture, FROM and TO filled, protected\n"
          "nodes (a name segment or kind \"policy\", plus --protect) marked.\n"
          "Exit 1, with a note on stderr, when TO does not depend on FROM.",
      .example = "etldag path data/spark_ops.json raw/insurance-log nu-mx/policy/cliente-strategy\n"
                 "etldag path data/spark_ops.json raw/insurance-log nu-mx/policy/cliente-strategy \\\n"
                 "    --format dot > path.dot   # then: dot -Tsvg path.dot > path.svg",
      .flags = {EchoedAs(kProtectFlag, EchoAbsent::kOmit), kProtectOnlyFlag, kNoDefaultProtectFlag},
      .formats = {"names", "json", "dot"},
      .run = &RunPath,
      .positional_keys = {"graph", "from", "to"},
  };
  return spec;
}

}  // namespace etldag::cli
