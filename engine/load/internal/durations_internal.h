// Internal to the load module: the record sink shared by the JSON and CSV
// durations parsers (name lookup, value checks, duplicates, unknown names).
#ifndef ETLDAG_ENGINE_LOAD_INTERNAL_DURATIONS_INTERNAL_H_
#define ETLDAG_ENGINE_LOAD_INTERNAL_DURATIONS_INTERNAL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "engine/graph/graph.h"
#include "engine/graph/name_lookup.h"
#include "engine/load/durations.h"

namespace etldag::load_internal {

class DurationSink {
 public:
  DurationSink(std::string_view file, std::string_view data, const Graph& g);

  // One record `name` = `seconds`; offsets (into data) locate messages.
  // Records are resolved in batches of kBatch (NameLookup::FindBatch: the
  // lookups' cache misses overlap), in file order, so errors come out in
  // file order: an error raised by a record (or by the parser, through
  // Error) first settles the records before it, and an earlier duplicate
  // among them is the error returned.
  [[nodiscard]] absl::Status Add(std::string_view name, uint64_t name_offset, double seconds,
                   uint64_t value_offset);
  // Resolves the pending records; the parser calls it at the end.
  [[nodiscard]] absl::Status Flush();
  // InvalidArgumentError with FILE:LINE:COL, the line and a caret (after
  // Flush: an earlier error wins).
  [[nodiscard]] absl::Status Error(uint64_t offset, std::string_view what);
  const Graph& graph() const { return g_; }
  // Graph::Find, hashed once the file proves long (name_lookup.h).
  std::optional<NodeId> Find(std::string_view name) { return lookup_.Find(name); }
  Durations Finish() && { return std::move(d_); }

 private:
  static constexpr uint64_t kUnseen = UINT64_MAX;
  static constexpr size_t kBatch = 64;
  struct Pending {
    size_t name_at, name_size;  // in pending_names_
    uint64_t name_offset;
    double seconds;
  };
  [[nodiscard]] absl::Status ErrorAt(uint64_t offset, std::string_view what) const;
  [[nodiscard]] absl::Status Settle(std::string_view name, std::optional<NodeId> id, const Pending& p);
  // Offset of the first record of `name`, or kUnseen; then remembers `offset`.
  uint64_t SeenAt(std::string_view name, std::optional<NodeId> id, uint64_t offset);

  std::string_view file_, data_;
  const Graph& g_;
  NameLookup lookup_{g_};
  Durations d_;
  std::vector<uint64_t> first_offset_;                        // per node
  std::string pending_names_;  // the names of `pending_` (views may die with the parser's buffers)
  std::vector<Pending> pending_;
  std::vector<std::string_view> batch_names_;
  std::vector<std::optional<NodeId>> batch_ids_;
  absl::flat_hash_map<std::string, uint64_t> unknown_seen_;  // lookups only
};

// Parsers over data.substr(start) (start skips a BOM); data is padded.
[[nodiscard]] absl::Status ParseDurationsJson(DurationSink& sink, std::string_view data, size_t start);
[[nodiscard]] absl::Status ParseDurationsCsv(DurationSink& sink, std::string_view data, size_t start);

}  // namespace etldag::load_internal

#endif  // ETLDAG_ENGINE_LOAD_INTERNAL_DURATIONS_INTERNAL_H_
