// Internal to the load module: the single-pass reader of a spark_ops.json
// array (simdjson On-Demand, kept out of this header).
#ifndef ETLDAG_ENGINE_LOAD_OP_READER_H_
#define ETLDAG_ENGINE_LOAD_OP_READER_H_

#include <cstdint>

#include "absl/status/status.h"
#include "engine/graph/graph_builder.h"
#include "engine/load/load_error.h"

namespace etldag::load_internal {

// Parses the ops array of `in` (the caller has checked that the JSON text
// starts with '['; kFileBufferPadding readable bytes follow in.data) into
// `builder`: interns names, defines ops, adds edges. Counts the ops.
absl::Status ReadSparkOps(const JsonInput& in, GraphBuilder& builder, uint64_t* num_ops);

}  // namespace etldag::load_internal

#endif  // ETLDAG_ENGINE_LOAD_OP_READER_H_
