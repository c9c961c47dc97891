"""Tests of the etldag Python module.

Oracles: the etldag CLI (same engine, but its own argument handling and
output; $ETLDAG_CLI) and networkx (an independent implementation) on
generated graphs. Run from the repository root:

    PYTHONPATH=build/python ETLDAG_CLI=build/tools/etldag/etldag \
        /usr/bin/python3 -m pytest python/tests
"""
import json
import os
import random
import subprocess
import threading

import pytest

import etldag

GRAPH = "data/spark_ops.json"
DURATIONS = "data/durations.json"
HUB = "contract/transacao-savings-entries"
CLI = os.environ.get("ETLDAG_CLI", "build/tools/etldag/etldag")


def cli(*args, check=True):
    r = subprocess.run([CLI, *args], capture_output=True, text=True)
    if check:
        assert r.returncode in (0, 1), r.stderr
    return r


def cli_names(*args):
    return cli(*args).stdout.split()


@pytest.fixture(scope="module")
def g():
    return etldag.load(GRAPH)


def test_acceptance_line(g):
    assert g.downstream(HUB)[:3] == cli_names("downstream", GRAPH, HUB)[:3]


def test_sizes(g):
    assert (g.num_nodes, g.num_edges, g.num_ops, g.num_externals) == (3141, 14357, 3000, 141)
    assert len(g) == 3141 and HUB in g and "no/such-node" not in g
    assert g.nodes() == sorted(g.nodes())
    assert repr(g) == "<etldag.Graph: 3141 nodes, 14357 edges>"


def test_downstream_upstream_match_cli(g):
    assert g.downstream(HUB) == cli_names("downstream", GRAPH, HUB)
    assert g.downstream(HUB, depth=1) == cli_names("downstream", GRAPH, HUB, "--depth", "1")
    assert g.downstream(HUB, include_self=True) == cli_names(
        "downstream", GRAPH, HUB, "--include-self")
    pol = "nu-mx/policy/cliente-strategy"
    assert g.upstream(pol) == cli_names("upstream", GRAPH, pol)
    assert g.upstream([pol, HUB]) == g.upstream(pol, HUB)


def test_select_matches_cli(g):
    for sel in ["1+policy/revenue-decision", "@raw/cartao-score-export", "kind:policy,nu-mx/*"]:
        assert g.select(sel) == cli_names("select", GRAPH, sel)
    assert g.select("1+policy/revenue-decision", exclude="kind:dataset") == [
        "nu-mx/model/deposit-propensity", "policy/revenue-decision"]


def test_path(g):
    assert g.path("raw/insurance-log", "nu-mx/policy/cliente-strategy") == cli_names(
        "path", GRAPH, "raw/insurance-log", "nu-mx/policy/cliente-strategy")
    assert g.path("nu-mx/policy/cliente-strategy", "raw/insurance-log") is None


def test_blast_radius_matches_cli_json(g):
    br = g.blast_radius("dataset/deposit-stream")
    ref = json.loads(cli("blast-radius", GRAPH, "dataset/deposit-stream", "--format", "json").stdout)
    assert br["downstream"] == ref["results"]
    assert br["failed"] == ["dataset/deposit-stream"]
    assert sum(br["by_kind"].values()) == len(br["downstream"]) == 7
    assert br["by_distance"] == [2, 3, 2]
    assert [h["node"] for h in br["protected_reached"]] == [
        "nu-us/policy/ledger-eligibility", "policy/withdrawal-writeoff-increase"]
    assert all(h["path"][0] == "dataset/deposit-stream" and len(h["path"]) == h["distance"] + 1
               for h in br["protected_reached"])


def test_safe_to_skip(g):
    v = g.safe_to_skip("dataset/deposit-stream", "archive/merchant-history")
    assert list(v) == ["archive/merchant-history", "dataset/deposit-stream"]
    assert v["archive/merchant-history"]["verdict"] == "empty-commit-safe"
    assert v["dataset/deposit-stream"]["verdict"] == "unsafe"
    assert v["dataset/deposit-stream"]["nearest_protected"]["node"] == "policy/withdrawal-writeoff-increase"
    every = g.safe_to_skip()
    assert len(every) == 3000
    safe = sorted(n for n, a in every.items() if a["verdict"] != "unsafe")
    assert safe == cli_names("safe-to-skip", GRAPH, "--format", "names")


