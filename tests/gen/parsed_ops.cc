// simdjson-based oracle for generated files; see parsed_ops.h.
#include "tests/gen/parsed_ops.h"

#include <algorithm>
#include <deque>

#include "simdjson.h"

namespace etldag::testing {
namespace {

using simdjson::SUCCESS;
namespace dom = simdjson::dom;

std::string ReadStrings(dom::element value, std::vector<std::string>* out) {
  dom::array array;
  if (value.get_array().get(array) != SUCCESS) return "not an array";
  for (dom::element item : array) {
    std::string_view s;
    if (item.get_string().get(s) != SUCCESS) return "array item not a string";
    out->emplace_back(s);
  }
  return "";
}

std::string ReadOp(dom::object object, ParsedOp* op) {
  for (dom::key_value_pair field : object) {
    const std::string_view key = field.key;
    op->keys.emplace_back(key);
    std::string error;
    std::string_view s;
    if (key == "name" || key == "type") {
      if (field.value.get_string().get(s) != SUCCESS) return std::string(key) + " not a string";
      (key == "name" ? op->name : op->type) = std::string(s);
    } else if (key == "inputs") {
      error = ReadStrings(field.value, &op->inputs);
    } else if (key == "successors") {
      op->has_successors = true;
      error = ReadStrings(field.value, &op->successors);
    } else if (key == "description") {
      op->description_null = field.value.is_null();
    }
    if (!error.empty()) return std::string(key) + ": " + error;
  }
  return op->name.empty() ? "op without a name" : "";
}

uint32_t Intern(ParsedGraph* g, const std::string& name) {
  auto [it, inserted] = g->id.emplace(name, g->num_nodes());
  if (inserted) g->node_names.push_back(name);
  return it->second;
}

void Index(ParsedGraph* g) {
  for (uint32_t v = 0; v < g->num_ops(); ++v) {
    for (const std::string& u : g->ops[v].inputs) {
      const uint32_t uid = Intern(g, u);
      if (uid >= g->num_ops()) ++g->external_refs;
      g->edges[uint64_t{uid} << 32 | v] |= 1;
    }
  }
  for (uint32_t u = 0; u < g->num_ops(); ++u) {
    for (const std::string& v : g->ops[u].successors) {
      const uint32_t vid = Intern(g, v);
      if (vid >= g->num_ops()) ++g->bad_successors;
      g->edges[uint64_t{u} << 32 | vid] |= 2;
    }
  }
  g->out.assign(g->num_nodes(), {});
  g->in.assign(g->num_nodes(), {});
  for (const auto& [key, sides] : g->edges) {
    const uint32_t u = static_cast<uint32_t>(key >> 32), v = static_cast<uint32_t>(key);
    g->out[u].push_back(v);
    g->in[v].push_back(u);
    if (sides != 3 && u < g->num_ops() && v < g->num_ops()) ++g->one_sided;
  }
}

}  // namespace

std::string ParseOps(std::string_view json, ParsedGraph* g) {
  dom::parser parser;
  const simdjson::padded_string padded(json);
  dom::element doc;
  if (auto error = parser.parse(padded).get(doc); error != SUCCESS) {
    return simdjson::error_message(error);
  }
  dom::array array;
  if (doc.get_array().get(array) != SUCCESS) return "top level is not an array";
  for (dom::element item : array) {
    dom::object object;
    if (item.get_object().get(object) != SUCCESS) return "element is not an object";
    ParsedOp op;
    if (std::string error = ReadOp(object, &op); !error.empty()) return error;
    if (!g->id.emplace(op.name, g->num_nodes()).second) return "duplicate name " + op.name;
    g->node_names.push_back(op.name);
    g->ops.push_back(std::move(op));
  }
  Index(g);
  return "";
}

std::string ParseDurations(std::string_view json,
                           std::vector<std::pair<std::string, double>>* out) {
  dom::parser parser;
  const simdjson::padded_string padded(json);
  dom::element doc;
  if (auto error = parser.parse(padded).get(doc); error != SUCCESS) {
    return simdjson::error_message(error);
  }
  dom::object object;
  if (doc.get_object().get(object) != SUCCESS) return "top level is not an object";
  for (dom::key_value_pair field : object) {
    double seconds;
    if (field.value.get_double().get(seconds) != SUCCESS) return "duration not a number";
    out->emplace_back(std::string(field.key), seconds);
  }
  return "";
}

KahnResult Kahn(const ParsedGraph& g) {
  KahnResult r;
  r.level.assign(g.num_nodes(), 0);
  std::vector<uint32_t> indegree(g.num_nodes());
  std::deque<uint32_t> ready;
  for (uint32_t v = 0; v < g.num_nodes(); ++v) {
    indegree[v] = static_cast<uint32_t>(g.in[v].size());
    if (indegree[v] == 0) ready.push_back(v);
  }
  while (!ready.empty()) {
    const uint32_t u = ready.front();
    ready.pop_front();
    ++r.processed;
    r.max_level = std::max(r.max_level, r.level[u]);
    for (uint32_t v : g.out[u]) {
      r.level[v] = std::max(r.level[v], r.level[u] + 1);
      if (--indegree[v] == 0) ready.push_back(v);
    }
  }
  return r;
}

}  // namespace etldag::testing
