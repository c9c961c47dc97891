// The --format dot picture of a blast radius: the failed nodes (red) and
// everything downstream, protected nodes bold. Up to kMaxDotNodes (report.h) nodes
// the induced subgraph is drawn as is; above, failed and protected nodes stay
// single and every other node is merged into one box per kind ("[dataset:
// 812 nodes]", a 3-D box; brackets keep the ids apart from real names), with
// the edges between boxes deduplicated — still readable for a hub's failure.
// When even that exceeds the limit: a usage error with a hint (exit 2).
#ifndef ETLDAG_TOOLS_ETLDAG_BLAST_DOT_H_
#define ETLDAG_TOOLS_ETLDAG_BLAST_DOT_H_

#include <cstddef>
#include <string>

#include "absl/status/status.h"
#include "engine/algo/blast_radius.h"
#include "engine/base/bitmap.h"
#include "engine/graph/graph.h"
#include "tools/etldag/command.h"
#include "tools/etldag/report.h"

namespace etldag::cli {

[[nodiscard]] absl::Status AppendBlastRadiusDot(const Context& ctx, const Graph& g,
                                                const Bitmap& prot, const BlastRadius& br,
                                                std::string* out);

}  // namespace etldag::cli

#endif  // ETLDAG_TOOLS_ETLDAG_BLAST_DOT_H_