POLICY = "policy/withdrawal-writeoff-increase"

# Python keywords and the CLI flags they stand for.
PROTECT_CASES = [
    ({}, []),
    ({"protect": "kind:model"}, ["--protect", "kind:model"]),
    ({"protect_only": "kind:model"}, ["--protect-only", "kind:model"]),
    ({"no_default_protect": True}, ["--no-default-protect"]),
    ({"no_default_protect": True, "protect": "kind:model"},
     ["--no-default-protect", "--protect", "kind:model"]),
    ({"protect_only": ["kind:model"], "protect": ["raw/*", "archive/*"]},
     ["--protect-only", "kind:model", "--protect", "raw/*", "--protect", "archive/*"]),
]


def py_rule(cli_rule):
    """The CLI's rule line with the Python keywords for its flags."""
    return (cli_rule.replace("--protect-only ", "protect_only=")
            .replace("--protect ", "protect=").replace("--protect)", "protect=)")
            .replace("--no-default-protect", "no_default_protect=True"))


def test_protect_adds_to_the_default_rule(g):
    # A policy node stays protected when protect= names more nodes.
    v = g.safe_to_skip(POLICY, protect="kind:model")[POLICY]
    assert v["verdict"] == "unsafe" and v["protected_itself"]
    assert g.safe_to_skip(POLICY, protect=["kind:model"])[POLICY]["verdict"] == "unsafe"
    every = g.safe_to_skip(protect="kind:model")
    assert all(every[n]["verdict"] == "unsafe" for n in g.select("kind:policy"))
    br = g.blast_radius("dataset/deposit-stream", protect="kind:model")
    assert [h["node"] for h in br["protected_reached"]] == [
        "model/score-predictions", "nu-us/policy/ledger-eligibility", POLICY]
    default = set(g.protection()["nodes"])
    assert default < set(g.protection(protect="kind:model")["nodes"])
    # Only protect_only= or no_default_protect=True turn the default rule off.
    assert g.safe_to_skip(POLICY, protect_only="kind:model")[POLICY]["verdict"] == "empty-commit-safe"
    assert g.safe_to_skip(POLICY, no_default_protect=True)[POLICY]["verdict"] == "empty-commit-safe"
    with pytest.raises(ValueError, match="protect_only needs a selector"):
        g.safe_to_skip(POLICY, protect_only=[])


@pytest.mark.parametrize("kw,flags", PROTECT_CASES)
def test_protection_matches_cli(g, kw, flags):
    ref = json.loads(cli("safe-to-skip", GRAPH, *flags, "--format", "json").stdout)
    p = g.protection(**kw)
    assert len(p["nodes"]) == ref["protected_nodes"]
    assert p["default_rule"] == ref["protection"]["default_rule"]
    assert p["selectors"] == ref["protection"]["selectors"]
    assert p["rule"] == py_rule(ref["protection"]["rule"])
    mine = g.safe_to_skip(**kw)
    assert {n: (v["verdict"], v["protected_itself"], v["protected_downstream"])
            for n, v in mine.items()} == {
        r["name"]: (r["verdict"], r["protected_itself"], r["protected_downstream"])
        for r in ref["results"]}
    one = json.loads(cli("safe-to-skip", GRAPH, POLICY, *flags, "--format", "json").stdout)
    assert g.safe_to_skip(POLICY, **kw)[POLICY]["verdict"] == one["results"][0]["verdict"]
    br = g.blast_radius("dataset/deposit-stream", **kw)
    ref = json.loads(cli("blast-radius", GRAPH, "dataset/deposit-stream", *flags,
                         "--format", "json").stdout)
    assert br["protected_nodes"] == ref["protected_nodes"]
    assert br["protection"] == dict(ref["protection"], rule=py_rule(ref["protection"]["rule"]))
    assert [(h["node"], h["distance"], h["path"]) for h in br["protected_reached"]] == [
        (h["name"], h["distance"], h["path"]) for h in ref["protected_reached"]]
    top = g.top(5, among="dataset/*", **kw)
    ref = json.loads(cli("blast-radius", GRAPH, "--top", "5", "dataset/*", *flags,
                         "--format", "json").stdout)
    assert top == [(r["name"], r["downstream"], r["protected_downstream"])
                   for r in ref["results"]]


