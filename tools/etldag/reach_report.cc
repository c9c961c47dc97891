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
    const size_t given = r.seeds.nodes.Count();
    std::string of = Plural(given, "given node", "given nodes");
    if (given == 1) r.seeds.nodes.ForEach([&](size_t v) { of = std::string(g.name(static_cast<NodeId>(v))); });
    RETURN_IF_ERROR(AppendNodeSetDot(
        ctx, g, shown,
        {.title = std::string(ctx.spec.name) + " of " + of,
         .lines = {Plural(r.reached.Count(), "node", "nodes") + " reached"},
         .highlight = [&](NodeId v) { return r.seeds.nodes.Test(v) ? kDotSeed : 0u; },
         .hint = "narrow it with --depth or --exclude, or use --format names"}));
  } else if (r.count_only) {
    ctx.out += std::to_string(r.reached.Count()) + "\n";
  } else {
    RETURN_IF_ERROR(AppendNodeSet(ctx, g, r.reached));
  }
  return absl::OkStatus();
}

}  // namespace etldag::cli
