// Evaluating selectors (selector.h) against a graph: the node set the user
// means. Semantics follow dbt (docs.getdbt.com/reference/node-selection):
//   atom   base set of its method, then graph operators with the atom itself
//          included: x+N = x ∪ descendants within N hops, N+x likewise
//          upstream (distance = shortest hop count), @x = D ∪ ancestors(D)
//          with D = x ∪ descendants(x). Operators run once from the whole
//          base set (one multi-seed BFS, reachability.h), which equals the
//          union of the per-node results.
//   term   intersection of its atoms;  selector  union of its terms;
//   result include minus exclude. An include with no terms selects every
//   node (like dbt without --select); the CLI decides whether to allow it.
// Errors (nothing is selected):
//   NotFound  a literal name not in the graph: `unknown node "x"; did you
//             mean "y", "z"?`; a literal kind not in the graph (the message
//             lists the known kinds); a state: set that is not available.
//   InvalidArgument  syntax (from ParseSelector).
//   DataLoss  a file: list that cannot be read or is malformed (the name-list
//             reader's message, engine/load/name_list.h: FILE:LINE:COL for
//             JSON); the CLI maps it to exit 3, like every bad input file.
// file:PATH reads any name-list shape (plain list, GraphQL transaction
// answer; `-` = stdin) and takes every listed name; names that are not in
// the graph are not an error: Selection::warnings says how many (with the
// first few and their lines), as for every list file.
// On a graph with dbt attributes (a manifest), a literal name that is no
// unique_id is a dbt short name or dbt's default method (dbt_methods.h:
// MatchDbtBareValue), file: is dbt's file method, and the methods of
// dbt_methods.h apply; test nodes are left out of a term that does not name
// tests (TargetsDbtTests), and out of the everything-selection, as dbt runs
// no test unless asked.
// A glob, external:, or kind glob matching nothing is NOT an error: the
// result says so (Selection::unmatched) so the CLI can print a note.
#ifndef ETLDAG_ENGINE_QUERY_SELECT_H_
#define ETLDAG_ENGINE_QUERY_SELECT_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/base/bitmap.h"
#include "engine/graph/graph.h"
#include "engine/query/selector.h"

namespace etldag {

struct Selection {
  Bitmap nodes;        // size g.num_nodes(); ids ascend in name order
  uint32_t count = 0;  // nodes.Count()
  bool empty() const { return count == 0; }
  // Include terms (as written) that contributed no node at all, in order:
  // material for "note: "dataset/x*" matched no node" on stderr.
  std::vector<std::string> unmatched;
  // file: lists naming nodes that are not in the graph, one message each:
  // material for a warning on stderr.
  std::vector<std::string> warnings;
};

// The sets the state: method selects from (state:VALUE = sets[VALUE]), given
// by the caller (e.g. the CLI from a run file or an older graph version).
// Without them, or for an unknown VALUE, state: is NotFound and the message
// lists the values available and ends with `state_help`.
//
// `result_status`: per node id of the graph, its status in dbt's run results
// (run_results.json / sources.json: "success", "error", "fail", "warn",
// "pass", "skipped", ...; "" = no result), for result: and source_status:.
struct SelectOptions {
  const std::map<std::string, Bitmap, std::less<>>* state = nullptr;
  std::string state_help;
  const std::vector<std::string>* result_status = nullptr;
};

// include minus exclude (exclude may have no terms).
[[nodiscard]] absl::StatusOr<Selection> EvaluateSelector(const Graph& g, const Selector& include,
                                           const Selector& exclude,
                                           const SelectOptions& opts = {});

// Parses and evaluates command-line arguments in one go.
[[nodiscard]] absl::StatusOr<Selection> Select(const Graph& g, const std::vector<std::string>& include,
                                 const std::vector<std::string>& exclude = {},
                                 const SelectOptions& opts = {});

// The base set of one atom (its method only, no graph operators), and the
// atom with its operators applied. Exposed for tests and for commands that
// need the seeds apart from their closure (e.g. blast-radius "failed" nodes).
// `warnings` (may be null) collects file: warnings.
[[nodiscard]] absl::StatusOr<Bitmap> MatchAtom(const Graph& g, const SelectorAtom& atom,
                                 const SelectOptions& opts = {},
                                 std::vector<std::string>* warnings = nullptr);
[[nodiscard]] absl::StatusOr<Bitmap> EvaluateAtom(const Graph& g, const SelectorAtom& atom,
                                    const SelectOptions& opts = {},
                                    std::vector<std::string>* warnings = nullptr);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_QUERY_SELECT_H_
