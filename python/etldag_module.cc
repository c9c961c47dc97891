// The `etldag` Python module: the engine (engine/load, engine/query,
// engine/algo) behind a small pybind11 API. Every method returns plain Python
// objects (lists of names in the engine's deterministic order, dicts), so a
// notebook can continue with whatever it likes; g.to_networkx() hands the
// whole graph to networkx.
//
// Errors: an engine Status becomes a Python exception whose message is the
// engine's, unchanged (a bad file: "FILE:LINE:COL: error: ..." with the line
// and a caret):
//   etldag.Error            base class
//   etldag.InputError       unreadable or malformed file (the CLI's exit 3)
//   etldag.SelectorError    bad selector, unknown node name with suggestions
//                           (exit 2); also a ValueError
//   etldag.CycleError       a command that needs a DAG met a cycle (exit 4)
// Arguments mean what the CLI's flags mean (docs/cli.md): exclude= subtracts
// from the starting selection; rerun_plan's skip= is --skip; protect= adds
// to the default protected set, protect_only= and no_default_protect=True
// replace it (tools/etldag/protect_arg.h).
// The GIL is released while the engine works (loads, selections,
// traversals, all-nodes computations); results are converted to Python
// objects after it is taken back.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/algo/blast_radius.h"
#include "engine/algo/critical_path.h"
#include "engine/algo/descendant_counts.h"
#include "engine/algo/protected_set.h"
#include "engine/algo/reachability.h"
#include "engine/algo/rerun_plan.h"
#include "engine/algo/safe_to_skip.h"
#include "engine/algo/shortest_path.h"
#include "engine/algo/weights.h"
#include "engine/base/bitmap.h"
#include "engine/graph/graph.h"
#include "engine/load/durations.h"
#include "engine/load/load_graph.h"
#include "engine/query/select.h"

namespace py = pybind11;

namespace etldag::python {
namespace {

// The exception classes, created in PYBIND11_MODULE.
PyObject* g_error = nullptr;
PyObject* g_input_error = nullptr;
PyObject* g_selector_error = nullptr;
PyObject* g_cycle_error = nullptr;

[[noreturn]] void Raise(PyObject* type, const absl::Status& s) {
  PyErr_SetString(type, std::string(s.message()).c_str());
  throw py::error_already_set();
}

template <typename T>
T ValueOr(absl::StatusOr<T> v, PyObject* type) {
  if (!v.ok()) Raise(type, v.status());
  return *std::move(v);
}

// A path argument: str or os.PathLike.
std::string PathArg(const py::object& p) {
  return py::str(py::module_::import("os").attr("fspath")(p)).cast<std::string>();
}

// One argument or several: a str, or an iterable of str.
std::vector<std::string> Strings(const py::object& o) {
  if (o.is_none()) return {};
  if (py::isinstance<py::str>(o)) return {o.cast<std::string>()};
  std::vector<std::string> out;
  for (py::handle h : o) out.push_back(py::cast<std::string>(h));
  return out;
}

// A selection or its error: an unreadable file: list is bad input (the CLI's
// exit 3), anything else a selector error (exit 2).
Selection SelectionOr(absl::StatusOr<Selection> sel) {
  if (!sel.ok() && sel.status().code() == absl::StatusCode::kDataLoss) {
    Raise(g_input_error, sel.status());
  }
  return ValueOr(std::move(sel), g_selector_error);
}

// The protected set of blast_radius, safe_to_skip and top, as the CLI builds
// it (tools/etldag/protect_arg.h):
//   protected = the default rule (engine/algo/protected_set.h), unless
//               protect_only is given or no_default_protect is true
//             ∪ every protect selector ∪ every protect_only selector.
// protect= never replaces the default rule.
struct Protection {
  Bitmap nodes;
  bool default_rule = true;
  std::vector<std::string> selectors;  // protect_only's, then protect's
  std::string rule;                    // the CLI's rule line, keyword-spelled
};

// The CLI's wording of the default rule (protect_arg.cc).
constexpr std::string_view kDefaultRuleText = "default rule (a name segment or kind \"policy\")";
constexpr std::string_view kDbtRuleText =
    "default rule (dbt: access:public models and exposures; a name segment or kind \"policy\")";

std::string Joined(const std::vector<std::string>& v) {
  std::string s;
  for (const std::string& x : v) s += (s.empty() ? "" : " ") + x;
  return s;
}

class PyGraph {
 public:
  explicit PyGraph(Graph g) : g_(std::move(g)) {}

