// Name-list reader: shape dispatch, the plain list, the entry sink; the
// transaction JSON walk is in name_list_json.cc. See name_list.h.
#include "engine/load/name_list.h"

#include <algorithm>
#include <memory>
#include <optional>

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

NameListSink::NameListSink(std::string_view file, std::string_view data)
    : file_(file), data_(data) {}

absl::Status NameListSink::Error(uint64_t offset, std::string_view what) const {
  return absl::InvalidArgumentError(FormatLocatedError(file_, data_, offset, what));
}

std::string_view NameListSink::Keep(std::string_view s) {
  if (s.empty() || (s.data() >= data_.data() && s.data() + s.size() <= data_.data() + data_.size())) {
    return s;
  }
  return owned_.emplace_back(s);
}

void NameListSink::Add(std::string_view name, std::string_view id, Flag flag, uint64_t offset) {
  entries_.push_back({Keep(name), Keep(id), flag, offset});
}

absl::StatusOr<NameList> NameListSink::Resolve(const Graph& g, const absl::Status& collected) const {
  NameList l;
  l.format = format_;
  l.listed = Bitmap(g.num_nodes());
  l.committed = Bitmap(g.num_nodes());
  l.not_committed = Bitmap(g.num_nodes());
  NameLookup lookup(g);  // hashed once the list proves long (name_lookup.h)
  // Names that are no node, with the flag of their first flagged entry.
  absl::flat_hash_map<std::string_view, Flag> unknown_listed;
  for (const Entry& e : entries_) {
    ++l.entries;
    if (e.flag == Flag::kNone) ++l.unflagged; else ++l.flagged;
    l.not_committed_entries += e.flag == Flag::kNotCommitted;
    const std::optional<NodeId> v = lookup.Find(e.name);
    Flag earlier = Flag::kNone;
    if (v.has_value()) {
      l.duplicates += l.listed.Test(*v);
      l.listed.Set(*v);
      earlier = l.committed.Test(*v) ? Flag::kCommitted
                : l.not_committed.Test(*v) ? Flag::kNotCommitted : Flag::kNone;
    } else {
      const auto [it, inserted] = unknown_listed.emplace(e.name, e.flag);
      if (inserted) {
        ++l.unknown;
        if (l.unknown_examples.size() < kMaxUnknownNameExamples) {
          l.unknown_examples.push_back({std::string(e.name), LineColAt(data_, e.offset).line});
        }
      } else {
        ++l.duplicates;
        earlier = it->second;
        if (earlier == Flag::kNone) it->second = e.flag;
      }
    }
    if (e.flag != Flag::kNone && earlier != Flag::kNone && e.flag != earlier) {
      return Error(e.offset, "\"" + std::string(e.name) + "\" is listed again with " +
                                 std::string(FlagText(e.flag)) + " after " +
                                 std::string(FlagText(earlier)) +
                                 ": a dataset cannot be both committed and not");
    }
    if (!v.has_value()) continue;
    if (e.flag == Flag::kCommitted) l.committed.Set(*v);
    if (e.flag == Flag::kNotCommitted) l.not_committed.Set(*v);
    if (!e.id.empty()) l.ids.emplace_back(*v, std::string(e.id));
  }
  RETURN_IF_ERROR(collected);
  // By node, then file order (stable); then drop repeated (node, id) pairs.
  // A list in node (= name) order, the usual case, needs no sort.
  const auto by_node = [](const auto& a, const auto& b) { return a.first < b.first; };
  if (!std::is_sorted(l.ids.begin(), l.ids.end(), by_node)) {
    std::stable_sort(l.ids.begin(), l.ids.end(), by_node);
  }
  std::vector<std::pair<NodeId, std::string>> distinct;
  distinct.reserve(l.ids.size());
  for (auto& entry : l.ids) {
    const bool seen = std::any_of(
        std::lower_bound(distinct.begin(), distinct.end(), entry.first,
                         [](const auto& e, NodeId v) { return e.first < v; }),
        distinct.end(), [&](const auto& e) { return e.second == entry.second; });
    if (!seen) distinct.push_back(std::move(entry));
  }
  l.ids = std::move(distinct);
  return l;
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
      sink.Add(name, {}, Flag::kNone, pos + b);
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

namespace {

// Fills `sink` from the data; the first shape error, kept for Resolve.
[[nodiscard]] absl::Status Collect(load_internal::NameListSink& sink, std::string_view padded_data) {
  const size_t start = Utf8BomLength(padded_data);
  const size_t first = padded_data.find_first_not_of(" \t\r\n", start);
  const char c = first == std::string_view::npos ? '\0' : padded_data[first];
  if (c == '{') {
    sink.set_format(NameList::Format::kTransactionJson);
    return load_internal::ParseTransactionJson(sink, padded_data, start);
  }
  if (c == '[') {
    return sink.Error(first,
                      "a JSON array is not a name list: expected the transaction JSON "
                      "{\"data\":{\"transaction\":{\"datasets\":[...]}}} or one name per line");
  }
  return load_internal::ParsePlainNameList(sink, padded_data, start);
}

}  // namespace

absl::StatusOr<NameList> ParseNameList(std::string_view file_name, std::string_view padded_data,
                                       const Graph& g) {
  load_internal::NameListSink sink(file_name, padded_data);
  const absl::Status collected = Collect(sink, padded_data);
  return sink.Resolve(g, collected);
}

struct PendingNameList::Impl {
  FileBuffer buf;
  std::optional<load_internal::NameListSink> sink;
  absl::Status collected;
};

PendingNameList::PendingNameList() = default;
PendingNameList::PendingNameList(PendingNameList&&) noexcept = default;
PendingNameList& PendingNameList::operator=(PendingNameList&&) noexcept = default;
PendingNameList::~PendingNameList() = default;

absl::StatusOr<PendingNameList> PendingNameList::Read(std::string_view path) {
  absl::StatusOr<FileBuffer> buf = FileBuffer::Read(path);
  if (!buf.ok()) return buf.status();
  PendingNameList p;
  p.impl_ = std::make_unique<Impl>();
  p.impl_->buf = std::move(buf).value();
  p.impl_->sink.emplace(p.impl_->buf.display_name(), p.impl_->buf.data());
  p.impl_->collected = Collect(*p.impl_->sink, p.impl_->buf.data());
  return p;
}

absl::StatusOr<NameList> PendingNameList::Resolve(const Graph& g) const {
  return impl_->sink->Resolve(g, impl_->collected);
}

absl::StatusOr<NameList> ReadNameListFile(std::string_view path, const Graph& g) {
  ASSIGN_OR_RETURN(const PendingNameList pending, PendingNameList::Read(path));
  return pending.Resolve(g);
}

}  // namespace etldag
