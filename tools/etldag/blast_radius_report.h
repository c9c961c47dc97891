// The reports of `etldag blast-radius`: a blast radius (engine/algo/
// blast_radius.h) and the --top ranking (engine/algo/descendant_counts.h),
// each rendered in text, names, json (and dot for the blast radius,
// blast_dot.h).
#ifndef ETLDAG_TOOLS_ETLDAG_BLAST_RADIUS_REPORT_H_
#define ETLDAG_TOOLS_ETLDAG_BLAST_RADIUS_REPORT_H_

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/algo/blast_radius.h"
#include "engine/algo/descendant_counts.h"
#include "engine/base/bitmap.h"
#include "engine/graph/graph.h"
#include "tools/etldag/command.h"

namespace etldag::cli {

struct BlastInputs {
  const Graph& g;
  const Bitmap& prot;  // the protected set
};

struct Ranking {
  uint64_t limit = 0;              // --top N
  size_t ranked = 0;               // nodes ranked (all, or the selected ones)
  std::vector<RankedNode> top;     // rank order
};

// Renders into ctx.out in ctx.format.
[[nodiscard]] absl::Status RenderBlastRadius(Context& ctx, const BlastInputs& in, const BlastRadius& br);
void RenderRanking(Context& ctx, const BlastInputs& in, const Ranking& r);
// The --top ranking's engine call: --max-memory, progress on a TTY, and notes
// on its cost (buffers over the budget always, time and blocking with
// --verbose).
[[nodiscard]] absl::StatusOr<DescendantCounts> ComputeRanking(Context& ctx, const Graph& g,
                                                              const Bitmap& prot);

}  // namespace etldag::cli

#endif  // ETLDAG_TOOLS_ETLDAG_BLAST_RADIUS_REPORT_H_
