// The text and json renderers of `etldag validate` (the result is
// GraphProblems, engine/algo/graph_problems.h, plus the graph's self-loops).
#ifndef ETLDAG_TOOLS_ETLDAG_VALIDATE_REPORT_H_
#define ETLDAG_TOOLS_ETLDAG_VALIDATE_REPORT_H_

#include <cstdint>

#include "engine/algo/graph_problems.h"
#include "engine/graph/graph.h"
#include "tools/etldag/command.h"

namespace etldag::cli {

// Renders `p` into ctx.out in ctx.format (text or json), each list capped at
// `limit` items (0 = all).
void RenderValidate(Context& ctx, const Graph& g, const GraphProblems& p, uint64_t limit);

}  // namespace etldag::cli

#endif  // ETLDAG_TOOLS_ETLDAG_VALIDATE_REPORT_H_
