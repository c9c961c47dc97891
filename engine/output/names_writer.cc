#include "engine/output/names_writer.h"

#include <cstring>

#include "engine/base/check.h"

namespace etldag {
namespace {

// Appends "name" + end for each id of `each` (called with a visitor), sized once
// up front: a large answer (64,000 names, 2 MB) is one allocation and one
// memcpy per name instead of a string grown by doubling.
template <typename ForEachId>
void AppendSized(const Graph& g, const ForEachId& each, std::string* out, char end) {
  size_t bytes = 0;
  each([&](NodeId v) { bytes += g.name(v).size() + 1; });
  const size_t at = out->size();
  out->resize(at + bytes);
  char* p = out->data() + at;
  each([&](NodeId v) {
    const std::string_view name = g.name(v);
    if (!name.empty()) std::memcpy(p, name.data(), name.size());
    p += name.size();
    *p++ = end;
  });
}

}  // namespace

void AppendNames(const Graph& g, std::span<const NodeId> ids, std::string* out, char end) {
  AppendSized(g, [&](const auto& f) { for (NodeId v : ids) f(v); }, out, end);
}

void AppendNames(const Graph& g, const Bitmap& nodes, std::string* out, char end) {
  ETLDAG_CHECK(nodes.size() == g.num_nodes());
  AppendSized(g, [&](const auto& f) { nodes.ForEach([&](size_t v) { f(static_cast<NodeId>(v)); }); }, out, end);
}

}  // namespace etldag
