#include "engine/graph/graph_builder.h"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "engine/base/check.h"
#include "engine/base/status.h"
#include "engine/base/strings.h"
#include "engine/graph/internal/builder_impl.h"
#include "engine/graph/internal/graph_storage.h"

namespace etldag {

using graph_internal::kNoKind;

GraphBuilder::GraphBuilder() : impl_(std::make_unique<Impl>()) {}
GraphBuilder::~GraphBuilder() = default;
GraphBuilder::GraphBuilder(GraphBuilder&&) noexcept = default;
GraphBuilder& GraphBuilder::operator=(GraphBuilder&&) noexcept = default;

void GraphBuilder::Reserve(size_t nodes, size_t edges) {
  impl_->names.Reserve(nodes);
  impl_->explicit_kind.reserve(nodes);
  impl_->defined.reserve(nodes);
  impl_->edges.reserve(edges);
  impl_->sides.reserve(edges);
}

GraphBuilder::Pid GraphBuilder::Intern(std::string_view name) {
  Impl& m = *impl_;
  const Pid pid = m.names.Intern(name);
  if (pid == m.defined.size()) m.Extend();
  return pid;
}

void GraphBuilder::InternBatch(std::span<const std::string_view> names, Pid* out) {
  Impl& m = *impl_;
  m.names.InternBatch(names, out);
  m.Extend();
}

bool GraphBuilder::DefineOp(Pid pid, std::string_view kind) {
  Impl& m = *impl_;
  if (pid >= m.names.size()) {
    m.bad_pid = true;
    return false;
  }
  if (m.defined[pid]) return false;
  m.defined[pid] = 1;
  if (!kind.empty()) m.explicit_kind[pid] = static_cast<int32_t>(m.kinds.Intern(kind));
  return true;
}

void GraphBuilder::AddEdge(Pid from, Pid to, EdgeSide side) {
  Impl& m = *impl_;
  if (from >= m.names.size() || to >= m.names.size()) {
    m.bad_pid = true;
    return;
  }
  m.edges.push_back((uint64_t{from} << 32) | to);
  m.sides.push_back(static_cast<uint8_t>(side));
}

void GraphBuilder::SetAttributes(Pid pid, const NodeAttributeInput& attrs) {
  Impl& m = *impl_;
  if (pid >= m.names.size()) {
    m.bad_pid = true;
    return;
  }
  if (!m.has_attrs) {
    m.attr_strings.Intern("");  // id 0 = absent
    m.has_attrs = true;
  }
  if (m.attr_rows.size() < m.names.size() * kNumAttrFields) {
    m.attr_rows.resize(m.names.size() * kNumAttrFields, kNoAttr);
    m.tags.resize(m.names.size());
    m.fqn.resize(m.names.size());
  }
  for (size_t f = 0; f < kNumAttrFields; ++f) {
    const std::string_view v = attrs.fields[f];
    AttrId id = kNoAttr;
    if (v.empty()) {
    } else if (v == m.last_value[f]) {
      id = m.last_id[f];
    } else {
      id = m.attr_strings.Intern(v);
      m.last_value[f] = m.attr_strings.name(id);
      m.last_id[f] = id;
    }
    m.attr_rows[size_t{pid} * kNumAttrFields + f] = id;
  }
  std::vector<AttrId>& tags = m.tags[pid];
  tags.clear();
  for (std::string_view t : attrs.tags) tags.push_back(m.attr_strings.Intern(t));
  std::vector<AttrId>& fqn = m.fqn[pid];
  fqn.clear();
  for (std::string_view t : attrs.fqn) fqn.push_back(m.attr_strings.Intern(t));
}

void GraphBuilder::SetGraphAttribute(GraphAttr field, std::string_view value) {
  Impl& m = *impl_;
  if (!m.has_attrs) {
    m.attr_strings.Intern("");
    m.has_attrs = true;
  }
  m.graph_attrs[static_cast<size_t>(field)] = m.attr_strings.Intern(value);
}

bool GraphBuilder::MergeFrom(GraphBuilder&& other) {
  Impl& m = *impl_;
  const Impl& o = *other.impl_;
  if (o.bad_pid) m.bad_pid = true;
  std::vector<Pid> remap(o.names.size());
  InternBatch(o.names.names(), remap.data());  // grows the table only if the union needs it
  for (Pid p = 0; p < o.names.size(); ++p) {
    if (o.defined[p]) {
      const std::string_view kind = o.explicit_kind[p] == kNoKind ? std::string_view() : o.kinds.name(o.explicit_kind[p]);
      if (!DefineOp(remap[p], kind)) return false;
    }
  }
  if (o.has_attrs) MergeAttributes(o, remap);
  m.edges.reserve(m.edges.size() + o.edges.size());
  m.sides.insert(m.sides.end(), o.sides.begin(), o.sides.end());
  for (const uint64_t e : o.edges) m.edges.push_back((uint64_t{remap[e >> 32]} << 32) | remap[e & 0xffffffffu]);
  GraphBuilder().impl_.swap(other.impl_);  // frees other's memory now
  return true;
}

// other's attribute strings interned here in other's order ("" is id 0 in
// both), then its non-empty rows and lists with their ids remapped.
void GraphBuilder::MergeAttributes(const Impl& o, const std::vector<Pid>& remap) {
  Impl& m = *impl_;
  if (!m.has_attrs) {
    m.attr_strings.Intern("");
    m.has_attrs = true;
  }
  std::vector<AttrId> ids(o.attr_strings.size());
  m.attr_strings.Reserve(m.attr_strings.size() + o.attr_strings.size());  // one growth at most
  m.attr_strings.InternBatch(o.attr_strings.names(), ids.data());
  for (size_t f = 0; f < m.graph_attrs.size(); ++f) {
    if (m.graph_attrs[f] == kNoAttr) m.graph_attrs[f] = ids[o.graph_attrs[f]];
  }
  if (m.attr_rows.size() < m.names.size() * kNumAttrFields) {
    m.attr_rows.resize(m.names.size() * kNumAttrFields, kNoAttr);
    m.tags.resize(m.names.size());
    m.fqn.resize(m.names.size());
  }
  const size_t rows = o.attr_rows.size() / kNumAttrFields;
  for (size_t p = 0; p < rows; ++p) {
    const AttrId* row = o.attr_rows.data() + p * kNumAttrFields;
    if (o.tags[p].empty() && o.fqn[p].empty() && std::all_of(row, row + kNumAttrFields, [](AttrId a) { return a == kNoAttr; })) {
      continue;  // none set (a name other only references): keep this builder's
    }
    const size_t to = size_t{remap[p]};
    for (size_t f = 0; f < kNumAttrFields; ++f) {
      m.attr_rows[to * kNumAttrFields + f] = ids[o.attr_rows[p * kNumAttrFields + f]];
    }
    const auto copy_list = [&](const std::vector<AttrId>& from, std::vector<AttrId>& into) {
      into.resize(from.size());
      for (size_t i = 0; i < from.size(); ++i) into[i] = ids[from[i]];
    };
    copy_list(o.tags[p], m.tags[to]);
    copy_list(o.fqn[p], m.fqn[to]);
  }
}

GraphBuilder::Pid GraphBuilder::Find(std::string_view name) const {
  const Pid pid = impl_->names.Find(name);
  return pid == graph_internal::NameTable::kNotFound ? kNoPid : pid;
}

size_t GraphBuilder::num_interned() const { return impl_->names.size(); }
size_t GraphBuilder::num_raw_edges() const { return impl_->edges.size(); }
std::string_view GraphBuilder::interned_name(Pid pid) const { return impl_->names.name(pid); }
bool GraphBuilder::is_defined(Pid pid) const { return impl_->defined[pid] != 0; }

absl::StatusOr<Graph> GraphBuilder::Build() && {
  Impl& m = *impl_;
  if (m.bad_pid) return absl::InvalidArgumentError("GraphBuilder: an edge or op used an unknown id");
  if (m.names.size() > kMaxNodes) {
    return absl::ResourceExhaustedError(
        absl::StrCat(m.names.size(), " nodes; the limit is ", kMaxNodes));
  }
  if (m.edges.size() > kMaxEdges) {
    return absl::ResourceExhaustedError(
        absl::StrCat(m.edges.size(), " declared edges; the limit is ", kMaxEdges));
  }
  auto storage = std::make_shared<GraphStorage>();
  std::vector<NodeId> rank;
  RETURN_IF_ERROR(graph_internal::LayOutNodes(m, rank, *storage));
  m.names.DropIndex();
  graph_internal::BuildOutCsr(m, rank, *storage);
  graph_internal::BuildInCsr(*storage);
  graph_internal::LayOutAttributes(m, rank, *storage);
  const GraphArrays arrays = storage->Arrays();
  return Graph::FromValidatedArrays(arrays, std::move(storage));
}

absl::StatusOr<Graph> BuildGraph(
    const std::vector<OpSpec>& ops,
    const std::vector<std::pair<std::string_view, std::string_view>>& edges) {
  GraphBuilder b;
  for (const OpSpec& op : ops) {
    if (!b.DefineOp(b.Intern(op.name), op.kind)) {
      return absl::InvalidArgumentError(absl::StrCat("duplicate op name \"", ToAbsl(op.name), "\""));
    }
  }
  for (const auto& [from, to] : edges) b.AddEdge(b.Intern(from), b.Intern(to), EdgeSide::kBoth);
  return std::move(b).Build();
}

}  // namespace etldag