  const Graph& graph() const { return g_; }

  py::list Names(const std::vector<NodeId>& ids) const {
    py::list out(ids.size());
    for (size_t i = 0; i < ids.size(); ++i) out[i] = py::str(std::string(g_.name(ids[i])));
    return out;
  }
  py::str Name(NodeId v) const { return py::str(std::string(g_.name(v))); }

  // Every node a selection denotes (selectors as in the CLI), sorted by name.
  std::vector<NodeId> SelectIds(const std::vector<std::string>& include,
                                const std::vector<std::string>& exclude) const {
    if (include.empty()) {
      PyErr_SetString(g_selector_error, "no node given (a name or a selector)");
      throw py::error_already_set();
    }
    absl::StatusOr<Selection> sel;
    {
      py::gil_scoped_release release;
      sel = Select(g_, include, exclude);
    }
    return SelectionOr(std::move(sel)).nodes.ToVector();
  }

  // A selection's nodes as a bitmap; no include selects every node (minus
  // dbt tests), as the engine's Select does.
  Bitmap SelectBitmap(const std::vector<std::string>& include,
                      const std::vector<std::string>& exclude) const {
    absl::StatusOr<Selection> sel;
    {
      py::gil_scoped_release release;
      sel = Select(g_, include, exclude);
    }
    return SelectionOr(std::move(sel)).nodes;
  }

  NodeId OneNode(const std::string& name) const {
    const std::optional<NodeId> v = g_.Find(name);
    if (v.has_value()) return *v;
    // Not an exact name: the selector engine words the error (suggestions).
    const std::vector<NodeId> ids = SelectIds({name}, {});
    if (ids.size() != 1) {
      PyErr_SetString(g_selector_error, ("\"" + name + "\" denotes " + std::to_string(ids.size()) +
                                         " nodes; one node is needed")
                                            .c_str());
      throw py::error_already_set();
    }
    return ids[0];
  }

  // See Protection above. protect_only=None: not given; given, it needs a
  // selector (as --protect-only needs a value).
  Protection ProtectionOf(const py::object& protect, const py::object& protect_only,
                          bool no_default_protect) const {
    const std::vector<std::string> also = Strings(protect);
    const std::vector<std::string> only = Strings(protect_only);
    if (!protect_only.is_none() && only.empty()) {
      throw py::value_error(
          "protect_only needs a selector (no_default_protect=True turns the default rule off)");
    }
    Protection p;
    p.default_rule = protect_only.is_none() && !no_default_protect;
    p.selectors = only;
    p.selectors.insert(p.selectors.end(), also.begin(), also.end());
    p.nodes = p.default_rule ? DefaultProtectedSet(g_) : Bitmap(g_.num_nodes());
    if (!p.selectors.empty()) p.nodes.UnionWith(SelectBitmap(p.selectors, {}));
    if (p.default_rule) {
      p.rule = std::string(g_.has_attributes() ? kDbtRuleText : kDefaultRuleText);
    } else if (!only.empty()) {
      p.rule = "protect_only=" + Joined(only);
    }
    if (!also.empty()) p.rule += (p.rule.empty() ? "protect=" : " + protect=") + Joined(also);
    if (p.rule.empty()) {
      p.rule = "nothing (no_default_protect=True and no protect=)";
    } else if (!p.default_rule) {
      p.rule += " (default rule off)";
    }
    return p;
  }

