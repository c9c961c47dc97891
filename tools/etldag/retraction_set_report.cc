#include "tools/etldag/retraction_set_report.h"

#include <string>
#include <string_view>

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
    return AppendNodeSetDot(ctx, g, shown, [&](NodeId v) { return bad.Test(v) ? kDotFailed : 0u; },
                            "narrow the selection, or use --format names");
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

}  // namespace etldag::cli
