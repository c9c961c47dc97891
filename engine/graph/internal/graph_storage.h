// Owned storage behind a Graph built in memory (the snapshot reader uses an
// mmap instead). Internal to the graph module.
#ifndef ETLDAG_ENGINE_GRAPH_INTERNAL_GRAPH_STORAGE_H_
#define ETLDAG_ENGINE_GRAPH_INTERNAL_GRAPH_STORAGE_H_

#include <cstdint>
#include <vector>

#include "engine/graph/graph.h"

namespace etldag {

struct GraphStorage {
  std::vector<char> names;
  std::vector<uint32_t> name_offsets;
  std::vector<EdgeIndex> out_offsets;
  std::vector<NodeId> out_targets;
  std::vector<EdgeIndex> in_offsets;
  std::vector<NodeId> in_targets;
  std::vector<KindId> kinds;
  std::vector<uint8_t> flags;
  std::vector<char> kind_names;
  std::vector<uint32_t> kind_name_offsets;
  std::vector<Disagreement> disagreements;
  std::vector<NodeId> self_loops;
  std::vector<char> attr_strings;
  std::vector<uint32_t> attr_string_offsets;
  std::vector<AttrId> node_attrs;
  std::vector<uint32_t> tag_offsets;
  std::vector<AttrId> tag_ids;
  std::vector<uint32_t> fqn_offsets;
  std::vector<AttrId> fqn_ids;
  std::vector<AttrId> graph_attrs;

  GraphArrays Arrays() const {
    return GraphArrays{names,       name_offsets, out_offsets, out_targets,
                       in_offsets,  in_targets,   kinds,       flags,
                       kind_names,  kind_name_offsets, disagreements, self_loops,
                       attr_strings, attr_string_offsets, node_attrs, tag_offsets,
                       tag_ids,     fqn_offsets,  fqn_ids,     graph_attrs};
  }
};

}  // namespace etldag

#endif  // ETLDAG_ENGINE_GRAPH_INTERNAL_GRAPH_STORAGE_H_
