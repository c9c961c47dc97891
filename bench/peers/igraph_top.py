#!/usr/bin/python3
"""python-igraph: downstream-closure sizes (blast radius ranking) of an evenly
spaced sample of argv[2] nodes in name order (node i * n // limit), with
neighborhood_size(order=n) — one BFS per node in C. Prints the top 10
"size<TAB>name" of the sample on stdout; on stderr "SAMPLE SECONDS": the
sample size and the seconds spent ranking it."""
import json
import sys
import time

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
names = sorted(ids)
limit = min(limit, len(names))
chosen = [names[i * len(names) // limit] for i in range(limit)]
start = time.perf_counter()
sizes = g.neighborhood_size(vertices=[ids[n] for n in chosen], order=len(ids), mode="out")
ranked = sorted(((s - 1, n) for s, n in zip(sizes, chosen)), key=lambda t: (-t[0], t[1]))
elapsed = time.perf_counter() - start
for size, n in ranked[:10]:
    print(f"{size}\t{n}")
print(f"{len(chosen)} {elapsed:.6f}", file=sys.stderr)
