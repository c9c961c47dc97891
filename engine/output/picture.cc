// The state picture; see picture.h. Steps:
//   1. boxes: every node of the set one by one, or (above max_detailed) the
//      frontier one by one and the rest merged by (rank, state, kind, sink);
//   2. edges between boxes, deduplicated, sorted;
//   3. orientation from the longest-path levels of the box graph (Kahn's
//      algorithm: iterative, a cycle falls back to left-to-right);
//   4. render: title, boxes, edges, ranks, legend.
#include "engine/output/picture.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <tuple>
#include <utility>

#include "engine/base/check.h"
#include "engine/output/dot_writer.h"

namespace etldag {
namespace {


struct SummaryKey {
  uint32_t rank;
  uint32_t cls;  // the merged nodes' DotHighlight bits (external aside)
  KindId kind;
  bool sink;
  auto operator<=>(const SummaryKey&) const = default;
};

struct Box {
  NodeId node = kInvalidNode;  // a node drawn alone, or kInvalidNode
  SummaryKey key{};            // for summaries
  uint32_t merged = 0;
  uint32_t mask = 0;
  uint32_t rank = kNoRank;
};

struct Layout {
  std::vector<Box> boxes;
  std::vector<uint32_t> box_of;  // node -> box index (only for set nodes)
  size_t nodes = 0, summarized = 0;
  bool sinks_alone = true;
};

uint32_t StateOf(const PictureOptions& o, NodeId v) { return o.state ? o.state(v) : 0u; }
uint32_t RankOf(const PictureOptions& o, NodeId v) { return o.rank ? o.rank(v) : kNoRank; }

bool IsSinkIn(const Graph& g, const Bitmap& nodes, NodeId v) {
  for (NodeId w : g.out(v)) {
    if (nodes.Test(w)) return false;
  }
  return true;
}

// Which frontier class a node belongs to: 0 failed/seed/critical, 1 protected,
// 2 sink, 3 the rest.
int FrontierClass(const Graph& g, const Bitmap& nodes, uint32_t mask, NodeId v) {
  if (mask & (kDotSeed | kDotFailed | kDotCritical)) return 0;
  if (mask & kDotProtected) return 1;
  return IsSinkIn(g, nodes, v) ? 2 : 3;
}

SummaryKey KeyOf(const Graph& g, const Bitmap& nodes, const PictureOptions& o, NodeId v) {
  return {RankOf(o, v), StateOf(o, v) & ~static_cast<uint32_t>(kDotExternal), g.kind(v),
          IsSinkIn(g, nodes, v)};
}

Layout Plan(const Graph& g, const Bitmap& nodes, const PictureOptions& o) {
  ETLDAG_CHECK(nodes.size() == g.num_nodes());
  Layout l;
  l.box_of.assign(g.num_nodes(), 0);
  l.nodes = nodes.Count();
  // A class is drawn one by one when the picture is small or the class has
  // at most max_detailed nodes.
  bool alone[4] = {true, true, true, l.nodes <= o.max_detailed};
  if (l.nodes > o.max_detailed) {
    size_t count[4] = {0, 0, 0, 0};
    nodes.ForEach([&](size_t i) {
      const NodeId v = static_cast<NodeId>(i);
      ++count[FrontierClass(g, nodes, StateOf(o, v), v)];
    });
    for (int c = 0; c < 3; ++c) alone[c] = count[c] <= o.max_detailed;
  }
  l.sinks_alone = alone[2];
  std::map<SummaryKey, uint32_t> summaries;
  std::vector<NodeId> merged;
  nodes.ForEach([&](size_t i) {
    const NodeId v = static_cast<NodeId>(i);
    const uint32_t mask = StateOf(o, v);
    if (alone[FrontierClass(g, nodes, mask, v)]) {
      l.box_of[v] = static_cast<uint32_t>(l.boxes.size());
      l.boxes.push_back({.node = v, .mask = mask, .rank = RankOf(o, v)});
      return;
    }
    ++summaries[KeyOf(g, nodes, o, v)];
    merged.push_back(v);
  });
  l.summarized = merged.size();
  std::map<SummaryKey, uint32_t> index;
  for (const auto& [key, count] : summaries) {
    index[key] = static_cast<uint32_t>(l.boxes.size());
    l.boxes.push_back({.key = key, .merged = count, .mask = key.cls, .rank = key.rank});
  }
  for (NodeId v : merged) l.box_of[v] = index[KeyOf(g, nodes, o, v)];
  return l;
}

struct BoxEdge {
  uint32_t from, to;
  bool emphasized;
};

std::vector<BoxEdge> Edges(const Graph& g, const Bitmap& nodes, const PictureOptions& o,
                           const Layout& l) {
  std::vector<BoxEdge> e;
  nodes.ForEach([&](size_t i) {
    const NodeId u = static_cast<NodeId>(i);
    for (NodeId v : g.out(u)) {
      if (!nodes.Test(v)) continue;
      const uint32_t a = l.box_of[u], b = l.box_of[v];
      if (a == b && l.boxes[a].merged > 0) continue;
      const bool alone = l.boxes[a].merged == 0 && l.boxes[b].merged == 0;
      e.push_back({a, b, alone && o.emphasize && o.emphasize(u, v)});
    }
  });
  std::sort(e.begin(), e.end(), [](const BoxEdge& x, const BoxEdge& y) {
    if (x.from != y.from || x.to != y.to) return std::tie(x.from, x.to) < std::tie(y.from, y.to);
    return x.emphasized && !y.emphasized;  // per pair the emphasized one first, kept by unique
  });
  e.erase(std::unique(e.begin(), e.end(),
                      [](const BoxEdge& x, const BoxEdge& y) { return x.from == y.from && x.to == y.to; }),
          e.end());
  return e;
}

// True when the box graph is deeper than wide (in drawn proportions).
bool TopToBottom(size_t boxes, const std::vector<BoxEdge>& edges) {
  std::vector<uint32_t> indeg(boxes, 0), level(boxes, 0);
  std::vector<std::vector<uint32_t>> out(boxes);
  for (const BoxEdge& e : edges) {
    if (e.from == e.to) continue;
    out[e.from].push_back(e.to);
    ++indeg[e.to];
  }
  std::vector<uint32_t> queue;
  for (uint32_t b = 0; b < boxes; ++b) {
    if (indeg[b] == 0) queue.push_back(b);
  }
  for (size_t head = 0; head < queue.size(); ++head) {
    const uint32_t b = queue[head];
    for (uint32_t c : out[b]) {
      level[c] = std::max(level[c], level[b] + 1);
      if (--indeg[c] == 0) queue.push_back(c);
    }
  }
  if (queue.size() < boxes || boxes == 0) return false;  // a cycle: left to right
  std::map<uint32_t, size_t> per_level;
  for (uint32_t b = 0; b < boxes; ++b) ++per_level[level[b]];
  size_t width = 0;
  for (const auto& [lv, count] : per_level) width = std::max(width, count);
  const double depth = static_cast<double>(per_level.size());
  const auto skew = [](double w, double h) { return std::max(w / h, h / w); };
  // A box is about 180x45 points; ranks are ~70 (top-bottom) or ~240 (left-right) apart.
  return skew(width * 180.0, depth * 70.0) < skew(depth * 240.0, width * 50.0);
}

std::string SummaryLabel(const Graph& g, const PictureOptions& o, const Box& b) {
  std::string s;
  if (b.rank != kNoRank && o.rank_name) s = o.rank_name(b.rank) + ": ";
  s += std::to_string(b.merged) + " " + std::string(g.kind_name(b.key.kind));
  s += b.key.sink ? (b.merged == 1 ? " sink" : " sinks") : (b.merged == 1 ? " node" : " nodes");
  for (const auto& [bit, word] : {std::pair{kDotFailed, "failed"}, {kDotSeed, "selected"},
                                   {kDotCritical, "critical"}, {kDotProtected, "protected"},
                                   {kDotCollateral, "collateral"}, {kDotPending, "pending"},
                                   {kDotExcluded, "excluded"}}) {
    if (b.key.cls & bit) s += std::string("\n(") + word + ")";
  }
  return s;
}

std::string Id(const Box& b, size_t k) {
  return b.merged > 0 ? "s" + std::to_string(k) : "n" + std::to_string(b.node);
}

struct LegendEntry {
  uint32_t bit;
  std::string_view text;
};
constexpr LegendEntry kLegend[] = {
    {kDotFailed, "failed / root failure"}, {kDotCollateral, "collateral (blocked upstream)"},
    {kDotPending, "pending (not run yet)"}, {kDotCritical, "critical path"},
    {kDotSeed, "selected"},                 {kDotProtected, "protected"},
    {kDotExcluded, "excluded"},             {kDotExternal, "external"},
};

void AppendLegend(const Layout& l, DotWriter* w) {
  uint32_t seen = 0;
  bool merged = false;
  for (const Box& b : l.boxes) {
    seen |= b.mask;
    merged |= b.merged > 0;
  }
  std::string s = "  subgraph \"cluster_legend\" {\n    label=\"legend\";\n    fontname=\"Helvetica\";\n";
  size_t k = 0;
  for (const LegendEntry& e : kLegend) {
    if (!(seen & e.bit)) continue;
    DotAttrs a = DotHighlightAttrs(e.bit);
    a.emplace_back("label", std::string(e.text));
    s += "    " + DotQuote("legend" + std::to_string(k++)) + DotAttrList(a) + ";\n";
  }
  if (merged) {
    s += "    " + DotQuote("legend" + std::to_string(k++)) +
         DotAttrList({{"shape", "box3d"}, {"label", "N nodes merged by kind"}}) + ";\n";
  }
  if (k == 0) return;
  w->AddStatement(s + "  }");
}

}  // namespace

size_t PictureBoxes(const Graph& g, const Bitmap& nodes, const PictureOptions& options) {
  return Plan(g, nodes, options).boxes.size();
}

PictureStats AppendPictureDot(const Graph& g, const Bitmap& nodes, const PictureOptions& o,
                              std::string* out) {
  const Layout l = Plan(g, nodes, o);
  const std::vector<BoxEdge> edges = Edges(g, nodes, o, l);
  PictureStats stats{l.nodes, l.boxes.size(), l.summarized, TopToBottom(l.boxes.size(), edges)};
  std::string title = o.title;
  for (const std::string& line : o.lines) title += (title.empty() ? "" : "\n") + line;
  if (l.summarized > 0) {
    title += (title.empty() ? "" : "\n") + std::string("showing ") +
             std::to_string(l.nodes - l.summarized) + " of " + std::to_string(l.nodes) +
             " nodes one by one; " + std::to_string(l.summarized) +
             " merged into boxes by kind and state";
  }
  DotWriter w;
  w.AddGraphAttr("rankdir", stats.top_to_bottom ? "TB" : "LR");
  if (!title.empty()) {
    w.AddGraphAttr("label", title);
    w.AddGraphAttr("labelloc", "t");
    w.AddGraphAttr("fontsize", "16");
  }
  w.AddGraphAttr("fontname", "Helvetica");
  w.AddNodeDefault("shape", "box");
  w.AddNodeDefault("fontname", "Helvetica");
  for (size_t k = 0; k < l.boxes.size(); ++k) {
    const Box& b = l.boxes[k];
    DotAttrs a = DotHighlightAttrs(b.mask);
    if (b.merged > 0) {
      std::erase_if(a, [](const auto& kv) { return kv.first == "shape"; });
      a.emplace_back("shape", "box3d");
      a.emplace_back("label", SummaryLabel(g, o, b));
    } else {
      std::string label(g.name(b.node));
      if (o.detail) {
        const std::string d = o.detail(b.node);
        if (!d.empty()) label += "\n" + d;
      }
      a.emplace_back("label", label);
    }
    w.AddNode(Id(b, k), a);
  }
  for (const BoxEdge& e : edges) {
    DotAttrs a;
    if (e.emphasized) a = {{"color", "#cc0000"}, {"penwidth", "2"}};
    w.AddEdge(Id(l.boxes[e.from], e.from), Id(l.boxes[e.to], e.to), a);
  }
  std::map<uint32_t, std::string> ranks;  // ordered: deterministic
  for (size_t k = 0; k < l.boxes.size(); ++k) {
    if (l.boxes[k].rank != kNoRank) ranks[l.boxes[k].rank] += " " + DotQuote(Id(l.boxes[k], k)) + ";";
  }
  for (const auto& [rank, ids] : ranks) w.AddStatement("  {rank=\"same\";" + ids + "}");
  AppendLegend(l, &w);
  w.Render(out);
  return stats;
}

}  // namespace etldag
