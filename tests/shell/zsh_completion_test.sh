#!/usr/bin/env bash
# `etldag completion zsh`, driven the way zsh drives it: the script is
# sourced in `zsh -f`, `words`/`CURRENT` are set to the command line so far,
# and `_etldag` is called with zsh's completion builtins replaced by stubs
# that record the candidates (compadd, _describe and _files keep those
# starting with the word under the cursor, as zsh's matcher does). Also
# `zsh -n` and the #compdef line. zsh is a test dependency
# (tools/scripts/deps.sh).
#
#   zsh_completion_test.sh ETLDAG SOURCE_DIR
set -uo pipefail
etldag=$(realpath "$1")
cd "$2" || exit 2
if ! command -v zsh >/dev/null; then echo "FAIL: zsh is missing (tools/scripts/deps.sh installs it)"; exit 1; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/bin" && ln -s "$etldag" "$work/bin/etldag"
"$etldag" completion zsh >"$work/_etldag" || exit 1
head -1 "$work/_etldag" | grep -qx '#compdef etldag' || { echo "FAIL: no #compdef line"; exit 1; }
zsh -n "$work/_etldag" || { echo "FAIL: zsh -n"; exit 1; }
"$etldag" index data/spark_ops.json -o "$work/g.etldag" 2>/dev/null || exit 1
cat >"$work/driver.zsh" <<'ZSH'
reply=()
compdef() { :; }
_keep() { local c; for c in "$@"; do [[ $c == "$words[CURRENT]"* ]] && reply+=("$c"); done; }
compadd() { [[ $1 == -- ]] && shift; _keep "$@"; }
_describe() { local -a list; list=("${(@P)4}"); _keep "${list[@]%%:*}"; }
_files() { _keep $words[CURRENT]*(N); }
_message() { reply+=("<$1>"); }
source "$WORK/_etldag" || { print "FAIL: the script does not source"; exit 1; }
failed=0
# expect "WORDS..." EXPECTED...: the candidates for the last word, sorted.
expect() {
  local line=$1; shift
  words=(${=line})
  [[ $line == *' ' ]] && words+=("")
  CURRENT=$#words
  reply=()
  _etldag
  local -a g w
  g=("${(@o)reply}"); w=("${(@o)@}")
  local got="${(j: :)g}" want="${(j: :)w}"
  if [[ $got != "$want" ]]; then
    print -r -- "FAIL: '$line<TAB>'"; print -r -- "  want: $want"; print -r -- "  got:  $got"
    (( failed++ ))
  fi
}
expect "etldag down" downstream
expect "etldag crit" critical-path
expect "etldag tri" triage
expect "etldag downstream data/spark_ops.json dataset/fx-m" dataset/fx-mapping dataset/fx-mapping-2 dataset/fx-monthly dataset/fx-movements-cleaned
expect "etldag downstream --depth 2 data/spark_ops.json dataset/fx-ma" dataset/fx-mapping dataset/fx-mapping-2
expect "etldag upstream data/spark_ops.json +nu-co/dataset/bol" +nu-co/dataset/boleto-seguro-matrix
expect "etldag select data/spark_ops.json @nu-co/dataset/bol" @nu-co/dataset/boleto-seguro-matrix
expect "etldag blast-radius data/spark_ops.json x --exclude nu-co/dataset/bol" nu-co/dataset/boleto-seguro-matrix
expect "etldag downstream data/spark_ops.json x --format " dot json names
expect "etldag critical-path data/spark_ops.json --format t" text
expect "etldag safe-to-skip data/spark_ops.json x --format " dot json names text
expect "etldag downstream data/spark_ops.json x --dep" --depth
expect "etldag safe-to-skip data/spark_ops.json x --col" --color
expect "etldag stats data/spark_ops.json --no-t" --no-timings
expect "etldag safe-to-skip data/spark_ops.json x --color a" always auto
expect "etldag critical-path data/spark_ops.json --durations data/dur" data/durations.json
expect "etldag stats data/spark_ops.j" data/spark_ops.json
expect "etldag downstream data/spark_ops.json --depth " "<value>"
expect "etldag downstream data/spark_ops.json no-such-prefix/"
expect "etldag downstream missing.json dataset/fx-m"
expect "etldag completion " bash nodes zsh
expect "etldag help safe" safe-to-skip
expect "etldag downstream $WORK/g.etldag dataset/fx-ma" dataset/fx-mapping dataset/fx-mapping-2
(( failed == 0 )) && print "zsh completion: all cases pass"
exit $(( failed > 0 ))
ZSH
PATH="$work/bin:$PATH" WORK="$work" zsh -f "$work/driver.zsh"
