// The one door to Boost.Graph (BGL 1.74), a test-only oracle: copies a Graph
// into a boost::compressed_sparse_row_graph (bidirectional, uint32_t vertex
// and edge types) and runs BGL algorithms on it, so the tests can compare the
// engine's algorithms with an independent implementation. The engine itself
// does not use Boost. No Boost type appears here.
//
// BGL traps handled inside (docs/style.md, "Known traps"): the bidirectional CSR has no
// `edges_are_sorted` constructor (edges_are_unsorted_multi_pass is used);
// ids are valid by construction (a Graph is validated by its builder), since
// BGL only BOOST_ASSERTs them; topological_sort writes REVERSE order and
// throws not_a_dag without a witness — caught here, never rethrown.
// Cost: the copy is 8(n+1) + 12m bytes; each call builds its own copy.
#ifndef ETLDAG_TESTS_ALGO_BOOST_ADAPTER_H_
#define ETLDAG_TESTS_ALGO_BOOST_ADAPTER_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/base/types.h"
#include "engine/graph/graph.h"

namespace etldag {

// boost::strong_components: a component id per node (BGL's numbering, in
// [0, number of components)). Two nodes share an id iff they are mutually
// reachable.
std::vector<uint32_t> BoostStrongComponents(const Graph& g);

// boost::topological_sort, returned in forward order (every edge u -> v has u
// before v). FailedPrecondition when the graph has a cycle (incl. self-loop).
[[nodiscard]] absl::StatusOr<std::vector<NodeId>> BoostTopologicalOrder(const Graph& g);

}  // namespace etldag

#endif  // ETLDAG_TESTS_ALGO_BOOST_ADAPTER_H_
