#include "tools/etldag/critical_path_report.h"

#include <optional>
#include <string>
#include <vector>

#include "engine/algo/critical_path.h"
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

void AppendNodeJson(JsonWriter& j, const CriticalPathReport& r, NodeId v) {
  const CriticalPath& cp = r.cp;
  j.BeginObject().Key("name").String(r.g.name(v));
  j.Key("duration").Double(TicksToSeconds(r.w.ticks[v]));
  j.Key("earliest_start").Double(TicksToSeconds(cp.earliest_start[v]));
  j.Key("earliest_finish").Double(TicksToSeconds(cp.earliest_finish[v]));
  j.Key("latest_start").Double(TicksToSeconds(cp.latest_start[v]));
  j.Key("latest_finish").Double(TicksToSeconds(cp.latest_finish[v]));
  j.Key("slack").Double(TicksToSeconds(cp.slack(v))).EndObject();
}

void AppendJson(Context& ctx, const CriticalPathReport& r) {
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

std::string Headline(const CriticalPathReport& r) {
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

void AppendText(Context& ctx, const CriticalPathReport& r) {
  const CriticalPath& cp = r.cp;
  ctx.out += Headline(r) + DescribeWeights(r.w) + "\n\n";
  TextTable chain({{"#", TextTable::kRight}, {"node"}, {"duration", TextTable::kRight},
                   {"start", TextTable::kRight}, {"finish", TextTable::kRight},
                   {"slack", TextTable::kRight}});
  for (size_t i = 0; i < r.chain.size(); ++i) {
    const NodeId v = r.chain[i];
    chain.AddRow({std::to_string(i + 1), std::string(r.g.name(v)), FormatSeconds(r.w.ticks[v]),
                  FormatSeconds(cp.earliest_start[v]), FormatSeconds(cp.earliest_finish[v]),
                  FormatSeconds(cp.slack(v))},
                 TextStyle::kAlert);  // the critical nodes
  }
  chain.Render(&ctx.out, "  ", ctx.color);
  if (!r.near_asked) return;
  ctx.out += "\nnear-critical: the " + std::to_string(r.near.size()) +
             " non-critical ops with the least slack\n";
  TextTable near({{"node"}, {"slack", TextTable::kRight}, {"duration", TextTable::kRight},
                  {"earliest start", TextTable::kRight}, {"latest start", TextTable::kRight}});
  for (NodeId v : r.near) {
    near.AddRow({std::string(r.g.name(v)), FormatSeconds(cp.slack(v)), FormatSeconds(r.w.ticks[v]),
                 FormatSeconds(cp.earliest_start[v]), FormatSeconds(cp.latest_start[v])});
  }
  near.Render(&ctx.out, "  ", ctx.color);
}

[[nodiscard]] absl::Status AppendDot(Context& ctx, const CriticalPathReport& r) {
  Bitmap in_chain(r.g.num_nodes()), shown(r.g.num_nodes());
  for (NodeId v : r.chain) in_chain.Set(v);
  shown = in_chain;
  for (NodeId v : r.near) shown.Set(v);
  RETURN_IF_ERROR(CheckDotSize(ctx, shown.Count(), "the picture would have",
                               "use --format text, or a smaller --near"));
  std::vector<uint32_t> next(r.g.num_nodes(), kInvalidNode);  // chain successor
  for (size_t i = 0; i + 1 < r.chain.size(); ++i) next[r.chain[i]] = r.chain[i + 1];
  PictureOptions o;
  std::string head = Headline(r);
  head.pop_back();  // the picture's title lines, without the final newline
  o.title = head;
  o.max_detailed = kMaxDotNodes;  // the chain and --near nodes are all drawn
  o.state = [&](NodeId v) {
    return (in_chain.Test(v) ? kDotCritical : 0u) | (IsDefaultProtected(r.g, v) ? kDotProtected : 0u) |
           (r.g.is_external(v) ? kDotExternal : 0u);
  };
  o.detail = [&](NodeId v) {
    return FormatSeconds(r.w.ticks[v]) + (r.w.seconds ? " s" : "") + ", slack " +
           FormatSeconds(r.cp.slack(v));
  };
  o.emphasize = [&](NodeId u, NodeId v) { return next[u] == v; };
  AppendPictureDot(r.g, shown, o, &ctx.out);
  return absl::OkStatus();
}

}  // namespace

absl::Status RenderCriticalPath(Context& ctx, const CriticalPathReport& r) {
  if (ctx.format == "json") {
    AppendJson(ctx, r);
  } else if (ctx.format == "text") {
    AppendText(ctx, r);
  } else if (ctx.format == "dot") {
    RETURN_IF_ERROR(AppendDot(ctx, r));
  } else {
    AppendNodeList(ctx, r.g, r.near_asked ? r.near : r.chain);
  }
  return absl::OkStatus();
}

}  // namespace etldag::cli
