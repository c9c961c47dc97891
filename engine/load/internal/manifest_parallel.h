// Internal to the load module: a large dbt manifest read by several readers
// at once, each over its own part.
//
// Why: a manifest is one JSON document, and reading its nodes and maps on
// one thread is most of the time of a command on a large project.
//
// How: the document is cut at K - 1 evenly spaced byte offsets into K
// ranges, one per task (K: the thread limit, fewer when K copies of the
// index would pass ReaderOptions::max_index_bytes). A task indexes the whole document with its own
// simdjson parser and reads its range with its own ManifestReader and
// GraphBuilder (ManifestReader::ReadRange): the entries of the top-level
// objects (nodes, sources, parent_map, child_map, macros, ...) from the
// first whose key starts at or after the range's start to the first whose
// key starts at or after its end, and the other top-level values in
// between; what lies before its range it skips unread. A task that is done
// splits the range with the most bytes left: it lowers that range's end to
// the middle of what is left and reads from there to the old end (a range
// may run past the bytes, since ranges of nodes cost more per byte than
// ranges of maps). The ranges' builders are then merged in file order
// (GraphBuilder::MergeFrom), and the map edges of every range are looked up
// in the merged names in parallel and added in order
// (ManifestReader::ResolveMapEdges, AddMapEdges).
//
// The split is safe while the other reader runs: it publishes the key of
// each entry before reading it and then reads its end, the splitter writes
// the end and then reads that key (all sequentially consistent). When the
// key it reads is before the new end, the reader will stop exactly at the
// first entry at or after it; otherwise the splitter waits for the entry
// the reader stopped at and starts there (RangeControl).
//
// Why the result is exact: every reader walks the same document, so "the
// first entry whose key starts at or after t" is the same entry for the
// reader that stops there and the one that starts there; the ranges cover
// the document once, every value read or validated as the one-reader path
// does, and the reader of the last range checks the end of the document. A merged builder is the one a single reader fed the ranges in file
// order builds (graph_builder.h), and Build() lays everything out by name.
// The tests compare both paths byte for byte (snapshots).
//
// Any error, or an id defined in two ranges, returns false: "read it whole",
// and the one-reader path reports the error at its exact location.
#ifndef ETLDAG_ENGINE_LOAD_INTERNAL_MANIFEST_PARALLEL_H_
#define ETLDAG_ENGINE_LOAD_INTERNAL_MANIFEST_PARALLEL_H_

#include <cstddef>
#include <cstdint>

#include "absl/status/statusor.h"
#include "engine/graph/graph_builder.h"
#include "engine/load/internal/load_error.h"

namespace etldag::load_internal {

struct ReaderOptions {
  size_t readers = 2;                             // at most this many tasks
  uint64_t min_range_bytes = uint64_t{1} << 20;   // smaller documents get fewer tasks
  uint64_t min_split_bytes = uint64_t{2} << 20;   // a range with less left is not split
  // Every task indexes the whole document (simdjson: up to 4 bytes per
  // structural character): at most this many bytes of text indexed in all,
  // and never fewer than two tasks.
  uint64_t max_index_bytes = uint64_t{1} << 30;
};

// What a manifest read leaves for GraphBuilder::Build and the stats.
struct ManifestParse {
  GraphBuilder builder;
  int version = 0;
  uint64_t num_nodes = 0;
  uint64_t ignored_map_edges = 0;
  size_t tasks = 1, ranges = 1;  // how the document was read
};

// Reads the manifest `in` (the JSON text after in.start, followed by
// kFileBufferPadding readable bytes) with up to options.readers readers
// into *out. true = *out filled; false = read it whole (nothing was kept;
// also when one reader would do).
[[nodiscard]] absl::StatusOr<bool> ReadManifestInParallel(const JsonInput& in, const ReaderOptions& options,
                                                          ManifestParse* out);

}  // namespace etldag::load_internal

#endif  // ETLDAG_ENGINE_LOAD_INTERNAL_MANIFEST_PARALLEL_H_
