// Name-list reader: shape dispatch, the plain list, the entry sink; the
// transaction JSON walk is in name_list_json.cc. See name_list.h.
#include "engine/load/name_list.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "engine/base/status.h"
#include "engine/base/strings.h"
#include "engine/load/file_buffer.h"
#include "engine/load/internal/name_list_internal.h"
#include "engine/load/internal/source_location.h"

namespace etldag {
namespace load_internal {
namespace {

std::string_view FlagText(Flag f) {
  return f == Flag::kCommitted ? "\"committed\": true" : "\"committed\": false or null";
}

}  // namespace

NameListSink::NameListSink(std::string_view file, std::string_view data, const Graph& g)
    : file_(file), data_(data), g_(g) {
  l_.listed = Bitmap(g.num_nodes());
  l_.committed = Bitmap(g.num_nodes());
  l_.not_committed = Bitmap(g.num_nodes());
}

absl::Status NameListSink::Error(uint64_t offset, std::string_view what) const {
  return absl::InvalidArgumentError(FormatLocatedError(file_, data_, offset, what));
}

absl::Status NameListSink::Add(std::string_view name, std::string_view id, Flag flag,
                               uint64_t offset) {
  ++l_.entries;
  if (flag == Flag::kNone) ++l_.unflagged; else ++l_.flagged;
  l_.not_committed_entries += flag == Flag::kNotCommitted;
  const std::optional<NodeId> v = lookup_.Find(name);
  Flag earlier = Flag::kNone;
  if (v.has_value()) {
    l_.duplicates += l_.listed.Test(*v);
    l_.listed.Set(*v);
    earlier = l_.committed.Test(*v) ? Flag::kCommitted
              : l_.not_committed.Test(*v) ? Flag::kNotCommitted : Flag::kNone;
  } else {
    const auto [it, inserted] = unknown_listed_.emplace(name, flag);
    if (inserted) {
      ++l_.unknown;
      if (l_.unknown_examples.size() < kMaxUnknownNameExamples) {
        l_.unknown_examples.push_back({std::string(name), LineColAt(data_, offset).line});
      }
    } else {
      ++l_.duplicates;
      earlier = it->second;
      if (earlier == Flag::kNone) it->second = flag;
    }
  }
  if (flag != Flag::kNone && earlier != Flag::kNone && flag != earlier) {
    return Error(offset, "\"" + std::string(name) + "\" is listed again with " +
                             std::string(FlagText(flag)) + " after " +
                             std::string(FlagText(earlier)) +
                             ": a dataset cannot be both committed and not");
  }
  if (!v.has_value()) return absl::OkStatus();
  if (flag == Flag::kCommitted) l_.committed.Set(*v);
  if (flag == Flag::kNotCommitted) l_.not_committed.Set(*v);
  if (!id.empty()) l_.ids.emplace_back(*v, std::string(id));
  return absl::OkStatus();
}

NameList NameListSink::Finish() && {
  // By node, then file order (stable); then drop repeated (node, id) pairs.
  std::stable_sort(l_.ids.begin(), l_.ids.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::pair<NodeId, std::string>> distinct;
  distinct.reserve(l_.ids.size());
  for (auto& entry : l_.ids) {
    const bool seen = std::any_of(
        std::lower_bound(distinct.begin(), distinct.end(), entry.first,
                         [](const auto& e, NodeId v) { return e.first < v; }),
        distinct.end(), [&](const auto& e) { return e.second == entry.second; });
    if (!seen) distinct.push_back(std::move(entry));
  }
  l_.ids = std::move(distinct);
  return std::move(l_);
}

// One name per line; see name_list.h for the rules.
absl::Status ParsePlainNameList(NameListSink& sink, std::string_view data, size_t start) {
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
      RETURN_IF_ERROR(sink.Add(name, {}, Flag::kNone, pos + b));
    }
    pos = eol + 1;
  }
  return absl::OkStatus();
}

}  // namespace load_internal

std::vector<std::string_view> IdsOf(const NameList& l, NodeId v) {
  std::vector<std::string_view> out;
  auto it = std::lower_bound(l.ids.begin(), l.ids.end(), v,
                             [](const auto& e, NodeId x) { return e.first < x; });
  for (; it != l.ids.end() && it->first == v; ++it) out.push_back(it->second);
  return out;
}

std::string_view NameListFormatName(NameList::Format f) {
  return f == NameList::Format::kTransactionJson ? "transaction-json" : "list";
}

absl::StatusOr<NameList> ParseNameList(std::string_view file_name, std::string_view padded_data,
                                       const Graph& g) {
  const size_t start = Utf8BomLength(padded_data);
  load_internal::NameListSink sink(file_name, padded_data, g);
  const size_t first = padded_data.find_first_not_of(" \t\r\n", start);
  const char c = first == std::string_view::npos ? '\0' : padded_data[first];
  if (c == '{') {
    RETURN_IF_ERROR(load_internal::ParseTransactionJson(sink, padded_data, start));
    sink.set_format(NameList::Format::kTransactionJson);
  } else if (c == '[') {
    return sink.Error(first,
                      "a JSON array is not a name list: expected the transaction JSON "
                      "{\"data\":{\"transaction\":{\"datasets\":[...]}}} or one name per line");
  } else {
    RETURN_IF_ERROR(load_internal::ParsePlainNameList(sink, padded_data, start));
  }
  return std::move(sink).Finish();
}

absl::StatusOr<NameList> ReadNameListFile(std::string_view path, const Graph& g) {
  const absl::StatusOr<FileBuffer> buf = FileBuffer::Read(path);
  if (!buf.ok()) return buf.status();
  return ParseNameList(buf->display_name(), buf->data(), g);
}

}  // namespace etldag
