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
#include "tools/etldag/durations_arg.h"
#include "tools/etldag/load.h"
#include "tools/etldag/report.h"
#include "tools/etldag/resolve.h"

namespace etldag::cli {
namespace {

struct Report {
  const Graph& g;
  const RerunPlan& p;
  const Weights& w;
  const Bitmap& failed;
  uint32_t slots = 0;
};

void AppendNameArray(JsonWriter& j, const Graph& g, std::span<const NodeId> ids) {
  j.BeginArray();
  for (NodeId v : ids) j.String(g.name(v));
  j.EndArray();
}

void AppendJson(Context& ctx, const Report& r) {
  const RerunPlan& p = r.p;
  JsonWriter j(&ctx.out);
  BeginJsonReport(j, ctx);
  AppendWeightsJson(j, r.w);
  j.Key("failed").Uint(r.failed.Count()).Key("count").Uint(p.nodes.size());
  j.Key("total_work").Double(TicksToSeconds(p.total_work));
  j.Key("makespan").Double(TicksToSeconds(p.makespan)).Key("slots_makespan");
  if (r.slots > 0) {
    j.Double(TicksToSeconds(p.slots_makespan));
  } else {
    j.Null();
  }
  j.Key("critical_chain");
  AppendNameArray(j, r.g, p.critical_chain);
  j.Key("skipped");
  AppendNameArray(j, r.g, p.skipped);
  j.Key("waves").BeginArray();
  for (uint32_t k = 1; k <= p.num_waves; ++k) AppendNameArray(j, r.g, p.wave_nodes(k));
  j.EndArray().Key("results").BeginArray();  // the nodes to clear, by name
  for (NodeId v : p.nodes) {
    j.BeginObject().Key("name").String(r.g.name(v)).Key("wave").Uint(p.wave[v]);
    j.Key("duration").Double(TicksToSeconds(r.w.ticks[v]));
    if (r.slots > 0) j.Key("start").Double(TicksToSeconds(p.slot_start[v]));
    j.EndObject();
  }
  j.EndArray();
  EndJsonReport(j, ctx);
}

void AppendText(Context& ctx, const Report& r) {
  const RerunPlan& p = r.p;
  std::string& o = ctx.out;
  o += "rerun plan: " + Plural(p.nodes.size(), "node") + " to clear and rerun in " +
       Plural(p.num_waves, "wave") + " (" + std::to_string(r.failed.Count()) + " failed";
  if (!p.skipped.empty()) {
    o += "; " + Plural(p.skipped.size(), "excluded node") +
         " downstream skipped, dependencies through excluded nodes kept";
  }
  o += ")\n" + DescribeWeights(r.w) + "\n";
  o += "total work: " + HumanTime(r.w, p.total_work) + "\n";
  o += "makespan, unlimited parallelism: " + HumanTime(r.w, p.makespan) + "\n";
  if (r.slots > 0) {
    o += "makespan, " + Plural(r.slots, "slot") + " (list scheduling, longest remaining chain first): " +
         HumanTime(r.w, p.slots_makespan) + "\n";
  }
  o += "critical chain: " + Plural(p.critical_chain.size(), "node") + " (marked *)\n\n";
  std::vector<TextTable::Column> cols = {{"wave", TextTable::kRight}, {"node"},
                                         {"duration", TextTable::kRight}};
  if (r.slots > 0) cols.push_back({"start", TextTable::kRight});
  cols.push_back({"critical"});
  TextTable t(cols);
  Bitmap critical(r.g.num_nodes());  // a lookup per row: a chain can hold every node
  for (NodeId v : p.critical_chain) critical.Set(v);
  for (uint32_t k = 1; k <= p.num_waves; ++k) {
    for (NodeId v : p.wave_nodes(k)) {
      std::vector<std::string> row = {std::to_string(k), std::string(r.g.name(v)),
                                      FormatSeconds(r.w.ticks[v])};
      if (r.slots > 0) row.push_back(FormatSeconds(p.slot_start[v]));
      row.push_back(critical.Test(v) ? "*" : "");
      t.AddRow(std::move(row));
    }
  }
  t.Render(&o, "  ");
}

absl::Status AppendDot(Context& ctx, const Report& r) {
  const RerunPlan& p = r.p;
  RETURN_IF_ERROR(CheckDotSize(ctx, p.nodes.size() + p.skipped.size(), "the plan has",
                               "narrow --failed, or use --format text"));
  Bitmap shown(r.g.num_nodes()), critical(r.g.num_nodes());
  for (NodeId v : p.nodes) shown.Set(v);
  for (NodeId v : p.skipped) shown.Set(v);
  for (NodeId v : p.critical_chain) critical.Set(v);
  DotWriter dot;
  dot.AddGraphAttr("rankdir", "LR");
  dot.AddNodeDefault("shape", "box");
  shown.ForEach([&](size_t i) {
    const NodeId v = static_cast<NodeId>(i);
    DotAttrs a;
    if (p.wave[v] == 0) {
      a = {{"style", "dashed"}, {"color", "#999999"}, {"fontcolor", "#999999"},
           {"label", std::string(r.g.name(v)) + "\n(excluded)"}};
    } else {
      a = DotHighlightAttrs((r.failed.Test(v) ? kDotFailed : 0u) | (critical.Test(v) ? kDotCritical : 0u) |
                            (IsDefaultProtected(r.g, v) ? kDotProtected : 0u) |
                            (r.g.is_external(v) ? kDotExternal : 0u));
      a.emplace_back("label", std::string(r.g.name(v)) + "\nwave " + std::to_string(p.wave[v]) +
                                  (r.w.seconds ? ", " + FormatSeconds(r.w.ticks[v]) + " s" : ""));
    }
    dot.AddNode(r.g.name(v), a);
  });
  shown.ForEach([&](size_t u) {
    for (NodeId v : r.g.out(static_cast<NodeId>(u))) {
      if (shown.Test(v)) dot.AddEdge(r.g.name(u), r.g.name(v));
    }
  });
  std::string body;
  dot.Render(&body);
  // Waves as ranks: one {rank=same; ...} per wave, before the closing brace.
  const size_t close = body.rfind('}');
  std::string ranks;
  for (uint32_t k = 1; k <= p.num_waves; ++k) {
    ranks += "  {rank=\"same\";";
    for (NodeId v : p.wave_nodes(k)) ranks += " " + DotQuote(r.g.name(v)) + ";";
    ranks += "}\n";
  }
  body.insert(close, ranks);
  ctx.out += body;
  return absl::OkStatus();
}

absl::StatusOr<ExitCode> RunRerunPlan(Context& ctx) {
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
  const Report r{.g = g, .p = *plan, .w = w, .failed = failed.nodes,
                 .slots = static_cast<uint32_t>(*slots)};
  if (ctx.format == "json") {
    AppendJson(ctx, r);
  } else if (ctx.format == "text") {
    AppendText(ctx, r);
  } else if (ctx.format == "dot") {
    RETURN_IF_ERROR(AppendDot(ctx, r));
  } else {
    AppendNames(g, plan->nodes, &ctx.out);
  }
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
                kDurationsFlag, kDefaultDurationFlag,
                {.name = "slots", .value_name = "K", .help = "also estimate the makespan with K concurrent jobs",
                 .echo_number = true, .echo_absent = EchoAbsent::kEmpty},
                {"fail-on-empty", "", "exit 1 when --failed selects nothing"}},
      .formats = {"names", "text", "json", "dot"},
      .run = &RunRerunPlan,
  };
  return spec;
}

}  // namespace etldag::cli
