#!/usr/bin/env python3
"""Writes data/transaction.json: what the metadata service's transaction query
returns for the sample run (the file `retraction-set --committed` reads).

Deterministic: every op of data/spark_ops.json except archive/ ops is listed,
with an id derived from its name (sha1); one in 40 was not committed
("committed": false). Usage: tools/scripts/make_transaction.py > data/transaction.json
"""
import hashlib
import json
import sys

ops = json.load(open(sys.argv[1] if len(sys.argv) > 1 else "data/spark_ops.json"))
datasets = []
for name in sorted(op["name"] for op in ops):
    if name.split("/")[-2] == "archive":
        continue
    h = hashlib.sha1(name.encode()).hexdigest()
    ds_id = f"ri.dataset.{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"
    datasets.append({"id": ds_id, "name": name, "committed": int(h[32:34], 16) % 40 != 0})
out = sys.stdout
out.write('{"data": {"transaction": {"id": "tx-2026-12-01-nightly", "status": "COMMITTED", "datasets": [\n')
out.write(",\n".join("  " + json.dumps(d) for d in datasets))
out.write("\n]}}}\n")
