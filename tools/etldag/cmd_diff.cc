// etldag diff OLD NEW [--committed FILE] [--protect SELECTOR]: what changed
// between two versions of the graph and what the change touches
// (engine/algo/graph_diff.h). Both files load in parallel. Output in
// diff_output.cc. Exit 0 identical, 1 different.
#include <string>
#include <thread>

#include "engine/algo/graph_diff.h"
#include "engine/base/status.h"
#include "tools/etldag/command.h"
#include "tools/etldag/diff_output.h"
#include "tools/etldag/committed_arg.h"
#include "tools/etldag/list_arg.h"
#include "tools/etldag/load.h"
#include "tools/etldag/protect_arg.h"
#include "tools/etldag/report.h"

namespace etldag::cli {
namespace {

[[nodiscard]] absl::StatusOr<ExitCode> RunDiff(Context& ctx) {
  const std::string& old_path = ctx.args.positionals()[0];
  const std::string& new_path = ctx.args.positionals()[1];
  const std::optional<std::string_view> committed = ctx.args.Get("committed");
  const int stdin_uses = (old_path == "-") + (new_path == "-") + (committed == "-");
  if (stdin_uses > 1) return ctx.Usage("only one of OLD, NEW and --committed can be read from stdin");
  absl::StatusOr<Graph> old_g = absl::UnknownError("not loaded");
  std::thread old_loader([&] { old_g = LoadGraphArg(ctx, old_path); });
  absl::StatusOr<Graph> new_g = LoadGraphArg(ctx, new_path);
  old_loader.join();
  if (!old_g.ok()) return old_g.status();  // OLD's error first, as on the command line
  if (!new_g.ok()) return new_g.status();
  ASSIGN_OR_RETURN(const Bitmap prot, LoadProtectedSet(ctx, *new_g));
  ASSIGN_OR_RETURN(const Committed c, ReadCommitted(ctx, *new_g, "not in NEW"));
  const GraphDiff d = ComputeGraphDiff(*old_g, *new_g);
  const DiffReport report{*old_g, *new_g, d, prot, c};
  if (ctx.format == "json") {
    AppendDiffJson(ctx, report);
  } else if (ctx.format == "names") {
    RETURN_IF_ERROR(AppendNodeSet(ctx, *new_g, d.impact));
  } else if (ctx.format == "dot") {
    AppendDiffDot(ctx, report);
  } else {
    AppendDiffText(ctx, report);
  }
  if (ctx.format != "text") ctx.Note(DiffSummary(report));
  return d.identical() ? ExitCode::kOk : ExitCode::kNegative;
}

}  // namespace

const CommandSpec& DiffCommand() {
  static const CommandSpec spec{
      .name = "diff",
      .aliases = {},
      .summary = "What changed between two graph versions, and what the change touches",
      .usage = "OLD NEW",
      .min_args = 2,
      .max_args = 2,
      .description =
          "OLD and NEW are two versions of the graph (JSON or snapshots, mixed), loaded\n"
          "in parallel and matched by name (a renamed op is one removed, one added).\n"
          "Reports ops added and removed, per op the inputs added and removed, kind\n"
          "changes, externals that appeared or vanished, and cycles introduced by NEW.\n"
          "Impact: the modified ops (added, or inputs or kind changed: dbt's\n"
          "state:modified) and everything downstream of them in NEW, by kind, with the\n"
          "protected nodes affected; with --committed FILE (the transaction's committed\n"
          "datasets, read against NEW), the committed datasets NEW would build\n"
          "differently: can NEW be deployed in the middle of this run?\n"
          "--format names prints the impact set (state:modified+; by name, or with\n"
          "--order topological upstream first in NEW); dot draws the changed\n"
          "subgraph (added green, removed red dashed).\n"
          "Exit 0 when the topology is identical, 1 when it differs (a CI gate).",
      .example = "etldag diff data/spark_ops.json data/spark_ops_next.json\n"
                 "etldag diff data/spark_ops.json data/spark_ops_next.json --committed data/transaction.json",
      .flags = {{"committed", "FILE", "the run's committed datasets: which would be built differently"},
                {"assume-committed", "", "count transaction entries without a \"committed\" flag as committed"},
                kProtectFlag,
                kProtectOnlyFlag,
                kNoDefaultProtectFlag,
                kOrderFlag},
      .formats = {"text", "json", "names", "dot"},
      .run = &RunDiff,
      .positional_keys = {"old", "new"},
  };
  return spec;
}

}  // namespace etldag::cli
