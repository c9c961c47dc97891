// The formats of `etldag triage` (cmd_triage.cc): text for an operator
// (summary first, then one block per root, most harmful first), json with
// everything, and the one-line summary noted on stderr for the others.
#ifndef ETLDAG_TOOLS_ETLDAG_TRIAGE_OUTPUT_H_
#define ETLDAG_TOOLS_ETLDAG_TRIAGE_OUTPUT_H_

#include <string>

#include "absl/status/status.h"

#include "engine/algo/triage.h"
#include "engine/base/bitmap.h"
#include "engine/graph/graph.h"
#include "tools/etldag/command.h"
#include "tools/etldag/list_arg.h"

namespace etldag::cli {

struct TriageReport {
  const Graph& g;
  const RunArg& run;
  const Triage& t;
  const Bitmap& protected_set;
};

// "3 root failures (1 critical), 12 collateral, 0 pending, 2 committed below a root".
std::string TriageSummary(const TriageReport& r);
void AppendTriageText(Context& ctx, const TriageReport& r);
void AppendTriageJson(Context& ctx, const TriageReport& r);
// The run as a picture (engine/output/picture.h): roots red, collateral
// orange, pending grey, protected double octagons, committed nodes below a
// root plain; the summary in the title. A usage error above kMaxDotNodes boxes.
[[nodiscard]] absl::Status AppendTriageDot(Context& ctx, const TriageReport& r);

}  // namespace etldag::cli

#endif  // ETLDAG_TOOLS_ETLDAG_TRIAGE_OUTPUT_H_
