#!/usr/bin/python3
"""networkx: rank nodes by downstream-closure size (blast radius), the way a
user would: nx.descendants per node. Ranking all nodes takes hours at 100k, so
argv[2] limits the number of nodes processed (the compare script extrapolates)."""
import json
import sys

import networkx as nx

path, limit = sys.argv[1], int(sys.argv[2])
with open(path) as f:
    ops = json.load(f)
g = nx.DiGraph()
for op in ops:
    g.add_node(op["name"])
    for u in op.get("inputs") or []:
        g.add_edge(u, op["name"])
    for v in op.get("successors") or []:
        g.add_edge(op["name"], v)
nodes = sorted(g.nodes)[:limit]
sizes = sorted(((len(nx.descendants(g, n)), n) for n in nodes), key=lambda t: (-t[0], t[1]))
for size, n in sizes[:10]:
    print(f"{size}\t{n}")
print(len(nodes), file=sys.stderr)
