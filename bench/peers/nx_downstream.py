#!/usr/bin/python3
"""What operators use today: load spark_ops.json into networkx, print the
transitive downstream of one node (count on stderr, names on stdout)."""
import json
import sys

import networkx as nx

path, name = sys.argv[1], sys.argv[2]
with open(path) as f:
    ops = json.load(f)
g = nx.DiGraph()
for op in ops:
    g.add_node(op["name"])
    for u in op.get("inputs") or []:
        g.add_edge(u, op["name"])
    for v in op.get("successors") or []:
        g.add_edge(op["name"], v)
out = sorted(nx.descendants(g, name))
sys.stdout.write("".join(n + "\n" for n in out))
print(len(out), file=sys.stderr)
