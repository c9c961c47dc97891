// etldag select GRAPH SELECTOR... [--exclude SELECTOR]...: the nodes a
// selector denotes (the `dbt ls` of etldag). The grammar is dbt's node
// selection syntax (engine/query/selector.h); resolution and error mapping
// are shared with every command through SelectNodes (resolve.h). Output in
// select_report.cc.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/status.h"
#include "engine/query/yaml_selectors.h"
#include "tools/etldag/command.h"
#include "tools/etldag/exit_code.h"
#include "tools/etldag/list_arg.h"
#include "tools/etldag/load.h"
#include "tools/etldag/report.h"
#include "tools/etldag/resolve.h"
#include "tools/etldag/select_report.h"

namespace etldag::cli {
namespace {

// --selector NAME: the manifest's YAML selector (engine/query/yaml_selectors.h),
// instead of SELECTOR arguments and --exclude (dbt ignores them then; etldag
// refuses the mix).
[[nodiscard]] absl::StatusOr<Selection> SelectByName(Context& ctx, const Graph& g, std::string_view path,
                                                     std::string_view name) {
  const std::vector<std::string>& pos = ctx.args.positionals();
  if (pos.size() > 1 || ctx.args.Has("exclude")) {
    return ctx.Usage("--selector NAME replaces SELECTOR arguments and --exclude: give one or the other");
  }
  if (path == "-") return ctx.Usage("--selector reads the manifest file again: give its path, not -");
  if (!g.has_attributes()) return ctx.Usage("--selector needs a dbt manifest (this graph has no dbt attributes)");
  if (ctx.select_graph != &g) {
    ASSIGN_OR_RETURN(ctx.select_options, StateSelectOptions(ctx, g));
    ctx.select_graph = &g;
  }
  absl::StatusOr<Selection> sel = SelectByManifestSelector(g, path, name, *ctx.select_options);
  if (!sel.ok()) {
    const absl::StatusCode code = sel.status().code();
    if (code == absl::StatusCode::kInvalidArgument || code == absl::StatusCode::kNotFound) {
      return UsageError(ctx.ErrorText(MessageOf(sel.status())));
    }
    if (code == absl::StatusCode::kDataLoss) return InputError(MessageOf(sel.status()));
    return sel.status();
  }
  return sel;
}

[[nodiscard]] absl::StatusOr<ExitCode> RunSelect(Context& ctx) {
  const std::vector<std::string>& pos = ctx.args.positionals();
  const std::vector<std::string_view> exclude_views = ctx.args.GetAll("exclude");
  const std::vector<std::string> exclude(exclude_views.begin(), exclude_views.end());
  const std::optional<std::string_view> selector = ctx.args.Get("selector");
  if (!selector.has_value() && pos.size() < 2) return ctx.Usage("give a SELECTOR (or --selector NAME on a manifest)");
  ASSIGN_OR_RETURN(Graph g, LoadGraphArg(ctx, pos[0]));
  const std::span<const std::string> include(pos.begin() + 1, pos.end());
  ASSIGN_OR_RETURN(const Selection sel, selector.has_value() ? SelectByName(ctx, g, pos[0], *selector)
                                                             : SelectNodes(ctx, g, include, exclude));
  if (sel.empty()) ctx.Note("no node matched the selection");
  RETURN_IF_ERROR(RenderSelection(ctx, g, sel));
  return sel.empty() && ctx.args.Has("fail-on-empty") ? ExitCode::kNegative : ExitCode::kOk;
}

}  // namespace

const CommandSpec& SelectCommand() {
  static const CommandSpec spec{
      .name = "select",
      .aliases = {"ls"},
      .summary = "The nodes a dbt-style selector denotes (x+, +x, @x, globs, kind:, ...)",
      .usage = "GRAPH SELECTOR...",
      .min_args = 1,
      .max_args = kAnyNumber,
      .description =
          "Lists the nodes selected by dbt's node selection syntax. A selector is\n"
          "[@][N+][method:]value[+N]:\n"
          "  x            the node named x (exact name; a glob with * ? [...])\n"
          "  x+  x+2      x and its descendants (down to 2 hops)\n"
          "  +x  3+x      x and its ancestors (up to 3 hops)\n"
          "  @x           x, its descendants, and every ancestor of those\n"
          "  kind:K  external:true|false  file:PATH (names, one per line)\n"
          "Several selectors (or space-separated ones in one argument) give the\n"
          "union; a comma intersects (a+,b+ = common descendants); --exclude\n"
          "subtracts. An unknown name or a syntax error exits 2; a selection\n"
          "matching nothing is a note on stderr (exit 1 with --fail-on-empty).",
      .example = "etldag select data/spark_ops.json 'contract/merchant-statement-states+1'\n"
                 "etldag select data/spark_ops.json 'kind:policy,nu-mx/*' --exclude '*archive*'\n"
                 "etldag select data/spark_ops.json '+policy/revenue-decision' --format json",
      .flags = {EchoedAs(kExcludeFlag, EchoAbsent::kEmpty),
                kFailOnEmptyFlag,
                kRunResultsFlag,
                {"count", "", "print only the number of nodes"},
                {"output", "KIND", "dbt manifests, as `dbt ls --output`: unique_id (default), name, path or json"},
                {"selector", "NAME", "dbt manifests: the manifest's YAML selector NAME (selectors.yml), instead of SELECTORs"},
                kOrderFlag},
      .formats = {"names", "json", "dot"},
      .run = &RunSelect,
      .positional_keys = {"graph", "select*"},
  };
  return spec;
}

}  // namespace etldag::cli