def test_protection_dbt_rule_matches_cli():
    m = "data/dbt/tuva.manifest.json.gz"
    g = etldag.load(m)
    for kw, flags in [({}, []), ({"protect": "kind:seed"}, ["--protect", "kind:seed"])]:
        ref = json.loads(cli("safe-to-skip", m, *flags, "--format", "json").stdout)
        p = g.protection(**kw)
        assert p["rule"] == py_rule(ref["protection"]["rule"]) and "dbt:" in p["rule"]
        assert len(p["nodes"]) == ref["protected_nodes"]


def test_safe_to_skip_exclude_without_candidates_matches_cli(g):
    every = g.safe_to_skip(exclude="archive/*")
    assert sorted(every) == sorted(r["name"] for r in json.loads(cli(
        "safe-to-skip", GRAPH, "--exclude", "archive/*", "--format", "json").stdout)["results"])
    assert not any(n.startswith("archive/") for n in every)


def test_critical_path(g):
    cp = g.critical_path(durations=DURATIONS)
    assert cp["chain"] == cli_names("critical-path", GRAPH, "--durations", DURATIONS)
    assert cp["length"] == pytest.approx(41206.9)
    assert all(cp["slack"][n] == 0 for n in cp["chain"])
    with open(DURATIONS) as f:
        as_dict = json.load(f)
    assert g.critical_path(durations=as_dict)["chain"] == cp["chain"]
    unit = g.critical_path()
    assert unit["chain"] == cli_names("critical-path", GRAPH)


def test_durations_dict_unknown_names_warn(g):
    with pytest.warns(UserWarning, match="1 durations name no node"):
        g.critical_path(durations={"no/such-op": 3.0})
    with pytest.raises(ValueError):
        g.critical_path(durations={HUB: -1.0})


def test_rerun_plan(g):
    p = g.rerun_plan("dataset/cliente-latest-registry", durations=DURATIONS, slots=2)
    assert p["nodes"] == cli_names("rerun-plan", GRAPH, "--failed", "dataset/cliente-latest-registry")
    assert len(p["waves"]) == 4 and sum(len(w) for w in p["waves"]) == 12
    assert p["makespan"] == pytest.approx(3803)
    assert p["slots_makespan"] == pytest.approx(3966.8)
    sk = g.rerun_plan("dataset/cliente-latest-registry", skip="model/pse-embedding")
    assert "model/pse-embedding" not in sk["nodes"] and sk["skipped"] == ["model/pse-embedding"]


def cli_rerun(*args):
    return json.loads(cli("rerun-plan", GRAPH, *args, "--format", "json").stdout)


def names(ref):
    return [r["name"] for r in ref["results"]]


def test_rerun_plan_skip_and_exclude_match_cli(g):
    # skip=: not rerun, but its downstream still is (dependencies through it kept).
    f, x = "dataset/deposit-stream", "dataset/revenue-balance-report"
    sk = g.rerun_plan(f, skip=x)
    ref = cli_rerun(f, "--skip", x)
    assert sk["nodes"] == names(ref) and sk["skipped"] == ref["skipped"] == [x]
    assert "model/score-predictions" in sk["nodes"] and sk["waves"] == ref["waves"]
    # exclude=: subtracted from the failed selection, never from the answer:
    # x is downstream of f, so it is rerun all the same.
    ex = g.rerun_plan(f + "+", exclude=x)
    ref = cli_rerun(f + "+", "--exclude", x)
    assert ex["nodes"] == names(ref) and x in ex["nodes"] and ex["skipped"] == []
    assert g.rerun_plan([f, "archive/merchant-history"], exclude=f)["nodes"] == \
        cli_names("rerun-plan", GRAPH, f, "archive/merchant-history", "--exclude", f)
    assert g.rerun_plan(f, exclude=f)["nodes"] == []
    both = g.rerun_plan([f, "archive/merchant-history"], exclude="archive/*", skip=x)
    ref = cli_rerun(f, "archive/merchant-history", "--exclude", "archive/*", "--skip", x)
    assert both["nodes"] == names(ref) and both["skipped"] == ref["skipped"]


