// Node arguments -> node ids: the one place that interprets them. Every
// argument is a selector (engine/query/selector.h, dbt's grammar: `x+`, `+x`,
// `@x`, globs, kind:/external:/file:, spaces = union, commas = intersection);
// a plain node name is the simplest selector. A syntax error or an unknown
// literal name is a usage error (exit 2) with the column or the closest
// existing names (engine/query/suggest.h).
#ifndef ETLDAG_TOOLS_ETLDAG_RESOLVE_H_
#define ETLDAG_TOOLS_ETLDAG_RESOLVE_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/base/types.h"
#include "engine/graph/graph.h"
#include "engine/query/select.h"
#include "tools/etldag/command.h"

namespace etldag::cli {

// The nodes of the selector arguments minus those of `exclude`. Each include
// term that matched no node gets a note on stderr. No include argument at
// all selects every node (as dbt does without --select).
[[nodiscard]] absl::StatusOr<Selection> SelectNodes(const Context& ctx, const Graph& g,
                                                    std::span<const std::string> include,
                                                    std::span<const std::string> exclude = {});

// The shared selection flags of every command whose node arguments are a
// selection (downstream, upstream, blast-radius, safe-to-skip,
// retraction-set, select): --exclude SELECTOR (repeatable) subtracts from
// the selection; --fail-on-empty makes an empty selection exit 1.
extern const FlagSpec kExcludeFlag;
extern const FlagSpec kFailOnEmptyFlag;

// SelectNodes with the command's own --exclude values.
[[nodiscard]] absl::StatusOr<Selection> SelectWithExclude(const Context& ctx, const Graph& g,
                                                          std::span<const std::string> include);

// True when --fail-on-empty was given and `sel` is empty.
bool FailOnEmpty(const Context& ctx, const Selection& sel);

// The union of the nodes the arguments denote (SelectNodes): sorted, without
// duplicates.
[[nodiscard]] absl::StatusOr<std::vector<NodeId>> ResolveNodes(
    const Context& ctx, const Graph& g, std::span<const std::string> args);

// An argument that must denote exactly one node (e.g. path FROM / TO).
[[nodiscard]] absl::StatusOr<NodeId> ResolveOneNode(const Context& ctx, const Graph& g,
                                                    std::string_view arg);

}  // namespace etldag::cli

#endif  // ETLDAG_TOOLS_ETLDAG_RESOLVE_H_
