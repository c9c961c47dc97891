#include "engine/load/load_graph.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <string>

#include "engine/base/status.h"
#include "engine/graph/snapshot.h"
#include "engine/load/dbt_manifest.h"
#include "engine/load/file_buffer.h"
#include "engine/base/stopwatch.h"
#include "engine/load/gzip.h"

namespace etldag {
namespace {

using Clock = SteadyClock;

void FillStats(const Graph& g, const SnapshotReadStats& s, double extra_read_seconds, LoadStats* stats) {
  if (stats == nullptr) return;
  *stats = LoadStats{};
  stats->read_seconds = extra_read_seconds + s.map_seconds + s.checksum_seconds;
  stats->parse_seconds = s.verify_seconds;
  stats->file_bytes = s.file_bytes;
  stats->ops = g.num_ops();
  stats->raw_edges = g.num_edges();
}

// The first bytes of a regular file at `path`, or nullopt when it is not a
// regular file or cannot be read (the full loader then reports why).
std::optional<std::string> PeekRegularFile(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  char buf[4096];  // enough to see past leading whitespace to the JSON text
  const ssize_t n = ::pread(fd, buf, sizeof(buf), 0);
  ::close(fd);
  if (n < 0) return std::nullopt;
  return std::string(buf, static_cast<size_t>(n));
}

// A whole stream already in memory: gzip, snapshot, manifest or spark_ops
// JSON by its first bytes. `inflated`: the bytes came out of gzip (a gzip
// inside gzip is not unpacked again).
[[nodiscard]] absl::StatusOr<Graph> LoadBuffer(FileBuffer file, double read_seconds, LoadStats* stats, bool inflated = false) {
  if (!inflated && LooksLikeGzip(file.data())) {
    const Clock::time_point t0 = Clock::now();
    ASSIGN_OR_RETURN(FileBuffer plain, InflateGzip(file.display_name(), file.data()));
    RETURN_IF_ERROR(file.CheckUnchanged());
    const uint64_t compressed = file.data().size();
    file = FileBuffer();
    ASSIGN_OR_RETURN(Graph g, LoadBuffer(std::move(plain),
                                         read_seconds + std::chrono::duration<double>(Clock::now() - t0).count(),
                                         stats, true));
    if (stats != nullptr) stats->file_bytes = compressed;
    return g;
  }
  if (LooksLikeJsonObject(file.data())) {
    ASSIGN_OR_RETURN(Graph g, ParseDbtManifest(file.display_name(), file.data(), stats));
    RETURN_IF_ERROR(file.CheckUnchanged());
    if (stats != nullptr) stats->read_seconds = read_seconds;
    return g;
  }
  if (!LooksLikeSnapshot(file.data())) {
    ASSIGN_OR_RETURN(Graph g, ParseSparkOps(file.display_name(), file.data(), stats));
    RETURN_IF_ERROR(file.CheckUnchanged());
    if (stats != nullptr) stats->read_seconds = read_seconds;
    return g;
  }
  auto owner = std::make_shared<FileBuffer>(std::move(file));
  const std::string_view bytes = owner->data();
  const std::string name(owner->display_name());
  SnapshotReadStats s;
  ASSIGN_OR_RETURN(Graph g, ReadSnapshotFromBuffer(name, owner, {bytes.data(), bytes.size()}, &s));
  FillStats(g, s, read_seconds, stats);
  return g;
}

[[nodiscard]] absl::StatusOr<Graph> LoadWhole(std::string_view path, LoadStats* stats) {
  const Clock::time_point t0 = Clock::now();
  ASSIGN_OR_RETURN(FileBuffer file, FileBuffer::Read(path, FileRead::kMapLarge));
  return LoadBuffer(std::move(file), std::chrono::duration<double>(Clock::now() - t0).count(), stats);
}

}  // namespace

absl::StatusOr<Graph> LoadGraph(std::string_view path, LoadStats* stats) {
  const std::string p(path);
  if (p != "-") {
    if (const std::optional<std::string> head = PeekRegularFile(p); head.has_value()) {
      if (LooksLikeGzip(*head) || LooksLikeJsonObject(*head)) return LoadWhole(path, stats);
      if (!LooksLikeSnapshot(*head)) return LoadSparkOpsFile(path, stats);
      SnapshotReadStats s;
      ASSIGN_OR_RETURN(Graph g, ReadSnapshot(path, &s));
      FillStats(g, s, 0, stats);
      return g;
    }
  }
  return LoadWhole(path, stats);
}

}  // namespace etldag
