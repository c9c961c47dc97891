// The formats of `etldag diff` (cmd_diff.cc): text (summary, impact, then
// the changes), json with everything, dot of the changed subgraph, and the
// one-line summary noted on stderr for the other formats.
#ifndef ETLDAG_TOOLS_ETLDAG_DIFF_OUTPUT_H_
#define ETLDAG_TOOLS_ETLDAG_DIFF_OUTPUT_H_

#include <string>

#include "engine/algo/graph_diff.h"
#include "engine/base/bitmap.h"
#include "engine/graph/graph.h"
#include "tools/etldag/command.h"
#include "tools/etldag/committed_arg.h"
#include "tools/etldag/list_arg.h"

namespace etldag::cli {

struct DiffReport {
  const Graph& old_g;
  const Graph& new_g;
  const GraphDiff& d;
  const Bitmap& protected_set;  // of NEW
  const Committed& committed;  // file "" without --committed
};

std::string DiffSummary(const DiffReport& r);
void AppendDiffText(Context& ctx, const DiffReport& r);
void AppendDiffJson(Context& ctx, const DiffReport& r);
void AppendDiffDot(Context& ctx, const DiffReport& r);

}  // namespace etldag::cli

#endif  // ETLDAG_TOOLS_ETLDAG_DIFF_OUTPUT_H_