  // {"default_rule": bool, "selectors": [...], "rule": "..."}, as the CLI's
  // JSON "protection".
  static py::dict ProtectionDict(const Protection& p) {
    py::dict d;
    d["default_rule"] = p.default_rule;
    d["selectors"] = p.selectors;
    d["rule"] = p.rule;
    return d;
  }

  // Weights from `durations`: None (every op counts 1), a file path (the CLI's
  // --durations formats) or a mapping name -> seconds.
  std::vector<Ticks> WeightsOf(const py::object& durations, std::optional<double> default_s) const {
    Durations d;
    const Durations* file = nullptr;
    if (!durations.is_none()) {
      if (py::isinstance<py::dict>(durations)) {
        d.seconds.assign(g_.num_nodes(), std::nan(""));
        std::vector<std::string> unknown;
        for (auto [k, val] : durations.cast<py::dict>()) {
          const std::string name = py::cast<std::string>(k);
          const double s = py::cast<double>(val);
          if (!std::isfinite(s) || s < 0 || s > kMaxDurationSeconds) {
            throw py::value_error("duration of \"" + name + "\" must be finite, >= 0 and <= 1e9");
          }
          ++d.records;
          if (const std::optional<NodeId> v = g_.Find(name); v.has_value()) {
            d.seconds[*v] = s;
            ++d.known;
          } else {
            ++d.unknown;
            if (unknown.size() < kMaxUnknownExamples) unknown.push_back(name);
          }
        }
        if (d.unknown > 0) {
          std::string msg = std::to_string(d.unknown) + " durations name no node of the graph:";
          for (const std::string& n : unknown) msg += " " + n;
          PyErr_WarnEx(PyExc_UserWarning, msg.c_str(), 2);
        }
      } else {
        const std::string path = PathArg(durations);
        absl::StatusOr<Durations> read;
        {
          py::gil_scoped_release release;
          read = ReadDurationsFile(path, g_);
        }
        d = ValueOr(std::move(read), g_input_error);
      }
      file = &d;
    }
    if (default_s.has_value() && (!std::isfinite(*default_s) || *default_s < 0)) {
      throw py::value_error("default_duration must be finite and >= 0");
    }
    const NodeDurations nd = ResolveDurations(g_, file, default_s);
    return ValueOr(WeightsFromSeconds(nd.seconds), g_input_error);
  }

  py::dict Hit(const ProtectedHit& h) const {
    py::dict d;
    d["node"] = Name(h.node);
    d["distance"] = h.distance;
    d["path"] = Names(h.path);
    return d;
  }

