#include "engine/output/names_writer.h"

#include "engine/base/check.h"

namespace etldag {

void AppendNames(const Graph& g, std::span<const NodeId> ids, std::string* out) {
  for (NodeId v : ids) {
    *out += g.name(v);
    *out += '\n';
  }
}

void AppendNames(const Graph& g, const Bitmap& nodes, std::string* out) {
  ETLDAG_CHECK(nodes.size() == g.num_nodes());
  nodes.ForEach([&](size_t v) {
    *out += g.name(static_cast<NodeId>(v));
    *out += '\n';
  });
}

}  // namespace etldag
