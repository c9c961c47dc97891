#!/usr/bin/env bash
# End-to-end comparison of etldag with the tools operators use today
# (networkx, python-igraph, jq), whole processes, side by side, one command:
#
#   bench/compare.sh                      # 100,000 ops, 5 repetitions, median
#   bench/compare.sh --with-1m            # plus etldag and the floor at 1,000,000 ops
#   bench/compare.sh --build-dir build --out /tmp/compare.md
#   bench/compare.sh --no-build --build-dir build --busy-core   # prebuilt binaries, both machine states
#
# What it does, in order:
#   1. builds `etldag`, `etldag_floor`, `etldag_load_bench` and
#      `etldag_floor_bench` (Release) in the build directory (configured first
#      if it has no CMakeCache.txt); with --no-build it only checks they exist;
#   2. installs missing peers with apt (tools/scripts/deps.sh python3-networkx
#      python3-igraph jq time) unless --no-install;
#   3. generates the graph(s) and durations with `etldag generate` (seed 42)
#      into the work directory (shared with the Google benchmarks, never in the
#      tree) and writes the snapshot with `etldag index`;
#   4. runs bench/compare_run.py, which times every command N times, the
#      commands interleaved round-robin, under /usr/bin/time -v (peak RSS), and
#      prints a Markdown report: the machine, every measurement, and a summary
#      table (measure, etldag, best peer, ratio, peak RSS, target),
#      plus warnings when the tools' answers disagree;
#   5. (in compare_run.py) runs the single-thread Google benchmarks BM_Parse
#      and BM_Floor at --ops on the same file, and prints the performance goals
#      table: every goal with its measured figure and met / not met, idle
#      and, with --busy-core, one core busy; "not measured (why)" for a figure
#      the run did not get, and a pointer to bench/load_sizes.sh for the 10M goal.
#
# Options:
#   --build-dir DIR   build directory (default: <repo>/build-bench)
#   --no-build        skip step 1: use the binaries already in --build-dir (does
#                     not configure, build or write anything there; exits 2
#                     naming what is missing)
#   --ops N           size of the compared graph (default 100000)
#   --with-1m         also time etldag and the simdjson floor at 1,000,000 ops
#                     (no peers at that size: networkx needs minutes and GBs)
#   --reps N          repetitions of each measure (default 5; median reported)
#   --slow-reps N     repetitions of the slow peers: jq closure and the
#                     ranking peers (default 3)
#   --sample N        nodes the ranking peers process (default 1000); their
#                     all-nodes time is extrapolated from it, and said so
#   --work-dir DIR    where inputs go (default $ETLDAG_BENCH_DIR or /tmp/etldag-bench)
#   --no-install      do not install missing peers (their rows are skipped)
#   --busy-core       time everything at --ops a second time with one core kept
#                     busy by a spinning shell the script starts and stops
#                     (`timeout N sh -c 'while :; do :; done'`); the summary
#                     gains the busy columns, and so does the goals table.
#                     Doubles the run time.
#   --out FILE        also write the report to FILE
# Exit status: 0, or 1 when a tool failed or answers disagree (the report is
# still printed), 2 on a usage error (or, with --no-build, a missing binary).
set -euo pipefail
export LC_ALL=C

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
command_line="bench/compare.sh$(printf ' %q' "$@")"  # for the report
build_dir=$root/build-bench
build=1
ops=100000
with_1m=0
reps=5
slow_reps=3
sample=1000
work_dir=${ETLDAG_BENCH_DIR:-/tmp/etldag-bench}
install=1
busy_core=0
out=""

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
need_value() { [ $# -ge 2 ] || { echo "compare.sh: $1 needs a value" >&2; exit 2; }; }
while [ $# -gt 0 ]; do
  case $1 in
    --build-dir) need_value "$@"; build_dir=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --ops) need_value "$@"; ops=$2; shift 2 ;;
    --with-1m) with_1m=1; shift ;;
    --reps) need_value "$@"; reps=$2; shift 2 ;;
    --slow-reps) need_value "$@"; slow_reps=$2; shift 2 ;;
    --sample) need_value "$@"; sample=$2; shift 2 ;;
    --work-dir) need_value "$@"; work_dir=$2; shift 2 ;;
    --no-install) install=0; shift ;;
    --busy-core) busy_core=1; shift ;;
    --out) need_value "$@"; out=$2; shift 2 ;;
    -h|--help) usage ;;
    *) echo "compare.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