 private:
  Graph g_;
};

std::shared_ptr<PyGraph> Load(const py::object& path) {
  const std::string p = PathArg(path);
  absl::StatusOr<Graph> g;
  {
    py::gil_scoped_release release;
    g = LoadGraph(p);
  }
  return std::make_shared<PyGraph>(ValueOr(std::move(g), g_input_error));
}

py::list Reachable(const PyGraph& pg, const py::args& nodes, Direction dir,
                   std::optional<uint32_t> depth, bool include_self, const py::object& exclude) {
  std::vector<std::string> include;
  for (py::handle h : nodes) {
    for (std::string& s : Strings(py::reinterpret_borrow<py::object>(h))) include.push_back(s);
  }
  const std::vector<NodeId> seeds = pg.SelectIds(include, Strings(exclude));
  std::vector<NodeId> out;
  {
    py::gil_scoped_release release;
    ReachOptions opts;
    opts.direction = dir;
    opts.max_depth = depth.value_or(kUnlimitedDepth);
    opts.include_seeds = include_self;
    out = Reach(pg.graph(), seeds, opts).ToVector();
  }
  return pg.Names(out);
}

std::vector<std::string> ArgsStrings(const py::args& args) {
  std::vector<std::string> out;
  for (py::handle h : args) {
    for (std::string& s : Strings(py::reinterpret_borrow<py::object>(h))) out.push_back(s);
  }
  return out;
}

py::dict BlastRadiusOf(const PyGraph& pg, const py::args& failed, const py::object& exclude,
                       const py::object& protect, const py::object& protect_only,
                       bool no_default_protect) {
  const Graph& g = pg.graph();
  const std::vector<NodeId> seeds = pg.SelectIds(ArgsStrings(failed), Strings(exclude));
  const Protection prot = pg.ProtectionOf(protect, protect_only, no_default_protect);
  BlastRadius br;
  {
    py::gil_scoped_release release;
    br = ComputeBlastRadius(g, seeds, prot.nodes);
  }
  py::dict d;
  d["protected_nodes"] = prot.nodes.Count();
  d["protection"] = PyGraph::ProtectionDict(prot);
  d["failed"] = pg.Names(br.failed);
  d["downstream"] = pg.Names(br.downstream);
  py::dict by_kind;
  for (const KindCount& k : br.by_kind) by_kind[py::str(std::string(g.kind_name(k.kind)))] = k.count;
  d["by_kind"] = by_kind;
  d["by_distance"] = br.by_distance;
  d["sinks"] = pg.Names(br.sinks);
  py::list hits;
  for (const ProtectedHit& h : br.protected_reached) hits.append(pg.Hit(h));
  d["protected_reached"] = hits;
  return d;
}

py::dict SafeToSkipOf(const PyGraph& pg, const py::args& candidates, const py::object& exclude,
                      const py::object& protect, const py::object& protect_only,
                      bool no_default_protect) {
  const Graph& g = pg.graph();
  const std::vector<std::string> sel = ArgsStrings(candidates);
  const Protection prot = pg.ProtectionOf(protect, protect_only, no_default_protect);
  std::vector<NodeId> ids;
  if (sel.empty()) {  // as the CLI without candidates: every op, minus exclude
    Bitmap every = pg.SelectBitmap({}, Strings(exclude));
    for (NodeId v = 0; v < g.num_nodes(); ++v) {
      if (g.is_external(v)) every.Reset(v);
    }
    ids = every.ToVector();
  } else {
    ids = pg.SelectIds(sel, Strings(exclude));
  }
  std::vector<SkipAssessment> res;
  {
    py::gil_scoped_release release;
    res = AssessSkips(g, ids, prot.nodes, {.explain = !sel.empty() && ids.size() <= 1000});
  }
  py::dict out;
  for (const SkipAssessment& a : res) {
    py::dict d;
    d["verdict"] = std::string(SkipVerdictName(a.verdict));
    d["protected_itself"] = a.is_protected;
    d["readers"] = a.readers;
    d["downstream"] = a.downstream;
    d["protected_downstream"] = a.protected_downstream;
    d["nearest_protected"] = a.nearest_protected.has_value() ? py::object(pg.Hit(*a.nearest_protected))
                                                             : py::object(py::none());
    py::list hits;
    for (const ProtectedHit& h : a.protected_reached) hits.append(pg.Hit(h));
    d["protected_reached"] = hits;
    out[pg.Name(a.node)] = d;
  }
  return out;
}

py::dict CriticalPathOf(const PyGraph& pg, const py::object& durations,
                        std::optional<double> default_duration) {
  const Graph& g = pg.graph();
  const std::vector<Ticks> w = pg.WeightsOf(durations, default_duration);
  absl::StatusOr<CriticalPath> cp;
  {
    py::gil_scoped_release release;
    cp = ComputeCriticalPath(g, w);
  }
  const CriticalPath c = ValueOr(std::move(cp), g_cycle_error);
  py::dict d;
  d["length"] = TicksToSeconds(c.total);
  d["chain"] = pg.Names(c.chain);
  py::dict es, slack;
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    const py::str n = pg.Name(v);
    es[n] = TicksToSeconds(c.earliest_start[v]);
    slack[n] = TicksToSeconds(c.slack(v));
  }
  d["earliest_start"] = es;
  d["slack"] = slack;
  return d;
}

// As `etldag rerun-plan`: the failed selection minus `exclude`, everything
// downstream of it, minus `skip` (not rerun; dependencies through it kept).
py::dict RerunPlanOf(const PyGraph& pg, const py::object& failed, const py::object& exclude,
                     const py::object& skip, const py::object& durations,
                     std::optional<double> default_duration, uint32_t slots) {
  const Graph& g = pg.graph();
  const std::vector<NodeId> seeds = pg.SelectIds(Strings(failed), Strings(exclude));
  Bitmap skipped(g.num_nodes());
  if (const std::vector<std::string> sk = Strings(skip); !sk.empty()) {
    skipped = pg.SelectBitmap(sk, {});
  }
  const std::vector<Ticks> w = pg.WeightsOf(durations, default_duration);
  absl::StatusOr<RerunPlan> plan;
  {
    py::gil_scoped_release release;
    plan = PlanRerun(g, seeds, skipped, w, {.slots = slots});
  }
  const RerunPlan p = ValueOr(std::move(plan), g_cycle_error);
  py::dict d;
  d["nodes"] = pg.Names(p.nodes);
  py::list waves;
  for (uint32_t k = 1; k <= p.num_waves; ++k) {
    const std::span<const NodeId> wk = p.wave_nodes(k);
    waves.append(pg.Names(std::vector<NodeId>(wk.begin(), wk.end())));
  }
  d["waves"] = waves;
  d["skipped"] = pg.Names(p.skipped);
  d["total_work"] = TicksToSeconds(p.total_work);
  d["makespan"] = TicksToSeconds(p.makespan);
  d["critical_chain"] = pg.Names(p.critical_chain);
  if (slots > 0) {
    d["slots_makespan"] = TicksToSeconds(p.slots_makespan);
    py::dict start;
    for (NodeId v : p.nodes) start[pg.Name(v)] = TicksToSeconds(p.slot_start[v]);
    d["start"] = start;
  }
  return d;
}

py::list TopOf(const PyGraph& pg, size_t n, const py::object& among, const py::object& protect,
               const py::object& protect_only, bool no_default_protect) {
  const Graph& g = pg.graph();
  const Bitmap prot = pg.ProtectionOf(protect, protect_only, no_default_protect).nodes;
  std::optional<Bitmap> among_set;
  if (const std::vector<std::string> a = Strings(among); !a.empty()) {
    among_set.emplace(g.num_nodes());
    for (NodeId v : pg.SelectIds(a, {})) among_set->Set(v);
  }
  std::vector<RankedNode> top;
  {
    py::gil_scoped_release release;
    const DescendantCounts counts = ComputeDescendantCounts(g, &prot);
    top = TopByDownstream(counts, n, among_set.has_value() ? &*among_set : nullptr);
  }
  py::list out;
  for (const RankedNode& r : top) {
    out.append(py::make_tuple(pg.Name(r.node), r.downstream, r.protected_downstream));
  }
  return out;
}

// The protected set and its rule, for any protect= arguments.
py::dict ProtectionFor(const PyGraph& pg, const py::object& protect, const py::object& protect_only,
                       bool no_default_protect) {
  const Protection prot = pg.ProtectionOf(protect, protect_only, no_default_protect);
  py::dict d = PyGraph::ProtectionDict(prot);
  d["nodes"] = pg.Names(prot.nodes.ToVector());
  return d;
}

py::object ToNetworkx(const PyGraph& pg) {
  const Graph& g = pg.graph();
  py::module_ nx = py::module_::import("networkx");
  py::object dg = nx.attr("DiGraph")();
  std::vector<py::str> names;
  names.reserve(g.num_nodes());
  py::list nodes;
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    names.push_back(pg.Name(v));
    py::dict attrs;
    attrs["kind"] = std::string(g.kind_name(g.kind(v)));
    attrs["external"] = g.is_external(v);
    nodes.append(py::make_tuple(names.back(), attrs));
  }
  dg.attr("add_nodes_from")(nodes);
  py::list edges;
  for (NodeId u = 0; u < g.num_nodes(); ++u) {
    for (NodeId v : g.out(u)) edges.append(py::make_tuple(names[u], names[v]));
  }
  dg.attr("add_edges_from")(edges);
  return dg;
}

}  // namespace
}  // namespace etldag::python

