#!/usr/bin/python3
"""etldag's Python module against the networkx script it replaces.

    bench/python_compare.py --module-dir build/python --graph G.json --node N [--reps 5]

Times, each --reps times, interleaved, and prints a Markdown table of medians:
  - whole process: `python3 -c "import etldag; etldag.load(G).downstream(N)"`
    vs bench/peers/nx_downstream.py G N (json.load + networkx DiGraph +
    nx.descendants), both with /usr/bin/python3;
  - in process: etldag.load(G), g.downstream(N), g.to_networkx() (for people
    who continue in networkx).
Checks that both answers are the same set.
"""
import argparse
import os
import platform
import statistics
import subprocess
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument("--module-dir", required=True)
ap.add_argument("--graph", required=True)
ap.add_argument("--node", required=True)
ap.add_argument("--reps", type=int, default=5)
a = ap.parse_args()
env = dict(os.environ, PYTHONPATH=os.path.abspath(a.module_dir))
py = "/usr/bin/python3"
one = ("import etldag, sys; r = etldag.load(sys.argv[1]).downstream(sys.argv[2]); "
       "sys.stdout.write(''.join(n + '\\n' for n in r))")
inproc = ("import etldag, sys, time\n"
          "t0 = time.perf_counter(); g = etldag.load(sys.argv[1]); t1 = time.perf_counter()\n"
          "r = g.downstream(sys.argv[2]); t2 = time.perf_counter()\n"
          "x = g.to_networkx(); t3 = time.perf_counter()\n"
          "print(t1 - t0, t2 - t1, t3 - t2)\n")


def run(cmd):
    t = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
    return time.perf_counter() - t, r.stdout


rows = {"etldag": [], "networkx": [], "load": [], "query": [], "to_networkx": []}
answers = {}
for _ in range(a.reps):
    t, out = run([py, "-c", one, a.graph, a.node]); rows["etldag"].append(t); answers["etldag"] = out
    t, out = run([py, os.path.join(here, "peers", "nx_downstream.py"), a.graph, a.node])
    rows["networkx"].append(t); answers["networkx"] = out
    _, out = run([py, "-c", inproc, a.graph, a.node])
    for k, v in zip(("load", "query", "to_networkx"), map(float, out.split())):
        rows[k].append(v)
same = set(answers["etldag"].split()) == set(answers["networkx"].split())
n = len(answers["etldag"].split())
med = {k: statistics.median(v) for k, v in rows.items()}
fmt = lambda s: f"{s * 1e3:.1f} ms" if s < 1 else f"{s:.2f} s"
print(f"Graph {os.path.basename(a.graph)}, downstream of `{a.node}` ({n} nodes); "
      f"median of {a.reps}; {platform.node()}, {os.cpu_count()} cores, load average "
      f"{os.getloadavg()[0]:.1f}; answers {'agree' if same else 'DISAGREE'}.\n")
print("| measure | etldag module | networkx script | ratio |")
print("|---|---|---|---|")
print(f"| whole process: load + one downstream query | {fmt(med['etldag'])} | {fmt(med['networkx'])} "
      f"| {med['networkx'] / med['etldag']:.1f}× faster |")
print(f"| in process: `etldag.load` | {fmt(med['load'])} | | |")
print(f"| in process: `g.downstream` | {fmt(med['query'])} | | |")
print(f"| in process: `g.to_networkx()` | {fmt(med['to_networkx'])} | | |")
sys.exit(0 if same else 1)
