#!/usr/bin/env bash
# Renders the pictures of docs/ from data/ (needs graphviz's `dot`):
#   tools/scripts/figures.sh [ETLDAG]      (default: build/tools/etldag/etldag)
# Each picture's DOT is pinned by a golden test (tests/golden/figure_*).
set -euo pipefail
cd "$(dirname "$0")/../.."
etldag=${1:-build/tools/etldag/etldag}
out=docs/figures
mkdir -p "$out"
render() {  # NAME ARGS...
  local name=$1; shift
  { "$etldag" "$@" --format dot 2>/dev/null || [ $? -eq 1 ]; } | dot -Tsvg > "$out/$name.svg"  # 1: an answer
  echo "$out/$name.svg"
}
render blast-radius blast-radius data/spark_ops.json dataset/deposit-stream
render blast-radius-summary blast-radius data/spark_ops.json raw/writeoff-registry-ingest
render critical-path critical-path data/spark_ops.json --durations data/durations.json
render rerun-plan rerun-plan data/spark_ops.json --failed dataset/cliente-latest-registry \
  --durations data/durations.json
render triage triage data/spark_ops.json --run data/run_state.json --failed file:data/run_failed.txt
