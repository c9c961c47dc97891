#!/usr/bin/python3
"""python-igraph: downstream-closure sizes (blast radius ranking) for the first
argv[2] nodes by name, with neighborhood_size(order=n) — one BFS per node in C."""
import json
import sys

import igraph as ig

path, limit = sys.argv[1], int(sys.argv[2])
with open(path) as f:
    ops = json.load(f)
ids = {}
def nid(n):
    if n not in ids:
        ids[n] = len(ids)
    return ids[n]
edges = set()
for op in ops:
    v = nid(op["name"])
    for u in op.get("inputs") or []:
        edges.add((nid(u), v))
    for w in op.get("successors") or []:
        edges.add((v, nid(w)))
g = ig.Graph(n=len(ids), edges=list(edges), directed=True)
chosen = sorted(ids)[:limit]
sizes = g.neighborhood_size(vertices=[ids[n] for n in chosen], order=len(ids), mode="out")
ranked = sorted(((s - 1, n) for s, n in zip(sizes, chosen)), key=lambda t: (-t[0], t[1]))
for size, n in ranked[:10]:
    print(f"{size}\t{n}")
print(len(chosen), file=sys.stderr)