for v in "$ops" "$reps" "$slow_reps" "$sample"; do
  [[ $v =~ ^[1-9][0-9]*$ ]] || { echo "compare.sh: expected a positive integer, got '$v'" >&2; exit 2; }
done
note() { echo "compare: $*" >&2; }

# 1. Build (or, with --no-build, check what is there).
targets=(etldag etldag_floor etldag_load_bench etldag_floor_bench)
etldag=$build_dir/tools/etldag/etldag
floor=$build_dir/bench/etldag_floor
load_bench=$build_dir/bench/etldag_load_bench
floor_bench=$build_dir/bench/etldag_floor_bench
check_build_type() {
  local build_type
  build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build_dir/CMakeCache.txt" 2>/dev/null || true)
  [ "$build_type" = Release ] || note "warning: $build_dir is a '${build_type:-unknown}' build, not Release"
}
if [ "$build" = 1 ]; then
  if [ ! -f "$build_dir/CMakeCache.txt" ]; then
    note "configuring $build_dir (Release)"
    cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DETLDAG_BUILD_TESTS=OFF >/dev/null
  fi
  check_build_type
  note "building ${targets[*]} in $build_dir"
  cmake --build "$build_dir" -j"$(nproc)" --target "${targets[@]}" >/dev/null
else
  missing=()
  for bin in "$etldag" "$floor" "$load_bench" "$floor_bench"; do
    [ -x "$bin" ] || missing+=("$bin")
  done
  if ((${#missing[@]})); then
    echo "compare.sh: --no-build: not found or not executable: ${missing[*]}" >&2
    echo "  build them first: cmake --build $build_dir --target ${targets[*]}" >&2
    exit 2
  fi
  check_build_type
  note "--no-build: using the binaries in $build_dir as they are"
fi

# 2. Peers (apt only).
if [ "$install" = 1 ]; then
  "$root/tools/scripts/deps.sh" python3-networkx python3-igraph jq time
fi

# 3. Inputs: generated once, reused while their stamp exists.
mkdir -p "$work_dir"
prepare() {  # prepare OPS: spark_ops_OPS.json, durations_OPS.json, spark_ops_OPS.etldag
  local n=$1 json=$work_dir/spark_ops_$1.json dur=$work_dir/durations_$1.json
  if [ ! -f "$json.ok" ] || [ ! -f "$json" ] || [ ! -f "$dur" ]; then
    note "generating $n ops into $json"
    "$etldag" generate --ops "$n" --seed 42 --durations "$dur.tmp.$$" --output "$json.tmp.$$"
    mv "$dur.tmp.$$" "$dur" && mv "$json.tmp.$$" "$json"
    echo "etldag generate --ops $n --seed 42" > "$json.ok"
  fi
  local snap=$work_dir/spark_ops_$n.etldag
  if [ ! -f "$snap.ok" ] || [ ! -f "$snap" ] || [ "$snap" -ot "$json" ]; then
    note "indexing $json"
    "$etldag" index "$json" --output "$snap"
    echo "etldag index $json" > "$snap.ok"
  fi
}
prepare "$ops"
sizes=$ops
if [ "$with_1m" = 1 ] && [ "$ops" != 1000000 ]; then
  prepare 1000000
  sizes="$ops 1000000"
fi

# 4. Time and report.
args=(--etldag "$etldag" --floor "$floor" --load-bench "$load_bench" --floor-bench "$floor_bench"
      --peers "$root/bench/peers" --work-dir "$work_dir" --command "$command_line"
      --ops "$ops" --reps "$reps" --slow-reps "$slow_reps" --sample "$sample")
[ "$with_1m" = 1 ] && args+=(--big 1000000)
[ -n "$out" ] && args+=(--out "$out")
[ "$busy_core" = 1 ] && args+=(--busy-core)
note "timing (sizes: $sizes; $reps reps, $slow_reps for slow peers)"
exec /usr/bin/python3 "$root/bench/compare_run.py" "${args[@]}"
