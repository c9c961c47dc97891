#!/usr/bin/env python3
"""What dbt does before it selects, for bench/dbt_compare.sh: json.load of a
manifest.json, a networkx DiGraph of its depends_on edges (dbt's graph is a
networkx DiGraph), then `tag:T+`: the nodes tagged T and their descendants,
tests left out (etldag's rule when the selector names no test). Prints the
unique_ids, sorted, one per line.

    python3 bench/dbt_select.py MANIFEST TAG
"""
import json
import sys

import networkx as nx


def main() -> None:
    path, tag = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as f:
        manifest = json.load(f)
    g = nx.DiGraph()
    kinds = {}
    tagged = []
    for section in ("nodes", "sources", "exposures", "metrics", "semantic_models", "saved_queries", "unit_tests"):
        for uid, node in (manifest.get(section) or {}).items():
            g.add_node(uid)
            kinds[uid] = node.get("resource_type", section)
            if tag in (node.get("tags") or []):
                tagged.append(uid)
            for parent in (node.get("depends_on") or {}).get("nodes") or []:
                g.add_edge(parent, uid)
    selected = set(tagged)
    for uid in tagged:
        selected |= nx.descendants(g, uid)
    out = sorted(u for u in selected if kinds.get(u) not in ("test", "unit_test"))
    sys.stdout.write("".join(u + "\n" for u in out))


if __name__ == "__main__":
    main()
