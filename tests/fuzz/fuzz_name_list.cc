// Fuzz target: the one name-list reader (engine/load/name_list.h: file:
// selectors, --committed, --run) and the run-state triage built on it.
//
// Checks:
//   - rejected: InvalidArgument "fuzz.txt:LINE:COL: error: ..." at a real
//     position of the input;
//   - accepted, over the fixed graph (fixed_graph.h): bitmaps of one bit per
//     node; committed and not_committed disjoint and inside listed; flagged +
//     unflagged = entries, not_committed_entries <= flagged, duplicates <=
//     entries; a plain list has no flags and no ids; ids are distinct (node,
//     id) pairs sorted by node, of listed nodes, found by IdsOf; the unknown
//     examples are the first min(unknown, 5), distinct, not nodes, with a
//     line inside the input; the format matches the first non-blank byte;
//   - the committed view (committed.h) lies inside listed and misses exactly
//     the not-committed nodes;
//   - the same input over a small DAG, as a run file: ComputeTriage's
//     classes equal a brute-force classification from the definitions of
//     engine/algo/triage.h (ancestors by DFS).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/algo/triage.h"
#include "engine/graph/graph_builder.h"
#include "engine/load/committed.h"
#include "engine/load/file_buffer.h"
#include "engine/load/name_list.h"
#include "tests/fuzz/fixed_graph.h"
#include "tests/fuzz/fuzz_checks.h"

namespace etldag::fuzz {
namespace {

constexpr std::string_view kFile = "fuzz.txt";

absl::StatusOr<NameList> Parse(std::string_view text, const Graph& g) {
  std::string padded(text);
  padded.append(kFileBufferPadding, '\0');
  return ParseNameList(kFile, std::string_view(padded.data(), text.size()), g);
}

//   dataset/a -> dataset/b -> model/m -> policy/p;  dataset/a -> dataset/c;  raw/x -> dataset/c
const Graph& SmallDag() {
  static const Graph* g = [] {
    absl::StatusOr<Graph> b = BuildGraph(
        {{"dataset/a", ""}, {"dataset/b", ""}, {"dataset/c", ""}, {"model/m", ""}, {"policy/p", ""}},
        {{"dataset/a", "dataset/b"}, {"dataset/b", "model/m"}, {"model/m", "policy/p"},
         {"dataset/a", "dataset/c"}, {"raw/x", "dataset/c"}});
    if (!b.ok()) Fail("small DAG does not build", b.status().ToString());
    return new Graph(std::move(b).value());
  }();
  return *g;
}

void CheckList(const Graph& g, const NameList& l, std::string_view text) {
  const size_t n = g.num_nodes();
  Check(l.listed.size() == n && l.committed.size() == n && l.not_committed.size() == n,
        "bitmaps of the wrong size");
  for (size_t v = 0; v < n; ++v) {
    Check(!(l.committed.Test(v) && l.not_committed.Test(v)), "committed and not committed");
    Check(l.listed.Test(v) || (!l.committed.Test(v) && !l.not_committed.Test(v)), "flag of an unlisted node");
  }
  Check(l.flagged + l.unflagged == l.entries, "flagged + unflagged != entries");
  Check(l.not_committed_entries <= l.flagged && l.duplicates <= l.entries, "counts exceed the entries");
  for (size_t i = 0; i < l.ids.size(); ++i) {
    Check(l.ids[i].first < n && l.listed.Test(l.ids[i].first), "id of an unlisted node");
    Check(!l.ids[i].second.empty(), "empty id");
    if (i > 0) Check(l.ids[i - 1].first <= l.ids[i].first, "ids not sorted by node");
    for (size_t j = 0; j < i; ++j) Check(l.ids[i] != l.ids[j], "repeated (node, id) pair");
  }
  for (NodeId v = 0; v < n; ++v) {
    size_t count = 0;
    for (const auto& [node, id] : l.ids) count += node == v;
    Check(IdsOf(l, v).size() == count, "IdsOf misses ids");
  }
  Check(l.unknown_examples.size() == std::min<uint64_t>(l.unknown, kMaxUnknownNameExamples),
        "unknown examples: wrong count");
  const uint64_t lines = 1 + static_cast<uint64_t>(std::count(text.begin(), text.end(), '\n'));
  for (size_t i = 0; i < l.unknown_examples.size(); ++i) {
    Check(!g.Find(l.unknown_examples[i].name).has_value(), "an unknown example is a node");
    Check(l.unknown_examples[i].line >= 1 && l.unknown_examples[i].line <= lines, "example line outside the input");
    for (size_t j = 0; j < i; ++j) Check(l.unknown_examples[i].name != l.unknown_examples[j].name, "repeated example");
  }
  std::string_view body = text;
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  const size_t first = body.find_first_not_of(" \t\r\n");
  const bool is_json = first != std::string_view::npos && body[first] == '{';
  Check(is_json == (l.format == NameList::Format::kTransactionJson), "format differs from the first byte");
  if (!is_json) Check(l.ids.empty() && l.flagged == 0, "a plain list with ids or flags");
  const CommittedDatasets c = CommittedFromNameList(l);
  for (size_t v = 0; v < n; ++v) {
    Check(c.committed.Test(v) == (l.listed.Test(v) && !l.not_committed.Test(v)), "committed view differs");
  }
}

// The classes of triage.h straight from the definitions (roots inferred).
std::vector<RunClass> Brute(const Graph& g, const Bitmap& unc) {
  const uint32_t n = g.num_nodes();
  std::vector<std::vector<bool>> anc(n, std::vector<bool>(n, false));
  for (NodeId v = 0; v < n; ++v) {
    std::vector<NodeId> stack(g.in(v).begin(), g.in(v).end());
    while (!stack.empty()) {
      const NodeId u = stack.back();
      stack.pop_back();
      if (anc[v][u]) continue;
      anc[v][u] = true;
      for (NodeId w : g.in(u)) stack.push_back(w);
    }
  }
  std::vector<RunClass> cls(n, RunClass::kCommitted);
  for (NodeId v = 0; v < n; ++v) {
    if (g.is_external(v)) {
      cls[v] = RunClass::kExternal;
      continue;
    }
    if (!unc.Test(v)) continue;
    bool above = false;
    for (NodeId u = 0; u < n; ++u) above |= anc[v][u] && unc.Test(u) && !g.is_external(u);
    cls[v] = above ? RunClass::kCollateral : RunClass::kRootFailure;
  }
  return cls;
}

void CheckTriage(std::string_view text) {
  const Graph& g = SmallDag();
  absl::StatusOr<NameList> l = Parse(text, g);
  if (!l.ok()) return;
  Bitmap unc = l->listed;
  unc.Subtract(l->committed);
  const Bitmap prot(g.num_nodes());
  const Triage t = ComputeTriage(g, {.uncommitted = &unc, .protected_set = &prot});
  Check(t.cls == Brute(g, unc), "triage classes differ from the definitions", text);
}

void Run(std::string_view text) {
  const Graph& g = FixedGraph();
  absl::StatusOr<NameList> l = Parse(text, g);
  if (!l.ok()) {
    Check(l.status().code() == absl::StatusCode::kInvalidArgument, "error is not InvalidArgument",
          l.status().ToString());
    CheckLocatedError(l.status(), kFile, text);
    return;
  }
  CheckList(g, *l, text);
  CheckTriage(text);
}

}  // namespace
}  // namespace etldag::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  etldag::fuzz::Run(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
