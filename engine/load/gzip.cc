// zlib inflate of a whole gzip file into one growing buffer (see gzip.h).
#include "engine/load/gzip.h"

#include <zlib.h>

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "engine/base/strings.h"

namespace etldag {
namespace {

constexpr uint64_t kMinLimit = uint64_t{16} << 20;
constexpr uint64_t kRatio = 64;
constexpr uint64_t kMaxLimit = uint64_t{1} << 40;  // only to keep compressed * kRatio from overflowing

[[nodiscard]] absl::Status Error(std::string_view name, std::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(ToAbsl(name), ": error: ", ToAbsl(what)));
}

}  // namespace

bool LooksLikeGzip(std::string_view first_bytes) {
  return first_bytes.size() >= 2 && static_cast<unsigned char>(first_bytes[0]) == 0x1f &&
         static_cast<unsigned char>(first_bytes[1]) == 0x8b;
}

uint64_t DefaultGzipLimit(uint64_t compressed_bytes) {
  const uint64_t by_ratio = compressed_bytes > kMaxLimit / kRatio ? kMaxLimit : compressed_bytes * kRatio;
  return std::max(kMinLimit, by_ratio);
}

absl::StatusOr<FileBuffer> InflateGzip(std::string_view display_name, std::string_view data, uint64_t max_bytes) {
  if (max_bytes == 0) max_bytes = DefaultGzipLimit(data.size());
  z_stream z{};
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return absl::ResourceExhaustedError("zlib: out of memory");
  std::string out;
  out.resize(static_cast<size_t>(std::min<uint64_t>(max_bytes, std::max<uint64_t>(data.size() * 4, 1 << 16))));
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  size_t used = 0;
  size_t in_left = data.size();
  int rc = Z_OK;
  absl::Status status;
  while (true) {
    if (used == out.size()) {
      if (out.size() >= max_bytes) {
        status = absl::ResourceExhaustedError(absl::StrCat(
            ToAbsl(display_name), ": error: gzip data inflates past ", max_bytes, " bytes (the limit for a ",
            data.size(), "-byte file: the larger of 16 MiB and 64 times its size; a gzip bomb? gunzip it to load it "
            "anyway)"));
        break;
      }
      out.resize(static_cast<size_t>(std::min<uint64_t>(max_bytes, uint64_t{out.size()} * 2)));
    }
    const uInt in_chunk = static_cast<uInt>(std::min<size_t>(in_left, 1u << 30));
    const uInt out_chunk = static_cast<uInt>(std::min<size_t>(out.size() - used, 1u << 30));
    z.avail_in = in_chunk;
    z.next_out = reinterpret_cast<Bytef*>(out.data() + used);
    z.avail_out = out_chunk;
    rc = inflate(&z, Z_NO_FLUSH);
    in_left -= in_chunk - z.avail_in;
    used += out_chunk - z.avail_out;
    if (rc == Z_STREAM_END) {
      if (in_left == 0) break;
      if (inflateReset(&z) != Z_OK) {  // another member follows
        status = Error(display_name, "corrupt gzip data");
        break;
      }
      continue;
    }
    if (rc == Z_BUF_ERROR && in_left == 0 && z.avail_out > 0) {
      status = Error(display_name, absl::StrCat("truncated gzip data (", data.size(), " bytes)"));
      break;
    }
    if (rc == Z_MEM_ERROR) {
      status = absl::ResourceExhaustedError(absl::StrCat(ToAbsl(display_name), ": error: out of memory"));
      break;
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      status = Error(display_name, absl::StrCat("corrupt gzip data (", z.msg != nullptr ? z.msg : "inflate failed", ")"));
      break;
    }
  }
  inflateEnd(&z);
  if (!status.ok()) return status;
  out.resize(used);
  return FileBuffer::FromString(out, display_name);
}

}  // namespace etldag
