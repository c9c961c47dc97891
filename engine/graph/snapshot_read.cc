// Snapshot reader: map, check the header, the checksums and the section
// table, then verify the structure (snapshot_verify.cc) and wrap the mapped
// arrays in a Graph without copying them. Format in snapshot.h.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <bit>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/base/status.h"
#include "engine/base/strings.h"
#include "engine/graph/snapshot.h"
#include "engine/graph/internal/snapshot_format.h"
#include "tbb/parallel_invoke.h"
#include "engine/base/stopwatch.h"

namespace etldag {
namespace {

using snapshot::Header;
using snapshot::kNumSections;
using snapshot::SectionEntry;
using Clock = SteadyClock;


[[nodiscard]] absl::Status Foreign(std::string_view what) { return absl::InvalidArgumentError(ToAbsl(what)); }
[[nodiscard]] absl::Status Corrupt(std::string_view what) {
  return absl::DataLossError(absl::StrCat("corrupt snapshot: ", ToAbsl(what)));
}
[[nodiscard]] absl::Status Truncated(uint64_t have, uint64_t need) {
  return absl::DataLossError(
      absl::StrCat("truncated snapshot: ", have, " bytes, expected ", need));
}

// Magic, version, header checksum and header fields.
[[nodiscard]] absl::StatusOr<Header> CheckHeader(std::span<const char> bytes) {
  const std::string_view magic(snapshot::kMagic, sizeof(snapshot::kMagic));
  const std::string_view head(bytes.data(), std::min(bytes.size(), magic.size()));
  if (bytes.empty()) return Foreign("empty file, not an etldag snapshot");
  if (head != magic.substr(0, head.size())) {
    return Foreign("not an etldag snapshot (bad magic bytes)");
  }
  if (bytes.size() < sizeof(Header)) return Truncated(bytes.size(), sizeof(Header));
  Header h;
  std::memcpy(&h, bytes.data(), sizeof(h));
  if (h.version < snapshot::kOldestVersion || h.version > snapshot::kVersion) {
    return Foreign(absl::StrCat("written by ", h.version > snapshot::kVersion ? "a newer" : "an older",
                                " etldag (snapshot format version ", h.version, "; this etldag reads versions ",
                                snapshot::kOldestVersion, " to ", snapshot::kVersion, "); re-index: run `etldag index` again"));
  }
  if (snapshot::Checksum(h.version, bytes.first(snapshot::kHeaderChecksummedBytes)) != h.header_checksum) {
    return Corrupt("header checksum mismatch");
  }
  if (h.header_size != sizeof(Header) || h.flags != 0 || h.section_count != snapshot::NumSections(h.version) ||
      h.reserved[0] != 0 || h.reserved[1] != 0 || h.reserved[2] != 0) {
    return Corrupt("unexpected header fields");
  }
  if (h.num_nodes > kMaxNodes || h.num_edges > kMaxEdges || h.num_kinds > kMaxKinds ||
      h.name_bytes > kMaxNameBytes || h.kind_name_bytes > kMaxNameBytes ||
      h.num_disagreements > h.num_edges || h.num_self_loops > h.num_nodes) {
    return Corrupt("header counts out of range");
  }
  if (bytes.size() < h.file_size) return Truncated(bytes.size(), h.file_size);
  if (bytes.size() > h.file_size) {
    return Corrupt(absl::StrCat(bytes.size() - h.file_size, " bytes after the end of the snapshot"));
  }
  return h;
}

// Byte size of each section implied by the header counts.
uint64_t ExpectedSize(uint32_t kind, const Header& h) {
  const uint64_t n = h.num_nodes, m = h.num_edges;
  switch (kind) {
    case snapshot::kNames: return h.name_bytes;
    case snapshot::kKinds: return n * sizeof(KindId);
    case snapshot::kFlags: return n;
    case snapshot::kKindNames: return h.kind_name_bytes;
    case snapshot::kKindNameOffsets: return (h.num_kinds + 1) * 4;
    case snapshot::kDisagreements: return h.num_disagreements * sizeof(Disagreement);
    case snapshot::kSelfLoops: return h.num_self_loops * 4;
    case snapshot::kOutTargets:
    case snapshot::kInTargets: return m * 4;
    default: return (n + 1) * 4;  // name_offsets, out_offsets, in_offsets
  }
}

// Version-2 attribute sections: sizes the header does not fix. Either all
// empty (a plain graph) or rows/offsets sized by n; the rest is checked by
// VerifyStructure.
bool AttributeSizeOk(uint32_t kind, uint64_t size, const Header& h) {
  const uint64_t n = h.num_nodes;
  if (size % snapshot::kElemSize[kind] != 0) return false;
  switch (kind) {
    case snapshot::kNodeAttrs: return size == 0 || size == n * kNumAttrFields * 4;
    case snapshot::kTagOffsets:
    case snapshot::kFqnOffsets: return size == 0 || size == (n + 1) * 4;
    case snapshot::kGraphAttrs: return size == 0 || size == kNumGraphAttrs * 4;
    default: return true;
  }
}

// The table must describe exactly the canonical layout the writer produces.
// A version-1 table has 12 entries; the attribute entries stay zero (empty).
[[nodiscard]] absl::Status CheckTable(std::span<const char> bytes, const Header& h,
                        std::array<SectionEntry, kNumSections>& table) {
  const uint32_t count = snapshot::NumSections(h.version);
  table = {};
  if (bytes.size() < sizeof(Header) + count * sizeof(SectionEntry)) {
    return Corrupt(absl::StrCat("file too short for the section table (", bytes.size(), " bytes)"));
  }
  std::memcpy(table.data(), bytes.data() + sizeof(Header), count * sizeof(SectionEntry));
  uint64_t end = snapshot::FirstSectionOffset(count);
  for (uint32_t i = 0; i < count; ++i) {
    const SectionEntry& e = table[i];
    const uint32_t kind = i + 1;
    const bool size_ok = kind <= snapshot::kNumSectionsV1 ? e.size == ExpectedSize(kind, h)
                                                          : AttributeSizeOk(kind, e.size, h);
    if (e.kind != kind || e.elem_size != snapshot::kElemSize[kind] ||
        e.offset != snapshot::AlignUp(end) || e.size > bytes.size() || !size_ok) {
      return Corrupt(absl::StrCat("section table entry ", i, " does not match the header"));
    }
    end = e.offset + e.size;
  }
  if (end != h.file_size) return Corrupt("file size does not match the section table");
  return absl::OkStatus();
}

template <typename T>
std::span<const T> View(const char* base, const SectionEntry& e) {
  return {reinterpret_cast<const T*>(base + e.offset), e.size / sizeof(T)};
}

GraphArrays ArraysOf(const char* base, const std::array<SectionEntry, kNumSections>& t) {
  using namespace snapshot;  // NOLINT: section kinds, local to this function
  // An entry left zero (version 1) is an empty view at the file's start.
  auto at = [&](SectionKind k) -> const SectionEntry& { return t[k - 1]; };
  return GraphArrays{
      View<char>(base, at(kNames)),           View<uint32_t>(base, at(kNameOffsets)),
      View<EdgeIndex>(base, at(kOutOffsets)), View<NodeId>(base, at(kOutTargets)),
      View<EdgeIndex>(base, at(kInOffsets)),  View<NodeId>(base, at(kInTargets)),
      View<KindId>(base, at(kKinds)),         View<uint8_t>(base, at(kFlags)),
      View<char>(base, at(kKindNames)),       View<uint32_t>(base, at(kKindNameOffsets)),
      View<Disagreement>(base, at(kDisagreements)), View<NodeId>(base, at(kSelfLoops)),
      View<char>(base, at(kAttrStrings)),     View<uint32_t>(base, at(kAttrStringOffsets)),
      View<AttrId>(base, at(kNodeAttrs)),     View<uint32_t>(base, at(kTagOffsets)),
      View<AttrId>(base, at(kTagIds)),        View<uint32_t>(base, at(kFqnOffsets)),
      View<AttrId>(base, at(kFqnIds)),        View<AttrId>(base, at(kGraphAttrs))};
}

// Everything after the bytes are in memory, 8-byte aligned. The payload
// checksum and the structure checks run in parallel (the checks are safe on
// any bytes once the table is); a checksum mismatch is reported first.
[[nodiscard]] absl::StatusOr<Graph> ReadAligned(std::shared_ptr<const void> owner, std::span<const char> bytes,
                                  SnapshotReadStats* stats) {
  ASSIGN_OR_RETURN(const Header h, CheckHeader(bytes));
  std::array<SectionEntry, kNumSections> table;
  RETURN_IF_ERROR(CheckTable(bytes, h, table));
  const GraphArrays arrays = ArraysOf(bytes.data(), table);
  bool checksum_ok = false;
  absl::Status structure;
  double checksum_seconds = 0, verify_seconds = 0;
  tbb::parallel_invoke(
      [&] {
        const Clock::time_point t = Clock::now();
        checksum_ok = snapshot::Checksum(h.version, bytes.subspan(sizeof(Header))) == h.payload_checksum;
        checksum_seconds = SecondsSince(t);
      },
      [&] {
        const Clock::time_point t = Clock::now();
        structure = snapshot::VerifyStructure(arrays);
        verify_seconds = SecondsSince(t);
      });
  if (stats != nullptr) {
    stats->checksum_seconds = checksum_seconds;
    stats->verify_seconds = verify_seconds;
  }
  if (!checksum_ok) return Corrupt("checksum mismatch (the file is damaged)");
  RETURN_IF_ERROR(structure);
  return Graph::FromValidatedArrays(arrays, std::move(owner));
}

[[nodiscard]] absl::Status WithName(std::string_view name, const absl::Status& s) {
  return absl::Status(s.code(), absl::StrCat(ToAbsl(name), ": error: ", s.message()));
}

[[nodiscard]] absl::Status FileError(std::string_view path, std::string_view what, int err) {
  return absl::Status(absl::ErrnoToStatusCode(err),
                      absl::StrCat(ToAbsl(path), ": error: ", ToAbsl(what), ": ", std::strerror(err)));
}

// Reads a non-regular file (pipe, character device) to its end.
[[nodiscard]] absl::StatusOr<std::shared_ptr<std::string>> ReadAll(int fd, std::string_view path) {
  auto data = std::make_shared<std::string>();
  std::vector<char> chunk(size_t{1} << 20);
  for (;;) {
    const ssize_t r = ::read(fd, chunk.data(), chunk.size());
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return FileError(path, "cannot read", errno);
    if (r == 0) return data;
    data->append(chunk.data(), static_cast<size_t>(r));
  }
}

}  // namespace

absl::StatusOr<Graph> ReadSnapshotFromBuffer(std::string display_name, std::shared_ptr<const void> owner,
                                             std::span<const char> bytes, SnapshotReadStats* stats) {
  if constexpr (std::endian::native != std::endian::little) {
    return absl::UnimplementedError("snapshots are little-endian; this host is big-endian");
  }
  if (reinterpret_cast<uintptr_t>(bytes.data()) % 8 != 0) {  // sections need aligned access
    auto copy = std::make_shared<std::vector<uint64_t>>((bytes.size() + 7) / 8);
    std::memcpy(copy->data(), bytes.data(), bytes.size());
    bytes = {reinterpret_cast<const char*>(copy->data()), bytes.size()};
    owner = std::move(copy);
  }
  if (stats != nullptr) stats->file_bytes = bytes.size();
  absl::StatusOr<Graph> g = ReadAligned(std::move(owner), bytes, stats);
  if (!g.ok()) return WithName(display_name, g.status());
  return g;
}

absl::StatusOr<Graph> ReadSnapshot(std::string_view path, SnapshotReadStats* stats) {
  const Clock::time_point t = Clock::now();
  const std::string name(path);
  const int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return FileError(path, "cannot open", errno);
  struct stat st;
  if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
    const int err = S_ISDIR(st.st_mode) ? EISDIR : errno;
    ::close(fd);
    return FileError(path, "cannot read", err);
  }
  if (!S_ISREG(st.st_mode) || st.st_size == 0) {  // a pipe or device: read it
    absl::StatusOr<std::shared_ptr<std::string>> data = ReadAll(fd, path);
    ::close(fd);
    if (!data.ok()) return data.status();
    if (stats != nullptr) stats->map_seconds = SecondsSince(t);
    const std::span<const char> bytes((*data)->data(), (*data)->size());
    return ReadSnapshotFromBuffer(name, *std::move(data), bytes, stats);
  }
  const size_t size = static_cast<size_t>(st.st_size);
  // MAP_POPULATE: the checksum touches every page anyway; faulting them in
  // one call is cheaper than one fault per page.
  void* addr = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  const int err = errno;
  ::close(fd);
  if (addr == MAP_FAILED) return FileError(path, "cannot map", err);
  std::shared_ptr<const void> owner(addr, [size](const void* p) { ::munmap(const_cast<void*>(p), size); });
  if (stats != nullptr) stats->map_seconds = SecondsSince(t);
  return ReadSnapshotFromBuffer(name, std::move(owner), {static_cast<const char*>(addr), size}, stats);
}

}  // namespace etldag
