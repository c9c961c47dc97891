// The small fixed graph the selector, durations and committed fuzz targets
// evaluate against: ops and externals, explicit and derived kinds, a 2-cycle,
// a self-loop, and names holding selector, glob, CSV and JSON metacharacters
// ('+', ':', '[', '*', '"', ',', '#') and non-ASCII bytes.
//
//   raw/e1 -> dataset/a -> dataset/b -> dataset/c -> model/m -> policy/p
//                 |            ^                       ^
//                 v            |                       |
//         nu-mx/policy/q     é/u        cyc/1 <-> cyc/2
//   raw/e2 -> a+b -> ns:x      x*y -> weird[1]      self <-+ (self-loop)
//   a -> ab -> raw/out         "q\"uote" -> "comma,name" -> "#hash"
#ifndef ETLDAG_TESTS_FUZZ_FIXED_GRAPH_H_
#define ETLDAG_TESTS_FUZZ_FIXED_GRAPH_H_

#include <utility>

#include "engine/graph/graph_builder.h"
#include "tests/fuzz/fuzz_checks.h"

namespace etldag::fuzz {

inline const Graph& FixedGraph() {
  static const Graph* g = [] {
    GraphBuilder b;
    const char* ops[][2] = {
        {"dataset/a", ""},  {"dataset/b", ""}, {"dataset/c", "table"}, {"model/m", "ml"},
        {"policy/p", ""},   {"nu-mx/policy/q", ""}, {"a+b", ""},       {"ns:x", ""},
        {"weird[1]", ""},   {"x*y", ""},       {"\xC3\xA9/u", ""},     {"cyc/1", ""},
        {"cyc/2", ""},      {"self", "loop"},  {"a", ""},              {"ab", ""},
        {"q\"uote", ""},    {"comma,name", ""}, {"#hash", ""}};
    for (const auto& [name, kind] : ops) b.DefineOp(b.Intern(name), kind);
    const char* edges[][2] = {
        {"raw/e1", "dataset/a"}, {"dataset/a", "dataset/b"}, {"dataset/b", "dataset/c"},
        {"dataset/c", "model/m"}, {"model/m", "policy/p"},   {"dataset/a", "nu-mx/policy/q"},
        {"raw/e2", "a+b"},       {"a+b", "ns:x"},            {"cyc/1", "cyc/2"},
        {"cyc/2", "cyc/1"},      {"cyc/2", "model/m"},       {"self", "self"},
        {"x*y", "weird[1]"},     {"\xC3\xA9/u", "dataset/b"}, {"a", "ab"},
        {"ab", "raw/out"},       {"q\"uote", "comma,name"},  {"comma,name", "#hash"}};
    for (const auto& [u, v] : edges) b.AddEdge(b.Intern(u), b.Intern(v), EdgeSide::kBoth);
    absl::StatusOr<Graph> built = std::move(b).Build();
    Check(built.ok(), "fixed graph does not build");
    return new Graph(std::move(built).value());
  }();
  return *g;
}

}  // namespace etldag::fuzz

#endif  // ETLDAG_TESTS_FUZZ_FIXED_GRAPH_H_
