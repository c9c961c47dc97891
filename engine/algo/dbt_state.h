// dbt's state: comparison of a manifest against an older one (--state),
// by node checksum (checksum.checksum of the manifest):
//   new         nodes of CURRENT (not externals) that STATE does not define
//   old         nodes of CURRENT that STATE defines too
//   modified    new ∪ { v ∈ old : checksum_CURRENT(v) ≠ checksum_STATE(v) }
//   unmodified  old − modified
// Nodes are matched by name (unique_id); ids follow names in both graphs, so
// one linear merge of the two name orders pairs them: O(n_STATE + n_CURRENT).
// Graphs without attributes have no checksums: then only new/old differ.
#ifndef ETLDAG_ENGINE_ALGO_DBT_STATE_H_
#define ETLDAG_ENGINE_ALGO_DBT_STATE_H_

#include "engine/base/bitmap.h"
#include "engine/graph/graph.h"

namespace etldag {

struct DbtState {
  Bitmap new_nodes, old_nodes, modified, unmodified;  // CURRENT ids
};

DbtState CompareDbtState(const Graph& state, const Graph& current);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_ALGO_DBT_STATE_H_
