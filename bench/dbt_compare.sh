#!/usr/bin/env bash
# `etldag select MANIFEST 'tag:x+'` against what dbt does before it selects
# (bench/dbt_select.py: Python json.load + a networkx DiGraph + the same
# selection), whole process each, on a generated manifest of about 50,000
# nodes (`etldag generate --format manifest --ops 41000 --seed 42`). Checks
# that both print the same unique_ids, then prints the median wall clock of
# N runs (default 5, interleaved) and the ratio: the numbers of bench/README.md
# ("dbt manifest: etldag vs json.load + networkx").
#
#   bench/dbt_compare.sh [--build-dir DIR] [--work-dir DIR] [--reps N] [--ops N]
# Needs python3-networkx (Debian; installed by tools/scripts/deps.sh).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=$root/build-bench work_dir=${ETLDAG_BENCH_DIR:-/tmp/etldag-bench} reps=5 ops=41000
while [ $# -gt 0 ]; do
  case $1 in
    --build-dir) build_dir=$2; shift 2 ;;
    --work-dir) work_dir=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --ops) ops=$2; shift 2 ;;
    *) echo "dbt_compare.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
python3 -c 'import networkx' 2>/dev/null || { echo "dbt_compare.sh: needs python3-networkx (apt-get install python3-networkx)" >&2; exit 2; }
[ -f "$build_dir/CMakeCache.txt" ] || cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DETLDAG_BUILD_TESTS=OFF >/dev/null
cmake --build "$build_dir" -j"$(nproc)" --target etldag >/dev/null
e=$build_dir/tools/etldag/etldag
mkdir -p "$work_dir"
m=$work_dir/manifest_$ops.json
[ -f "$m" ] || "$e" generate --format manifest --ops "$ops" --seed 42 --output "$m" 2>/dev/null
nodes=$("$e" stats "$m" --no-timings | awk '$1 == "nodes" {print $2; exit}')
"$e" select "$m" 'tag:x+' > "$work_dir/etldag.txt"
python3 "$root/bench/dbt_select.py" "$m" x > "$work_dir/python.txt"
if ! cmp -s "$work_dir/etldag.txt" "$work_dir/python.txt"; then
  echo "dbt_compare.sh: the selections differ:" >&2
  diff "$work_dir/etldag.txt" "$work_dir/python.txt" | head >&2
  exit 1
fi
now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
: > "$work_dir/t_etldag" ; : > "$work_dir/t_python"
for _ in $(seq "$reps"); do
  t0=$(now); "$e" select "$m" 'tag:x+' > /dev/null; t1=$(now)
  python3 "$root/bench/dbt_select.py" "$m" x > /dev/null; t2=$(now)
  echo "$t1 - $t0" | bc >> "$work_dir/t_etldag"
  echo "$t2 - $t1" | bc >> "$work_dir/t_python"
done
te=$(median < "$work_dir/t_etldag") tp=$(median < "$work_dir/t_python")
echo "manifest: $m ($(stat -c %s "$m") bytes, $nodes nodes; $(grep -c . "$work_dir/etldag.txt") selected by both; load average $(cut -d' ' -f1 /proc/loadavg))"
printf '| etldag select %s | %.3f s |\n| json.load + networkx + selection | %.3f s |\n| ratio | %.1fx |\n' \
  "'tag:x+'" "$te" "$tp" "$(echo "$tp / $te" | bc -l)"
