// spark_ops.json in chunks (see chunked_load.h for why and how).
#include "engine/load/internal/chunked_load.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/base/status.h"
#include "engine/base/strings.h"
#include "engine/graph/graph_builder.h"
#include "engine/load/file_buffer.h"
#include "engine/load/internal/json_token.h"
#include "engine/load/internal/op_reader.h"
#include "tbb/parallel_for.h"
#include "engine/base/stopwatch.h"

namespace etldag::load_internal {
namespace {

using Clock = SteadyClock;

constexpr uint64_t kMaxBoundarySearch = uint64_t{64} << 20;


// Where to end a chunk of `d[0, n)`: the index of the last ',' with '}'
// before it and '{' after it (JSON whitespace allowed between), if any.
std::optional<size_t> FindCut(const char* d, size_t n) {
  size_t end = n;
  while (end > 0) {
    const void* hit = memrchr(d, ',', end);
    if (hit == nullptr) return std::nullopt;
    const size_t c = static_cast<size_t>(static_cast<const char*>(hit) - d);
    size_t i = c, j = c + 1;
    while (i > 0 && IsJsonWhitespace(d[i - 1])) --i;
    while (j < n && IsJsonWhitespace(d[j])) ++j;
    if (i > 0 && d[i - 1] == '}' && j < n && d[j] == '{') return c;
    end = c;
  }
  return std::nullopt;
}

bool OnlyWhitespace(const char* d, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (!IsJsonWhitespace(d[i])) return false;
  }
  return true;
}

// The bytes of the chunk being assembled: `size` bytes of data followed by
// kFileBufferPadding bytes (the parser reads that far).
class ChunkBuffer {
 public:
  bool Reserve(size_t bytes) {
    if (bytes <= capacity_) return true;
    const size_t grown = std::max(bytes, 2 * capacity_);
    std::unique_ptr<char[]> bigger(new (std::nothrow) char[grown + kFileBufferPadding]);
    if (bigger == nullptr) return false;
    if (size_ > 0) std::memcpy(bigger.get(), data_.get(), size_);
    data_ = std::move(bigger);
    capacity_ = grown;
    return true;
  }
  char* data() { return data_.get(); }
  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }
  void set_size(size_t size) { size_ = size; }

 private:
  std::unique_ptr<char[]> data_;
  size_t capacity_ = 0, size_ = 0;
};

// Parses buf[start, end) + '\0'-free padding: the bytes after `end` are
// blanked for the parser and restored afterwards (they are the next chunk).
[[nodiscard]] absl::Status ParseChunk(ChunkBuffer& buf, size_t start, size_t end, ChunkOpReader& reader, GraphBuilder& builder,
                        uint64_t* num_ops) {
  char saved[kFileBufferPadding];
  char* tail = buf.data() + end;
  std::memcpy(saved, tail, kFileBufferPadding);
  std::memset(tail, ' ', kFileBufferPadding);
  absl::Status s = reader.Read(std::string_view(buf.data() + start, end - start), builder, num_ops);
  std::memcpy(tail, saved, kFileBufferPadding);
  return s;
}

[[nodiscard]] absl::Status OutOfMemory(std::string_view file_name) {
  return absl::ResourceExhaustedError(absl::StrCat(ToAbsl(file_name), ": error: out of memory"));
}

struct StreamTotals {
  uint64_t ops = 0, bytes = 0;
  Clock::duration reading{};
};

// Where a region boundary can go at or after `from` (and before `limit`):
// the offset of a ',' between '}' and '{' (JSON whitespace allowed between),
// found by reading windows of the file. nullopt when there is none.
[[nodiscard]] absl::StatusOr<std::optional<uint64_t>> FindBoundaryAfter(ReadBytesAt read_at, uint64_t from, uint64_t limit) {
  constexpr size_t kWindow = size_t{64} << 10, kOverlap = 256;
  std::vector<char> w(kWindow);
  for (uint64_t at = from; at < limit;) {
    const size_t want = static_cast<size_t>(std::min<uint64_t>(kWindow, limit - at));
    size_t got = 0;
    while (got < want) {  // reads may return less than asked
      ASSIGN_OR_RETURN(const size_t k, read_at(w.data() + got, want - got, at + got));
      if (k == 0) break;
      got += k;
    }
    if (got == 0) return std::nullopt;
    for (size_t c = 1; c + 1 < got; ++c) {
      if (w[c] != ',') continue;
      size_t i = c, j = c + 1;
      while (i > 0 && IsJsonWhitespace(w[i - 1])) --i;
      while (j < got && IsJsonWhitespace(w[j])) ++j;
      if (i > 0 && w[i - 1] == '}' && j < got && w[j] == '{') return at + c;
    }
    if (got < kWindow) return std::nullopt;  // scanned up to the limit or the end of the file
    at += got - kOverlap;                    // a whitespace run may straddle the window's end
  }
  return std::nullopt;
}

