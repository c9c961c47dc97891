#!/usr/bin/env bash
# `etldag help --man` renders without a groff warning, and the rendered page
# holds every line of every `etldag help COMMAND` (the same text, from the
# same table).
#
#   man_page_test.sh ETLDAG
set -uo pipefail
etldag=$1
page=$(mktemp)
trap 'rm -f "$page"' EXIT
"$etldag" help --man >"$page" || { echo "FAIL: etldag help --man"; exit 1; }
head -1 "$page" | grep -q '^\.TH ETLDAG 1 ' || { echo "FAIL: no .TH line"; exit 1; }
if ! command -v groff >/dev/null; then echo "skip: no groff here (the page is generated)"; exit 0; fi
warnings=$(groff -man -Tascii -ww -z "$page" 2>&1)
[ -z "$warnings" ] || { echo "FAIL: groff warnings:"; echo "$warnings"; exit 1; }
rendered=$(groff -man -Tascii -P-cbou -rLL=200n "$page" 2>/dev/null | sed 's/^ *//; s/ *$//')
failed=0
for cmd in $("$etldag" --help | awk '/^Commands:/{on=1; next} on && /^  [a-z]/{print $1} on && /^$/{exit}'); do
  while IFS= read -r line; do
    line=$(sed 's/^ *//; s/ *$//' <<<"$line")
    [ -z "$line" ] && continue
    grep -qxF -- "$line" <<<"$rendered" || { echo "FAIL: $cmd: not in the man page: $line"; failed=1; }
  done < <("$etldag" help "$cmd")
done
[ "$failed" -eq 0 ] && echo "man page: renders cleanly, holds every command's help"
[ "$failed" -eq 0 ]
