// See reach_report.h.
#include "tools/etldag/reach_report.h"

#include <string>

#include "engine/base/status.h"
#include "engine/output/dot_writer.h"
#include "engine/output/json_writer.h"
#include "tools/etldag/report.h"

namespace etldag::cli {

absl::Status RenderReach(Context& ctx, const ReachReport& r) {
  const Graph& g = r.g;
  if (ctx.format == "json") {
    JsonWriter w(&ctx.out);
    BeginJsonReport(w, ctx);
    w.Key("count").Uint(r.reached.Count());
    if (!r.count_only) {
      w.Key("results").BeginArray();
      r.reached.ForEach([&](size_t v) { w.String(g.name(static_cast<NodeId>(v))); });
      w.EndArray();
    }
    EndJsonReport(w, ctx);
  } else if (ctx.format == "dot") {  // the given nodes (blue) and what they reach
    Bitmap shown = r.reached;
    r.seeds.nodes.ForEach([&](size_t v) { shown.Set(static_cast<NodeId>(v)); });
    RETURN_IF_ERROR(AppendNodeSetDot(
        ctx, g, shown, [&](NodeId v) { return r.seeds.nodes.Test(v) ? kDotSeed : 0u; },
        "narrow it with --depth or --exclude"));
  } else if (r.count_only) {
    ctx.out += std::to_string(r.reached.Count()) + "\n";
  } else {
    RETURN_IF_ERROR(AppendNodeSet(ctx, g, r.reached));
  }
  return absl::OkStatus();
}

}  // namespace etldag::cli
