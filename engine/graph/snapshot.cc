// Snapshot writer and sniffing; the reader is in snapshot_read.cc. Format in
// snapshot.h, structures in snapshot_format.h.
#include "engine/graph/snapshot.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <bit>
#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/base/status.h"
#include "engine/base/strings.h"
#include "engine/graph/internal/snapshot_format.h"

namespace etldag {
namespace {

using snapshot::Header;
using snapshot::kNumSections;
using snapshot::SectionEntry;

[[nodiscard]] absl::Status FileError(std::string_view path, std::string_view what, int err) {
  return absl::Status(absl::ErrnoToStatusCode(err),
                      absl::StrCat(ToAbsl(path), ": error: ", ToAbsl(what), ": ", std::strerror(err)));
}

template <typename T>
std::span<const char> Bytes(std::span<const T> s) {
  return {reinterpret_cast<const char*>(s.data()), s.size_bytes()};
}

// The arrays of `a` as bytes, in section order (index = kind - 1).
std::array<std::span<const char>, kNumSections> SectionBytes(const GraphArrays& a) {
  return {Bytes(a.names),      Bytes(a.name_offsets), Bytes(a.out_offsets),
          Bytes(a.out_targets), Bytes(a.in_offsets),  Bytes(a.in_targets),
          Bytes(a.kinds),      Bytes(a.flags),        Bytes(a.kind_names),
          Bytes(a.kind_name_offsets), Bytes(a.disagreements), Bytes(a.self_loops),
          Bytes(a.attr_strings), Bytes(a.attr_string_offsets), Bytes(a.node_attrs),
          Bytes(a.tag_offsets), Bytes(a.tag_ids), Bytes(a.fqn_offsets), Bytes(a.fqn_ids),
          Bytes(a.graph_attrs)};
}

// Buffered sequential writes to a file descriptor, hashing what it writes.
class HashingWriter {
 public:
  HashingWriter(int fd, std::string_view path, uint64_t start)
      : fd_(fd), path_(path), written_(start) {
    buf_.reserve(kBuf);
  }

  absl::Status Append(std::span<const char> bytes) {
    hash_.Update(bytes);
    while (!bytes.empty()) {
      const size_t take = std::min(bytes.size(), kBuf - buf_.size());
      buf_.insert(buf_.end(), bytes.begin(), bytes.begin() + take);
      bytes = bytes.subspan(take);
      if (buf_.size() == kBuf) RETURN_IF_ERROR(Flush());
    }
    return absl::OkStatus();
  }
  absl::Status PadTo(uint64_t offset) {  // zero bytes up to `offset`
    static constexpr char kZeros[snapshot::kAlign] = {};
    const uint64_t n = offset - position();
    return Append({kZeros, static_cast<size_t>(n)});
  }
  absl::Status Flush() {
    RETURN_IF_ERROR(WriteAll(buf_.data(), buf_.size(), written_));
    written_ += buf_.size();
    buf_.clear();
    return absl::OkStatus();
  }
  absl::Status WriteAll(const char* p, size_t n, uint64_t at) {
    while (n > 0) {
      const ssize_t w = ::pwrite(fd_, p, n, static_cast<off_t>(at));
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) return FileError(path_, "cannot write", errno);
      p += w, n -= static_cast<size_t>(w), at += static_cast<uint64_t>(w);
    }
    return absl::OkStatus();
  }
  uint64_t position() const { return written_ + buf_.size(); }
  uint64_t digest() const { return hash_.Digest(); }

 private:
  static constexpr size_t kBuf = size_t{1} << 20;
  int fd_;
  std::string_view path_;
  uint64_t written_;
  std::vector<char> buf_;
  snapshot::ChecksumStream hash_;
};

Header MakeHeader(const Graph& g) {
  const GraphArrays& a = g.arrays();
  Header h{};
  std::memcpy(h.magic, snapshot::kMagic, sizeof(h.magic));
  h.version = snapshot::kVersion;
  h.header_size = sizeof(Header);
  h.section_count = kNumSections;
  h.num_nodes = g.num_nodes();
  h.num_edges = g.num_edges();
  h.num_kinds = g.num_kinds();
  h.num_disagreements = a.disagreements.size();
  h.num_self_loops = a.self_loops.size();
  h.name_bytes = a.names.size();
  h.kind_name_bytes = a.kind_names.size();
  return h;
}

// Writes header, table and sections of `g` to `fd` (an empty file).
[[nodiscard]] absl::Status WriteTo(int fd, std::string_view path, const Graph& g) {
  Header header = MakeHeader(g);
  const auto sections = SectionBytes(g.arrays());
  std::array<SectionEntry, kNumSections> table{};
  uint64_t end = snapshot::kFirstSectionOffset;
  for (uint32_t i = 0; i < kNumSections; ++i) {
    const uint64_t offset = snapshot::AlignUp(end);
    table[i] = SectionEntry{i + 1, snapshot::kElemSize[i + 1], offset, sections[i].size()};
    end = offset + sections[i].size();
  }
  header.file_size = end;
  // The payload (everything after the header) is streamed and hashed; the
  // header, which holds the payload checksum, is written last at offset 0.
  HashingWriter out(fd, path, sizeof(Header));
  RETURN_IF_ERROR(out.Append({reinterpret_cast<const char*>(table.data()), sizeof(table)}));
  for (uint32_t i = 0; i < kNumSections; ++i) {
    RETURN_IF_ERROR(out.PadTo(table[i].offset));
    RETURN_IF_ERROR(out.Append(sections[i]));
  }
  RETURN_IF_ERROR(out.Flush());
  header.payload_checksum = out.digest();
  const char* header_bytes = reinterpret_cast<const char*>(&header);
  header.header_checksum = snapshot::Checksum(snapshot::kVersion, {header_bytes, snapshot::kHeaderChecksummedBytes});
  return out.WriteAll(header_bytes, sizeof(Header), 0);
}

// Closes `fd` on every path out of WriteSnapshot.
struct FdCloser {
  int fd;
  ~FdCloser() {
    if (fd >= 0) ::close(fd);
  }
};

// Flushes the rename itself to disk (best effort: not every filesystem
// supports fsync on a directory).
void SyncParentDir(const std::string& path) {
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);
  ::close(fd);
}

}  // namespace

bool LooksLikeSnapshot(std::string_view first_bytes) {
  return first_bytes.substr(0, kSnapshotSniffBytes) ==
         std::string_view(snapshot::kMagic, kSnapshotSniffBytes);
}

absl::Status WriteSnapshot(const Graph& graph, std::string_view path) {
  if constexpr (std::endian::native != std::endian::little) {
    return absl::UnimplementedError("snapshots are little-endian; this host is big-endian");
  }
  const std::string final_path(path);
  const std::string tmp = absl::StrCat(ToAbsl(path), ".tmp.", ::getpid());
  FdCloser file{::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)};
  if (file.fd < 0) return FileError(path, absl::StrCat("cannot create ", tmp), errno);
  absl::Status status = WriteTo(file.fd, path, graph);  // messages name `path`
  if (status.ok() && ::fsync(file.fd) != 0) status = FileError(path, "cannot sync", errno);
  const int fd = file.fd;
  file.fd = -1;
  if (::close(fd) != 0 && status.ok()) status = FileError(path, "cannot close", errno);
  if (status.ok() && ::rename(tmp.c_str(), final_path.c_str()) != 0) {
    status = FileError(path, "cannot rename the temporary file into place", errno);
  }
  if (!status.ok()) {
    ::unlink(tmp.c_str());
    return status;
  }
  SyncParentDir(final_path);
  return absl::OkStatus();
}

}  // namespace etldag
