// The report layer of `etldag`: what every command shares when it renders
// its answer. A command computes its result, then renders it with these:
//   - JSON: BeginJsonReport writes the envelope every command shares,
//       {"schema_version": 1, "command": NAME, "arguments": {...}, ...
//     where "arguments" is generated from the parsed flags and the command's
//     table entry (CommandSpec::positional_keys, FlagSpec echo fields): every
//     flag given is echoed, so the answer says what was asked;
//   - names: AppendNodeNames (one name a line, sorted unless the result has
//     an order of its own);
//   - dot: AppendNodeSetDot (a node set as a picture) and CheckDotSize (the one
//     size limit of every picture);
//   - text: Plural and the TextTable of engine/output.
// Each is written once here; command files hold argument handling, one
// engine call and one render.
#ifndef ETLDAG_TOOLS_ETLDAG_REPORT_H_
#define ETLDAG_TOOLS_ETLDAG_REPORT_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/base/bitmap.h"
#include "engine/base/types.h"
#include "engine/graph/graph.h"
#include "engine/output/json_writer.h"
#include "tools/etldag/command.h"

namespace etldag::cli {

// The largest --format dot picture of any command, in nodes.
inline constexpr size_t kMaxDotNodes = 500;

// "1 node" / "3 nodes"; `many` defaults to `one` + "s".
std::string Plural(size_t n, std::string_view one, std::string_view many = {});

// Writes {"schema_version": 1, "command": NAME, "arguments": {...} and leaves
// the object open for the command's own members.
JsonWriter& BeginJsonReport(JsonWriter& w, const Context& ctx);

// The "arguments" object alone (the value of the current key).
void AppendArgumentsJson(JsonWriter& w, const Context& ctx);

// Closes the report object and ends the line.
void EndJsonReport(JsonWriter& w, Context& ctx);

// --order name|topological: how a node set is listed in names output.
extern const FlagSpec kOrderFlag;

// Names output of a node set (ids sorted, or a Bitmap): one name per line
// (NUL-ended with --null), by name, or with --order topological upstream
// first (engine/algo/topo_order.h; a cycle in the set is exit 4).
[[nodiscard]] absl::Status AppendNodeSet(Context& ctx, const Graph& g, const Bitmap& nodes);
[[nodiscard]] absl::Status AppendNodeSet(Context& ctx, const Graph& g, std::span<const NodeId> sorted);
// Names output in the given order (a chain, a ranking): --order does not apply.
void AppendNodeList(Context& ctx, const Graph& g, std::span<const NodeId> ids);
// One line of names output (an id, a name) ended by ctx.name_end.
void AppendNameLine(Context& ctx, std::string_view name);

// --format dot of a node set, drawn by engine/output/picture.h like every
// picture of the CLI: a title (`title`, then `lines`, then the protection
// line), each node styled by highlight(v) | protected | external, and above
// kPictureDetailedNodes nodes the frontier one by one with the rest merged.
// Protected is the rule in force (PictureProtectedSet). At most
// kMaxDotNodes boxes; else a usage error ending with `hint`.
struct NodeSetPicture {
  std::string title;
  std::vector<std::string> lines = {};
  std::function<uint32_t(NodeId)> highlight = {};  // null: no state of its own
  std::string_view hint = {};
  std::function<uint32_t(NodeId)> rank = {};  // PictureOptions::rank; null: free
  std::function<std::string(uint32_t)> rank_name = {};  // "level 3", for summaries
};
[[nodiscard]] absl::Status AppendNodeSetDot(Context& ctx, const Graph& g, const Bitmap& nodes,
                                            const NodeSetPicture& picture);

// The protected set a picture marks: the rule in force when the command takes
// --protect / --protect-only / --no-default-protect (protect_arg.h), else the
// default rule (engine/algo/protected_set.h).
[[nodiscard]] absl::StatusOr<Bitmap> PictureProtectedSet(const Context& ctx, const Graph& g);

// A usage error when a picture of `nodes` nodes exceeds kMaxDotNodes:
// "WHAT has N nodes; --format dot draws at most 500 (HINT)".
[[nodiscard]] absl::Status CheckDotSize(const Context& ctx, size_t nodes, std::string_view what,
                                        std::string_view hint);

}  // namespace etldag::cli

#endif  // ETLDAG_TOOLS_ETLDAG_REPORT_H_
