#!/usr/bin/env bash
# Load time and peak memory of etldag at 10,000 / 100,000 / 1,000,000
# generated ops (seed 42), from JSON and from a snapshot: the table in the
# bench/README.md ("Load time and memory by size"). Median of 5 runs of `etldag stats FILE
# --verbose` (the load time it reports: read + parse + build) and of the
# whole process (wall clock), peak RSS (wait4's ru_maxrss) the largest of the runs.
#
#   bench/load_sizes.sh [--build-dir DIR] [--work-dir DIR] [--reps N]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=$root/build-bench work_dir=${ETLDAG_BENCH_DIR:-/tmp/etldag-bench} reps=5
while [ $# -gt 0 ]; do
  case $1 in
    --build-dir) build_dir=$2; shift 2 ;;
    --work-dir) work_dir=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    *) echo "load_sizes.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -f "$build_dir/CMakeCache.txt" ] || cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DETLDAG_BUILD_TESTS=OFF >/dev/null
cmake --build "$build_dir" -j"$(nproc)" --target etldag >/dev/null
e=$build_dir/tools/etldag/etldag
mkdir -p "$work_dir"
echo "| ops | file | nodes / edges | load (read + parse + build), median | whole \`etldag stats\`, median | peak RSS | snapshot: size, load, whole process, peak RSS |"
echo "|---|---|---|---|---|---|---|"
for n in 10000 100000 1000000; do
  json=$work_dir/spark_ops_$n.json snap=$work_dir/spark_ops_$n.etldag
  [ -f "$json" ] || "$e" generate --ops "$n" --seed 42 --output "$json"
  [ -f "$snap" ] && [ ! "$snap" -ot "$json" ] || "$e" index "$json" -o "$snap"
  /usr/bin/python3 - "$e" "$json" "$snap" "$reps" <<'PY'
import os, re, statistics, subprocess, sys, time
e, json_path, snap, reps = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])

def run(path):
    loads, walls, rss, counts = [], [], 0, None
    for _ in range(reps):
        t0 = time.perf_counter()
        p = subprocess.Popen([e, "stats", path, "--verbose", "--format", "json"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        err = p.stderr.read()
        _, status, usage = os.wait4(p.pid, 0)
        walls.append(time.perf_counter() - t0)
        p.returncode = 0
        assert os.waitstatus_to_exitcode(status) == 0, err
        m = re.search(r"loaded (\d+) nodes \((\d+) ops\), (\d+) edges from \d+ bytes in ([\d.]+) ms "
                      r"\(read ([\d.]+), parse ([\d.]+), build ([\d.]+)\)", err)
        counts = (int(m.group(1)), int(m.group(3)))
        loads.append((float(m.group(4)), m.group(5), m.group(6), m.group(7)))
        rss = max(rss, usage.ru_maxrss)
    loads.sort()
    return loads[len(loads) // 2], statistics.median(walls), rss, counts

mb = lambda b: f"{b / 1e6:.1f} MB"
(jl, jr, jp, jb), jwall, jrss, (nodes, edges) = run(json_path)
(sl, _, _, _), swall, srss, _ = run(snap)
ops = int(re.search(r"_(\d+)\.json$", json_path).group(1))
print(f"| {ops:,} | {mb(os.path.getsize(json_path))} | {nodes:,} / {edges:,} | {jl:.0f} ms ({jr} + {jp} + {jb}) "
      f"| {jwall * 1e3:.0f} ms | {jrss / 1024:.0f} MiB | {mb(os.path.getsize(snap))}, {sl:.1f} ms, {swall * 1e3:.0f} ms, "
      f"{srss / 1024:.0f} MiB |")
PY
done
