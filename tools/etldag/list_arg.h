// Run-state flags (engine/load/name_list.h reads the files): the run state
// (--run FILE) and the state: selector sets built from --run FILE and
// --state OLD. Names not in the graph are warned about on stderr with
// counts; read errors exit 3. (--committed FILE: committed_arg.h.)
#ifndef ETLDAG_TOOLS_ETLDAG_LIST_ARG_H_
#define ETLDAG_TOOLS_ETLDAG_LIST_ARG_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "engine/base/bitmap.h"
#include "engine/graph/graph.h"
#include "engine/load/name_list.h"
#include "engine/output/json_writer.h"
#include "engine/query/select.h"
#include "tools/etldag/command.h"
#include "tools/etldag/flags.h"

namespace etldag::cli {

struct RunArg {
  std::string file;     // as shown ("<stdin>" for -)
  NameList list;
  Bitmap uncommitted;   // ops: listed without "committed": true
  uint64_t externals_listed = 0;  // listed externals (always available: ignored)
};

// Reads the run file `path` (--run): see docs/triage.md#name-lists.
[[nodiscard]] absl::StatusOr<RunArg> ReadRunArg(const Context& ctx, const Graph& g,
                                                std::string_view path);
// The same from a file read beforehand (PendingNameList::Read(path), e.g.
// while the graph loaded).
[[nodiscard]] absl::StatusOr<RunArg> ResolveRunArg(const Context& ctx, const Graph& g,
                                                   std::string_view path,
                                                   const absl::StatusOr<PendingNameList>& read);

// {"file":..., "format":..., "entries":..., ...} as the current value.
void AppendRunFileJson(JsonWriter& j, const RunArg& run);

// --run FILE and --state OLD, accepted by every selection command (added by
// RunCommand next to --exclude).
extern const FlagSpec kRunFlag;
extern const FlagSpec kStateFlag;
// dbt run results for result:/source_status: (docs/dbt.md); on `select`.
extern const FlagSpec kRunResultsFlag;

// The state: sets for selectors on `g`: from --run (committed, uncommitted,
// root-failure, collateral, pending) and --state (modified, new), built once
// per command. Null sets when neither flag is given.
[[nodiscard]] absl::StatusOr<std::shared_ptr<const SelectOptions>> StateSelectOptions(
    const Context& ctx, const Graph& g);

// The --run sets from a run file already read (triage reads it once).
std::shared_ptr<const SelectOptions> StateOptionsFromRun(const Graph& g, const RunArg& run);

}  // namespace etldag::cli

#endif  // ETLDAG_TOOLS_ETLDAG_LIST_ARG_H_
