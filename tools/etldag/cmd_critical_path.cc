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
#include "tools/etldag/durations_arg.h"
#include "tools/etldag/load.h"
#include "tools/etldag/report.h"
#include "tools/etldag/resolve.h"

namespace etldag::cli {
namespace {

struct Report {
  const Graph& g;
  const CriticalPath& cp;
  const Weights& w;
  std::string kind = "critical";  // or "through" / "to"
  std::optional<NodeId> node;     // of --through / --to
  std::vector<NodeId> chain;
  Ticks length = 0;
  std::vector<NodeId> near;
  bool near_asked = false;
};

void AppendNodeJson(JsonWriter& j, const Report& r, NodeId v) {
  const CriticalPath& cp = r.cp;
  j.BeginObject().Key("name").String(r.g.name(v));
  j.Key("duration").Double(TicksToSeconds(r.w.ticks[v]));
  j.Key("earliest_start").Double(TicksToSeconds(cp.earliest_start[v]));
  j.Key("earliest_finish").Double(TicksToSeconds(cp.earliest_finish[v]));
  j.Key("latest_start").Double(TicksToSeconds(cp.latest_start[v]));
  j.Key("latest_finish").Double(TicksToSeconds(cp.latest_finish[v]));
  j.Key("slack").Double(TicksToSeconds(cp.slack(v))).EndObject();
}

void AppendJson(Context& ctx, const Report& r) {
  JsonWriter j(&ctx.out);
  BeginJsonReport(j, ctx);
  AppendWeightsJson(j, r.w);
  j.Key("total").Double(TicksToSeconds(r.cp.total));
  j.Key("chain").BeginObject().Key("kind").String(r.kind).Key("node");
  if (r.node) {
    j.String(r.g.name(*r.node));
  } else {
    j.Null();
  }
  j.Key("length").Double(TicksToSeconds(r.length)).Key("count").Uint(r.chain.size());
  j.Key("nodes").BeginArray();
  for (NodeId v : r.chain) AppendNodeJson(j, r, v);
  j.EndArray().EndObject();
  if (r.near_asked) {
    j.Key("near").BeginArray();
    for (NodeId v : r.near) AppendNodeJson(j, r, v);
    j.EndArray();
  }
  j.Key("nodes").BeginArray();  // every node: the full CPM table
  for (NodeId v = 0; v < r.g.num_nodes(); ++v) AppendNodeJson(j, r, v);
  j.EndArray();
  EndJsonReport(j, ctx);
}

std::string Headline(const Report& r) {
  const std::string nodes = std::to_string(r.chain.size()) + " nodes, ";
  if (r.kind == "critical") return "critical path: " + nodes + HumanTime(r.w, r.length) + "\n";
  const std::string name(r.g.name(*r.node));
  if (r.kind == "to") {
    return "longest chain to " + name + ": " + nodes + HumanTime(r.w, r.length) + "\n" + name +
           " can start at " + HumanTime(r.w, r.cp.earliest_start[*r.node]) + " at the earliest\n";
  }
  return "longest chain through " + name + ": " + nodes + HumanTime(r.w, r.length) + "\n" + name +
         " has a slack of " + HumanTime(r.w, r.cp.slack(*r.node)) + "; the critical path takes " +
         HumanTime(r.w, r.cp.total) + "\n";
}

void AppendText(Context& ctx, const Report& r) {
  const CriticalPath& cp = r.cp;
  ctx.out += Headline(r) + DescribeWeights(r.w) + "\n\n";
  TextTable chain({{"#", TextTable::kRight}, {"node"}, {"duration", TextTable::kRight},
                   {"start", TextTable::kRight}, {"finish", TextTable::kRight},
                   {"slack", TextTable::kRight}});
  for (size_t i = 0; i < r.chain.size(); ++i) {
    const NodeId v = r.chain[i];
    chain.AddRow({std::to_string(i + 1), std::string(r.g.name(v)), FormatSeconds(r.w.ticks[v]),
                  FormatSeconds(cp.earliest_start[v]), FormatSeconds(cp.earliest_finish[v]),
                  FormatSeconds(cp.slack(v))});
  }
  chain.Render(&ctx.out, "  ");
  if (!r.near_asked) return;
  ctx.out += "\nnear-critical: the " + std::to_string(r.near.size()) +
             " non-critical ops with the least slack\n";
  TextTable near({{"node"}, {"slack", TextTable::kRight}, {"duration", TextTable::kRight},
                  {"earliest start", TextTable::kRight}, {"latest start", TextTable::kRight}});
  for (NodeId v : r.near) {
    near.AddRow({std::string(r.g.name(v)), FormatSeconds(cp.slack(v)), FormatSeconds(r.w.ticks[v]),
                 FormatSeconds(cp.earliest_start[v]), FormatSeconds(cp.latest_start[v])});
  }
  near.Render(&ctx.out, "  ");
}

absl::Status AppendDot(Context& ctx, const Report& r) {
  Bitmap in_chain(r.g.num_nodes()), shown(r.g.num_nodes());
  for (NodeId v : r.chain) in_chain.Set(v);
  shown = in_chain;
  for (NodeId v : r.near) shown.Set(v);
  RETURN_IF_ERROR(CheckDotSize(ctx, shown.Count(), "the picture would have",
                               "use --format text, or a smaller --near"));
  DotWriter dot;
  dot.AddGraphAttr("rankdir", "LR");
  dot.AddNodeDefault("shape", "box");
  shown.ForEach([&](size_t i) {
    const NodeId v = static_cast<NodeId>(i);
    DotAttrs a = DotHighlightAttrs((in_chain.Test(v) ? kDotCritical : 0u) |
                                   (IsDefaultProtected(r.g, v) ? kDotProtected : 0u) |
                                   (r.g.is_external(v) ? kDotExternal : 0u));
    a.emplace_back("label", std::string(r.g.name(v)) + "\n" + FormatSeconds(r.w.ticks[v]) +
                                (r.w.seconds ? " s" : "") + ", slack " + FormatSeconds(r.cp.slack(v)));
    dot.AddNode(r.g.name(v), a);
  });
  for (size_t i = 0; i + 1 < r.chain.size(); ++i) {
    dot.AddEdge(r.g.name(r.chain[i]), r.g.name(r.chain[i + 1]), {{"color", "#cc0000"}, {"penwidth", "2"}});
  }
  shown.ForEach([&](size_t u) {
    for (NodeId v : r.g.out(static_cast<NodeId>(u))) {
      if (shown.Test(v) && !(in_chain.Test(u) && in_chain.Test(v))) dot.AddEdge(r.g.name(u), r.g.name(v));
    }
  });
  dot.Render(&ctx.out);
  return absl::OkStatus();
}

absl::StatusOr<ExitCode> RunCriticalPath(Context& ctx) {
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
  Report r{.g = g, .cp = *cp, .w = w, .node = node, .chain = cp->chain, .length = cp->total,
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
  if (ctx.format == "json") {
    AppendJson(ctx, r);
  } else if (ctx.format == "text") {
    AppendText(ctx, r);
  } else if (ctx.format == "dot") {
    RETURN_IF_ERROR(AppendDot(ctx, r));
  } else {
    AppendNames(g, r.near_asked ? r.near : r.chain, &ctx.out);
  }
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
          "double octagons; at most 500 nodes.\n"
          "Needs a DAG: exit 4, naming one cycle. A bad durations file is exit 3.",
      .example =
          "etldag critical-path data/spark_ops.json --durations data/durations.json --format text\n"
          "etldag critical-path data/spark_ops.json --to policy/auth-rules --format text",
      .flags = {kDurationsFlag, kDefaultDurationFlag,
                {.name = "through", .value_name = "NAME", .help = "the longest chain passing through NAME",
                 .echo_absent = EchoAbsent::kNull},
                {.name = "to", .value_name = "NAME", .help = "the longest chain ending at NAME",
                 .echo_absent = EchoAbsent::kNull},
                {.name = "near", .value_name = "K", .help = "also the K non-critical nodes with the least slack",
                 .echo_absent = EchoAbsent::kNull}},
      .formats = {"names", "text", "json", "dot"},
      .run = &RunCriticalPath,
  };
  return spec;
}

}  // namespace etldag::cli
