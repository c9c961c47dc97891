#include "tools/etldag/resolve.h"

#include <algorithm>

#include "engine/base/status.h"
#include "tools/etldag/list_arg.h"

namespace etldag::cli {

absl::StatusOr<Selection> SelectNodes(const Context& ctx, const Graph& g,
                                      std::span<const std::string> include,
                                      std::span<const std::string> exclude) {
  if (ctx.select_graph != &g) {
    ASSIGN_OR_RETURN(ctx.select_options, StateSelectOptions(ctx, g));
    ctx.select_graph = &g;
  }
  absl::StatusOr<Selection> sel = Select(g, std::vector<std::string>(include.begin(), include.end()),
                                         std::vector<std::string>(exclude.begin(), exclude.end()),
                                         *ctx.select_options);
  if (!sel.ok()) {
    const absl::StatusCode code = sel.status().code();
    if (code == absl::StatusCode::kInvalidArgument || code == absl::StatusCode::kNotFound) {
      return UsageError(ctx.ErrorText(MessageOf(sel.status())));
    }
    if (code == absl::StatusCode::kDataLoss) return InputError(MessageOf(sel.status()));
    return sel.status();
  }
  for (const std::string& w : sel->warnings) ctx.Note("warning: " + w);
  for (const std::string& term : sel->unmatched) ctx.Note("\"" + term + "\" matched no node");
  return sel;
}

const FlagSpec kExcludeFlag{"exclude", "SELECTOR", "remove these nodes from the selection", true};
const FlagSpec kFailOnEmptyFlag{"fail-on-empty", "", "exit 1 when the selection is empty"};

absl::StatusOr<Selection> SelectWithExclude(const Context& ctx, const Graph& g,
                                            std::span<const std::string> include) {
  const std::vector<std::string_view> views = ctx.args.GetAll(kExcludeFlag.name);
  const std::vector<std::string> exclude(views.begin(), views.end());
  return SelectNodes(ctx, g, include, exclude);
}

bool FailOnEmpty(const Context& ctx, const Selection& sel) {
  return sel.empty() && ctx.args.Has(kFailOnEmptyFlag.name);
}

absl::StatusOr<std::vector<NodeId>> ResolveNodes(const Context& ctx, const Graph& g,
                                                 std::span<const std::string> args) {
  ASSIGN_OR_RETURN(const Selection sel, SelectNodes(ctx, g, args));
  return sel.nodes.ToVector();
}

absl::StatusOr<NodeId> ResolveOneNode(const Context& ctx, const Graph& g, std::string_view arg) {
  const std::string one[] = {std::string(arg)};
  ASSIGN_OR_RETURN(std::vector<NodeId> ids, ResolveNodes(ctx, g, one));
  if (ids.size() != 1) {
    return UsageError(ctx.ErrorText("'" + std::string(arg) + "' must name exactly one node (it selects " +
                                    std::to_string(ids.size()) + ")"));
  }
  return ids[0];
}

}  // namespace etldag::cli
