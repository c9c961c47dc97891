#!/usr/bin/env bash
# Fails (exit 1, one "FILE:LINE: ..." line per violation on stderr) when a
# C++ file under ROOT/{engine,tools,tests,bench} includes a header its row of
# the module table does not allow, when a public engine header includes a
# private (internal/) one, or when a third-party header crosses its wall.
# Usage: check_includes.sh ROOT [TABLE]   (TABLE: default
# ROOT/tests/boundaries/module_table.txt)
set -euo pipefail
root=${1:?usage: check_includes.sh ROOT [TABLE]}
table=$(realpath "${2:-$root/tests/boundaries/module_table.txt}")
cd "$root"
dirs=()
for d in engine tools tests bench; do [ -d "$d" ] && dirs+=("$d"); done
((${#dirs[@]})) || { echo "check_includes: no engine/, tools/, tests/ or bench/ under $root" >&2; exit 2; }
# Every #include "..." line of every .h/.cc/.cpp/.hpp file, as FILE:LINE:TEXT.
find "${dirs[@]}" -type f \( -name '*.h' -o -name '*.cc' -o -name '*.hpp' -o -name '*.cpp' \) -print0 |
  sort -z | xargs -0 -r grep -nHE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]' /dev/null |
  awk -v table="$table" '
function fail(where, msg) { print where ": " msg > "/dev/stderr"; bad++ }
# Does ALLOWED entry e admit include path p?
function admits(e, p,   rest, mod) {
  if (e == "*") return 1
  if (e ~ /\/\*$/) {                       # X/*: public headers of every module under X
    sub(/\/\*$/, "", e)
    if (index(p, e "/") != 1) return 0
    rest = substr(p, length(e) + 2)
    mod = rest; sub(/\/.*/, "", mod)
    return index(rest, mod "/internal/") != 1
  }
  if (index(p, e "/") != 1) return 0
  if (e ~ /\/internal$/) return 1
  return index(p, e "/internal/") != 1     # engine/M admits M public headers only
}
# The row of a file: its longest matching folder.
function row_of(f,   best, d) {
  best = ""
  for (d in allow) if ((f == d || index(f, d "/") == 1) && length(d) > length(best)) best = d
  return best
}
BEGIN {
  while ((getline line < table) > 0) {
    sub(/#.*/, "", line)
    if (line !~ /[^[:space:]]/) continue
    is_wall = (line ~ /^wall[[:space:]]/)
    if (is_wall) sub(/^wall[[:space:]]+/, "", line)
    split(line, parts, ":")
    key = parts[1]; gsub(/[[:space:]]/, "", key)
    val = substr(line, length(parts[1]) + 2)
    gsub(/^[[:space:]]+|[[:space:]]+$/, "", val)
    if (is_wall) { walls[key] = val } else { allow[key] = val }
    n_rows++
  }
  if (n_rows == 0) { print "check_includes: empty module table " table > "/dev/stderr"; exit 2 }
}
{
  # FILE:LINE:TEXT
  file = $0; sub(/:.*/, "", file)
  rest = substr($0, length(file) + 2)
  lineno = rest; sub(/:.*/, "", lineno)
  text = substr(rest, length(lineno) + 2)
  where = file ":" lineno
  quoted = (text ~ /include[[:space:]]*"/)
  p = text; sub(/^[^<"]*[<"]/, "", p); sub(/[>"].*/, "", p)
  if (!(file in seen)) {
    seen[file] = 1
    rows[file] = row_of(file)
    if (rows[file] == "") fail(file, "not covered by any row of the module table (" table ")")
  }
  r = rows[file]
  for (w in walls) if (index(p, w) == 1) {
    ok = 0; nw = split(walls[w], wd, /[[:space:]]+/)
    for (i = 1; i <= nw; i++) if (file == wd[i] || index(file, wd[i] "/") == 1) ok = 1
    if (!ok) fail(where, "includes <" p ">: " w " may only be used under " walls[w])
  }
  if (!quoted || p !~ /^(engine|tools|tests|bench)\//) next
  # A public engine header must not expose a private one.
  if (file ~ /^engine\/[^\/]+\/[^\/]+\.h$/ && p ~ /^engine\/[^\/]+\/internal\//)
    fail(where, "public header includes private \"" p "\" (move it out of internal/ or include it from a .cc)")
  if (r == "") next
  n = split(allow[r], es, /[[:space:]]+/); ok = 0
  for (i = 1; i <= n; i++) if (admits(es[i], p)) { ok = 1; break }
  if (!ok) fail(where, "includes \"" p "\" across the module table: " r "/ may include " allow[r])
}
END {
  if (bad) { print "check_includes: " bad " violation(s)" > "/dev/stderr"; exit 1 }
  print "check_includes: " length(seen) " files, no violation"
}'
