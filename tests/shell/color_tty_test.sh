#!/usr/bin/env bash
# --color auto on a real terminal (script(1) from bsdutils gives etldag a pty
# as stdout): colour on a TTY, none with NO_COLOR set and non-empty, none
# with TERM=dumb, colour again with NO_COLOR empty or --color always.
#   color_tty_test.sh ETLDAG SOURCE_DIR
set -u
etldag=$1
cd "$2" || exit 2
graph=tests/golden/fixtures/diamond.json
fail=0
run() {  # run ENV... -- ARGS...: etldag's stdout through a pty, escapes shown as ^[
  local envs=()
  while [[ $1 != -- ]]; do envs+=("$1"); shift; done
  shift
  env "${envs[@]}" script -qec "$(printf '%q ' "$etldag" "$@")" /dev/null | cat -v
}
expect() {  # expect yes|no DESCRIPTION ENV... -- ARGS...
  local want=$1 what=$2
  shift 2
  local got=no
  run "$@" | grep -q '\^\[' && got=yes
  if [[ $got != "$want" ]]; then
    echo "FAIL: $what: colour $got, want $want"
    fail=1
  fi
}
expect yes "auto on a terminal" TERM=xterm -- safe-to-skip $graph dataset/daily
expect no "NO_COLOR=1" TERM=xterm NO_COLOR=1 -- safe-to-skip $graph dataset/daily
expect yes "NO_COLOR empty" TERM=xterm NO_COLOR= -- safe-to-skip $graph dataset/daily
expect no "TERM=dumb" TERM=dumb -- safe-to-skip $graph dataset/daily
expect yes "--color always beats NO_COLOR" TERM=xterm NO_COLOR=1 -- safe-to-skip $graph dataset/daily --color always
expect no "--color never" TERM=xterm -- safe-to-skip $graph dataset/daily --color never
expect no "names output" TERM=xterm -- safe-to-skip $graph dataset/daily --format names --color always
expect no "json output" TERM=xterm -- safe-to-skip $graph dataset/daily --format json --color always
[[ $fail == 0 ]] && echo "color on a terminal: ok"
exit $fail
