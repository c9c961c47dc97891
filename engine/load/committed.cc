// Committed-datasets reader: format dispatch, the plain list, the entry sink;
// the transaction JSON walk is in committed_json.cc. See committed.h.
#include "engine/load/committed.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "engine/base/status.h"
#include "engine/load/committed_internal.h"
#include "engine/load/file_buffer.h"
#include "engine/load/source_location.h"

namespace etldag {
namespace load_internal {

CommittedSink::CommittedSink(std::string_view file, std::string_view data, const Graph& g)
    : file_(file), data_(data), g_(g), listed_(g.num_nodes()) {
  c_.committed = Bitmap(g.num_nodes());
}

absl::Status CommittedSink::Error(uint64_t offset, std::string_view what) const {
  return absl::InvalidArgumentError(FormatLocatedError(file_, data_, offset, what));
}

void CommittedSink::Add(std::string_view name, std::string_view id, bool committed) {
  ++c_.entries;
  const std::optional<NodeId> v = lookup_.Find(name);
  bool repeated;
  if (v.has_value()) {
    repeated = listed_.Test(*v);
    listed_.Set(*v);
  } else {
    repeated = !unknown_listed_.emplace(name).second;
  }
  c_.duplicates += repeated;
  if (!committed) {
    ++c_.not_committed;
    return;
  }
  if (!v.has_value()) {
    if (unknown_committed_.emplace(name).second) {
      ++c_.unknown;
      if (c_.unknown_examples.size() < kMaxUnknownCommittedExamples) {
        c_.unknown_examples.emplace_back(name);
      }
    }
    return;
  }
  c_.committed.Set(*v);
  if (!id.empty()) c_.ids.emplace_back(*v, std::string(id));
}

CommittedDatasets CommittedSink::Finish() && {
  // By node, then file order (stable); then drop repeated (node, id) pairs.
  std::stable_sort(c_.ids.begin(), c_.ids.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::pair<NodeId, std::string>> distinct;
  distinct.reserve(c_.ids.size());
  for (auto& entry : c_.ids) {
    const bool seen = std::any_of(
        std::lower_bound(distinct.begin(), distinct.end(), entry.first,
                         [](const auto& e, NodeId v) { return e.first < v; }),
        distinct.end(), [&](const auto& e) { return e.second == entry.second; });
    if (!seen) distinct.push_back(std::move(entry));
  }
  c_.ids = std::move(distinct);
  return std::move(c_);
}

// One name per line; see committed.h for the rules.
absl::Status ParseCommittedList(CommittedSink& sink, std::string_view data, size_t start) {
  size_t pos = start;
  while (pos < data.size()) {
    size_t eol = data.find('\n', pos);
    if (eol == std::string_view::npos) eol = data.size();
    std::string_view line = data.substr(pos, eol - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const size_t b = line.find_first_not_of(" \t");
    if (b != std::string_view::npos && line[b] != '#') {
      const std::string_view name = line.substr(b, line.find_last_not_of(" \t") - b + 1);
      for (size_t i = 0; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        if (c < 0x20 || c == 0x7f) {
          return sink.Error(pos + b + i, absl::StrCat("control character (byte 0x",
                                                      absl::Hex(c, absl::kZeroPad2),
                                                      ") in a dataset name"));
        }
      }
      sink.Add(name, {}, true);
    }
    pos = eol + 1;
  }
  return absl::OkStatus();
}

}  // namespace load_internal

std::vector<std::string_view> CommittedIdsOf(const CommittedDatasets& c, NodeId v) {
  std::vector<std::string_view> out;
  auto it = std::lower_bound(c.ids.begin(), c.ids.end(), v,
                             [](const auto& e, NodeId x) { return e.first < x; });
  for (; it != c.ids.end() && it->first == v; ++it) out.push_back(it->second);
  return out;
}

absl::StatusOr<CommittedDatasets> ParseCommitted(std::string_view file_name,
                                                 std::string_view padded_data, const Graph& g) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  const size_t start = padded_data.substr(0, kBom.size()) == kBom ? kBom.size() : 0;
  load_internal::CommittedSink sink(file_name, padded_data, g);
  const size_t first = padded_data.find_first_not_of(" \t\r\n", start);
  const char c = first == std::string_view::npos ? '\0' : padded_data[first];
  if (c == '{') {
    RETURN_IF_ERROR(load_internal::ParseCommittedJson(sink, padded_data, start));
    sink.set_format(CommittedDatasets::Format::kTransactionJson);
  } else if (c == '[') {
    return sink.Error(first,
                      "a JSON array is not a committed file: expected the transaction JSON "
                      "{\"data\":{\"transaction\":{\"datasets\":[...]}}} or one name per line");
  } else {
    RETURN_IF_ERROR(load_internal::ParseCommittedList(sink, padded_data, start));
  }
  return std::move(sink).Finish();
}

absl::StatusOr<CommittedDatasets> ReadCommittedFile(std::string_view path, const Graph& g) {
  const absl::StatusOr<FileBuffer> buf = FileBuffer::Read(path);
  if (!buf.ok()) return buf.status();
  return ParseCommitted(buf->display_name(), buf->data(), g);
}

}  // namespace etldag
