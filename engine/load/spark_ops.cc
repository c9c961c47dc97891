// spark_ops.json -> Graph: read the file, check the top level, run the
// single-pass op reader (op_reader.h) into a GraphBuilder, build.
#include "engine/load/spark_ops.h"

#include <chrono>
#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/base/status.h"
#include "engine/base/strings.h"
#include "engine/graph/graph_builder.h"
#include "engine/load/internal/chunked_load.h"
#include "engine/load/file_buffer.h"
#include "engine/load/internal/json_syntax.h"
#include "engine/load/internal/json_token.h"
#include "engine/load/internal/load_error.h"
#include "engine/load/internal/op_reader.h"
#include "tbb/global_control.h"
#include "engine/base/stopwatch.h"

namespace etldag {
namespace {

using Clock = SteadyClock;
using load_internal::JsonInput;



// The top level must be an array: a clear message for "{...}", "5", "" etc.
[[nodiscard]] absl::Status CheckTopLevel(const JsonInput& in) {
  const std::string_view json = in.data.substr(in.start);
  size_t i = 0;
  while (i < json.size() && load_internal::IsJsonWhitespace(json[i])) ++i;
  if (i == json.size()) {
    return load_internal::LocatedError(in, in.start, "empty input: expected a JSON array of ops");
  }
  if (json[i] == '[') return absl::OkStatus();
  const auto syntax = load_internal::FindJsonSyntaxError(json);
  const char* type = load_internal::JsonTypeName(json[i]);
  if (type == nullptr || (syntax && syntax->offset == i)) {  // not even a JSON value
    return load_internal::SyntaxError(in, in.start + i, "not a JSON value");
  }
  return load_internal::LocatedError(
      in, in.start + i, absl::StrCat("the top level must be a JSON array of ops, found ", type));
}

}  // namespace

absl::StatusOr<Graph> ParseSparkOps(std::string_view file_name, std::string_view padded_json, LoadStats* stats) {
  const Clock::time_point t0 = Clock::now();
  JsonInput in{file_name, padded_json, 0};
  in.start = Utf8BomLength(padded_json);
  RETURN_IF_ERROR(CheckTopLevel(in));

  GraphBuilder builder;
  load_internal::ReserveForInput(builder, padded_json.size());
  uint64_t num_ops = 0;
  RETURN_IF_ERROR(load_internal::ReadSparkOps(in, builder, &num_ops));
  const uint64_t raw_edges = builder.num_raw_edges();
  const Clock::time_point t1 = Clock::now();

  ASSIGN_OR_RETURN(Graph graph, load_internal::BuildLoadedGraph(file_name, std::move(builder)));
  if (stats != nullptr) {
    stats->parse_seconds = ToSeconds(t1 - t0);
    stats->build_seconds = SecondsSince(t1);
    stats->file_bytes = padded_json.size();
    stats->ops = num_ops;
    stats->raw_edges = raw_edges;
  }
  return graph;
}

absl::StatusOr<Graph> LoadSparkOpsFile(std::string_view path, LoadStats* stats) {
  if (path != "-") {  // a regular file: in chunks, regions in parallel (chunked_load.h); stdin is read whole
    absl::StatusOr<InputFile> file = InputFile::Open(path);
    if (file.ok() && file->size() > 0) {
      const std::string_view name = file->display_name();
      LoadStats chunked_stats;
      Graph graph;
      load_internal::RegionOptions regions;
      regions.regions = static_cast<int>(
          tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism));
      ASSIGN_OR_RETURN(const bool loaded,
                       load_internal::ParseSparkOpsInRegions(
                           name, [&](char* dst, size_t n, uint64_t at) { return file->ReadAt(dst, n, at); },
                           file->size(), regions, &graph, &chunked_stats));
      if (loaded) {
        RETURN_IF_ERROR(file->CheckUnchanged(chunked_stats.file_bytes));
        if (stats != nullptr) *stats = chunked_stats;
        return graph;
      }
      // Not a clean ops array: parse it whole, which locates the error.
    }
  }
  const Clock::time_point t0 = Clock::now();
  ASSIGN_OR_RETURN(FileBuffer file, FileBuffer::Read(path));
  if (stats != nullptr) stats->read_seconds = SecondsSince(t0);
  return ParseSparkOps(file.display_name(), file.data(), stats);
}

}  // namespace etldag
