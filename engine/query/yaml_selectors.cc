// dbt YAML selector definitions -> node sets (yaml_selectors.h), after
// dbt-core's parse_from_definition / parse_union_definition /
// parse_dict_definition (core/dbt/graph/cli.py) and
// SelectionCriteria.selection_criteria_from_dict (selector_spec.py).
// The evaluator recurses over the definition's nesting, which the reader
// bounds (kMaxSelectorDepth), and over selector references, each evaluated
// once (memoized) with the chain of names being evaluated as a cycle guard.
#include "engine/query/yaml_selectors.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "engine/algo/reachability.h"
#include "engine/base/status.h"
#include "engine/base/strings.h"
#include "engine/load/dbt_selectors.h"
#include "engine/query/dbt_methods.h"
#include "engine/query/selector.h"

namespace etldag {
namespace {

using Type = JsonTree::Type;

Bitmap ReachAll(const Graph& g, const Bitmap& seeds, Direction dir, uint32_t depth) {
  const std::vector<NodeId> ids = seeds.ToVector();
  ReachOptions o;
  o.direction = dir;
  o.max_depth = depth;
  o.include_seeds = true;
  return Reach(g, ids, o);
}

// Python's bool() of a YAML value.
bool Truthy(const JsonTree* v) {
  if (v == nullptr) return false;
  switch (v->type) {
    case Type::kNull: return false;
    case Type::kBool: return v->text == "true";
    case Type::kNumber: return v->text.find_first_not_of("0.-+eE") != std::string::npos;
    case Type::kString: return !v->text.empty();
    case Type::kArray:
    case Type::kObject: return !v->items.empty();
  }
  return false;
}

std::string Describe(const JsonTree& v) {
  switch (v.type) {
    case Type::kNull: return "null";
    case Type::kBool: return "a boolean";
    case Type::kNumber: return "a number";
    case Type::kString: return "a string";
    case Type::kArray: return "a list";
    case Type::kObject: return "a mapping";
  }
  return "a value";
}

class Evaluator {
 public:
  Evaluator(const Graph& g, const std::vector<DbtSelectorDef>& defs, const SelectOptions& opts)
      : g_(g), defs_(defs), opts_(opts) {}

  absl::StatusOr<Bitmap> Named(std::string_view name);

 private:
  absl::Status Error(std::string_view what) const {
    return absl::InvalidArgumentError("selector \"" + std::string(stack_.empty() ? "" : stack_.back()) + "\": " +
                                      std::string(what));
  }
  absl::StatusOr<Bitmap> Definition(const JsonTree& d, bool root);
  absl::StatusOr<Bitmap> SetOperator(const JsonTree& list, bool union_of);
  absl::StatusOr<Bitmap> Exclusions(const JsonTree& list);
  absl::StatusOr<Bitmap> Leaf(const JsonTree& d, std::string_view method, const JsonTree& value);
  absl::StatusOr<uint32_t> Depth(const JsonTree& d, std::string_view key) const;
  Bitmap IndirectTests(const Bitmap& selected, std::string_view mode) const;

