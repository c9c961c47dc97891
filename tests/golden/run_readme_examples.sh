#!/usr/bin/env bash
# The documentation's examples are real: every `$ etldag ...` command of a
# ```console block is run from the repository root (with `etldag` on PATH)
# and its output — stdout and stderr together, as a terminal shows them —
# must equal the lines printed under it, up to the next `$`.
#
# Pages: README.md, docs/*.md, bench/README.md, tests/README.md and every
# engine/**/README.md (or only the PAGE arguments, relative to SOURCE_DIR).
#
# Skip rules (each skipped example is listed with its reason):
#   - "needs FILE": it reads a file that neither the repository nor an
#     earlier example of the page provides (a `$ cat FILE` block provides
#     FILE: the lines it shows are written to the scratch directory);
#   - "needs PROG": it pipes into a program this machine lacks (jq, dot);
# The numbers of `stats`' load time and peak RSS lines vary by run: on those
# lines digits are compared as one placeholder.
# Each page runs in its own scratch directory whose entries link to the
# repository's (data/, tests/, ...): examples that write files (`> broken.json`,
# `-o FILE`, `etldag index`) run, in page order, and later examples read
# what they wrote; the repository is never written.
# Commands not starting with `etldag` (`cat`, `echo $?`, `printf ... |`) are
# shown, not run: their output lines belong to no example.
#
#   run_readme_examples.sh ETLDAG SOURCE_DIR [PAGE...]
set -uo pipefail
etldag=$(realpath "$1")
src=$(realpath "$2")
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/cases"
ln -s "$etldag" "$work/bin/etldag"
export PATH="$work/bin:$PATH" NO_COLOR=1

pages=("$@")
if ((${#pages[@]} == 0)); then
  pages=(README.md)
  while IFS= read -r p; do pages+=("$p"); done < <(
    cd "$src" && { ls docs/*.md 2>/dev/null; ls bench/README.md tests/README.md 2>/dev/null
                   find engine -name README.md 2>/dev/null | sort; })
fi

# split PAGE DIR: the page's console blocks into case files DIR/N.cmd (one
# line) and DIR/N.out.
split() {
  awk -v dir="$2" '
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
  ' "$1"
}

# skip_reason CMD OUT: prints why CMD (shown output in file OUT) is not run,
# or nothing.
skip_reason() {
  local cmd=$1 out=$2 scratch=$3 tok prog f
  # Files it writes (after '>' or -o/--output FILE) need not exist yet.
  local writes
  writes=$(grep -oE '(>|(-o|--output) ) ?[^ |;]+' <<<"$cmd" | sed -E 's/^(>|-o|--output) ?//')
  for tok in $cmd; do
    tok=${tok//\'/}
    case $tok in
      *file:*) f=${tok#*file:}; f=${f%%+*} ;;
      *.json|*.txt|*.etldag|*.csv|*.gz) f=$tok ;;
      *) continue ;;
    esac
    grep -qxF -- "$f" <<<"$writes" && continue
    [ -e "$scratch/$f" ] || { echo "needs $f"; return; }
  done
  # Programs a pipeline runs (a '|' inside single quotes is not a pipe).
  for prog in $(sed "s/'[^']*'//g" <<<"$cmd" | grep -o '|[[:space:]]*[A-Za-z0-9_.-]*' | tr -d '| \t'); do
    command -v "$prog" >/dev/null 2>&1 || { echo "needs $prog"; return; }
  done
  return 0
}

ran=0 skipped=0 failed=0
for page in "${pages[@]}"; do
  [ -f "$src/$page" ] || { echo "FAIL: no page $page"; failed=$((failed + 1)); continue; }
  dir="$work/cases/${page//\//_}"
  scratch="$work/scratch/${page//\//_}"
  mkdir -p "$dir" "$scratch"
  for entry in "$src"/*; do ln -s "$entry" "$scratch/$(basename "$entry")"; done
  split "$src/$page" "$dir"
  p_ran=0 p_skipped=0
  for c in $(ls "$dir" | grep '\.cmd$' | sort -n); do
    n=${c%.cmd}
    cmd=$(cat "$dir/$c")
    # `$ cat FILE` shows a file the page's later examples read: unless the
    # repository has it, it is written to the scratch directory as shown.
    if [[ $cmd =~ ^cat\ ([A-Za-z0-9_./-]+)$ ]] && [ ! -e "$scratch/${BASH_REMATCH[1]}" ]; then
      sed -e ':a' -e '/^\n*$/{$d;N;ba' -e '}' "$dir/$n.out" > "$scratch/${BASH_REMATCH[1]}"
      continue
    fi
    case $cmd in etldag*) ;; *) continue ;; esac
    skip=$(skip_reason "$cmd" "$dir/$n.out" "$scratch")
    if [ -n "$skip" ]; then
      p_skipped=$((p_skipped + 1))
      echo "skip ($skip): $page: \$ $cmd"
      continue
    fi
    p_ran=$((p_ran + 1))
    # Trailing blank lines of a block are not output.
    expected=$(sed -e ':a' -e '/^\n*$/{$d;N;ba' -e '}' "$dir/$n.out")
    actual=$(cd "$scratch" && bash -c "{ $cmd
} 2>&1")  # the newline ends a trailing '# comment'
    mask() { sed -E '/^(load time|peak RSS) /s/[0-9]+(\.[0-9]+)?/N/g'; }
    expected=$(mask <<<"$expected") actual=$(mask <<<"$actual")
    if [ "$actual" != "$expected" ]; then
      failed=$((failed + 1))
      echo "FAIL: $page: \$ $cmd"
      diff <(echo "$expected") <(echo "$actual") | head -10 | sed 's/^/    /'
    fi
  done
  echo "$page: $p_ran run, $p_skipped skipped"
  ran=$((ran + p_ran)) skipped=$((skipped + p_skipped))
done
echo "documentation examples: $ran run, $skipped skipped, $failed failed (${#pages[@]} pages)"
# A parser that silently stopped finding examples would pass with 0 run.
[ "$ran" -ge "${ETLDAG_MIN_EXAMPLES:-30}" ] && [ "$failed" -eq 0 ]
