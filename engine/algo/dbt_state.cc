// dbt state comparison by checksum; see dbt_state.h.
#include "engine/algo/dbt_state.h"

namespace etldag {

DbtState CompareDbtState(const Graph& state, const Graph& current) {
  const uint32_t n = current.num_nodes();
  DbtState s{Bitmap(n), Bitmap(n), Bitmap(n), Bitmap(n)};
  NodeId j = 0;  // cursor into STATE's names (ascending, like CURRENT's)
  for (NodeId v = 0; v < n; ++v) {
    if (current.is_external(v)) continue;
    const std::string_view name = current.name(v);
    while (j < state.num_nodes() && state.name(j) < name) ++j;
    const bool in_state = j < state.num_nodes() && state.name(j) == name && !state.is_external(j);
    if (!in_state) {
      s.new_nodes.Set(v);
      s.modified.Set(v);
      continue;
    }
    s.old_nodes.Set(v);
    if (current.attr(v, AttrField::kChecksum) != state.attr(j, AttrField::kChecksum)) {
      s.modified.Set(v);
    } else {
      s.unmodified.Set(v);
    }
  }
  return s;
}

}  // namespace etldag
