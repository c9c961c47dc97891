#include "tools/etldag/retraction_set_report.h"

#include <string>
#include <string_view>
#include <vector>

#include "engine/output/dot_writer.h"
#include "engine/output/json_writer.h"
#include "tools/etldag/report.h"

namespace etldag::cli {
namespace {

void AppendJson(Context& ctx, const Graph& g, const RetractionSet& rs, const Committed& c) {
  JsonWriter j(&ctx.out);
  BeginJsonReport(j, ctx);
  j.Key("bad").Uint(rs.bad).Key("downstream").Uint(rs.downstream);
  j.Key("not_committed").Uint(rs.not_committed).Key("count").Uint(rs.nodes.size());
  if (!c.file.empty()) {
    const CommittedDatasets& d = c.data;
    j.Key("committed_file").BeginObject().Key("format").String(
        d.format == CommittedDatasets::Format::kTransactionJson ? "transaction-json" : "list");
    j.Key("entries").Uint(d.entries).Key("committed").Uint(d.committed.Count());
    j.Key("not_committed").Uint(d.not_committed).Key("duplicates").Uint(d.duplicates);
    j.Key("assumed_committed").Uint(d.assumed_committed);
    j.Key("unknown").Uint(d.unknown).Key("unknown_examples").BeginArray();
    for (const UnknownName& n : d.unknown_examples) j.String(n.name);
    j.EndArray().EndObject();
  }
  j.Key("results").BeginArray();
  for (NodeId v : rs.nodes) {
    j.BeginObject().Key("name").String(g.name(v)).Key("ids").BeginArray();
    for (std::string_view id : CommittedIdsOf(c.data, v)) j.String(id);
    j.EndArray().EndObject();
  }
  j.EndArray();
  EndJsonReport(j, ctx);
}

}  // namespace

absl::Status RenderRetractionSet(Context& ctx, const Graph& g, const RetractionSet& rs,
                                 const Committed& c, const Bitmap& bad, bool ids) {
  if (ctx.format == "json") {
    AppendJson(ctx, g, rs, c);
    return absl::OkStatus();
  }
  if (ctx.format == "dot") {  // the retraction set, bad nodes red
    Bitmap shown(g.num_nodes());
    for (NodeId v : rs.nodes) shown.Set(v);
    return AppendNodeSetDot(ctx, g, shown,
                            {.title = "retraction set",
                             .lines = {Plural(rs.nodes.size(), "committed node", "committed nodes") +
                                       " to retract, upstream first"},
                             .highlight = [&](NodeId v) { return bad.Test(v) ? kDotFailed : 0u; },
                             .hint = "narrow the selection, or use --format names"});
  }
  for (NodeId v : rs.nodes) {
    if (!ids) {
      AppendNameLine(ctx, g.name(v));
      continue;
    }
    for (std::string_view id : CommittedIdsOf(c.data, v)) AppendNameLine(ctx, id);
  }
  return absl::OkStatus();
}

void NoteRetractionSet(const Context& ctx, const Graph& g, const RetractionSet& rs,
                       const Committed& c, bool print_ids) {
  std::string summary = "retraction set: " + Plural(rs.nodes.size(), "node") + " (" +
                        std::to_string(rs.bad) + " bad + " + std::to_string(rs.downstream) +
                        " downstream";
  if (!c.file.empty()) {
    summary += " = " + std::to_string(rs.bad + rs.downstream) + ", of which " +
               std::to_string(rs.not_committed) + " not committed";
  }
  ctx.Note(summary + ")");
  std::vector<std::string> no_id;
  uint64_t no_id_count = 0;
  for (NodeId v : rs.nodes) {
    if (!c.file.empty() && CommittedIdsOf(c.data, v).empty() && no_id_count++ < kMaxExamples) {
      no_id.emplace_back(g.name(v));
    }
  }
  if (no_id_count > 0 && (print_ids || ctx.format == "json")) {
    ctx.Note("warning: " + std::to_string(no_id_count) + " of " + Plural(rs.nodes.size(), "node") +
             " of the retraction set " + (no_id_count == 1 ? "has" : "have") + " no id in " +
             c.file +
             (print_ids ? " (not printed): " : ": ") + Examples(no_id, no_id_count));
  }
}

}  // namespace etldag::cli
