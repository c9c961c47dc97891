// Durations file: format dispatch, the record sink, and per-node resolution;
// the JSON and CSV parsers are in durations_json.cc / durations_csv.cc.
#include "engine/load/durations.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "absl/strings/str_cat.h"
#include "engine/base/status.h"
#include "engine/base/strings.h"
#include "engine/load/internal/durations_internal.h"
#include "engine/load/file_buffer.h"
#include "engine/load/internal/source_location.h"

namespace etldag {
namespace load_internal {

DurationSink::DurationSink(std::string_view file, std::string_view data, const Graph& g)
    : file_(file), data_(data), g_(g), first_offset_(g.num_nodes(), kUnseen) {
  d_.seconds.assign(g.num_nodes(), std::numeric_limits<double>::quiet_NaN());
}

absl::Status DurationSink::ErrorAt(uint64_t offset, std::string_view what) const {
  return absl::InvalidArgumentError(FormatLocatedError(file_, data_, offset, what));
}

absl::Status DurationSink::Error(uint64_t offset, std::string_view what) {
  RETURN_IF_ERROR(Flush());
  return ErrorAt(offset, what);
}

absl::Status DurationSink::Flush() {
  batch_names_.clear();
  for (const Pending& p : pending_) batch_names_.emplace_back(pending_names_.data() + p.name_at, p.name_size);
  batch_ids_.resize(batch_names_.size());
  lookup_.FindBatch(batch_names_, batch_ids_.data());
  absl::Status s;
  for (size_t i = 0; i < pending_.size() && s.ok(); ++i) s = Settle(batch_names_[i], batch_ids_[i], pending_[i]);
  pending_.clear();
  pending_names_.clear();
  return s;
}

uint64_t DurationSink::SeenAt(std::string_view name, std::optional<NodeId> id, uint64_t offset) {
  if (id.has_value()) return std::exchange(first_offset_[*id], std::min(first_offset_[*id], offset));
  auto [it, inserted] = unknown_seen_.try_emplace(std::string(name), offset);
  return inserted ? kUnseen : it->second;
}

absl::Status DurationSink::Add(std::string_view name, uint64_t name_offset, double seconds,
                               uint64_t value_offset) {
  if (name.empty()) return Error(name_offset, "empty name");  // Error settles the pending records first
  if (!std::isfinite(seconds)) {
    return Error(value_offset, "the duration must be a finite number of seconds");
  }
  if (seconds < 0) {
    return Error(value_offset, absl::StrCat("negative duration ", seconds, " for \"", ToAbsl(name), "\""));
  }
  if (seconds > kMaxDurationSeconds) {
    return Error(value_offset, absl::StrCat("duration ", seconds, " s is too large (the limit is ",
                                            kMaxDurationSeconds, " s)"));
  }
  pending_.push_back(Pending{pending_names_.size(), name.size(), name_offset, seconds});
  pending_names_.append(name);
  return pending_.size() >= kBatch ? Flush() : absl::OkStatus();
}

absl::Status DurationSink::Settle(std::string_view name, std::optional<NodeId> id, const Pending& p) {
  const uint64_t name_offset = p.name_offset;
  const double seconds = p.seconds;
  if (const uint64_t first = SeenAt(name, id, name_offset); first != kUnseen) {
    return ErrorAt(name_offset, absl::StrCat("duplicate duration for \"", ToAbsl(name),
                                           "\" (first given at line ", LineColAt(data_, first).line,
                                           ")"));
  }
  ++d_.records;
  if (id.has_value()) {
    ++d_.known;
    d_.seconds[*id] = seconds;
  } else {
    ++d_.unknown;
    if (d_.unknown_examples.size() < kMaxUnknownExamples) d_.unknown_examples.emplace_back(name);
  }
  return absl::OkStatus();
}

}  // namespace load_internal

absl::StatusOr<Durations> ParseDurations(std::string_view file_name, std::string_view padded_data,
                                         const Graph& g) {
  const size_t start = Utf8BomLength(padded_data);
  load_internal::DurationSink sink(file_name, padded_data, g);
  const size_t first = padded_data.find_first_not_of(" \t\r\n", start);
  if (first != std::string_view::npos && padded_data[first] == '{') {
    RETURN_IF_ERROR(load_internal::ParseDurationsJson(sink, padded_data, start));
    RETURN_IF_ERROR(sink.Flush());
  } else if (first != std::string_view::npos && padded_data[first] == '[') {
    return sink.Error(first, "expected a JSON object {\"name\": seconds, ...} or CSV name,seconds");
  } else {
    RETURN_IF_ERROR(load_internal::ParseDurationsCsv(sink, padded_data, start));
    RETURN_IF_ERROR(sink.Flush());
  }
  return std::move(sink).Finish();
}

absl::StatusOr<Durations> ReadDurationsFile(std::string_view path, const Graph& g) {
  const absl::StatusOr<FileBuffer> buf = FileBuffer::Read(path);
  if (!buf.ok()) return buf.status();
  return ParseDurations(buf->display_name(), buf->data(), g);
}

NodeDurations ResolveDurations(const Graph& g, const Durations* file,
                               std::optional<double> default_seconds) {
  NodeDurations r;
  const uint32_t n = g.num_nodes();
  std::vector<double> known;
  for (NodeId v = 0; file != nullptr && v < n; ++v) {
    if (std::isnan(file->seconds[v])) continue;
    if (g.is_external(v)) {
      ++r.ignored_externals;
    } else {
      known.push_back(file->seconds[v]);
    }
  }
  if (default_seconds.has_value()) {
    r.default_seconds = *default_seconds;
    r.default_source = DefaultSource::kGiven;
  } else if (file == nullptr) {
    r.default_source = DefaultSource::kUnitWeights;
  } else if (known.empty()) {
    r.default_source = DefaultSource::kNoKnownDurations;
  } else {
    const size_t mid = known.size() / 2;
    std::nth_element(known.begin(), known.begin() + mid, known.end());
    r.default_seconds = known[mid];
    if (known.size() % 2 == 0) {
      const double lower = *std::max_element(known.begin(), known.begin() + mid);
      r.default_seconds = lower + (r.default_seconds - lower) / 2;
    }
    r.default_source = DefaultSource::kMedian;
  }
  r.seconds.assign(n, 0);
  for (NodeId v = 0; v < n; ++v) {
    if (g.is_external(v)) continue;
    const double s = file != nullptr ? file->seconds[v] : std::numeric_limits<double>::quiet_NaN();
    if (std::isnan(s)) ++r.defaulted;
    r.seconds[v] = std::isnan(s) ? r.default_seconds : s;
  }
  return r;
}

}  // namespace etldag
