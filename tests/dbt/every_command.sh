#!/usr/bin/env bash
# Every etldag command loads every real manifest of data/dbt/ (gzip-compressed)
# and its snapshot, and answers: exit 0 (1 is the negative answer some
# commands give, e.g. safe-to-skip), stdout not empty. Usage:
#   every_command.sh ETLDAG SOURCE_DIR
set -u
etldag=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
for m in "$src"/data/dbt/*.manifest.json.gz; do
  name=$(basename "$m" .manifest.json.gz)
  snap=$tmp/$name.etldag
  "$etldag" index "$m" -o "$snap" 2> "$tmp/err" || { echo "FAIL index $name: $(cat "$tmp/err")"; failed=1; continue; }
  # a model with a parent and a child (the first one in name order)
  node=$("$etldag" select "$m" 'resource_type:model' | while read -r n; do
    if [[ -n $("$etldag" upstream "$m" "$n" --count 2>/dev/null | grep -v '^0$') && \
          -n $("$etldag" downstream "$m" "$n" --count 2>/dev/null | grep -v '^0$') ]]; then echo "$n"; break; fi; done)
  [[ -n $node ]] || { echo "FAIL $name: no model with parents and children"; failed=1; continue; }
  up=$("$etldag" upstream "$m" "$node" | head -n 1)
  for g in "$m" "$snap"; do
    while IFS= read -r line; do
      read -r -a args <<< "$line"
      "$etldag" "${args[@]}" > "$tmp/out" 2> "$tmp/err"
      code=$?
      if [[ $code -gt 1 || ! -s $tmp/out ]]; then
        echo "FAIL $name: etldag ${args[*]} -> exit $code: $(head -c 300 "$tmp/err")"
        failed=1
      fi
    done <<EOC
stats $g
validate $g
downstream $g $node
upstream $g $node
select $g $node+ --format json
path $g $up $node
blast-radius $g $node
safe-to-skip $g $node
retraction-set $g $node
levels $g
critical-path $g
rerun-plan $g --failed $node
EOC
  done
done
exit $failed
