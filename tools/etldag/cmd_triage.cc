// etldag triage GRAPH --run FILE [--failed SELECTOR] [--protect SELECTOR]:
// root failures vs collateral vs pending from a run's commit state, and per
// root the verdict, the blast radius and the exact set to clear
// (engine/algo/triage.h). Output in triage_output.cc.
#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/strip.h"
#include "engine/algo/cycles.h"
#include "engine/algo/triage.h"
#include "engine/base/status.h"
#include "engine/load/name_list.h"
#include "tbb/parallel_invoke.h"
#include "tools/etldag/command.h"
#include "tools/etldag/list_arg.h"
#include "tools/etldag/load.h"
#include "tools/etldag/protect_arg.h"
#include "tools/etldag/report.h"
#include "tools/etldag/resolve.h"
#include "tools/etldag/triage_output.h"

namespace etldag::cli {
namespace {

[[nodiscard]] absl::StatusOr<ExitCode> RunTriage(Context& ctx) {
  const std::optional<std::string_view> run_path = ctx.args.Get(kRunFlag.name);
  if (!run_path.has_value()) {
    return ctx.Usage("--run FILE is required (the transaction's datasets: the ONLY_UNCOMMITTED "
                     "answer, the full answer, or a list of uncommitted names)");
  }
  const std::string& graph_path = ctx.args.positionals()[0];
  if (graph_path == "-" && *run_path == "-") {
    return ctx.Usage("GRAPH and --run cannot both be read from stdin");
  }
  // The run file is read and parsed while the graph loads (it needs the
  // graph only to resolve its names).
  absl::StatusOr<PendingNameList> read = absl::UnknownError("not read");
  absl::StatusOr<Graph> loaded = absl::UnknownError("not loaded");
  tbb::parallel_invoke([&] { loaded = LoadGraphArg(ctx, graph_path); },
                       [&] { read = PendingNameList::Read(*run_path); });
  ASSIGN_OR_RETURN(Graph g, std::move(loaded));
  // The cycle check and the name matching, side by side (both only read g);
  // a cycle is reported first.
  std::vector<Cycle> cycles;
  absl::StatusOr<RunArg> resolved = absl::UnknownError("not resolved");
  tbb::parallel_invoke([&] { cycles = FindCycles(g); },
                       [&] { resolved = ResolveRunArg(ctx, g, *run_path, read); });
  if (!cycles.empty()) {
    return CycleError(ctx.ErrorText("the graph has a cycle, so roots cannot be told from "
                                    "collateral: " + FormatCyclePath(g, cycles[0], 12)));
  }
  ASSIGN_OR_RETURN(const RunArg run, std::move(resolved));
  const std::vector<std::string_view> failed_args = ctx.args.GetAll("failed");
  if (!failed_args.empty() || ctx.args.Has("protect") || ctx.args.Has("protect-only")) {
    ctx.select_options = StateOptionsFromRun(g, run);  // their selectors may use state:
  }
  ctx.select_graph = &g;
  ASSIGN_OR_RETURN(const Bitmap prot, LoadProtectedSet(ctx, g));
  std::optional<Bitmap> failed;
  if (!failed_args.empty()) {
    const std::vector<std::string> sel(failed_args.begin(), failed_args.end());
    ASSIGN_OR_RETURN(Selection s, SelectNodes(ctx, g, sel));
    failed = std::move(s.nodes);
  }
  const Triage t = ComputeTriage(g, {.uncommitted = &run.uncommitted,
                                     .failed = failed ? &*failed : nullptr,
                                     .protected_set = &prot});
  const TriageReport report{g, run, t, prot};
  if (ctx.format == "json") {
    AppendTriageJson(ctx, report);
  } else if (ctx.format == "dot") {
    RETURN_IF_ERROR(AppendTriageDot(ctx, report));
  } else if (ctx.format == "names") {
    std::vector<NodeId> roots;
    for (const TriageRoot& r : t.roots) roots.push_back(r.node);
    std::sort(roots.begin(), roots.end());
    RETURN_IF_ERROR(AppendNodeSet(ctx, g, roots));
  } else {
    AppendTriageText(ctx, report);
  }
  if (ctx.format != "text") {  // the verdicts' protection rule too (json carries it anyway)
    ctx.Note(TriageSummary(report));
    if (ctx.format != "json") ctx.Note(std::string(absl::StripSuffix(ProtectionLine(ctx, prot), "\n")));
  }
  for (const TriageRoot& r : t.roots) {
    if (r.skip.is_protected) return ExitCode::kNegative;
  }
  return ExitCode::kOk;
}

}  // namespace

const CommandSpec& TriageCommand() {
  static const CommandSpec spec{
      .name = "triage",
      .aliases = {},
      .summary = "Root failures vs collateral vs pending from a run's commit state, with verdicts",
      .usage = "GRAPH",
      .min_args = 1,
      .max_args = 1,
      .description =
          "Classifies every op from the run file (--run: a plain list of uncommitted\n"
          "names, the ONLY_UNCOMMITTED GraphQL answer, or the full answer with\n"
          "\"committed\" flags and ids; docs/triage.md): a root failure is uncommitted\n"
          "with nothing uncommitted upstream (externals are available); collateral is\n"
          "uncommitted below a root (each names its nearest root and how many roots\n"
          "it depends on); with --failed SELECTOR (what the orchestrator reports\n"
          "failed) roots are the failed ops and uncommitted ops below none of them\n"
          "are pending. Committed ops below a root are a warning. Per root, most\n"
          "harmful first: the safe-to-skip verdict (protected -> fix now; skip-safe\n"
          "-> comment out; empty-commit-safe -> commit an empty dataset, with its id),\n"
          "the blast radius by kind, protected nodes reached with a path, and the\n"
          "collateral to clear after the fix. The clear list of one root for xargs:\n"
          "  etldag select GRAPH --run FILE 'state:collateral,ROOT+'\n"
          "Formats: text (default), json, names (the roots, sorted; no root is\n"
          "upstream of another, so --order topological lists them the same), dot (the\n"
          "run as a picture: roots red, collateral orange, pending grey;\n"
          "docs/pictures.md).\n"
          "Exit 1 when a root is protected (page someone). Needs a DAG (exit 4).",
      .example = "etldag triage data/spark_ops.json --run data/run_state.json\n"
                 "etldag triage data/spark_ops.json --run data/run_state.json --failed file:data/run_failed.txt",
      .flags = {kRunFlag,
                {"failed", "SELECTOR", "what the orchestrator reports failed (else roots are inferred)", true},
                kProtectFlag,
                kProtectOnlyFlag,
                kNoDefaultProtectFlag,
                kOrderFlag},
      .formats = {"text", "json", "names", "dot"},
      .run = &RunTriage,
  };
  return spec;
}

}  // namespace etldag::cli
