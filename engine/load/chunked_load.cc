// spark_ops.json in chunks (see chunked_load.h for why and how).
#include "engine/load/chunked_load.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <memory>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/base/status.h"
#include "engine/base/strings.h"
#include "engine/graph/graph_builder.h"
#include "engine/load/file_buffer.h"
#include "engine/load/json_token.h"
#include "engine/load/op_reader.h"

namespace etldag::load_internal {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

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
absl::Status ParseChunk(ChunkBuffer& buf, size_t start, size_t end, ChunkOpReader& reader, GraphBuilder& builder,
                        uint64_t* num_ops) {
  char saved[kFileBufferPadding];
  char* tail = buf.data() + end;
  std::memcpy(saved, tail, kFileBufferPadding);
  std::memset(tail, ' ', kFileBufferPadding);
  absl::Status s = reader.Read(std::string_view(buf.data() + start, end - start), builder, num_ops);
  std::memcpy(tail, saved, kFileBufferPadding);
  return s;
}

absl::Status OutOfMemory(std::string_view file_name) {
  return absl::ResourceExhaustedError(absl::StrCat(ToAbsl(file_name), ": error: out of memory"));
}

}  // namespace

absl::StatusOr<bool> ParseSparkOpsInChunks(std::string_view file_name, ReadBytes read, Graph* graph,
                                           size_t chunk_bytes, uint64_t size_hint, LoadStats* stats) {
  const Clock::time_point t0 = Clock::now();
  Clock::duration reading{};
  chunk_bytes = std::max<size_t>(chunk_bytes, 1);
  ChunkBuffer buf;
  GraphBuilder builder;
  ReserveForInput(builder, size_hint);
  ChunkOpReader reader;
  uint64_t num_ops = 0, total = 0;
  size_t start = 0;     // where the chunk's JSON text begins in buf
  bool found_open = false;  // the real '[' has been seen
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
      total += got;
      if (total > kMaxInputBytes) {
        return absl::InvalidArgumentError(absl::StrCat(ToAbsl(file_name), ": error: input too large (at least ",
                                                       total, " bytes; the limit is ", kMaxInputBytes, ")"));
      }
    }
    reading += Clock::now() - r0;
    want = chunk_bytes;
    const size_t n = buf.size();
    const char* d = buf.data();
    if (!found_open) {  // skip a BOM and whitespace; the text must be an array
      size_t i = 0;
      if (n >= kUtf8Bom.size() && std::string_view(d, kUtf8Bom.size()) == kUtf8Bom) i = kUtf8Bom.size();
      if (!eof && i == 0 && n < kUtf8Bom.size()) continue;  // a BOM may still come
      while (i < n && IsJsonWhitespace(d[i])) ++i;
      if (i == n) {
        if (eof) return false;  // empty: the whole-input parser says so
        continue;
      }
      if (d[i] != '[') return false;
      start = i;
      found_open = true;
    }
    if (eof) {  // the last chunk: ends with the real ']' and whatever follows it
      std::memset(buf.data() + n, 0, kFileBufferPadding);
      if (!reader.Read(std::string_view(d + start, n - start), builder, &num_ops).ok()) {
        return false;
      }
      break;
    }
    const std::optional<size_t> cut = FindCut(d + start + 1, n - start - 1);
    if (!cut.has_value()) {  // an op bigger than the buffer: read as much again
      want = std::max(chunk_bytes, n);
      continue;
    }
    const size_t c = start + 1 + *cut;
    buf.data()[c] = ']';
    if (!ParseChunk(buf, start, c + 1, reader, builder, &num_ops).ok()) return false;
    // The next chunk: a synthetic '[' and the bytes after the ','.
    const size_t carry = n - (c + 1);
    std::memmove(buf.data() + 1, buf.data() + c + 1, carry);
    buf.data()[0] = '[';
    buf.set_size(1 + carry);
    start = 0;
  }
  const uint64_t raw_edges = builder.num_raw_edges();
  const Clock::time_point t1 = Clock::now();
  ASSIGN_OR_RETURN(*graph, BuildLoadedGraph(file_name, std::move(builder)));
  if (stats != nullptr) {
    stats->read_seconds = std::chrono::duration<double>(reading).count();
    stats->parse_seconds = std::chrono::duration<double>(t1 - t0 - reading).count();
    stats->build_seconds = std::chrono::duration<double>(Clock::now() - t1).count();
    stats->file_bytes = total;
    stats->ops = num_ops;
    stats->raw_edges = raw_edges;
  }
  return true;
}

}  // namespace etldag::load_internal
