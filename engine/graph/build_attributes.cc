// The attribute arrays of GraphBuilder::Build (node_attributes.h): the arena
// of distinct strings in interning order, then every per-node row and list
// permuted from provisional ids to final (name-order) ids.
#include <algorithm>
#include <cstring>
#include <vector>

#include "engine/graph/internal/builder_impl.h"

namespace etldag::graph_internal {
namespace {

// CSR of per-pid lists, in final id order.
void LayOutLists(const std::vector<std::vector<AttrId>>& lists, const std::vector<uint32_t>& order,
                 std::vector<uint32_t>& offsets, std::vector<AttrId>& ids) {
  const size_t n = order.size();
  offsets.assign(n + 1, 0);
  for (size_t i = 0; i < n; ++i) {
    const uint32_t pid = order[i];
    offsets[i + 1] = offsets[i] + static_cast<uint32_t>(pid < lists.size() ? lists[pid].size() : 0);
  }
  ids.resize(offsets[n]);
  for (size_t i = 0; i < n; ++i) {
    const uint32_t pid = order[i];
    if (pid < lists.size()) std::copy(lists[pid].begin(), lists[pid].end(), ids.begin() + offsets[i]);
  }
}

}  // namespace

void LayOutAttributes(const GraphBuilder::Impl& m, const std::vector<NodeId>& rank, GraphStorage& s) {
  if (!m.has_attrs) return;
  const size_t n = rank.size();
  std::vector<uint32_t> order(n);  // final id -> pid
  for (size_t pid = 0; pid < n; ++pid) order[rank[pid]] = static_cast<uint32_t>(pid);

  const std::vector<std::string_view>& strings = m.attr_strings.names();
  s.attr_string_offsets.resize(strings.size() + 1);
  size_t bytes = 0;
  for (size_t i = 0; i < strings.size(); ++i) {
    s.attr_string_offsets[i] = static_cast<uint32_t>(bytes);
    bytes += strings[i].size();
  }
  s.attr_string_offsets[strings.size()] = static_cast<uint32_t>(bytes);
  s.attr_strings.resize(bytes);
  for (size_t i = 0; i < strings.size(); ++i) {
    if (!strings[i].empty()) std::memcpy(s.attr_strings.data() + s.attr_string_offsets[i], strings[i].data(), strings[i].size());
  }

  s.node_attrs.assign(n * kNumAttrFields, kNoAttr);
  for (size_t i = 0; i < n; ++i) {
    const size_t pid = order[i];
    if ((pid + 1) * kNumAttrFields > m.attr_rows.size()) continue;
    std::copy_n(m.attr_rows.begin() + static_cast<ptrdiff_t>(pid * kNumAttrFields), kNumAttrFields,
                s.node_attrs.begin() + static_cast<ptrdiff_t>(i * kNumAttrFields));
  }
  LayOutLists(m.tags, order, s.tag_offsets, s.tag_ids);
  LayOutLists(m.fqn, order, s.fqn_offsets, s.fqn_ids);
  s.graph_attrs.assign(m.graph_attrs.begin(), m.graph_attrs.end());
}

}  // namespace etldag::graph_internal
