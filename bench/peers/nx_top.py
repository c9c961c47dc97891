#!/usr/bin/python3
"""networkx: rank nodes by downstream-closure size (blast radius), the way a
user would: nx.descendants per node. Ranking all nodes takes hours at 100k, so
argv[2] limits the number of nodes processed: an evenly spaced sample of the
nodes in name order (node i * n // limit, i < limit), so that every kind and
depth is represented. Prints the top 10 "size<TAB>name" of the sample on
stdout; on stderr "SAMPLE SECONDS": the sample size and the seconds spent
ranking it (the compare script extrapolates from that)."""
import json
import sys
import time

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
names = sorted(g.nodes)
limit = min(limit, len(names))
nodes = [names[i * len(names) // limit] for i in range(limit)]
start = time.perf_counter()
sizes = sorted(((len(nx.descendants(g, n)), n) for n in nodes), key=lambda t: (-t[0], t[1]))
elapsed = time.perf_counter() - start
for size, n in sizes[:10]:
    print(f"{size}\t{n}")
print(f"{len(nodes)} {elapsed:.6f}", file=sys.stderr)
