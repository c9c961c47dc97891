// Located load errors, shared by the loaders of the load module:
// InvalidArgumentError whose message is the full "FILE:LINE:COL: error: ..."
// text with excerpt and caret (source_location.h).
#ifndef ETLDAG_ENGINE_LOAD_INTERNAL_LOAD_ERROR_H_
#define ETLDAG_ENGINE_LOAD_INTERNAL_LOAD_ERROR_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "absl/status/status.h"

namespace etldag::load_internal {

// The input being parsed: `data` is the whole input (offsets in messages are
// into it) and the JSON text is data.substr(start) (start = 3 after a UTF-8
// BOM, else 0).
struct JsonInput {
  std::string_view file;
  std::string_view data;
  size_t start = 0;
};

// InvalidArgumentError(FormatLocatedError(in.file, in.data, offset, what)).
[[nodiscard]] absl::Status LocatedError(const JsonInput& in, uint64_t offset, std::string_view what);

// The error for a text the JSON parser rejected: the first error the strict
// scanner (json_syntax.h) finds in the JSON text, located; or, should the
// scanner find none, "invalid JSON (<parser_message>)" at fallback_offset.
[[nodiscard]] absl::Status SyntaxError(const JsonInput& in, uint64_t fallback_offset, std::string_view parser_message);

// InvalidArgumentError "FILE: error: N bytes: too large for one JSON
// document (the JSON parser's limit is kMaxJsonDocumentBytes bytes; WHAT is
// parsed as one document)" when bytes > kMaxJsonDocumentBytes; else OK.
[[nodiscard]] absl::Status CheckOneDocument(std::string_view file, uint64_t bytes, std::string_view what);

}  // namespace etldag::load_internal

#endif  // ETLDAG_ENGINE_LOAD_INTERNAL_LOAD_ERROR_H_
