// The renderers of `etldag retraction-set`: names, ids (one per line, for
// xargs) or json, from the retraction set (engine/algo/retraction_set.h) and
// the committed file.
#ifndef ETLDAG_TOOLS_ETLDAG_RETRACTION_SET_REPORT_H_
#define ETLDAG_TOOLS_ETLDAG_RETRACTION_SET_REPORT_H_

#include "absl/status/status.h"
#include "engine/algo/retraction_set.h"
#include "engine/base/bitmap.h"
#include "engine/graph/graph.h"
#include "tools/etldag/command.h"
#include "tools/etldag/committed_arg.h"

namespace etldag::cli {

// On stderr: the summary line ("retraction set: N nodes (B bad + D
// downstream ...)") and, with --print ids or json, a warning naming the
// nodes of the set that have no id in the committed file.
void NoteRetractionSet(const Context& ctx, const Graph& g, const RetractionSet& rs,
                       const Committed& c, bool print_ids);

// Renders into ctx.out: json, dot (the `bad` nodes red), or one name (or
// with `ids`, every id) a line.
[[nodiscard]] absl::Status RenderRetractionSet(Context& ctx, const Graph& g, const RetractionSet& rs,
                                               const Committed& c, const Bitmap& bad, bool ids);

}  // namespace etldag::cli

#endif  // ETLDAG_TOOLS_ETLDAG_RETRACTION_SET_REPORT_H_
