// Gzip-compressed inputs (`manifest.json.gz`, `spark_ops.json.gz`, a
// compressed snapshot): detected by their magic bytes, inflated whole with
// zlib into a padded FileBuffer, then loaded like the plain file.
//
// A decompressed-size limit guards against gzip bombs: by default the larger
// of 16 MiB and 64 times the compressed size (real manifests compress
// 12-15x, JSON in general 5-20x; deflate's ceiling is ~1032x). Past it:
// ResourceExhausted "FILE: error: gzip data
// inflates past N bytes (the limit for a C-byte file: ...; a gzip bomb?
// gunzip it to load it anyway)": a plain file has no ratio limit. A bomb
// stops after at most max(16 MiB, 64 C) bytes of output: milliseconds. Truncated or corrupt data: InvalidArgument "FILE: error: corrupt
// gzip data (...)" or "truncated gzip data". Concatenated gzip members are
// read one after another, as gunzip does.
#ifndef ETLDAG_ENGINE_LOAD_GZIP_H_
#define ETLDAG_ENGINE_LOAD_GZIP_H_

#include <cstdint>
#include <string_view>

#include "absl/status/statusor.h"
#include "engine/load/file_buffer.h"

namespace etldag {

// True when `first_bytes` start with the gzip magic 1f 8b.
bool LooksLikeGzip(std::string_view first_bytes);

// The default decompressed-size limit for `compressed_bytes` of input.
uint64_t DefaultGzipLimit(uint64_t compressed_bytes);

// Inflates `data` (a whole gzip file); `display_name` names it in errors and
// becomes the buffer's display name. `max_bytes` = 0: DefaultGzipLimit.
[[nodiscard]] absl::StatusOr<FileBuffer> InflateGzip(std::string_view display_name, std::string_view data,
                                                     uint64_t max_bytes = 0);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_LOAD_GZIP_H_
