// Name lists for the `file:` selector method: one node name per line.
//
// Format: UTF-8 text; a leading byte-order mark is skipped; lines end in LF
// or CRLF; spaces and tabs around a name are trimmed; blank lines and lines
// whose first non-blank byte is '#' are comments. Names are literal (no
// globs). Duplicates are harmless.
#ifndef ETLDAG_ENGINE_QUERY_NAME_FILE_H_
#define ETLDAG_ENGINE_QUERY_NAME_FILE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace etldag {

struct NameLine {
  std::string name;
  uint32_t line = 0;  // 1-based line number in the file
};

// The names of `contents`, in file order.
std::vector<NameLine> ParseNameList(std::string_view contents);

// Reads and parses `path`. NotFound when it cannot be opened or read (the
// message names the path and the system's reason).
absl::StatusOr<std::vector<NameLine>> ReadNameList(const std::string& path);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_QUERY_NAME_FILE_H_
