// Graph -> boost::compressed_sparse_row_graph and the BGL calls; see
// boost_adapter.h. The only engine file that includes Boost.Graph.
#include "tests/algo/boost_adapter.h"

#include <algorithm>
#include <iterator>
#include <utility>

#include "absl/status/status.h"
#include "boost/graph/compressed_sparse_row_graph.hpp"
#include "boost/graph/exception.hpp"
#include "boost/graph/strong_components.hpp"
#include "boost/graph/topological_sort.hpp"

namespace etldag {
namespace {

using BoostCsr = boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property,
                                                    boost::no_property, boost::no_property,
                                                    /*Vertex=*/uint32_t, /*EdgeIndex=*/uint32_t>;

BoostCsr ToBoost(const Graph& g) {
  std::vector<std::pair<uint32_t, uint32_t>> edges;
  edges.reserve(g.num_edges());
  for (NodeId u = 0; u < g.num_nodes(); ++u) {
    for (NodeId v : g.out(u)) edges.emplace_back(u, v);
  }
  return BoostCsr(boost::edges_are_unsorted_multi_pass, edges.begin(), edges.end(),
                  g.num_nodes());
}

}  // namespace

std::vector<uint32_t> BoostStrongComponents(const Graph& g) {
  const BoostCsr bg = ToBoost(g);
  std::vector<uint32_t> component(g.num_nodes(), 0);
  boost::strong_components(
      bg, boost::make_iterator_property_map(component.begin(), boost::get(boost::vertex_index, bg)));
  return component;
}

absl::StatusOr<std::vector<NodeId>> BoostTopologicalOrder(const Graph& g) {
  const BoostCsr bg = ToBoost(g);
  std::vector<NodeId> reversed;
  reversed.reserve(g.num_nodes());
  try {
    boost::topological_sort(bg, std::back_inserter(reversed));
  } catch (const boost::not_a_dag&) {
    return absl::FailedPreconditionError("the graph has a cycle (boost::topological_sort)");
  }
  std::reverse(reversed.begin(), reversed.end());
  return reversed;
}

}  // namespace etldag