  const Graph& g_;
  const std::vector<DbtSelectorDef>& defs_;
  const SelectOptions& opts_;
  std::vector<std::string> stack_;  // selectors being evaluated, outermost first
  std::map<std::string, Bitmap, std::less<>> done_;
};

absl::StatusOr<Bitmap> Evaluator::Named(std::string_view name) {
  if (const auto it = done_.find(name); it != done_.end()) return it->second;
  const DbtSelectorDef* def = nullptr;
  for (const DbtSelectorDef& d : defs_) {
    if (d.name == name) def = &d;
  }
  if (def == nullptr) {
    std::string known;
    for (const DbtSelectorDef& d : defs_) known += (known.empty() ? "" : ", ") + d.name;
    const std::string what = "no selector \"" + std::string(name) + "\" in the manifest (" +
                             (known.empty() ? std::string("the manifest has no selectors") : "its selectors: " + known) +
                             ")";
    if (stack_.empty()) return absl::NotFoundError(what);
    return Error(what);
  }
  for (size_t i = 0; i < stack_.size(); ++i) {
    if (stack_[i] != name) continue;
    std::string chain;
    for (size_t j = i; j < stack_.size(); ++j) chain += stack_[j] + " -> ";
    return Error("selectors refer to each other in a cycle: " + chain + std::string(name));
  }
  stack_.emplace_back(name);
  absl::StatusOr<Bitmap> r = Definition(def->definition, true);
  stack_.pop_back();
  if (r.ok()) done_.emplace(std::string(name), *r);
  return r;
}

absl::StatusOr<Bitmap> Evaluator::Definition(const JsonTree& d, bool root) {
  if (d.type == Type::kString) {
    absl::StatusOr<Selection> s = Select(g_, {d.text}, {}, opts_);
    if (!s.ok() && s.status().code() != absl::StatusCode::kDataLoss) return Error(ToStd(s.status().message()));
    if (!s.ok()) return s.status();
    return std::move(s->nodes);
  }
  if (d.type != Type::kObject) {
    return Error("expected a union, an intersection, a string or a mapping, found " + Describe(d));
  }
  const JsonTree* u = d.Find("union");
  const JsonTree* x = d.Find("intersection");
  if ((u != nullptr || x != nullptr) && root && d.keys.size() > 1) {
    std::string keys;
    for (const std::string& k : d.keys) keys += (keys.empty() ? "" : ",") + k;
    return Error("only a single 'union' or 'intersection' key is allowed in a root level selector definition; found " +
                 keys);
  }
  if (u != nullptr) return SetOperator(*u, true);
  if (x != nullptr) return SetOperator(*x, false);
  if (d.keys.size() == 1) {
    if (d.keys[0] == "selector") {
      if (d.items[0].type != Type::kString) return Error("\"selector\" takes a selector name");
      return Named(d.items[0].text);
    }
    return Leaf(d, d.keys[0], d.items[0]);
  }
  const JsonTree* method = d.Find("method");
  const JsonTree* value = d.Find("value");
  if (method == nullptr || value == nullptr) {
    std::string keys;
    for (const std::string& k : d.keys) keys += (keys.empty() ? "" : ", ") + k;
    return Error("expected either 1 key or else \"method\" and \"value\" keys, but got [" + keys + "]");
  }
  if (method->type != Type::kString) return Error("\"method\" must be a string, found " + Describe(*method));
  if (method->text == "selector") {
    if (value->type != Type::kString) return Error("\"selector\" takes a selector name");
    return Named(value->text);
  }
  ASSIGN_OR_RETURN(Bitmap base, Leaf(d, method->text, *value));
  if (const JsonTree* ex = d.Find("exclude"); ex != nullptr) {
    ASSIGN_OR_RETURN(const Bitmap minus, Exclusions(*ex));
    base.Subtract(minus);
  }
  return base;
}

// union / intersection of a list; one {"exclude": [...]} element subtracts.
absl::StatusOr<Bitmap> Evaluator::SetOperator(const JsonTree& list, bool union_of) {
  const char* op = union_of ? "union" : "intersection";
  if (list.type != Type::kArray) return Error(std::string("\"") + op + "\" takes a list, found " + Describe(list));
  Bitmap acc(g_.num_nodes());
  bool first = true, have_exclude = false;
  Bitmap minus(g_.num_nodes());
  for (const JsonTree& item : list.items) {
    if (item.type == Type::kObject && item.Find("exclude") != nullptr &&
        !(item.Find("method") != nullptr && item.Find("value") != nullptr)) {
      if (have_exclude) return Error("you cannot provide multiple exclude arguments to the same selector set operator");
      have_exclude = true;
      ASSIGN_OR_RETURN(minus, Exclusions(*item.Find("exclude")));
      continue;
    }
    ASSIGN_OR_RETURN(const Bitmap part, Definition(item, false));
    if (union_of || first) acc.UnionWith(part);
    else acc.IntersectWith(part);
    first = false;
  }
  acc.Subtract(minus);
  return acc;
}

// The union of an exclude list (one definition alone is allowed too).
absl::StatusOr<Bitmap> Evaluator::Exclusions(const JsonTree& list) {
  Bitmap out(g_.num_nodes());
  if (list.type != Type::kArray) {
    ASSIGN_OR_RETURN(out, Definition(list, false));
    return out;
  }
  for (const JsonTree& item : list.items) {
    ASSIGN_OR_RETURN(const Bitmap part, Definition(item, false));
    out.UnionWith(part);
  }
  return out;
}

absl::StatusOr<uint32_t> Evaluator::Depth(const JsonTree& d, std::string_view key) const {
  const JsonTree* v = d.Find(key);
  if (v == nullptr || v->type == Type::kNull) return kUnlimitedDepth;
  const std::string& t = v->text;
  const bool digits = !t.empty() && t.size() <= 9 && t.find_first_not_of("0123456789") == std::string::npos;
  if ((v->type != Type::kNumber && v->type != Type::kString) || !digits) {
    return Error("\"" + std::string(key) + "\" must be a non-negative integer, found " +
                 (v->type == Type::kString ? "\"" + t + "\"" : Describe(*v)));
  }
  return static_cast<uint32_t>(std::stoul(t));
}

absl::StatusOr<Bitmap> Evaluator::Leaf(const JsonTree& d, std::string_view method, const JsonTree& value) {
  if (value.type != Type::kString && value.type != Type::kNumber && value.type != Type::kBool) {
    return Error("the value of method \"" + std::string(method) + "\" must be a string, found " + Describe(value));
  }
  const std::string text = std::string(method) + ":" + value.text;
  absl::StatusOr<Selector> parsed = ParseSelector({text});
  if (!parsed.ok()) return Error(ToStd(parsed.status().message()));
  if (parsed->terms.size() != 1 || parsed->terms[0].atoms.size() != 1) {
    return Error("\"" + text + "\" is not one method and value");
  }
  SelectorAtom atom = parsed->terms[0].atoms[0];
  atom.parents = atom.children = atom.childrens_parents = false;  // the options say which
  absl::StatusOr<Bitmap> base = MatchAtom(g_, atom, opts_);
  if (!base.ok() && base.status().code() != absl::StatusCode::kDataLoss) return Error(ToStd(base.status().message()));
  if (!base.ok()) return base.status();
  ASSIGN_OR_RETURN(const uint32_t up, Depth(d, "parents_depth"));
  ASSIGN_OR_RETURN(const uint32_t down, Depth(d, "children_depth"));
  Bitmap out = *base;
  if (Truthy(d.Find("childrens_parents"))) {
    const Bitmap desc = ReachAll(g_, *base, Direction::kDownstream, kUnlimitedDepth);
    out.UnionWith(ReachAll(g_, desc, Direction::kUpstream, kUnlimitedDepth));
  }
  if (Truthy(d.Find("parents"))) out.UnionWith(ReachAll(g_, *base, Direction::kUpstream, up));
  if (Truthy(d.Find("children"))) out.UnionWith(ReachAll(g_, *base, Direction::kDownstream, down));
  if (g_.has_attributes() && !TargetsDbtTests(g_, atom)) {
    for (NodeId v = 0; v < g_.num_nodes(); ++v) {
      if (IsDbtTest(g_, v)) out.Reset(v);
    }
  }
  if (const JsonTree* mode = d.Find("indirect_selection"); mode != nullptr) {
    const std::string m = mode->type == Type::kString ? mode->text : "";
    if (m != "eager" && m != "cautious" && m != "buildable" && m != "empty") {
      return Error("\"indirect_selection\" takes eager, cautious, buildable or empty, not " +
                   (mode->type == Type::kString ? "\"" + m + "\"" : Describe(*mode)));
    }
    out.UnionWith(IndirectTests(out, m));
  }
  return out;
}

// The tests `mode` adds to `selected` (yaml_selectors.h).
Bitmap Evaluator::IndirectTests(const Bitmap& selected, std::string_view mode) const {
  Bitmap add(g_.num_nodes());
  if (mode == "empty") return add;
  Bitmap buildable;
  if (mode == "buildable") buildable = ReachAll(g_, selected, Direction::kUpstream, kUnlimitedDepth);
  const Bitmap& within = mode == "buildable" ? buildable : selected;
  for (NodeId t = 0; t < g_.num_nodes(); ++t) {
    if (!IsDbtTest(g_, t) || selected.Test(t) || g_.in(t).empty()) continue;
    bool any = false, all = true;
    for (const NodeId p : g_.in(t)) {
      any |= selected.Test(p);
      all &= within.Test(p);
    }
    if (mode == "eager" ? any : all) add.Set(t);
  }
  return add;
}

absl::StatusOr<Selection> Finish(absl::StatusOr<Bitmap> nodes) {
  if (!nodes.ok()) return nodes.status();
  Selection s;
  s.count = static_cast<uint32_t>(nodes->Count());
  s.nodes = *std::move(nodes);
  return s;
}

}  // namespace

absl::StatusOr<Selection> SelectByManifestSelectorText(const Graph& g, std::string_view file_name,
                                                       std::string_view padded_json, std::string_view name,
                                                       const SelectOptions& opts) {
  absl::StatusOr<std::vector<DbtSelectorDef>> defs = ParseManifestSelectors(file_name, padded_json);
  if (!defs.ok()) return absl::DataLossError(defs.status().message());
  Evaluator e(g, *defs, opts);
  return Finish(e.Named(name));
}

absl::StatusOr<Selection> SelectByManifestSelector(const Graph& g, std::string_view manifest_path,
                                                   std::string_view name, const SelectOptions& opts) {
  absl::StatusOr<std::vector<DbtSelectorDef>> defs = LoadManifestSelectors(manifest_path);
  if (!defs.ok()) return absl::DataLossError(defs.status().message());
  Evaluator e(g, *defs, opts);
  return Finish(e.Named(name));
}

}  // namespace etldag
