// etldag safe-to-skip GRAPH [SELECTOR...]: can a failing op be left out of
// tomorrow's run? A verdict per candidate (engine/algo/safe_to_skip.h):
// empty-commit-safe, skip-safe, or unsafe with the protected nodes it reaches.
#include <string>
#include <vector>

#include "engine/algo/safe_to_skip.h"
#include "engine/base/status.h"
#include "engine/output/json_writer.h"
#include "engine/output/names_writer.h"
#include "engine/output/text_table.h"
#include "tools/etldag/command.h"
#include "tools/etldag/safe_to_skip_report.h"
#include "tools/etldag/load.h"
#include "tools/etldag/protect_arg.h"
#include "tools/etldag/report.h"
#include "tools/etldag/resolve.h"

namespace etldag::cli {
namespace {

// Paths are listed for at most this many candidates (one BFS each).
constexpr size_t kMaxExplained = 1000;

[[nodiscard]] absl::StatusOr<ExitCode> RunSafeToSkip(Context& ctx) {
  const std::string_view only = *ctx.args.Get("only");
  if (only != "safe" && only != "skip-safe" && only != "empty-commit-safe" && only != "unsafe") {
    return ctx.Usage("--only wants safe, skip-safe, empty-commit-safe or unsafe");
  }
  const std::vector<std::string>& pos = ctx.args.positionals();
  const std::span<const std::string> selectors = std::span<const std::string>(pos).subspan(1);
  ASSIGN_OR_RETURN(Graph g, LoadGraphArg(ctx, pos[0]));
  ASSIGN_OR_RETURN(const Bitmap prot, LoadProtectedSet(ctx, g));
  // Candidates: the selection, or every op (externals only when selected).
  ASSIGN_OR_RETURN(Selection sel, SelectWithExclude(ctx, g, selectors));
  if (selectors.empty()) {
    for (NodeId v = 0; v < g.num_nodes(); ++v) {
      if (g.is_external(v)) sel.nodes.Reset(v);
    }
    sel.count = static_cast<uint32_t>(sel.nodes.Count());
  }
  if (sel.empty()) ctx.Note("no candidate selected");
  const std::vector<NodeId> candidates = sel.nodes.ToVector();
  const bool explain = !selectors.empty() && candidates.size() <= kMaxExplained;
  if (!selectors.empty() && !explain) {
    ctx.Note(std::to_string(candidates.size()) +
             " candidates: paths to protected nodes are listed for at most " +
             std::to_string(kMaxExplained) + "; narrow the selection to see them");
  }
  const std::vector<SkipAssessment> results =
      AssessSkips(g, candidates, prot, {.explain = explain});
  const SafeToSkipReport r{g, prot, selectors, results, explain};
  RETURN_IF_ERROR(RenderSafeToSkip(ctx, r));
  if (!selectors.empty() && CountOf(r, SkipVerdict::kUnsafe) > 0) return ExitCode::kNegative;
  if (FailOnEmpty(ctx, sel)) return ExitCode::kNegative;
  return ExitCode::kOk;
}

}  // namespace

const CommandSpec& SafeToSkipCommand() {
  static const CommandSpec spec{
      .name = "safe-to-skip",
      .aliases = {},
      .summary = "Can a failing op be skipped (commented out) or get an empty commit?",
      .usage = "GRAPH [SELECTOR...]",
      .min_args = 1,
      .max_args = kAnyNumber,
      .description =
          "A verdict per candidate (default: every op; externals only when selected):\n"
          "  empty-commit-safe  nothing is downstream: an empty dataset can be\n"
          "                     committed for it;\n"
          "  skip-safe          no protected node is downstream and it is not\n"
          "                     protected itself: it can be commented out. Its\n"
          "                     `downstream` nodes (`readers` of them read it\n"
          "                     directly) then run without its fresh output, or are\n"
          "                     skipped with it; everything else runs as before;\n"
          "  unsafe             it is protected itself, or protected nodes are\n"
          "                     downstream: every unsafe candidate names its\n"
          "                     nearest protected node (text column; json\n"
          "                     nearest_protected with a shortest path); with up to\n"
          "                     1000 candidates given, every protected node reached\n"
          "                     is listed with one shortest path.\n"
          "Protected nodes: every node with a name segment or kind equal to \"policy\"\n"
          "(policy/x, nu-mx/policy/x), plus every --protect selection; only\n"
          "--protect-only or --no-default-protect turn the default rule off. The\n"
          "text and json outputs name the rule in force.\n"
          "Formats: text = counts and a table (default); names = the safe candidates\n"
          "(both safe verdicts; --only VERDICT: one verdict), sorted; json = verdicts,\n"
          "counts and paths; dot = the candidates, unsafe ones red.\n"
          "Exit 1 when candidates are given and any of them is unsafe (a verdict;\n"
          "--exit-zero makes it 0, e.g. for `set -e` scripts that only want the list).",
      .example = "etldag safe-to-skip data/spark_ops.json dataset/app-capital-sample \\\n"
                 "    dataset/deposit-stream\n"
                 "etldag safe-to-skip data/spark_ops.json --format names > skippable.txt",
      .flags = {kProtectFlag, kProtectOnlyFlag, kNoDefaultProtectFlag, kExcludeFlag, kFailOnEmptyFlag,
                {.name = "only", .value_name = "VERDICT",
                 .help = "names output: {default} (default: both safe verdicts), skip-safe, "
                         "empty-commit-safe or unsafe",
                 .default_text = "safe"},
                kOrderFlag},
      .formats = {"text", "names", "json", "dot"},
      .run = &RunSafeToSkip,
      .positional_keys = {"graph", "select*?"},  // null: every op
  };
  return spec;
}

}  // namespace etldag::cli
