// The renderers of `etldag retraction-set`: names, ids (one per line, for
// xargs) or json, from the retraction set (engine/algo/retraction_set.h) and
// the committed file.
#ifndef ETLDAG_TOOLS_ETLDAG_RETRACTION_SET_REPORT_H_
#define ETLDAG_TOOLS_ETLDAG_RETRACTION_SET_REPORT_H_

#include "engine/algo/retraction_set.h"
#include "engine/graph/graph.h"
#include "tools/etldag/command.h"
#include "tools/etldag/committed_arg.h"

namespace etldag::cli {

// Renders into ctx.out: json, or one name (or with `ids`, every id) a line.
void RenderRetractionSet(Context& ctx, const Graph& g, const RetractionSet& rs, const Committed& c,
                         bool ids);

}  // namespace etldag::cli

#endif  // ETLDAG_TOOLS_ETLDAG_RETRACTION_SET_REPORT_H_
