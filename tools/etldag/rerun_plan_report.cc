#include "tools/etldag/rerun_plan_report.h"

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
#include "engine/output/picture.h"
#include "engine/output/json_writer.h"
#include "engine/output/names_writer.h"
#include "engine/output/text_table.h"
#include "tools/etldag/command.h"
#include "tools/etldag/durations_arg.h"
#include "tools/etldag/report.h"

namespace etldag::cli {
namespace {

void AppendNameArray(JsonWriter& j, const Graph& g, std::span<const NodeId> ids) {
  j.BeginArray();
  for (NodeId v : ids) j.String(g.name(v));
  j.EndArray();
}

void AppendJson(Context& ctx, const RerunPlanReport& r) {
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

void AppendText(Context& ctx, const RerunPlanReport& r) {
  const RerunPlan& p = r.p;
  std::string& o = ctx.out;
  o += "rerun plan: " + Plural(p.nodes.size(), "node") + " to clear and rerun in " +
       Plural(p.num_waves, "wave") + " (" + std::to_string(r.failed.Count()) + " failed";
  if (!p.skipped.empty()) {
    o += "; " + Plural(p.skipped.size(), "node") +
         " downstream skipped (--skip), dependencies through them kept";
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

[[nodiscard]] absl::Status AppendDot(Context& ctx, const RerunPlanReport& r) {
  const RerunPlan& p = r.p;
  RETURN_IF_ERROR(CheckDotSize(ctx, p.nodes.size() + p.skipped.size(), "the plan has",
                               "narrow --failed, or use --format text"));
  Bitmap shown(r.g.num_nodes()), critical(r.g.num_nodes());
  for (NodeId v : p.nodes) shown.Set(v);
  for (NodeId v : p.skipped) shown.Set(v);
  for (NodeId v : p.critical_chain) critical.Set(v);
  PictureOptions o;
  o.title = "rerun plan: " + Plural(p.nodes.size(), "node") + " in " + Plural(p.num_waves, "wave") +
            " after " + Plural(r.failed.Count(), "failed node");
  o.lines.push_back("ETA: " + HumanTime(r.w, r.slots > 0 ? p.slots_makespan : p.makespan) +
                    (r.w.seconds ? "" : " ops deep") +
                    (r.slots > 0 ? " with " + Plural(r.slots, "slot") : " with unlimited parallelism") +
                    "; total work " + HumanTime(r.w, p.total_work) +
                    (r.w.seconds ? "" : " (no --durations: every op counts 1)"));
  if (!p.skipped.empty()) o.lines.push_back(Plural(p.skipped.size(), "skipped node") + " (--skip, dashed)");
  o.state = [&](NodeId v) {
    if (p.wave[v] == 0) return static_cast<uint32_t>(kDotExcluded);
    return (r.failed.Test(v) ? kDotFailed : 0u) | (critical.Test(v) ? kDotCritical : 0u) |
           (IsDefaultProtected(r.g, v) ? kDotProtected : 0u) | (r.g.is_external(v) ? kDotExternal : 0u);
  };
  o.detail = [&](NodeId v) {
    if (p.wave[v] == 0) return std::string("(skipped)");
    return "wave " + std::to_string(p.wave[v]) +
           (r.w.seconds ? ", " + FormatSeconds(r.w.ticks[v]) + " s" : "");
  };
  o.rank = [&](NodeId v) { return p.wave[v] == 0 ? kNoRank : p.wave[v]; };
  o.rank_name = [](uint32_t k) { return "wave " + std::to_string(k); };
  AppendPictureDot(r.g, shown, o, &ctx.out);
  return absl::OkStatus();
}

}  // namespace

absl::Status RenderRerunPlan(Context& ctx, const RerunPlanReport& r) {
  if (ctx.format == "json") {
    AppendJson(ctx, r);
  } else if (ctx.format == "text") {
    AppendText(ctx, r);
  } else if (ctx.format == "dot") {
    RETURN_IF_ERROR(AppendDot(ctx, r));
  } else {
    RETURN_IF_ERROR(AppendNodeSet(ctx, r.g, r.p.nodes));
  }
  return absl::OkStatus();
}

}  // namespace etldag::cli
