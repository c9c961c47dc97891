// Names output: the default format of the query commands — one node name per
// line, in id order (ids are in name order, so the output is sorted), each
// line ended by '\n', nothing else. Safe to pipe into xargs / sort / comm.
// Names are written verbatim (they come from validated UTF-8 strings).
#ifndef ETLDAG_ENGINE_OUTPUT_NAMES_WRITER_H_
#define ETLDAG_ENGINE_OUTPUT_NAMES_WRITER_H_

#include <span>
#include <string>

#include "engine/base/bitmap.h"
#include "engine/base/types.h"
#include "engine/graph/graph.h"

namespace etldag {

// Appends the names of `ids` in the given order (callers pass sorted ids, or
// a path in its own order), each followed by `end` ('\0' for `xargs -0`).
void AppendNames(const Graph& g, std::span<const NodeId> ids, std::string* out, char end = '\n');

// Appends the names of the set bits of `nodes` (size g.num_nodes()), sorted.
void AppendNames(const Graph& g, const Bitmap& nodes, std::string* out, char end = '\n');

}  // namespace etldag

#endif  // ETLDAG_ENGINE_OUTPUT_NAMES_WRITER_H_
