// The --format dot picture of a blast radius (engine/output/picture.h): the
// failed nodes (red) and everything downstream, protected nodes as bold
// double octagons, a legend, and a title with the counts. Above 50 nodes the
// failed and protected nodes and the sinks (when few) are drawn one by one
// and the rest merged into one box per kind; when even that exceeds
// kMaxDotNodes (report.h) boxes: a usage error with a hint (exit 2).
#ifndef ETLDAG_TOOLS_ETLDAG_BLAST_DOT_H_
#define ETLDAG_TOOLS_ETLDAG_BLAST_DOT_H_

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
