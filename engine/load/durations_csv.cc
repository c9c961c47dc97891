// Durations as CSV `name,seconds` (RFC 4180 quoting, one record per line).
#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/base/status.h"
#include "engine/base/strings.h"
#include "engine/load/internal/durations_internal.h"

namespace etldag::load_internal {
namespace {

struct CsvField {
  std::string value;
  uint64_t offset = 0;  // of its first byte (the quote, when quoted)
};

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// The number of seconds a whole field spells, or nullopt.
std::optional<double> ParseNumber(std::string_view s) {
  double x = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return x;
}

// Splits line [b, e) of data into fields.
[[nodiscard]] absl::Status SplitLine(DurationSink& sink, std::string_view data, size_t b, size_t e,
                       std::vector<CsvField>& fields) {
  fields.clear();
  size_t i = b;
  while (true) {
    while (i < e && IsBlank(data[i])) ++i;
    CsvField& f = fields.emplace_back();
    f.offset = i;
    if (i < e && data[i] == '"') {
      for (++i;; ++i) {
        if (i >= e) return sink.Error(f.offset, "unterminated quoted field");
        if (data[i] != '"') {
          f.value += data[i];
        } else if (i + 1 < e && data[i + 1] == '"') {
          f.value += '"';
          ++i;
        } else {
          break;
        }
      }
      ++i;  // past the closing quote
      while (i < e && IsBlank(data[i])) ++i;
      if (i < e && data[i] != ',') return sink.Error(i, "expected ',' after a quoted field");
    } else {
      const size_t start = i;
      while (i < e && data[i] != ',') ++i;
      size_t end = i;
      while (end > start && IsBlank(data[end - 1])) --end;
      f.value.assign(data.substr(start, end - start));
    }
    if (i >= e) return absl::OkStatus();
    ++i;  // past the comma
  }
}

}  // namespace

absl::Status ParseDurationsCsv(DurationSink& sink, std::string_view data, size_t start) {
  std::vector<CsvField> fields;
  bool first_record = true;
  for (size_t b = start; b < data.size();) {
    size_t nl = data.find('\n', b);
    if (nl == std::string_view::npos) nl = data.size();
    size_t e = nl;
    if (e > b && data[e - 1] == '\r') --e;
    const size_t line_begin = b;
    b = nl + 1;
    if (data.substr(line_begin, e - line_begin).find_first_not_of(" \t") == std::string_view::npos) {
      continue;  // blank line
    }
    RETURN_IF_ERROR(SplitLine(sink, data, line_begin, e, fields));
    if (fields.size() != 2) {
      return sink.Error(fields.size() > 2 ? fields[2].offset : e,
                        absl::StrCat("expected two fields `name,seconds`, found ", fields.size()));
    }
    const std::optional<double> seconds = ParseNumber(fields[1].value);
    const bool header = first_record && !seconds.has_value() &&
                        !sink.Find(fields[0].value).has_value();
    first_record = false;
    if (header) continue;
    if (!seconds.has_value()) {
      return sink.Error(fields[1].offset, absl::StrCat("expected a number of seconds, found \"",
                                                       fields[1].value, "\""));
    }
    RETURN_IF_ERROR(sink.Add(fields[0].value, fields[0].offset, *seconds, fields[1].offset));
  }
  return absl::OkStatus();
}

}  // namespace etldag::load_internal
