#!/usr/bin/env bash
# The README's first command: installs what is missing, builds, and runs a short
# tour of etldag on the bundled data/ (a 3,000-op generated spark_ops.json).
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target etldag   # the tool only; test.sh builds the rest
E=build/tools/etldag/etldag
G=data/spark_ops.json
HUB=contract/transacao-savings-entries
# run CMD...: prints the command and its output (first 25 lines; the rest counted).
run() {
  printf '\n$ etldag %s\n' "$*"
  local out rc=0
  out=$("$E" "$@") || rc=$?
  head -n 25 <<<"$out"
  local n
  n=$(wc -l <<<"$out")
  [ "$n" -gt 25 ] && echo "... ($((n - 25)) more lines)"
  [ "$rc" -ne 0 ] && echo "(exit code $rc)"
  return 0
}

run stats "$G" --no-timings
run validate "$G"
run downstream "$G" "$HUB" --count
run downstream "$G" "$HUB" --depth 1
run path "$G" raw/insurance-log nu-mx/policy/cliente-strategy
run blast-radius "$G" "$HUB" --format text
run safe-to-skip "$G" dataset/payroll-dim archive/bureau-legacy --format text
run critical-path "$G" --durations data/durations.json --format text
run rerun-plan "$G" --failed "$HUB" --durations data/durations.json --slots 8 --format text
run blast-radius "$G" --top 5
