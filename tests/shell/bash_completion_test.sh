#!/usr/bin/env bash
# Sources `etldag completion bash` and calls its function as bash does on
# <TAB>: COMP_WORDS = the words so far (the last one is being completed),
# COMP_CWORD = its index; the candidates come back in COMPREPLY.
#
#   bash_completion_test.sh ETLDAG SOURCE_DIR
set -uo pipefail
etldag=$(realpath "$1")
cd "$2" || exit 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/bin" && ln -s "$etldag" "$work/bin/etldag"
export PATH="$work/bin:$PATH"
# shellcheck disable=SC1090
source <(etldag completion bash) || { echo "FAIL: the script does not source"; exit 1; }
complete -p etldag | grep -q -- '-F _etldag' || { echo "FAIL: no 'complete -F _etldag etldag'"; exit 1; }
failed=0
# expect "WORDS..." EXPECTED...: the candidates for the last word, sorted.
expect() {
  local line=$1; shift
  read -r -a COMP_WORDS <<<"$line"
  [[ $line == *' ' ]] && COMP_WORDS+=("")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _etldag
  local got want
  got=$(printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ')
  want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
  if [ "$got" != "$want" ]; then
    echo "FAIL: '$line<TAB>'"; echo "  want: $want"; echo "  got:  $got"; failed=$((failed + 1))
  fi
}
expect "etldag down" downstream
expect "etldag crit" critical-path
expect "etldag --ver" --version
expect "etldag downstream data/spark_ops.json dataset/fx-m" dataset/fx-mapping dataset/fx-mapping-2 dataset/fx-monthly dataset/fx-movements-cleaned
expect "etldag downstream --depth 2 data/spark_ops.json dataset/fx-ma" dataset/fx-mapping dataset/fx-mapping-2
expect "etldag upstream data/spark_ops.json +nu-co/dataset/bol" +nu-co/dataset/boleto-seguro-matrix
expect "etldag select data/spark_ops.json @nu-co/dataset/bol" @nu-co/dataset/boleto-seguro-matrix
expect "etldag path data/spark_ops.json raw/insurance-log nu-mx/policy/cliente-str" nu-mx/policy/cliente-strategy
expect "etldag blast-radius data/spark_ops.json x --exclude nu-co/dataset/bol" nu-co/dataset/boleto-seguro-matrix
expect "etldag rerun-plan data/spark_ops.json --failed nu-co/dataset/bol" nu-co/dataset/boleto-seguro-matrix
expect "etldag downstream data/spark_ops.json x --format " dot json names
expect "etldag critical-path data/spark_ops.json --format t" text
expect "etldag downstream data/spark_ops.json x --dep" --depth
expect "etldag stats data/spark_ops.json --no-t" --no-timings
expect "etldag safe-to-skip data/spark_ops.json x --color a" always auto
expect "etldag safe-to-skip data/spark_ops.json x --col" --color
expect "etldag critical-path data/spark_ops.json --durations data/dur" data/durations.json
expect "etldag stats data/spark_ops.j" data/spark_ops.json
expect "etldag downstream data/spark_ops.json --depth " 
expect "etldag downstream data/spark_ops.json no-such-prefix/" 
expect "etldag downstream missing.json dataset/fx-m" 
expect "etldag completion " bash nodes zsh
expect "etldag help safe" safe-to-skip
# An index of the sample, as operators use it: names from the snapshot.
etldag index data/spark_ops.json -o "$work/g.etldag" 2>/dev/null
expect "etldag downstream $work/g.etldag dataset/fx-ma" dataset/fx-mapping dataset/fx-mapping-2
[ "$failed" -eq 0 ] && echo "bash completion: all cases pass"
[ "$failed" -eq 0 ]
