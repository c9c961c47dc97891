// The durations file (--durations FILE): how long each op takes, in seconds.
//
// Format, detected by the first non-blank byte (after an optional UTF-8 BOM):
//   '{'  a JSON object {"name": seconds, ...}; values must be JSON numbers;
//   else CSV: one `name,seconds` record per line; CRLF or LF; a missing final
//        newline is fine; blank lines are skipped; fields may be "quoted"
//        ("" inside quotes is a quote; a quoted field cannot span lines);
//        spaces around fields are trimmed; exactly two fields per record. The
//        first record is a header (skipped) when its second field is not a
//        number and its first field names no node of the graph.
// Seconds must be finite, >= 0 and <= kMaxDurationSeconds.
// A name given twice is an error naming both lines (not "last wins": two
// measurements of one op usually mean a bad join upstream of this file).
// Names that are not nodes of the graph are counted, and the first few kept,
// for the caller to warn about: never silently dropped, never an error.
//
// Errors are InvalidArgumentError (content; the message is the full text to
// print: "FILE:LINE:COL: error: WHAT", the line and a caret, as in
// source_location.h) or FileBuffer's codes (unreadable file).
#ifndef ETLDAG_ENGINE_LOAD_DURATIONS_H_
#define ETLDAG_ENGINE_LOAD_DURATIONS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/graph/graph.h"

namespace etldag {

inline constexpr double kMaxDurationSeconds = 1e9;  // ~31 years
inline constexpr size_t kMaxUnknownExamples = 5;

struct Durations {
  std::vector<double> seconds;  // per node id; NaN = not in the file
  uint64_t records = 0;         // durations read (known + unknown)
  uint64_t known = 0;           // records naming a node of the graph
  uint64_t unknown = 0;         // records naming no node of the graph
  std::vector<std::string> unknown_examples;  // the first few, in file order
};

// Parses `padded_data` (kFileBufferPadding readable bytes after it, as a
// FileBuffer guarantees); `file_name` is only used in messages.
[[nodiscard]] absl::StatusOr<Durations> ParseDurations(std::string_view file_name,
                                                       std::string_view padded_data, const Graph& g);
// Reads `path` ("-" = stdin) and parses it.
[[nodiscard]] absl::StatusOr<Durations> ReadDurationsFile(std::string_view path, const Graph& g);

// The weight of every node for the scheduling commands. Externals weigh 0:
// they are not run (a duration given for one is ignored and counted). Ops
// without a duration get the default: `default_seconds` when given, else the
// median of the ops' known durations (the mean of the middle two for an even
// count), else 1 (no file: unit weights, so lengths count ops = levels; or a
// file naming no op at all).
enum class DefaultSource { kUnitWeights, kGiven, kMedian, kNoKnownDurations };
struct NodeDurations {
  std::vector<double> seconds;  // per node, finite and >= 0
  double default_seconds = 1;
  DefaultSource default_source = DefaultSource::kUnitWeights;
  uint64_t defaulted = 0;          // ops that got the default
  uint64_t ignored_externals = 0;  // durations given for externals
};
// `file` may be null (no --durations); default_seconds must be finite, >= 0.
NodeDurations ResolveDurations(const Graph& g, const Durations* file,
                               std::optional<double> default_seconds);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_LOAD_DURATIONS_H_
