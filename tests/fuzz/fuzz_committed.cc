// Fuzz target: the committed-datasets reader (ParseCommitted on a padded
// copy) over the fixed graph of fixed_graph.h.
//
// Checks:
//   - rejected: InvalidArgument "fuzz.txt:LINE:COL: error: ..." at a real
//     position of the input;
//   - accepted: the bitmap has one bit per node; ids are distinct (node, id)
//     pairs sorted by node, each of a committed node, and CommittedIdsOf
//     returns them; a plain list has no ids and no uncommitted entries;
//     duplicates <= entries; the unknown examples are the first
//     min(unknown, 5), distinct, not nodes; the format matches the first
//     non-blank byte, and a JSON one is valid JSON by the strict scanner;
//   - round trips: the committed set written back as a plain list (names not
//     starting with '#', which the list format reads as comments) and as
//     transaction JSON with the ids gives the same set and the same ids.
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/load/committed.h"
#include "engine/load/file_buffer.h"
#include "engine/load/internal/json_syntax.h"
#include "tests/fuzz/fixed_graph.h"
#include "tests/fuzz/fuzz_checks.h"
#include "tests/fuzz/graph_json.h"

namespace etldag::fuzz {
namespace {

constexpr std::string_view kFile = "fuzz.txt";

[[nodiscard]] absl::StatusOr<CommittedDatasets> Parse(std::string_view text) {
  std::string padded(text);
  padded.append(kFileBufferPadding, '\0');
  return ParseCommitted(kFile, std::string_view(padded.data(), text.size()), FixedGraph());
}

bool SameBits(const Bitmap& a, const Bitmap& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a.Test(i) != b.Test(i)) return false;
  }
  return true;
}

void CheckRoundTrips(const Graph& g, const CommittedDatasets& c) {
  std::string list = "# written back\r\n", json = "{\"data\":{\"transaction\":{\"datasets\":[";
  bool hashed = false, first = true;
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    if (!c.committed.Test(v)) continue;
    const std::string_view name = g.name(v);
    if (name[0] == '#') hashed = true; else list += "  " + std::string(name) + " \n";
    std::vector<std::string_view> ids = CommittedIdsOf(c, v);
    if (ids.empty()) ids.push_back({});
    for (std::string_view id : ids) {
      json += first ? "\n{\"name\":" : ",\n{\"name\":";
      first = false;
      AppendJsonString(json, name);
      if (!id.empty()) {
        json += ",\"id\":";
        AppendJsonString(json, id);
      }
      json += ",\"committed\":true}";
    }
  }
  json += "]}}}";
  absl::StatusOr<CommittedDatasets> from_json = Parse(json);
  if (!from_json.ok()) Fail("committed set written back as JSON does not parse", from_json.status().ToString());
  Check(SameBits(from_json->committed, c.committed) && from_json->ids == c.ids,
        "committed set written back as JSON parses differently", json);
  if (hashed) return;
  absl::StatusOr<CommittedDatasets> from_list = Parse(list);
  if (!from_list.ok()) Fail("committed set written back as a list does not parse", from_list.status().ToString());
  Check(SameBits(from_list->committed, c.committed), "committed set written back as a list parses differently",
        list);
}

void CheckAccepted(const Graph& g, const CommittedDatasets& c, std::string_view text) {
  Check(c.committed.size() == g.num_nodes(), "committed bitmap of the wrong size");
  for (size_t i = 0; i < c.ids.size(); ++i) {
    Check(c.ids[i].first < g.num_nodes() && c.committed.Test(c.ids[i].first), "id of an uncommitted node");
    Check(!c.ids[i].second.empty(), "empty id");
    if (i > 0) Check(c.ids[i - 1].first <= c.ids[i].first, "ids not sorted by node");
    for (size_t j = 0; j < i; ++j) Check(c.ids[i] != c.ids[j], "repeated (node, id) pair");
  }
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    size_t count = 0;
    for (const auto& [node, id] : c.ids) count += node == v;
    Check(CommittedIdsOf(c, v).size() == count, "CommittedIdsOf misses ids");
  }
  Check(c.duplicates <= c.entries && c.not_committed <= c.entries, "counts exceed the entries");
  Check(c.unknown_examples.size() == std::min<uint64_t>(c.unknown, kMaxUnknownNameExamples),
        "unknown examples: wrong count");
  for (size_t i = 0; i < c.unknown_examples.size(); ++i) {
    Check(!g.Find(c.unknown_examples[i].name).has_value(), "an unknown example is a node");
    for (size_t j = 0; j < i; ++j) Check(c.unknown_examples[i].name != c.unknown_examples[j].name, "repeated example");
  }
  std::string_view body = text;
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  const size_t first = body.find_first_not_of(" \t\r\n");
  const bool is_json = first != std::string_view::npos && body[first] == '{';
  Check(is_json == (c.format == CommittedDatasets::Format::kTransactionJson), "format differs from the first byte");
  if (is_json) {
    Check(!load_internal::FindJsonSyntaxError(body).has_value(), "invalid JSON committed file was accepted", text);
  } else {
    Check(c.ids.empty() && c.not_committed == 0, "a plain list with ids or uncommitted entries");
  }
}

void Run(std::string_view text) {
  const Graph& g = FixedGraph();
  absl::StatusOr<CommittedDatasets> c = Parse(text);
  if (!c.ok()) {
    Check(c.status().code() == absl::StatusCode::kInvalidArgument, "error is not InvalidArgument",
          c.status().ToString());
    CheckLocatedError(c.status(), kFile, text);
    return;
  }
  CheckAccepted(g, *c, text);
  CheckRoundTrips(g, *c);
}

}  // namespace
}  // namespace etldag::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  etldag::fuzz::Run(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
