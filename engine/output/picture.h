// Pictures an operator reads: a node set drawn as a DOT digraph with every
// node coloured by its state, a legend, and a title carrying the counts.
//
//   states (DotHighlight bits, dot_writer.h): failed / root failure (red),
//   collateral = uncommitted because of an upstream failure (orange),
//   pending = not yet run (grey), critical (gold), seed (blue), excluded
//   (dashed grey); protected = bold double octagon; external = dashed.
//
// Up to `max_detailed` nodes every node is drawn. Above it the picture shows
// the frontier one by one - the failed/seed/critical nodes, the protected
// nodes and the sinks of the set, each class only when it has at most
// max_detailed nodes - and merges every other node into one box per (rank,
// state, kind, sink or not), e.g. "412 dataset nodes"; the title says so. Edges between boxes are
// deduplicated. The orientation is chosen from the drawn graph's shape: a
// long chain is drawn top to bottom, a wide fan left to right.
//
// Node ids in the DOT are "n<id>" / "s<k>" (summaries) / "legend<k>", the
// names go in labels: no node name can collide with another id. Output is
// deterministic: nodes in id order, summaries in key order, edges sorted.
#ifndef ETLDAG_ENGINE_OUTPUT_PICTURE_H_
#define ETLDAG_ENGINE_OUTPUT_PICTURE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "engine/base/bitmap.h"
#include "engine/base/types.h"
#include "engine/graph/graph.h"
#include "engine/output/dot_writer.h"  // the DotHighlight state bits

namespace etldag {

inline constexpr uint32_t kNoRank = std::numeric_limits<uint32_t>::max();
inline constexpr size_t kPictureDetailedNodes = 50;

struct PictureOptions {
  std::string title = {};                    // first line of the title
  std::vector<std::string> lines = {};       // further title lines (counts, ETA)
  size_t max_detailed = kPictureDetailedNodes;
  std::function<uint32_t(NodeId)> state = {};        // DotHighlight bits; null: none
  std::function<std::string(NodeId)> detail = {};    // second label line; null: none
  std::function<uint32_t(NodeId)> rank = {};         // same value = same rank (kNoRank: free)
  std::function<std::string(uint32_t)> rank_name = {};  // "wave 3", for summary labels
  std::function<bool(NodeId, NodeId)> emphasize = {};   // edge drawn red and thick
};

struct PictureStats {
  size_t nodes = 0;       // nodes in the set
  size_t boxes = 0;       // boxes drawn (nodes one by one + summaries)
  size_t summarized = 0;  // nodes merged into summaries
  bool top_to_bottom = false;
};

// Appends the picture of `nodes` (size g.num_nodes()) to *out.
PictureStats AppendPictureDot(const Graph& g, const Bitmap& nodes, const PictureOptions& options,
                              std::string* out);

// The number of boxes AppendPictureDot would draw (for size limits).
size_t PictureBoxes(const Graph& g, const Bitmap& nodes, const PictureOptions& options);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_OUTPUT_PICTURE_H_
