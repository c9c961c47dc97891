// Turning a byte offset into a compiler-style error message:
//
//   FILE:LINE:COL: error: WHAT
//   <the offending line, or ~100 bytes of it around COL>
//   <spaces>^
//
// LINE and COL are 1-based; COL counts bytes (as gcc and clang do). In the
// excerpt tabs and other control bytes become one space / '?', invalid UTF-8
// becomes '?', and a trimmed side is marked with "..."; the caret is placed
// under the offending character counting one cell per code point. The text
// has no trailing newline.
#ifndef ETLDAG_ENGINE_LOAD_INTERNAL_SOURCE_LOCATION_H_
#define ETLDAG_ENGINE_LOAD_INTERNAL_SOURCE_LOCATION_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace etldag {

struct LineCol {
  uint64_t line = 1;    // 1-based
  uint64_t column = 1;  // 1-based, in bytes
};

// Line and column of byte `offset` of `data` (offsets past the end are
// clamped to data.size(), the position just after the last byte).
LineCol LineColAt(std::string_view data, uint64_t offset);

std::string FormatLocatedError(std::string_view file, std::string_view data, uint64_t offset,
                               std::string_view what);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_LOAD_INTERNAL_SOURCE_LOCATION_H_
