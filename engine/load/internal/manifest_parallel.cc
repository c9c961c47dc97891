// A dbt manifest read by several readers at once (manifest_parallel.h).
#include "engine/load/internal/manifest_parallel.h"

#include <simdjson.h>

#include <algorithm>
#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <span>
#include <thread>
#include <utility>
#include <vector>

#include "engine/load/file_buffer.h"
#include "engine/load/internal/manifest_reader.h"
#include "tbb/blocked_range.h"
#include "tbb/parallel_for.h"

namespace etldag::load_internal {
namespace {

// One range of the document and what its reader built.
struct Range {
  Range(const JsonInput& in, const char* from_key, const char* until) : from(from_key), reader(in, builder) {
    control.until.store(until);
  }
  const char* from;  // null = the document's start
  RangeControl control;
  GraphBuilder builder;
  ManifestReader reader;
  absl::Status status;
};

class Ranges {
 public:
  Ranges(const JsonInput& in, const ReaderOptions& options) : in_(in), options_(options) {
    const std::string_view json = in.data.substr(in.start);
    end_ = json.data() + json.size();
    const size_t k = options.readers;
    for (size_t r = 0; r < k; ++r) {
      initial_.push_back(&ranges_.emplace_back(in, r == 0 ? nullptr : json.data() + json.size() / k * r,
                                               r + 1 == k ? nullptr : json.data() + json.size() / k * (r + 1)));
    }
  }

  // Not ranges_[r]: indexing the deque reads its block map, which Split
  // may be growing on another thread.
  Range& initial(size_t r) { return *initial_[r]; }

  // A new range taken from the range with the most bytes left to read,
  // or null when none has options.min_split_bytes left (or a reader failed).
  Range* Split() {
    const std::lock_guard<std::mutex> lock(mu_);
    if (failed_.load()) return nullptr;
    Range* victim = nullptr;
    const char* victim_at = nullptr;
    uint64_t most = 0;
    for (Range& r : ranges_) {
      if (r.control.stopped.load() != nullptr) continue;  // done
      const char* reading = r.control.reading.load();
      const char* at = reading != nullptr ? reading : r.from != nullptr ? r.from : in_.data.data();
      const char* until = r.control.until.load();
      const char* stop = until != nullptr ? until : end_;
      const uint64_t left = stop > at ? static_cast<uint64_t>(stop - at) : 0;
      if (left > most) {
        most = left;
        victim = &r;
        victim_at = at;
      }
    }
    if (victim == nullptr || most < options_.min_split_bytes) return nullptr;
    const char* old_until = victim->control.until.load();
    const char* cut = victim_at + most / 2;
    victim->control.until.store(cut);
    const char* reading = victim->control.reading.load();
    const char* from = cut;
    if (reading != nullptr && reading >= cut) {
      // The victim may have read past the cut before it saw it: it stops at
      // its next entry, which is where the new range starts.
      while ((from = victim->control.stopped.load()) == nullptr) std::this_thread::yield();
      if (from == end_) return nullptr;  // it read to the end: nothing left
    }
    return &ranges_.emplace_back(in_, from, old_until);
  }

  void Fail() { failed_.store(true); }
  const char* end() const { return end_; }
  std::deque<Range>& all() { return ranges_; }

 private:
  const JsonInput& in_;
  const ReaderOptions& options_;
  const char* end_ = nullptr;
  std::mutex mu_;
  std::atomic<bool> failed_{false};
  std::deque<Range> ranges_;  // emplace_back keeps references valid
  std::vector<Range*> initial_;
};

}  // namespace

absl::StatusOr<bool> ReadManifestInParallel(const JsonInput& in, const ReaderOptions& options, ManifestParse* out) {
  const std::string_view json = in.data.substr(in.start);
  ReaderOptions o = options;
  // Each task indexes the whole document: at most max_index_bytes of text
  // indexed in all (two tasks whatever the size).
  const uint64_t by_memory = std::max<uint64_t>(2, options.max_index_bytes / std::max<size_t>(json.size(), 1));
  o.readers = std::min<size_t>({options.readers, size_t{64}, by_memory,
                                json.size() / std::max<uint64_t>(options.min_range_bytes, 1)});
  if (o.readers < 2) return false;
  o.min_split_bytes = std::max<uint64_t>(o.min_split_bytes, 1);
  Ranges ranges(in, o);

  // Each task indexes the document once, reads its range, then ranges split
  // off the others until none is worth splitting.
  tbb::parallel_for(size_t{0}, o.readers, [&](size_t task) {
    od::parser parser(std::max<size_t>(json.size(), 1));
    od::document doc;
    Range* r = &ranges.initial(task);
    if (auto err = parser.iterate(simdjson::padded_string_view(json.data(), json.size(), json.size() + kFileBufferPadding))
                       .get(doc)) {
      r->status = absl::InvalidArgumentError(simdjson::error_message(err));
    }
    while (r != nullptr) {
      if (r->status.ok()) r->status = r->reader.ReadRange(doc, r->from, &r->control);
      const char* none = nullptr;
      r->control.stopped.compare_exchange_strong(none, ranges.end());  // read to the end (or failed)
      if (!r->status.ok()) {
        ranges.Fail();
        return;
      }
      r = ranges.Split();
    }
  });
  std::vector<Range*> order;
  for (Range& r : ranges.all()) {
    if (!r.status.ok()) return false;
    order.push_back(&r);
  }
  // File order: null (the start) first, then by where the range starts.
  std::sort(order.begin(), order.end(), [](const Range* a, const Range* b) {
    return a->from == nullptr ? b->from != nullptr : b->from != nullptr && a->from < b->from;
  });

  // One builder, then the map edges once every node is defined: looked up
  // in parallel (nothing is interned meanwhile), added in file order.
  GraphBuilder& b = order[0]->builder;
  for (size_t r = 1; r < order.size(); ++r) {
    if (!b.MergeFrom(std::move(order[r]->builder))) return false;
  }
  std::vector<std::vector<ManifestReader::ResolvedMapEdge>> resolved(order.size());
  for (size_t r = 0; r < order.size(); ++r) {
    const std::vector<MapEdge>& edges = order[r]->reader.map_edges();
    resolved[r].resize(edges.size());
    tbb::parallel_for(tbb::blocked_range<size_t>(0, edges.size(), size_t{1} << 14),
                      [&](const tbb::blocked_range<size_t>& part) {
                        ManifestReader::ResolveMapEdges(b, std::span(edges).subspan(part.begin(), part.size()),
                                                        resolved[r].data() + part.begin());
                      });
  }
  ManifestReader& first = order[0]->reader;
  uint64_t nodes = 0;
  for (size_t r = 0; r < order.size(); ++r) {
    first.AddMapEdges(order[r]->reader.map_edges(), resolved[r].data());
    nodes += order[r]->reader.num_nodes();
  }
  out->builder = std::move(b);
  out->tasks = o.readers;
  out->ranges = order.size();
  out->version = first.version();
  out->num_nodes = nodes;
  out->ignored_map_edges = first.ignored_map_edges();
  return true;
}

}  // namespace etldag::load_internal
