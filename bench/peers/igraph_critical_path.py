#!/usr/bin/python3
"""python-igraph: node-weighted critical path (durations JSON {name: seconds}).
igraph has no node-weighted longest path, so, as a user would: its
topological_sorting, then the longest-chain recurrence in Python over it.
Prints the chain (upstream first) and its total on stderr."""
import json
import sys

import igraph as ig

path, durations_path = sys.argv[1], sys.argv[2]
with open(path) as f:
    ops = json.load(f)
with open(durations_path) as f:
    dur = json.load(f)
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
names = [None] * len(ids)
for n, i in ids.items():
    names[i] = n
w = [dur.get(n, 0.0) for n in names]
finish = [0.0] * len(ids)
best_pred = [-1] * len(ids)
preds = g.get_adjlist(mode="in")
for v in g.topological_sorting(mode="out"):
    start, arg = 0.0, -1
    for u in preds[v]:
        if finish[u] > start:
            start, arg = finish[u], u
    finish[v] = start + w[v]
    best_pred[v] = arg
end = max(range(len(ids)), key=lambda v: finish[v])
chain = []
while end != -1:
    chain.append(names[end])
    end = best_pred[end]
chain.reverse()
sys.stdout.write("".join(n + "\n" for n in chain))
print(f"{sum(dur.get(n, 0.0) for n in chain):.3f}", file=sys.stderr)
