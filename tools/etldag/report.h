// The report layer of `etldag`: what every command shares when it renders
// its answer. A command computes its result, then renders it with these:
//   - JSON: BeginJsonReport writes the envelope every command shares,
//       {"schema_version": 1, "command": NAME, "arguments": {...}, ...
//     where "arguments" is generated from the parsed flags and the command's
//     table entry (CommandSpec::positional_keys, FlagSpec echo fields): every
//     flag given is echoed, so the answer says what was asked;
//   - names: AppendNodeNames (one name a line, sorted unless the result has
//     an order of its own);
//   - dot: CheckDotSize (the one size limit of every picture);
//   - text: Plural and the TextTable of engine/output.
// Each is written once here; command files hold argument handling, one
// engine call and one render.
#ifndef ETLDAG_TOOLS_ETLDAG_REPORT_H_
#define ETLDAG_TOOLS_ETLDAG_REPORT_H_

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "absl/status/status.h"
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

// A usage error when a picture of `nodes` nodes exceeds kMaxDotNodes:
// "WHAT has N nodes; --format dot draws at most 500 (HINT)".
[[nodiscard]] absl::Status CheckDotSize(const Context& ctx, size_t nodes, std::string_view what,
                                        std::string_view hint);

}  // namespace etldag::cli

#endif  // ETLDAG_TOOLS_ETLDAG_REPORT_H_
