// Shell completion for etldag, generated from the command table:
//   etldag completion bash      a bash script (complete -F _etldag etldag)
//   etldag completion zsh       a zsh script (#compdef etldag)
//   etldag completion nodes GRAPH [WORD]
//                               the node names of GRAPH that complete WORD,
//                               one per line, sorted (what the scripts call)
// The scripts complete commands, each command's flags, --format values,
// file names for FILE flags and for GRAPH, and node names (for node
// arguments and SELECTOR/NAME flags) from the GRAPH already on the command
// line. A snapshot is mapped in milliseconds; a JSON file is loaded (7 ms for
// the 3,000-op data/spark_ops.json). Names complete after selector prefixes
// (`+`, `N+`, `@`), so `+dataset/fx<TAB>` works too.
#ifndef ETLDAG_TOOLS_ETLDAG_COMPLETION_H_
#define ETLDAG_TOOLS_ETLDAG_COMPLETION_H_

#include <span>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "engine/graph/graph.h"
#include "tools/etldag/command.h"

namespace etldag::cli {

std::string BashCompletion(std::span<const CommandSpec* const> commands);
std::string ZshCompletion(std::span<const CommandSpec* const> commands);

// The names of `g` that complete `word`: a selector prefix (`@`, `+`, `N+`)
// is kept and the rest matched as a name prefix (a binary search: ids are in
// name order). Each line ends with '\n'.
std::string CompleteNodeNames(const Graph& g, std::string_view word);

// `etldag completion ARGS...` (ARGS after "completion"); returns the exit code.
int RunCompletion(std::span<const CommandSpec* const> commands,
                  std::span<const std::string_view> args);

}  // namespace etldag::cli

#endif  // ETLDAG_TOOLS_ETLDAG_COMPLETION_H_