PYBIND11_MODULE(etldag, m) {
  using etldag::python::PyGraph;
  namespace ep = etldag::python;
  m.doc() =
      "Fast, exact answers about an ETL dependency DAG (spark_ops.json), from the etldag engine.\n"
      "  g = etldag.load('data/spark_ops.json')   # or a snapshot written by `etldag index`\n"
      "  g.downstream('contract/transacao-savings-entries')[:3]";
  ep::g_error = PyErr_NewException("etldag.Error", PyExc_Exception, nullptr);
  ep::g_input_error = PyErr_NewException("etldag.InputError", ep::g_error, nullptr);
  py::tuple selector_bases = py::make_tuple(py::handle(ep::g_error), py::handle(PyExc_ValueError));
  ep::g_selector_error = PyErr_NewException("etldag.SelectorError", selector_bases.ptr(), nullptr);
  ep::g_cycle_error = PyErr_NewException("etldag.CycleError", ep::g_error, nullptr);
  m.attr("Error") = py::handle(ep::g_error);
  m.attr("InputError") = py::handle(ep::g_input_error);
  m.attr("SelectorError") = py::handle(ep::g_selector_error);
  m.attr("CycleError") = py::handle(ep::g_cycle_error);

  m.def("load", &ep::Load, py::arg("path"),
        "Loads a spark_ops.json or a snapshot (by its magic bytes); '-' is stdin.\n"
        "Raises etldag.InputError with the engine's FILE:LINE:COL message.");

  py::class_<PyGraph, std::shared_ptr<PyGraph>>(m, "Graph")
      .def_property_readonly("num_nodes", [](const PyGraph& g) { return g.graph().num_nodes(); })
      .def_property_readonly("num_edges", [](const PyGraph& g) { return g.graph().num_edges(); })
      .def_property_readonly("num_ops", [](const PyGraph& g) { return g.graph().num_ops(); })
      .def_property_readonly("num_externals",
                             [](const PyGraph& g) { return g.graph().num_externals(); })
      .def("__len__", [](const PyGraph& g) { return g.graph().num_nodes(); })
      .def("__contains__",
           [](const PyGraph& g, const std::string& name) { return g.graph().Find(name).has_value(); })
      .def("__repr__",
           [](const PyGraph& g) {
             return "<etldag.Graph: " + std::to_string(g.graph().num_nodes()) + " nodes, " +
                    std::to_string(g.graph().num_edges()) + " edges>";
           })
      .def(
          "nodes",
          [](const PyGraph& g) {
            std::vector<etldag::NodeId> all(g.graph().num_nodes());
            for (etldag::NodeId v = 0; v < all.size(); ++v) all[v] = v;
            return g.Names(all);
          },
          "Every node name, sorted.")
      .def(
          "kind", [](const PyGraph& g, const std::string& n) {
            return std::string(g.graph().kind_name(g.graph().kind(g.OneNode(n))));
          },
          py::arg("name"))
      .def(
          "is_external",
          [](const PyGraph& g, const std::string& n) { return g.graph().is_external(g.OneNode(n)); },
          py::arg("name"))
      .def(
          "select",
          [](const PyGraph& g, const py::args& sel, const py::object& exclude) {
            return g.Names(g.SelectIds(ep::ArgsStrings(sel), ep::Strings(exclude)));
          },
          py::kw_only(), py::arg("exclude") = py::none(),
          "The nodes the selectors denote (dbt's grammar: x+, +x, @x, globs, kind:, ...), sorted.")
      .def(
          "downstream",
          [](const PyGraph& g, const py::args& nodes, std::optional<uint32_t> depth,
             bool include_self, const py::object& exclude) {
            return ep::Reachable(g, nodes, etldag::Direction::kDownstream, depth, include_self,
                                 exclude);
          },
          py::kw_only(), py::arg("depth") = py::none(), py::arg("include_self") = false,
          py::arg("exclude") = py::none(), "Everything that transitively reads the nodes, sorted.")
      .def(
          "upstream",
          [](const PyGraph& g, const py::args& nodes, std::optional<uint32_t> depth,
             bool include_self, const py::object& exclude) {
            return ep::Reachable(g, nodes, etldag::Direction::kUpstream, depth, include_self,
                                 exclude);
          },
          py::kw_only(), py::arg("depth") = py::none(), py::arg("include_self") = false,
          py::arg("exclude") = py::none(), "Everything the nodes transitively read, sorted.")
      .def(
          "path",
          [](const PyGraph& g, const std::string& from, const std::string& to) -> py::object {
            const etldag::NodeId a = g.OneNode(from), b = g.OneNode(to);
            std::vector<etldag::NodeId> p;
            {
              py::gil_scoped_release release;
              p = etldag::ShortestPath(g.graph(), a, b);
            }
            if (p.empty()) return py::none();
            return g.Names(p);
          },
          py::arg("source"), py::arg("target"),
          "One shortest chain source -> ... -> target (the CLI's `path`), or None.")
      .def("blast_radius", &ep::BlastRadiusOf, py::kw_only(), py::arg("exclude") = py::none(),
           py::arg("protect") = py::none(), py::arg("protect_only") = py::none(),
           py::arg("no_default_protect") = false,
           "What a failure takes down: a dict with failed, downstream, by_kind, by_distance,\n"
           "sinks, protected_reached (node, distance, path), protected_nodes and protection.\n"
           "protect= adds to the default protected set; protect_only= replaces it;\n"
           "no_default_protect=True turns it off (as the CLI's --protect flags).")
      .def("safe_to_skip", &ep::SafeToSkipOf, py::kw_only(), py::arg("exclude") = py::none(),
           py::arg("protect") = py::none(), py::arg("protect_only") = py::none(),
           py::arg("no_default_protect") = false,
           "A verdict per candidate (default: every op, minus exclude): {name: {verdict,\n"
           "downstream, readers, protected_downstream, protected_itself, nearest_protected,\n"
           "protected_reached}}. protect= adds to the default protected set; protect_only=\n"
           "replaces it; no_default_protect=True turns it off (see g.protection()).")
      .def("critical_path", &ep::CriticalPathOf, py::kw_only(), py::arg("durations") = py::none(),
           py::arg("default_duration") = py::none(),
           "CPM with durations (a path to a durations file, or a dict name -> seconds; None:\n"
           "every op counts 1): {length, chain, earliest_start, slack}. Raises CycleError.")
      .def("rerun_plan", &ep::RerunPlanOf, py::arg("failed"), py::kw_only(),
           py::arg("exclude") = py::none(), py::arg("skip") = py::none(),
           py::arg("durations") = py::none(), py::arg("default_duration") = py::none(),
           py::arg("slots") = 0,
           "What to clear and rerun: the failed nodes minus exclude, everything downstream,\n"
           "minus skip (not rerun; dependencies through them kept): {nodes, waves, skipped,\n"
           "total_work, makespan, critical_chain[, slots_makespan, start]}.")
      .def("top", &ep::TopOf, py::arg("n"), py::kw_only(), py::arg("among") = py::none(),
           py::arg("protect") = py::none(), py::arg("protect_only") = py::none(),
           py::arg("no_default_protect") = false,
           "The n nodes with the largest exact downstream: [(name, downstream, protected)].")
      .def("protection", &ep::ProtectionFor, py::kw_only(), py::arg("protect") = py::none(),
           py::arg("protect_only") = py::none(), py::arg("no_default_protect") = false,
           "The protected set these arguments give: {nodes, default_rule, selectors, rule}.")
      .def("to_networkx", &ep::ToNetworkx,
           "A networkx.DiGraph of the whole graph (node attributes kind, external).");
}
