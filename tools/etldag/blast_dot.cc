#include "tools/etldag/blast_dot.h"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "engine/output/dot_writer.h"

namespace etldag::cli {
namespace {

// Failed and protected nodes one by one, every other node merged into one
// box per kind ("dataset: 812 nodes"), edges between boxes deduplicated.
absl::Status AppendCollapsedDot(const Context& ctx, const Graph& g, const Bitmap& prot,
                                const BlastRadius& br, const Bitmap& shown, std::string* out) {
  struct Box {
    std::string id;
    uint32_t mask = 0;    // DotHighlight bits
    uint32_t merged = 0;  // nodes merged into a kind box (0: a single node)
  };
  std::vector<Box> boxes;
  std::vector<uint32_t> group(g.num_nodes(), 0);  // 1 + index into boxes
  std::map<KindId, uint32_t> kind_box;             // ordered: deterministic
  shown.ForEach([&](size_t i) {
    const NodeId v = static_cast<NodeId>(i);
    const bool failed = std::binary_search(br.failed.begin(), br.failed.end(), v);
    if (failed || prot.Test(v)) {
      boxes.push_back({std::string(g.name(v)),
                       (failed ? kDotFailed : 0u) | (prot.Test(v) ? kDotProtected : 0u), 0});
      group[v] = static_cast<uint32_t>(boxes.size());
      return;
    }
    auto [it, added] = kind_box.try_emplace(g.kind(v), static_cast<uint32_t>(boxes.size()));
    if (added) boxes.push_back({});
    ++boxes[it->second].merged;
    group[v] = it->second + 1;
  });
  if (boxes.size() > kMaxDotNodes) {
    return ctx.Usage("even collapsed by kind the picture has " +
                     std::to_string(boxes.size()) +
                     " boxes (failed and protected nodes are drawn one by one); --format dot "
                     "draws at most " + std::to_string(kMaxDotNodes) +
                     " (narrow the selection or --protect, or use --format text)");
  }
  for (const auto& [kind, box] : kind_box) {  // ids no real name can take
    boxes[box].id = "[" + std::string(g.kind_name(kind)) + ": " +
                    std::to_string(boxes[box].merged) + " nodes]";
  }
  DotWriter dot;
  dot.AddGraphAttr("rankdir", "LR");
  dot.AddNodeDefault("shape", "box");
  dot.AddNodeDefault("fontname", "Helvetica");
  for (const Box& b : boxes) {
    DotAttrs a = DotHighlightAttrs(b.mask);
    if (b.merged > 0) a.emplace_back("shape", "box3d");
    dot.AddNode(b.id, a);
  }
  std::vector<std::pair<uint32_t, uint32_t>> edges;
  shown.ForEach([&](size_t u) {
    for (NodeId v : g.out(static_cast<NodeId>(u))) {
      if (shown.Test(v) && group[u] != group[v]) edges.emplace_back(group[u], group[v]);
    }
  });
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  for (const auto& [a, b] : edges) dot.AddEdge(boxes[a - 1].id, boxes[b - 1].id);
  dot.Render(out);
  return absl::OkStatus();
}

}  // namespace

absl::Status AppendBlastRadiusDot(const Context& ctx, const Graph& g, const Bitmap& prot,
                                  const BlastRadius& br, std::string* out) {
  Bitmap shown(g.num_nodes()), failed(g.num_nodes());
  for (NodeId v : br.failed) failed.Set(v);
  shown.UnionWith(failed);
  for (NodeId v : br.downstream) shown.Set(v);
  if (shown.Count() > kMaxDotNodes) return AppendCollapsedDot(ctx, g, prot, br, shown, out);
  AppendInducedSubgraphDot(
      g, shown,
      [&](NodeId v) {
        return (failed.Test(v) ? kDotFailed : 0u) | (prot.Test(v) ? kDotProtected : 0u) |
               (g.is_external(v) ? kDotExternal : 0u);
      },
      out);
  return absl::OkStatus();
}

}  // namespace etldag::cli
