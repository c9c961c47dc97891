// Internal to the load module: the single-pass reader of a spark_ops.json
// array (simdjson On-Demand, kept out of this header).
#ifndef ETLDAG_ENGINE_LOAD_INTERNAL_OP_READER_H_
#define ETLDAG_ENGINE_LOAD_INTERNAL_OP_READER_H_

#include <cstdint>
#include <memory>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/graph/graph_builder.h"
#include "engine/load/internal/load_error.h"

namespace etldag::load_internal {

// Parses the ops array of `in` (the caller has checked that the JSON text
// starts with '['; kFileBufferPadding readable bytes follow in.data) into
// `builder`: interns names, defines ops, adds edges. Counts the ops.
// A text larger than kMaxJsonDocumentBytes is read by ReadSparkOpsInPieces.
[[nodiscard]] absl::Status ReadSparkOps(const JsonInput& in, GraphBuilder& builder, uint64_t* num_ops);

// The same, whatever the size, one document per piece of about `piece_bytes`
// of whole ops (ops_pieces.h: cut at the top-level ','s), each parsed as
// "[" + piece + "]" in a buffer of its own and read by one reader, so errors
// are located in `in` exactly as in one document (64-bit offsets; a
// duplicate name's first definition in any piece). Syntax errors: the strict
// scanner's first one in the whole text, as ReadSparkOps reports them.
inline constexpr size_t kDefaultPieceBytes = size_t{8} << 20;
[[nodiscard]] absl::Status ReadSparkOpsInPieces(const JsonInput& in, GraphBuilder& builder, uint64_t* num_ops,
                                                size_t piece_bytes = kDefaultPieceBytes);

// Reserves builder capacity for a spark_ops.json text of `bytes` bytes:
// generous for vectors (reserving untouched memory is free), ~1 node per
// 384 bytes and 1 edge declaration per 32 (real files: 300-490 and 36-53).
void ReserveForInput(GraphBuilder& builder, uint64_t bytes);
// The edge part only (e.g. the builder that the other regions' builders are
// merged into: room for the whole file's edges, so merging never copies).
void ReserveEdgesForInput(GraphBuilder& builder, uint64_t bytes);

// std::move(builder).Build(); its errors (limits) become InvalidArgument
// "FILE: error: ...", like every other fault of the input.
[[nodiscard]] absl::StatusOr<Graph> BuildLoadedGraph(std::string_view file_name, GraphBuilder&& builder);

// Reads consecutive chunks of one ops array into one builder, reusing one
// parser (its buffers stay warm). Each chunk must be a JSON array of ops
// ("[" op, ..., op "]", the last chunk with whatever follows the real "]")
// followed by kFileBufferPadding readable bytes. Adds the chunk's ops to
// *num_ops. Errors are not located: on any error the caller parses the whole
// input again with ReadSparkOps to report it.
class ChunkOpReader {
 public:
  ChunkOpReader();
  ~ChunkOpReader();
  ChunkOpReader(const ChunkOpReader&) = delete;
  ChunkOpReader& operator=(const ChunkOpReader&) = delete;

  [[nodiscard]] absl::Status Read(std::string_view chunk, GraphBuilder& builder, uint64_t* num_ops);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace etldag::load_internal

#endif  // ETLDAG_ENGINE_LOAD_INTERNAL_OP_READER_H_
