#!/usr/bin/env bash
# Bounded libFuzzer runs of every fuzz target (needs clang-14 and
# libclang-rt-14-dev; tools/scripts/test.sh installs them).
#
#   tests/fuzz/run_fuzz.sh [--seconds N] [--build-dir DIR] [--prebuilt] [--corpus-out DIR] [TARGET...]
#
# --prebuilt: DIR already holds the targets (an ETLDAG_FUZZ=ON build, as
# tools/scripts/test.sh makes for its sanitizer stage): no configure/build.
#
# Builds the targets with clang into DIR (default: build-fuzz; CMake option
# ETLDAG_FUZZ=ON), then runs each TARGET (default: all of spark_ops selector
# durations committed name_list snapshot dbt_manifest) for N seconds (default 30) with -seed=1 on a
# copy of its seed corpus tests/fuzz/corpus/<target>/ (a temporary copy unless
# --corpus-out: the repository is never modified). Fails on any crash, leak,
# timeout (>10 s per input), OOM or invariant violation; the offending input
# is saved as DIR/fuzz-artifacts/<target>-crash-* and reproduced with
#   DIR/tests/fuzz/etldag_fuzz_<target> DIR/fuzz-artifacts/<target>-crash-...
#
# Long runs (e.g. overnight, one core per target, keeping the grown corpus
# for the next run; add interesting finds to tests/fuzz/corpus/ by hand):
#   tests/fuzz/run_fuzz.sh --seconds 28800 --corpus-out ~/etldag-corpus snapshot &
#   tests/fuzz/run_fuzz.sh --seconds 28800 --corpus-out ~/etldag-corpus spark_ops &
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=30 build=build-fuzz corpus_out="" prebuilt=0 targets=()
while (($#)); do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --build-dir) build=$2; shift 2 ;;
    --corpus-out) corpus_out=$2; shift 2 ;;
    --prebuilt) prebuilt=1; shift ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    -*) echo "run_fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
((${#targets[@]})) || targets=(spark_ops selector durations committed name_list snapshot dbt_manifest)

if ((!prebuilt)); then
  cxx=$(command -v clang++-14 || command -v clang++ || true)
  [[ -n $cxx ]] || { echo "run_fuzz.sh: clang++-14 not found" >&2; exit 2; }
  cmake -S . -B "$build" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DETLDAG_FUZZ=ON -DETLDAG_WERROR=ON -DETLDAG_BUILD_BENCH=OFF >/dev/null
  cmake --build "$build" -j"$(nproc)" --target $(printf 'etldag_fuzz_%s ' "${targets[@]}")
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=()
for t in "${targets[@]}"; do
  corpus=${corpus_out:-$tmp}/$t
  mkdir -p "$corpus"
  cp -n tests/fuzz/corpus/"$t"/* "$corpus"/ 2>/dev/null || true
  dict=()
  [[ -f tests/fuzz/dict/$t.dict ]] && dict=(-dict="tests/fuzz/dict/$t.dict")
  echo "== fuzz $t: ${seconds}s"
  if "$build/tests/fuzz/etldag_fuzz_$t" "$corpus" "${dict[@]}" -seed=1 -max_total_time="$seconds" \
       -timeout=10 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 \
       -artifact_prefix="$artifacts/$t-" > "$tmp/$t.log" 2>&1; then
    grep -E '^stat::number_of_executed_units|^Done [0-9]+ runs' "$tmp/$t.log" | tail -n 2 || true
  else
    echo "== fuzz $t FAILED; the end of its log:"
    tail -n 60 "$tmp/$t.log"
    failed+=("$t")
  fi
done
if ((${#failed[@]})); then
  echo "run_fuzz.sh: failing targets: ${failed[*]} (inputs in $artifacts)" >&2
  exit 1
fi
echo "run_fuzz.sh: all targets ran ${seconds}s without a finding"
