#include "tools/etldag/blast_dot.h"

#include "engine/output/dot_writer.h"
#include "engine/output/picture.h"

namespace etldag::cli {

absl::Status AppendBlastRadiusDot(const Context& ctx, const Graph& g, const Bitmap& prot,
                                  const BlastRadius& br, std::string* out) {
  Bitmap shown(g.num_nodes()), failed(g.num_nodes());
  for (NodeId v : br.failed) failed.Set(v);
  shown.UnionWith(failed);
  for (NodeId v : br.downstream) shown.Set(v);
  PictureOptions o;
  o.title = "blast radius of " +
            (br.failed.size() == 1 ? std::string(g.name(br.failed[0]))
                                   : Plural(br.failed.size(), "failed node", "failed nodes"));
  o.lines = {Plural(br.downstream.size(), "node", "nodes") + " downstream, " +
             Plural(br.sinks.size(), "sink", "sinks") + ", " +
             std::to_string(br.protected_reached.size()) + " protected reached"};
  o.state = [&](NodeId v) {
    return (failed.Test(v) ? kDotFailed : 0u) | (prot.Test(v) ? kDotProtected : 0u) |
           (g.is_external(v) ? kDotExternal : 0u);
  };
  if (const size_t boxes = PictureBoxes(g, shown, o); boxes > kMaxDotNodes) {
    return ctx.Usage("even summarised the picture has " + std::to_string(boxes) +
                     " boxes (failed and protected nodes are drawn one by one); --format dot "
                     "draws at most " + std::to_string(kMaxDotNodes) +
                     " (narrow the selection or --protect, or use --format text)");
  }
  AppendPictureDot(g, shown, o, out);
  return absl::OkStatus();
}

}  // namespace etldag::cli