// The text of one region as a stream: '[' (unless it is the first), the
// file's bytes [begin, end), ']' (unless it is the last). A file shorter
// than planned ends the stream early, without the ']' (the parse then fails,
// or the byte count does).
class RegionStream {
 public:
  RegionStream(ReadBytesAt read_at, const Region& region)
      : read_at_(read_at), region_(region), pos_(region.begin), open_(region.open), close_(region.close) {}

  absl::StatusOr<size_t> Read(char* dst, size_t n) {
    size_t out = 0;
    if (open_ && n > 0) {
      dst[out++] = '[';
      open_ = false;
    }
    if (!done_ && out < n) {
      const uint64_t left = region_.end - pos_;  // kToEndOfFile: effectively unbounded
      const size_t want = static_cast<size_t>(std::min<uint64_t>(n - out, left));
      size_t got = 0;
      if (want > 0) {
        ASSIGN_OR_RETURN(got, read_at_(dst + out, want, pos_));
      }
      pos_ += got;
      out += got;
      if (pos_ == region_.end) {
        done_ = true;
      } else if (got == 0) {  // end of the file
        done_ = true;
        close_ = close_ && region_.end == kToEndOfFile;
        truncated_ = region_.end != kToEndOfFile;
      }
    }
    if (done_ && close_ && !truncated_ && out < n) {
      dst[out++] = ']';
      close_ = false;
    }
    return out;
  }
  uint64_t file_bytes() const { return pos_ - region_.begin; }

 private:
  ReadBytesAt read_at_;
  Region region_;
  uint64_t pos_;
  bool open_, close_, done_ = false, truncated_ = false;
};

// Feeds one text, read by `read`, into `builder` chunk by chunk (see
// chunked_load.h). True when every chunk parsed; false = "parse it whole".
[[nodiscard]] absl::StatusOr<bool> ParseStream(std::string_view file_name, ReadBytes read, size_t chunk_bytes,
                                 GraphBuilder& builder, StreamTotals* totals) {
  chunk_bytes = std::max<size_t>(chunk_bytes, 1);
  ChunkBuffer buf;
  ChunkOpReader reader;
  size_t start = 0;         // where the chunk's JSON text begins in buf
  bool found_open = false;  // the real '[' has been seen
  bool at_start = true;     // nothing dropped yet: a BOM may open the text
  size_t want = chunk_bytes;
  while (true) {
    // Read `want` more bytes, or up to the end of the input.
    if (!buf.Reserve(buf.size() + want)) return OutOfMemory(file_name);
    bool eof = false;
    const Clock::time_point r0 = Clock::now();
    for (size_t goal = buf.size() + want; buf.size() < goal;) {
      ASSIGN_OR_RETURN(const size_t got, read(buf.data() + buf.size(), goal - buf.size()));
      if (got == 0) {
        eof = true;
        break;
      }
      buf.set_size(buf.size() + got);
      totals->bytes += got;
    }
    totals->reading += Clock::now() - r0;
    want = chunk_bytes;
    const size_t n = buf.size();
    const char* d = buf.data();
    if (!found_open) {  // skip a BOM and whitespace; the text must be an array
      size_t i = at_start ? Utf8BomLength(std::string_view(d, n)) : 0;
      if (!eof && at_start && i == 0 && n < kUtf8Bom.size()) continue;  // a BOM may still come
      while (i < n && IsJsonWhitespace(d[i])) ++i;
      if (i == n) {
        if (eof) return false;  // empty: the whole-input parser says so
        buf.set_size(0);  // only whitespace so far: drop it (however long, the buffer stays small)
        at_start = false;
        continue;
      }
      if (d[i] != '[') return false;
      start = i;
      found_open = true;
    }
    if (eof) {  // the last chunk: ends with the real ']' and whatever follows it
      std::memset(buf.data() + n, 0, kFileBufferPadding);
      return reader.Read(std::string_view(d + start, n - start), builder, &totals->ops).ok();
    }
    const std::optional<size_t> cut = FindCut(d + start + 1, n - start - 1);
    if (!cut.has_value()) {
      if (OnlyWhitespace(d + start + 1, n - start - 1)) {  // "[" + whitespace: keep the "["
        buf.set_size(start + 1);
        continue;
      }
      // An op bigger than the buffer: read as much again, as long as the
      // chunk stays one document simdjson can parse; past that the
      // whole-input parser decides (it cuts at exact op boundaries). A NUL
      // byte is never valid JSON: no need to read on (a sparse file's hole
      // would otherwise be read in, up to that limit).
      if (n >= kMaxJsonDocumentBytes / 2 || std::memchr(d + start, '\0', n - start) != nullptr) return false;
      want = std::max(chunk_bytes, n);
      continue;
    }
    const size_t c = start + 1 + *cut;
    buf.data()[c] = ']';
    if (!ParseChunk(buf, start, c + 1, reader, builder, &totals->ops).ok()) return false;
    // The next chunk: a synthetic '[' and the bytes after the ','.
    const size_t carry = n - (c + 1);
    std::memmove(buf.data() + 1, buf.data() + c + 1, carry);
    buf.data()[0] = '[';
    buf.set_size(1 + carry);
    start = 0;
  }
}

