// Binary snapshots of a Graph: `etldag index` writes one, every command loads
// it by mmap instead of parsing JSON.
//
// Format, version 2 (all integers little-endian; a big-endian host gets
// Unimplemented rather than a file other hosts cannot read):
//   [0,128)    header: magic "ETLDAG\0\1", format version, header size, flags,
//              section count, total file size, n, m, num_kinds, counts of
//              disagreements and self-loops, name/kind-name arena sizes, the
//              payload checksum, and the header checksum (of bytes [0,120)).
//   [128,608)  section table: 20 entries {kind u32, elem_size u32, offset u64,
//              size u64}, in file order.
//   then the 20 arrays of GraphArrays, each starting 64-byte aligned, zero
//   padding between: names, name_offsets, out_offsets, out_targets,
//   in_offsets, in_targets, kinds (u16), flags (u8), kind_names,
//   kind_name_offsets, disagreements (12 bytes each), self_loops.
// Ids are in name order, so Find() is a binary search over the mapped arrays:
// nothing is rebuilt on load.
//
// The last 8 sections are the dbt attributes (node_attributes.h), empty for a
// graph without them. Version 1 (still read) has the first 12 sections only
// and XXH64 checksums; it loads as a graph without attributes.
//
// Checksum: XXH3-64 (seed 0, Debian's libxxhash; snapshot_format.h) of every
// byte after the header, and of the header itself; it runs at memory speed and catches flipped bytes
// anywhere. It is not a defence against a crafted file, so the reader also
// verifies the structure (offsets monotone and in range, ids < n, lists
// strictly sorted, names sorted and unique, kinds < num_kinds, flags known,
// disagreements and self-loops consistent with the edges, in-CSR the
// transpose of out-CSR by a keyed multiset hash, see snapshot_verify.cc): no
// later access can go out of bounds and no algorithm's assumption can be
// broken by a bad file. Sequential O(size) passes, in parallel with the
// checksum; no allocation.
//
// The version changes whenever the layout does; a reader accepts versions 1
// to its own and refuses others with a re-index message. Writes are atomic (temporary file in the same directory, fsync,
// rename), so a mapped snapshot is never truncated under a reader by etldag.
#ifndef ETLDAG_ENGINE_GRAPH_SNAPSHOT_H_
#define ETLDAG_ENGINE_GRAPH_SNAPSHOT_H_

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/graph/graph.h"

namespace etldag {

// Bytes LooksLikeSnapshot() needs to decide.
inline constexpr size_t kSnapshotSniffBytes = 6;

// True when `first_bytes` begin with "ETLDAG" (a JSON file never does). A
// prefix is enough so that a truncated or foreign-version snapshot gets a
// snapshot error, not a JSON one.
bool LooksLikeSnapshot(std::string_view first_bytes);

// Writes `graph` to `path` atomically. Errors name the path and the reason.
[[nodiscard]] absl::Status WriteSnapshot(const Graph& graph, std::string_view path);

// Optional timings of a read.
struct SnapshotReadStats {
  double map_seconds = 0;       // open + mmap (or read, for a pipe)
  double checksum_seconds = 0;  // header + payload checksums
  double verify_seconds = 0;    // structure verification
  uint64_t file_bytes = 0;
};

// Maps and validates a snapshot. Errors: NotFound/PermissionDenied/... for an
// unreadable file; InvalidArgument for a foreign file or another version;
// DataLoss for a truncated or corrupt one. Messages read "PATH: error: ...".
[[nodiscard]] absl::StatusOr<Graph> ReadSnapshot(std::string_view path,
                                                 SnapshotReadStats* stats = nullptr);

// The same over bytes in memory kept alive by `owner` (stdin, fuzzing). Bytes
// not 8-byte aligned are copied first.
[[nodiscard]] absl::StatusOr<Graph> ReadSnapshotFromBuffer(std::string display_name,
                                                           std::shared_ptr<const void> owner,
                                                           std::span<const char> bytes,
                                                           SnapshotReadStats* stats = nullptr);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_GRAPH_SNAPSHOT_H_
