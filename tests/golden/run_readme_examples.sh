#!/usr/bin/env bash
# The README's examples are real: every `$ etldag ...` command of a
# ```console block is run from the repository root (with `etldag` on PATH)
# and its output — stdout and stderr together, as a terminal shows them —
# must equal the lines printed under it in the README, up to the next `$`.
# Skipped, and counted: commands that read a file the repository does not
# hold (the README's failed.txt, result.json, ... are illustrations), that
# an earlier shown command wrote (`> broken.json`), that pipe into a program
# this machine lacks (jq, dot), and `stats` without
# --no-timings (its load time and memory vary by run).
#
#   run_readme_examples.sh ETLDAG SOURCE_DIR
set -uo pipefail
etldag=$(realpath "$1")
src=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
ln -s "$etldag" "$work/bin/etldag"
export PATH="$work/bin:$PATH" NO_COLOR=1

# Split the console blocks into case files: N.cmd (one line) and N.out.
awk -v dir="$work" '
  /^```console/ { inblock = 1; next }
  /^```/ && inblock { inblock = 0; if (n) close(out); next }
  !inblock { next }
  /^\$ / {
    cmd = substr($0, 3)
    while (cmd ~ /\\$/ && (getline line) > 0) { sub(/\\$/, "", cmd); sub(/^ +/, "", line); cmd = cmd line }
    if (n) close(out)
    n++; out = dir "/" n ".out"; printf "" > out
    print cmd > (dir "/" n ".cmd"); close(dir "/" n ".cmd")
    next
  }
  n { print >> out }
' "$src/README.md"

ran=0 skipped=0 failed=0
for c in $(ls "$work" | grep '\.cmd$' | sort -n); do
  n=${c%.cmd}
  cmd=$(cat "$work/$c")
  case $cmd in etldag*) ;; *) continue ;; esac
  skip=""
  for tok in $cmd; do
    tok=${tok//\'/}
    case $tok in
      *.json|*.txt|*.etldag|*.csv) [ -e "$src/$tok" ] || skip="needs $tok" ;;
      file:*) [ -e "$src/${tok#file:}" ] || skip="needs ${tok#file:}" ;;
    esac
  done
  case $cmd in *'>'*|*--output*|*' -o '*|*'etldag index'*) skip="writes a file" ;; esac
  # Programs the pipeline needs beyond etldag (jq, dot, ...) may be absent here.
  for prog in $(grep -o '|[[:space:]]*[A-Za-z0-9_.-]*' <<<"$cmd" | tr -d '| \t'); do
    command -v "$prog" >/dev/null 2>&1 || skip="needs $prog"
  done
  case $cmd in "etldag stats"*) [[ $cmd == *--no-timings* || $cmd == *--format\ json* ]] || skip="timings vary" ;; esac
  if [ -n "$skip" ]; then skipped=$((skipped + 1)); continue; fi
  ran=$((ran + 1))
  # Trailing blank lines of the README block are not output.
  expected=$(sed -e ':a' -e '/^\n*$/{$d;N;ba' -e '}' "$work/$n.out")
  actual=$(cd "$src" && bash -c "{ $cmd
} 2>&1")  # the newline ends a trailing '# comment' 
  if [ "$actual" != "$expected" ]; then
    failed=$((failed + 1))
    echo "FAIL: \$ $cmd"
    diff <(echo "$expected") <(echo "$actual") | head -10 | sed 's/^/    /'
  fi
done
echo "README examples: $ran run, $skipped skipped, $failed failed"
[ "$ran" -ge 30 ] && [ "$failed" -eq 0 ]
