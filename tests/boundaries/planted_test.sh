#!/usr/bin/env bash
# check_includes.sh on fake trees: a clean tree passes, and each planted
# violation fails with its FILE:LINE. Usage: planted_test.sh SOURCE_DIR
set -euo pipefail
src=${1:?usage: planted_test.sh SOURCE_DIR}
check=$src/tests/boundaries/check_includes.sh
table=$src/tests/boundaries/module_table.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

# put TREE FILE LINE... : writes FILE under TREE, one line per argument.
put() { local tree=$1 f=$2; shift 2; mkdir -p "$(dirname "$tree/$f")"; printf '%s\n' "$@" >"$tree/$f"; }

# A small tree that respects the table: public and private headers, tests
# reaching into internals, a commented-out include that must be ignored.
clean_tree() {
  local t=$1
  put "$t" engine/base/status.h '#include "absl/status/status.h"'
  put "$t" engine/graph/graph.h '#include "engine/base/status.h"'
  put "$t" engine/graph/internal/storage.h '#include "engine/graph/graph.h"'
  put "$t" engine/graph/graph.cc '#include "engine/graph/graph.h"' '#include "engine/graph/internal/storage.h"'
  put "$t" engine/load/spark_ops.h '#include "engine/graph/graph.h"'
  put "$t" engine/load/internal/op_reader.h '#include "engine/load/spark_ops.h"'
  put "$t" engine/load/spark_ops.cc '#include "engine/load/internal/op_reader.h"' '#include "simdjson.h"'
  put "$t" engine/algo/reach.h '#include "engine/graph/graph.h"' '// #include "engine/load/spark_ops.h"'
  put "$t" engine/query/select.cc '#include "engine/algo/reach.h"'
  put "$t" engine/output/names.cc '#include "engine/graph/graph.h"'
  put "$t" tools/gen/generator.cc '#include "tools/gen/generator.h"'
  put "$t" tools/etldag/main.cc '#include "engine/load/spark_ops.h"' '#include "tools/gen/generator.h"'
  put "$t" tests/load/op_reader_test.cc '#include "engine/load/internal/op_reader.h"' '#include "tests/testing/x.h"'
  put "$t" tests/algo/boost_test.cc '#include <boost/graph/topological_sort.hpp>'
  put "$t" bench/load_bench.cc '#include "engine/load/spark_ops.h"'
}

# expect NAME STATUS [TEXT]: runs the checker on $tmp/NAME; the exit status
# must be STATUS and stderr must contain TEXT.
expect() {
  local name=$1 want=$2 text=${3:-} got=0
  bash "$check" "$tmp/$name" "$table" >"$tmp/$name.out" 2>"$tmp/$name.err" || got=$?
  if [ "$got" != "$want" ] || { [ -n "$text" ] && ! grep -qF -- "$text" "$tmp/$name.err"; }; then
    echo "FAIL $name: exit $got (want $want), stderr must contain [$text]:"; cat "$tmp/$name.err"
    failures=$((failures + 1))
  else
    echo "ok   $name"
  fi
}

# plant NAME FILE LINE...: a clean tree plus one offending file.
plant() { local name=$1; shift; clean_tree "$tmp/$name"; put "$tmp/$name" "$@"; }

clean_tree "$tmp/clean"
expect clean 0

plant graph_uses_load engine/graph/bad.cc '#include "engine/graph/graph.h"' '#include "engine/load/spark_ops.h"'
expect graph_uses_load 1 'engine/graph/bad.cc:2: includes "engine/load/spark_ops.h" across the module table'

plant output_uses_algo engine/output/dot.h '#include "engine/algo/reach.h"'
expect output_uses_algo 1 'engine/output/dot.h:1: includes "engine/algo/reach.h"'

plant base_uses_graph engine/base/bitmap.h '  #  include "engine/graph/graph.h"'
expect base_uses_graph 1 'engine/base/bitmap.h:1:'

plant tool_uses_internal tools/etldag/cmd.cc '#include "engine/load/internal/op_reader.h"'
expect tool_uses_internal 1 'tools/etldag/cmd.cc:1: includes "engine/load/internal/op_reader.h"'

plant query_uses_algo_internal engine/query/eval.cc '#include "engine/algo/internal/parallel.h"'
expect query_uses_algo_internal 1 'engine/query/eval.cc:1:'

plant public_exposes_internal engine/load/durations.h '#include "engine/load/internal/op_reader.h"'
expect public_exposes_internal 1 'engine/load/durations.h:1: public header includes private'

plant gen_uses_graph tools/gen/topology.cc '#include "engine/graph/graph.h"'
expect gen_uses_graph 1 'tools/gen/topology.cc:1: includes "engine/graph/graph.h"'

plant simdjson_outside_load engine/graph/snapshot.cc '#include <simdjson.h>'
expect simdjson_outside_load 1 'engine/graph/snapshot.cc:1: includes <simdjson.h>'

plant boost_in_engine engine/algo/adapter.cc '#include "boost/graph/strong_components.hpp"'
expect boost_in_engine 1 'engine/algo/adapter.cc:1:'

plant uncovered_folder engine/extra/x.cc '#include "engine/base/status.h"'
expect uncovered_folder 1 'engine/extra/x.cc: not covered by any row'

if [ "$failures" != 0 ]; then echo "planted_test: $failures case(s) failed"; exit 1; fi
echo "planted_test: all cases passed"
