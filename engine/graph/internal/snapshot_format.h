// On-disk structures of the snapshot format (see snapshot.h for the format
// description). Internal to the graph module: shared by the writer
// (snapshot.cc), the reader (snapshot_read.cc) and the structure verifier
// (snapshot_verify.cc).
#ifndef ETLDAG_ENGINE_GRAPH_INTERNAL_SNAPSHOT_FORMAT_H_
#define ETLDAG_ENGINE_GRAPH_INTERNAL_SNAPSHOT_FORMAT_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "absl/status/status.h"
#include "engine/graph/graph.h"

namespace etldag::snapshot {

inline constexpr char kMagic[8] = {'E', 'T', 'L', 'D', 'A', 'G', '\0', '\1'};
inline constexpr uint32_t kVersion = 2;
inline constexpr uint32_t kOldestVersion = 1;  // version 1: 12 sections, XXH64
inline constexpr uint64_t kAlign = 64;

struct Header {                 // 128 bytes at offset 0
  char magic[8];                // kMagic
  uint32_t version;             // kVersion
  uint32_t header_size;         // sizeof(Header)
  uint32_t flags;               // reserved, 0
  uint32_t section_count;       // kNumSections
  uint64_t file_size;           // total bytes, header included
  uint64_t num_nodes;
  uint64_t num_edges;
  uint64_t num_kinds;
  uint64_t num_disagreements;
  uint64_t num_self_loops;
  uint64_t name_bytes;
  uint64_t kind_name_bytes;
  uint64_t payload_checksum;    // Checksum() of bytes [header_size, file_size)
  uint64_t reserved[3];         // 0
  uint64_t header_checksum;     // Checksum() of bytes [0, 120)
};
static_assert(sizeof(Header) == 128);
inline constexpr size_t kHeaderChecksummedBytes = offsetof(Header, header_checksum);

struct SectionEntry {           // the section table follows the header
  uint32_t kind;                // SectionKind
  uint32_t elem_size;           // bytes per element
  uint64_t offset;              // from the start of the file, kAlign-aligned
  uint64_t size;                // bytes (a multiple of elem_size)
};
static_assert(sizeof(SectionEntry) == 24);

// Section kinds, in file order (kind k is the k-th section, 1-based).
enum SectionKind : uint32_t {
  kNames = 1, kNameOffsets, kOutOffsets, kOutTargets, kInOffsets, kInTargets,
  kKinds, kFlags, kKindNames, kKindNameOffsets, kDisagreements, kSelfLoops,
  // version 2: dbt attributes (node_attributes.h), empty for plain graphs
  kAttrStrings, kAttrStringOffsets, kNodeAttrs, kTagOffsets, kTagIds, kFqnOffsets, kFqnIds,
  kGraphAttrs,
};
inline constexpr uint32_t kNumSections = 20;
inline constexpr uint32_t kNumSectionsV1 = 12;
// Element size of each section kind (index = kind; 0 unused).
inline constexpr uint32_t kElemSize[kNumSections + 1] = {
    0, 1, 4, sizeof(EdgeIndex), 4, sizeof(EdgeIndex), 4, sizeof(KindId), 1, 1, 4,
    sizeof(Disagreement), 4, 1, 4, 4, 4, 4, 4, 4, 4};

inline constexpr uint32_t NumSections(uint32_t version) { return version == 1 ? kNumSectionsV1 : kNumSections; }

inline constexpr uint64_t AlignUp(uint64_t x) { return (x + kAlign - 1) & ~(kAlign - 1); }
inline constexpr uint64_t FirstSectionOffset(uint32_t num_sections) {
  return AlignUp(sizeof(Header) + num_sections * sizeof(SectionEntry));
}
inline constexpr uint64_t kFirstSectionOffset = FirstSectionOffset(kNumSections);

// The checksum of a format version: XXH3-64 (seed 0) since version 2, XXH64
// (seed 0) in version 1; both Debian's libxxhash.
uint64_t Checksum(uint32_t version, std::span<const char> bytes);

// Incremental Checksum(kVersion, ...) for the writer.
class ChecksumStream {
 public:
  ChecksumStream();
  ~ChecksumStream();
  ChecksumStream(const ChecksumStream&) = delete;
  ChecksumStream& operator=(const ChecksumStream&) = delete;
  void Update(std::span<const char> bytes);
  uint64_t Digest() const;

 private:
  void* state_;  // XXH3_state_t (xxhash.h stays in checksum.cc)
};

// Checks every array of a graph read from a snapshot, so that no accessor of
// Graph (nor any algorithm relying on its documented invariants) can read out
// of bounds or be lied to. Returns "<what>" in an InvalidArgument/DataLoss
// status (the caller prefixes the file name).
[[nodiscard]] absl::Status VerifyStructure(const GraphArrays& a);

}  // namespace etldag::snapshot

#endif  // ETLDAG_ENGINE_GRAPH_INTERNAL_SNAPSHOT_FORMAT_H_