def test_top(g):
    top = g.top(5, among="dataset/*")
    assert top[0] == ("dataset/payroll-dim", 1289, 102)
    assert [t[0] for t in top] == cli_names("blast-radius", GRAPH, "--top", "5", "dataset/*",
                                            "--format", "names")


def test_errors_carry_the_engine_message(g, tmp_path):
    bad = "tests/golden/fixtures/bad_syntax.json"
    with pytest.raises(etldag.InputError) as e:
        etldag.load(bad)
    assert str(e.value) == cli("stats", bad, check=False).stderr.rstrip("\n")
    assert str(e.value).startswith(bad + ":3:32: error:")
    with pytest.raises(etldag.InputError):
        etldag.load(tmp_path / "missing.json")
    with pytest.raises(etldag.SelectorError, match='did you mean "contract/transacao-savings-entries"'):
        g.downstream("contract/transacao-savings-entrie")
    with pytest.raises(ValueError):  # SelectorError is a ValueError too
        g.select("policy/[a-c")
    missing = str(tmp_path / "missing.txt")
    with pytest.raises(etldag.InputError):  # an unreadable file: list: bad input, as the CLI's exit 3
        g.select("file:" + missing)
    assert cli("select", GRAPH, "file:" + missing, check=False).returncode == 3
    assert issubclass(etldag.InputError, etldag.Error)
    cyc = tmp_path / "cycle.json"
    cyc.write_text('[{"name": "a", "inputs": ["b"]}, {"name": "b", "inputs": ["a"]}]')
    with pytest.raises(etldag.CycleError):
        etldag.load(cyc).critical_path()


def test_snapshot(tmp_path, g):
    snap = tmp_path / "g.etldag"
    cli("index", GRAPH, "-o", str(snap))
    s = etldag.load(snap)
    assert s.nodes() == g.nodes() and s.downstream(HUB) == g.downstream(HUB)


def test_loads_in_threads():
    # The GIL is released during loads: several threads load at once.
    out = [None] * 4
    def work(i):
        out[i] = etldag.load(GRAPH).downstream(HUB, depth=1)
    ts = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert all(o == out[0] for o in out) and len(out[0]) > 0


def test_against_networkx_on_generated_graphs(tmp_path):
    nx = pytest.importorskip("networkx")
    for seed in range(1, 9):
        path = tmp_path / f"g{seed}.json"
        cli("generate", "--ops", "300", "--seed", str(seed), "-o", str(path))
        g = etldag.load(path)
        ref = g.to_networkx()
        assert ref.number_of_nodes() == g.num_nodes and ref.number_of_edges() == g.num_edges
        # Independent oracle: networkx's own parse of the file.
        ops = json.loads(path.read_text())
        own = nx.DiGraph()
        for op in ops:
            own.add_node(op["name"])
            for u in op.get("inputs") or []:
                own.add_edge(u, op["name"])
            for v in op.get("successors") or []:
                own.add_edge(op["name"], v)
        assert set(own.edges) == set(ref.edges)
        rng = random.Random(seed)
        for n in rng.sample(g.nodes(), 20):
            assert g.downstream(n) == sorted(nx.descendants(own, n))
            assert g.upstream(n) == sorted(nx.ancestors(own, n))
        if nx.is_directed_acyclic_graph(own):
            length = g.critical_path()["length"]
            # unit weights: ops count 1, externals 0
            w = {n: 0 if ref.nodes[n]["external"] else 1 for n in own}
            best = {}
            for n in nx.topological_sort(own):
                best[n] = w[n] + max((best[p] for p in own.predecessors(n)), default=0)
            assert length == max(best.values())


def test_docs_python_md_examples():
    # Every >>> example of docs/python.md, as doctest runs them.
    import doctest
    r = doctest.testfile("docs/python.md", module_relative=False,
                         optionflags=doctest.NORMALIZE_WHITESPACE)
    assert r.attempted >= 20 and r.failed == 0
