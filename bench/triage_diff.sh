#!/usr/bin/env bash
# Whole-process cost of `etldag triage` and `etldag diff` on a generated
# 100,000-op graph (seed 42) with a generated run state and a next version,
# against one load of the same file (`select FILE 'zzz*'`: load, match
# nothing) and, for diff, two such loads run side by side (diff loads OLD and
# NEW in parallel). Median wall clock of N runs (default 5), interleaved.
# Prints the Markdown table of bench/README.md ("triage and diff").
#
#   bench/triage_diff.sh [--build-dir DIR] [--work-dir DIR] [--reps N] [--ops N]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=$root/build-bench work_dir=${ETLDAG_BENCH_DIR:-/tmp/etldag-bench} reps=5 ops=100000
while [ $# -gt 0 ]; do
  case $1 in
    --build-dir) build_dir=$2; shift 2 ;;
    --work-dir) work_dir=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --ops) ops=$2; shift 2 ;;
    *) echo "triage_diff.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -f "$build_dir/CMakeCache.txt" ] || cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DETLDAG_BUILD_TESTS=OFF >/dev/null
cmake --build "$build_dir" -j"$(nproc)" --target etldag >/dev/null
e=$build_dir/tools/etldag/etldag
mkdir -p "$work_dir"
json=$work_dir/spark_ops_$ops.json next=$work_dir/spark_ops_${ops}_next.json
run=$work_dir/run_state_$ops.json failed=$work_dir/run_failed_$ops.txt
[ -f "$json" ] || "$e" generate --ops "$ops" --seed 42 --output "$json"
[ -f "$run" ] || "$e" generate --ops "$ops" --seed 42 --run-state "$run" --run-failed "$failed" -o /dev/null 2>/dev/null
[ -f "$next" ] || "$e" generate --ops "$ops" --seed 42 --mutate 50 -o "$next" 2>/dev/null
/usr/bin/python3 - "$e" "$json" "$next" "$run" "$failed" "$reps" <<'PY'
import statistics, subprocess, sys, time
e, json, nxt, run, failed, reps = sys.argv[1:6] + [int(sys.argv[6])]
load = lambda f: [e, "select", f, "zzz*"]
cases = [
    ("one load: `select FILE 'zzz*'`", [load(json)]),
    ("`triage FILE --run RUN --failed file:FAILED --format json`",
     [[e, "triage", json, "--run", run, "--failed", "file:" + failed, "--format", "json"]]),
    ("`triage FILE --run RUN` (roots inferred), text", [[e, "triage", json, "--run", run]]),
    ("two loads side by side: OLD and NEW", [load(json), load(nxt)]),
    ("`diff OLD NEW --format json`", [[e, "diff", json, nxt, "--format", "json"]]),
    ("`diff OLD OLD` (identical)", [[e, "diff", json, json]]),
]
times = {name: [] for name, _ in cases}
for _ in range(reps):
    for name, cmds in cases:
        t0 = time.perf_counter()
        ps = [subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for c in cmds]
        for p in ps:
            p.wait()
        times[name].append(time.perf_counter() - t0)
base = {"triage": statistics.median(times[cases[0][0]]), "diff": statistics.median(times[cases[3][0]])}
print("| command | median wall | vs baseline |")
print("|---|---|---|")
for name, _ in cases:
    m = statistics.median(times[name])
    ref = base["diff"] if "diff" in name or "side by side" in name else base["triage"]
    print(f"| {name} | {m * 1e3:.0f} ms | {m / ref:.2f}x |")
PY
