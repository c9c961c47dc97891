// Strict JSON syntax (RFC 8259) as a scalar scanner, for locating errors
// exactly: simdjson reports *that* a document is invalid (iterate() errors
// carry no position); FindJsonSyntaxError re-scans the text and returns the
// offset and a precise message of its first error. Only run on the error
// path: clarity over speed.
#ifndef ETLDAG_ENGINE_LOAD_INTERNAL_JSON_SYNTAX_H_
#define ETLDAG_ENGINE_LOAD_INTERNAL_JSON_SYNTAX_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace etldag::load_internal {

// Same limit as simdjson's DEFAULT_MAX_DEPTH: nesting of arrays and objects,
// the top-level array counting as depth 1.
inline constexpr uint32_t kMaxJsonDepth = 1024;

struct JsonSyntaxError {
  uint64_t offset = 0;  // into the scanned text
  std::string message;
};

// The first syntax error of `json` as one complete JSON text (a single value,
// whitespace around it), or nullopt when it is valid. Checks the grammar,
// string escapes (including UTF-16 surrogate pairs in \u escapes), UTF-8
// inside strings, control characters, and nesting deeper than max_depth.
std::optional<JsonSyntaxError> FindJsonSyntaxError(std::string_view json,
                                                   uint32_t max_depth = kMaxJsonDepth);

}  // namespace etldag::load_internal

#endif  // ETLDAG_ENGINE_LOAD_INTERNAL_JSON_SYNTAX_H_
