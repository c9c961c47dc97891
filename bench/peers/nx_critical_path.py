#!/usr/bin/python3
"""networkx: node-weighted critical path (durations JSON {name: seconds});
dag_longest_path weighs edges, so weights go on edges into each node plus a
virtual source, as a user would write it. Prints the chain and its total."""
import json
import sys

import networkx as nx

path, durations_path = sys.argv[1], sys.argv[2]
with open(path) as f:
    ops = json.load(f)
with open(durations_path) as f:
    dur = json.load(f)
g = nx.DiGraph()
for op in ops:
    g.add_node(op["name"])
    for u in op.get("inputs") or []:
        g.add_edge(u, op["name"])
    for v in op.get("successors") or []:
        g.add_edge(op["name"], v)
src = "__source__"
for n in list(g.nodes):
    g.add_edge(src, n)
for u, v in g.edges:
    g[u][v]["weight"] = dur.get(v, 0.0)
chain = nx.dag_longest_path(g, weight="weight")[1:]
total = sum(dur.get(n, 0.0) for n in chain)
sys.stdout.write("".join(n + "\n" for n in chain))
print(f"{total:.3f}", file=sys.stderr)