// Builds the graph and fills *stats; `t0` = when loading started.
[[nodiscard]] absl::Status Finish(std::string_view file_name, GraphBuilder&& builder, const StreamTotals& totals,
                    Clock::time_point t0, Graph* graph, LoadStats* stats) {
  const uint64_t raw_edges = builder.num_raw_edges();
  const Clock::time_point t1 = Clock::now();
  ASSIGN_OR_RETURN(*graph, BuildLoadedGraph(file_name, std::move(builder)));
  if (stats != nullptr) {
    stats->read_seconds = ToSeconds(totals.reading);
    stats->parse_seconds = ToSeconds(t1 - t0 - totals.reading);
    stats->build_seconds = SecondsSince(t1);
    stats->file_bytes = totals.bytes;
    stats->ops = totals.ops;
    stats->raw_edges = raw_edges;
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<bool> ParseSparkOpsInChunks(std::string_view file_name, ReadBytes read, Graph* graph,
                                           size_t chunk_bytes, uint64_t size_hint, LoadStats* stats) {
  const Clock::time_point t0 = Clock::now();
  GraphBuilder builder;
  ReserveForInput(builder, size_hint);
  StreamTotals totals;
  ASSIGN_OR_RETURN(const bool parsed, ParseStream(file_name, read, chunk_bytes, builder, &totals));
  if (!parsed) return false;
  RETURN_IF_ERROR(Finish(file_name, std::move(builder), totals, t0, graph, stats));
  return true;
}

// Splits [0, size) into up to options.regions regions of at least
// options.min_region_bytes, each boundary a guessed cut between two ops
// looked for in the kMaxBoundarySearch bytes after k * size / regions (no
// cut there, e.g. in a long run of whitespace: fewer regions, and planning
// never reads more than that per boundary).
absl::StatusOr<std::vector<Region>> PlanRegions(ReadBytesAt read_at, uint64_t size, const RegionOptions& options) {
  const uint64_t min_bytes = std::max<uint64_t>(options.min_region_bytes, 1);
  const uint64_t wanted = std::clamp<uint64_t>(size / min_bytes, 1, std::max(options.regions, 1));
  std::vector<uint64_t> cuts;  // offsets of the ',' between regions
  for (uint64_t k = 1; k < wanted; ++k) {
    const uint64_t from = std::max(k * (size / wanted), cuts.empty() ? 0 : cuts.back() + 1);
    ASSIGN_OR_RETURN(const std::optional<uint64_t> cut,
                     FindBoundaryAfter(read_at, from, std::min(size, from + kMaxBoundarySearch)));
    if (!cut.has_value()) break;
    cuts.push_back(*cut);
  }
  std::vector<Region> regions;
  for (size_t k = 0; k <= cuts.size(); ++k) {
    Region g;
    g.begin = k == 0 ? 0 : cuts[k - 1] + 1;
    g.end = k == cuts.size() ? kToEndOfFile : cuts[k];
    g.open = k > 0;
    g.close = k < cuts.size();
    regions.push_back(g);
  }
  return regions;
}

absl::StatusOr<bool> ParseSparkOpsInRegions(std::string_view file_name, ReadBytesAt read_at, uint64_t size,
                                            const RegionOptions& options, Graph* graph, LoadStats* stats) {
  const Clock::time_point t0 = Clock::now();
  ASSIGN_OR_RETURN(const std::vector<Region> regions, PlanRegions(read_at, size, options));
  const size_t r = regions.size();
  std::vector<GraphBuilder> builders(r);
  std::vector<StreamTotals> totals(r);
  std::vector<absl::StatusOr<bool>> parsed(r, false);
  // Each region is one stream into its own builder; no task throws.
  tbb::parallel_for(size_t{0}, r, [&](size_t k) {
    RegionStream stream(read_at, regions[k]);
    ReserveForInput(builders[k], regions[k].end == kToEndOfFile ? size - regions[k].begin
                                                                 : regions[k].end - regions[k].begin);
    if (k == 0 && r > 1) ReserveEdgesForInput(builders[0], size);  // the others merge into it
    parsed[k] = ParseStream(file_name, [&](char* dst, size_t n) { return stream.Read(dst, n); },
                            options.chunk_bytes, builders[k], &totals[k]);
    totals[k].bytes = stream.file_bytes();  // the file's bytes, without the synthetic brackets
  });
  StreamTotals sum;
  for (size_t k = 0; k < r; ++k) {  // errors in file order
    if (!parsed[k].ok()) return parsed[k].status();
    if (!*parsed[k]) return false;
    sum.bytes += totals[k].bytes;
    sum.ops += totals[k].ops;
    sum.reading = std::max(sum.reading, totals[k].reading);
  }
  sum.bytes += r - 1;  // the ',' at each boundary belongs to no region
  // Every region parsed, so every boundary sat between two top-level ops
  // (chunked_load.h): the regions together are the file's ops.
  for (size_t k = 1; k < r; ++k) {
    if (!builders[0].MergeFrom(std::move(builders[k]))) return false;  // an op defined twice
  }
  RETURN_IF_ERROR(Finish(file_name, std::move(builders[0]), sum, t0, graph, stats));
  return true;
}

}  // namespace etldag::load_internal
