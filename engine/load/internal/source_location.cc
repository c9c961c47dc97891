// Offsets -> "FILE:LINE:COL" + an excerpt with a caret. Linear in the offset
// (one memchr-speed count of newlines); only ever run on the error path.
#include "engine/load/internal/source_location.h"

#include <algorithm>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "engine/base/strings.h"
#include "engine/load/internal/utf8.h"

namespace etldag {
namespace {

constexpr size_t kExcerptBytes = 100;  // at most this many bytes of the line
constexpr size_t kBytesBeforeCaret = 50;
constexpr std::string_view kEllipsis = "...";

bool IsContinuation(char c) { return (static_cast<uint8_t>(c) & 0xC0) == 0x80; }

// Appends `line` rendered printable; returns the display cells it used
// before byte `caret` (an index into line; line.size() = just past it).
size_t Render(std::string_view line, size_t caret, std::string& out) {
  size_t cells_before_caret = 0;
  size_t i = 0;
  while (i < line.size()) {
    if (i < caret) ++cells_before_caret;
    const auto b = static_cast<uint8_t>(line[i]);
    size_t len = 1;
    if (b == '\t') {
      out += ' ';
    } else if (b < 0x20 || b == 0x7F) {
      out += '?';
    } else if (b < 0x80) {
      out += line[i];
    } else if ((len = load_internal::Utf8SequenceLength(line.substr(i))) != 0) {
      out.append(line.substr(i, len));
    } else {
      len = 1;
      out += '?';
    }
    i += len;
  }
  if (caret >= line.size()) cells_before_caret += caret - line.size();
  return cells_before_caret;
}

}  // namespace

LineCol LineColAt(std::string_view data, uint64_t offset) {
  offset = std::min<uint64_t>(offset, data.size());
  const std::string_view before = data.substr(0, offset);
  LineCol lc;
  lc.line = 1 + static_cast<uint64_t>(std::count(before.begin(), before.end(), '\n'));
  const size_t nl = before.rfind('\n');
  const size_t line_start = nl == std::string_view::npos ? 0 : nl + 1;
  lc.column = offset - line_start + 1;
  return lc;
}

std::string FormatLocatedError(std::string_view file, std::string_view data, uint64_t offset,
                               std::string_view what) {
  offset = std::min<uint64_t>(offset, data.size());
  const LineCol lc = LineColAt(data, offset);
  const size_t line_start = offset - (lc.column - 1);
  // The end of the line, looked for no further than the excerpt can reach
  // (a longer line is shown trimmed: the search stays short on a huge input).
  const size_t search_end = std::min<uint64_t>(data.size(), offset + kExcerptBytes + 4);
  size_t line_end = data.substr(0, search_end).find('\n', offset);
  if (line_end == std::string_view::npos) line_end = search_end;
  if (line_end > line_start && data[line_end - 1] == '\r') --line_end;

  // The window [from, to) of the line shown, not splitting a UTF-8 sequence.
  size_t from = line_start;
  size_t to = line_end;
  if (to - from > kExcerptBytes) {
    if (offset > from + kBytesBeforeCaret) from = offset - kBytesBeforeCaret;
    to = std::min(line_end, from + kExcerptBytes);
    while (from > line_start && IsContinuation(data[from])) --from;
    while (to < line_end && IsContinuation(data[to])) ++to;
  }
  std::string out = absl::StrCat(ToAbsl(file), ":", lc.line, ":", lc.column, ": error: ", ToAbsl(what), "\n");
  size_t cells = 0;
  if (from > line_start) {
    out += kEllipsis;
    cells += kEllipsis.size();
  }
  cells += Render(data.substr(from, to - from), offset - from, out);
  if (to < line_end) out += kEllipsis;
  out += '\n';
  out.append(cells, ' ');
  out += '^';
  return out;
}

}  // namespace etldag
