#!/usr/bin/python3
"""python-igraph: load spark_ops.json, print the transitive downstream of one node."""
import json
import sys

import igraph as ig

path, name = sys.argv[1], sys.argv[2]
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
names = [None] * len(ids)
for n, i in ids.items():
    names[i] = n
reached = g.subcomponent(ids[name], mode="out")
out = sorted(names[i] for i in reached if i != ids[name])
sys.stdout.write("".join(n + "\n" for n in out))
print(len(out), file=sys.stderr)
