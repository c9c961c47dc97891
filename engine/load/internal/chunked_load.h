// Internal to the load module: spark_ops.json parsed in chunks of about a
// megabyte instead of as one document.
//
// Why: parsing the whole file at once needs the file in memory plus
// simdjson's index of it (~4 bytes per structural character), all fresh
// memory; on a VM whose first touch of a page costs microseconds, faulting
// those pages in costs more than parsing. Chunks reuse one small buffer and
// one parser whose memory stays warm, and peak memory no longer includes
// the file.
//
// How: a chunk ends at the last "}" "," "{" (JSON whitespace allowed
// between) in the bytes read so far; the "," is replaced by "]" and the next
// chunk starts with a synthetic "[" followed by the bytes after the ",". The
// cut is a guess: it may fall inside a string or inside a nested value. Then
// the chunk is not valid JSON (a string left open, or a container left
// unclosed) and the loader rejects it; so a chunk that parses proves its cut
// was between two top-level ops. Any rejection returns "parse it whole",
// and the caller re-parses the whole input with the one-document loader,
// which reports errors with their exact line and column (or, when the guess
// was merely wrong, loads the file the slow way).
//
// In parallel: a regular file is split into regions at guessed cuts found
// the same way (the ',' of a "}" "," "{" near k * size / R). Each region is
// a stream of its own, "[" + its bytes + "]" (the first keeps the file's
// start, the last its end), parsed chunk by chunk into its own GraphBuilder
// by one task; the builders are then merged (GraphBuilder::MergeFrom) and
// built once. Why the result is exact: region 0 starts where the file
// starts, so when it parses, its end, a ',' the file has where the region
// has "]", sits between two top-level ops; region 1 then starts at a real op,
// and so on. An op defined in two regions fails the merge: "parse it whole".
// The graph never depends on the number of regions (Build orders by name).
#ifndef ETLDAG_ENGINE_LOAD_INTERNAL_CHUNKED_LOAD_H_
#define ETLDAG_ENGINE_LOAD_INTERNAL_CHUNKED_LOAD_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "engine/graph/graph.h"
#include "engine/load/spark_ops.h"

namespace etldag::load_internal {

inline constexpr size_t kDefaultChunkBytes = size_t{1} << 20;

// Reads up to `n` bytes into `dst`: how many were read (0 = end of input),
// or an I/O error (its message is the full text to print).
using ReadBytes = absl::FunctionRef<absl::StatusOr<size_t>(char* dst, size_t n)>;

// Reads up to `n` bytes at `offset` into `dst` (0 = end of input); called
// from several threads at once.
using ReadBytesAt = absl::FunctionRef<absl::StatusOr<size_t>(char* dst, size_t n, uint64_t offset)>;

inline constexpr uint64_t kToEndOfFile = ~uint64_t{0};

// One region of a file: bytes [begin, end), read as "[" + bytes + "]" with
// `open` / `close` saying whether those synthetic brackets are added.
struct Region {
  uint64_t begin = 0, end = kToEndOfFile;
  bool open = false, close = false;
};

struct RegionOptions {
  int regions = 1;                               // at most this many (one task each)
  uint64_t min_region_bytes = uint64_t{8} << 20;  // smaller files get fewer regions
  size_t chunk_bytes = kDefaultChunkBytes;
};

// The regions ParseSparkOpsInRegions would parse a file of `size` bytes in.
[[nodiscard]] absl::StatusOr<std::vector<Region>> PlanRegions(ReadBytesAt read_at, uint64_t size, const RegionOptions& options);

// ParseSparkOpsInChunks over a regular file of `size` bytes, its regions
// parsed concurrently (oneTBB tasks; the global thread limit applies).
// Same contract: true = *graph loaded; false = parse it whole. stats
// file_bytes = the file's bytes read (for InputFile::CheckUnchanged).
[[nodiscard]] absl::StatusOr<bool> ParseSparkOpsInRegions(std::string_view file_name, ReadBytesAt read_at, uint64_t size,
                                            const RegionOptions& options, Graph* graph,
                                            LoadStats* stats = nullptr);

// Parses the spark_ops.json text delivered by `read`, `chunk_bytes` at a time
// (>= 1; chunks grow to hold an op larger than that) into *graph. Returns
// true when it did; false when the text is not a valid ops array or a chunk
// was cut badly (the caller parses the whole input with ParseSparkOps, which
// locates the error or loads it); or an error that needs no location (from
// `read`, the size limit, out of memory, GraphBuilder::Build).
// `size_hint` = the input's size if known (0 = unknown), to reserve memory.
[[nodiscard]] absl::StatusOr<bool> ParseSparkOpsInChunks(std::string_view file_name, ReadBytes read, Graph* graph,
                                           size_t chunk_bytes = kDefaultChunkBytes, uint64_t size_hint = 0,
                                           LoadStats* stats = nullptr);

}  // namespace etldag::load_internal

#endif  // ETLDAG_ENGINE_LOAD_INTERNAL_CHUNKED_LOAD_H_
