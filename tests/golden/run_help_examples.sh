#!/usr/bin/env bash
# Runs the Example: lines of `etldag --help` and of every subcommand's --help
# on the bundled data/, as a user would paste them: in a scratch directory
# with data/ linked in, `etldag` on PATH (and a stub `retract`, the command
# the retraction-set example pipes into). Each example must end with exit 0
# or 1 (a negative answer) and print no "error:"; a usage error (2), a bad
# input (3), a cycle (4) or a signal fails the test: a help text must never
# show a command that does not work.
#
#   run_help_examples.sh ETLDAG SOURCE_DIR
set -uo pipefail
etldag=$(realpath "$1")
src=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/run"
ln -s "$etldag" "$work/bin/etldag"
printf '#!/bin/sh\necho "retracting $1"\n' > "$work/bin/retract"
chmod +x "$work/bin/retract"
ln -s "$src/data" "$work/run/data"
export PATH="$work/bin:$PATH"

# The example lines of one help text, continuation lines joined.
examples() {
  sed -n '/^Example:/,/^$/p' | sed '1d;/^$/d;s/^  //' | sed -e ':a' -e '/\\$/N; s/\\\n *//; ta'
}

commands=$("$etldag" --help | sed -n '/^Commands:/,/^$/p' | sed '1d;/^$/d' | awk '{print $1}')
[ -n "$commands" ] || { echo "no commands in etldag --help"; exit 1; }
failures=0 ran=0
for cmd in "" $commands; do
  help=$("$etldag" $cmd --help) || { echo "FAIL: etldag $cmd --help exited $?"; failures=$((failures + 1)); continue; }
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    ran=$((ran + 1))
    err=$(cd "$work/run" && bash -o pipefail -c "$line" 2>&1 >/dev/null)
    rc=$?
    if [ "$rc" -gt 1 ] || grep -q "error:" <<<"$err"; then
      echo "FAIL (exit $rc): $line"
      sed 's/^/    /' <<<"$err" | head -5
      failures=$((failures + 1))
    fi
  done < <(examples <<<"$help")
done
echo "$ran help examples run, $failures failed"
[ "$ran" -ge 15 ] && [ "$failures" -eq 0 ]
